/**
 * One `<iati-organisation>` for the IATI organisation file, with the minimal content the 2.03
 * schema requires (organisation-identifier, name, reporting-org) and optional total budgets.
 * The schema's order: organisation-identifier, name, reporting-org, total-budget,
 * recipient-org-budget, recipient-region-budget, recipient-country-budget, total-expenditure,
 * document-link.
 */
import type { IatiProblem, IatiValue, Narratives } from '../iati.model.js';
import { periodXml, valueXml } from './activity.finance.js';
import { reportingOrgXml } from './activity.orgs.js';
import { each, WriteContext } from './context.js';
import { IatiExportError } from './errors.js';
import { requiredTextBlock } from './narratives.js';
import { dateTimeAttr, langAttr } from './typed.js';
import { attr, element, textElement } from './xml.js';

export interface IatiOrganisationBudget {
  status: string | null; // BudgetStatus; null = 1 (indicative)
  periodStart: string;
  periodEnd: string;
  value: IatiValue;
}

export interface IatiOrganisation {
  identifier: string;
  name: Narratives;
  reportingOrg: { ref: string; type: string; name: Narratives; secondaryReporter?: boolean | null };
  lastUpdated: string | null; // ISO datetime
  defaultLang: string | null;
  defaultCurrency: string | null;
  totalBudgets?: IatiOrganisationBudget[];
}

export function renderOrganisation(o: IatiOrganisation): { xml: string; ctx: WriteContext } {
  const ctx = new WriteContext(o.defaultLang ?? '', o.identifier);
  if (o.identifier === '')
    ctx.report(
      'error',
      'export.required',
      'organisation-identifier is required',
      'organisation-identifier',
    );
  const attrs =
    dateTimeAttr(ctx, 'last-updated-datetime', o.lastUpdated) +
    langAttr(ctx, 'xml:lang', o.defaultLang) +
    attr('default-currency', o.defaultCurrency);
  const content =
    textElement('organisation-identifier', '', o.identifier) +
    requiredTextBlock(ctx, 'name', o.name) +
    reportingOrgXml(ctx, o.reportingOrg) +
    each(ctx, 'total-budget', o.totalBudgets ?? [], (b) =>
      element(
        'total-budget',
        attr('status', b.status),
        periodXml(ctx, 'period-start', b.periodStart) +
          periodXml(ctx, 'period-end', b.periodEnd) +
          valueXml(ctx, b.value),
      ),
    );
  return { xml: element('iati-organisation', attrs, content), ctx };
}

/** One `<iati-organisation>`, valid against the 2.03 schema, or an IatiExportError. */
export function organisationXml(o: IatiOrganisation): string {
  const { xml, ctx } = renderOrganisation(o);
  if (ctx.blocked) throw new IatiExportError(ctx.problems);
  return xml;
}

export function organisationExportProblems(o: IatiOrganisation): IatiProblem[] {
  return renderOrganisation(o).ctx.problems;
}
