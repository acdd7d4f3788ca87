import type { Database } from '../db/db.js';
import { nameIn } from './portal.service.js';
import { activityPoints, municipalityAreas, type AreaRow } from './portal.queries.js';
import { formatMoney, t, type Locale } from './i18n.js';
import { href } from './layout.js';
import { mapSvg, type MapArea, type MapPoint } from './map.js';

/** The gazetteer's polygons change only when reference data is reloaded: kept a minute. */
const AREA_TTL_MS = 60_000;
const areaCache = new WeakMap<Database, { at: number; rows: Promise<AreaRow[]> }>();

export function areas(db: Database): Promise<AreaRow[]> {
  const hit = areaCache.get(db);
  if (hit && Date.now() - hit.at < AREA_TTL_MS) return hit.rows;
  const rows = municipalityAreas(db);
  areaCache.set(db, { at: Date.now(), rows });
  rows.catch(() => areaCache.delete(db));
  return rows;
}

/**
 * The three municipalities shaded by an amount per municipality id, with circles at the places
 * of the selection's activities.
 */
export async function moneyMap(
  db: Database,
  locale: Locale,
  opts: {
    title: string;
    values: Map<string, string>;
    currency: string;
    activityIds: string[] | null;
    testId?: string;
  },
): Promise<string> {
  const [rows, pts] = await Promise.all([areas(db), activityPoints(db, opts.activityIds)]);
  const list: MapArea[] = rows.flatMap((r) => {
    if (!r.geometry) return [];
    const name = nameIn(locale, r.names);
    const v = opts.values.get(r.id);
    return [
      {
        id: r.id,
        code: r.code,
        name,
        focus: r.focus,
        geometry: r.geometry,
        value: v === undefined ? null : Number(v),
        caption: `${name}: ${formatMoney(locale, v ?? '0', opts.currency)}`,
        href: href(locale, `/municipality/${r.code}`),
      },
    ];
  });
  const points: MapPoint[] = pts.map((p) => {
    const name = nameIn(locale, p.names);
    return {
      id: p.id,
      name,
      lat: p.lat,
      lon: p.lon,
      count: p.activities,
      caption: t(locale, 'map.projects_at', { place: name, count: p.activities }),
    };
  });
  return mapSvg(locale, { title: opts.title, areas: list, points, testId: opts.testId });
}
