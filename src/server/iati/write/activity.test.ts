import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IatiActivity } from '../iati.model.js';
import { activityExportProblems, activityXml } from './activity.js';
import { richActivity } from './activity.fixture.js';
import { iatiActivitiesArb } from './arbitraries.js';
import { IatiExportError } from './errors.js';
import { childrenNamed, narrativesOf, parseXml } from './readback.testing.js';
import { xmllint } from './xsd.testing.js';
import { XML_DECLARATION } from './xml.js';

const GENERATED = '2026-11-25T10:00:00Z';

function file(activities: readonly string[]): string {
  return `${XML_DECLARATION}<iati-activities version="2.03" generated-datetime="${GENERATED}">\n${activities.join('\n')}\n</iati-activities>\n`;
}

// The iati-activity sequence of iati-activities-schema.xsd, for the elements the model has.
const ORDER = [
  'iati-identifier',
  'reporting-org',
  'title',
  'description',
  'participating-org',
  'activity-status',
  'activity-date',
  'contact-info',
  'activity-scope',
  'recipient-country',
  'recipient-region',
  'location',
  'sector',
  'tag',
  'policy-marker',
  'collaboration-type',
  'default-flow-type',
  'default-finance-type',
  'default-aid-type',
  'default-tied-status',
  'budget',
  'planned-disbursement',
  'capital-spend',
  'transaction',
  'document-link',
  'related-activity',
  'conditions',
  'result',
];

describe('activityXml', () => {
  it('writes the hand-built activity, every field filled, valid against the 2.03 schema', () => {
    const a = richActivity();
    expect(activityExportProblems(a)).toEqual([]);
    const lint = xmllint(file([activityXml(a)]), 'activities');
    expect(lint.messages).toContain('validates');
    expect(lint.status).toBe(0);
  });

  it('writes every kind of child, in schema order', () => {
    const node = parseXml(activityXml(richActivity()));
    const names = node.children.map((c) => c.name);
    expect([...new Set(names)]).toEqual(ORDER);
  });

  it('writes attributes, amounts and codes as given', () => {
    const node = parseXml(activityXml(richActivity()));
    expect(node.attrs).toEqual({
      'last-updated-datetime': '2026-11-25T09:15:00Z',
      'xml:lang': 'en',
      'default-currency': 'EUR',
      humanitarian: '0',
      hierarchy: '2',
    });
    const [budget] = childrenNamed(node, 'budget');
    const value = budget && childrenNamed(budget, 'value')[0];
    expect(value?.text).toBe('1500000.00');
    expect(value?.attrs).toEqual({ 'value-date': '2024-01-01' });
    const tx = childrenNamed(node, 'transaction')[1];
    expect(tx?.children.map((c) => c.name)).toEqual([
      'transaction-type',
      'transaction-date',
      'value',
      'sector',
      'recipient-country',
      'recipient-region',
    ]);
    expect(tx && childrenNamed(tx, 'value')[0]?.text).toBe('-20');
  });

  it('leaves xml:lang off narratives in the default language only', () => {
    const a = richActivity();
    const node = parseXml(activityXml(a));
    const title = childrenNamed(node, 'title')[0];
    expect(title?.children.map((n) => n.attrs['xml:lang'] ?? null)).toEqual([
      null,
      'sq',
      'sr-Latn',
    ]);
    expect(title && narrativesOf(title, 'en')).toEqual(a.title);

    const noDefault = parseXml(activityXml({ ...a, defaultLang: null }));
    expect(noDefault.attrs['xml:lang']).toBeUndefined();
    const langs = childrenNamed(noDefault, 'title')[0]?.children.map((n) => n.attrs['xml:lang']);
    expect(langs).toEqual(['en', 'sq', 'sr-Latn']);
  });

  it('omits elements that have no data', () => {
    const a = richActivity();
    const bare: IatiActivity = {
      ...a,
      lastUpdated: null,
      defaultCurrency: null,
      humanitarian: null,
      hierarchy: null,
      contacts: [],
      scope: null,
      recipientCountries: [],
      recipientRegions: [],
      locations: [],
      sectors: [],
      tags: [],
      policyMarkers: [],
      collaborationType: null,
      defaultFlowType: null,
      defaultFinanceType: null,
      defaultAidTypes: [],
      defaultTiedStatus: null,
      budgets: [],
      plannedDisbursements: [],
      capitalSpend: null,
      transactions: [],
      documentLinks: [],
      relatedActivities: [],
      conditions: null,
      results: [],
      dates: [{ type: '1', isoDate: '2024-03-01', narrative: {} }],
    };
    const xml = activityXml(bare);
    expect(xml).toMatch(/^<iati-activity xml:lang="en">/);
    expect(parseXml(xml).children.map((c) => c.name)).toEqual([
      'iati-identifier',
      'reporting-org',
      'title',
      'description',
      'description',
      'participating-org',
      'participating-org',
      'activity-status',
      'activity-date',
    ]);
    expect(xml).toContain('<activity-date type="1" iso-date="2024-03-01"/>');
    expect(xmllint(file([xml]), 'activities').status).toBe(0);
  });

  it('refuses an activity the schema would reject, naming every reason', () => {
    const a: IatiActivity = {
      ...richActivity(),
      title: {},
      status: null,
      participatingOrgs: [],
      reportingOrg: { ref: null, type: '10', name: {}, secondaryReporter: null },
      budgets: [
        {
          type: null,
          status: null,
          periodStart: '2024-02-30',
          periodEnd: '2024-12-31',
          value: { amount: '1,500.00', currency: null, valueDate: '2024-01-01' },
        },
      ],
    };
    expect(() => activityXml(a)).toThrow(IatiExportError);
    const problems = activityExportProblems(a).map((p) => `${p.code} ${p.path ?? ''}`);
    expect(problems).toEqual([
      'export.required participating-org',
      'export.required activity-status',
      'export.required reporting-org/@ref',
      'export.required reporting-org/narrative',
      'export.required title',
      'export.value budget[1]/period-start/@iso-date',
      'export.value budget[1]/value/text()',
    ]);
  });

  it('warns about data 2.03 has no room for, and still writes valid XML', () => {
    const a = richActivity();
    a.recipientCountries = [
      { code: 'RS', vocabulary: '1', vocabularyUri: null, percentage: '100', narrative: {} },
    ];
    const sector = { code: '14030', vocabulary: '1', vocabularyUri: null, narrative: {} };
    a.transactions = a.transactions.map((t) => ({
      ...t,
      sectors: t.sectors.length > 0 ? [{ ...sector, percentage: '100' }] : [],
    }));
    const problems = activityExportProblems(a);
    expect(problems.map((p) => [p.severity, p.path])).toEqual([
      ['warning', 'recipient-country[1]'],
      ['warning', 'transaction[2]/sector[1]'],
    ]);
    expect(xmllint(file([activityXml(a)]), 'activities').status).toBe(0);
  });

  it('writes generated activities that the schema accepts (3 files of 50)', () => {
    fc.assert(
      fc.property(iatiActivitiesArb(50), (activities) => {
        const lint = xmllint(file(activities.map(activityXml)), 'activities');
        expect(lint.messages).toContain('validates');
        expect(lint.status).toBe(0);
      }),
      { numRuns: 3 },
    );
  });
});
