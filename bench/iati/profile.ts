/**
 * A V8 CPU profile of the import, boiled down to self time by area of the code (our parser, the
 * importer, the database driver, PGlite's WebAssembly, garbage collection, idle) and the
 * functions that cost the most. "idle" is the Node process waiting: on PostgreSQL, for the server
 * to answer each statement; its CPU time is the server's and does not show here.
 */
import type { Profiler } from 'node:inspector';

export interface ProfileArea {
  area: string;
  ms: number;
  share: number;
}

export interface ProfileFunction {
  name: string;
  where: string;
  area: string;
  ms: number;
  share: number;
}

export interface ProfileSummary {
  totalMs: number;
  samples: number;
  areas: ProfileArea[];
  top: ProfileFunction[];
}

const AREAS: readonly { area: string; test: (url: string, fn: string) => boolean }[] = [
  { area: 'idle (waiting for I/O or the database server)', test: (_u, f) => f === '(idle)' },
  { area: 'garbage collection', test: (_u, f) => f === '(garbage collector)' },
  { area: 'saxes (XML tokenising)', test: (u) => u.includes('/node_modules/saxes/') },
  {
    area: 'PGlite (PostgreSQL in WebAssembly)',
    test: (u) => u.includes('@electric-sql/pglite') || u.startsWith('wasm://'),
  },
  {
    area: 'pg driver (protocol, rows)',
    test: (u) => /\/node_modules\/(pg|pg-protocol|pg-types|pg-pool)\//.test(u),
  },
  { area: 'IATI parser: model building + validation', test: (u) => u.includes('/iati/parse/') },
  {
    area: 'IATI store: IATI ⇄ registry rows, SQL building',
    test: (u) => u.includes('/iati/store/'),
  },
  { area: 'IATI writer: XML rendering + schema checks', test: (u) => u.includes('/iati/write/') },
  { area: 'IATI export service', test: (u) => u.includes('/iati/export/') },
  {
    area: 'importer: control, org and place matching',
    test: (u) => u.includes('/iati/import/'),
  },
  { area: 'activity queries (SQL building)', test: (u) => u.includes('/server/activities/') },
  { area: 'text: folding, search documents', test: (u) => u.includes('/server/text/') },
  { area: 'other project code', test: (u) => u.includes('/src/server/') },
  { area: 'this benchmark', test: (u) => u.includes('/bench/') },
  {
    area: 'Node and V8 (streams, Buffer, crypto, JSON, strings)',
    test: (u, f) => u.startsWith('node:') || u === '' || f === '(program)',
  },
  { area: 'other libraries', test: () => true },
];

function areaOf(url: string, fn: string): string {
  return AREAS.find((a) => a.test(url, fn))?.area ?? 'other libraries';
}

function shortUrl(url: string): string {
  const i = url.search(/\/(src|bench|node_modules)\//);
  return i >= 0 ? url.slice(i + 1) : url;
}

/** Self time per node from the samples: each sample stands for the time until the next one. */
export function summariseProfile(profile: Profiler.Profile, topN = 15): ProfileSummary {
  const self = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i];
    if (id === undefined) continue;
    const us = deltas[i + 1] ?? 0;
    self.set(id, (self.get(id) ?? 0) + us);
  }
  const totalUs = profile.endTime - profile.startTime;
  const areas = new Map<string, number>();
  const functions = new Map<string, ProfileFunction>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (us === 0) continue;
    // Line numbers would be those of tsx's transpiled output: the file is what helps.
    const { url, functionName } = node.callFrame;
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + us);
    const where = url ? shortUrl(url) : '';
    const key = `${functionName}@${where}`;
    const f = functions.get(key) ?? {
      name:
        functionName.length > 60 ? `${functionName.slice(0, 59)}…` : functionName || '(anonymous)',
      where,
      area,
      ms: 0,
      share: 0,
    };
    f.ms += us / 1000;
    functions.set(key, f);
  }
  const share = (ms: number) => (totalUs > 0 ? ms / (totalUs / 1000) : 0);
  return {
    totalMs: totalUs / 1000,
    samples: samples.length,
    areas: [...areas.entries()]
      .map(([area, us]) => ({ area, ms: us / 1000, share: share(us / 1000) }))
      .sort((a, b) => b.ms - a.ms),
    top: [...functions.values()]
      .map((f) => ({ ...f, share: share(f.ms) }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, topN),
  };
}
