import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import type { Database } from '../db/db.js';
import { openPglite } from '../db/pglite.js';
import { openPostgres } from '../db/postgres.js';
import { projectPath } from '../paths.js';
import { uniq } from '../../../tests/support/factories.js';

const dataDir = mkdtempSync(join(tmpdir(), 'koordinata-dialogue-cli-'));
const databaseUrl = inject('testDatabaseUrl');

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

function cli(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', projectPath('src/server/cli/run.ts'), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: databaseUrl ?? '', DATA_DIR: dataDir },
      timeout: 300_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The database the CLI runs on, opened while no CLI process holds it. */
async function withCliDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const db = databaseUrl ? openPostgres(databaseUrl, 1) : await openPglite(dataDir);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

const HEADER =
  'municipality,settlement,sector,title_sr_latn,priority,estimated_cost,currency,raised_on';

describe('koordinata needs and actions commands', { timeout: 900_000 }, () => {
  it('imports a needs file atomically and reports each bad line with exit code 3', () => {
    const tag = uniq();
    const good = join(dataDir, 'needs.csv');
    writeFileSync(
      good,
      [
        HEADER,
        `70963,,education,Fiskulturna sala ${tag},high,"250000.00",EUR,2026-03-01`,
        `70815,,health,Ambulanta ${tag},3,,,2026-03-02`,
      ].join('\n'),
    );
    const run = cli(['needs', 'import', good, '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ rows: 2, created: 2, dry_run: false });

    const bad = join(dataDir, 'bad.csv');
    writeFileSync(
      bad,
      [
        HEADER,
        `70963,,education,Dobar ${tag},1,,,2026-03-01`,
        `70963,,education,Bez datuma ${tag},1,,,`,
        `70963,,education,Bez valute ${tag},1,100,,2026-03-01`,
      ].join('\n'),
    );
    const text = cli(['needs', 'import', bad]);
    expect(text.code).toBe(3);
    expect(text.stderr).toContain('Nothing was imported');
    expect(text.stderr).toContain('line 3: raised_on');
    expect(text.stderr).toContain('line 4: currency');
    expect(text.stderr).not.toMatch(/line 2:/);
    expect(cli(['needs', 'import']).code).toBe(2);
    expect(cli(['needs', 'import', join(dataDir, 'missing.csv')]).code).toBe(2);
  });

  it('lists overdue actions with their owner', async () => {
    const orgName = `Owner ${uniq()}`;
    const orgId = await withCliDb(async (db) => {
      const org = await db.query<{ id: string }>(
        `insert into organisation (names, kind) values ($1::jsonb, 'ngo') returning id`,
        [JSON.stringify({ en: orgName })],
      );
      const id = (org[0] as { id: string }).id;
      await db.query(
        `insert into follow_up_action (description, owner_organisation_id, due_on, status)
         values ('{"en":"Send the minutes"}', $1, '2020-01-10', 'open'),
                ('{"en":"Later"}', $1, '2999-01-01', 'open'),
                ('{"en":"Finished"}', $1, '2020-01-01', 'cancelled')`,
        [id],
      );
      return id;
    });
    const text = cli(['actions', 'overdue', '--organisation', orgId]);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('1 overdue action(s)');
    expect(text.stdout).toContain('2020-01-10');
    expect(text.stdout).not.toContain('Later');
    expect(text.stdout).not.toContain('Finished');
    expect(text.stdout).toContain(`${orgName}: Send the minutes`);
    expect(cli(['actions', 'pending']).code).toBe(2);
  });
});
