import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import { findPlaceByKindCode } from '../places/places.queries.js';
import { projectPath } from '../paths.js';
import { IsoDate, Narratives, RequiredNarratives } from '../shared/schemas.js';
import { MeetingCreate } from './meetings.schemas.js';
import { createMeeting } from './meetings.service.js';
import { MEETING_KINDS } from './meetings.vocabulary.js';
import { belgradeToInstant } from './belgrade-time.js';

export const DIALOGUE_DEMO_FILE = projectPath('data', 'demo', 'dialogue.json');

const DemoMeeting = z.strictObject({
  key: z.string(),
  kind: z.enum(MEETING_KINDS),
  date: IsoDate,
  title: RequiredNarratives,
  public_summary: Narratives,
  decisions: z.array(RequiredNarratives),
  organisations: z.array(z.string()),
  activities: z.array(z.string()),
  municipality: z.string().nullable(),
  place_text: z.string().nullable(),
  topics: z.array(z.string()),
  fact: z.string().describe('entity/field in facts.json'),
  source: z.url(),
});

export const DialogueDemoFile = z.strictObject({
  description: z.string(),
  meetings: z.array(DemoMeeting),
});
export type DialogueDemoFile = z.infer<typeof DialogueDemoFile>;

export function readDialogueDemo(path = DIALOGUE_DEMO_FILE): DialogueDemoFile {
  return DialogueDemoFile.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/**
 * Loads the documented meetings into a database that holds the demo's organisations and
 * activities (resolved by their demo keys). A meeting already there (same English title and day)
 * is skipped, so the seed can run again. Each meeting cites its source in the public summary.
 */
export async function seedDialogueDemo(
  db: Database,
  actor: Actor,
  resolve: { organisation(key: string): string; activity(key: string): string },
  file: DialogueDemoFile = readDialogueDemo(),
): Promise<{ meetings: number; skipped: number }> {
  let meetings = 0;
  let skipped = 0;
  for (const m of file.meetings) {
    const startsAt = belgradeToInstant(m.date).toISOString();
    const existing = await db.query<{ id: string }>(
      `select id from meeting where title->>'en' = $1 and starts_at = $2::timestamptz limit 1`,
      [m.title.en ?? '', startsAt],
    );
    if (existing.length) {
      skipped++;
      continue;
    }
    const place = m.municipality
      ? await findPlaceByKindCode(db, 'municipality', m.municipality)
      : null;
    if (m.municipality && !place)
      throw new Error(
        `dialogue demo ${m.key}: municipality ${m.municipality} is not in the gazetteer`,
      );
    const summary: Record<string, string> = {};
    for (const [lang, text] of Object.entries(m.public_summary))
      summary[lang] =
        `${text}\n\n${lang === 'en' ? 'Source' : lang === 'sq' ? 'Burimi' : 'Izvor'}: ${m.source}`;
    await createMeeting(
      db,
      actor,
      MeetingCreate.parse({
        kind: m.kind,
        starts_at: m.date,
        all_day: true,
        title: m.title,
        public_summary: Object.keys(summary).length ? summary : { en: `Source: ${m.source}` },
        place_id: place?.id ?? null,
        place_text: m.place_text,
        organisation_ids: m.organisations.map((k) => resolve.organisation(k)),
        activity_ids: m.activities.map((k) => resolve.activity(k)),
        topics: m.topics,
        decisions: m.decisions.map((text) => ({ text })),
        confidentiality: 'public',
      }),
    );
    meetings++;
  }
  return { meetings, skipped };
}
