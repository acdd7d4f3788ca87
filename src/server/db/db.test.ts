import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/support/db.js';
import type { Database } from './db.js';
import { migrate } from './migrate.js';
import { DataDirInUseError, openPglite } from './pglite.js';
import { loadConfig, ConfigError } from '../config/config.js';

let db: Database;
const dirs: string[] = [];

beforeAll(async () => {
  db = await testDb();
});

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'koordinata-db-'));
  dirs.push(d);
  return d;
}

describe('database layer (same behaviour on both engines)', () => {
  it('returns the same value types on both engines', async () => {
    const [row] = await db.query<{
      n: string;
      d: string;
      ts: string;
      c: number;
      big: string;
      j: { a: number };
    }>(
      `select 12345678901234.56::numeric as n, date '2024-03-05' as d,
              timestamptz '2024-03-05 10:11:12.345+01' as ts, count(*)::int as c,
              9007199254740993::bigint as big, '{"a":1}'::jsonb as j
         from (values (1), (2)) v(x)`,
    );
    expect(row).toEqual({
      n: '12345678901234.56',
      d: '2024-03-05',
      ts: '2024-03-05T09:11:12.345Z',
      c: 2,
      big: '9007199254740993',
      j: { a: 1 },
    });
  });

  it('rolls a failed transaction back whole', async () => {
    const name = `rollback-${Date.now()}`;
    await expect(
      db.transaction(async (tx) => {
        await tx.query(`insert into organisation (names, kind) values ($1::jsonb, 'ngo')`, [
          JSON.stringify({ en: name }),
        ]);
        await tx.query('select 1/0');
      }),
    ).rejects.toThrow();
    const rows = await db.query(`select id from organisation where names->>'en' = $1`, [name]);
    expect(rows).toHaveLength(0);
  });

  it('applies each migration once', async () => {
    expect(await migrate(db)).toEqual([]);
    const rows = await db.query<{ id: string }>('select id from schema_migrations order by id');
    expect(rows.map((r) => r.id)[0]).toBe('2026-11-25-0001-registry');
  });
});

describe('embedded PGlite on a data directory', () => {
  it('keeps data across a restart', async () => {
    const dir = tempDir();
    const first = await openPglite(dir);
    await migrate(first);
    await first.query(
      `insert into organisation (names, kind) values ('{"en":"Survivor"}'::jsonb, 'ngo')`,
    );
    await first.close();
    const second = await openPglite(dir);
    const rows = await second.query<{ name: string }>(
      `select names->>'en' as name from organisation`,
    );
    await second.close();
    expect(rows).toEqual([{ name: 'Survivor' }]);
  });

  it('refuses a data directory another live process has open', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'koordinata.pid'), String(process.ppid));
    await expect(openPglite(dir)).rejects.toBeInstanceOf(DataDirInUseError);
  });

  it('takes over a data directory left by a process that is gone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'koordinata.pid'), '999999999');
    const pg = await openPglite(dir);
    await pg.close();
  });
});

describe('configuration', () => {
  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('defaults to the embedded database in ./.data', () => {
    const c = loadConfig({});
    expect(c.DATABASE_URL).toBeUndefined();
    expect(c.DATA_DIR).toBe('./.data');
    expect(c.PORT).toBe(3000);
    expect(loadConfig({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });
});
