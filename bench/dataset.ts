import type { Database, Queryable } from '../src/server/db/db.js';
import { ActivityBatch } from './activity-rows.js';
import { draftProgramme, draftProject, type Programme } from './drafts.js';
import { yieldToEventLoop } from './measure.js';
import { seeded } from './random.js';
import { ALL_SECTOR_CODES, PROGRAMMES } from './vocabulary.js';
import {
  generateOrganisations,
  insertOrganisations,
  loadMunicipalities,
  partnersOf,
} from './world.js';

export interface DatasetOptions {
  activities: number;
  programmes: number;
  organisations: number;
  batchSize: number;
  seed: number;
  progress: (done: number, total: number) => void;
}

export interface Dataset {
  programmes: { id: string; iati_identifier: string; title: string; children: number }[];
  /** Organisation ids by acronym, for the named partners (EUD, UNDP, SDC …). */
  organisations: Map<string, string>;
  /** How many projects each organisation funds, by organisation id. */
  fundingCounts: Map<string, number>;
  seconds: number;
}

async function checkSectorCodes(db: Queryable): Promise<void> {
  const rows = await db.query<{ code: string }>(
    `select code from codelist_item where codelist = 'Sector' and code = any($1::text[])`,
    [ALL_SECTOR_CODES],
  );
  const known = new Set(rows.map((r) => r.code));
  const missing = ALL_SECTOR_CODES.filter((c) => !known.has(c));
  if (missing.length)
    throw new Error(`DAC codes not in the Sector codelist: ${missing.join(', ')}`);
}

/**
 * Fills a prepared, empty registry with `activities` published activities — `programmes` of
 * hierarchy 1 and projects beneath them — written in batches of multi-row INSERTs. The same seed
 * gives the same rows, ids included, on every engine.
 */
export async function generateDataset(db: Database, opts: DatasetOptions): Promise<Dataset> {
  const started = performance.now();
  const rng = seeded(opts.seed);
  await checkSectorCodes(db);
  const municipalities = await loadMunicipalities(db);
  const orgs = generateOrganisations(rng, municipalities, opts.organisations);
  await insertOrganisations(db, orgs);
  const partners = partnersOf(orgs);

  // Programmes first: projects point at them.
  const batch = new ActivityBatch();
  const programmes: Programme[] = PROGRAMMES.slice(0, opts.programmes).map((p, i) =>
    draftProgramme(rng, p, i, partners, municipalities),
  );
  programmes.forEach((p) => {
    batch.add(p);
  });
  await batch.flush(db);

  const fundingCounts = new Map<string, number>();
  const weights = programmes.map((p) => [p, p.weight] as const);
  let done = programmes.length;
  opts.progress(done, opts.activities);
  while (done < opts.activities) {
    const project = draftProject(rng, rng.weighted(weights), done, partners, municipalities);
    fundingCounts.set(project.funder.id, (fundingCounts.get(project.funder.id) ?? 0) + 1);
    batch.add(project);
    done++;
    if (batch.size >= opts.batchSize || done === opts.activities) {
      await batch.flush(db);
      opts.progress(done, opts.activities);
      await yieldToEventLoop();
    }
  }

  return {
    programmes: programmes.map((p) => ({
      id: p.id,
      iati_identifier: p.iati_identifier,
      title: p.title.en ?? '',
      children: p.children,
    })),
    organisations: new Map(orgs.flatMap((o) => (o.acronym ? [[o.acronym, o.id] as const] : []))),
    fundingCounts,
    seconds: (performance.now() - started) / 1000,
  };
}
