import type { TestProject } from 'vitest/node';
import pg from 'pg';
import { openPostgres } from '../../src/server/db/postgres.js';
import { prepareDatabase } from '../../src/server/db/prepare.js';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabaseUrl: string | null;
  }
}

/**
 * With DATABASE_URL set, the suite runs on a PostgreSQL database of its own, created here,
 * migrated once and dropped at the end. Without it each worker opens an in-memory PGlite.
 */
export default async function setup(project: TestProject) {
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) {
    project.provide('testDatabaseUrl', null);
    return;
  }
  const name = `koordinata_test_${Date.now()}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), 2);
  await prepareDatabase(db);
  await db.close();
  project.provide('testDatabaseUrl', url.toString());

  return async () => {
    const c = new pg.Client({ connectionString: adminUrl });
    await c.connect();
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  };
}
