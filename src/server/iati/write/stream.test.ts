import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import type { IatiActivity, IatiProblem } from '../iati.model.js';
import { richActivity } from './activity.fixture.js';
import { IatiExportError } from './errors.js';
import { writeIatiActivities } from './stream.js';
import { xmllint } from './xsd.testing.js';

const OPTS = { generatedAt: '2026-11-25T10:00:00Z' };

// A forced collection makes heap figures comparable; vitest's workers do not expose gc().
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

function smallActivity(i: number): IatiActivity {
  const a = richActivity();
  return {
    ...a,
    identifier: `RS-MB-17862146-S-${i}`,
    locations: [],
    budgets: [],
    plannedDisbursements: [],
    transactions: [],
    documentLinks: [],
    results: [],
    contacts: [],
  };
}

/**
 * A sink that takes a while for every chunk (a turn of the event loop), buffers at most 1 KiB,
 * keeps only counts, and notes any write made while it had asked the writer to wait.
 */
class SlowSink extends Writable {
  bytes = 0;
  /** Chunks handed to write(), buffered or not. */
  writes = 0;
  drains = 0;
  writesWhileFull = 0;

  constructor() {
    super({ highWaterMark: 1024, decodeStrings: false });
    this.on('drain', () => this.drains++);
  }

  override write(chunk: unknown, ...rest: never[]): boolean {
    if (this.writableNeedDrain) this.writesWhileFull++;
    this.writes++;
    return super.write(chunk, ...rest);
  }

  override _write(chunk: string, _enc: BufferEncoding, done: (error?: Error | null) => void): void {
    this.bytes += Buffer.byteLength(chunk, 'utf8');
    setImmediate(done);
  }
}

describe('writeIatiActivities', () => {
  it('streams 20,000 activities through a slow sink: honours drain, heap stays flat', async () => {
    const sink = new SlowSink();
    const heap: number[] = [];
    let writesBeforeFirst = -1;
    let writesBeforeSecond = -1;
    async function* activities(): AsyncGenerator<IatiActivity> {
      writesBeforeFirst = sink.writes;
      for (let i = 0; i < 20_000; i++) {
        if (i === 1) writesBeforeSecond = sink.writes;
        if (i % 4000 === 0) {
          gc();
          heap.push(process.memoryUsage().heapUsed);
        }
        yield smallActivity(i);
        await Promise.resolve();
      }
    }
    const result = await writeIatiActivities(activities(), sink, OPTS);
    await new Promise<void>((resolve) => sink.end(resolve));

    expect(result.activities).toBe(20_000);
    expect(result.bytes).toBe(sink.bytes);
    expect(sink.drains).toBeGreaterThan(1000);
    expect(sink.writesWhileFull).toBe(0);
    // The header was handed to the sink before the first activity was asked for, and the first
    // activity before the second.
    expect(writesBeforeFirst).toBe(1);
    expect(writesBeforeSecond).toBe(2);
    // ~20 MB go through; heap after GC stays within 1 MB here, while a writer that kept its
    // output grew by ~90 MB when tried.
    const [firstHeap = 0, ...later] = heap;
    expect(Math.max(...later) - firstHeap).toBeLessThan(8 * 1024 * 1024);
    expect(result.bytes).toBeGreaterThan(20_000 * 1000);
  }, 120_000); // ~20 MB through a sink that drains slowly: minutes on a loaded machine

  it('writes to a function sink, awaiting what it returns, and the result validates', async () => {
    const chunks: string[] = [];
    const result = await writeIatiActivities(
      [smallActivity(1), smallActivity(2)],
      async (c) => {
        await new Promise((resolve) => setImmediate(resolve));
        chunks.push(c);
      },
      { ...OPTS, linkedDataDefault: 'https://koordinata.example/iati/' },
    );
    const xml = chunks.join('');
    expect(result).toEqual({ activities: 2, bytes: Buffer.byteLength(xml), skipped: 0 });
    expect(chunks).toHaveLength(4);
    expect(chunks[0]).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<iati-activities version="2.03" generated-datetime="2026-11-25T10:00:00Z" linked-data-default="https://koordinata.example/iati/">\n',
    );
    expect(xmllint(xml, 'activities').status).toBe(0);
  });

  it('fails on an activity the schema would reject, unless told to skip and report it', async () => {
    const bad = { ...smallActivity(2), status: null };
    const source = () => [smallActivity(1), bad, smallActivity(3)];
    await expect(writeIatiActivities(source(), () => undefined, OPTS)).rejects.toThrow(
      IatiExportError,
    );

    let xml = '';
    const reported: [string, IatiProblem[]][] = [];
    const result = await writeIatiActivities(source(), (c) => void (xml += c), {
      ...OPTS,
      onProblems: (problems, a) => reported.push([a.identifier, [...problems]]),
    });
    expect(result).toMatchObject({ activities: 2, skipped: 1 });
    expect(reported.map(([id, ps]) => [id, ps.map((p) => p.path)])).toEqual([
      ['RS-MB-17862146-S-2', ['activity-status']],
    ]);
    expect(xmllint(xml, 'activities').status).toBe(0);
  });

  it('checks the root attributes before writing anything', async () => {
    let written = '';
    await expect(
      writeIatiActivities([], (c) => void (written += c), { generatedAt: '25.11.2026' }),
    ).rejects.toThrow(/generated-datetime/);
    expect(written).toBe('');
  });

  it('rejects when the sink fails, and stops pulling activities', async () => {
    let pulled = 0;
    async function* many(): AsyncGenerator<IatiActivity> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield smallActivity(i);
        await Promise.resolve();
      }
    }
    const sink = new Writable({
      highWaterMark: 512,
      write(_chunk, _enc, done) {
        setImmediate(() => done(pulled > 10 ? new Error('disk full') : null));
      },
    });
    await expect(writeIatiActivities(many(), sink, OPTS)).rejects.toThrow('disk full');
    expect(pulled).toBeLessThan(30);
  });

  it('writes a well-formed document for an empty source (not valid IATI: zero activities)', async () => {
    let xml = '';
    const result = await writeIatiActivities([], (c) => void (xml += c), OPTS);
    expect(result.activities).toBe(0);
    expect(xmllint(xml).status).toBe(0);
  });
});
