import { describe, expect, it } from 'vitest';
import { addDecimal } from './results.decimal.js';
import { rollUp, type FactValue, type IndicatorFact } from './results.rollup.js';
import { unitKey } from './results.units.js';

const v = (
  value: string | null,
  municipalityId: string | null = null,
  extra: Partial<FactValue> = {},
): FactValue => ({
  value,
  placeKey: municipalityId ? `p:${municipalityId}` : null,
  municipalityId,
  hasDimensions: false,
  ...extra,
});

function ind(over: Partial<IndicatorFact>): IndicatorFact {
  return {
    indicatorId: 'i',
    activityId: 'a',
    title: { en: 't' },
    measure: '1',
    unit: 'km',
    unitKey: 'km',
    aggregatable: true,
    baselines: [],
    periods: [],
    ...over,
  };
}

describe('decimal sums', () => {
  it('adds exactly, signs and scales included', () => {
    expect(addDecimal('0.1', '0.2')).toBe('0.3');
    expect(addDecimal('12.5', '-20')).toBe('-7.5');
    expect(addDecimal('999999999999999.999999', '0.000001')).toBe('1000000000000000');
    expect(addDecimal('-0.5', '0.25')).toBe('-0.25');
  });
});

describe('unit keys', () => {
  it('folds spellings, languages and qualifiers to one key', () => {
    expect(unitKey('km of road rebuilt')).toBe('km');
    expect(unitKey('Kilometara puta')).toBe('km');
    expect(unitKey('people trained')).toBe('people');
    expect(unitKey('osoba')).toBe('people');
    expect(unitKey('njerëz')).toBe('people');
    expect(unitKey('Школе')).toBe('schools');
    expect(unitKey('litres of water')).toBe('litres-of-water');
  });
});

describe('results roll-up', () => {
  it('adds unit indicators with the same key across projects, by year and municipality', () => {
    // Road in Preševo (project A): baseline 2 km; 2023 target 10 / actual 6; 2024 target 5 / actual 7.
    // Road in Bujanovac and Preševo (project B): 2024 target 4 (Bujanovac 3 + Preševo 1), actual 2 (Bujanovac).
    const r = rollUp([
      ind({
        indicatorId: 'A1',
        activityId: 'A',
        unit: 'km of road',
        baselines: [v('2', 'PR', { when: '2022' }), v('1.5', 'PR', { when: '2020' })],
        periods: [
          {
            start: '2023-01-01',
            end: '2023-12-31',
            targets: [v('10', 'PR')],
            actuals: [v('6', 'PR')],
          },
          {
            start: '2024-01-01',
            end: '2024-12-31',
            targets: [v('5', 'PR')],
            actuals: [v('7', 'PR')],
          },
        ],
      }),
      ind({
        indicatorId: 'B1',
        activityId: 'B',
        unit: 'km',
        periods: [
          {
            start: '2024-01-01',
            end: '2024-06-30',
            targets: [v('3', 'BU'), v('1', 'PR')],
            actuals: [v('2', 'BU'), v('99', 'BU', { hasDimensions: true })],
          },
        ],
      }),
    ]);
    expect(r.not_summed).toEqual([]);
    expect(r.units).toHaveLength(1);
    const km = r.units[0];
    expect(km).toMatchObject({
      unit_key: 'km',
      units: ['km', 'km of road'],
      projects: 2,
      indicators: 2,
      baseline: '2',
      target: '19',
      actual: '15',
    });
    expect(km?.by_year).toEqual([
      { year: 2023, target: '10', actual: '6' },
      { year: 2024, target: '9', actual: '9' },
    ]);
    expect(km?.by_municipality).toEqual([
      { municipality_id: 'BU', baseline: '0', target: '3', actual: '2', projects: 1 },
      { municipality_id: 'PR', baseline: '2', target: '16', actual: '13', projects: 2 },
    ]);
  });

  it('takes a value without a place as the period total, not adding its breakdown again', () => {
    const r = rollUp([
      ind({
        unit: 'people',
        unitKey: 'people',
        baselines: [v('100'), v('60', 'PR')],
        periods: [
          {
            start: '2024-01-01',
            end: '2024-12-31',
            targets: [v('50'), v('30', 'PR'), v('20', 'BU')],
            actuals: [v('40')],
          },
        ],
      }),
    ]);
    expect(r.units[0]).toMatchObject({ baseline: '100', target: '50', actual: '40' });
    expect(r.units[0]?.by_municipality).toEqual([
      { municipality_id: null, baseline: '100', target: '50', actual: '40', projects: 1 },
    ]);
  });

  it('lists percentages, qualitative, unit-less and non-aggregable indicators without summing them', () => {
    const r = rollUp([
      ind({ indicatorId: 'P', measure: '2', unit: '%', unitKey: null }),
      ind({ indicatorId: 'Q', measure: '5', unit: null, unitKey: null }),
      ind({ indicatorId: 'N', measure: '1', unit: null, unitKey: null }),
      ind({
        indicatorId: 'X',
        aggregatable: false,
        periods: [{ start: '2024-01-01', end: '2024-12-31', targets: [v('5')], actuals: [] }],
      }),
    ]);
    expect(r.units).toEqual([]);
    expect(r.not_summed.map((n) => [n.indicator_id, n.reason])).toEqual([
      ['P', 'percentage'],
      ['Q', 'qualitative'],
      ['N', 'no_unit'],
      ['X', 'not_aggregatable'],
    ]);
  });

  it('keeps different units apart', () => {
    const r = rollUp([
      ind({
        indicatorId: '1',
        periods: [{ start: '2024-01-01', end: '2024-12-31', targets: [v('1')], actuals: [] }],
      }),
      ind({
        indicatorId: '2',
        unit: 'schools',
        unitKey: 'schools',
        periods: [{ start: '2024-01-01', end: '2024-12-31', targets: [v('3')], actuals: [] }],
      }),
    ]);
    expect(r.units.map((u) => [u.unit_key, u.target])).toEqual([
      ['km', '1'],
      ['schools', '3'],
    ]);
  });
});
