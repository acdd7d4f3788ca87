import type { Database } from '../db/db.js';
import { loadCodelists } from '../codelists/codelists.load.js';
import { loadShippedRates } from '../currency/currency.service.js';
import { loadGazetteer } from '../places/places.load.js';

export interface ReferenceResult {
  codelists: number;
  codelistsLoaded: string[];
  places: number;
  placesChanged: number;
  /** Rate files of data/rates written by this call (unchanged files are skipped by checksum). */
  ratesLoaded: string[];
}

/**
 * Loads the reference data shipped in data/: IATI codelists, the office's sector list, the
 * gazetteer and the exchange rates. Idempotent: what is already current is left alone, so every start may call it.
 */
export async function loadReferenceData(db: Database): Promise<ReferenceResult> {
  const codelists = await loadCodelists(db);
  const places = await loadGazetteer(db);
  const rates = await loadShippedRates(db);
  return {
    codelists: codelists.loaded.length + codelists.unchanged,
    codelistsLoaded: codelists.loaded,
    places: places.inserted + places.updated + places.unchanged,
    placesChanged: places.inserted + places.updated,
    ratesLoaded: rates.loaded,
  };
}
