import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { iatiOrganisationArb } from './arbitraries.js';
import { IatiExportError } from './errors.js';
import {
  organisationExportProblems,
  organisationXml,
  type IatiOrganisation,
} from './organisation.js';
import { parseXml } from './readback.testing.js';
import { writeIatiOrganisations } from './stream.js';
import { xmllint } from './xsd.testing.js';

const OPTS = { generatedAt: '2026-11-25T10:00:00Z' };

function coordinationBody(): IatiOrganisation {
  return {
    identifier: 'RS-MB-17862146',
    name: {
      en: 'Coordination Body for Preševo, Bujanovac and Medveđa',
      sq: 'Trupi Koordinues për Preshevë, Bujanoc dhe Medvegjë',
      'sr-Cyrl': 'Координационо тело',
    },
    reportingOrg: { ref: 'RS-MB-17862146', type: '10', name: { en: 'Coordination Body' } },
    lastUpdated: '2026-11-25T09:00:00Z',
    defaultLang: 'en',
    defaultCurrency: 'RSD',
    totalBudgets: [
      {
        status: '2',
        periodStart: '2026-01-01',
        periodEnd: '2026-12-31',
        value: { amount: '232855683.00', currency: null, valueDate: '2026-01-01' },
      },
    ],
  };
}

async function organisationFile(orgs: IatiOrganisation[]): Promise<string> {
  let xml = '';
  const result = await writeIatiOrganisations(orgs, (c) => void (xml += c), OPTS);
  expect(result.organisations).toBe(orgs.length);
  return xml;
}

describe('organisation file', () => {
  it('writes a valid file, in schema order', async () => {
    const xml = await organisationFile([coordinationBody()]);
    expect(xmllint(xml, 'organisations').status).toBe(0);
    const org = parseXml(xml).children[0];
    expect(org?.children.map((c) => c.name)).toEqual([
      'organisation-identifier',
      'name',
      'reporting-org',
      'total-budget',
    ]);
    expect(org?.attrs).toEqual({
      'last-updated-datetime': '2026-11-25T09:00:00Z',
      'xml:lang': 'en',
      'default-currency': 'RSD',
    });
  });

  it('writes the minimal content alone', async () => {
    const { totalBudgets: _, ...minimal } = coordinationBody();
    const bare = { ...minimal, lastUpdated: null, defaultLang: null, defaultCurrency: null };
    expect(organisationXml(bare)).toBe(
      '<iati-organisation><organisation-identifier>RS-MB-17862146</organisation-identifier>' +
        '<name><narrative xml:lang="en">Coordination Body for Preševo, Bujanovac and Medveđa</narrative>' +
        '<narrative xml:lang="sq">Trupi Koordinues për Preshevë, Bujanoc dhe Medvegjë</narrative>' +
        '<narrative xml:lang="sr-Cyrl">Координационо тело</narrative></name>' +
        '<reporting-org ref="RS-MB-17862146" type="10"><narrative xml:lang="en">Coordination Body</narrative></reporting-org>' +
        '</iati-organisation>',
    );
    expect(xmllint(await organisationFile([bare]), 'organisations').status).toBe(0);
  });

  it('writes generated organisations that the schema accepts', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(iatiOrganisationArb, { minLength: 20, maxLength: 20 }),
        async (orgs) => {
          const lint = xmllint(await organisationFile(orgs), 'organisations');
          expect(lint.messages).toContain('validates');
        },
      ),
      { numRuns: 3 },
    );
  });

  it('refuses an organisation without a name', () => {
    const org = { ...coordinationBody(), name: {} };
    expect(() => organisationXml(org)).toThrow(IatiExportError);
    expect(organisationExportProblems(org).map((p) => p.path)).toEqual(['name']);
  });
});
