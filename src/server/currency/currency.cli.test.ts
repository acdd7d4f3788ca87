import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectPath } from '../paths.js';

const dataDir = mkdtempSync(join(tmpdir(), 'koordinata-rates-cli-'));
const databaseUrl = inject('testDatabaseUrl');

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real CLI in a child process, on the suite's engine. */
function cli(args: string[]) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', projectPath('src/server/cli/run.ts'), ...args],
    {
      encoding: 'utf8',
      env: { ...process.env, DATABASE_URL: databaseUrl ?? '', DATA_DIR: dataDir },
      timeout: 180_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('koordinata rates', { timeout: 400_000 }, () => {
  it('imports a file atomically, naming bad lines, and lists the quotes', () => {
    const bad = join(dataDir, 'bad.csv');
    writeFileSync(bad, 'currency,date,per_eur\nQCA,2020-01-01,1.5\nQCA,2020-01-02,abc\n');
    const refused = cli(['rates', 'import', bad, '--json']);
    expect(refused.code, refused.stderr).toBe(3);
    const error = (
      JSON.parse(refused.stdout) as { error: { details: { path: string; code: string }[] } }
    ).error;
    expect(error.details).toEqual([
      expect.objectContaining({ path: 'line 3: per_eur', code: 'invalid_rate' }),
    ]);

    const good = join(dataDir, 'good.csv');
    writeFileSync(good, 'Date,QCA,QCB,\n2020-01-02,1.25,N/A,\n2020-01-01,1.5,3,\n');
    const imported = cli(['rates', 'import', good, '--source', 'Test bank', '--json']);
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({
      layout: 'ecb',
      source: 'Test bank',
      quotes: 3,
      inserted: 3,
      currencies: ['QCA', 'QCB'],
    });

    const listed = cli(['rates', 'list', '--currency', 'qca', '--json']);
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.parse(listed.stdout)).toEqual([
      { currency: 'QCA', date: '2020-01-01', per_eur: '1.5', source: 'Test bank' },
      { currency: 'QCA', date: '2020-01-02', per_eur: '1.25', source: 'Test bank' },
    ]);

    const summary = cli(['rates', 'list', '--json']);
    const rsd = (JSON.parse(summary.stdout) as { currency: string; first: string }[]).find(
      (s) => s.currency === 'RSD',
    );
    expect(rsd?.first).toBe('2000-12-31');

    expect(cli(['rates', 'import']).code).toBe(2);
    expect(cli(['rates', 'list', '--from', '2020-02-30']).code).toBe(2);
  });
});
