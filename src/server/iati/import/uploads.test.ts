import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../db/db.js';
import { projectPath } from '../../paths.js';
import { freshTestDb } from '../../../../tests/support/db.js';
import { makeUser, type TestUser } from '../../../../tests/support/factories.js';
import { confirmUpload, getUpload, previewUpload, recentUploads } from './uploads.service.js';

let db: Database;
let dispose: () => Promise<void>;
let coordinator: TestUser;
let other: TestUser;

const UNDP = readFileSync(
  projectPath('tests/fixtures/iati/undp-serbia/undp-serbia-2017-excerpt.xml'),
);
const MAX = 50 * 1024 ** 2;

beforeAll(async () => {
  ({ db, dispose } = await freshTestDb());
  coordinator = await makeUser(db, 'coordinator');
  other = await makeUser(db, 'coordinator');
});

afterAll(async () => {
  await dispose();
});

async function countActivities(): Promise<number> {
  const [row] = await db.query<{ n: number }>('select count(*)::int as n from activity');
  return row?.n ?? 0;
}

describe('IATI uploads of the back office', () => {
  it('previews without writing, keeps the file, then imports it once on confirmation', async () => {
    const before = await countActivities();
    const u = await previewUpload(
      db,
      coordinator.actor,
      { fileName: 'undp.xml', content: UNDP, strict: false },
      MAX,
    );
    expect(u.state).toBe('previewed');
    expect(u.bytes).toBe(UNDP.byteLength);
    expect(u.preview.status).toBe('dry_run');
    expect(u.preview.counts.new).toBeGreaterThan(0);
    expect(await countActivities()).toBe(before);

    const { finished } = await confirmUpload(db, coordinator.actor, u.id, MAX);
    await finished;
    const done = await getUpload(db, coordinator.actor, u.id);
    expect(done.state).toBe('committed');
    expect(done.progress.activities).toBeGreaterThan(0);
    expect(done.progress.bytes).toBeGreaterThan(0);
    expect(done.result && 'counts' in done.result ? done.result.counts.new : -1).toBe(
      u.preview.counts.new,
    );
    expect(await countActivities()).toBe(before + u.preview.counts.new);

    await expect(confirmUpload(db, coordinator.actor, u.id, MAX)).rejects.toMatchObject({
      status: 409,
    });
    const again = await previewUpload(
      db,
      coordinator.actor,
      { fileName: 'undp.xml', content: UNDP, strict: false },
      MAX,
    );
    expect(again.preview.counts.new).toBe(0);
    expect(again.preview.counts.unchanged).toBe(u.preview.counts.new);
  });

  it('keeps each uploader to their own files and refuses empty or oversized ones', async () => {
    const u = await previewUpload(
      db,
      coordinator.actor,
      { fileName: 'x.xml', content: UNDP, strict: true },
      MAX,
    );
    await expect(getUpload(db, other.actor, u.id)).rejects.toMatchObject({ status: 404 });
    expect((await recentUploads(db, other.actor)).map((r) => r.id)).not.toContain(u.id);
    expect((await recentUploads(db, coordinator.actor)).map((r) => r.id)).toContain(u.id);
    await expect(
      previewUpload(
        db,
        coordinator.actor,
        { fileName: null, content: new Uint8Array(), strict: false },
        MAX,
      ),
    ).rejects.toMatchObject({ status: 422 });
    await expect(
      previewUpload(db, coordinator.actor, { fileName: null, content: UNDP, strict: false }, 10),
    ).rejects.toMatchObject({ status: 413 });
  });

  it('is for coordinators and admins only', async () => {
    const editor = await makeUser(db, 'viewer');
    await expect(
      previewUpload(db, editor.actor, { fileName: null, content: UNDP, strict: false }, MAX),
    ).rejects.toMatchObject({ status: 403 });
  });
});
