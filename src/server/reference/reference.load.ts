import type { Database } from '../db/db.js';
import { loadCodelists } from '../codelists/codelists.load.js';
import { loadGazetteer } from '../places/places.load.js';

export interface ReferenceResult {
  codelists: number;
  codelistsLoaded: string[];
  places: number;
  placesChanged: number;
}

/**
 * Loads the reference data shipped in data/: IATI codelists, the office's sector list and the
 * gazetteer. Idempotent: what is already current is left alone, so every start may call it.
 */
export async function loadReferenceData(db: Database): Promise<ReferenceResult> {
  const codelists = await loadCodelists(db);
  const places = await loadGazetteer(db);
  return {
    codelists: codelists.loaded.length + codelists.unchanged,
    codelistsLoaded: codelists.loaded,
    places: places.inserted + places.updated + places.unchanged,
    placesChanged: places.inserted + places.updated,
  };
}
