/**
 * One `<iati-activity>` in the element order of the IATI 2.03 schema
 * (data/iati-schema/iati-activities-schema.xsd, element `iati-activity`, an xsd:sequence):
 * iati-identifier, reporting-org, title, description, participating-org, other-identifier,
 * activity-status, activity-date, contact-info, activity-scope, recipient-country,
 * recipient-region, location, sector, tag, country-budget-items, humanitarian-scope,
 * policy-marker, collaboration-type, default-flow-type, default-finance-type, default-aid-type,
 * default-tied-status, budget, planned-disbursement, capital-spend, transaction, document-link,
 * related-activity, legacy-data, conditions, result, crs-add, fss.
 * The model has no other-identifier, country-budget-items, humanitarian-scope, legacy-data,
 * crs-add or fss, so those are never written.
 */
import type { IatiActivity, IatiProblem } from '../iati.model.js';
import { aidTypesXml, policyMarkersXml, sectorsXml, tagsXml } from './activity.codes.js';
import { conditionsXml, contactsXml, documentLinksXml } from './activity.documents.js';
import { budgetsXml, plannedDisbursementsXml, transactionsXml } from './activity.finance.js';
import { participatingOrgXml, reportingOrgXml } from './activity.orgs.js';
import { locationsXml, recipientCountriesXml, recipientRegionsXml } from './activity.places.js';
import { resultsXml } from './activity.results.js';
import { each, WriteContext } from './context.js';
import { IatiExportError } from './errors.js';
import { narratives, requiredTextBlock } from './narratives.js';
import { codeElement, dateAttr, dateTimeAttr, decimalAttr, intAttr, langAttr } from './typed.js';
import { attr, element, textElement } from './xml.js';

function required(ctx: WriteContext, name: string, present: boolean, what = name): void {
  if (!present) ctx.report('error', 'export.required', `${what} is required`, name);
}

function activityAttrs(ctx: WriteContext, a: IatiActivity): string {
  return (
    dateTimeAttr(ctx, 'last-updated-datetime', a.lastUpdated) +
    langAttr(ctx, 'xml:lang', a.defaultLang) +
    attr('default-currency', a.defaultCurrency) +
    attr('humanitarian', a.humanitarian) +
    intAttr(ctx, 'hierarchy', a.hierarchy)
  );
}

function activityContent(ctx: WriteContext, a: IatiActivity): string {
  required(ctx, 'iati-identifier', a.identifier !== '');
  required(ctx, 'description', a.descriptions.length > 0, 'at least one description');
  required(ctx, 'participating-org', a.participatingOrgs.length > 0, 'a participating-org');
  required(ctx, 'activity-status', a.status !== null);
  required(ctx, 'activity-date', a.dates.length > 0, 'at least one activity-date');
  return (
    textElement('iati-identifier', '', a.identifier) +
    reportingOrgXml(ctx, a.reportingOrg) +
    requiredTextBlock(ctx, 'title', a.title) +
    each(ctx, 'description', a.descriptions, (d) => {
      const texts = narratives(ctx, d.narrative);
      required(ctx, 'narrative', texts !== '', 'a narrative');
      return element('description', attr('type', d.type), texts);
    }) +
    each(ctx, 'participating-org', a.participatingOrgs, (o) => participatingOrgXml(ctx, o)) +
    codeElement('activity-status', a.status) +
    each(ctx, 'activity-date', a.dates, (d) =>
      element(
        'activity-date',
        attr('type', d.type) + dateAttr(ctx, 'iso-date', d.isoDate),
        narratives(ctx, d.narrative),
      ),
    ) +
    contactsXml(ctx, a.contacts) +
    codeElement('activity-scope', a.scope) +
    recipientCountriesXml(ctx, a.recipientCountries) +
    recipientRegionsXml(ctx, a.recipientRegions) +
    locationsXml(ctx, a.locations) +
    sectorsXml(ctx, a.sectors, true) +
    tagsXml(ctx, a.tags) +
    policyMarkersXml(ctx, a.policyMarkers) +
    codeElement('collaboration-type', a.collaborationType) +
    codeElement('default-flow-type', a.defaultFlowType) +
    codeElement('default-finance-type', a.defaultFinanceType) +
    aidTypesXml('default-aid-type', a.defaultAidTypes) +
    codeElement('default-tied-status', a.defaultTiedStatus) +
    budgetsXml(ctx, a.budgets) +
    plannedDisbursementsXml(ctx, a.plannedDisbursements) +
    (a.capitalSpend === null
      ? ''
      : ctx.within('capital-spend', () =>
          element('capital-spend', decimalAttr(ctx, 'percentage', a.capitalSpend), ''),
        )) +
    transactionsXml(ctx, a.transactions) +
    documentLinksXml(ctx, a.documentLinks) +
    a.relatedActivities
      .map((r) => element('related-activity', attr('ref', r.ref) + attr('type', r.type), ''))
      .join('') +
    conditionsXml(ctx, a.conditions) +
    resultsXml(ctx, a.results)
  );
}

/**
 * Renders `a` and collects its problems in one walk. The XML is only valid when
 * `ctx.blocked` is false afterwards; callers decide what to do otherwise.
 */
export function renderActivity(a: IatiActivity): { xml: string; ctx: WriteContext } {
  const ctx = new WriteContext(a.defaultLang ?? '', a.identifier);
  const xml = element('iati-activity', activityAttrs(ctx, a), activityContent(ctx, a));
  return { xml, ctx };
}

/**
 * One `<iati-activity>` element, valid against the 2.03 schema. Throws IatiExportError when the
 * activity lacks something the schema requires or holds a value its types reject.
 */
export function activityXml(a: IatiActivity): string {
  const { xml, ctx } = renderActivity(a);
  if (ctx.blocked) throw new IatiExportError(ctx.problems);
  return xml;
}

/**
 * What stands between `a` and a valid export (errors) and what the export would leave out
 * (warnings); empty when it is written completely and validly.
 */
export function activityExportProblems(a: IatiActivity): IatiProblem[] {
  return renderActivity(a).ctx.problems;
}
