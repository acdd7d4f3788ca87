import type {
  IatiBudget,
  IatiPlannedDisbursement,
  IatiTransaction,
  IatiValue,
} from '../iati.model.js';
import { aidTypesXml, sectorsXml } from './activity.codes.js';
import { partyXml } from './activity.orgs.js';
import { each, type WriteContext } from './context.js';
import { textBlock } from './narratives.js';
import { checkDecimalText, codeElement, dateAttr } from './typed.js';
import { attr, element, textElement } from './xml.js';

/** `<value>`: the amount exactly as given; value-date is required by the schema. */
export function valueXml(ctx: WriteContext, v: IatiValue): string {
  return ctx.within('value', () => {
    checkDecimalText(ctx, 'text()', v.amount);
    const attrs = attr('currency', v.currency) + dateAttr(ctx, 'value-date', v.valueDate);
    return textElement('value', attrs, v.amount);
  });
}

/** period-start or period-end, whose iso-date the schema requires. */
export function periodXml(
  ctx: WriteContext,
  name: 'period-start' | 'period-end',
  isoDate: string,
): string {
  return ctx.within(name, () => element(name, dateAttr(ctx, 'iso-date', isoDate), ''));
}

export function budgetsXml(ctx: WriteContext, list: readonly IatiBudget[]): string {
  return each(ctx, 'budget', list, (b) =>
    element(
      'budget',
      attr('type', b.type) + attr('status', b.status),
      periodXml(ctx, 'period-start', b.periodStart) +
        periodXml(ctx, 'period-end', b.periodEnd) +
        valueXml(ctx, b.value),
    ),
  );
}

export function plannedDisbursementsXml(
  ctx: WriteContext,
  list: readonly IatiPlannedDisbursement[],
): string {
  return each(ctx, 'planned-disbursement', list, (p) =>
    element(
      'planned-disbursement',
      attr('type', p.type),
      periodXml(ctx, 'period-start', p.periodStart) +
        (p.periodEnd === null ? '' : periodXml(ctx, 'period-end', p.periodEnd)) +
        valueXml(ctx, p.value) +
        partyXml(ctx, 'provider', p.provider) +
        partyXml(ctx, 'receiver', p.receiver),
    ),
  );
}

function transactionXml(ctx: WriteContext, t: IatiTransaction): string {
  const region = t.recipientRegion;
  const content =
    codeElement('transaction-type', t.type) +
    ctx.within('transaction-date', () =>
      element('transaction-date', dateAttr(ctx, 'iso-date', t.date), ''),
    ) +
    valueXml(ctx, t.value) +
    textBlock(ctx, 'description', t.description) +
    partyXml(ctx, 'provider', t.provider) +
    partyXml(ctx, 'receiver', t.receiver) +
    codeElement('disbursement-channel', t.disbursementChannel) +
    sectorsXml(ctx, t.sectors, false) +
    codeElement('recipient-country', t.recipientCountry) +
    (region === null
      ? ''
      : element(
          'recipient-region',
          attr('code', region.code) + attr('vocabulary', region.vocabulary),
          '',
        )) +
    codeElement('flow-type', t.flowType) +
    codeElement('finance-type', t.financeType) +
    aidTypesXml('aid-type', t.aidTypes) +
    codeElement('tied-status', t.tiedStatus);
  return element('transaction', attr('ref', t.ref) + attr('humanitarian', t.humanitarian), content);
}

export function transactionsXml(ctx: WriteContext, list: readonly IatiTransaction[]): string {
  return each(ctx, 'transaction', list, (t) => transactionXml(ctx, t));
}
