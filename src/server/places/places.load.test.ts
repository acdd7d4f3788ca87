import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/support/db.js';
import type { Actor } from '../auth/actor.js';
import { listAudit } from '../audit/audit.queries.js';
import type { Database } from '../db/db.js';
import type { GazetteerPlace } from './places.gazetteer.js';
import { loadGazetteer, readGazetteer } from './places.load.js';
import { findPlaceByKindCode } from './places.queries.js';
import { PlaceChildrenQuery, PlaceListQuery } from './places.schemas.js';
import { getPlaceByCode, listPlaceChildren, removePlace, searchPlaces } from './places.service.js';

let db: Database;
const gazetteer = readGazetteer();

beforeAll(async () => {
  db = await testDb();
  // Until reference.load.ts calls the loader, the worker's database has no places.
  await loadGazetteer(db);
});

/** Every settlement directly under a municipality, following the cursors. */
async function settlementsOf(code: string) {
  const m = await getPlaceByCode(db, 'municipality', code);
  const items = [];
  let cursor: string | undefined;
  do {
    const page = await listPlaceChildren(
      db,
      m.id,
      PlaceChildrenQuery.parse({ kind: 'settlement', limit: '500', ...(cursor ? { cursor } : {}) }),
    );
    items.push(...page.items);
    cursor = page.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

describe('gazetteer file', () => {
  it('holds the country, the two districts, the 13 municipalities and settlements, parents first', () => {
    const count = (kind: GazetteerPlace['kind']) => gazetteer.filter((p) => p.kind === kind).length;
    expect(count('country')).toBe(1);
    expect(gazetteer.filter((p) => p.kind === 'district').map((p) => p.code)).toEqual([
      'RS-23',
      'RS-24',
    ]);
    expect(count('municipality')).toBe(13);
    expect(count('settlement')).toBeGreaterThan(600);
    expect(gazetteer[0]?.kind).toBe('country');
  });

  it('gives every municipality a polygon, a centroid inside it and its cadastral municipalities', () => {
    for (const m of gazetteer.filter((p) => p.kind === 'municipality')) {
      expect(m.geometry?.type).toBe('Polygon');
      expect(m.code).toMatch(/^\d{5}$/);
      expect(m.attributes.cadastral_municipality_count).toBe(
        (m.attributes.cadastral_municipalities as string[]).length,
      );
    }
    const vranje = gazetteer.find((p) => p.kind === 'municipality' && p.code === '70432');
    // The City of Vranje: Vranje's 86 cadastral municipalities and Vranjska Banja's 21.
    expect(vranje?.attributes.cadastral_municipality_count).toBe(107);
  });
});

describe('loadGazetteer', () => {
  it('is idempotent: a second run inserts and changes nothing', async () => {
    // Other tests on this worker's database may have edited a place; the first run restores it.
    await loadGazetteer(db);
    const second = await loadGazetteer(db);
    expect(second).toEqual({ inserted: 0, updated: 0, unchanged: gazetteer.length });
  });

  it('loads the three focus municipalities with their Albanian names, district and country', async () => {
    const expected = [
      ['70963', 'Preševo', 'Preshevë', 'RS-24'],
      ['70351', 'Bujanovac', 'Bujanoc', 'RS-24'],
      ['70815', 'Medveđa', 'Medvegjë', 'RS-23'],
    ] as const;
    for (const [code, latin, sq, district] of expected) {
      const m = await getPlaceByCode(db, 'municipality', code);
      expect(m.focus).toBe(true);
      expect(m.names['sr-Latn']).toBe(latin);
      expect(m.names.sq).toBe(sq);
      expect(m.geometry?.type).toBe('Polygon');
      expect(m.ancestors.map((a) => `${a.kind}:${a.code}`)).toEqual([
        'country:RS',
        `district:${district}`,
      ]);
    }
    const others = await searchPlaces(
      db,
      PlaceListQuery.parse({ kind: 'municipality', focus: 'false', limit: '100' }),
    );
    expect(others.items.map((m) => m.code)).toContain('70726'); // Leskovac
    expect(others.items.some((m) => ['70963', '70351', '70815'].includes(m.code))).toBe(false);
  });

  it('puts the settlements the build reported under each focus municipality', async () => {
    // The figures scripts/build-gazetteer.ts prints (see data/geo/PROVENANCE.md).
    const expected = { '70963': 34, '70351': 56, '70815': 55 } as const;
    for (const [code, n] of Object.entries(expected)) {
      const items = await settlementsOf(code);
      expect(items.length).toBe(n);
      expect(items.length).toBeGreaterThan(30);
      expect(items.every((s) => s.focus)).toBe(true);
      expect(
        gazetteer.filter((p) => p.kind === 'settlement' && p.parent_code?.code === code),
      ).toHaveLength(n);
    }
  });

  it('takes a settlement’s municipality from the cadastral register before the polygons', async () => {
    // Karadnik lies in the City of Vranje's generalised polygon, but its cadastral municipality is
    // Bujanovac's (as the OSM extract, which said Vranje, had it wrong).
    const karadnik = (await settlementsOf('70351')).find((s) => s.names['sr-Latn'] === 'Karadnik');
    expect(karadnik?.attributes).toMatchObject({
      municipality_source: 'cadastral',
      cadastral_municipalities: ['KARADNIK'],
      osm_extract_municipality_code: '70432',
    });
    // Numbered KOs ("BUKAREVAC I", "BUKAREVAC II") are parts of one settlement.
    const bukarevac = (await settlementsOf('70963')).find(
      (s) => s.names['sr-Latn'] === 'Bukarevac',
    );
    expect(bukarevac?.attributes).toMatchObject({
      municipality_source: 'cadastral',
      cadastral_municipalities: ['BUKAREVAC I', 'BUKAREVAC II'],
    });
    expect(bukarevac?.names['sr-Cyrl']).toBe('Букаревац');
  });

  it('makes Preševo findable as presevo, Прешево, Preshevë and PREŠEVO', async () => {
    const preševo = await findPlaceByKindCode(db, 'municipality', '70963');
    for (const q of ['presevo', 'Прешево', 'Preshevë', 'PREŠEVO', '70963']) {
      const page = await searchPlaces(db, PlaceListQuery.parse({ q, kind: 'municipality' }));
      expect(
        page.items.map((p) => p.id),
        q,
      ).toEqual([preševo?.id]);
    }
    const medveđa = await searchPlaces(
      db,
      PlaceListQuery.parse({ q: 'medvedja', kind: 'municipality' }),
    );
    expect(medveđa.items.map((p) => p.code)).toEqual(['70815']);
  });
});

describe('loadGazetteer with a file of its own', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gazetteer-'));
  const tag = randomUUID().slice(0, 8);
  const admin: Actor = {
    userId: randomUUID(),
    email: 'admin@test',
    role: 'admin',
    organisationId: null,
    municipalityId: null,
  };
  const names = (latin: string) => ({ 'sr-Latn': latin, 'sr-Cyrl': latin, en: latin });
  const base: Omit<GazetteerPlace, 'kind' | 'code' | 'parent_code' | 'names'> = {
    focus: false,
    lat: null,
    lon: null,
    population: null,
    geometry: null,
    attributes: {},
  };
  // The real country, unchanged, so that loading this file leaves it alone.
  const country = gazetteer[0];
  if (country?.kind !== 'country') throw new Error('the gazetteer starts with the country');
  const file = (village: string): GazetteerPlace[] => [
    country,
    {
      ...base,
      kind: 'district',
      code: `T-${tag}`,
      parent_code: { kind: 'country', code: 'RS' },
      names: names(`Okrug ${tag}`),
    },
    {
      ...base,
      kind: 'municipality',
      code: `t${tag}`,
      parent_code: { kind: 'district', code: `T-${tag}` },
      names: names(`Opština ${tag}`),
    },
    {
      ...base,
      kind: 'settlement',
      code: `t-${tag}`,
      parent_code: { kind: 'municipality', code: `t${tag}` },
      names: names(village),
      population: 10,
    },
  ];
  const write = (name: string, places: GazetteerPlace[]) => {
    const path = join(dir, name);
    writeFileSync(path, JSON.stringify(places));
    return path;
  };

  afterAll(async () => {
    // Leave the worker's shared database as it was: children first.
    for (const [kind, code] of [
      ['settlement', `t-${tag}`],
      ['municipality', `t${tag}`],
      ['district', `T-${tag}`],
    ] as const) {
      const p = await findPlaceByKindCode(db, kind, code);
      if (p) await removePlace(db, admin, p.id, null);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('inserts, then rewrites only what changed, bumping the version and auditing the change', async () => {
    const first = await loadGazetteer(db, write('a.json', file('Selo')));
    // The country already exists (the real gazetteer) and is the same: unchanged.
    expect(first).toEqual({ inserted: 3, updated: 0, unchanged: 1 });
    const village = await findPlaceByKindCode(db, 'settlement', `t-${tag}`);
    expect(village?.version).toBe(1);

    const renamed = await loadGazetteer(db, write('b.json', file('Novo Selo')));
    expect(renamed).toEqual({ inserted: 0, updated: 1, unchanged: 3 });
    const after = await findPlaceByKindCode(db, 'settlement', `t-${tag}`);
    expect(after?.names['sr-Latn']).toBe('Novo Selo');
    expect(after?.version).toBe(2);
    expect(after?.id).toBe(village?.id);

    const audit = await listAudit(db, 'place', after?.id ?? '');
    expect(audit.map((a) => a.action)).toEqual(['update']);
    expect(audit[0]?.user_id).toBeNull();
    expect((audit[0]?.before as { names: Record<string, string> }).names['sr-Latn']).toBe('Selo');

    expect(await loadGazetteer(db, write('c.json', file('Novo Selo')))).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 4,
    });
  });

  it('refuses a file whose child comes before its parent', async () => {
    const [root, district, municipality, settlement] = file('Selo');
    if (!root || !district || !municipality || !settlement) throw new Error('fixture');
    const path = write('bad.json', [root, municipality, district, settlement]);
    await expect(loadGazetteer(db, path)).rejects.toThrow(/parent must be listed before the child/);
  });
});
