/**
 * The whole XML writer: escaping and tags as strings. IATI files are plain UTF-8 XML 1.0 with
 * no namespaces beyond the predefined `xml:` prefix, so string building is all it takes and
 * keeps serialisation fast and dependency-free.
 *
 * Characters XML 1.0 cannot carry (§2.2 Char) are never written, not even as character
 * references:
 * - C0 control characters other than tab, line feed and carriage return (U+0000–U+0008, U+000B,
 *   U+000C, U+000E–U+001F) and the non-characters U+FFFE and U+FFFF are DROPPED: they are
 *   invisible debris from copy and paste (vertical tab and form feed from word processors, NUL
 *   from broken exports) and carry no text.
 * - A lone UTF-16 surrogate (half of a character, e.g. an emoji cut in two by a careless slice)
 *   is REPLACED with U+FFFD, the replacement character, because a character was there; this is
 *   also what UTF-8 encoding would do to it anyway.
 *
 * Whitespace that a parser would otherwise normalise is written as a character reference, so that
 * it reads back unchanged: carriage return in text (parsers turn a literal CR into LF), and tab,
 * line feed and carriage return in attribute values (parsers turn them into spaces).
 */

// Forbidden code points (see above), matched one at a time.
const FORBIDDEN =
  // eslint-disable-next-line no-control-regex -- matching the controls XML forbids is the point
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * Anything either escaper might change: a forbidden code point, any surrogate (paired ones are
 * then looked at closely), or a character that needs a reference. Most texts have none, and one
 * test of this class is far cheaper than the replacements.
 */
// eslint-disable-next-line no-control-regex -- the controls XML forbids are what it looks for
const MAYBE_TEXT = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
// eslint-disable-next-line no-control-regex -- as above, plus what attribute values escape
const MAYBE_ATTR = /[&<>"'\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

const TEXT_SPECIAL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"'\t\n\r]/g;

const REFERENCES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};

function reference(ch: string): string {
  return REFERENCES[ch] ?? ch;
}

function forbiddenReplacement(ch: string): string {
  const unit = ch.charCodeAt(0);
  return unit >= 0xd800 && unit <= 0xdfff ? '\uFFFD' : '';
}

/** `s` without the code points XML 1.0 forbids (dropped, or U+FFFD for a lone surrogate). */
export function xmlChars(s: string): string {
  FORBIDDEN.lastIndex = 0;
  return FORBIDDEN.test(s) ? s.replace(FORBIDDEN, forbiddenReplacement) : s;
}

/** Text content: `&`, `<`, `>` (so `]]>` can never appear) and CR escaped. Quotes need no escape. */
export function escapeText(s: string): string {
  if (!MAYBE_TEXT.test(s)) return s;
  return xmlChars(s).replace(TEXT_SPECIAL, reference);
}

/** An attribute value for double quotes; both quotes are escaped so the value is safe either way. */
export function escapeAttr(s: string): string {
  if (!MAYBE_ATTR.test(s)) return s;
  return xmlChars(s).replace(ATTR_SPECIAL, reference);
}

/** ` name="value"`, or nothing for null/undefined. Booleans as IATI writes them: 1 and 0. */
export function attr(name: string, value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return ` ${name}="${value ? '1' : '0'}"`;
  return ` ${name}="${escapeAttr(String(value))}"`;
}

/** An element around already-serialised `content`; self-closing when there is none. */
export function element(name: string, attrs: string, content: string): string {
  return content === '' ? `<${name}${attrs}/>` : `<${name}${attrs}>${content}</${name}>`;
}

/** An element whose content is the text `text`, escaped. */
export function textElement(name: string, attrs: string, text: string): string {
  return element(name, attrs, escapeText(text));
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n';
