import type { IatiProblem, Severity, SourcePosition } from '../iati.model.js';

/**
 * Every problem code the parser and the validator can report, with its one severity: a code never
 * changes severity, so the importer and the UI can act on the code alone. PROBLEMS.md explains
 * each one (a test keeps the two in step).
 */
export const PROBLEM_CODES = {
  // The file cannot be read: reading stops.
  'xml.doctype': 'critical',
  'xml.encoding': 'critical',
  'xml.truncated': 'critical',
  'xml.malformed': 'critical',
  'xml.empty': 'critical',
  'xml.read_error': 'critical',
  'xml.too_large': 'critical',
  'xml.too_deep': 'critical',
  'xml.node_too_large': 'critical',
  'iati.not_activities': 'critical',
  'iati.version_unsupported': 'critical',
  'iati.version_unknown': 'error',
  // What the reader saw while turning XML into an IatiActivity.
  'xml.unknown_element': 'warning',
  'xml.extension_element': 'warning',
  'xml.unknown_attribute': 'warning',
  'xml.unexpected_text': 'warning',
  'xml.element_repeated': 'error',
  'model.value_dropped': 'warning',
  'narrative.no_language': 'error',
  'narrative.duplicate_language': 'warning',
  'narrative.bare_text': 'warning',
  'date.normalised': 'warning',
  'identifier.whitespace': 'warning',
  'value.boolean_invalid': 'error',
  'value.integer_invalid': 'error',
  'location.pos_invalid': 'error',
  // The activity cannot be stored.
  'activity.identifier_missing': 'critical',
  'activity.title_missing': 'critical',
  'activity.reporting_org_missing': 'critical',
  'date.missing': 'critical',
  'date.invalid': 'critical',
  'value.missing': 'critical',
  'value.invalid': 'critical',
  'percentage.invalid': 'critical',
  'percentage.out_of_range': 'critical',
  // Breaks the IATI Standard (schema or Standard ruleset).
  'field.missing': 'error',
  'activity.duplicate_identifier': 'error',
  'activity.identifier_is_org': 'error',
  'activity.description_missing': 'error',
  'activity.participating_org_missing': 'error',
  'activity.status_missing': 'error',
  'activity.start_date_missing': 'error',
  'narrative.missing': 'error',
  'org.ref_missing': 'error',
  'org.unnamed': 'error',
  'codelist.unknown': 'error',
  'datetime.invalid': 'error',
  'date.end_before_start': 'error',
  'date.future': 'error',
  'value.currency_missing': 'error',
  'value.value_date_missing': 'error',
  'budget.period_too_long': 'error',
  'percentage.missing': 'error',
  'percentage.sum': 'error',
  'percentage.single_not_100': 'error',
  'sector.missing': 'error',
  'sector.both_levels': 'error',
  'sector.not_all_transactions': 'error',
  'sector.narrative_missing': 'error',
  'recipient.missing': 'error',
  'recipient.both_levels': 'error',
  'recipient.not_all_transactions': 'error',
  'policy_marker.significance_missing': 'error',
  'policy_marker.narrative_missing': 'error',
  'result.value_missing': 'error',
  'location.point_out_of_range': 'error',
  // Suspicious.
  'codelist.unknown_open': 'warning',
  'codelist.withdrawn': 'warning',
  'activity.identifier_prefix': 'warning',
  'identifier.invalid_chars': 'warning',
  'org.unknown_agency': 'warning',
  'budget.overlap': 'warning',
  'percentage.sum_rounding': 'warning',
  'sector.no_dac_vocabulary': 'warning',
  'aid_type.no_dac_vocabulary': 'warning',
  'aid_type.repeated_vocabulary': 'warning',
  'result.value_not_numeric': 'warning',
  'result.value_qualitative': 'warning',
} as const satisfies Record<string, Severity>;

export type ProblemCode = keyof typeof PROBLEM_CODES;

/** Where a problem is: the element's position and path; the activity is filled in by the caller. */
export interface ProblemPlace {
  position?: SourcePosition | null;
  path?: string | null;
  activity?: string | null;
}

export function makeProblem(
  code: ProblemCode,
  message: string,
  at: ProblemPlace = {},
): IatiProblem {
  return {
    severity: PROBLEM_CODES[code],
    code,
    message,
    activity: at.activity ?? null,
    line: at.position?.line ?? null,
    column: at.position?.column ?? null,
    path: at.path ?? null,
  };
}

export function isCritical(problems: readonly IatiProblem[]): boolean {
  return problems.some((p) => p.severity === 'critical');
}

const STRUCTURAL = new Set<string>(['field.missing', 'narrative.missing']);
const elementOf = (path: string | null): string | null => path?.replace(/\/@[^/]*$/, '') ?? null;

/**
 * The reader's schema checks and the validator see some gaps twice (a budget without
 * period-start is a missing element to one, a missing date to the other): the reader's generic
 * "missing" problem is dropped when the validator reports on the same element or attribute.
 */
export function mergeProblems(
  reader: readonly IatiProblem[],
  validator: readonly IatiProblem[],
): IatiProblem[] {
  const said = new Set<string>();
  for (const p of validator) {
    if (p.path === null) continue;
    said.add(p.path);
    const element = elementOf(p.path);
    if (element !== null) said.add(element);
  }
  const kept = reader.filter(
    (p) => !(STRUCTURAL.has(p.code) && p.path !== null && said.has(p.path)),
  );
  return [...kept, ...validator];
}
