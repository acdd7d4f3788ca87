import type { IatiIndicator, IatiPeriodValue, IatiResult } from '../iati.model.js';
import type { BuildContext } from './build.context.js';
import { dateAttr } from './dates.js';
import { narratives } from './narratives.js';
import { boolAttr } from './values.js';
import { attr, childNode, childNodes, type XNode } from './xml.tree.js';

function locationRefs(node: XNode): string[] {
  return childNodes(node, 'location')
    .map((l) => attr(l, 'ref'))
    .filter((r): r is string => r !== null);
}

/**
 * A target or actual. 2.01 and 2.02 allow one per period and 2.03 many; all read into a list.
 * The value is kept as written: qualitative indicators may carry text.
 */
function periodValue(node: XNode, ctx: BuildContext): IatiPeriodValue {
  return {
    value: attr(node, 'value'),
    comment: narratives(childNode(node, 'comment'), ctx),
    locationRefs: locationRefs(node),
    dimensions: childNodes(node, 'dimension').map((d) => ({
      name: attr(d, 'name') ?? '',
      value: attr(d, 'value') ?? '',
    })),
  };
}

function indicator(node: XNode, ctx: BuildContext): IatiIndicator {
  return {
    measure: attr(node, 'measure') ?? '',
    ascending: boolAttr(node, 'ascending', ctx),
    aggregationStatus: boolAttr(node, 'aggregation-status', ctx),
    title: narratives(childNode(node, 'title'), ctx),
    description: narratives(childNode(node, 'description'), ctx),
    references: childNodes(node, 'reference').map((r) => ({
      vocabulary: attr(r, 'vocabulary') ?? '',
      code: attr(r, 'code') ?? '',
      indicatorUri: attr(r, 'indicator-uri'),
    })),
    // 2.01/2.02: one baseline with @year; 2.03: several, with @iso-date as well.
    baselines: childNodes(node, 'baseline').map((b) => ({
      year: attr(b, 'year'),
      isoDate: dateAttr(b, 'iso-date', ctx),
      value: attr(b, 'value'),
      comment: narratives(childNode(b, 'comment'), ctx),
      locationRefs: locationRefs(b),
    })),
    periods: childNodes(node, 'period').map((p) => ({
      periodStart: dateAttr(childNode(p, 'period-start'), 'iso-date', ctx) ?? '',
      periodEnd: dateAttr(childNode(p, 'period-end'), 'iso-date', ctx) ?? '',
      targets: childNodes(p, 'target').map((t) => periodValue(t, ctx)),
      actuals: childNodes(p, 'actual').map((a) => periodValue(a, ctx)),
    })),
  };
}

export function result(node: XNode, ctx: BuildContext): IatiResult {
  return {
    type: attr(node, 'type') ?? '',
    aggregationStatus: boolAttr(node, 'aggregation-status', ctx),
    title: narratives(childNode(node, 'title'), ctx),
    description: narratives(childNode(node, 'description'), ctx),
    indicators: childNodes(node, 'indicator').map((i) => indicator(i, ctx)),
  };
}
