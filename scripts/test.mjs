#!/usr/bin/env node
// Runs every check and the whole test suite on both engines: embedded PGlite, then a PostgreSQL
// server (KOORDINATA_TEST_PG_URL, default the local server on 127.0.0.1:5432). Each engine's run
// gets a database of its own, created and dropped by the suite.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const pgUrl = process.env.KOORDINATA_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const engines = (process.env.KOORDINATA_TEST_ENGINES ?? 'pglite,postgres')
  .split(',')
  .map((s) => s.trim());
const results = [];

function step(name, cmd, args, env = {}) {
  process.stdout.write(`\n=== ${name} ===\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = r.status === 0;
  results.push({ name, ok, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  return ok;
}

const bin = (name) => `node_modules/.bin/${name}`;

function has(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
// The suite checks every IATI export with xmllint (Debian's libxml2-utils) and reads the PDF
// reports' text back with pdftotext (poppler-utils).
for (const [command, pkg, purpose] of [
  ['xmllint', 'libxml2-utils', 'the IATI schema checks'],
  ['pdftotext', 'poppler-utils', 'the PDF report checks'],
]) {
  if (has(command)) continue;
  if (process.getuid?.() === 0 && has('apt-get')) {
    process.stdout.write(`Installing ${pkg} (${command}) for ${purpose}…\n`);
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', pkg], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!has(command)) {
    process.stderr.write(
      `${command} is missing: install it with \`sudo apt-get install ${pkg}\`, then run npm test again.\n`,
    );
    process.exit(1);
  }
}
// The browser tests (portal and back office) run in Debian's chromium, with DejaVu fonts for every script.
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium) || !existsSync('/usr/share/fonts/truetype/dejavu')) {
  if (process.getuid?.() === 0 && has('apt-get')) {
    process.stdout.write('Installing chromium and fonts-dejavu-core for the browser tests…\n');
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium', 'fonts-dejavu-core'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  }
  if (!existsSync(chromium)) {
    process.stderr.write(
      'chromium is missing: install it with `sudo apt-get install chromium fonts-dejavu-core` (or set CHROMIUM_PATH), then run npm test again.\n',
    );
    process.exit(1);
  }
}
step('build', bin('tsc'), ['-p', 'tsconfig.build.json']);
step('build back office', bin('react-router'), ['build']);
step('type check', bin('tsc'), ['--noEmit', '-p', '.']);
step('type check back office', bin('tsc'), ['--noEmit', '-p', 'office']);
step('lint', bin('eslint'), ['.', '--max-warnings', '0']);
step('format', bin('prettier'), ['--check', '.']);
const reportDir = mkdtempSync(join(tmpdir(), 'koordinata-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
function tests(name, databaseUrl) {
  const report = join(reportDir, `${name}.json`);
  const ok = step(`tests on ${name}`, bin('vitest'), ['run'], {
    DATABASE_URL: databaseUrl,
    KOORDINATA_TEST_REPORT: report,
  });
  if (!existsSync(report)) {
    if (!ok) totals.failed++;
    return;
  }
  const r = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  if (!ok && r.failed === 0) totals.failed++;
}
/**
 * Browser tests of one suite (tests/e2e/portal, tests/e2e/backoffice) in Debian's chromium,
 * against the built server on a fresh database of the given engine.
 */
function browserTests(suite, name, databaseUrl) {
  const report = join(reportDir, `e2e-${suite}-${name}.json`);
  const config =
    suite === 'portal' ? 'tests/e2e/portal' : 'tests/e2e/backoffice/playwright.config.ts';
  const ok = step(`${suite} browser tests on ${name}`, bin('playwright'), ['test', '-c', config], {
    DATABASE_URL: databaseUrl,
    PORTAL_E2E_REPORT: report,
    KOORDINATA_E2E_REPORT: report,
    KOORDINATA_E2E_URL: '',
  });
  if (!existsSync(report)) {
    if (!ok) totals.failed++;
    return;
  }
  const s = JSON.parse(readFileSync(report, 'utf8')).stats ?? {};
  const passed = (s.expected ?? 0) + (s.flaky ?? 0);
  const failed = s.unexpected ?? 0;
  const skipped = s.skipped ?? 0;
  process.stdout.write(
    `${suite} browser tests on ${name}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`,
  );
  totals.passed += passed;
  totals.failed += failed;
  totals.skipped += skipped;
  if (!ok && failed === 0) totals.failed++;
}
for (const engine of engines) {
  const [name, url] =
    engine === 'pglite' ? ['PGlite', ''] : engine === 'postgres' ? ['PostgreSQL', pgUrl] : [];
  if (!name) {
    process.stderr.write(
      `Unknown engine "${engine}" in KOORDINATA_TEST_ENGINES (use pglite, postgres)\n`,
    );
    process.exit(2);
  }
  tests(name, url);
  browserTests('portal', name, url);
  browserTests('back office', name, url);
}

process.stdout.write('\n=== summary ===\n');
for (const r of results)
  process.stdout.write(`${r.ok ? 'ok  ' : 'FAIL'} ${r.name} (${r.seconds}s)\n`);
const failedChecks = results.filter((r) => !r.ok).length;
// A failed type check, lint or format check counts as a failed test in the closing line.
const failed =
  totals.failed +
  results.filter(
    (r) => !r.ok && !r.name.startsWith('tests on') && !r.name.includes('browser tests'),
  ).length;
process.stdout.write(
  `tests: ${totals.passed} passed, ${failed} failed, ${totals.skipped} skipped\n`,
);
process.exit(failedChecks || failed ? 1 : 0);
