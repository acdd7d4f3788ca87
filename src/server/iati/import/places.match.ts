import { containsPoint } from '../../places/places.geometry.js';
import { foldForSearch } from '../../text/index.js';
import type { IatiLocation } from '../iati.model.js';
import type { GazetteerEntry } from './import.queries.js';

export interface PlaceMatch {
  placeId: string;
  municipalityId: string;
  how: 'code' | 'name' | 'point';
}

/**
 * Links IATI locations to the gazetteer: by an official code, by a name in any language or
 * script (a settlement's name must be unambiguous, or confirmed by the point's municipality),
 * or by the point falling inside a municipality.
 */
export class PlaceMatcher {
  private readonly municipalities: GazetteerEntry[];
  private readonly byCode = new Map<string, GazetteerEntry>();
  private readonly byName = new Map<string, GazetteerEntry[]>();

  constructor(entries: readonly GazetteerEntry[]) {
    this.municipalities = entries.filter((e) => e.kind === 'municipality');
    for (const e of entries) {
      if (e.kind === 'municipality') this.byCode.set(e.code, e);
      for (const name of new Set(Object.values(e.names).map(foldForSearch))) {
        if (!name) continue;
        const list = this.byName.get(name) ?? [];
        list.push(e);
        this.byName.set(name, list);
      }
    }
  }

  private municipalityOf(e: GazetteerEntry): string {
    return e.kind === 'municipality' ? e.id : (e.parent_id ?? e.id);
  }

  private byPoint(lat: number, lon: number): GazetteerEntry | null {
    return (
      this.municipalities.find((m) => m.geometry && containsPoint(m.geometry, [lon, lat])) ?? null
    );
  }

  match(l: IatiLocation): PlaceMatch | null {
    for (const a of l.administrative) {
      const m = this.byCode.get(a.code);
      if (m) return { placeId: m.id, municipalityId: m.id, how: 'code' };
    }
    const inside = l.point ? this.byPoint(l.point.lat, l.point.lon) : null;
    const names = Object.values(l.name).map(foldForSearch).filter(Boolean);
    for (const name of names) {
      // "Preševo, Serbia" or "Bujanovac municipality": try the whole name, then each part.
      const parts = [
        name,
        ...name
          .split(/\s*[,;/(]\s*|\s+-\s+/)
          .map((p) => p.trim())
          .filter(Boolean),
      ];
      for (const part of parts) {
        const candidates = (this.byName.get(part) ?? []).filter(
          (c) => !inside || this.municipalityOf(c) === inside.id,
        );
        const municipality = candidates.find((c) => c.kind === 'municipality');
        const settlements = candidates.filter((c) => c.kind === 'settlement');
        const settlement = settlements.length === 1 ? settlements[0] : undefined;
        if (settlement)
          return {
            placeId: settlement.id,
            municipalityId: this.municipalityOf(settlement),
            how: 'name',
          };
        if (municipality)
          return { placeId: municipality.id, municipalityId: municipality.id, how: 'name' };
      }
    }
    if (inside) return { placeId: inside.id, municipalityId: inside.id, how: 'point' };
    return null;
  }
}
