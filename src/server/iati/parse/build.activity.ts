import type { IatiActivity } from '../iati.model.js';
import { BuildContext } from './build.context.js';
import { aidTypes, budget, plannedDisbursement, transaction } from './build.finance.js';
import { codeWithPercentage, location } from './build.geo.js';
import {
  activityDate,
  conditions,
  contact,
  description,
  documentLink,
  policyMarker,
  relatedActivity,
  tag,
} from './build.info.js';
import { identifierText, participatingOrg, reportingOrg } from './build.orgs.js';
import { result } from './build.results.js';
import { narratives } from './narratives.js';
import { boolAttr, intAttr } from './values.js';
import { attr, type XNode } from './xml.tree.js';

/**
 * Turns one `iati-activity` element into an IatiActivity. Every element the model has a place for
 * becomes one entry, in document order, so `transactions[2]` is `transaction[3]` in problem paths.
 * Nothing is refused here: missing required values become '' (or null) for the validator.
 */
export function buildActivity(root: XNode, ctx: BuildContext): IatiActivity {
  // One pass over the activity's children instead of one per element name.
  const byName = new Map<string, XNode[]>();
  for (const c of root.children) {
    const list = byName.get(c.name);
    if (list) list.push(c);
    else byName.set(c.name, [c]);
  }
  const all = (name: string): XNode[] => byName.get(name) ?? [];
  const first = (name: string): XNode | undefined => all(name)[0];
  const code = (name: string, attribute = 'code'): string | null => attr(first(name), attribute);
  return {
    identifier: identifierText(first('iati-identifier'), ctx),
    defaultLang: ctx.defaultLang,
    defaultCurrency: attr(root, 'default-currency'),
    lastUpdated: attr(root, 'last-updated-datetime'),
    humanitarian: boolAttr(root, 'humanitarian', ctx),
    hierarchy: intAttr(root, 'hierarchy', ctx),
    reportingOrg: reportingOrg(first('reporting-org'), ctx),
    title: narratives(first('title'), ctx),
    descriptions: all('description').map((n) => description(n, ctx)),
    participatingOrgs: all('participating-org').map((n) => participatingOrg(n, ctx)),
    status: code('activity-status'),
    dates: all('activity-date').map((n) => activityDate(n, ctx)),
    contacts: all('contact-info').map((n) => contact(n, ctx)),
    scope: code('activity-scope'),
    recipientCountries: all('recipient-country').map((n) => codeWithPercentage(n, ctx)),
    recipientRegions: all('recipient-region').map((n) => codeWithPercentage(n, ctx)),
    locations: all('location').map((n) => location(n, ctx)),
    sectors: all('sector').map((n) => codeWithPercentage(n, ctx)),
    tags: all('tag').map((n) => tag(n, ctx)),
    policyMarkers: all('policy-marker').map((n) => policyMarker(n, ctx)),
    collaborationType: code('collaboration-type'),
    defaultFlowType: code('default-flow-type'),
    defaultFinanceType: code('default-finance-type'),
    defaultAidTypes: aidTypes(all('default-aid-type')),
    defaultTiedStatus: code('default-tied-status'),
    budgets: all('budget').map((n) => budget(n, ctx)),
    plannedDisbursements: all('planned-disbursement').map((n) => plannedDisbursement(n, ctx)),
    capitalSpend: code('capital-spend', 'percentage'),
    transactions: all('transaction').map((n) => transaction(n, ctx)),
    documentLinks: all('document-link').map((n) => documentLink(n, ctx)),
    relatedActivities: all('related-activity').map((n) => relatedActivity(n, ctx)),
    conditions: conditions(first('conditions'), ctx),
    results: all('result').map((n) => result(n, ctx)),
  };
}

export function newBuildContext(root: XNode, fileLang: string | null, fallbackLang: string) {
  return new BuildContext(attr(root, 'xml:lang') ?? fileLang, fallbackLang);
}
