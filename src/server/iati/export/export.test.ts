import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/db.js';
import { seedDemo } from '../../demo/demo.seed.js';
import { projectPath } from '../../paths.js';
import { freshTestDb } from '../../../../tests/support/db.js';
import { testApp } from '../../../../tests/support/factories.js';

let db: Database;
let dispose: () => Promise<void> = () => Promise.resolve();
let app: ReturnType<typeof testApp>;
const dir = mkdtempSync(join(tmpdir(), 'koordinata-export-'));

beforeAll(async () => {
  // Its own database: the seed matches organisations that other test files may have created.
  const fresh = await freshTestDb();
  db = fresh.db;
  dispose = fresh.dispose;
  await seedDemo(db);
  app = testApp(db);
}, 300_000);

afterAll(async () => {
  await dispose();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function xmllint(xml: string): { ok: boolean; output: string } {
  const file = join(dir, `export-${Date.now()}-${Math.random()}.xml`);
  writeFileSync(file, xml);
  const r = spawnSync(
    'xmllint',
    ['--noout', '--schema', projectPath('data/iati-schema/iati-activities-schema.xsd'), file],
    { encoding: 'utf8' },
  );
  return { ok: r.status === 0, output: r.stderr };
}

describe('IATI export', () => {
  it('streams the published registry as IATI 2.03 that passes the official schema', async () => {
    const res = await app.request('/api/v1/iati/activities.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/xml');
    const xml = await res.text();
    expect(xml).toContain('<iati-activities version="2.03"');
    expect(xml).toContain('XM-DAC-41114-PROJECT-');
    const check = xmllint(xml);
    expect(check.ok, check.output).toBe(true);
  });

  it('exports only what the filter selects', async () => {
    const all = await (await app.request('/api/v1/iati/activities.xml')).text();
    const some = await (await app.request('/api/v1/iati/activities.xml?q=pbild')).text();
    const count = (xml: string) => (xml.match(/<iati-activity[\s>]/g) ?? []).length;
    expect(count(some)).toBeGreaterThan(0);
    expect(count(some)).toBeLessThan(count(all));
    // Exactly the records the list API selects for the same filter: written, or named as skipped.
    const listed = (await (await app.request('/api/v1/activities?q=pbild&limit=500')).json()) as {
      items: { id: string; iati_identifier: string | null }[];
    };
    const skipped = (some.match(/<!-- not exported:/g) ?? []).length;
    expect(count(some) + skipped).toBe(listed.items.length);
    for (const a of listed.items) if (a.iati_identifier) expect(some).toContain(a.iati_identifier);
    expect(xmllint(some).ok).toBe(true);
  });

  it('names the records the schema would refuse instead of writing them', async () => {
    const xml = await (await app.request('/api/v1/iati/activities.xml')).text();
    const skipped = xml.match(/<!-- not exported: [^>]*-->/g) ?? [];
    for (const line of skipped) expect(line).toMatch(/<!-- not exported: \S+: \S.* -->/);
  });

  it('refuses a bad filter with 400 before streaming', async () => {
    const res = await app.request('/api/v1/iati/activities.xml?year_from=abc');
    expect(res.status).toBe(400);
  });
});

describe('IATI organisation file', () => {
  it('lists each publisher and passes the organisation schema', async () => {
    const res = await app.request('/api/v1/iati/organisations.xml');
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).toContain('<iati-organisations version="2.03"');
    expect(xml).toContain('<organisation-identifier>');
    const file = join(dir, 'organisations.xml');
    writeFileSync(file, xml);
    const r = spawnSync(
      'xmllint',
      ['--noout', '--schema', projectPath('data/iati-schema/iati-organisations-schema.xsd'), file],
      { encoding: 'utf8' },
    );
    expect(r.status, r.stderr).toBe(0);
  });
});
