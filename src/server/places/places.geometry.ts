/**
 * The little plane and sphere geometry the gazetteer needs: which municipality polygon holds a
 * point, how far a point is from a polygon, centroids and areas. Coordinates are GeoJSON
 * [lon, lat] in WGS84. The polygons are generalised to about ±1 km, so planar approximations
 * over a few dozen kilometres are far more precise than the data.
 */

export type Position = [number, number];
export type Ring = Position[];

export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Ring[];
}

export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Ring[][];
}

export type AreaGeometry = PolygonGeometry | MultiPolygonGeometry;

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LAT = 110.574;
const KM_PER_DEGREE_LON_AT_EQUATOR = 111.32;

/** Polygons of a geometry, each as [outer ring, ...holes]. */
export function polygonsOf(g: AreaGeometry): Ring[][] {
  return g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
}

/** Even-odd ray casting; a point exactly on an edge may fall either way, which ±1 km data cannot settle anyway. */
function ringContains(ring: Ring, [x, y]: Position): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[i];
    const b = ring[j];
    if (!a || !b) continue;
    const [xi, yi] = a;
    const [xj, yj] = b;
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export function containsPoint(g: AreaGeometry, p: Position): boolean {
  return polygonsOf(g).some(
    ([outer, ...holes]) =>
      outer !== undefined && ringContains(outer, p) && !holes.some((h) => ringContains(h, p)),
  );
}

/** Shortest distance in km from a point to the polygon's edges (0 inside). */
export function distanceKm(g: AreaGeometry, p: Position): number {
  if (containsPoint(g, p)) return 0;
  const [px0, py0] = p;
  // Equirectangular projection centred on the point: exact enough within tens of kilometres.
  const kx = KM_PER_DEGREE_LON_AT_EQUATOR * Math.cos((py0 * Math.PI) / 180);
  const ky = KM_PER_DEGREE_LAT;
  const px = px0 * kx;
  const py = py0 * ky;
  let best = Infinity;
  for (const ring of polygonsOf(g).flat()) {
    for (let i = 1; i < ring.length; i++) {
      const a = ring[i - 1];
      const b = ring[i];
      if (!a || !b) continue;
      const ax = a[0] * kx;
      const ay = a[1] * ky;
      const dx = b[0] * kx - ax;
      const dy = b[1] * ky - ay;
      const len2 = dx * dx + dy * dy;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * dx + (py - ay) * dy) / len2));
      best = Math.min(best, Math.hypot(px - ax - t * dx, py - ay - t * dy));
    }
  }
  return best;
}

/** Signed planar area (degrees²) and first moments of a ring, by the shoelace formula. */
function ringMoments(ring: Ring): { a: number; cx: number; cy: number } {
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i - 1];
    const q = ring[i];
    if (!p || !q) continue;
    const cross = p[0] * q[1] - q[0] * p[1];
    a += cross;
    cx += (p[0] + q[0]) * cross;
    cy += (p[1] + q[1]) * cross;
  }
  return { a: a / 2, cx, cy };
}

/**
 * Area-weighted centroid of one or more area geometries, as {lat, lon}. Holes subtract.
 * Planar in degrees: at 42–43° N over a municipality the error is metres.
 */
export function areaCentroid(geometries: readonly AreaGeometry[]): { lat: number; lon: number } {
  let area = 0;
  let mx = 0;
  let my = 0;
  for (const g of geometries) {
    for (const [outer, ...holes] of polygonsOf(g)) {
      if (!outer) continue;
      for (const [ring, sign] of [[outer, 1], ...holes.map((h) => [h, -1] as const)] as const) {
        const m = ringMoments(ring);
        // Orientation-independent: outer rings add, holes subtract, whichever way they wind.
        const s = sign * Math.sign(m.a);
        area += s * m.a;
        mx += s * m.cx;
        my += s * m.cy;
      }
    }
  }
  if (area === 0) throw new Error('centroid of a geometry with no area');
  return { lon: mx / (6 * area), lat: my / (6 * area) };
}

/** Spherical area of a ring in km² (the formula turf and d3 use), unsigned. */
function ringAreaKm2(ring: Ring): number {
  let total = 0;
  for (let i = 1; i < ring.length; i++) {
    const p = ring[i - 1];
    const q = ring[i];
    if (!p || !q) continue;
    const rad = Math.PI / 180;
    total += (q[0] - p[0]) * rad * (2 + Math.sin(p[1] * rad) + Math.sin(q[1] * rad));
  }
  return Math.abs((total * EARTH_RADIUS_KM * EARTH_RADIUS_KM) / 2);
}

export function areaKm2(g: AreaGeometry): number {
  let sum = 0;
  for (const [outer, ...holes] of polygonsOf(g)) {
    if (!outer) continue;
    sum += ringAreaKm2(outer) - holes.reduce((s, h) => s + ringAreaKm2(h), 0);
  }
  return sum;
}

export function round(value: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}
