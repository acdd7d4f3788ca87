import { randomUUID } from 'node:crypto';
import type { Queryable } from '../../db/db.js';
import {
  ACTIVITY_WRITE_COLUMNS,
  activityValues,
  type ActivityWrite,
  type ListsWrite,
} from '../../activities/activities.queries.js';
import { TRANSACTION_COLS, type IatiExtrasWrite } from './store.queries.js';

/**
 * Writes many new activities at once: one multi-row statement per table for a whole batch, where
 * writing them one by one costs a dozen round trips each. Used by the IATI import.
 */

const JSON_COLUMNS = new Set([
  'title',
  'description',
  'default_aid_types',
  'name',
  'iati',
  'narrative',
  'provider',
  'receiver',
  'sectors',
  'recipient_region',
  'aid_types',
  'refs',
  'baselines',
  'targets',
  'actuals',
  'conditions',
  'contacts',
  'other_descriptions',
  'after',
]);

/** Rows per statement: bounds the JSON text a statement carries (a few MB at most). */
const ROWS_PER_STATEMENT = 5_000;

/**
 * Set-based INSERT: the rows travel as one JSON array (one parameter) and the server turns them
 * into records of the table's own row type (`json_populate_recordset`), so a batch costs one
 * statement per table, whatever its size, with no per-value parameter binding and no column
 * types to know here. Values are as the columns take them: jsonb columns as objects or arrays,
 * numerics and dates as strings. Columns not listed get their defaults.
 */
async function insertBatch(
  db: Queryable,
  table: string,
  cols: readonly string[],
  rows: readonly (readonly unknown[])[],
): Promise<void> {
  if (rows.length === 0) return;
  const list = cols.join(', ');
  const sql = `insert into ${table} (${list}) select ${list} from json_populate_recordset(null::${table}, $1::json)`;
  for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
    const objects = rows.slice(start, start + ROWS_PER_STATEMENT).map((row) => {
      const o: Record<string, unknown> = {};
      for (let i = 0; i < cols.length; i++) o[cols[i] as string] = row[i] ?? null;
      return o;
    });
    await db.query(sql, [JSON.stringify(objects)]);
  }
}

export interface NewActivity {
  core: ActivityWrite;
  lists: ListsWrite;
  extras: IatiExtrasWrite;
  columns: {
    default_lang: string | null;
    last_updated_at: string | null;
    capital_spend: string | null;
    conditions: unknown;
    contacts: unknown[];
    other_descriptions: unknown[];
  };
  source: { publisherRef: string | null; xml: string; sha256: string };
}

/** Inserts a batch of new activities with all their lists; returns their ids in input order. */
export async function insertNewActivities(
  db: Queryable,
  batch: readonly NewActivity[],
  userId: string | null,
  importId: string,
): Promise<{ id: string; version: number }[]> {
  if (batch.length === 0) return [];
  const extraCols = [
    'default_lang',
    'last_updated_at',
    'capital_spend',
    'conditions',
    'contacts',
    'other_descriptions',
    'created_by',
    'updated_by',
  ] as const;
  // Ids are made here, so that no statement has to hand them back in order.
  const ids = batch.map(() => ({ id: randomUUID(), version: 1 }));
  await insertBatch(
    db,
    'activity',
    ['id', ...ACTIVITY_WRITE_COLUMNS, ...extraCols],
    batch.map((a, n) => {
      const core = activityValues(a.core).map((v, i) => {
        // activityValues serialises jsonb itself; here jsonb travels inside the rows' JSON.
        const col = ACTIVITY_WRITE_COLUMNS[i] ?? '';
        return JSON_COLUMNS.has(col) && typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
      });
      const c = a.columns;
      return [
        ids[n]?.id,
        ...core,
        c.default_lang,
        c.last_updated_at,
        c.capital_spend,
        c.conditions,
        c.contacts,
        c.other_descriptions,
        userId,
        userId,
      ];
    }),
  );
  const each = <T>(pick: (a: NewActivity) => readonly T[], cols: (x: T) => unknown[]) =>
    batch.flatMap((a, i) => pick(a).map((x, position) => [ids[i]?.id, position, ...cols(x)]));

  await insertBatch(
    db,
    'activity_participant',
    [
      'activity_id',
      'position',
      'organisation_id',
      'role',
      'iati_activity_ref',
      'org_type',
      'crs_channel_code',
    ],
    each(
      (a) => a.lists.participants,
      (p) => [
        p.organisation_id,
        p.role,
        p.iati_activity_ref,
        p.org_type ?? null,
        p.crs_channel_code ?? null,
      ],
    ),
  );
  await insertBatch(
    db,
    'activity_location',
    ['activity_id', 'position', 'place_id', 'lat', 'lon', 'name', 'percentage', 'ref', 'iati'],
    each(
      (a) => a.lists.locations,
      (l) => [l.place_id, l.lat, l.lon, l.name, l.percentage, l.ref ?? null, l.iati ?? {}],
    ),
  );
  await insertBatch(
    db,
    'activity_sector',
    ['activity_id', 'position', 'vocabulary', 'code', 'percentage', 'narrative'],
    each(
      (a) => a.lists.sectors,
      (s) => [s.vocabulary, s.code, s.percentage, s.narrative ?? {}],
    ),
  );
  await insertBatch(
    db,
    'activity_policy_marker',
    ['activity_id', 'vocabulary', 'code', 'significance'],
    batch.flatMap((a, i) =>
      a.lists.policy_markers.map((m) => [ids[i]?.id, m.vocabulary, m.code, m.significance]),
    ),
  );
  await insertBatch(
    db,
    'activity_tag',
    ['activity_id', 'vocabulary', 'code'],
    batch.flatMap((a, i) => a.lists.tags.map((t) => [ids[i]?.id, t.vocabulary, t.code])),
  );
  await insertBatch(
    db,
    'activity_budget',
    [
      'activity_id',
      'position',
      'type',
      'status',
      'period_start',
      'period_end',
      'value',
      'currency',
      'value_date',
      'note',
    ],
    each(
      (a) => a.lists.budgets,
      (b) => [
        b.type,
        b.status,
        b.period_start,
        b.period_end,
        b.value,
        b.currency,
        b.value_date,
        b.note,
      ],
    ),
  );
  await insertBatch(
    db,
    'document_link',
    [
      'activity_id',
      'position',
      'url',
      'title',
      'category',
      'format',
      'language',
      'document_date',
      'note',
      'description',
      'categories',
      'languages',
    ],
    each(
      (a) => a.lists.document_links,
      (d) => [
        d.url,
        d.title,
        d.category,
        d.format,
        d.language,
        d.document_date,
        d.note,
        d.description ?? {},
        d.categories ?? [],
        d.languages ?? [],
      ],
    ),
  );
  await insertBatch(
    db,
    'activity_transaction',
    ['activity_id', 'position', ...TRANSACTION_COLS],
    each(
      (a) => a.extras.transactions,
      (t) => TRANSACTION_COLS.map((c) => t[c]),
    ),
  );
  await insertBatch(
    db,
    'activity_planned_disbursement',
    [
      'activity_id',
      'position',
      'type',
      'period_start',
      'period_end',
      'value',
      'currency',
      'value_date',
      'provider',
      'receiver',
    ],
    each(
      (a) => a.extras.planned_disbursements,
      (p) => [
        p.type,
        p.period_start,
        p.period_end,
        p.value,
        p.currency,
        p.value_date,
        p.provider,
        p.receiver,
      ],
    ),
  );
  await insertBatch(
    db,
    'activity_recipient',
    ['activity_id', 'position', 'kind', 'vocabulary', 'code', 'percentage', 'narrative'],
    each(
      (a) => a.extras.recipients,
      (r) => [r.kind, r.vocabulary, r.code, r.percentage, r.narrative],
    ),
  );
  await insertBatch(
    db,
    'activity_related',
    ['activity_id', 'position', 'ref', 'type'],
    each(
      (a) => a.extras.related,
      (r) => [r.ref, r.type],
    ),
  );

  // Results nest three deep: each level's ids come back in the order its rows went in.
  const results = batch.flatMap((a, i) =>
    a.extras.results.map((r, position) => ({ activityId: ids[i]?.id, position, r })),
  );
  const resultIds = results.map(() => randomUUID());
  await insertBatch(
    db,
    'activity_result',
    ['id', 'activity_id', 'position', 'type', 'aggregation_status', 'title', 'description'],
    results.map(({ activityId, position, r }, i) => [
      resultIds[i],
      activityId,
      position,
      r.type,
      r.aggregation_status,
      r.title,
      r.description,
    ]),
  );
  const indicators = results.flatMap(({ r }, i) =>
    r.indicators.map((ind, position) => ({ resultId: resultIds[i], position, ind })),
  );
  const indicatorIds = indicators.map(() => randomUUID());
  await insertBatch(
    db,
    'result_indicator',
    [
      'id',
      'result_id',
      'position',
      'measure',
      'ascending',
      'aggregation_status',
      'title',
      'description',
      'refs',
      'baselines',
    ],
    indicators.map(({ resultId, position, ind }, i) => [
      indicatorIds[i],
      resultId,
      position,
      ind.measure,
      ind.ascending,
      ind.aggregation_status,
      ind.title,
      ind.description,
      ind.refs,
      ind.baselines,
    ]),
  );
  await insertBatch(
    db,
    'indicator_period',
    ['indicator_id', 'position', 'period_start', 'period_end', 'targets', 'actuals'],
    indicators.flatMap(({ ind }, i) =>
      ind.periods.map((p, position) => [
        indicatorIds[i],
        position,
        p.period_start,
        p.period_end,
        p.targets,
        p.actuals,
      ]),
    ),
  );

  await insertBatch(
    db,
    'iati_source',
    ['activity_id', 'publisher_ref', 'xml', 'sha256', 'import_id'],
    batch.map((a, i) => [
      ids[i]?.id,
      a.source.publisherRef,
      a.source.xml,
      a.source.sha256,
      importId,
    ]),
  );
  await insertBatch(
    db,
    'audit_event',
    ['user_id', 'entity', 'entity_id', 'action', 'version', 'after'],
    batch.map((a, i) => [
      userId,
      'activity',
      ids[i]?.id,
      'create',
      ids[i]?.version ?? 1,
      {
        source: 'iati',
        import_id: importId,
        iati_identifier: a.core.iati_identifier,
        sha256: a.source.sha256,
      },
    ]),
  );
  return ids.map((r) => ({ id: r.id, version: r.version }));
}
