import type { Narratives } from '../iati.model.js';
import type { BuildContext } from './build.context.js';
import { attr, type XNode } from './xml.tree.js';

/** Sets a key even when it is `__proto__`: language tags come from the file. */
function put(out: Narratives, lang: string, text: string): void {
  Object.defineProperty(out, lang, {
    value: text,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

/**
 * The narratives of a text element, by language. A narrative's language is its `xml:lang`, else
 * the activity's, else the file's, else `fallbackLang` (with rule 4.1.1's error). Texts are
 * trimmed and empty ones skipped; a second text in the same language is reported and only the
 * first is kept, since Narratives holds one text per language. Text written straight inside the
 * element (1.x style, or a slip) is read as a narrative in the default language, with a warning.
 */
export function narratives(node: XNode | undefined, ctx: BuildContext): Narratives {
  const out: Narratives = {};
  if (!node) return out;
  const languageOf = (n: XNode): string => {
    const lang = attr(n, 'xml:lang') ?? ctx.defaultLang;
    if (lang !== null) return lang;
    ctx.reportNoLanguage(n);
    return ctx.fallbackLang;
  };
  for (const n of node.children) {
    if (n.name !== 'narrative') continue;
    const text = n.text.trim();
    if (text === '') continue;
    const lang = languageOf(n);
    if (Object.hasOwn(out, lang)) {
      ctx.report(
        'narrative.duplicate_language',
        `<${node.name}> has more than one narrative in "${lang}": only the first is read`,
        n,
      );
      continue;
    }
    put(out, lang, text);
  }
  const bare = node.text.trim();
  if (bare !== '') {
    ctx.report(
      'narrative.bare_text',
      `<${node.name}> holds text outside a <narrative>: it is read as a narrative`,
      node,
    );
    const lang = languageOf(node);
    if (!Object.hasOwn(out, lang)) put(out, lang, bare);
  }
  return out;
}
