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

describe('memory', () => {
  it('parses a 50 MB stream with bounded heap growth', async () => {
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
      if (count % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
    }
    expect(count).toBeGreaterThan(10_000);
    expect(lastId).toBe(`XM-DAC-41114-${count - 1}`);
    // The file is 50 MB; whatever the garbage collector leaves, the parser keeps one activity.
    expect(peak - before).toBeLessThan(100 * 1024 * 1024);
  }, 120_000);
});
