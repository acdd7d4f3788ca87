/** Arbitraries for the parts of an activity; see arbitraries.ts for the rules they follow. */
import fc from 'fast-check';
import type {
  IatiActivity,
  IatiBudget,
  IatiCodeWithPercentage,
  IatiContact,
  IatiDocumentLink,
  IatiIndicator,
  IatiLocation,
  IatiOrgRef,
  IatiParticipatingOrg,
  IatiPeriodValue,
  IatiPlannedDisbursement,
  IatiResult,
  IatiTransaction,
  IatiValue,
} from '../iati.model.js';
import { code } from './arbitraries.codes.js';
import {
  amount,
  isoDate,
  narrativesOf,
  nullable,
  orgIdentifier,
  percentagesOf,
  period,
  point,
  someNarratives,
  url,
} from './arbitraries.values.js';
export const currency = code('Currency');

export const valueArb: fc.Arbitrary<IatiValue> = fc.record({
  amount,
  currency: nullable(currency),
  valueDate: isoDate,
});

export const orgRefArb: fc.Arbitrary<IatiOrgRef> = fc.record({
  ref: nullable(orgIdentifier),
  type: nullable(code('OrganisationType')),
  name: narrativesOf(1),
});

export const partyArb = nullable(
  fc.record({
    ref: nullable(orgIdentifier),
    type: nullable(code('OrganisationType')),
    name: someNarratives,
    activityId: nullable(orgIdentifier.map((o) => `${o}-P1`)),
  }),
);

export const participatingOrgArb: fc.Arbitrary<IatiParticipatingOrg> = fc.record({
  ref: nullable(orgIdentifier),
  type: nullable(code('OrganisationType')),
  name: someNarratives,
  role: code('OrganisationRole'),
  activityId: nullable(orgIdentifier.map((o) => `${o}-A1`)),
  crsChannelCode: nullable(code('CRSChannelCode')),
});

export const contactArb: fc.Arbitrary<IatiContact> = fc.record({
  type: nullable(code('ContactType')),
  organisation: someNarratives,
  department: someNarratives,
  personName: someNarratives,
  jobTitle: someNarratives,
  telephone: nullable(fc.integer({ min: 1_000_000, max: 99_999_999 }).map((n) => `+381 17 ${n}`)),
  email: nullable(fc.emailAddress()),
  website: nullable(url),
  mailingAddress: someNarratives,
});

/** DAC 5-digit sectors (vocabulary 1, or left to the default) whose percentages add up to 100. */
export function sectorsArb(withPercentage: boolean): fc.Arbitrary<IatiCodeWithPercentage[]> {
  return fc.uniqueArray(code('Sector'), { maxLength: 3 }).chain((codes) =>
    fc
      .tuple(
        percentagesOf(codes.length),
        fc.constantFrom('1', null),
        fc.array(someNarratives, { minLength: codes.length, maxLength: codes.length }),
      )
      .map(([percentages, vocabulary, names]) =>
        codes.map((c, i) => ({
          code: c,
          vocabulary,
          vocabularyUri: null,
          percentage: withPercentage ? (percentages[i] ?? null) : null,
          narrative: names[i] ?? {},
        })),
      ),
  );
}

/** Recipient countries or one region (IATI: their percentages add up to 100 together). */
interface Recipients {
  countries: IatiCodeWithPercentage[];
  regions: IatiCodeWithPercentage[];
}

export const recipientsArb: fc.Arbitrary<Recipients> = fc.oneof(
  fc.uniqueArray(code('Country'), { minLength: 1, maxLength: 2 }).chain((codes) =>
    percentagesOf(codes.length).map((ps) => ({
      countries: codes.map((c, i) => ({
        code: c,
        vocabulary: null,
        vocabularyUri: null,
        percentage: ps[i] ?? null,
        narrative: {},
      })),
      regions: [],
    })),
  ),
  fc.record({
    countries: fc.constant<IatiCodeWithPercentage[]>([]),
    regions: fc
      .tuple(code('Region'), someNarratives)
      .map(([c, n]) => [
        { code: c, vocabulary: '1', vocabularyUri: null, percentage: '100', narrative: n },
      ]),
  }),
  fc.constant<Recipients>({ countries: [], regions: [] }),
);

export const locationArb: fc.Arbitrary<IatiLocation> = fc.record({
  ref: nullable(fc.constantFrom('PRESEVO', 'BUJANOVAC', 'MEDVEDJA')),
  reach: nullable(code('GeographicLocationReach')),
  locationIds: fc.array(
    fc.record({
      vocabulary: fc.constant('G1'),
      code: fc.integer({ min: 1, max: 9e6 }).map(String),
    }),
    { maxLength: 1 },
  ),
  name: someNarratives,
  description: someNarratives,
  activityDescription: someNarratives,
  administrative: fc.array(
    fc.record({
      vocabulary: fc.constant('G1'),
      level: nullable(fc.integer({ min: 0, max: 5 }).map(String)),
      code: fc.integer({ min: 1, max: 9e6 }).map(String),
    }),
    { maxLength: 2 },
  ),
  point: nullable(point),
  exactness: nullable(code('GeographicExactness')),
  locationClass: nullable(code('GeographicLocationClass')),
  featureDesignation: nullable(code('LocationType')),
});

export const budgetArb: fc.Arbitrary<IatiBudget> = fc
  .record({
    type: nullable(code('BudgetType')),
    status: nullable(code('BudgetStatus')),
    period,
    value: valueArb,
  })
  .map(({ period: p, value, ...rest }) => ({
    ...rest,
    periodStart: p.start,
    periodEnd: p.end,
    value: { ...value, valueDate: p.start },
  }));

export const plannedDisbursementArb: fc.Arbitrary<IatiPlannedDisbursement> = fc
  .record({
    type: nullable(code('BudgetType')),
    period,
    open: fc.boolean(),
    value: valueArb,
    provider: partyArb,
    receiver: partyArb,
  })
  .map(({ period: p, open, ...rest }) => ({
    ...rest,
    periodStart: p.start,
    periodEnd: open ? null : p.end,
  }));

/** Transactions; sectors and recipients only when the activity leaves them to transactions. */
export function transactionArb(detailed: boolean): fc.Arbitrary<IatiTransaction> {
  return fc
    .record({
      ref: nullable(fc.integer({ min: 1, max: 9999 }).map((n) => `T-${n}`)),
      humanitarian: nullable(fc.boolean()),
      type: code('TransactionType'),
      date: isoDate,
      value: valueArb,
      description: someNarratives,
      provider: partyArb,
      receiver: partyArb,
      disbursementChannel: nullable(code('DisbursementChannel')),
      sectors: detailed
        ? sectorsArb(false).map((s) => s.slice(0, 1))
        : fc.constant<IatiCodeWithPercentage[]>([]),
      recipientCountry: detailed ? nullable(code('Country')) : fc.constant(null),
      recipientRegion: fc.constant(null),
      flowType: nullable(code('FlowType')),
      financeType: nullable(code('FinanceType')),
      aidTypes: fc.array(
        fc.record({ code: code('AidType'), vocabulary: fc.constantFrom('1', null) }),
        {
          maxLength: 1,
        },
      ),
      tiedStatus: nullable(code('TiedStatus')),
    })
    .map((t) => ({ ...t, value: { ...t.value, valueDate: t.date } }));
}

export const documentLinkArb: fc.Arbitrary<IatiDocumentLink> = fc.record({
  url,
  format: fc.constantFrom('application/pdf', 'text/html', 'image/jpeg'),
  title: narrativesOf(1),
  description: someNarratives,
  categories: fc.uniqueArray(code('DocumentCategory'), { minLength: 1, maxLength: 2 }),
  languages: fc.uniqueArray(fc.constantFrom('en', 'sq', 'sr', 'fr'), { maxLength: 2 }),
  documentDate: nullable(isoDate),
});

export const periodValueArb: fc.Arbitrary<IatiPeriodValue> = fc.record({
  value: nullable(fc.integer({ min: 0, max: 10_000 }).map(String)),
  comment: someNarratives,
  locationRefs: fc.array(fc.constantFrom('PRESEVO', 'BUJANOVAC', 'MEDVEDJA'), { maxLength: 1 }),
  dimensions: fc.array(
    fc.record({
      name: fc.constantFrom('sex', 'age'),
      value: fc.constantFrom('female', 'male', '18-25'),
    }),
    { maxLength: 1 },
  ),
});

export const indicatorArb: fc.Arbitrary<IatiIndicator> = fc.record({
  measure: code('IndicatorMeasure'),
  ascending: nullable(fc.boolean()),
  aggregationStatus: nullable(fc.boolean()),
  title: narrativesOf(1),
  description: someNarratives,
  references: fc.array(
    fc.record({
      vocabulary: code('IndicatorVocabulary'),
      code: fc.integer({ min: 1, max: 999 }).map(String),
      indicatorUri: nullable(url),
    }),
    { maxLength: 1 },
  ),
  baselines: fc.array(
    fc.record({
      year: fc.integer({ min: 2000, max: 2035 }).map((y) => String(y)),
      isoDate: nullable(isoDate),
      value: nullable(fc.integer({ min: 0, max: 10_000 }).map(String)),
      comment: someNarratives,
      locationRefs: fc.array(fc.constantFrom('PRESEVO', 'BUJANOVAC'), { maxLength: 1 }),
    }),
    { maxLength: 1 },
  ),
  periods: fc.array(
    fc
      .record({
        period,
        targets: fc.array(periodValueArb, { maxLength: 1 }),
        actuals: fc.array(periodValueArb, { maxLength: 1 }),
      })
      .map(({ period: p, ...rest }) => ({ periodStart: p.start, periodEnd: p.end, ...rest })),
    { maxLength: 2 },
  ),
});

export const resultArb: fc.Arbitrary<IatiResult> = fc.record({
  type: code('ResultType'),
  aggregationStatus: nullable(fc.boolean()),
  title: narrativesOf(1),
  description: someNarratives,
  indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 2 }),
});

export const conditionsArb: fc.Arbitrary<IatiActivity['conditions']> = nullable(
  fc.oneof(
    fc.constant<NonNullable<IatiActivity['conditions']>>({ attached: false, items: [] }),
    fc.record({
      attached: fc.constant(true),
      items: fc.array(fc.record({ type: code('ConditionType'), narrative: narrativesOf(1) }), {
        minLength: 1,
        maxLength: 2,
      }),
    }),
  ),
);
