import type { IatiIndicator, IatiPeriodValue, IatiResult } from '../iati.model.js';
import { periodXml } from './activity.finance.js';
import { each, type WriteContext } from './context.js';
import { requiredTextBlock, textBlock } from './narratives.js';
import { dateAttr, positiveIntegerAttr, requiredAttr, uriAttr } from './typed.js';
import { attr, element } from './xml.js';

function locationRefsXml(refs: readonly string[]): string {
  return refs.map((ref) => element('location', attr('ref', ref), '')).join('');
}

/** target or actual: location, dimension, comment (in that order, unlike baseline). */
function periodValueXml(
  ctx: WriteContext,
  name: 'target' | 'actual',
  list: readonly IatiPeriodValue[],
): string {
  return each(ctx, name, list, (v) =>
    element(
      name,
      attr('value', v.value),
      locationRefsXml(v.locationRefs) +
        v.dimensions
          .map((d) => element('dimension', attr('name', d.name) + attr('value', d.value), ''))
          .join('') +
        textBlock(ctx, 'comment', v.comment),
    ),
  );
}

function indicatorXml(ctx: WriteContext, i: IatiIndicator): string {
  const references = each(ctx, 'reference', i.references, (r) =>
    element(
      'reference',
      attr('vocabulary', r.vocabulary) +
        attr('code', r.code) +
        uriAttr(ctx, 'indicator-uri', r.indicatorUri),
      '',
    ),
  );
  const baselines = each(ctx, 'baseline', i.baselines, (b) =>
    element(
      'baseline',
      dateAttr(ctx, 'iso-date', b.isoDate) +
        (b.year === null
          ? requiredAttr(ctx, 'year', null)
          : positiveIntegerAttr(ctx, 'year', b.year)) +
        attr('value', b.value),
      locationRefsXml(b.locationRefs) + textBlock(ctx, 'comment', b.comment),
    ),
  );
  const periods = each(ctx, 'period', i.periods, (p) =>
    element(
      'period',
      '',
      periodXml(ctx, 'period-start', p.periodStart) +
        periodXml(ctx, 'period-end', p.periodEnd) +
        periodValueXml(ctx, 'target', p.targets) +
        periodValueXml(ctx, 'actual', p.actuals),
    ),
  );
  const attrs =
    attr('measure', i.measure) +
    attr('ascending', i.ascending) +
    attr('aggregation-status', i.aggregationStatus);
  const content =
    requiredTextBlock(ctx, 'title', i.title) +
    textBlock(ctx, 'description', i.description) +
    references +
    baselines +
    periods;
  return element('indicator', attrs, content);
}

function resultXml(ctx: WriteContext, r: IatiResult): string {
  if (r.indicators.length === 0)
    ctx.report('error', 'export.required', 'a result needs at least one indicator', 'indicator');
  const content =
    requiredTextBlock(ctx, 'title', r.title) +
    textBlock(ctx, 'description', r.description) +
    each(ctx, 'indicator', r.indicators, (i) => indicatorXml(ctx, i));
  const attrs = attr('type', r.type) + attr('aggregation-status', r.aggregationStatus);
  return element('result', attrs, content);
}

export function resultsXml(ctx: WriteContext, list: readonly IatiResult[]): string {
  return each(ctx, 'result', list, (r) => resultXml(ctx, r));
}
