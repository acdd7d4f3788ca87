/**
 * Just enough of ICU MessageFormat to find what must stay untouched when a
 * message is transliterated: argument names, types, styles and plural/select
 * keywords stay as written; the sub-messages of plural/select are text.
 *
 * Not handled: apostrophe quoting ('{' as a literal brace). Serbian UI texts
 * do not use it; a quoted brace is then read as the start of an argument and,
 * when it does not parse as one, as a literal brace.
 */

export interface Piece {
  readonly text: string;
  /** true: copy unchanged (Latin token, placeholder); false: ordinary text. */
  readonly keep: boolean;
}

/** Splits message text into pieces; used for the sub-messages of plural/select. */
export type SplitText = (text: string) => Piece[];

export interface ParsedArgument {
  /** Offset just past the closing brace. */
  readonly end: number;
  readonly pieces: Piece[];
}

const ARGUMENT_NAME = /\s*(?:[A-Za-z_$][\w$.-]*|\d+)\s*/y;
const ARGUMENT_TYPE = /\s*([A-Za-z]+)\s*/y;
const OPTION_SELECTOR = /\s*(?:offset:\s*\d+\s+)?(?:=-?\d+(?:\.\d+)?|[A-Za-z_][\w-]*)\s*\{/y;
const OPTIONS_END = /\s*\}/y;
const TYPES_WITH_SUB_MESSAGES = new Set(['plural', 'select', 'selectordinal']);

function matchAt(pattern: RegExp, text: string, at: number): RegExpExecArray | null {
  pattern.lastIndex = at;
  return pattern.exec(text);
}

/** Offset of the brace that closes the one at `open`, or -1 when unbalanced. */
export function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const ch = text.charAt(i);
    if (ch === '{') depth++;
    else if (ch === '}' && --depth === 0) return i;
  }
  return -1;
}

function keep(text: string): Piece {
  return { text, keep: true };
}

/** `{name}`, `{n, number}`, `{d, date, ::yMMMd}`: all kept as written. */
function wholeArgument(text: string, start: number): ParsedArgument | null {
  const close = closingBrace(text, start);
  return close < 0 ? null : { end: close + 1, pieces: [keep(text.slice(start, close + 1))] };
}

/** The `one {…} few {…} other {…}}` part of a plural or select argument. */
function options(text: string, from: number, split: SplitText): ParsedArgument | null {
  const pieces: Piece[] = [];
  let at = from;
  for (;;) {
    const selector = matchAt(OPTION_SELECTOR, text, at);
    if (!selector) break;
    const open = at + selector[0].length - 1;
    const close = closingBrace(text, open);
    if (close < 0) return null;
    pieces.push(keep(selector[0]), ...split(text.slice(open + 1, close)), keep('}'));
    at = close + 1;
  }
  const end = matchAt(OPTIONS_END, text, at);
  if (pieces.length === 0 || !end) return null;
  pieces.push(keep(end[0]));
  return { end: at + end[0].length, pieces };
}

/**
 * Parses the ICU argument whose `{` is at `start`. Returns null when the braces
 * do not hold a valid argument, so the caller can treat them as plain text.
 */
export function parseIcuArgument(
  text: string,
  start: number,
  split: SplitText,
): ParsedArgument | null {
  const name = matchAt(ARGUMENT_NAME, text, start + 1);
  if (!name) return null;
  let at = start + 1 + name[0].length;
  if (text.charAt(at) === '}') return wholeArgument(text, start);
  if (text.charAt(at) !== ',') return null;
  const type = matchAt(ARGUMENT_TYPE, text, at + 1);
  if (!type) return null;
  at += 1 + type[0].length;
  const typeName = type[1] ?? '';
  if (!TYPES_WITH_SUB_MESSAGES.has(typeName)) {
    return text.charAt(at) === '}' || text.charAt(at) === ',' ? wholeArgument(text, start) : null;
  }
  if (text.charAt(at) !== ',') return null;
  const rest = options(text, at + 1, split);
  if (!rest) return null;
  return { end: rest.end, pieces: [keep(text.slice(start, at + 1)), ...rest.pieces] };
}
