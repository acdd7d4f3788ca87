import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { parseIati } from './parse.js';
import { goodActivity } from './parse.test-helpers.js';

const TRANSACTION = `<transaction><transaction-type code="3"/><transaction-date iso-date="2019-05-01"/>
  <value currency="EUR" value-date="2019-05-01">1250.50</value><description><narrative>Pump</narrative></description></transaction>`;

/** About `mb` megabytes of distinct activities, produced lazily. */
async function* bigFile(mb: number): AsyncGenerator<Buffer> {
  yield Buffer.from('<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03">\n');
  let bytes = 0;
  for (let i = 0; bytes < mb * 1024 * 1024; i++) {
    const chunk = Buffer.from(goodActivity(`XM-DAC-41114-${i}`, TRANSACTION.repeat(8)));
    bytes += chunk.length;
    await Promise.resolve();
    yield chunk;
  }
  yield Buffer.from('</iati-activities>\n');
}

/**
 * A garbage-collect function without --expose-gc on the command line. Without it, heapUsed
 * mostly measures garbage V8 has not bothered to collect yet (it grows with the file even though
 * nothing is kept), which says nothing about what the parser holds on to.
 */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

describe('memory', () => {
  it('parses a 50 MB stream with bounded heap growth', async () => {
    const gc = collector();
    gc();
    const before = process.memoryUsage().heapUsed;
    let peak = before;
    let count = 0;
    let lastId = '';
    const run = parseIati(bigFile(50));
    for (;;) {
      const next = await run.next();
      if (next.done) {
        expect(next.value).toMatchObject({ complete: true, problems: [] });
        expect(next.value.bytes).toBeGreaterThan(50 * 1024 * 1024);
        break;
      }
      count++;
      lastId = next.value.activity.identifier;
      if (count % 1000 === 0) {
        gc();
        peak = Math.max(peak, process.memoryUsage().heapUsed);
      }
    }
    expect(count).toBeGreaterThan(10_000);
    expect(lastId).toBe(`XM-DAC-41114-${count - 1}`);
    // The file is 50 MB; the parser holds one activity at a time, plus one identifier per
    // activity for the duplicate check (about 1 MB here).
    expect(peak - before).toBeLessThan(32 * 1024 * 1024);
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(100 * 1024 * 1024);
  }, 120_000);
});
