import type { IatiCodeWithPercentage, IatiLocation } from '../iati.model.js';
import { each, type WriteContext } from './context.js';
import { narratives, textBlock } from './narratives.js';
import { codeElement, decimalAttr, dropped, nonNegativeIntegerAttr, uriAttr } from './typed.js';
import { attr, element, textElement } from './xml.js';

export function recipientCountriesXml(
  ctx: WriteContext,
  list: readonly IatiCodeWithPercentage[],
): string {
  return each(ctx, 'recipient-country', list, (c) => {
    // The schema gives recipient-country no vocabulary: ISO 3166-1 alpha-2 is implied.
    dropped(ctx, 'vocabulary on recipient-country', c.vocabulary);
    dropped(ctx, 'vocabulary-uri on recipient-country', c.vocabularyUri);
    const attrs = attr('code', c.code) + decimalAttr(ctx, 'percentage', c.percentage);
    return element('recipient-country', attrs, narratives(ctx, c.narrative));
  });
}

export function recipientRegionsXml(
  ctx: WriteContext,
  list: readonly IatiCodeWithPercentage[],
): string {
  return each(ctx, 'recipient-region', list, (r) => {
    const attrs =
      attr('code', r.code) +
      attr('vocabulary', r.vocabulary) +
      uriAttr(ctx, 'vocabulary-uri', r.vocabularyUri) +
      decimalAttr(ctx, 'percentage', r.percentage);
    return element('recipient-region', attrs, narratives(ctx, r.narrative));
  });
}

/**
 * gml:pos is "latitude longitude" as decimals. JavaScript prints very small or large numbers
 * with an exponent (1e-7), which is not a decimal, so those are spelled out digit for digit:
 * the same shortest digits, so the number reads back exactly.
 */
export function decimalNumber(n: number): string {
  const s = String(n);
  const [mantissa = s, exponent] = s.split('e');
  if (exponent === undefined) return s;
  const sign = mantissa.startsWith('-') ? '-' : '';
  const unsigned = mantissa.replace('-', '');
  const dot = unsigned.indexOf('.');
  const digits = unsigned.replace('.', '');
  const point = (dot === -1 ? unsigned.length : dot) + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

function pointXml(ctx: WriteContext, point: IatiLocation['point']): string {
  if (point === null) return '';
  return ctx.within('point', () => {
    if (!Number.isFinite(point.lat) || !Number.isFinite(point.lon))
      ctx.report('error', 'export.value', 'latitude and longitude must be finite numbers', 'pos');
    const pos = textElement('pos', '', `${decimalNumber(point.lat)} ${decimalNumber(point.lon)}`);
    return element('point', attr('srsName', point.srsName), pos);
  });
}

function locationXml(ctx: WriteContext, l: IatiLocation): string {
  const content =
    codeElement('location-reach', l.reach) +
    l.locationIds
      .map((id) =>
        element('location-id', attr('code', id.code) + attr('vocabulary', id.vocabulary), ''),
      )
      .join('') +
    textBlock(ctx, 'name', l.name) +
    textBlock(ctx, 'description', l.description) +
    textBlock(ctx, 'activity-description', l.activityDescription) +
    each(ctx, 'administrative', l.administrative, (a) =>
      element(
        'administrative',
        attr('code', a.code) +
          attr('vocabulary', a.vocabulary) +
          nonNegativeIntegerAttr(ctx, 'level', a.level),
        '',
      ),
    ) +
    pointXml(ctx, l.point) +
    codeElement('exactness', l.exactness) +
    codeElement('location-class', l.locationClass) +
    codeElement('feature-designation', l.featureDesignation);
  return element('location', attr('ref', l.ref), content);
}

export function locationsXml(ctx: WriteContext, list: readonly IatiLocation[]): string {
  return each(ctx, 'location', list, (l) => locationXml(ctx, l));
}
