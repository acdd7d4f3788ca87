import { z } from 'zod';
import {
  IsoDate,
  Limit,
  listParam,
  Narratives,
  RequiredNarratives,
  Uuid,
  Version,
} from '../shared/schemas.js';
import { ACTION_STATUSES, MEETING_KINDS } from './meetings.vocabulary.js';

export const MeetingKind = z.enum(MEETING_KINDS);
export const Confidentiality = z
  .enum(['internal', 'public'])
  .describe(
    'internal: signed-in users in scope only; public: title, date, place, partners, topics, public summary and decisions for everyone',
  );

/**
 * A point in time as people enter it: Belgrade wall-clock time (2026-11-25T10:00), a bare date for
 * an all-day contact, or an instant with its offset (2026-11-25T09:00:00Z).
 */
export const DateTimeInput = z
  .string()
  .trim()
  .regex(
    /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?)?$/,
    'must be a date-time such as 2026-11-25T10:00 (Europe/Belgrade) or 2026-11-25T09:00:00Z',
  )
  .refine((s) => IsoDate.safeParse(s.slice(0, 10)).success, 'is not a real date');

export const Participant = z.strictObject({
  name: z.string().trim().min(1).max(200),
  organisation_id: Uuid.nullable().default(null),
  organisation_text: z.string().trim().max(300).nullable().default(null),
  function: z.string().trim().max(300).nullable().default(null),
});
export type Participant = z.output<typeof Participant>;

export const Decision = z.strictObject({
  ref: z
    .string()
    .trim()
    .min(1)
    .max(20)
    .optional()
    .describe('Number of the decision in the minutes; 1, 2, 3 … when left out'),
  text: RequiredNarratives,
});

const fields = {
  kind: MeetingKind,
  starts_at: DateTimeInput,
  ends_at: DateTimeInput.nullable(),
  all_day: z.boolean(),
  title: RequiredNarratives,
  minutes: Narratives,
  public_summary: Narratives,
  place_id: Uuid.nullable().describe('A place of the gazetteer'),
  place_text: z.string().trim().max(500).nullable().describe('Address or venue in free text'),
  organisation_ids: z.array(Uuid).max(100).describe('Partner organisations taking part'),
  participants: z.array(Participant).max(300),
  topics: z.array(z.string().trim().min(1).max(80)).max(50),
  decisions: z.array(Decision).max(200),
  activity_ids: z.array(Uuid).max(200).describe('Activities the contact concerns'),
  confidentiality: Confidentiality,
};

export const MeetingCreate = z.strictObject({
  ...fields,
  kind: fields.kind.default('meeting'),
  ends_at: fields.ends_at.default(null),
  all_day: fields.all_day.default(false),
  minutes: fields.minutes.default({}),
  public_summary: fields.public_summary.default({}),
  place_id: fields.place_id.default(null),
  place_text: fields.place_text.default(null),
  organisation_ids: fields.organisation_ids.default([]),
  participants: fields.participants.default([]),
  topics: fields.topics.default([]),
  decisions: fields.decisions.default([]),
  activity_ids: fields.activity_ids.default([]),
  confidentiality: fields.confidentiality.default('internal'),
});
export type MeetingCreate = z.output<typeof MeetingCreate>;

export const MeetingUpdate = z
  .object({ ...fields, version: Version })
  .partial()
  .required({ version: true })
  .strict();
export type MeetingUpdate = z.output<typeof MeetingUpdate>;

export const MeetingListQuery = z.object({
  q: z.string().max(200).optional().describe('Text search in titles, summaries and minutes'),
  from: IsoDate.optional().describe('Starting on or after this date (Europe/Belgrade)'),
  to: IsoDate.optional().describe('Starting on or before this date (Europe/Belgrade)'),
  kind: listParam(MeetingKind).optional(),
  topic: listParam(z.string().max(80)).optional(),
  organisation: Uuid.optional().describe('A partner organisation (or one of its units)'),
  activity: Uuid.optional(),
  municipality: Uuid.optional().describe('Held in this municipality or one of its settlements'),
  confidentiality: Confidentiality.optional(),
  order: z.enum(['asc', 'desc']).default('desc').describe('By start time'),
  limit: Limit,
  cursor: z.string().optional(),
});
export type MeetingListQuery = z.output<typeof MeetingListQuery>;

const Ref = z.object({ id: Uuid, name: z.string() });

export const MeetingOut = z.object({
  id: Uuid,
  kind: MeetingKind,
  starts_at: z.string().describe('Instant, ISO 8601 UTC'),
  ends_at: z.string().nullable(),
  starts_local: z.string().describe('Wall-clock time in Europe/Belgrade'),
  ends_local: z.string().nullable(),
  time_zone: z.literal('Europe/Belgrade'),
  all_day: z.boolean(),
  title: Narratives,
  title_derived: z.array(z.string()),
  minutes: Narratives.nullable().describe('Null for readers who may see only the public summary'),
  public_summary: Narratives,
  place_id: Uuid.nullable(),
  place_name: Narratives.nullable(),
  place_text: z.string().nullable(),
  municipality_id: Uuid.nullable(),
  organisations: z.array(Ref.extend({ names: Narratives })),
  participants: z
    .array(Participant)
    .nullable()
    .describe('Personal data: shown to staff (admin, coordinator) only, null otherwise'),
  topics: z.array(z.string()),
  decisions: z.array(z.object({ ref: z.string(), text: Narratives })),
  activities: z.array(z.object({ id: Uuid, title: Narratives })),
  confidentiality: Confidentiality,
  open_actions: z.number().int(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type MeetingOut = z.infer<typeof MeetingOut>;

// ---- follow-up actions ----

export const ActionStatus = z.enum(ACTION_STATUSES);

const actionFields = {
  meeting_id: Uuid.nullable(),
  decision_ref: z.string().trim().min(1).max(20).nullable(),
  description: RequiredNarratives,
  owner_user_id: Uuid.nullable(),
  owner_organisation_id: Uuid.nullable(),
  due_on: IsoDate.nullable(),
  status: ActionStatus,
};

export const ActionCreate = z.strictObject({
  ...actionFields,
  meeting_id: actionFields.meeting_id.default(null),
  decision_ref: actionFields.decision_ref.default(null),
  owner_user_id: actionFields.owner_user_id.default(null),
  owner_organisation_id: actionFields.owner_organisation_id.default(null),
  due_on: actionFields.due_on.default(null),
  status: actionFields.status.default('open'),
});
export type ActionCreate = z.output<typeof ActionCreate>;

export const ActionUpdate = z
  .object({ ...actionFields, version: Version })
  .partial()
  .required({ version: true })
  .strict();
export type ActionUpdate = z.output<typeof ActionUpdate>;

export const ActionView = z
  .enum(['all', 'open', 'overdue'])
  .describe(
    'open: open or in progress; overdue: open or in progress and due before today in Europe/Belgrade',
  );

export const ActionListQuery = z.object({
  view: ActionView.default('all'),
  status: listParam(ActionStatus).optional(),
  owner_user: Uuid.optional(),
  owner_organisation: Uuid.optional().describe('Owned by this organisation or one of its units'),
  meeting: Uuid.optional(),
  limit: Limit,
  cursor: z.string().optional(),
});
export type ActionListQuery = z.output<typeof ActionListQuery>;

export const ActionOut = z.object({
  id: Uuid,
  meeting_id: Uuid.nullable(),
  meeting_title: Narratives.nullable(),
  decision_ref: z.string().nullable(),
  description: Narratives,
  owner_user_id: Uuid.nullable(),
  owner_user_email: z.string().nullable(),
  owner_organisation_id: Uuid.nullable(),
  owner_organisation_name: Narratives.nullable(),
  due_on: z.string().nullable(),
  status: ActionStatus,
  completed_at: z.string().nullable(),
  overdue: z.boolean(),
  days_overdue: z.number().int().nullable(),
  version: z.number().int(),
  created_at: z.string(),
  updated_at: z.string(),
});
export type ActionOut = z.infer<typeof ActionOut>;

export const ActionSummaryOut = z.object({
  today: z.string().describe('Today in Europe/Belgrade'),
  by_organisation: z.array(
    z.object({
      organisation_id: Uuid.nullable(),
      name: Narratives.nullable(),
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
  by_user: z.array(
    z.object({
      user_id: Uuid.nullable(),
      email: z.string().nullable(),
      open: z.number().int(),
      overdue: z.number().int(),
    }),
  ),
});

export const CalendarQuery = z.object({
  token: z
    .string()
    .max(100)
    .optional()
    .describe('A private calendar token: adds the internal meetings its user may read'),
  lang: z.enum(['sq', 'sr-Latn', 'sr-Cyrl', 'en']).default('sr-Latn'),
  past_days: z.coerce.number().int().min(0).max(3660).default(90),
  future_days: z.coerce.number().int().min(1).max(3660).default(365),
});
