import type { IatiValue } from '../iati.model.js';
import type { BuildContext } from './build.context.js';
import { dateAttr } from './dates.js';
import { attr, childNode, type XNode } from './xml.tree.js';

const XSD_DECIMAL = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** True for an xsd:decimal such as "1500000.00", "-20" or ".5" (no exponent, no separators). */
export function isDecimal(s: string): boolean {
  return XSD_DECIMAL.test(s);
}

/** xsd:boolean: "true", "false", "1" or "0"; anything else is reported and read as unknown. */
export function boolAttr(node: XNode | undefined, name: string, ctx: BuildContext): boolean | null {
  const raw = node?.attrs[name]?.trim();
  if (raw === undefined || node === undefined) return null;
  if (raw === 'true' || raw === '1') return true;
  if (raw === 'false' || raw === '0') return false;
  ctx.report(
    'value.boolean_invalid',
    `${name}="${raw}" is not a boolean (true, false, 1 or 0): it is ignored`,
    node,
    name,
  );
  return null;
}

export function intAttr(node: XNode | undefined, name: string, ctx: BuildContext): number | null {
  const raw = node?.attrs[name]?.trim();
  if (raw === undefined || node === undefined) return null;
  if (/^[+-]?\d{1,9}$/.test(raw)) return Number(raw);
  ctx.report(
    'value.integer_invalid',
    `${name}="${raw}" is not a whole number: it is ignored`,
    node,
    name,
  );
  return null;
}

/** The `value` child of a budget, transaction…; a missing amount or date is '' for the validator. */
export function readValue(parent: XNode | undefined, ctx: BuildContext): IatiValue {
  const v = childNode(parent, 'value');
  return {
    amount: v ? v.text.trim() : '',
    currency: attr(v, 'currency'),
    valueDate: dateAttr(v, 'value-date', ctx) ?? '',
  };
}
