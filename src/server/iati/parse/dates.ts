import type { BuildContext } from './build.context.js';
import { attr, type XNode } from './xml.tree.js';

const XSD_DATE = /^(-?\d{4,}-\d{2}-\d{2})(Z|[+-]\d{2}:\d{2})?$/;
/** A date written as a dateTime, which xsd:date does not allow but many publishers write. */
const DATE_WITH_TIME = /^(\d{4}-\d{2}-\d{2})T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?$/;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const XSD_DATETIME = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * A date attribute as YYYY-MM-DD. A time zone (valid xsd:date) is dropped silently; a time is
 * dropped with a warning; anything else is kept as written for the validator to refuse.
 */
export function dateAttr(node: XNode | undefined, name: string, ctx: BuildContext): string | null {
  const raw = attr(node, name);
  if (raw === null || node === undefined) return raw;
  const plain = XSD_DATE.exec(raw);
  if (plain?.[1] !== undefined) return plain[1];
  const timed = DATE_WITH_TIME.exec(raw);
  if (timed?.[1] !== undefined) {
    ctx.report(
      'date.normalised',
      `${name}="${raw}" is a date and time, not a date: read as ${timed[1]}`,
      node,
      name,
    );
    return timed[1];
  }
  return raw;
}

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** True for an xsd:dateTime with a real date and time. */
export function isXsdDateTime(s: string): boolean {
  const m = XSD_DATETIME.exec(s);
  if (!m?.[1] || !isIsoDate(m[1])) return false;
  const [h, mi, se] = [Number(m[2]), Number(m[3]), Number(m[4])];
  return (h < 24 && mi < 60 && se < 60) || (h === 24 && mi === 0 && se === 0);
}

/** Days from `a` to `b` (both valid YYYY-MM-DD). */
export function daysBetween(a: string, b: string): number {
  return (Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000;
}

/** Today as YYYY-MM-DD in UTC; "in the future" means after this day anywhere on Earth. */
export function isoDay(now: Date): string {
  return new Date(now.getTime() + 14 * 3_600_000).toISOString().slice(0, 10);
}
