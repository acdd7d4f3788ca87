// Starts the built server with the demo data on a database of its own: a fresh PGlite data
// directory, or, when DATABASE_URL is set, a fresh database on that PostgreSQL server (dropped
// when the server stops). Used by playwright.config.ts and the portal benchmark.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const port = process.env.PORT ?? '3000';
const env = {
  ...process.env,
  PORT: port,
  HOST: '127.0.0.1',
  PORTAL_CACHE_SECONDS: process.env.PORTAL_CACHE_SECONDS ?? '5',
};
let cleanup = async () => {};

if (process.env.DATABASE_URL) {
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  const name = `koordinata_e2e_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  await admin.query(`create database ${name}`);
  await admin.end();
  const own = new URL(process.env.DATABASE_URL);
  own.pathname = `/${name}`;
  env.DATABASE_URL = own.toString();
  cleanup = async () => {
    const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
} else {
  const dir = mkdtempSync(join(tmpdir(), 'koordinata-e2e-'));
  env.DATA_DIR = dir;
  cleanup = async () => rmSync(dir, { recursive: true, force: true });
}

const extra = process.env.PORTAL_E2E_SETUP;
if (extra) {
  // An optional step on the fresh database before serving (the benchmark's generated data).
  const r = spawnSync(process.execPath, [...extra.split(' ')], { stdio: 'inherit', env });
  if (r.status !== 0) {
    await cleanup();
    process.exit(r.status ?? 1);
  }
}

const child = spawn(process.execPath, ['bin/koordinata.js', 'demo', '--port', port], {
  stdio: 'inherit',
  env,
});
let stopping = false;
const stop = (signal) => {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
};
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
child.on('exit', async (code) => {
  await cleanup();
  process.exit(code ?? 0);
});
