import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectPath } from '../paths.js';
import { testDb } from '../../../tests/support/db.js';
import { makeOrganisation, SYSTEM, uniq } from '../../../tests/support/factories.js';
import { makeActivity } from './dialogue.test-helpers.js';
import { readDialogueDemo, seedDialogueDemo } from './meetings.demo.js';
import { findMeetingById } from './meetings.queries.js';
import { isTopic } from './meetings.vocabulary.js';

interface Facts {
  entities: { id: string; facts: { field: string; value: unknown; source: string }[] }[];
}

describe('demo meetings', () => {
  const file = readDialogueDemo();
  const facts = JSON.parse(
    readFileSync(projectPath('data', 'demo', 'facts.json'), 'utf8'),
  ) as Facts;
  const demo = JSON.parse(readFileSync(projectPath('data', 'demo', 'demo.json'), 'utf8')) as {
    organisations: { key: string }[];
    activities: { key: string }[];
  };

  it('cites a fact of facts.json with its source for every meeting and names only demo records', () => {
    expect(file.meetings.length).toBeGreaterThan(0);
    for (const m of file.meetings) {
      const [entity, field] = m.fact.split('/');
      const fact = facts.entities
        .find((e) => e.id === entity)
        ?.facts.find((f) => f.field === field);
      expect(fact, m.key).toBeDefined();
      expect(fact?.source, m.key).toBe(m.source);
      expect(JSON.stringify(fact?.value), m.key).toContain(m.date.slice(0, 4));
      for (const o of m.organisations)
        expect(
          demo.organisations.map((x) => x.key),
          m.key,
        ).toContain(o);
      for (const a of m.activities)
        expect(
          demo.activities.map((x) => x.key),
          m.key,
        ).toContain(a);
      for (const t of m.topics) expect(isTopic(t), t).toBe(true);
    }
  });

  // The worker's database may still be opening on a busy machine: this test waits for it.
  it(
    'loads the meetings as public all-day contacts with their source, once',
    { timeout: 300_000 },
    async () => {
      const db = await testDb();
      const tag = uniq();
      const own = {
        ...file,
        meetings: file.meetings.map((m) => ({
          ...m,
          title: { ...m.title, en: `${m.title.en} ${tag}` },
        })),
      };
      const orgs = new Map<string, string>();
      const acts = new Map<string, string>();
      for (const m of own.meetings) {
        for (const k of m.organisations)
          if (!orgs.has(k)) orgs.set(k, (await makeOrganisation(db)).id);
        for (const k of m.activities) if (!acts.has(k)) acts.set(k, (await makeActivity(db)).id);
      }
      const resolve = {
        organisation: (k: string) => orgs.get(k) ?? '',
        activity: (k: string) => acts.get(k) ?? '',
      };
      expect(await seedDialogueDemo(db, SYSTEM, resolve, own)).toEqual({
        meetings: own.meetings.length,
        skipped: 0,
      });
      expect(await seedDialogueDemo(db, SYSTEM, resolve, own)).toEqual({
        meetings: 0,
        skipped: own.meetings.length,
      });
      const first = own.meetings[0];
      const rows = await db.query<{ id: string }>(
        `select id from meeting where title->>'en' = $1`,
        [first?.title.en],
      );
      const stored = await findMeetingById(db, rows[0]?.id ?? '');
      expect(stored?.all_day).toBe(true);
      expect(stored?.confidentiality).toBe('public');
      expect(stored?.public_summary.en).toContain(`Source: ${first?.source}`);
    },
  );
});
