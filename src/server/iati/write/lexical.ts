/**
 * Lexical checks for the XSD simple types the IATI 2.03 schema uses, as libxml2 (xmllint, lxml:
 * what IATI's own tools run) applies them. The schema collapses whitespace in these types; the
 * checks here do not, because the writer writes values as given and a value with stray spaces
 * is better fixed at its source than published.
 */

// xsd:date: an optional minus, a year of at least four digits (not 0000), month, day, timezone.
const DATE = /^-?([1-9]\d{4,}|\d{4})-(\d{2})-(\d{2})(Z|[+-]\d{2}:\d{2})?$/;
const DATE_TIME =
  /^-?([1-9]\d{4,}|\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

function validDay(year: string, month: string, day: string): boolean {
  const y = Number(year);
  const m = Number(month);
  const d = Number(day);
  return y !== 0 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function validZone(zone: string | undefined): boolean {
  if (zone === undefined || zone === 'Z') return true;
  const hours = Number(zone.slice(1, 3));
  const minutes = Number(zone.slice(4, 6));
  return minutes <= 59 && (hours < 14 || (hours === 14 && minutes === 0));
}

export function isXsdDate(s: string): boolean {
  const m = DATE.exec(s);
  return m !== null && validDay(m[1] ?? '', m[2] ?? '', m[3] ?? '') && validZone(m[4]);
}

export function isXsdDateTime(s: string): boolean {
  const m = DATE_TIME.exec(s);
  if (m === null || !validDay(m[1] ?? '', m[2] ?? '', m[3] ?? '') || !validZone(m[8])) return false;
  const [h, min, sec] = [Number(m[4]), Number(m[5]), Number(m[6])];
  // 24:00:00 is the one hour-24 time XSD allows (the end of the day).
  const midnight = h === 24 && min === 0 && sec === 0 && !/[1-9]/.test(m[7] ?? '');
  return (h <= 23 || midnight) && min <= 59 && sec <= 59;
}

/** xsd:decimal: no exponent, no NaN; "1.", ".5" and "+1" are allowed. */
export function isXsdDecimal(s: string): boolean {
  return /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(s);
}

/** xsd:int: an integer that fits 32 bits. */
export function isXsdInt(n: number): boolean {
  return Number.isInteger(n) && n >= -2147483648 && n <= 2147483647;
}

export function isXsdNonNegativeInteger(s: string): boolean {
  return /^(\+?\d+|-0+)$/.test(s);
}

export function isXsdPositiveInteger(s: string): boolean {
  return /^\+?0*[1-9]\d*$/.test(s);
}

/** The type of `xml:lang` in IATI's xml.xsd: an xsd:language tag, or the empty string. */
export function isXmlLang(s: string): boolean {
  return s === '' || /^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*$/.test(s);
}

// RFC 3986 URI-reference, which libxml2's xmlParseURI implements.
const UNRESERVED = "A-Za-z0-9\\-._~!$&'()*+,;=";
const PCT = '%[0-9A-Fa-f]{2}';
const PCHAR = `(?:[${UNRESERVED}:@]|${PCT})`;
const SEGMENT = `${PCHAR}*`;
const SEGMENT_NZ = `${PCHAR}+`;
const SEGMENT_NZ_NC = `(?:[${UNRESERVED}@]|${PCT})+`;
const QUERY = `(?:${PCHAR}|[/?])*`;
const IP_LITERAL = `\\[(?:[0-9A-Fa-f:.]+|v[0-9A-Fa-f]+\\.[${UNRESERVED}:]+)\\]`;
const HOST = `(?:${IP_LITERAL}|(?:[${UNRESERVED}]|${PCT})*)`;
const AUTHORITY = `(?:(?:[${UNRESERVED}:]|${PCT})*@)?${HOST}(?::\\d*)?`;
const ABEMPTY = `(?:/${SEGMENT})*`;
const ABSOLUTE = `/(?:${SEGMENT_NZ}(?:/${SEGMENT})*)?`;
const TAIL = `(?:\\?${QUERY})?(?:#${QUERY})?`;
const URI_REFERENCE = new RegExp(
  `^(?:[A-Za-z][A-Za-z0-9+\\-.]*:(?://${AUTHORITY}${ABEMPTY}|${ABSOLUTE}|${SEGMENT_NZ}(?:/${SEGMENT})*)?` +
    `|(?://${AUTHORITY}${ABEMPTY}|${ABSOLUTE}|${SEGMENT_NZ_NC}(?:/${SEGMENT})*)?)${TAIL}$`,
);

/**
 * xsd:anyURI as libxml2 checks it: after collapsing whitespace it replaces spaces, controls,
 * non-ASCII and a few unsafe ASCII characters with `_` and then requires an RFC 3986
 * URI-reference. So "http://x/ä b" passes, while "http://x/%zz", "a#b#c" or "http://[x" fail.
 */
export function isXsdAnyUri(s: string): boolean {
  const collapsed = s.replace(/[\t\n\r ]+/g, ' ').trim();
  // eslint-disable-next-line no-control-regex -- the controls are what libxml2 masks
  const masked = collapsed.replace(/[\u0000-\u0020\u007F-\uFFFF<>"{}|\\^`']/g, '_');
  return URI_REFERENCE.test(masked);
}
