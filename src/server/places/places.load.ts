import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.queries.js';
import type { Database } from '../db/db.js';
import { projectPath } from '../paths.js';
import { Gazetteer, GAZETTEER_FILE, KIND_DEPTH, type GazetteerPlace } from './places.gazetteer.js';
import { upsertPlaceSeeds, type PlaceSeed } from './places.load.queries.js';
import { placeSearchText } from './places.search.js';

export interface GazetteerLoadResult {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Parsed once per process and path: the file only changes with a new build of the project. */
const cache = new Map<string, GazetteerPlace[]>();

export function readGazetteer(path = projectPath(...GAZETTEER_FILE)): GazetteerPlace[] {
  let places = cache.get(path);
  if (!places) {
    const res = Gazetteer.safeParse(JSON.parse(readFileSync(path, 'utf8')));
    if (!res.success)
      throw new Error(`${path} is not a valid gazetteer: ${z.prettifyError(res.error)}`);
    places = res.data;
    cache.set(path, places);
  }
  return places;
}

function toSeed(p: GazetteerPlace): PlaceSeed {
  return {
    kind: p.kind,
    code: p.code,
    parent_kind: p.parent_code?.kind ?? null,
    parent_code: p.parent_code?.code ?? null,
    names: p.names,
    focus: p.focus,
    lat: p.lat,
    lon: p.lon,
    population: p.population,
    geometry: p.geometry,
    attributes: p.attributes,
    search_text: placeSearchText(p.kind, p.code, p.names),
  };
}

/**
 * Brings the place table in line with data/geo/gazetteer.json: inserts what is missing and
 * rewrites what differs, in one transaction, one statement per level (parents first, so children
 * find their parent's id). Places not in the file are left alone. The file wins over edits made
 * through the API to the same (kind, code); such overwrites are audited (user null), the first
 * load's inserts are not (the file in git is their record).
 */
export async function loadGazetteer(db: Database, path?: string): Promise<GazetteerLoadResult> {
  const places = readGazetteer(path);
  const levels = new Map<number, PlaceSeed[]>();
  for (const p of places) {
    const depth = KIND_DEPTH[p.kind];
    let level = levels.get(depth);
    if (!level) levels.set(depth, (level = []));
    level.push(toSeed(p));
  }
  return db.transaction(async (tx) => {
    let inserted = 0;
    let updated = 0;
    for (const depth of [...levels.keys()].sort((a, b) => a - b)) {
      for (const change of await upsertPlaceSeeds(tx, levels.get(depth) ?? [])) {
        if (change.inserted) {
          inserted++;
          continue;
        }
        updated++;
        const version = typeof change.after?.version === 'number' ? change.after.version : null;
        await recordAudit(tx, {
          userId: null,
          entity: 'place',
          entityId: change.id,
          action: 'update',
          version,
          before: change.before,
          after: change.after,
        });
      }
    }
    return { inserted, updated, unchanged: places.length - inserted - updated };
  });
}
