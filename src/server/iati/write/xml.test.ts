import { describe, expect, it } from 'vitest';
import { attr, element, escapeAttr, escapeText, textElement, xmlChars } from './xml.js';

describe('xml', () => {
  it('escapes markup in text, and CR so that it survives end-of-line handling', () => {
    expect(escapeText(`a < b && c > d ]]> "q" 'a'`)).toBe(
      `a &lt; b &amp;&amp; c &gt; d ]]&gt; "q" 'a'`,
    );
    expect(escapeText('line 1\r\nline 2\ttab')).toBe('line 1&#13;\nline 2\ttab');
  });

  it('escapes both quotes and the whitespace attribute normalisation would eat', () => {
    expect(escapeAttr(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
    expect(escapeAttr('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
  });

  it('drops control characters XML 1.0 forbids and replaces lone surrogates', () => {
    expect(xmlChars('a\u0000b\u0008c\u000Bd\u000Ce\u001Ff\uFFFEg\uFFFFh')).toBe('abcdefgh');
    expect(xmlChars('tab\tlf\ncr\r\u007F\u0085')).toBe('tab\tlf\ncr\r\u007F\u0085');
    expect(xmlChars('cut \uD83C and \uDF0D')).toBe('cut \uFFFD and \uFFFD');
    expect(xmlChars('whole 🌍 👩‍🌾')).toBe('whole 🌍 👩‍🌾');
    expect(escapeText('a\u0000<')).toBe('a&lt;');
  });

  it('leaves plain text untouched (and returns it as is)', () => {
    const s = 'Preševo, Bujanovac и Медвеђа — çdo shtëpi';
    expect(escapeText(s)).toBe(s);
    expect(escapeAttr(s)).toBe(s);
  });

  it('builds attributes and elements', () => {
    expect(attr('ref', null)).toBe('');
    expect(attr('ref', undefined)).toBe('');
    expect(attr('humanitarian', true) + attr('attached', false)).toBe(
      ' humanitarian="1" attached="0"',
    );
    expect(attr('hierarchy', 2)).toBe(' hierarchy="2"');
    expect(element('activity-status', attr('code', '2'), '')).toBe('<activity-status code="2"/>');
    expect(textElement('narrative', attr('xml:lang', 'sq'), 'ujë & bukë')).toBe(
      '<narrative xml:lang="sq">ujë &amp; bukë</narrative>',
    );
  });
});
