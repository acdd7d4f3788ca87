/**
 * fast-check arbitraries for the IATI model: activities and organisation records that
 * - are valid against the 2.03 schema (required parts present, typed values well formed);
 * - use active codes from the project's own codelists (data/iati-codelists);
 * - follow the main IATI rules (sector and recipient percentages add up to 100, periods end after
 *   they start and last at most a year, sectors either on the activity or on its transactions);
 * - survive a write and a read unchanged: narratives non-empty and trimmed, nothing the schema has
 *   no room for, value-dates on the transaction or period-start date.
 * The writer's XSD tests use them; round-trip tests elsewhere can too.
 */
import fc from 'fast-check';
import type { IatiActivity, IatiTag } from '../iati.model.js';
import { code } from './arbitraries.codes.js';
import {
  budgetArb,
  conditionsArb,
  contactArb,
  currency,
  documentLinkArb,
  locationArb,
  participatingOrgArb,
  plannedDisbursementArb,
  recipientsArb,
  resultArb,
  sectorsArb,
  transactionArb,
} from './arbitraries.parts.js';
import {
  isoDate,
  isoDateTime,
  narrativesOf,
  nullable,
  orgIdentifier,
  percentage,
  someNarratives,
  url,
} from './arbitraries.values.js';
import type { IatiOrganisation } from './organisation.js';

export * from './arbitraries.codes.js';
export * from './arbitraries.parts.js';
export * from './arbitraries.values.js';

const defaultLang = nullable(fc.constantFrom('en', 'sq', 'sr-Latn'));

const tagArb: fc.Arbitrary<IatiTag> = fc.oneof(
  fc.record({
    vocabulary: fc.constant('2'), // UN Sustainable Development Goals
    vocabularyUri: fc.constant(null),
    code: code('UNSDG-Goals'),
    narrative: someNarratives,
  }),
  fc.record({
    vocabulary: fc.constant('99'), // the reporting organisation's own, which needs a URI
    vocabularyUri: url,
    code: fc.integer({ min: 1, max: 999 }).map((n) => `K-${n}`),
    narrative: narrativesOf(1),
  }),
);

const policyMarkersArb = fc.uniqueArray(
  fc.record({
    vocabulary: fc.constantFrom('1', null),
    vocabularyUri: fc.constant(null),
    code: code('PolicyMarker'),
    significance: nullable(code('PolicySignificance')),
    narrative: fc.constant({}),
  }),
  { selector: (p) => p.code, maxLength: 2 },
);

const activityParts = fc.record({
  reportingRef: orgIdentifier,
  suffix: fc.integer({ min: 1, max: 9_999_999 }),
  reportingType: code('OrganisationType'),
  reportingName: narrativesOf(1),
  secondaryReporter: nullable(fc.boolean()),
  defaultLang,
  defaultCurrency: nullable(currency),
  lastUpdated: nullable(isoDateTime),
  humanitarian: nullable(fc.boolean()),
  hierarchy: nullable(fc.constantFrom(1, 2)),
  title: narrativesOf(1),
  descriptions: fc.array(fc.record({ type: code('DescriptionType'), narrative: narrativesOf(1) }), {
    minLength: 1,
    maxLength: 2,
  }),
  participatingOrgs: fc.array(participatingOrgArb, { minLength: 1, maxLength: 3 }),
  status: code('ActivityStatus'),
  dates: fc.array(
    fc.record({ type: code('ActivityDateType'), isoDate, narrative: someNarratives }),
    { minLength: 1, maxLength: 3 },
  ),
  contacts: fc.array(contactArb, { maxLength: 1 }),
  scope: nullable(code('ActivityScope')),
  recipients: recipientsArb,
  locations: fc.array(locationArb, { maxLength: 2 }),
  sectors: sectorsArb(true),
  tags: fc.array(tagArb, { maxLength: 2 }),
  policyMarkers: policyMarkersArb,
  collaborationType: nullable(code('CollaborationType')),
  defaultFlowType: nullable(code('FlowType')),
  defaultFinanceType: nullable(code('FinanceType')),
  defaultAidTypes: fc.array(
    fc.record({ code: code('AidType'), vocabulary: fc.constantFrom('1', null) }),
    { maxLength: 1 },
  ),
  defaultTiedStatus: nullable(code('TiedStatus')),
  budgets: fc.array(budgetArb, { maxLength: 2 }),
  plannedDisbursements: fc.array(plannedDisbursementArb, { maxLength: 2 }),
  capitalSpend: nullable(percentage),
  // Sectors and recipient countries go on the activity or on every transaction, not both.
  onTransactions: fc.boolean(),
  plainTransactions: fc.array(transactionArb(false), { maxLength: 3 }),
  detailedTransactions: fc.array(transactionArb(true), { maxLength: 3 }),
  documentLinks: fc.array(documentLinkArb, { maxLength: 2 }),
  relatedActivities: fc.array(
    fc.record({ ref: orgIdentifier.map((o) => `${o}-R1`), type: code('RelatedActivityType') }),
    { maxLength: 2 },
  ),
  conditions: conditionsArb,
  results: fc.array(resultArb, { maxLength: 1 }),
});

/** One activity; its identifier is the reporting organisation's ref and a number. */
export const iatiActivityArb: fc.Arbitrary<IatiActivity> = activityParts.map((p) => {
  const {
    reportingRef,
    suffix,
    reportingType,
    reportingName,
    secondaryReporter,
    recipients,
    sectors,
    onTransactions,
    plainTransactions,
    detailedTransactions,
    ...rest
  } = p;
  return {
    ...rest,
    identifier: `${reportingRef}-${suffix}`,
    reportingOrg: {
      ref: reportingRef,
      type: reportingType,
      name: reportingName,
      secondaryReporter,
    },
    recipientCountries: onTransactions ? [] : recipients.countries,
    recipientRegions: onTransactions ? [] : recipients.regions,
    sectors: onTransactions ? [] : sectors,
    transactions: onTransactions ? detailedTransactions : plainTransactions,
  };
});

/** Activities with distinct identifiers, as one file holds them. */
export function iatiActivitiesArb(minLength: number, maxLength = minLength) {
  return fc.uniqueArray(iatiActivityArb, { selector: (a) => a.identifier, minLength, maxLength });
}

export const iatiOrganisationArb: fc.Arbitrary<IatiOrganisation> = fc
  .record({
    identifier: orgIdentifier,
    type: code('OrganisationType'),
    name: narrativesOf(1),
    lastUpdated: nullable(isoDateTime),
    defaultLang,
    defaultCurrency: nullable(currency),
    totalBudgets: fc.array(budgetArb, { maxLength: 3 }),
  })
  .map(({ type, totalBudgets, ...o }) => ({
    ...o,
    reportingOrg: { ref: o.identifier, type, name: o.name },
    totalBudgets: totalBudgets.map(({ status, periodStart, periodEnd, value }) => ({
      status,
      periodStart,
      periodEnd,
      value,
    })),
  }));
