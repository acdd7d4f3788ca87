import { createReadStream, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  codes,
  collect,
  FIXTURES,
  goodActivity,
  iatiFile,
  parseText,
} from './parse.test-helpers.js';

const EXAMPLE = join(FIXTURES, 'iati-standard', 'activity-standard-example-annotated.xml');

describe('the official 2.03 example activity (every element)', async () => {
  const { activities, summary } = await collect(createReadStream(EXAMPLE));
  const [parsed] = activities;
  const a = parsed?.activity;

  it('reads the file header and one activity without a problem', () => {
    expect(summary).toMatchObject({ activities: 1, complete: true, problems: [] });
    expect(summary.file).toMatchObject({
      version: '2.03',
      generatedDatetime: '2014-09-10T07:15:37Z',
      linkedDataDefault: 'http://data.example.org/',
      position: { line: 5, column: 1 },
    });
    expect(parsed?.problems).toEqual([]);
    expect(parsed?.position).toEqual({ line: 8, column: 2 });
  });

  it('keeps the activity XML exactly as in the file', () => {
    const text = readFileSync(EXAMPLE, 'utf8');
    const start = text.indexOf('<iati-activity ');
    const end = text.indexOf('</iati-activity>') + '</iati-activity>'.length;
    expect(parsed?.xml).toBe(text.slice(start, end));
  });

  it('reads the activity attributes, organisations and texts in every language', () => {
    expect(a).toMatchObject({
      identifier: 'AA-AAA-123456789-ABC123',
      defaultLang: 'en',
      defaultCurrency: 'USD',
      lastUpdated: '2014-09-10T07:15:37Z',
      humanitarian: true,
      hierarchy: 1,
      reportingOrg: {
        ref: 'AA-AAA-123456789',
        type: '40',
        secondaryReporter: false,
        name: { en: 'Organisation name', fr: "Nom de l'organisme" },
      },
      title: { en: 'Activity title', fr: "Titre de l'activité", es: 'Título de la actividad' },
      status: '2',
      scope: '3',
    });
    expect(a?.descriptions.map((d) => d.type)).toEqual(['1', '2', '3']);
    expect(a?.participatingOrgs[2]).toEqual({
      ref: 'AA-AAA-123456789',
      type: '21',
      role: '3',
      activityId: 'AA-AAA-123456789-1234',
      crsChannelCode: '000000',
      name: { en: 'Name of Agency A', fr: "Nom de l'agence A" },
    });
    expect(a?.dates[0]).toEqual({
      type: '1',
      isoDate: '2012-04-15',
      narrative: {
        en: 'Planned start date of the activity',
        fr: "Date prévue de début de l'activité",
      },
    });
    expect(a?.contacts[0]).toMatchObject({
      type: '1',
      personName: { en: 'A. Example' },
      telephone: '0044111222333444',
      email: 'transparency@example.org',
      mailingAddress: { en: 'Transparency House, The Street, Town, City, Postcode' },
    });
  });

  it('reads geography and classifications', () => {
    expect(a?.recipientCountries.map((c) => [c.code, c.percentage])).toEqual([
      ['AF', '25'],
      ['AG', '25'],
    ]);
    expect(a?.recipientRegions[1]).toMatchObject({
      code: 'A1',
      vocabulary: '99',
      vocabularyUri: 'http://example.com/vocab.html',
    });
    expect(a?.locations[0]).toEqual({
      ref: 'AF-KAN',
      reach: '1',
      locationIds: [{ vocabulary: 'G1', code: '1453782' }],
      name: { en: 'Location name' },
      description: { en: 'Location description' },
      activityDescription: {
        en: 'A description that qualifies the activity taking place at the location.',
      },
      administrative: [{ vocabulary: 'G1', level: '1', code: '1453782' }],
      point: {
        srsName: 'http://www.opengis.net/def/crs/EPSG/0/4326',
        lat: 31.616944,
        lon: 65.716944,
      },
      exactness: '1',
      locationClass: '2',
      featureDesignation: 'ADMF',
    });
    expect(a?.sectors.map((s) => `${s.vocabulary}:${s.code}:${s.percentage}`)).toEqual([
      '2:111:50',
      '2:112:50',
      '99:A1:100',
    ]);
    expect(a?.tags[1]).toMatchObject({ vocabulary: '99', code: 'T1' });
    expect(a?.policyMarkers[0]).toMatchObject({ vocabulary: '1', code: '2', significance: '3' });
    expect(a).toMatchObject({
      collaborationType: '1',
      defaultFlowType: '10',
      defaultFinanceType: '110',
      defaultTiedStatus: '3',
      defaultAidTypes: [
        { code: 'A01', vocabulary: '1' },
        { code: '1', vocabulary: '2' },
      ],
      capitalSpend: '88.8',
    });
  });

  it('reads money: budgets, planned disbursements and transactions', () => {
    expect(a?.budgets[0]).toEqual({
      type: '1',
      status: '1',
      periodStart: '2014-01-01',
      periodEnd: '2014-12-31',
      value: { amount: '3000', currency: 'EUR', valueDate: '2014-01-01' },
    });
    expect(a?.plannedDisbursements[0]?.provider).toEqual({
      ref: 'BB-BBB-123456789',
      type: '10',
      name: { en: 'Agency B' },
      activityId: 'BB-BBB-123456789-1234AA',
    });
    expect(a?.transactions[0]).toEqual({
      ref: '1234',
      humanitarian: true,
      type: '1',
      date: '2012-01-01',
      value: { amount: '1000', currency: 'EUR', valueDate: '2012-01-01' },
      description: { en: 'Transaction description text' },
      provider: {
        ref: 'BB-BBB-123456789',
        type: '10',
        name: { en: 'Agency B' },
        activityId: 'BB-BBB-123456789-1234AA',
      },
      receiver: {
        ref: 'AA-AAA-123456789',
        type: '23',
        name: { en: 'Agency A' },
        activityId: 'AA-AAA-123456789-1234',
      },
      disbursementChannel: '1',
      sectors: [
        { code: '111', vocabulary: '2', vocabularyUri: null, percentage: null, narrative: {} },
      ],
      recipientCountry: 'TM',
      recipientRegion: { code: '616', vocabulary: '1' },
      flowType: '10',
      financeType: '110',
      aidTypes: [
        { code: 'A01', vocabulary: '1' },
        { code: '1', vocabulary: '2' },
      ],
      tiedStatus: '3',
    });
  });

  it('reads documents, relations, conditions and results', () => {
    expect(a?.documentLinks[0]).toMatchObject({
      format: 'application/vnd.oasis.opendocument.text',
      categories: ['A01'],
      languages: ['en'],
      documentDate: '2014-02-05',
      title: { en: 'Project Report 2013', fr: 'Rapport de projet 2013' },
    });
    expect(a?.relatedActivities).toEqual([{ ref: 'AA-AAA-123456789-6789', type: '1' }]);
    expect(a?.conditions).toEqual({
      attached: true,
      items: [{ type: '1', narrative: { en: 'Conditions text', fr: 'Conditions texte' } }],
    });
    const indicator = a?.results[0]?.indicators[0];
    expect(a?.results[0]).toMatchObject({
      type: '1',
      aggregationStatus: true,
      title: { en: 'Result title' },
    });
    expect(indicator?.references[2]).toEqual({
      vocabulary: '99',
      code: 'B1',
      indicatorUri: 'http://example.com/indicators.html',
    });
    expect(indicator?.baselines).toEqual([
      {
        year: '2012',
        isoDate: '2012-01-01',
        value: '10',
        comment: { en: 'Baseline comment text' },
        locationRefs: ['AF-KAN', 'KH-PNH'],
      },
    ]);
    expect(indicator?.periods[0]?.actuals[0]).toEqual({
      value: '11',
      comment: { en: 'Actual comment text' },
      locationRefs: ['AF-KAN', 'KH-PNH'],
      dimensions: [
        { name: 'sex', value: 'female' },
        { name: 'age', value: 'adult' },
      ],
    });
  });

  it('records where each element is', () => {
    const text = readFileSync(EXAMPLE, 'utf8').split('\n');
    const pos = parsed?.positions.get('transaction[1]/value');
    expect(pos).toBeDefined();
    expect(text[(pos?.line ?? 0) - 1]?.slice((pos?.column ?? 0) - 1)).toMatch(/^<value /);
  });
});

describe('narrative languages', () => {
  const titled = (attrs: string, title: string) =>
    goodActivity()
      .replace(/<iati-activity[^>]*>/, `<iati-activity ${attrs}>`)
      .replace(/<title>.*<\/title>/, `<title>${title}</title>`);

  it('uses xml:lang, else the activity default, else the file default', async () => {
    const own = await parseText(
      iatiFile(
        titled(
          'xml:lang="sq"',
          '<narrative xml:lang="sr">Voda</narrative><narrative>Ujë</narrative>',
        ),
      ),
    );
    expect(own.activities[0]?.activity.title).toEqual({ sr: 'Voda', sq: 'Ujë' });
    const fromFile = await parseText(
      iatiFile(titled('', '<narrative>Voda</narrative>'), 'version="2.03" xml:lang="sr"'),
    );
    expect(fromFile.activities[0]?.activity.title).toEqual({ sr: 'Voda' });
    expect(fromFile.activities[0]?.activity.defaultLang).toBe('sr');
  });

  it('files unlabelled texts under the fallback language with one error per activity', async () => {
    const { activities } = await parseText(iatiFile(titled('', '<narrative>Water</narrative>')), {
      fallbackLang: 'und',
    });
    const [a] = activities;
    expect(a?.activity.title).toEqual({ und: 'Water' });
    expect(a?.activity.defaultLang).toBeNull();
    expect(codes(a?.problems ?? [])).toEqual(['narrative.no_language']);
  });

  it('keeps the first text of a language, reads bare text, and ignores empty narratives', async () => {
    const { activities } = await parseText(
      iatiFile(
        titled(
          'xml:lang="en"',
          '<narrative>One</narrative><narrative/><narrative xml:lang="en">Two</narrative>',
        ),
      ),
    );
    expect(activities[0]?.activity.title).toEqual({ en: 'One' });
    expect(codes(activities[0]?.problems ?? [])).toEqual(['narrative.duplicate_language']);
    const bare = await parseText(iatiFile(titled('xml:lang="en"', 'Just text')));
    expect(bare.activities[0]?.activity.title).toEqual({ en: 'Just text' });
    expect(codes(bare.activities[0]?.problems ?? [])).toEqual(['narrative.bare_text']);
  });

  it('survives a hostile language tag', async () => {
    const { activities } = await parseText(
      iatiFile(titled('xml:lang="en"', '<narrative xml:lang="__proto__">x</narrative>')),
    );
    const title = activities[0]?.activity.title ?? {};
    expect(Object.getPrototypeOf(title)).toBe(Object.prototype);
    expect(Object.keys(title)).toEqual(['__proto__']);
  });
});

describe('2.01 and 2.02 files', () => {
  it('reads a 2.01 result: one baseline with @year, one target and actual per period', async () => {
    const result = `<result type="1"><title><narrative>Wells</narrative></title>
      <indicator measure="1"><title><narrative>Wells dug</narrative></title>
        <baseline year="2012" value="3"><comment><narrative>start</narrative></comment></baseline>
        <period><period-start iso-date="2013-01-01"/><period-end iso-date="2013-12-31"/>
          <target value="10"/><actual value="7"/></period>
      </indicator></result>`;
    const { activities } = await parseText(
      iatiFile(goodActivity('XM-DAC-41114-1', result), 'version="2.01"'),
    );
    const indicator = activities[0]?.activity.results[0]?.indicators[0];
    expect(indicator?.baselines).toEqual([
      { year: '2012', isoDate: null, value: '3', comment: { en: 'start' }, locationRefs: [] },
    ]);
    expect(indicator?.periods[0]?.targets.map((t) => t.value)).toEqual(['10']);
    expect(indicator?.periods[0]?.actuals.map((t) => t.value)).toEqual(['7']);
    expect(activities[0]?.problems).toEqual([]);
  });
});

describe('what the reader reports', () => {
  it('normalises dates written with a time or a time zone', async () => {
    const extra = `<activity-date type="4" iso-date="2020-06-30T00:00:00"/><activity-date type="3" iso-date="2020-12-31Z"/>`;
    const { activities } = await parseText(iatiFile(goodActivity('XM-DAC-41114-1', extra)));
    expect(activities[0]?.activity.dates.map((d) => d.isoDate)).toEqual([
      '2019-01-01',
      '2020-06-30',
      '2020-12-31',
    ]);
    expect(activities[0]?.problems).toMatchObject([
      { code: 'date.normalised', path: 'activity-date[2]/@iso-date' },
    ]);
  });

  it('reports unknown and extension elements once per name, and stray attributes', async () => {
    const extra = `<foo/><foo/><akvo:photo xmlns:akvo="http://akvo.org/iati-activities">x</akvo:photo>
      <sector vocabulary="1" code="14031" color="blue" xmlns:x="urn:x" x:note="ok"/>`;
    const { activities } = await parseText(iatiFile(goodActivity('XM-DAC-41114-1', extra)));
    expect(activities[0]?.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      'xml.unknown_element foo',
      'xml.extension_element akvo:photo',
      'xml.unknown_attribute sector[2]/@color',
    ]);
    expect(activities[0]?.activity.sectors).toHaveLength(2);
  });

  it('reads the first of a repeated singleton and reports the others', async () => {
    const extra = '<activity-status code="3"/>';
    const { activities } = await parseText(iatiFile(goodActivity('XM-DAC-41114-1', extra)));
    expect(activities[0]?.activity.status).toBe('2');
    expect(activities[0]?.problems).toMatchObject([
      { code: 'xml.element_repeated', path: 'activity-status[2]', severity: 'error' },
    ]);
  });

  it('reports unreadable booleans, integers and points, and trims identifiers', async () => {
    const xml = iatiFile(
      goodActivity(
        ' XM-DAC-41114-1\n',
        `<location><point srsName="http://www.opengis.net/def/crs/EPSG/0/4326"><pos>north 21.7</pos></point></location>`,
      ).replace('<iati-activity ', '<iati-activity humanitarian="yes" hierarchy="top" '),
    );
    const { activities } = await parseText(xml);
    const [a] = activities;
    expect(a?.activity).toMatchObject({
      identifier: 'XM-DAC-41114-1',
      humanitarian: null,
      hierarchy: null,
    });
    expect(a?.activity.locations[0]?.point).toBeNull();
    expect(codes(a?.problems ?? []).sort()).toEqual([
      'identifier.whitespace',
      'location.pos_invalid',
      'value.boolean_invalid',
      'value.integer_invalid',
    ]);
    expect(a?.problems.every((p) => p.activity === 'XM-DAC-41114-1')).toBe(true);
  });

  it('keeps the first of several e-mails in a contact and says so', async () => {
    const extra = '<contact-info><email>a@x.org</email><email>b@x.org</email></contact-info>';
    const { activities } = await parseText(iatiFile(goodActivity('XM-DAC-41114-1', extra)));
    expect(activities[0]?.activity.contacts[0]?.email).toBe('a@x.org');
    expect(codes(activities[0]?.problems ?? [])).toEqual(['model.value_dropped']);
  });
});

describe('positions', () => {
  it('gives the line and column of the element a problem is about, with CRLF line ends', async () => {
    const lines = [
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<iati-activities version="2.03">',
      '  <iati-activity xml:lang="en">',
      '    <iati-identifier>XM-DAC-41114-1</iati-identifier>',
      '    <title><narrative>Š</narrative></title>    <bogus/>',
      '    <other',
      '      kind="x"/>',
      '  </iati-activity>',
      '</iati-activities>',
    ];
    for (const eol of ['\n', '\r\n']) {
      for (const chunk of [3, 64 * 1024]) {
        const { activities } = await parseText(lines.join(eol), {}, chunk);
        const [a] = activities;
        expect(a?.position).toEqual({ line: 3, column: 3 });
        const unknown = a?.problems.filter((p) => p.code === 'xml.unknown_element');
        expect(unknown?.map((p) => [p.path, p.line, p.column])).toEqual([
          ['bogus', 5, 48],
          ['other', 6, 5],
        ]);
        expect(a?.positions.get('title')).toEqual({ line: 5, column: 5 });
        expect(a?.xml).toBe(lines.slice(2, 8).join(eol).trimStart());
      }
    }
  });
});
