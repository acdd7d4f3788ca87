import type { Narratives } from '../iati.model.js';
import type { WriteContext } from './context.js';
import { isXmlLang } from './lexical.js';
import { attr, element, textElement } from './xml.js';

/**
 * `<narrative>` elements, one per language. The one in the default language goes without
 * `xml:lang` (readers apply the default); every other carries its own, so a document without
 * a default language still says the language of every text. Empty texts are not written.
 */
export function narratives(ctx: WriteContext, n: Narratives): string {
  let out = '';
  for (const [lang, text] of Object.entries(n)) {
    if (text === '') continue;
    if (lang === ctx.lang) {
      out += textElement('narrative', '', text);
      continue;
    }
    if (!isXmlLang(lang))
      ctx.report(
        'error',
        'export.value',
        `${JSON.stringify(lang)} is not a language tag (xml:lang)`,
        'narrative/@xml:lang',
      );
    out += textElement('narrative', attr('xml:lang', lang), text);
  }
  return out;
}

/** An element holding narratives (title, description, comment…); omitted when there is no text. */
export function textBlock(ctx: WriteContext, name: string, n: Narratives, attrs = ''): string {
  const content = narratives(ctx, n);
  return content === '' ? '' : element(name, attrs, content);
}

/** Like textBlock, for an element the schema requires with at least one narrative. */
export function requiredTextBlock(
  ctx: WriteContext,
  name: string,
  n: Narratives,
  attrs = '',
): string {
  const out = textBlock(ctx, name, n, attrs);
  if (out === '')
    ctx.report('error', 'export.required', `${name} needs at least one narrative`, name);
  return out;
}
