/**
 * One IATI 2.03 activity as plain data: what the streaming parser produces, what the importer
 * stores, what the registry hands back for export and what the serialiser writes. Round trips
 * compare values of this type. Narratives are keyed by language (`xml:lang`, or the file's
 * default language when absent); codes are kept as strings exactly as written.
 */
export type Narratives = Record<string, string>;

/** Where a value came from in the file, for problem reports. */
export interface SourcePosition {
  line: number;
  column: number;
}

export interface IatiOrgRef {
  ref: string | null;
  type: string | null;
  name: Narratives;
}

export interface IatiParticipatingOrg extends IatiOrgRef {
  role: string; // OrganisationRole 1–4
  activityId: string | null;
  crsChannelCode: string | null;
}

export interface IatiActivityDate {
  type: string; // ActivityDateType 1–4
  isoDate: string; // YYYY-MM-DD
  narrative: Narratives;
}

export interface IatiContact {
  type: string | null;
  organisation: Narratives;
  department: Narratives;
  personName: Narratives;
  jobTitle: Narratives;
  telephone: string | null;
  email: string | null;
  website: string | null;
  mailingAddress: Narratives;
}

export interface IatiCodeWithPercentage {
  code: string;
  vocabulary: string | null;
  vocabularyUri: string | null;
  percentage: string | null; // decimal as written
  narrative: Narratives;
}

export interface IatiLocation {
  ref: string | null;
  reach: string | null; // GeographicLocationReach
  locationIds: { vocabulary: string; code: string }[];
  name: Narratives;
  description: Narratives;
  activityDescription: Narratives;
  administrative: { vocabulary: string; level: string | null; code: string }[];
  point: { srsName: string; lat: number; lon: number } | null;
  exactness: string | null;
  locationClass: string | null;
  featureDesignation: string | null;
}

export interface IatiPolicyMarker {
  vocabulary: string | null;
  vocabularyUri: string | null;
  code: string;
  significance: string | null;
  narrative: Narratives;
}

export interface IatiTag {
  vocabulary: string;
  vocabularyUri: string | null;
  code: string;
  narrative: Narratives;
}

export interface IatiValue {
  amount: string; // decimal as written, e.g. "1500000.00" or "-20"
  currency: string | null; // null = the activity's default currency
  valueDate: string;
}

export interface IatiBudget {
  type: string | null; // BudgetType; null = 1 (original)
  status: string | null; // BudgetStatus; null = 1 (indicative)
  periodStart: string;
  periodEnd: string;
  value: IatiValue;
}

export interface IatiPlannedDisbursement {
  type: string | null;
  periodStart: string;
  periodEnd: string | null;
  value: IatiValue;
  provider: (IatiOrgRef & { activityId: string | null }) | null;
  receiver: (IatiOrgRef & { activityId: string | null }) | null;
}

export interface IatiTransaction {
  ref: string | null;
  humanitarian: boolean | null;
  type: string; // TransactionType
  date: string;
  value: IatiValue;
  description: Narratives;
  provider: (IatiOrgRef & { activityId: string | null }) | null;
  receiver: (IatiOrgRef & { activityId: string | null }) | null;
  disbursementChannel: string | null;
  sectors: IatiCodeWithPercentage[];
  recipientCountry: string | null;
  recipientRegion: { code: string; vocabulary: string | null } | null;
  flowType: string | null;
  financeType: string | null;
  aidTypes: { code: string; vocabulary: string | null }[];
  tiedStatus: string | null;
}

export interface IatiDocumentLink {
  url: string;
  format: string | null;
  title: Narratives;
  description: Narratives;
  categories: string[];
  languages: string[];
  documentDate: string | null;
}

export interface IatiRelatedActivity {
  ref: string;
  type: string; // RelatedActivityType 1–5
}

export interface IatiPeriodValue {
  value: string | null;
  comment: Narratives;
  locationRefs: string[];
  dimensions: { name: string; value: string }[];
}

export interface IatiIndicatorPeriod {
  periodStart: string;
  periodEnd: string;
  targets: IatiPeriodValue[];
  actuals: IatiPeriodValue[];
}

export interface IatiIndicator {
  measure: string; // IndicatorMeasure 1–5
  ascending: boolean | null;
  aggregationStatus: boolean | null;
  title: Narratives;
  description: Narratives;
  references: { vocabulary: string; code: string; indicatorUri: string | null }[];
  baselines: {
    year: string | null;
    isoDate: string | null;
    value: string | null;
    comment: Narratives;
    locationRefs: string[];
  }[];
  periods: IatiIndicatorPeriod[];
}

export interface IatiResult {
  type: string; // ResultType 1 output, 2 outcome, 3 impact, 9 other
  aggregationStatus: boolean | null;
  title: Narratives;
  description: Narratives;
  indicators: IatiIndicator[];
}

export interface IatiActivity {
  identifier: string;
  defaultLang: string | null;
  defaultCurrency: string | null;
  lastUpdated: string | null; // ISO datetime as written
  humanitarian: boolean | null;
  hierarchy: number | null;
  reportingOrg: IatiOrgRef & { secondaryReporter: boolean | null };
  title: Narratives;
  descriptions: { type: string; narrative: Narratives }[]; // DescriptionType; 1 = general
  participatingOrgs: IatiParticipatingOrg[];
  status: string | null;
  dates: IatiActivityDate[];
  contacts: IatiContact[];
  scope: string | null;
  recipientCountries: IatiCodeWithPercentage[];
  recipientRegions: IatiCodeWithPercentage[];
  locations: IatiLocation[];
  sectors: IatiCodeWithPercentage[];
  tags: IatiTag[];
  policyMarkers: IatiPolicyMarker[];
  collaborationType: string | null;
  defaultFlowType: string | null;
  defaultFinanceType: string | null;
  defaultAidTypes: { code: string; vocabulary: string | null }[];
  defaultTiedStatus: string | null;
  budgets: IatiBudget[];
  plannedDisbursements: IatiPlannedDisbursement[];
  capitalSpend: string | null;
  transactions: IatiTransaction[];
  documentLinks: IatiDocumentLink[];
  relatedActivities: IatiRelatedActivity[];
  conditions: { attached: boolean; items: { type: string; narrative: Narratives }[] } | null;
  results: IatiResult[];
}

export type Severity = 'critical' | 'error' | 'warning';

/** One problem found in a file: stable code, where it is, and what to do about it. */
export interface IatiProblem {
  severity: Severity;
  code: string; // stable, e.g. 'date.end_before_start', 'codelist.unknown', 'xml.doctype'
  message: string;
  activity: string | null; // iati-identifier, when inside an activity
  line: number | null;
  column: number | null;
  path: string | null; // e.g. 'transaction[3]/value'
}
