import type { IatiBudget, IatiPlannedDisbursement, IatiTransaction } from '../iati.model.js';
import type { BuildContext } from './build.context.js';
import { codeWithPercentage } from './build.geo.js';
import { idAttr, transferOrg } from './build.orgs.js';
import { dateAttr } from './dates.js';
import { narratives } from './narratives.js';
import { boolAttr, readValue } from './values.js';
import { attr, childAttr, childNode, childNodes, type XNode } from './xml.tree.js';

export function aidTypes(nodes: XNode[]): { code: string; vocabulary: string | null }[] {
  return nodes.map((n) => ({ code: attr(n, 'code') ?? '', vocabulary: attr(n, 'vocabulary') }));
}

function periodDate(node: XNode, child: string, ctx: BuildContext): string | null {
  return dateAttr(childNode(node, child), 'iso-date', ctx);
}

export function budget(node: XNode, ctx: BuildContext): IatiBudget {
  return {
    type: attr(node, 'type'),
    status: attr(node, 'status'),
    periodStart: periodDate(node, 'period-start', ctx) ?? '',
    periodEnd: periodDate(node, 'period-end', ctx) ?? '',
    value: readValue(node, ctx),
  };
}

export function plannedDisbursement(node: XNode, ctx: BuildContext): IatiPlannedDisbursement {
  return {
    type: attr(node, 'type'),
    periodStart: periodDate(node, 'period-start', ctx) ?? '',
    periodEnd: periodDate(node, 'period-end', ctx),
    value: readValue(node, ctx),
    provider: transferOrg(childNode(node, 'provider-org'), 'provider', ctx),
    receiver: transferOrg(childNode(node, 'receiver-org'), 'receiver', ctx),
  };
}

export function transaction(node: XNode, ctx: BuildContext): IatiTransaction {
  const region = childNode(node, 'recipient-region');
  return {
    ref: idAttr(node, 'ref', ctx),
    humanitarian: boolAttr(node, 'humanitarian', ctx),
    type: childAttr(node, 'transaction-type') ?? '',
    date: periodDate(node, 'transaction-date', ctx) ?? '',
    value: readValue(node, ctx),
    description: narratives(childNode(node, 'description'), ctx),
    provider: transferOrg(childNode(node, 'provider-org'), 'provider', ctx),
    receiver: transferOrg(childNode(node, 'receiver-org'), 'receiver', ctx),
    disbursementChannel: childAttr(node, 'disbursement-channel'),
    // Transaction sectors carry no percentage in the schema: codeWithPercentage leaves it null.
    sectors: childNodes(node, 'sector').map((s) => codeWithPercentage(s, ctx)),
    recipientCountry: childAttr(node, 'recipient-country'),
    recipientRegion: region
      ? { code: attr(region, 'code') ?? '', vocabulary: attr(region, 'vocabulary') }
      : null,
    flowType: childAttr(node, 'flow-type'),
    financeType: childAttr(node, 'finance-type'),
    aidTypes: aidTypes(childNodes(node, 'aid-type')),
    tiedStatus: childAttr(node, 'tied-status'),
  };
}
