import { escapeHtml } from '../http/html.js';
import { polygonsOf, type AreaGeometry } from '../places/places.geometry.js';
import { t, type Locale } from './i18n.js';

/**
 * Maps drawn on the server from the gazetteer's own polygons: an SVG with no tiles and no
 * script, so it works offline, prints, and needs nothing from another server. An equirectangular
 * projection is exact enough for a region 60 km across.
 */

export interface MapArea {
  id: string;
  code: string;
  name: string;
  focus: boolean;
  geometry: AreaGeometry;
  /** The money or count shading the area; null leaves it grey. */
  value: number | null;
  /** What a reader hears or sees on hover. */
  caption: string;
  href?: string;
}

export interface MapPoint {
  id: string;
  name: string;
  lat: number;
  lon: number;
  count: number;
  caption: string;
}

const WIDTH = 600;
/** Light to dark blue, all with enough contrast against the white outline. */
const SHADES = ['#dbe9f6', '#a9cbe8', '#6ea6d6', '#3b7fbf', '#155a9c'];

interface Box {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
}

function boxOf(areas: MapArea[], points: MapPoint[]): Box {
  const b = { minX: Infinity, maxX: -Infinity, minY: Infinity, maxY: -Infinity };
  const add = (lon: number, lat: number) => {
    b.minX = Math.min(b.minX, lon);
    b.maxX = Math.max(b.maxX, lon);
    b.minY = Math.min(b.minY, lat);
    b.maxY = Math.max(b.maxY, lat);
  };
  for (const a of areas)
    for (const poly of polygonsOf(a.geometry))
      for (const ring of poly) for (const [lon, lat] of ring) add(lon, lat);
  for (const p of points) add(p.lon, p.lat);
  return b;
}

export function mapSvg(
  locale: Locale,
  opts: {
    title: string;
    areas: MapArea[];
    points: MapPoint[];
    /** Areas that set the frame (by default the focus areas, else all). */
    frame?: MapArea[];
    testId?: string;
    legend?: boolean;
  },
): string {
  const framing = opts.frame ?? opts.areas.filter((a) => a.focus);
  const box = boxOf(framing.length ? framing : opts.areas, framing.length ? [] : opts.points);
  if (!Number.isFinite(box.minX)) return '';
  const midLat = ((box.minY + box.maxY) / 2) * (Math.PI / 180);
  const kx = Math.cos(midLat);
  const padX = (box.maxX - box.minX) * 0.06 + 0.01;
  const padY = (box.maxY - box.minY) * 0.06 + 0.01;
  const x0 = (box.minX - padX) * kx;
  const x1 = (box.maxX + padX) * kx;
  const y0 = box.maxY + padY;
  const y1 = box.minY - padY;
  const scale = WIDTH / (x1 - x0);
  const height = Math.round((y0 - y1) * scale);
  const px = (lon: number) => ((lon * kx - x0) * scale).toFixed(1);
  const py = (lat: number) => ((y0 - lat) * scale).toFixed(1);
  const top = Math.max(0, ...opts.areas.map((a) => a.value ?? 0));
  const shade = (v: number | null) => {
    if (v === null || v <= 0 || top <= 0) return '#eef0f2';
    const i = Math.min(SHADES.length - 1, Math.floor((v / top) * SHADES.length));
    return SHADES[i] ?? '#eef0f2';
  };
  const path = (g: AreaGeometry) =>
    polygonsOf(g)
      .flatMap((poly) =>
        poly.map((ring) => 'M' + ring.map(([lon, lat]) => `${px(lon)},${py(lat)}`).join('L') + 'Z'),
      )
      .join('');
  const areas = opts.areas
    .map((a) => {
      const shape = `<path d="${path(a.geometry)}" fill="${a.focus ? shade(a.value) : '#f4f4f2'}" class="${a.focus ? 'area focus' : 'area'}" data-code="${escapeHtml(a.code)}"><title>${escapeHtml(a.caption)}</title></path>`;
      return a.href && a.focus
        ? `<a href="${escapeHtml(a.href)}" aria-label="${escapeHtml(a.caption)}">${shape}</a>`
        : shape;
    })
    .join('');
  const labels = opts.areas
    .filter((a) => a.focus)
    .map((a) => {
      const b = boxOf([a], []);
      return `<text x="${px((b.minX + b.maxX) / 2)}" y="${py((b.minY + b.maxY) / 2)}" text-anchor="middle" class="area-label">${escapeHtml(a.name)}</text>`;
    })
    .join('');
  const maxCount = Math.max(1, ...opts.points.map((p) => p.count));
  const points = opts.points
    .map(
      (p) =>
        `<circle cx="${px(p.lon)}" cy="${py(p.lat)}" r="${(3 + 7 * Math.sqrt(p.count / maxCount)).toFixed(1)}" class="pt" data-place="${escapeHtml(p.id)}"><title>${escapeHtml(p.caption)}</title></circle>`,
    )
    .join('');
  const testId = opts.testId ? ` data-testid="${opts.testId}"` : '';
  const desc = opts.areas
    .filter((a) => a.focus)
    .map((a) => a.caption)
    .concat(opts.points.map((p) => p.caption))
    .join('; ');
  const legend = opts.legend === false ? '' : `${t(locale, 'map.legend')} `;
  return `<figure class="map"${testId}><svg viewBox="0 0 ${WIDTH} ${height}" role="group" aria-label="${escapeHtml(opts.title)}"><desc>${escapeHtml(desc)}</desc>${areas}${labels}${points}</svg>
<figcaption><strong>${escapeHtml(opts.title)}</strong> <small>${legend}${escapeHtml(t(locale, 'map.attribution'))}</small></figcaption></figure>`;
}
