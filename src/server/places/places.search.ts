import { searchDocument } from '../text/index.js';
import type { PlaceKind } from './places.queries.js';

/**
 * The search_text of a place: every name (so Preshevë, Прешево and presevo all find Preševo) and,
 * above settlements, the code (RS-24, 70963). Settlement codes are OSM node ids, noise to search.
 * Shared by the API and the gazetteer loader so both write the same document.
 */
export function placeSearchText(
  kind: PlaceKind,
  code: string,
  names: Readonly<Record<string, string>>,
): string {
  return searchDocument([...Object.values(names), kind === 'settlement' ? null : code]);
}
