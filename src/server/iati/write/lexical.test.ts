import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
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
import { xmllint } from './xsd.testing.js';
import { XML_DECLARATION, escapeAttr } from './xml.js';

type Slot = 'url' | 'date' | 'dateTime' | 'decimal' | 'lang';

/** A minimal valid activity with `value` put where the schema expects the slot's type. */
function activityLine(slot: Slot, value: string): string {
  const v = escapeAttr(value);
  const updated = slot === 'dateTime' ? ` last-updated-datetime="${v}"` : '';
  const lang = slot === 'lang' ? ` xml:lang="${v}"` : '';
  const date = slot === 'date' ? v : '2024-01-01';
  const spend = slot === 'decimal' ? `<capital-spend percentage="${v}"/>` : '';
  const link =
    slot === 'url'
      ? `<document-link url="${v}" format="text/html"><title><narrative>t</narrative></title><category code="A01"/></document-link>`
      : '';
  return (
    `<iati-activity${updated}><iati-identifier>A</iati-identifier>` +
    `<reporting-org ref="A" type="10"><narrative>o</narrative></reporting-org>` +
    `<title><narrative${lang}>t</narrative></title><description><narrative>d</narrative></description>` +
    `<participating-org role="1"/><activity-status code="2"/>` +
    `<activity-date type="1" iso-date="${date}"/>${spend}${link}</iati-activity>`
  );
}

/** Which of `values` libxml2 accepts in `slot`, from one xmllint run (one activity per line). */
function libxml2Accepts(slot: Slot, values: readonly string[]): boolean[] {
  const lines = values.map((v) => activityLine(slot, v));
  const head = `${XML_DECLARATION}<iati-activities version="2.03">`;
  const { messages } = xmllint(`${head}\n${lines.join('\n')}\n</iati-activities>\n`, 'activities');
  const badLines = new Set(
    [...messages.matchAll(/^FILE:(\d+):.*validity error/gm)].map((m) => Number(m[1])),
  );
  // Line 1 is the declaration, line 2 the root, so value i sits on line i + 3.
  return values.map((_, i) => !badLines.has(i + 3));
}

function agree(slot: Slot, check: (s: string) => boolean, values: readonly string[]) {
  const libxml2 = libxml2Accepts(slot, values);
  return values
    .map((value, i) => ({ value, ours: check(value), libxml2: libxml2[i] }))
    .filter((r) => r.ours !== r.libxml2);
}

const chars = (alphabet: string, maxLength = 24) =>
  fc.array(fc.constantFrom(...Array.from(alphabet)), { maxLength }).map((cs) => cs.join(''));

describe('lexical checks agree with libxml2', () => {
  it('xsd:anyURI on hand-picked cases', () => {
    const values = [
      'http://x/',
      'https://www.kt.gov.rs/media/a b.pdf?lang=sq&v=2#p',
      'http://x/ä',
      'mailto:a@b',
      'urn:isbn:1',
      '//x',
      '?a',
      '#',
      '',
      'http://[::1]/',
      'http://x/%41',
      'http://x:abc/',
      'http://x/%',
      'http://x/%zz',
      'http://x/#a#b',
      'http://[x',
      '::',
      '1a:b',
      'http://x:1:2/',
    ];
    expect(agree('url', isXsdAnyUri, values)).toEqual([]);
  });

  it('xsd:anyURI: whatever we accept, libxml2 accepts (random URI-ish strings)', () => {
    const values = fc.sample(
      fc.oneof(
        chars("ab:/?#[]%@!$&'()*+,;=._~-1 F", 16),
        fc.webUrl({ withFragments: true, withQueryParameters: true }),
      ),
      { numRuns: 400, seed: 2026 },
    );
    const disagreements = agree('url', isXsdAnyUri, values);
    expect(disagreements.filter((d) => d.ours)).toEqual([]);
  });

  it('xsd:date, xsd:dateTime, xsd:decimal and xml:lang (random strings)', () => {
    const cases: [Slot, (s: string) => boolean, fc.Arbitrary<string>][] = [
      ['date', isXsdDate, fc.oneof(chars('0123456789-Z+:', 16), dateLike())],
      [
        'dateTime',
        isXsdDateTime,
        fc.oneof(
          chars('0123456789-T:.Z+', 26),
          dateLike().map((d) => `${d}T23:59:59`),
        ),
      ],
      ['decimal', isXsdDecimal, chars('0123456789.+-eE ', 8)],
      ['lang', isXmlLang, chars('abcXYZ12-_', 12)],
    ];
    for (const [slot, check, arb] of cases) {
      const values = fc.sample(arb, { numRuns: 300, seed: 11 });
      // The schema collapses whitespace around these values; we refuse it on purpose.
      const disagreements = agree(slot, check, values).filter(
        (d) => d.ours || d.value === d.value.trim(),
      );
      expect({ slot, disagreements }).toEqual({
        slot,
        disagreements: [],
      });
    }
  });
});

function dateLike(): fc.Arbitrary<string> {
  return fc
    .tuple(
      fc.constantFrom('0000', '1999', '2000', '2024', '2100', '12024', '-0044'),
      fc.integer({ min: 0, max: 13 }),
      fc.integer({ min: 0, max: 32 }),
      fc.constantFrom('', 'Z', '+01:00', '-14:00', '+14:01', '+15:00'),
    )
    .map(([y, m, d, z]) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}${z}`);
}

describe('integer checks', () => {
  it('follow the XSD types', () => {
    expect([1, -2147483648, 2147483647].every(isXsdInt)).toBe(true);
    expect([1.5, 2147483648, Number.NaN].some(isXsdInt)).toBe(false);
    expect(['0', '+3', '007'].every(isXsdNonNegativeInteger)).toBe(true);
    expect(['-1', '1.0', ''].some(isXsdNonNegativeInteger)).toBe(false);
    expect(['1', '+2024', '0010'].every(isXsdPositiveInteger)).toBe(true);
    expect(['0', '000', '-1', ''].some(isXsdPositiveInteger)).toBe(false);
  });
});
