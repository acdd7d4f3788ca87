import type { IatiCodeWithPercentage, IatiPolicyMarker, IatiTag } from '../iati.model.js';
import { each, type WriteContext } from './context.js';
import { narratives } from './narratives.js';
import { decimalAttr, dropped, uriAttr } from './typed.js';
import { attr, element } from './xml.js';

/** Activity sectors carry a percentage; transaction sectors have no place for one. */
export function sectorsXml(
  ctx: WriteContext,
  list: readonly IatiCodeWithPercentage[],
  withPercentage: boolean,
): string {
  return each(ctx, 'sector', list, (s) => {
    if (!withPercentage) dropped(ctx, 'percentage on a transaction sector', s.percentage);
    const attrs =
      attr('vocabulary', s.vocabulary) +
      uriAttr(ctx, 'vocabulary-uri', s.vocabularyUri) +
      attr('code', s.code) +
      (withPercentage ? decimalAttr(ctx, 'percentage', s.percentage) : '');
    return element('sector', attrs, narratives(ctx, s.narrative));
  });
}

export function tagsXml(ctx: WriteContext, list: readonly IatiTag[]): string {
  return each(ctx, 'tag', list, (t) => {
    const attrs =
      attr('code', t.code) +
      attr('vocabulary', t.vocabulary) +
      uriAttr(ctx, 'vocabulary-uri', t.vocabularyUri);
    return element('tag', attrs, narratives(ctx, t.narrative));
  });
}

export function policyMarkersXml(ctx: WriteContext, list: readonly IatiPolicyMarker[]): string {
  return each(ctx, 'policy-marker', list, (p) => {
    const attrs =
      attr('vocabulary', p.vocabulary) +
      uriAttr(ctx, 'vocabulary-uri', p.vocabularyUri) +
      attr('code', p.code) +
      attr('significance', p.significance);
    return element('policy-marker', attrs, narratives(ctx, p.narrative));
  });
}

/** default-aid-type (activity) or aid-type (transaction). */
export function aidTypesXml(
  name: 'default-aid-type' | 'aid-type',
  list: readonly { code: string; vocabulary: string | null }[],
): string {
  return list
    .map((t) => element(name, attr('code', t.code) + attr('vocabulary', t.vocabulary), ''))
    .join('');
}
