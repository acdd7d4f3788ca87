import { describe, expect, it } from 'vitest';
import {
  moneyChanges,
  placeIssue,
  readMoneyForm,
  rowInput,
  signature,
} from '../../office/lib/money-form.js';
import {
  readResultForm,
  resultInput,
  resultToValues,
  tidy,
  type StoredResult,
} from '../../office/lib/results-form.js';

const ORG = '11111111-1111-4111-8111-111111111111';
const PLACE = '22222222-2222-4222-8222-222222222222';

describe('the money form', () => {
  it('turns new, changed, untouched and removed rows into the changes to save', () => {
    const stored = {
      type: '3',
      date: '2026-01-01',
      value: '10.00',
      currency: 'EUR',
      value_date: '2026-01-01',
      provider_org: ORG,
      provider_name: '',
      receiver_org: '',
      receiver_name: 'Opština Preševo',
    };
    const sig = signature('transactions', stored);
    const form = readMoneyForm(
      Object.entries({
        'transactions.0.id': 'a',
        'transactions.0.sig': sig,
        ...Object.fromEntries(Object.entries(stored).map(([k, v]) => [`transactions.0.${k}`, v])),
        'transactions.1.id': 'b',
        'transactions.1.sig': sig,
        ...Object.fromEntries(Object.entries(stored).map(([k, v]) => [`transactions.1.${k}`, v])),
        'transactions.1.value': '1 234,5',
        'transactions.2.id': 'c',
        'transactions.2.sig': sig,
        'transactions.2.remove': '1',
        'budgets.0.type': '1',
        'budgets.0.status': '1',
        'budgets.0.currency': 'EUR',
        'budgets.1.period_start': '2026-01-01',
        'budgets.1.period_end': '2026-12-31',
        'budgets.1.value': '500',
        'budgets.1.currency': 'RSD',
        _csrf: 'x',
      }),
    );
    const kept = {
      sectors: [{ code: '11220' }],
      flow_type: '10',
      receiver: { activity_id: 'X-1' },
    };
    const changes = moneyChanges(form, 'sr-Latn', new Map([['b', kept]]));
    expect(changes.map((c) => [c.kind, c.id, c.input === null ? 'remove' : 'write'])).toEqual([
      ['budgets', null, 'write'],
      ['transactions', 'b', 'write'],
      ['transactions', 'c', 'remove'],
    ]);
    expect(changes[1]?.input).toMatchObject({
      value: '1234.5',
      provider: { organisation_id: ORG, narrative: {} },
      receiver: {
        organisation_id: null,
        narrative: { 'sr-Latn': 'Opština Preševo' },
        activity_id: 'X-1',
      },
      sectors: [{ code: '11220' }],
      flow_type: '10',
    });
    expect(placeIssue(changes, 'transactions.1.provider.organisation_id')).toEqual({
      table: 'transactions',
      row: 1,
      field: 'provider_org',
    });
    expect(placeIssue(changes, 'budgets.0.period_end')).toEqual({
      table: 'budgets',
      row: 1,
      field: 'period_end',
    });
  });

  it('sends an empty value date and currency as absent, so the service applies its defaults', () => {
    expect(
      rowInput(
        'planned',
        { period_start: '2026-01-01', value: '5', currency: '', value_date: '' },
        'en',
        null,
      ),
    ).toMatchObject({ currency: null, value_date: null, period_end: null, provider: null });
  });
});

describe('the result form', () => {
  const stored: StoredResult = {
    type: '1',
    aggregation_status: null,
    title: { en: 'Schools', 'sr-Cyrl': 'Школе' },
    description: { en: 'kept' },
    indicators: [
      {
        measure: '1',
        ascending: true,
        aggregation_status: null,
        title: { en: 'Pupils' },
        description: {},
        unit: 'pupils',
        unit_key: 'pupil',
        references: [],
        baselines: [{ year: '2025', value: '10' }],
        periods: [
          {
            period_start: '2026-01-01',
            period_end: '2026-12-31',
            targets: [
              { value: '5', place_id: null, location_refs: [], dimensions: [], comment: {} },
              { value: '3', place_id: PLACE, location_refs: [], dimensions: [], comment: {} },
              {
                value: '2',
                place_id: null,
                location_refs: [],
                dimensions: [{ name: 'sex', value: 'female' }],
                comment: {},
              },
            ],
            actuals: [
              { value: '1', place_id: PLACE, location_refs: [], dimensions: [], comment: {} },
            ],
          },
        ],
      },
    ],
  };

  it('shows one row per place and period, and saves them back with what it does not show', () => {
    const v = resultToValues(stored);
    expect(v.indicators[0]?.rows).toEqual([
      { period_start: '2026-01-01', period_end: '2026-12-31', place: '', target: '5', actual: '' },
      {
        period_start: '2026-01-01',
        period_end: '2026-12-31',
        place: PLACE,
        target: '3',
        actual: '1',
      },
    ]);
    const input = resultInput(v, stored) as {
      description: unknown;
      indicators: {
        unit_key: string | null;
        baselines: unknown[];
        periods: { targets: unknown[]; actuals: unknown[] }[];
      }[];
    };
    expect(input.description).toEqual({ en: 'kept' });
    expect(input.indicators[0]?.unit_key).toBe('pupil');
    expect(input.indicators[0]?.baselines).toHaveLength(1);
    expect(input.indicators[0]?.periods).toHaveLength(1);
    expect(input.indicators[0]?.periods[0]?.targets).toEqual([
      { value: '5', place_id: null },
      { value: '3', place_id: PLACE },
      stored.indicators[0]?.periods[0]?.targets[2],
    ]);
  });

  it('reads the posted fields, drops blank rows and indicators, and keeps spare rows to type into', () => {
    const v = readResultForm(
      Object.entries({
        type: '2',
        'title.en': 'Roads',
        'indicators.0.measure': '1',
        'indicators.0.title.en': 'Km',
        'indicators.0.unit': 'km',
        'indicators.0.rows.0.period_start': '2026-01-01',
        'indicators.0.rows.0.period_end': '2026-06-30',
        'indicators.0.rows.0.target': '2,5',
        'indicators.0.rows.1.period_start': '',
        'indicators.1.title.en': '',
      }),
    );
    expect(tidy(v).indicators).toHaveLength(1);
    expect(tidy(v, 1).indicators[0]?.rows).toHaveLength(2);
    const input = resultInput(v, null) as {
      type: string;
      indicators: { unit_key: null; periods: unknown[] }[];
    };
    expect(input.type).toBe('2');
    expect(input.indicators[0]?.periods).toEqual([
      {
        period_start: '2026-01-01',
        period_end: '2026-06-30',
        targets: [{ value: '2.5', place_id: null }],
        actuals: [],
      },
    ]);
  });
});
