import { detached } from './xml.tree.js';
import type { IatiActivity, IatiOrgRef } from '../iati.model.js';
import type { CodelistInfo } from './codelists.js';
import { nth, type Checker } from './validate.checker.js';

/** Characters rules 1.3.13, 1.14.13 and others forbid in identifiers (they break URLs). */
const FORBIDDEN = /[/&|?]/;

function hasName(org: IatiOrgRef): boolean {
  return Object.keys(org.name).length > 0;
}

function checkChars(c: Checker, value: string | null, path: string, what: string): void {
  if (value !== null && FORBIDDEN.test(value))
    c.add('identifier.invalid_chars', `${what} "${value}" contains /, &, | or ?`, path);
}

/** Verdicts by reference per codelist: a file repeats one reporting-org in every activity. */
const agencyVerdicts = new WeakMap<CodelistInfo, Map<string, boolean>>();

/** Rule 1.14.8: an organisation identifier starts with a registration agency code, then "-". */
function knownAgency(c: Checker, ref: string): boolean {
  const agencies = c.ctx.codelists.get('OrganisationRegistrationAgency');
  if (!agencies) return true;
  let verdicts = agencyVerdicts.get(agencies);
  if (!verdicts) agencyVerdicts.set(agencies, (verdicts = new Map<string, boolean>()));
  let known = verdicts.get(ref);
  if (known === undefined) {
    known = [...agencies.codes.keys()].some((code) => ref.startsWith(`${code}-`));
    // A copy: the ref is a slice of the parsed text, and this cache lives as long as the process.
    if (verdicts.size < 10_000) verdicts.set(detached(ref), known);
  }
  return known;
}

function checkReportingOrg(a: IatiActivity, c: Checker): void {
  const org = a.reportingOrg;
  if (org.ref === null && org.type === null && !hasName(org)) {
    c.add(
      'activity.reporting_org_missing',
      'the activity has no reporting-org: it cannot be stored without knowing who reports it',
      'reporting-org',
    );
    return;
  }
  if (org.ref === null) {
    c.add(
      'org.ref_missing',
      'reporting-org has no @ref (organisation identifier)',
      'reporting-org/@ref',
    );
    return;
  }
  checkChars(c, org.ref, 'reporting-org/@ref', 'the reporting-org identifier');
  if (!knownAgency(c, org.ref))
    c.add(
      'org.unknown_agency',
      `reporting-org/@ref "${org.ref}" does not start with a known registration agency code (such as XM-DAC-)`,
      'reporting-org/@ref',
    );
  if (a.identifier === '') return;
  if (a.identifier === org.ref)
    c.add(
      'activity.identifier_is_org',
      `the iati-identifier "${a.identifier}" is the reporting organisation's identifier, not an activity's`,
      'iati-identifier',
    );
  else if (!a.identifier.startsWith(`${org.ref}-`))
    c.add(
      'activity.identifier_prefix',
      `the iati-identifier "${a.identifier}" should start with the reporting-org identifier "${org.ref}-"`,
      'iati-identifier',
    );
}

function checkTransferOrg(
  c: Checker,
  org: (IatiOrgRef & { activityId: string | null }) | null,
  path: string,
): void {
  if (!org) return;
  if (org.ref === null && !hasName(org))
    c.add('org.unnamed', `${path.split('/').pop() ?? path} needs an @ref or a narrative`, path);
  checkChars(c, org.ref, `${path}/@ref`, 'the organisation identifier');
}

export function checkIdentity(a: IatiActivity, c: Checker): void {
  if (a.identifier === '')
    c.add(
      'activity.identifier_missing',
      'the activity has no iati-identifier: it cannot be stored',
      'iati-identifier',
    );
  checkChars(c, a.identifier, 'iati-identifier', 'the iati-identifier');
  checkReportingOrg(a, c);

  if (a.participatingOrgs.length === 0)
    c.add(
      'activity.participating_org_missing',
      'the activity names no participating-org (at least one is required)',
      'participating-org',
    );
  a.participatingOrgs.forEach((org, i) => {
    const path = nth('participating-org', i);
    if (org.ref === null && !hasName(org))
      c.add('org.unnamed', 'participating-org needs an @ref or a narrative', path);
    if (org.role === '') c.add('field.missing', 'participating-org needs a @role', `${path}/@role`);
    checkChars(c, org.ref, `${path}/@ref`, 'the participating-org identifier');
  });
  a.transactions.forEach((t, i) => {
    checkTransferOrg(c, t.provider, `${nth('transaction', i)}/provider-org`);
    checkTransferOrg(c, t.receiver, `${nth('transaction', i)}/receiver-org`);
  });
  a.plannedDisbursements.forEach((d, i) => {
    checkTransferOrg(c, d.provider, `${nth('planned-disbursement', i)}/provider-org`);
    checkTransferOrg(c, d.receiver, `${nth('planned-disbursement', i)}/receiver-org`);
  });
  a.relatedActivities.forEach((r, i) => {
    const path = nth('related-activity', i);
    if (r.ref === '') c.add('field.missing', 'related-activity needs a @ref', `${path}/@ref`);
    if (r.type === '') c.add('field.missing', 'related-activity needs a @type', `${path}/@type`);
  });
}
