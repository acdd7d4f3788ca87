import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCodelistIndex } from './codelists.js';
import { codes, collect, FIXTURES } from './parse.test-helpers.js';

const SERBIA = join(FIXTURES, 'undp-serbia', 'undp-serbia-2017-excerpt.xml');
const NIGERIA = join(
  FIXTURES,
  'aiddata',
  'iati_2.03_NigeriaAIMS_GeocodedResearchRelease.excerpt.xml',
);
const NOW = new Date('2026-11-25T00:00:00Z');

describe('UNDP Serbia (2.02, real)', async () => {
  const { activities, summary } = await collect(createReadStream(SERBIA), {
    validate: { codelists: loadCodelistIndex(), now: NOW },
  });
  const byId = new Map(activities.map((a) => [a.activity.identifier, a]));

  it('reads all five activities with no critical problem', () => {
    expect(summary).toMatchObject({ activities: 5, complete: true, problems: [] });
    expect(summary.file).toMatchObject({
      version: '2.02',
      readAs: '2.02',
      generatedDatetime: '2017-07-10T12:40:19',
    });
    expect([...byId.keys()]).toEqual([
      'XM-DAC-41114-PROJECT-00062090',
      'XM-DAC-41114-OUTPUT-00092080',
      'XM-DAC-41114-OUTPUT-00097309',
      'XM-DAC-41114-PROJECT-00062091',
      'XM-DAC-41114-OUTPUT-00099987',
    ]);
    for (const a of activities)
      expect(a.problems.filter((p) => p.severity === 'critical')).toEqual([]);
  });

  it('reads the Kraljevo output: title, location point, budgets and transactions', () => {
    const a = byId.get('XM-DAC-41114-OUTPUT-00092080')?.activity;
    expect(a?.title).toEqual({ en: 'Engagement Facility' });
    expect(a?.hierarchy).toBe(2);
    expect(a?.locations[0]).toMatchObject({
      ref: 'RS',
      name: { en: 'Kraljevo' },
      locationIds: [{ vocabulary: 'G1', code: '789108' }],
      point: { lat: 43.57749, lon: 21.70033 },
      featureDesignation: 'PPL',
    });
    expect(a?.budgets.map((b) => [b.periodStart, b.value.amount])).toEqual([
      ['2017-01-01', '100000'],
      ['2016-01-01', '132000'],
      ['2015-01-01', '283300'],
      ['2014-01-01', '104200'],
    ]);
    expect(a?.transactions[0]).toMatchObject({
      type: '4',
      date: '2017-06-30',
      value: { amount: '43464', currency: 'USD' },
    });
    expect(a?.transactions[1]).toMatchObject({
      type: '11',
      provider: { activityId: 'XM-DAC-41114-PROJECT-00062090' },
      receiver: { activityId: 'XM-DAC-41114-OUTPUT-00092080' },
    });
    expect(a?.sectors[1]).toMatchObject({
      vocabulary: '99',
      code: '7',
      narrative: { en: 'Development Impact  Effectiveness' },
    });
  });

  it('keeps a negative expenditure as written, and reads results with dimensions', () => {
    const war = byId.get('XM-DAC-41114-OUTPUT-00097309')?.activity;
    expect(war?.transactions.some((t) => t.value.amount === '-75600')).toBe(true);
    const energy = byId.get('XM-DAC-41114-PROJECT-00062091')?.activity;
    const indicator = energy?.results[0]?.indicators[0];
    expect(indicator).toMatchObject({ measure: '1', ascending: false });
    expect(indicator?.baselines[0]).toMatchObject({ year: '2013', value: '1' });
    expect(indicator?.periods[1]?.targets[0]).toEqual({
      value: '2',
      comment: {},
      locationRefs: ['RS'],
      dimensions: [{ name: 'sex', value: 'female' }],
    });
  });

  it('flags what really is wrong in it, at the right place', () => {
    const project = byId.get('XM-DAC-41114-PROJECT-00062090');
    // Two DAC sectors without percentages (rule 2.1.1), and 74010, withdrawn from the Sector list.
    expect(project?.problems.map((p) => [p.code, p.path, p.line])).toEqual([
      ['percentage.missing', 'sector[1]', 40],
      ['codelist.withdrawn', 'sector[1]/@code', 40],
    ]);
  });
});

describe('AidData Nigeria AIMS (2.03, real)', async () => {
  const { activities, summary } = await collect(createReadStream(NIGERIA), {
    validate: { codelists: loadCodelistIndex(), now: NOW },
  });

  it('reads the 40 activities', () => {
    expect(summary).toMatchObject({ activities: 40, complete: true, problems: [] });
    for (const a of activities)
      expect(a.problems.filter((p) => p.severity === 'critical')).toEqual([]);
  });

  it('reads a known activity: donor, locations, sectors and transactions', () => {
    const parsed = activities.find(
      (a) => a.activity.identifier === 'US-501c3-522318905-SG-NGA/000085',
    );
    const a = parsed?.activity;
    expect(parsed?.position.line).toBe(3);
    expect(a?.title).toEqual({ en: 'Employment-Oriented Private Sector Development' });
    expect(a?.participatingOrgs).toEqual([
      {
        ref: null,
        type: null,
        role: '1',
        activityId: null,
        crsChannelCode: null,
        name: { en: 'BMZ' },
      },
    ]);
    expect(a?.locations.map((l) => [l.name.en, l.point?.lat, l.point?.lon])).toEqual([
      ['Nasarawa State', 8.5, 8.25],
      ['Niger State', 10, 6],
      ['Plateau State', 9.16667, 9.75],
    ]);
    expect(a?.sectors.map((s) => s.percentage)).toEqual(['33.33', '33.33', '33.33']);
    expect(a?.transactions).toMatchObject([
      {
        type: '4',
        date: '2003-01-01',
        value: { amount: '32003846', currency: 'USD', valueDate: '2003-01-01' },
      },
    ]);
    // 33.33 × 3 is rounding, not an error; "/" in identifiers and the 501c3 agency are warnings.
    expect(codes(parsed?.problems ?? []).sort()).toEqual([
      'codelist.unknown', // 12100, 24000, 31100: DAC 3-digit codes padded to 5 digits
      'codelist.unknown',
      'codelist.unknown',
      'identifier.invalid_chars',
      'org.unknown_agency',
      'percentage.sum_rounding',
    ]);
  });
});
