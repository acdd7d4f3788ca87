import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  chunked,
  codes,
  collect,
  goodActivity,
  iatiFile,
  parseText,
} from './parse.test-helpers.js';

/** A source that counts what is pulled from it, to prove reading stops early. */
function counting(parts: Iterable<string | Buffer>) {
  const state = { bytes: 0, pulls: 0, finished: false };
  async function* gen() {
    for (const p of parts) {
      await Promise.resolve();
      state.pulls++;
      state.bytes += Buffer.byteLength(p);
      yield typeof p === 'string' ? Buffer.from(p) : p;
    }
    state.finished = true;
  }
  return { state, input: gen() };
}

function* repeat(chunk: string, times: number): Generator<string> {
  for (let i = 0; i < times; i++) yield chunk;
}

const BILLION_LAUGHS = `<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&lol9;</iati-identifier></iati-activity></iati-activities>`;

describe('DOCTYPE and entities', () => {
  it('refuses a billion-laughs file at its DOCTYPE, expanding nothing', async () => {
    const before = process.memoryUsage().heapUsed;
    const { activities, summary } = await parseText(BILLION_LAUGHS);
    expect(activities).toEqual([]);
    expect(codes(summary.problems)).toEqual(['xml.doctype']);
    expect(summary.problems[0]).toMatchObject({ severity: 'critical', line: 2, column: 1 });
    expect(summary.complete).toBe(false);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('refuses an external entity without reading the file it names', async () => {
    const xml = `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<iati-activities version="2.03"><iati-activity><iati-identifier>&xxe;</iati-identifier></iati-activity></iati-activities>`;
    const { activities, summary } = await parseText(xml);
    expect(activities).toEqual([]);
    expect(codes(summary.problems)).toEqual(['xml.doctype']);
    expect(JSON.stringify(summary)).not.toContain('root:');
  });

  it('refuses any DOCTYPE, even a harmless one, and stops reading the input', async () => {
    const head =
      '<?xml version="1.0"?>\n<!-- a comment -->\n<!DOCTYPE iati-activities>\n<iati-activities version="2.03">';
    const { state, input } = counting([head, ...repeat(goodActivity(), 1000)]);
    const { summary } = await collect(input);
    expect(codes(summary.problems)).toEqual(['xml.doctype']);
    expect(summary.problems[0]).toMatchObject({ line: 3, column: 1 });
    expect(state.pulls).toBe(1);
    expect(state.finished).toBe(false);
  });

  it('finds a DOCTYPE split across tiny chunks', async () => {
    const { summary } = await parseText(BILLION_LAUGHS, {}, 3);
    expect(codes(summary.problems)).toEqual(['xml.doctype']);
  });

  it('does not mistake "<!DOCTYPE" inside CDATA for a declaration', async () => {
    const extra =
      '<description type="2"><narrative><![CDATA[see <!DOCTYPE html>]]></narrative></description>';
    const { activities, summary } = await parseText(
      iatiFile(goodActivity('XM-DAC-41114-1', extra)),
    );
    expect(summary.problems).toEqual([]);
    expect(activities[0]?.activity.descriptions[1]?.narrative).toEqual({
      en: 'see <!DOCTYPE html>',
    });
  });

  it('treats an undeclared entity as malformed XML', async () => {
    const xml = iatiFile(goodActivity().replace('Wells.', 'Wells&nbsp;and pumps'));
    const { activities, summary } = await parseText(xml);
    expect(activities).toEqual([]);
    expect(codes(summary.problems)).toEqual(['xml.malformed']);
    expect(summary.problems[0]?.message).toContain('undefined entity');
  });
});

describe('truncated and malformed files', () => {
  it('yields the complete activities, then reports where the file was cut', async () => {
    const full = iatiFile(`${goodActivity('XM-DAC-41114-1')}\n${goodActivity('XM-DAC-41114-2')}`);
    const cut = full.slice(0, full.indexOf('XM-DAC-41114-2') + 5);
    const { activities, summary } = await parseText(cut);
    expect(activities.map((a) => a.activity.identifier)).toEqual(['XM-DAC-41114-1']);
    expect(codes(summary.problems)).toEqual(['xml.truncated']);
    const lines = cut.split('\n');
    expect(summary.problems[0]).toMatchObject({
      severity: 'critical',
      line: lines.length,
      column: (lines.at(-1)?.length ?? 0) + 1,
    });
    expect(summary.problems[0]?.message).toContain('<iati-identifier>');
    expect(summary.problems[0]?.message).toMatch(/activity that starts at line \d+ was not read/);
  });

  it('reports a file cut inside a tag or before its root', async () => {
    const cutInTag = (await parseText('<iati-activities version="2.03"><iati-act')).summary;
    expect(codes(cutInTag.problems)).toEqual(['xml.truncated']);
    const cutInProlog = (await parseText('<?xml version="1.0"?>\n<iati-activ')).summary;
    expect(codes(cutInProlog.problems)).toEqual(['xml.truncated']);
  });

  it('reports an empty file and a file that is not XML', async () => {
    expect(codes((await parseText('')).summary.problems)).toEqual(['xml.empty']);
    expect(codes((await parseText('  \n ')).summary.problems)).toEqual(['xml.empty']);
    expect(codes((await parseText('{"iati": true}')).summary.problems)).toEqual(['xml.malformed']);
  });

  it('reports mismatched tags as malformed, with the position', async () => {
    const { summary } = await parseText(
      '<iati-activities version="2.03">\n  <iati-activity></title>',
    );
    expect(summary.problems[0]).toMatchObject({ code: 'xml.malformed', line: 2 });
  });
});

describe('encoding', () => {
  it('refuses invalid UTF-8 bytes and says where they are', async () => {
    const before = Buffer.from(iatiFile(goodActivity()).split('Wells.')[0] ?? '', 'utf8');
    const bad = Buffer.concat([
      before,
      Buffer.from([0x57, 0xff, 0x6c]),
      Buffer.from('ls.</narrative>'),
    ]);
    const { summary } = await collect(chunked(bad, 7));
    const lines = before.toString('utf8').split('\n');
    expect(codes(summary.problems)).toEqual(['xml.encoding']);
    expect(summary.problems[0]).toMatchObject({
      line: lines.length,
      column: (lines.at(-1)?.length ?? 0) + 2, // after the "W"
    });
    expect(summary.problems[0]?.message).toContain('0xFF');
  });

  it('refuses a file that declares another encoding, before reading its bytes', async () => {
    const latin1 = Buffer.from(
      iatiFile(goodActivity()).replace('UTF-8', 'ISO-8859-1').replace('Preševo', 'Presevo é'),
      'latin1',
    );
    const { activities, summary } = await collect(chunked(latin1));
    expect(activities).toEqual([]);
    expect(codes(summary.problems)).toEqual(['xml.encoding']);
    expect(summary.problems[0]?.message).toContain('ISO-8859-1');
  });

  it('refuses UTF-16, with or without a byte order mark', async () => {
    const text = iatiFile(goodActivity()).replace('UTF-8', 'UTF-16');
    const withBom = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    expect(codes((await collect(chunked(withBom))).summary.problems)).toEqual(['xml.encoding']);
    const noBom = Buffer.from(text, 'utf16le');
    expect(codes((await collect(chunked(noBom))).summary.problems)).toEqual(['xml.encoding']);
  });

  it('reads a UTF-8 file with a byte order mark, and characters split across chunks', async () => {
    const bytes = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(iatiFile(goodActivity())),
    ]);
    const { activities, summary } = await collect(chunked(bytes, 1));
    expect(summary.problems).toEqual([]);
    expect(activities[0]?.activity.title).toEqual({ en: 'Water for Preševo' });
  });

  it('refuses a file that ends inside a multi-byte character', async () => {
    const bytes = Buffer.from('<iati-activities version="2.03">Š', 'utf8').subarray(0, -1);
    expect(codes((await collect(chunked(bytes))).summary.problems)).toContain('xml.encoding');
  });
});

describe('not an IATI 2.x activity file', () => {
  it('refuses another root element', async () => {
    const html = (await parseText('<html><body>hi</body></html>')).summary;
    expect(html.problems[0]).toMatchObject({ code: 'iati.not_activities', severity: 'critical' });
    const org = (await parseText('<iati-organisations version="2.03"></iati-organisations>'))
      .summary;
    expect(org.problems[0]?.message).toContain('organisation file');
  });

  it('refuses 1.x and files without a version', async () => {
    const old = (await parseText(iatiFile(goodActivity(), 'version="1.05"'))).summary;
    expect(old.problems).toHaveLength(1);
    expect(old.problems[0]).toMatchObject({
      code: 'iati.version_unsupported',
      severity: 'critical',
      message: 'IATI version 1.05 is not supported: convert to 2.03',
    });
    const none = await parseText(
      iatiFile(goodActivity(), 'generated-datetime="2020-01-01T00:00:00"'),
    );
    expect(none.activities).toEqual([]);
    expect(codes(none.summary.problems)).toEqual(['iati.version_unsupported']);
  });

  it('reads 2.01 and 2.02, and an unknown 2.x as 2.03 with an error', async () => {
    for (const v of ['2.01', '2.02']) {
      const r = await parseText(iatiFile(goodActivity(), `version="${v}"`));
      expect(r.summary.file?.readAs).toBe(v);
      expect(r.activities).toHaveLength(1);
    }
    const odd = await parseText(iatiFile(goodActivity(), 'version="2.04"'));
    expect(codes(odd.summary.problems)).toEqual(['iati.version_unknown']);
    expect(odd.summary.file?.readAs).toBe('2.03');
    expect(odd.activities).toHaveLength(1);
  });
});

describe('limits', () => {
  it('stops a 50 MB junk stream at maxBytes without reading the rest', async () => {
    const junk = `<junk>${'x'.repeat(1000)}</junk>`;
    const { state, input } = counting([
      '<iati-activities version="2.03">',
      ...repeat(junk.repeat(64), 800), // ~52 MB
    ]);
    const before = process.memoryUsage().heapUsed;
    const { summary } = await collect(input, { maxBytes: 1024 * 1024 });
    // The junk elements are reported once (not IATI), then the size limit stops reading.
    expect(codes(summary.problems)).toEqual(['xml.unknown_element', 'xml.too_large']);
    expect(state.bytes).toBeLessThan(1024 * 1024 + 70_000);
    expect(state.finished).toBe(false);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('stops unbounded nesting at maxDepth', async () => {
    const { state, input } = counting([
      '<iati-activities version="2.03"><iati-activity>',
      ...repeat('<a>'.repeat(10_000), 1000), // ten million levels, never closed
    ]);
    const { summary } = await collect(input);
    expect(codes(summary.problems)).toEqual(['xml.too_deep']);
    expect(summary.problems[0]?.message).toContain('20');
    expect(state.pulls).toBeLessThan(5);
  });

  it('skips a 10-level junk element inside an activity with one warning, keeping it in the XML', async () => {
    const junk = `${'<junk>'.repeat(10)}deep${'</junk>'.repeat(10)}<junk/>`;
    const { activities, summary } = await parseText(iatiFile(goodActivity('XM-DAC-41114-1', junk)));
    expect(summary.problems).toEqual([]);
    const [a] = activities;
    expect(codes(a?.problems ?? [])).toEqual(['xml.unknown_element']);
    expect(a?.problems[0]).toMatchObject({
      severity: 'warning',
      path: 'junk',
      activity: 'XM-DAC-41114-1',
    });
    expect(a?.xml).toContain(junk);
    expect(a?.activity.sectors).toHaveLength(1);
  });

  it('refuses an activity larger than maxActivityChars', async () => {
    const big = goodActivity(
      'XM-DAC-41114-1',
      `<description type="2"><narrative>${'y'.repeat(50_000)}</narrative></description>`,
    );
    const { activities, summary } = await parseText(
      iatiFile(`${goodActivity('XM-DAC-41114-0')}${big}`),
      {
        maxActivityChars: 20_000,
      },
    );
    expect(activities).toHaveLength(1);
    expect(codes(summary.problems)).toEqual(['xml.node_too_large']);
  });

  it('refuses a huge node between activities', async () => {
    const { summary } = await parseText(iatiFile(`<!--${'c'.repeat(100_000)}-->`), {
      maxActivityChars: 20_000,
    });
    expect(codes(summary.problems)).toEqual(['xml.node_too_large']);
  });

  it('destroys a Readable input once reading stops', async () => {
    const stream = Readable.from(
      (function* () {
        yield Buffer.from('<!DOCTYPE x><iati-activities version="2.03">');
        for (;;) yield Buffer.from(goodActivity());
      })(),
    );
    const { summary } = await collect(stream);
    expect(codes(summary.problems)).toEqual(['xml.doctype']);
    expect(stream.destroyed).toBe(true);
  });
});
