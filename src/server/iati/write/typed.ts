/**
 * Attributes and texts with an XSD type: each writes the value as given and files a problem
 * when the value would make the document invalid.
 */
import type { WriteContext } from './context.js';
import {
  isXmlLang,
  isXsdAnyUri,
  isXsdDate,
  isXsdDateTime,
  isXsdDecimal,
  isXsdInt,
  isXsdNonNegativeInteger,
  isXsdPositiveInteger,
} from './lexical.js';
import { attr, element, textElement } from './xml.js';

type Check = (value: string) => boolean;

function checked(
  ctx: WriteContext,
  leaf: string,
  value: string,
  valid: Check,
  expected: string,
): void {
  if (!valid(value))
    ctx.report('error', 'export.value', `${JSON.stringify(value)} is not ${expected}`, leaf);
}

function typedAttr(check: Check, expected: string) {
  return (ctx: WriteContext, name: string, value: string | null): string => {
    if (value === null) return '';
    checked(ctx, `@${name}`, value, check, expected);
    return attr(name, value);
  };
}

export const langAttr = typedAttr(isXmlLang, 'a language tag (xml:lang)');
export const dateAttr = typedAttr(isXsdDate, 'a date (xsd:date, YYYY-MM-DD)');
export const dateTimeAttr = typedAttr(isXsdDateTime, 'a date and time (xsd:dateTime)');
export const decimalAttr = typedAttr(isXsdDecimal, 'a decimal number (xsd:decimal)');
export const uriAttr = typedAttr(isXsdAnyUri, 'a URI (xsd:anyURI)');
export const nonNegativeIntegerAttr = typedAttr(
  isXsdNonNegativeInteger,
  'a whole number of 0 or more (xsd:nonNegativeInteger)',
);
export const positiveIntegerAttr = typedAttr(
  isXsdPositiveInteger,
  'a whole number above 0 (xsd:positiveInteger)',
);

export function intAttr(ctx: WriteContext, name: string, value: number | null): string {
  if (value === null) return '';
  if (!isXsdInt(value))
    ctx.report('error', 'export.value', `${value} is not a 32-bit integer (xsd:int)`, `@${name}`);
  return attr(name, value);
}

/** An attribute the schema requires: a null value is a problem (and nothing is written). */
export function requiredAttr(ctx: WriteContext, name: string, value: string | null): string {
  if (value === null) ctx.report('error', 'export.required', `${name} is required`, `@${name}`);
  return attr(name, value);
}

/** Checks the content of a decimal element such as `value`. */
export function checkDecimalText(ctx: WriteContext, leaf: string, value: string): void {
  checked(ctx, leaf, value, isXsdDecimal, 'a decimal number (xsd:decimal)');
}

/** Files a warning when data the schema has no room for at this position is left out. */
export function dropped(ctx: WriteContext, what: string, value: unknown): void {
  const empty = value === null || (Array.isArray(value) && value.length === 0);
  if (!empty) ctx.report('warning', 'export.dropped', `IATI 2.03 has no ${what} here; not written`);
}

/** A text element of type xsd:anyURI (contact-info/website). */
export function uriTextElement(ctx: WriteContext, name: string, value: string | null): string {
  if (value === null) return '';
  checked(ctx, name, value, isXsdAnyUri, 'a URI (xsd:anyURI)');
  return textElement(name, '', value);
}

/** An element the schema requires once, with only a `code` attribute (activity-status). */
export function codeElement(name: string, code: string | null): string {
  return code === null ? '' : element(name, attr('code', code), '');
}
