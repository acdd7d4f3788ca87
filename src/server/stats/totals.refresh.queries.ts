import type { Queryable } from '../db/db.js';

/*
 * The SQL that keeps money_fact and money_cube current. The rules it applies are written down in
 * docs/decisions/007-counting-money-once.md; the tests in this folder check them against a
 * recomputation in TypeScript.
 */

/** A constant key: app servers sharing one database refresh the facts one at a time. */
export const REFRESH_LOCK_KEY = 7_311_2005;

export async function lockRefresh(tx: Queryable): Promise<void> {
  await tx.query('select pg_advisory_xact_lock($1)', [REFRESH_LOCK_KEY]);
}

export async function readMeta(db: Queryable, key: string): Promise<string | null> {
  const rows = await db.query<{ value: string }>('select value from money_meta where key = $1', [
    key,
  ]);
  return rows[0]?.value ?? null;
}

export async function replaceOfficeSectorMap(
  tx: Queryable,
  version: string,
  pairs: readonly { dac: string; office: string }[],
): Promise<void> {
  await tx.query('delete from money_office_sector');
  await tx.query(
    `insert into money_office_sector (dac, office)
     select * from unnest($1::text[], $2::text[]) on conflict (dac) do nothing`,
    [pairs.map((p) => p.dac), pairs.map((p) => p.office)],
  );
  await tx.query(
    `insert into money_meta (key, value) values ('office_sectors', $1)
     on conflict (key) do update set value = excluded.value`,
    [version],
  );
  await tx.query('insert into money_dirty (activity_id) select id from activity');
}

/**
 * Moves the dirty marks into money_refresh_set, with the activities whose facts depend on them:
 * records naming a changed or deleted identifier, and records whose money is converted with a
 * quote that changed. Returns how many activities are marked. Each dependency is looked up only
 * when a mark calls for it, so a refresh after one edit reads a few rows.
 */
export async function takeDirty(tx: Queryable): Promise<number> {
  await tx.query('truncate money_refresh_set');
  const marks = await tx.query<{
    activity_id: string | null;
    ref: string | null;
    currency: string | null;
    from_date: string | null;
    subtree: boolean;
  }>(
    `delete from money_dirty returning activity_id::text, ref, currency, from_date::text, subtree`,
  );
  const ids = [...new Set(marks.flatMap((m) => (m.activity_id ? [m.activity_id] : [])))];
  const refs = [...new Set(marks.flatMap((m) => (m.ref ? [m.ref] : [])))];
  const rates = new Map<string, string>();
  for (const m of marks) {
    if (!m.currency || !m.from_date) continue;
    const seen = rates.get(m.currency);
    if (!seen || m.from_date < seen) rates.set(m.currency, m.from_date);
  }
  if (ids.length) {
    await tx.query(
      `insert into money_refresh_set (activity_id) select distinct unnest($1::uuid[])
       on conflict do nothing`,
      [ids],
    );
  }
  const moved = [
    ...new Set(marks.flatMap((m) => (m.subtree && m.activity_id ? [m.activity_id] : []))),
  ];
  if (moved.length) {
    // the activities below one that moved in the hierarchy: their programme is the root above
    await tx.query(
      `with recursive down as (
         select a.id from activity a where a.parent_id = any($1::uuid[])
         union select a.id from activity a join down d on a.parent_id = d.id)
       insert into money_refresh_set select id from down on conflict do nothing`,
      [moved],
    );
  }
  if (refs.length) {
    await tx.query(
      `insert into money_refresh_set (activity_id)
       select t.activity_id from activity_transaction t where t.receiver_activity_id = any($1::text[])
       union select t.activity_id from activity_transaction t where t.provider_activity_id = any($1::text[])
       union select p.activity_id from activity_participant p where p.iati_activity_ref = any($1::text[])
       on conflict do nothing`,
      [refs],
    );
  }
  if (rates.size) {
    await tx.query(
      `insert into money_refresh_set (activity_id)
       select distinct f.source_activity_id
         from unnest($1::text[], $2::date[]) as r (currency, from_date)
         join money_fact f on f.value_date >= r.from_date
          and (f.currency = r.currency or r.currency in ('USD', 'RSD'))
       on conflict do nothing`,
      [[...rates.keys()], [...rates.values()]],
    );
  }
  await tx.query('analyze money_refresh_set');
  return countSet(tx);
}

async function countSet(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ n: number }>('select count(*)::int as n from money_refresh_set');
  return rows[0]?.n ?? 0;
}

export async function activityCount(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ n: number }>('select count(*)::int as n from activity');
  return rows[0]?.n ?? 0;
}

/**
 * Adds the activities whose facts depend on those in the set: what a record's facts read from
 * other records (the receiving activity of a transfer, the other side of a flow, descendants and
 * the implementer's record that may stand in for it) works both ways.
 */
export async function expandRefreshSet(tx: Queryable): Promise<number> {
  for (let round = 0; round < 2; round++) {
    await tx.query(`
      with s as (select a.id, a.iati_identifier from activity a
                 join money_refresh_set m on m.activity_id = a.id),
      n as (
        -- records whose transactions or participants name an activity of the set
        select t.activity_id as id from activity_transaction t join s on t.receiver_activity_id = s.iati_identifier
        union select t.activity_id from activity_transaction t join s on t.provider_activity_id = s.iati_identifier
        union select p.activity_id from activity_participant p join s on p.iati_activity_ref = s.iati_identifier
        -- activities the set's records name
        union select a.id from activity_transaction t join s on t.activity_id = s.id
                join activity a on a.iati_identifier = t.receiver_activity_id
        union select a.id from activity_transaction t join s on t.activity_id = s.id
                join activity a on a.iati_identifier = t.provider_activity_id
        union select a.id from activity_participant p join s on p.activity_id = s.id
                join activity a on a.iati_identifier = p.iati_activity_ref
        union select l.linked_activity_id from activity_link l join s on l.activity_id = s.id
        union select l.activity_id from activity_link l join s on l.linked_activity_id = s.id
        -- records whose money was attributed to an activity of the set
        union select f.source_activity_id from money_fact f join s on f.activity_id = s.id
      )
      insert into money_refresh_set select id from n where id is not null on conflict do nothing`);
    // ancestors: whether their own figures count depends on their descendants
    await tx.query(`
      with recursive up as (
        select a.parent_id as id from activity a join money_refresh_set s on s.activity_id = a.id
        where a.parent_id is not null
        union select a.parent_id from activity a join up u on a.id = u.id where a.parent_id is not null)
      insert into money_refresh_set select id from up on conflict do nothing`);
    // the planner's estimates for the next round and for the steps after this one
    await tx.query('analyze money_refresh_set');
  }
  return countSet(tx);
}

/** How many activities are marked changed (the marks of quotes are not counted). */
export async function dirtyActivityCount(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ n: number }>(
    'select count(distinct activity_id)::int as n from money_dirty',
  );
  return rows[0]?.n ?? 0;
}

export async function allActivityIds(tx: Queryable): Promise<string[]> {
  const rows = await tx.query<{ id: string }>('select id::text from activity order by id');
  return rows.map((r) => r.id);
}

/** Makes the given activities the set whose facts the next insertFacts computes. */
export async function setRefreshSet(tx: Queryable, ids: readonly string[]): Promise<void> {
  await tx.query('truncate money_refresh_set');
  await tx.query('insert into money_refresh_set (activity_id) select unnest($1::uuid[])', [ids]);
  await tx.query('analyze money_refresh_set');
}

/** Marks every activity for a full refresh, and forgets the change marks it makes moot. */
export async function markAllForRefresh(tx: Queryable): Promise<number> {
  await tx.query('delete from money_dirty');
  await tx.query('truncate money_refresh_set');
  await tx.query('insert into money_refresh_set select id from activity');
  await tx.query('analyze money_refresh_set');
  return countSet(tx);
}

/*
 * Candidates: every money record of an activity in `scope`, once per measure it counts in, with
 * the flow rule applied (a transfer between two records of the registry counts on the giver's
 * record, attributed to the receiving activity; the receiver's record of it is not counted again).
 */
function candidatesSql(scope: string): string {
  return `
  insert into money_candidate (record_id, source_activity_id, activity_id, measure, transaction_type,
    year, date, value_date, value, currency, provider_org_id, sectors)
  select t.id, t.activity_id,
         case when t.type in ('2', '3') and r.id is not null then r.id else t.activity_id end,
         m.measure, t.type, extract(year from t.date)::int, t.date, t.value_date, t.value,
         t.currency, t.provider_org_id, t.sectors
    from activity_transaction t
    join ${scope} sc on sc.activity_id = t.activity_id
    join activity a on a.id = t.activity_id
    join (values ('1', 'incoming_funds', 'none'), ('1', 'disbursement', 'mirror'),
                 ('2', 'commitment', 'none'), ('3', 'disbursement', 'none'),
                 ('3', 'incoming_funds', 'transfer'), ('4', 'expenditure', 'none'),
                 ('11', 'commitment', 'mirror')) as m (type, measure, rule)
      on m.type = t.type
    left join activity r on t.type in ('2', '3') and r.iati_identifier = t.receiver_activity_id
                        and r.id <> t.activity_id
    -- the giver's record of the same flow, looked up for 'mirror' rows only (a per-row index
    -- probe: a refresh of a few activities must not read every flow of the registry)
    left join lateral (
      select 1 as hit from activity p join activity_transaction o on o.activity_id = p.id
       where m.rule = 'mirror' and p.iati_identifier = t.provider_activity_id
         and p.id <> t.activity_id and o.type = case t.type when '1' then '3' else '2' end
         and o.receiver_activity_id = a.iati_identifier
       limit 1) giver on true
    -- the receiver's own record of a transfer, for 'transfer' rows only
    left join lateral (
      select 1 as hit from activity_transaction o
       where m.rule = 'transfer' and o.activity_id = r.id and o.type = '1'
         and o.provider_activity_id = a.iati_identifier
       limit 1) taker on true
   where case m.rule
           when 'none' then true
           -- the receiver's record of incoming money counts only when the giver's record of the
           -- same flow is not in the registry
           when 'mirror' then giver.hit is null
           -- a disbursement to another activity of the registry is that activity's incoming
           -- funds, unless the receiver reports them itself
           else r.id is not null and taker.hit is null
         end
  union all
  select b.id, b.activity_id, b.activity_id, 'budget', null, extract(year from b.period_start)::int,
         b.period_start, b.value_date, b.value, b.currency, null, '[]'::jsonb
    from (select b.*, row_number() over (
                   partition by b.activity_id, b.period_start, b.period_end
                   order by b.type desc, b.value_date desc, b.position desc, b.id) as rn
            from activity_budget b join ${scope} sc on sc.activity_id = b.activity_id) b
   where b.rn = 1`;
}

/**
 * Fills money_candidate for the set and for the records that may stand in for its records
 * (their descendants, and the implementer's records that name them).
 */
export async function buildCandidates(tx: Queryable, full: boolean): Promise<void> {
  await tx.query('truncate money_candidate');
  if (full) {
    await tx.query(candidatesSql('money_refresh_set'));
  } else {
    await tx.query('truncate money_scope');
    await tx.query(`
      with recursive down as (
        select activity_id as id from money_refresh_set
        union select a.id from activity a join down d on a.parent_id = d.id)
      insert into money_scope select id from down
      union select s.implementer from money_stand_in s
        join money_refresh_set m on m.activity_id = s.replaced
      on conflict do nothing`);
    await tx.query('analyze money_scope');
    await tx.query(candidatesSql('money_scope'));
  }
  await tx.query('analyze money_candidate');
}

/** Removes the facts of the activities in the set, recording their sums as negative changes. */
export async function removeFacts(tx: Queryable, full: boolean): Promise<void> {
  if (full) {
    for (const { table } of SUM_TABLES) await tx.query(`delete from ${table}`);
    await tx.query('truncate money_fact');
    return;
  }
  await tx.query(`
    with gone as (
      delete from money_fact f using money_refresh_set s where f.source_activity_id = s.activity_id
      returning f.*)
    ${deltaInsert('gone', -1)}`);
}

const CUBE_KEYS = `measure, published, internal, year, municipality, sector_dac, sector_office, org,
  role, transaction_type`;
const SUMS = 'n, eur, eur_missing, usd, usd_missing, rsd, rsd_missing';
const SUMMED = `sum(n), sum(eur), sum(eur_missing), sum(usd), sum(usd_missing), sum(rsd),
  sum(rsd_missing)`;

/** The facts in `source` (a table or CTE of money_fact rows), summed by the cube's keys. */
function deltaRows(source: string, sign: '' | '-'): string {
  return `
    select measure, published, internal, year, coalesce(municipality_id::text, ''),
           coalesce(sector_dac, ''), coalesce(sector_office, ''), coalesce(org_id::text, ''),
           coalesce(role, ''), coalesce(transaction_type, ''), ${sign}count(*),
           ${sign}coalesce(sum(value_eur), 0), ${sign}count(*) filter (where value_eur is null),
           ${sign}coalesce(sum(value_usd), 0), ${sign}count(*) filter (where value_usd is null),
           ${sign}coalesce(sum(value_rsd), 0), ${sign}count(*) filter (where value_rsd is null)
      from ${source}
     group by 1, 2, 3, 4, 5, 6, 7, 8, 9, 10`;
}

/** Records the facts in `source` as changes: added (1) or removed (-1). */
function deltaInsert(source: string, sign: 1 | -1): string {
  return `insert into money_delta (${CUBE_KEYS}, ${SUMS}) ${deltaRows(source, sign === 1 ? '' : '-')}`;
}

/** The sums kept from the facts: the cube with every key, and two narrower ones. */
const SUM_TABLES = [
  { table: 'money_cube', keys: CUBE_KEYS },
  {
    table: 'money_by_place',
    keys: 'measure, published, internal, year, municipality, sector_dac, sector_office',
  },
  {
    table: 'money_by_org',
    keys: 'measure, published, internal, year, org, role, transaction_type',
  },
] as const;

function keysMatch(keys: string): string {
  return keys
    .split(',')
    .map((k) => `c.${k.trim()} = d.${k.trim()}`)
    .join(' and ');
}

/**
 * Adds the refresh's changes (money_delta) to the cube and to the narrower sums, and drops the
 * cells left without facts. After a full refresh the sums were emptied: plain inserts.
 */
export async function applyDelta(tx: Queryable, full: boolean): Promise<void> {
  for (const { table, keys } of SUM_TABLES) {
    const conflict = full
      ? ''
      : `on conflict (${keys}) do update set n = c.n + excluded.n, eur = c.eur + excluded.eur,
           eur_missing = c.eur_missing + excluded.eur_missing, usd = c.usd + excluded.usd,
           usd_missing = c.usd_missing + excluded.usd_missing, rsd = c.rsd + excluded.rsd,
           rsd_missing = c.rsd_missing + excluded.rsd_missing`;
    await tx.query(`
      insert into ${table} as c (${keys}, ${SUMS})
      select ${keys}, ${SUMMED} from money_delta group by ${keys}
      ${conflict}`);
    if (full) {
      await tx.query(`analyze ${table}`);
    } else {
      await tx.query(`
        delete from ${table} c using (select distinct ${keys} from money_delta) d
         where c.n = 0 and ${keysMatch(keys)}`);
    }
  }
  if (full) await tx.query('analyze money_fact');
}

const ROLE_ORDER = `case p.role when 'co_financing' then 1 when 'funding' then 2 when 'extending' then 3
  when 'accountable' then 4 when 'implementing' then 5 else 6 end`;

/**
 * Splits the counted candidates of the set by sector and place, converts them, and inserts them
 * as facts. A candidate is not counted when a record that stands in for it (a descendant, or the
 * implementer's record of the same activity) has a candidate of the same measure and year.
 *
 * What depends only on an activity (its sector × place split weights, its programme) or only on a
 * record's organisation (the role) is computed once per activity or organisation and joined to
 * the candidates; the rows carried through the window steps hold only numbers and keys.
 */
export async function insertFacts(tx: Queryable): Promise<number> {
  const rows = await tx.query<{ n: number }>(`
    with recursive tree as (
      select a.id as replaced, c.id as stand_in from activity a join money_refresh_set s on s.activity_id = a.id
        join activity c on c.parent_id = a.id
      union select t.replaced, c.id from tree t join activity c on c.parent_id = t.stand_in
    ),
    stand_ins as (
      select replaced, stand_in from tree
      union select s.replaced, s.implementer from money_stand_in s
        join money_refresh_set m on m.activity_id = s.replaced
    ),
    -- per replaced record, measure and year: whether a stand-in reports it (for staff), and
    -- whether a published one does (for the public)
    replaced as (
      select si.replaced, r.measure, r.year,
             bool_or(a.publication_status = 'published') as by_published
        from stand_ins si join money_candidate r on r.source_activity_id = si.stand_in
        join activity a on a.id = si.stand_in
       group by 1, 2, 3
    ),
    c as (
      select row_number() over (order by c.record_id, c.measure) as cid, c.*,
             rp.replaced is null as internal
        from money_candidate c join money_refresh_set s on s.activity_id = c.source_activity_id
        left join replaced rp on rp.replaced = c.source_activity_id and rp.measure = c.measure
                             and rp.year = c.year
       where rp.replaced is null or not rp.by_published
    ),
    targets as (select distinct activity_id from c),
    -- a transaction's own DAC sectors replace its activity's
    own_sec as (
      select c.cid, x.code as dac, coalesce(nullif(x.percentage, '')::numeric, 0) as w
        from c cross join lateral jsonb_to_recordset(c.sectors) as x (code text, vocabulary text, percentage text)
       where c.sectors <> '[]'::jsonb and coalesce(x.vocabulary, '1') = '1' and x.code is not null
    ),
    own_sec_n as (
      select cid, dac,
             case when sum(w) over (partition by cid) > 0 then w else 1 end as num,
             case when sum(w) over (partition by cid) > 0 then sum(w) over (partition by cid)
                  else count(*) over (partition by cid) end as den
        from own_sec
    ),
    -- an activity's sectors: its DAC codes, else its office sectors
    act_sec_all as (
      select t.activity_id, 2 as pri, s.code as dac, null::text as office, coalesce(s.percentage, 0) as w
        from targets t join activity_sector s on s.activity_id = t.activity_id and s.vocabulary = '1'
      union all
      select t.activity_id, 3, null, s.code, coalesce(s.percentage, 0)
        from targets t join activity_sector s on s.activity_id = t.activity_id and s.vocabulary = '99'
       where exists (select 1 from money_office_sector o where o.office = s.code)
    ),
    act_sec as (
      select activity_id, dac, office,
             case when sum(w) over (partition by activity_id) > 0 then w else 1 end as num,
             case when sum(w) over (partition by activity_id) > 0 then sum(w) over (partition by activity_id)
                  else count(*) over (partition by activity_id) end as den
        from (select *, min(pri) over (partition by activity_id) as best from act_sec_all) x
       where pri = best
    ),
    loc_all as (
      select t.activity_id,
             case pl.kind when 'municipality' then pl.id when 'settlement' then pl.parent_id end as municipality_id,
             case pl.kind when 'settlement' then pl.id end as settlement_id,
             coalesce(l.percentage, 0) as w
        from targets t join activity_location l on l.activity_id = t.activity_id
        left join place pl on pl.id = l.place_id
    ),
    loc as (
      select activity_id, municipality_id, settlement_id,
             case when sum(w) over (partition by activity_id) > 0 then w else 1 end as num,
             case when sum(w) over (partition by activity_id) > 0 then sum(w) over (partition by activity_id)
                  else count(*) over (partition by activity_id) end as den
        from loc_all
    ),
    -- split weights (sector share × place share) once per activity
    act_parts as (
      select t.activity_id, s.dac, coalesce(s.office, o5.office, o3.office) as office, l.municipality_id,
             l.settlement_id, sum(coalesce(s.num, 1) * coalesce(l.num, 1)) as num,
             min(coalesce(s.den, 1) * coalesce(l.den, 1)) as den
        from targets t left join act_sec s on s.activity_id = t.activity_id
        left join loc l on l.activity_id = t.activity_id
        left join money_office_sector o5 on o5.dac = s.dac
        left join money_office_sector o3 on o3.dac = left(s.dac, 3)
       group by 1, 2, 3, 4, 5
    ),
    own_parts as (
      select s.cid, s.dac, coalesce(o5.office, o3.office) as office, l.municipality_id,
             l.settlement_id, sum(s.num * coalesce(l.num, 1)) as num,
             min(s.den * coalesce(l.den, 1)) as den
        from own_sec_n s join c on c.cid = s.cid
        left join loc l on l.activity_id = c.activity_id
        left join money_office_sector o5 on o5.dac = s.dac
        left join money_office_sector o3 on o3.dac = left(s.dac, 3)
       group by 1, 2, 3, 4, 5
    ),
    parts as (
      select cid, dac, office, municipality_id, settlement_id, num, den from own_parts
      union all
      select c.cid, p.dac, p.office, p.municipality_id, p.settlement_id, p.num, p.den
        from c join act_parts p on p.activity_id = c.activity_id
       where not exists (select 1 from own_sec o where o.cid = c.cid)
    ),
    quotes as (select distinct currency, value_date from c),
    q as (
      select q.currency, q.value_date, ro.per_eur as orig_per_eur, ro.rate_date as orig_date,
             ru.per_eur as usd_per_eur, ru.rate_date as usd_date,
             rr.per_eur as rsd_per_eur, rr.rate_date as rsd_date
        from quotes q
        left join lateral (select per_eur, rate_date from exchange_rate e
                            where e.currency = q.currency and e.rate_date <= q.value_date
                            order by e.rate_date desc limit 1) ro on true
        left join lateral (select per_eur, rate_date from exchange_rate e
                            where e.currency = 'USD' and e.rate_date <= q.value_date
                            order by e.rate_date desc limit 1) ru on true
        left join lateral (select per_eur, rate_date from exchange_rate e
                            where e.currency = 'RSD' and e.rate_date <= q.value_date
                            order by e.rate_date desc limit 1) rr on true
    ),
    whole as (
      select c.cid, c.value,
             case when c.currency = 'EUR' then null else q.orig_date end as rate_orig_date,
             case when c.currency = 'USD' then null else q.usd_date end as rate_usd_date,
             case when c.currency = 'RSD' then null else q.rsd_date end as rate_rsd_date,
             case when c.currency = 'EUR' then c.value
                  else round(c.value / q.orig_per_eur, 2) end as eur,
             case when c.currency = 'USD' then c.value
                  when c.currency = 'EUR' then round(c.value * q.usd_per_eur, 2)
                  else round(c.value * q.usd_per_eur / q.orig_per_eur, 2) end as usd,
             case when c.currency = 'RSD' then c.value
                  when c.currency = 'EUR' then round(c.value * q.rsd_per_eur, 2)
                  else round(c.value * q.rsd_per_eur / q.orig_per_eur, 2) end as rsd
        from c join q on q.currency = c.currency and q.value_date = c.value_date
    ),
    -- each part gets the cents of its share rounded down; the cents left over go one each to the
    -- parts in order of largest share, then by sector and place
    ranked as (
      select w.cid, w.value, w.eur, w.usd, w.rsd, p.dac, p.office, p.municipality_id, p.settlement_id,
             row_number() over (partition by p.cid order by p.num desc, p.dac collate "C" nulls last,
               p.office collate "C" nulls last, p.municipality_id nulls last,
               p.settlement_id nulls last) as rn,
             div(abs(w.value) * 100 * p.num, p.den) as f_orig,
             div(abs(w.eur) * 100 * p.num, p.den) as f_eur,
             div(abs(w.usd) * 100 * p.num, p.den) as f_usd,
             div(abs(w.rsd) * 100 * p.num, p.den) as f_rsd
        from whole w join parts p on p.cid = w.cid
    ),
    split as materialized (
      select r.cid, r.dac, r.office, r.municipality_id, r.settlement_id,
             sign(value) * (f_orig + case when rn <= abs(value) * 100 - sum(f_orig) over w then 1 else 0 end) / 100 as p_orig,
             sign(eur) * (f_eur + case when rn <= abs(eur) * 100 - sum(f_eur) over w then 1 else 0 end) / 100 as p_eur,
             sign(usd) * (f_usd + case when rn <= abs(usd) * 100 - sum(f_usd) over w then 1 else 0 end) / 100 as p_usd,
             sign(rsd) * (f_rsd + case when rn <= abs(rsd) * 100 - sum(f_rsd) over w then 1 else 0 end) / 100 as p_rsd
        from ranked r
      window w as (partition by cid)
    ),
    roots as (
      select t.activity_id as start, a.id, a.parent_id from targets t join activity a on a.id = t.activity_id
      union all
      select r.start, a.id, a.parent_id from roots r join activity a on a.id = r.parent_id
    ),
    programme as (
      select r.start as activity_id,
             case when r.id <> r.start or exists (select 1 from activity ch where ch.parent_id = r.start)
                  then r.id end as programme_id
        from roots r where r.parent_id is null
    ),
    sources as (select distinct source_activity_id as id from c),
    funder as (
      select distinct on (p.activity_id) p.activity_id, p.organisation_id
        from activity_participant p join sources s on s.id = p.activity_id
       where p.role in ('funding', 'co_financing')
       order by p.activity_id, p.role = 'co_financing', p.position, p.organisation_id
    ),
    -- per candidate: organisation, visibility, status
    cf as (
      select c.cid, c.source_activity_id, c.activity_id,
             coalesce(c.provider_org_id, fu.organisation_id, sa.reporting_org_id) as org_id,
             ta.publication_status = 'published' and sa.publication_status = 'published' as published,
             ta.status
        from c join activity ta on ta.id = c.activity_id
        join activity sa on sa.id = c.source_activity_id
        left join funder fu on fu.activity_id = c.source_activity_id
    ),
    -- the organisation's role, once per (reporting activity, receiving activity, organisation)
    role_keys as (
      select distinct source_activity_id, activity_id, org_id from cf where org_id is not null
    ),
    -- the organisation's roles in the reporting activity first, then in the receiving one
    role_options as (
      select k.source_activity_id, k.activity_id, k.org_id, p.role, 0 as side
        from role_keys k join activity_participant p
          on p.activity_id = k.source_activity_id and p.organisation_id = k.org_id
      union all
      select k.source_activity_id, k.activity_id, k.org_id, p.role, 1
        from role_keys k join activity_participant p
          on p.activity_id = k.activity_id and p.organisation_id = k.org_id
       where k.activity_id <> k.source_activity_id
    ),
    roles as (
      select distinct on (p.source_activity_id, p.activity_id, p.org_id)
             p.source_activity_id, p.activity_id, p.org_id, p.role
        from role_options p
       order by p.source_activity_id, p.activity_id, p.org_id, p.side, ${ROLE_ORDER}
    ),
    ins as (
      insert into money_fact (record_id, source_activity_id, activity_id, programme_id, measure,
        transaction_type, year, date, value_date, org_id, role, municipality_id, settlement_id,
        sector_dac, sector_office, published, internal, activity_status, currency, value_orig,
        value_eur, value_usd, value_rsd, rate_orig_date, rate_usd_date, rate_rsd_date)
      select c.record_id, c.source_activity_id, c.activity_id, pg.programme_id,
             c.measure, c.transaction_type, c.year, c.date, c.value_date, cf.org_id,
             coalesce(ro.role, case when c.provider_org_id is not null then 'funding' end),
             s.municipality_id, s.settlement_id, s.dac, s.office, cf.published, c.internal,
             cf.status, c.currency, s.p_orig, s.p_eur, s.p_usd, s.p_rsd,
             w.rate_orig_date, w.rate_usd_date, w.rate_rsd_date
        from split s
        join c on c.cid = s.cid
        join cf on cf.cid = s.cid
        join whole w on w.cid = s.cid
        left join roles ro on ro.source_activity_id = cf.source_activity_id
                          and ro.activity_id = cf.activity_id and ro.org_id = cf.org_id
        left join programme pg on pg.activity_id = c.activity_id
       where c.internal or cf.published
      returning *),
    delta as (${deltaInsert('ins', 1)})
    select count(*)::int as n from ins`);
  return rows[0]?.n ?? 0;
}

/** Empties the work tables (truncated, so the next refresh does not scan what this one left). */
export async function clearWork(tx: Queryable): Promise<void> {
  await tx.query('truncate money_candidate, money_scope, money_refresh_set, money_delta');
}
