import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IatiActivity } from '../iati.model.js';
import { activityXml } from './activity.js';
import { richActivity } from './activity.fixture.js';
import { childrenNamed, narrativesOf, parseXml, type XmlNode } from './readback.testing.js';
import { xmllint } from './xsd.testing.js';
import { XML_DECLARATION, xmlChars } from './xml.js';

function file(activities: readonly IatiActivity[]): string {
  const body = activities.map(activityXml).join('\n');
  return `${XML_DECLARATION}<iati-activities version="2.03">\n${body}\n</iati-activities>\n`;
}

function withTexts(title: Record<string, string>, ref: string): IatiActivity {
  const a = richActivity();
  a.title = title;
  a.participatingOrgs = [
    { ref, type: '10', name: title, role: '1', activityId: ref, crsChannelCode: null },
  ];
  return a;
}

function first(node: XmlNode, name: string): XmlNode {
  const child = childrenNamed(node, name)[0];
  if (!child) throw new Error(`no ${name}`);
  return child;
}

const NASTY = {
  en: `Tom & Jerry's <b>"best"</b> ]]> deal`,
  sq: 'Çdo shtëpi në Preshevë ka ujë të pijshëm; ëndërr e bërë',
  'sr-Cyrl': 'Водоснабдевање у Прешеву, Бујановцу и Медвеђи',
  'sr-Latn': 'Vodosnabdevanje: Preševo, Bujanovac, Medveđa (čćžšđ)',
  fr: 'Eau 🌍💧 pour 👩‍🌾 et 中文, line\nbreak\r\nand\ttab',
};

describe('escaping', () => {
  it('writes markup, emoji, Cyrillic and Albanian well-formed and reads them back unchanged', () => {
    const ref = `XM-"DAC"-<41114>&'\t\n`;
    const xml = file([withTexts(NASTY, ref)]);
    expect(xmllint(xml).status).toBe(0);
    expect(xmllint(xml, 'activities').status).toBe(0);

    const activity = first(parseXml(xml), 'iati-activity');
    expect(narrativesOf(first(activity, 'title'), 'en')).toEqual(NASTY);
    const org = first(activity, 'participating-org');
    expect(org.attrs.ref).toBe(ref);
    expect(org.attrs['activity-id']).toBe(ref);
    expect(narrativesOf(org, 'en')).toEqual(NASTY);
  });

  it('reads back the same text with libxml2 (xmllint --xpath)', () => {
    const xml = file([withTexts({ en: NASTY.en, sq: NASTY.sq }, 'X')]);
    const read = (n: number) =>
      xmllint(xml, undefined, ['--xpath', `string(//title/narrative[${n}])`]).messages;
    // xmllint ends what it prints with a line feed.
    expect(read(1)).toBe(`${NASTY.en}\n`);
    expect(read(2)).toBe(`${NASTY.sq}\n`);
  });

  it('drops forbidden control characters and replaces lone surrogates', () => {
    const dirty = {
      en: 'a\u0000b\u0001c\u000Bd\u000Ce\u001Ff\uFFFEg',
      sq: 'emoji cut \uD83C here',
    };
    const xml = file([withTexts(dirty, 'ref\u0007')]);
    expect(xmllint(xml, 'activities').status).toBe(0);
    const activity = first(parseXml(xml), 'iati-activity');
    expect(narrativesOf(first(activity, 'title'), 'en')).toEqual({
      en: 'abcdefg',
      sq: 'emoji cut \uFFFD here',
    });
    expect(first(activity, 'participating-org').attrs.ref).toBe('ref');
  });

  it('round-trips any string, minus what XML cannot carry, in text and in attributes', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'binary', minLength: 1, maxLength: 40 }), {
          minLength: 50,
          maxLength: 50,
        }),
        (texts) => {
          const activities = texts.map((t, i) => {
            const a = withTexts({ en: t }, t);
            a.identifier = `XM-TEST-${i}`;
            return a;
          });
          const xml = file(activities);
          const lint = xmllint(xml);
          expect(lint.messages).toBe('');
          const read = childrenNamed(parseXml(xml), 'iati-activity');
          read.forEach((activity, i) => {
            const expected = xmlChars(texts[i] ?? '');
            // An all-forbidden text leaves an empty narrative, which reads back as ''.
            expect(first(first(activity, 'title'), 'narrative').text).toBe(expected);
            expect(first(activity, 'participating-org').attrs.ref).toBe(expected);
          });
        },
      ),
      { numRuns: 4 },
    );
  });
});
