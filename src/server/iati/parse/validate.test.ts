import { describe, expect, it } from 'vitest';
import type { IatiActivity, IatiTransaction, IatiValue } from '../iati.model.js';
import { codelistIndex, loadCodelistIndex } from './codelists.js';
import { codes, goodActivity, iatiFile, parseText } from './parse.test-helpers.js';
import { validateActivity } from './validate.js';

const codelists = loadCodelistIndex();
const now = new Date('2026-11-25T12:00:00Z');
const check = (a: IatiActivity) => validateActivity(a, { codelists, now });
const value = (amount = '100', valueDate = '2020-01-01'): IatiValue => ({
  amount,
  currency: null,
  valueDate,
});

function transaction(over: Partial<IatiTransaction> = {}): IatiTransaction {
  return {
    ref: null,
    humanitarian: null,
    type: '3',
    date: '2020-01-01',
    value: value(),
    description: {},
    provider: null,
    receiver: null,
    disbursementChannel: null,
    sectors: [],
    recipientCountry: null,
    recipientRegion: null,
    flowType: null,
    financeType: null,
    aidTypes: [],
    tiedStatus: null,
    ...over,
  };
}

/** An activity that breaks no rule; each test changes one thing. */
function base(over: Partial<IatiActivity> = {}): IatiActivity {
  return {
    identifier: 'XM-DAC-41114-1',
    defaultLang: 'en',
    defaultCurrency: 'EUR',
    lastUpdated: '2020-01-01T00:00:00Z',
    humanitarian: null,
    hierarchy: null,
    reportingOrg: {
      ref: 'XM-DAC-41114',
      type: '40',
      name: { en: 'UNDP' },
      secondaryReporter: null,
    },
    title: { en: 'Water' },
    descriptions: [{ type: '1', narrative: { en: 'Wells' } }],
    participatingOrgs: [
      {
        ref: 'XM-DAC-41114',
        type: '40',
        name: {},
        role: '4',
        activityId: null,
        crsChannelCode: null,
      },
    ],
    status: '2',
    dates: [{ type: '2', isoDate: '2019-01-01', narrative: {} }],
    contacts: [],
    scope: null,
    recipientCountries: [
      { code: 'RS', vocabulary: null, vocabularyUri: null, percentage: null, narrative: {} },
    ],
    recipientRegions: [],
    locations: [],
    sectors: [
      { code: '14030', vocabulary: '1', vocabularyUri: null, percentage: null, narrative: {} },
    ],
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
    ...over,
  };
}

const share = (code: string, percentage: string | null, vocabulary: string | null = '1') => ({
  code,
  vocabulary,
  vocabularyUri: null,
  percentage,
  narrative: {},
});

describe('validateActivity', () => {
  it('finds nothing wrong with a sound activity', () => {
    expect(check(base())).toEqual([]);
  });

  it('refuses what cannot be stored: no identifier, no title, no reporting org, bad dates and amounts', () => {
    const problems = check(
      base({
        identifier: '',
        title: {},
        reportingOrg: { ref: null, type: null, name: {}, secondaryReporter: null },
        budgets: [
          {
            type: '1',
            status: '1',
            periodStart: '2020-01-01',
            periodEnd: '31/12/2020',
            value: value('1,000'),
          },
        ],
      }),
    );
    expect(problems.filter((p) => p.severity === 'critical').map((p) => p.code)).toEqual([
      'activity.identifier_missing',
      'activity.reporting_org_missing',
      'activity.title_missing',
      'date.invalid',
      'value.invalid',
    ]);
  });

  it('checks identifiers against the reporting organisation', () => {
    expect(codes(check(base({ identifier: 'XM-DAC-41114' })))).toContain(
      'activity.identifier_is_org',
    );
    expect(codes(check(base({ identifier: 'GB-1-123' })))).toEqual(['activity.identifier_prefix']);
    expect(codes(check(base({ identifier: 'XM-DAC-41114-A/1' })))).toEqual([
      'identifier.invalid_chars',
    ]);
    const org = { ref: 'ZZ-FOO-1', type: '40', name: {}, secondaryReporter: null };
    expect(codes(check(base({ reportingOrg: org, identifier: 'ZZ-FOO-1-2' })))).toEqual([
      'org.unknown_agency',
    ]);
  });

  it('checks dates: start present, in order, not in the future', () => {
    expect(
      codes(check(base({ dates: [{ type: '3', isoDate: '2030-01-01', narrative: {} }] }))),
    ).toEqual(['activity.start_date_missing']);
    const reversed = check(
      base({
        dates: [
          { type: '1', isoDate: '2020-06-01', narrative: {} },
          { type: '3', isoDate: '2020-05-31', narrative: {} },
        ],
      }),
    );
    expect(reversed).toMatchObject([
      { code: 'date.end_before_start', severity: 'error', path: 'activity-date[2]' },
    ]);
    const sameDay = base({
      dates: [
        { type: '2', isoDate: '2020-06-01', narrative: {} },
        { type: '4', isoDate: '2020-06-01', narrative: {} },
      ],
    });
    expect(check(sameDay)).toEqual([]);
    const future = check(
      base({
        lastUpdated: '2027-01-01T00:00:00Z',
        dates: [{ type: '2', isoDate: '2026-12-01', narrative: {} }],
      }),
    );
    expect(codes(future)).toEqual(['date.future', 'date.future']);
    expect(codes(check(base({ lastUpdated: '2020-01-01' })))).toEqual(['datetime.invalid']);
  });

  it('checks money: currency, value date, budget periods and overlaps', () => {
    const noCurrency = check(
      base({ defaultCurrency: null, transactions: [transaction({ value: value('10', '') })] }),
    );
    expect(noCurrency.map((p) => `${p.code} ${p.path}`)).toEqual([
      'value.currency_missing transaction[1]/value/@currency',
      'value.value_date_missing transaction[1]/value/@value-date',
    ]);
    const budgets = check(
      base({
        budgets: [
          {
            type: '1',
            status: '1',
            periodStart: '2020-01-01',
            periodEnd: '2021-06-30',
            value: value(),
          },
          {
            type: '1',
            status: '1',
            periodStart: '2021-01-01',
            periodEnd: '2021-12-31',
            value: value(),
          },
          {
            type: '2',
            status: '1',
            periodStart: '2021-01-01',
            periodEnd: '2021-12-31',
            value: value(),
          },
        ],
      }),
    );
    expect(budgets.map((p) => `${p.code} ${p.path}`)).toEqual([
      'budget.period_too_long budget[1]',
      'budget.overlap budget[2]',
    ]);
    expect(codes(check(base({ transactions: [transaction({ date: '' })] })))).toEqual([
      'date.missing',
    ]);
    expect(codes(check(base({ transactions: [transaction({ value: value('') })] })))).toEqual([
      'value.missing',
    ]);
  });

  it('checks sector and country percentages per vocabulary', () => {
    const sectors = (...s: ReturnType<typeof share>[]) => codes(check(base({ sectors: s })));
    expect(sectors(share('14030', '60'), share('14031', '40'), share('A1', '100', '99'))).toEqual([
      'sector.narrative_missing',
    ]);
    expect(sectors(share('14030', '60'), share('14031', '30'))).toEqual(['percentage.sum']);
    expect(
      sectors(share('14030', '33.33'), share('14031', '33.33'), share('14032', '33.33')),
    ).toEqual(['percentage.sum_rounding']);
    expect(sectors(share('14030', '60'), share('14031', null))).toEqual(['percentage.missing']);
    expect(sectors(share('14030', '50'))).toEqual(['percentage.single_not_100']);
    expect(sectors(share('14030', '150'))).toEqual(['percentage.out_of_range']);
    expect(sectors(share('14030', 'half'))).toEqual(['percentage.invalid']);
    const countriesAndRegion = check(
      base({
        recipientCountries: [share('RS', '50', null), share('XK', '30', null)],
        recipientRegions: [share('89', '20', '1')],
      }),
    );
    expect(countriesAndRegion).toEqual([]);
  });

  it('checks the level sectors and recipients are given at', () => {
    const t = transaction({ sectors: [share('14030', null)], recipientCountry: 'RS' });
    expect(codes(check(base({ transactions: [t] })))).toEqual([
      'sector.both_levels',
      'recipient.both_levels',
    ]);
    const partial = check(
      base({ sectors: [], recipientCountries: [], transactions: [t, transaction()] }),
    );
    expect(codes(partial)).toEqual([
      'sector.not_all_transactions',
      'recipient.not_all_transactions',
    ]);
    expect(codes(check(base({ sectors: [], recipientCountries: [] })))).toEqual([
      'sector.missing',
      'recipient.missing',
    ]);
  });

  it('checks codelists: unknown in a closed list, unknown in an open one, withdrawn', () => {
    const problems = check(
      base({
        status: '9',
        recipientCountries: [share('QQ', null, null)],
        sectors: [share('74010', null), share('999', null, '2'), share('anything', '100', '98')],
      }),
    );
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.path}`)).toEqual([
      'error sector.narrative_missing sector[3]',
      'error codelist.unknown activity-status/@code',
      'warning codelist.unknown_open recipient-country[1]/@code',
      'warning codelist.withdrawn sector[1]/@code',
      'error codelist.unknown sector[2]/@code',
    ]);
  });

  it('checks results against the indicator measure', () => {
    const result = (measure: string, v: string | null): IatiActivity['results'] => [
      {
        type: '1',
        aggregationStatus: null,
        title: { en: 'Wells' },
        description: {},
        indicators: [
          {
            measure,
            ascending: null,
            aggregationStatus: null,
            title: { en: 'Wells dug' },
            description: {},
            references: [],
            baselines: [{ year: '2019', isoDate: null, value: v, comment: {}, locationRefs: [] }],
            periods: [
              {
                periodStart: '2020-01-01',
                periodEnd: '2020-12-31',
                targets: [{ value: v, comment: {}, locationRefs: [], dimensions: [] }],
                actuals: [],
              },
            ],
          },
        ],
      },
    ];
    expect(codes(check(base({ results: result('1', null) })))).toEqual([
      'result.value_missing',
      'result.value_missing',
    ]);
    expect(codes(check(base({ results: result('1', 'ten') })))).toEqual([
      'result.value_not_numeric',
      'result.value_not_numeric',
    ]);
    expect(codes(check(base({ results: result('5', '10') })))).toEqual([
      'result.value_qualitative',
      'result.value_qualitative',
    ]);
  });

  it('uses the codelists it is given', () => {
    const tiny = codelistIndex([
      {
        name: 'ActivityStatus',
        version: '1',
        embedded: true,
        complete: true,
        source: '',
        items: [],
      },
    ]);
    expect(codes(validateActivity(base(), { codelists: tiny, now }))).toEqual(['codelist.unknown']);
  });
});

describe('validation while parsing', () => {
  it('places each problem at its element, and does not repeat what the reader said', async () => {
    const extra = `<budget><period-start iso-date="2020-01-01"/><value currency="EUR" value-date="2020-01-01">5</value></budget>`;
    const { activities } = await parseText(iatiFile(goodActivity('XM-DAC-41114-1', extra)), {
      validate: { codelists, now },
    });
    const lines = iatiFile(goodActivity('XM-DAC-41114-1', extra)).split('\n');
    const line = lines.findIndex((l) => l.includes('<budget>')) + 1;
    expect(activities[0]?.problems).toMatchObject([
      {
        code: 'date.missing',
        path: 'budget[1]/period-end/@iso-date',
        line,
        activity: 'XM-DAC-41114-1',
      },
    ]);
  });

  it('reports a duplicate identifier on the second activity, with both lines', async () => {
    const xml = iatiFile(
      [
        goodActivity('XM-DAC-41114-1'),
        goodActivity('XM-DAC-41114-2'),
        goodActivity('XM-DAC-41114-1'),
      ].join('\n'),
    );
    const { activities } = await parseText(xml);
    expect(activities.map((a) => codes(a.problems))).toEqual([
      [],
      [],
      ['activity.duplicate_identifier'],
    ]);
    const [first, , third] = activities;
    expect(third?.problems[0]).toMatchObject({ severity: 'error', line: third?.position.line });
    expect(third?.problems[0]?.message).toContain(`line ${first?.position.line ?? 0}`);
    expect(third?.problems[0]?.message).toContain(`line ${third?.position.line ?? 0}`);
  });
});
