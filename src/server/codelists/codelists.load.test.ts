import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/support/db.js';
import type { Database } from '../db/db.js';
import { checkCodes } from './codelists.check.js';
import type { CodelistSource } from './codelists.files.js';
import { loadCodelists } from './codelists.load.js';
import { selectCodes, selectItems } from './codelists.queries.js';
import { IATI_CODELISTS_DIR, IATI_EMBEDDED, IATI_NON_EMBEDDED } from './codelists.sources.js';

interface RawFile {
  metadata: { name: string; embedded: boolean };
  items: { code: string }[];
}

const raw: RawFile[] = readdirSync(IATI_CODELISTS_DIR)
  .filter((f) => f.endsWith('.json') && !f.startsWith('_'))
  .map((f) => JSON.parse(readFileSync(join(IATI_CODELISTS_DIR, f), 'utf8')) as RawFile);

let db: Database;

beforeAll(async () => {
  db = await testDb();
  // Until reference.load.ts calls the loader, the worker's database has no codelists.
  await loadCodelists(db);
});

async function counts(): Promise<Map<string, { version: string; n: number }>> {
  const rows = await db.query<{ name: string; version: string; n: number }>(
    `select c.name, c.version, count(i.code)::int as n
     from codelist c left join codelist_item i on i.codelist = c.name group by c.name`,
  );
  return new Map(rows.map((r) => [r.name, { version: r.version, n: r.n }]));
}

describe('loadCodelists', () => {
  it('leaves everything as it is on a second run', async () => {
    const before = await db.query('select name, version, loaded_at from codelist order by name');
    const second = await loadCodelists(db);
    expect(second).toEqual({ loaded: [], unchanged: raw.length + 1 });
    expect(await db.query('select name, version, loaded_at from codelist order by name')).toEqual(
      before,
    );
  });

  it('holds every JSON codelist with as many items as the file has distinct codes', async () => {
    const stored = await counts();
    expect(raw).toHaveLength(70);
    for (const f of raw) {
      expect(stored.get(f.metadata.name), f.metadata.name).toEqual({
        version: f.metadata.embedded ? IATI_EMBEDDED.version : IATI_NON_EMBEDDED.version,
        n: new Set(f.items.map((i) => i.code)).size,
      });
    }
    const n = (name: string) => stored.get(name)?.n;
    expect(n('Sector')).toBe(325);
    expect(n('SectorCategory')).toBe(44);
    expect(n('OrganisationRole')).toBe(4);
    expect(n('TransactionType')).toBe(13);
    expect(n('Country')).toBe(251);
    expect(n('LocationType')).toBe(682);
    // The source lists two media types twice.
    expect(n('FileFormat')).toBe(1650);
    expect(n('OfficeSector')).toBe(8);
    expect(stored.get('OfficeSector')?.version).toMatch(/^sha256:[0-9a-f]{12}$/);
    expect(stored.get('TransactionType')?.version).toBe('2.03@75e827bacd29');
    expect(stored.get('Sector')?.version).toBe('master@7aeece773c60');
  });

  it('stores status, category, texts by language and withdrawal dates', async () => {
    const sector = await selectItems(db, 'Sector');
    expect(sector.filter((i) => i.status === 'active')).toHaveLength(295);
    const energy = sector.find((i) => i.code === '23010');
    expect(energy).toMatchObject({ status: 'withdrawn', category: '230' });
    expect(energy?.extra.withdrawal_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const roles = await selectItems(db, 'OrganisationRole');
    expect(roles.find((i) => i.code === '1')?.name).toEqual({ en: 'Funding', fr: 'Financement' });
    const [list] = await db.query<{ embedded: boolean; complete: boolean; source: string }>(
      "select embedded, complete, source from codelist where name = 'Country'",
    );
    expect(list).toEqual({
      embedded: false,
      complete: false,
      source: 'IATI/IATI-Codelists-NonEmbedded@7aeece773c60:xml/Country.xml',
    });
  });

  it('lets checkCodes report codes the lists do not have', async () => {
    const issues = await checkCodes(db, [
      { path: 'sectors.0.code', codelist: 'Sector', code: '11220' },
      { path: 'sectors.1.code', codelist: 'Sector', code: '99999' },
      { path: 'office_sector', codelist: 'OfficeSector', code: 'tourism' },
      { path: 'role', codelist: 'OrganisationRole', code: '4' },
      { path: 'country', codelist: 'Country', code: null },
    ]);
    expect(issues.map((i) => [i.path, i.code])).toEqual([
      ['sectors.1.code', 'unknown_code'],
      ['office_sector', 'unknown_code'],
    ]);
  });

  describe('with a list of its own', () => {
    // A list no other test reads, so that changing it cannot disturb tests running beside this one.
    const name = `Test-${randomUUID().slice(0, 8)}`;
    const list = (version: string, codes: string[]): CodelistSource => ({
      name,
      version,
      embedded: false,
      complete: true,
      source: 'test',
      items: codes.map((code) => ({
        code,
        name: { en: `Item ${code}` },
        description: {},
        category: null,
        status: 'active',
        extra: {},
      })),
    });

    it('replaces a list whose version or item count changed, and only that one', async () => {
      expect(await loadCodelists(db, [list('1', ['a', 'b'])])).toEqual({
        loaded: [name],
        unchanged: 0,
      });
      expect(await loadCodelists(db, [list('1', ['a', 'b'])])).toEqual({
        loaded: [],
        unchanged: 1,
      });
      expect(await loadCodelists(db, [list('2', ['a', 'c'])])).toEqual({
        loaded: [name],
        unchanged: 0,
      });
      expect((await selectCodes(db, name)).sort()).toEqual(['a', 'c']);
      expect(await loadCodelists(db, [list('2', ['a', 'c', 'd'])])).toEqual({
        loaded: [name],
        unchanged: 0,
      });
      expect((await selectCodes(db, name)).sort()).toEqual(['a', 'c', 'd']);
      const sector = await db.query("select loaded_at from codelist where name = 'Sector'");
      await loadCodelists(db, [list('3', ['x'])]);
      expect(await db.query("select loaded_at from codelist where name = 'Sector'")).toEqual(
        sector,
      );
    });

    it('loads a list once when two loads race', async () => {
      const results = await Promise.all([
        loadCodelists(db, [list('4', ['p', 'q'])]),
        loadCodelists(db, [list('4', ['p', 'q'])]),
      ]);
      expect(results.flatMap((r) => r.loaded)).toEqual([name]);
      expect((await selectCodes(db, name)).sort()).toEqual(['p', 'q']);
      await db.query('delete from codelist where name = $1', [name]);
    });

    it('loads a thousand-odd items in batches within one transaction', async () => {
      const codes = Array.from({ length: 2500 }, (_, i) => `c${i}`);
      const started = performance.now();
      expect(await loadCodelists(db, [list('5', codes)])).toEqual({ loaded: [name], unchanged: 0 });
      expect(performance.now() - started).toBeLessThan(10_000);
      expect(await selectCodes(db, name)).toHaveLength(2500);
      await db.query('delete from codelist where name = $1', [name]);
    });
  });
});
