import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { projectPath } from '../paths.js';
import { uniq } from '../../../tests/support/factories.js';

const dataDir = mkdtempSync(join(tmpdir(), 'koordinata-cli-'));
const databaseUrl = inject('testDatabaseUrl');

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Runs the real CLI in a child process, on the suite's engine. */
function cli(args: string[], input?: string) {
  const r = spawnSync(
    process.execPath,
    ['--import', 'tsx', projectPath('src/server/cli/run.ts'), ...args],
    {
      input: input ?? '',
      encoding: 'utf8',
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl ?? '',
        DATA_DIR: dataDir,
      },
      timeout: 120_000,
    },
  );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('koordinata CLI', { timeout: 240_000 }, () => {
  it('seeds the demo and exports it as schema-valid IATI, one file or one per publisher', () => {
    const seed = cli(['seed', '--demo', '--json']);
    expect(seed.code, seed.stderr).toBe(0);
    const file = join(dataDir, 'export.xml');
    // Filtered to the demo's PBILD records, so rows other test files add meanwhile do not count.
    const exp = cli(['export', 'iati', '--q', 'pbild', '--out', file, '--json']);
    expect(exp.code, exp.stderr).toBe(0);
    const result = JSON.parse(exp.stdout) as { activities: number };
    expect(result.activities).toBeGreaterThan(2);
    const lint = spawnSync(
      'xmllint',
      ['--noout', '--schema', projectPath('data/iati-schema/iati-activities-schema.xsd'), file],
      { encoding: 'utf8' },
    );
    expect(lint.status, lint.stderr).toBe(0);

    const split = join(dataDir, 'split');
    const many = cli([
      'export',
      'iati',
      '--q',
      'pbild',
      '--split-by-publisher',
      '--out',
      split,
      '--json',
    ]);
    expect(many.code, many.stderr).toBe(0);
    const files = (
      JSON.parse(many.stdout) as {
        files: { file: string; activities: number }[];
      }
    ).files;
    expect(files.length).toBeGreaterThan(0);
    expect(files.reduce((n, f) => n + f.activities, 0)).toBe(result.activities);

    const bad = cli(['export', 'iati', '--year-from', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year-from');
  });

  it('runs as the package bin from the build', () => {
    const r = spawnSync(process.execPath, [projectPath('bin/koordinata.js'), '--help'], {
      encoding: 'utf8',
    });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain('koordinata <command>');
  });

  it('writes the yearly report as a PDF in the language asked for', () => {
    const file = join(dataDir, 'report.pdf');
    const r = cli([
      'report',
      'pdf',
      '--year',
      '2015',
      '--lang',
      'sr-Cyrl',
      '--out',
      file,
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ file, year: 2015, lang: 'sr-Cyrl' });
    expect(readFileSync(file).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain('Годишњи извештај за 2015.');
    const bad = cli(['report', 'pdf', '--year', 'soon', '--lang', 'en', '--out', file]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--year');
  });

  it('prints help and exits 0', () => {
    const r = cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('user add EMAIL --role ROLE');
  });

  it('exits 2 on a usage error with a message', () => {
    const r = cli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Unknown command');
    expect(cli(['user', 'add', 'x@example.org', '--role', 'emperor']).code).toBe(2);
  });

  it('recomputes the totals on demand and leaves them unchanged', () => {
    const before = cli(['stats', 'totals', '--measure', 'budget', '--json']);
    expect(before.code, before.stderr).toBe(0);
    const full = cli(['stats', 'refresh', '--full', '--json']);
    expect(full.code, full.stderr).toBe(0);
    const report = JSON.parse(full.stdout) as { full: boolean; activities: number; facts: number };
    expect(report.full).toBe(true);
    expect(report.activities).toBeGreaterThan(0);
    expect(report.facts).toBeGreaterThan(0);
    const again = cli(['stats', 'refresh', '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect((JSON.parse(again.stdout) as { activities: number }).activities).toBe(0);
    const after = cli(['stats', 'totals', '--measure', 'budget', '--json']);
    expect((JSON.parse(after.stdout) as { total: string }).total).toBe(
      (JSON.parse(before.stdout) as { total: string }).total,
    );
  });

  it('migrates and reports what it did as JSON', () => {
    const r = cli(['migrate', '--json']);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as {
      reference: { codelists: number; places: number };
    };
    expect(out.reference.codelists).toBeGreaterThan(60);
    expect(out.reference.places).toBeGreaterThan(100);
  });

  it('adds a scoped user with the password from stdin and creates a token', () => {
    const email = `ana-${uniq()}@example.org`;
    const add = cli(
      ['user', 'add', email, '--role', 'municipality_editor', '--municipality', '70963', '--json'],
      'a long enough passphrase\n',
    );
    expect(add.code, add.stderr).toBe(0);
    const user = JSON.parse(add.stdout) as {
      email: string;
      role: string;
      municipality_id: string | null;
      password_hash?: string;
    };
    expect(user.email).toBe(email);
    expect(user.municipality_id).not.toBeNull();
    expect(user.password_hash).toBeUndefined();

    const token = cli(['token', 'create', '--user', email, '--json']);
    expect(token.code, token.stderr).toBe(0);
    expect((JSON.parse(token.stdout) as { token: string }).token).toMatch(/^kt_[A-Za-z0-9_-]{43}$/);
  });

  it('exits 3 on invalid input and 4 on an unknown scope', () => {
    const short = cli(['user', 'add', `b-${uniq()}@example.org`, '--role', 'viewer'], 'short\n');
    expect(short.code).toBe(3);
    expect(short.stderr).toContain('password');
    const missing = cli(
      [
        'user',
        'add',
        `c-${uniq()}@example.org`,
        '--role',
        'municipality_editor',
        '--municipality',
        '99999',
      ],
      'a long enough passphrase',
    );
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain('99999');
    expect(cli(['token', 'create', '--user', 'nobody@example.org']).code).toBe(4);
  });

  it('exports a list as CSV or XLSX and attaches documents in bulk', () => {
    expect(cli(['seed', '--demo', '--json']).code).toBe(0);
    const csvFile = join(dataDir, 'activities.csv');
    const exp = cli([
      'export',
      'csv',
      'activities',
      '--q',
      'pbild',
      '--lang',
      'sq',
      '--out',
      csvFile,
    ]);
    expect(exp.code, exp.stderr).toBe(0);
    const csv = readFileSync(csvFile);
    expect([...csv.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toContain('Titulli');
    expect(lines.length).toBeGreaterThan(2);
    const id = lines[1]?.split(',')[0] ?? '';
    const xlsx = cli([
      'export',
      'csv',
      'organisations',
      '--format',
      'xlsx',
      '--out',
      join(dataDir, 'o.xlsx'),
    ]);
    expect(xlsx.code, xlsx.stderr).toBe(0);
    expect(readFileSync(join(dataDir, 'o.xlsx')).subarray(0, 2).toString('latin1')).toBe('PK');

    const pdf = join(dataDir, `report-${uniq()}.pdf`);
    writeFileSync(pdf, '%PDF-1.4\nreport\n');
    const add = cli([
      'documents',
      'add',
      '--activity',
      id,
      pdf,
      '--title',
      'Raporti',
      '--lang',
      'sq',
      '--category',
      'A07',
      '--json',
    ]);
    expect(add.code, add.stderr).toBe(0);
    const docs = (
      JSON.parse(add.stdout) as {
        documents: { title: Record<string, string>; category: string }[];
      }
    ).documents;
    expect(docs).toMatchObject([{ title: { sq: 'Raporti' }, category: 'A07' }]);
    const exe = join(dataDir, 'tool.exe');
    writeFileSync(exe, 'MZ');
    const refused = cli(['documents', 'add', '--activity', id, exe]);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('not an allowed kind of file');
  });
});
