import { useEffect, useRef, useState } from 'react';
import 'leaflet/dist/leaflet.css';
import { useT } from '../lib/i18n';

export interface MapPlace {
  id: string;
  label: string;
  kind: string;
  lat: number | null;
  lon: number | null;
  geometry: unknown;
}

/** Puts a chosen place into the first empty place field of the form (the last one if none is). */
function fill(container: HTMLElement, label: string) {
  const form = container.closest('form');
  if (!form) return;
  const inputs = [...form.querySelectorAll<HTMLInputElement>('input[data-place-input]')];
  const target = inputs.find((i) => i.value.trim() === '') ?? inputs.at(-1);
  if (!target) return;
  target.value = label;
  target.dispatchEvent(new Event('input', { bubbles: true }));
}

/**
 * The municipalities' boundaries and their settlements on a map without tiles (no tile server:
 * boundaries from data/geo). A settlement or municipality chosen on it fills a place field; the
 * text fields remain the way to do the same by keyboard.
 */
export function PlaceMap({ places }: { places: MapPlace[] }) {
  const t = useT();
  const el = useRef<HTMLDivElement>(null);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    let map: import('leaflet').Map | null = null;
    let cancelled = false;
    void import('leaflet').then(({ default: L }) => {
      const node = el.current;
      if (cancelled || !node) return;
      map = L.map(node, { attributionControl: true, zoomSnap: 0.25 });
      map.attributionControl.setPrefix(false);
      map.attributionControl.addAttribution('© RGZ · © OpenStreetMap contributors');
      const areas = L.featureGroup();
      for (const p of places) {
        if (p.kind !== 'municipality' || !p.geometry) continue;
        const layer = L.geoJSON(p.geometry as GeoJSON.GeoJsonObject, {
          style: { color: '#0d2b4a', weight: 2, fillColor: '#9ec3e6', fillOpacity: 0.35 },
        });
        layer.bindTooltip(p.label, { sticky: true });
        layer.on('click', () => {
          fill(node, p.label);
          setChosen(p.label);
        });
        layer.addTo(areas);
      }
      areas.addTo(map);
      // The view first: a marker gets its element only on a map that has one.
      const bounds = areas.getBounds();
      if (bounds.isValid()) map.fitBounds(bounds);
      else map.setView([42.4, 21.8], 10);
      for (const p of places) {
        if (p.kind !== 'settlement' || p.lat === null || p.lon === null) continue;
        const marker = L.marker([p.lat, p.lon], {
          icon: L.divIcon({ className: 'map-pin', iconSize: [12, 12] }),
          title: p.label,
          keyboard: true,
        });
        const choose = () => {
          fill(node, p.label);
          setChosen(p.label);
        };
        marker.on('click', choose);
        marker.addTo(map);
        // Enter or Space on a focused pin chooses it, as a click does.
        marker.getElement()?.addEventListener('keydown', (e) => {
          if (e.key === 'Enter' || e.key === ' ') {
            e.preventDefault();
            choose();
          }
        });
      }
    });
    return () => {
      cancelled = true;
      map?.remove();
    };
  }, [places]);
  return (
    <div>
      <h3 id="place-map-title">{t('edit.map')}</h3>
      <p className="help">{t('edit.map_hint')}</p>
      <div
        ref={el}
        className="map"
        role="region"
        aria-labelledby="place-map-title"
        data-testid="place-map"
      />
      <p role="status" aria-live="polite" data-testid="map-chosen">
        {chosen ? t('edit.map_chosen', { place: chosen }) : ''}
      </p>
    </div>
  );
}
