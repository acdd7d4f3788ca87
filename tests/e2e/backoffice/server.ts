import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The people the browser tests sign in as; every one has this password. */
export const PASSWORD = 'e2e passphrase long enough';
export const USERS = {
  admin: { email: 'admin@e2e.koordinata', role: 'admin', scope: [] as string[] },
  coordinator: { email: 'coordinator@e2e.koordinata', role: 'coordinator', scope: [] as string[] },
  partner: {
    email: 'partner@e2e.koordinata',
    role: 'partner_editor',
    scope: ['--organisation', 'XM-DAC-41114'],
  },
  municipality: {
    email: 'medvedja@e2e.koordinata',
    role: 'municipality_editor',
    scope: ['--municipality', '70815'],
  },
} as const;

const ROOT = join(import.meta.dirname, '..', '..', '..');
const BIN = join(ROOT, 'bin', 'koordinata.js');

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
    s.once('error', reject);
  });
}

function cli(env: NodeJS.ProcessEnv, args: string[], input?: string): void {
  const r = spawnSync('node', [BIN, ...args], { env, input, encoding: 'utf8' });
  if (r.status !== 0) {
    throw new Error(`koordinata ${args.join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
  }
}

export interface E2eServer {
  url: string;
  stop(): Promise<void>;
}

/**
 * A fresh database (a PGlite directory, or a PostgreSQL database of its own when DATABASE_URL is
 * set) with the demo data and one user per role, served by the built server on a free port.
 */
export async function startE2eServer(): Promise<E2eServer> {
  const adminUrl = process.env.DATABASE_URL;
  const env: NodeJS.ProcessEnv = { ...process.env };
  let dataDir: string | null = null;
  let dbName: string | null = null;
  if (adminUrl) {
    dbName = `koordinata_e2e_${Date.now()}_${process.pid}`;
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`create database ${dbName}`);
    await c.end();
    const u = new URL(adminUrl);
    u.pathname = `/${dbName}`;
    env.DATABASE_URL = u.toString();
  } else {
    dataDir = mkdtempSync(join(tmpdir(), 'koordinata-e2e-'));
    env.DATA_DIR = dataDir;
    delete env.DATABASE_URL;
  }
  // Uploaded documents go to a directory of their own; a small limit lets a test pass it.
  const filesDir = mkdtempSync(join(tmpdir(), 'koordinata-e2e-files-'));
  env.FILES_DIR = filesDir;
  env.FILES_MAX_BYTES ??= String(2 * 1024 * 1024);
  cli(env, ['seed', '--demo']);
  for (const u of Object.values(USERS)) {
    cli(env, ['user', 'add', u.email, '--role', u.role, ...u.scope], PASSWORD);
  }
  const port = await freePort();
  const child: ChildProcess = spawn('node', [BIN, 'serve', '--port', String(port)], {
    env: { ...env, HOST: '127.0.0.1' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 600; i++) {
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      rmSync(filesDir, { recursive: true, force: true });
      if (dbName && adminUrl) {
        const c = new pg.Client({ connectionString: adminUrl });
        await c.connect();
        await c.query(`drop database if exists ${dbName} with (force)`);
        await c.end();
      }
    },
  };
}
