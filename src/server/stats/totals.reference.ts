/*
 * An independent recomputation of the totals rules (docs/decisions/007-counting-money-once.md) in
 * plain TypeScript with bigint cents, for the tests: it reads a registry held in memory and never
 * the database's derived tables, so the SQL that maintains money_fact is checked against it.
 */

export interface RefParticipant {
  org: string;
  role: string;
  ref: string | null;
  position: number;
}
export interface RefSector {
  vocabulary: string;
  code: string;
  percentage: string | null;
}
export interface RefLocation {
  place: string | null;
  percentage: string | null;
}
export interface RefTransaction {
  id: string;
  type: string;
  date: string;
  value: string;
  currency: string;
  valueDate: string;
  providerOrg: string | null;
  providerActivity: string | null;
  receiverActivity: string | null;
  sectors: { code: string; vocabulary: string | null; percentage: string | null }[];
}
export interface RefBudget {
  id: string;
  type: '1' | '2';
  start: string;
  end: string;
  value: string;
  currency: string;
  valueDate: string;
  position: number;
}
export interface RefActivity {
  id: string;
  iati: string | null;
  parent: string | null;
  published: boolean;
  reportingOrg: string | null;
  participants: RefParticipant[];
  sectors: RefSector[];
  locations: RefLocation[];
  transactions: RefTransaction[];
  budgets: RefBudget[];
}
export interface RefPlace {
  kind: string;
  parent: string | null;
}
export interface RefRate {
  currency: string;
  date: string;
  perEur: string;
}
export interface RefRegistry {
  activities: RefActivity[];
  places: Map<string, RefPlace>;
  rates: RefRate[];
  /** DAC code (3 or 5 digits) → office sector. */
  officeMap: Map<string, string>;
  officeCodes: Set<string>;
}

export interface RefFact {
  measure: string;
  year: number;
  activity: string;
  source: string;
  programme: string | null;
  org: string | null;
  role: string | null;
  municipality: string | null;
  settlement: string | null;
  sectorDac: string | null;
  sectorOffice: string | null;
  /** counts in the public totals */
  published: boolean;
  /** counts in the totals of staff who see unpublished records */
  internal: boolean;
  transactionType: string | null;
  /** cents per currency; null where no quote */
  cents: Record<'ORIG' | 'EUR' | 'USD' | 'RSD', bigint | null>;
}

// ---- exact decimals ----

/** A decimal string as a bigint scaled by 10^scale (exact; the inputs have at most `scale` places). */
function scaled(value: string, scale: number): bigint {
  const neg = value.startsWith('-');
  const [int = '0', frac = ''] = value.replace('-', '').split('.');
  const digits = BigInt(int + frac.padEnd(scale, '0').slice(0, scale));
  return neg ? -digits : digits;
}

/** num / den rounded to an integer, halves away from zero. */
function roundDiv(num: bigint, den: bigint): bigint {
  const neg = num < 0n !== den < 0n;
  const n = num < 0n ? -num : num;
  const d = den < 0n ? -den : den;
  const q = (2n * n + d) / (2n * d);
  return neg ? -q : q;
}

function quote(rates: RefRate[], currency: string, date: string): bigint | null {
  let best: RefRate | null = null;
  for (const r of rates) {
    if (r.currency !== currency || r.date > date) continue;
    if (!best || r.date > best.date) best = r;
  }
  return best ? scaled(best.perEur, 10) : null;
}

function convert(
  rates: RefRate[],
  cents: bigint,
  from: string,
  to: string,
  date: string,
): bigint | null {
  if (from === to) return cents;
  const pFrom = from === 'EUR' ? 10n ** 10n : quote(rates, from, date);
  const pTo = to === 'EUR' ? 10n ** 10n : quote(rates, to, date);
  if (pFrom === null || pTo === null) return null;
  return roundDiv(cents * pTo, pFrom);
}

// ---- splitting ----

interface Part {
  dac: string | null;
  office: string | null;
  municipality: string | null;
  settlement: string | null;
  num: bigint;
}

function weights<T>(
  items: T[],
  pct: (t: T) => string | null,
): { item: T; num: bigint }[] & {
  den?: bigint;
} {
  const w = items.map((item) => {
    const p = pct(item);
    return { item, num: p === null || p === '' ? 0n : scaled(p, 4) };
  });
  const sum = w.reduce((s, x) => s + x.num, 0n);
  const out = sum > 0n ? w : w.map((x) => ({ item: x.item, num: 1n }));
  return Object.assign(out, { den: sum > 0n ? sum : BigInt(w.length) });
}

function cmpNullsLast(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Splits whole cents over the parts: floors, then one cent each in order of share, then keys. */
export function splitCents(whole: bigint, parts: Part[], den: bigint): bigint[] {
  const abs = whole < 0n ? -whole : whole;
  const sign = whole < 0n ? -1n : 1n;
  const floors = parts.map((p) => (abs * p.num) / den);
  let left = abs - floors.reduce((s, x) => s + x, 0n);
  const order = parts
    .map((p, i) => ({ p, i }))
    .sort(
      (a, b) =>
        (a.p.num === b.p.num ? 0 : a.p.num > b.p.num ? -1 : 1) ||
        cmpNullsLast(a.p.dac, b.p.dac) ||
        cmpNullsLast(a.p.office, b.p.office) ||
        cmpNullsLast(a.p.municipality, b.p.municipality) ||
        cmpNullsLast(a.p.settlement, b.p.settlement),
    );
  const out = [...floors];
  for (const { i } of order) {
    if (left <= 0n) break;
    out[i] = (out[i] ?? 0n) + 1n;
    left -= 1n;
  }
  return out.map((x) => x * sign);
}

// ---- the rules ----

interface Candidate {
  recordId: string;
  source: RefActivity;
  target: RefActivity;
  measure: string;
  transactionType: string | null;
  year: number;
  value: string;
  currency: string;
  valueDate: string;
  providerOrg: string | null;
  txSectors: RefTransaction['sectors'];
}

const ROLE_RANK: Record<string, number> = {
  co_financing: 1,
  funding: 2,
  extending: 3,
  accountable: 4,
  implementing: 5,
};

export function referenceFacts(reg: RefRegistry): RefFact[] {
  const byId = new Map(reg.activities.map((a) => [a.id, a]));
  const byIati = new Map(
    reg.activities.filter((a) => a.iati !== null).map((a) => [a.iati as string, a]),
  );
  const other = (ref: string | null, self: RefActivity) => {
    const a = ref === null ? undefined : byIati.get(ref);
    return a && a.id !== self.id ? a : null;
  };

  const candidates: Candidate[] = [];
  for (const a of reg.activities) {
    for (const t of a.transactions) {
      const year = Number(t.date.slice(0, 4));
      const receiver = t.type === '2' || t.type === '3' ? other(t.receiverActivity, a) : null;
      const base = {
        recordId: t.id,
        source: a,
        transactionType: t.type,
        year,
        value: t.value,
        currency: t.currency,
        valueDate: t.valueDate,
        providerOrg: t.providerOrg,
        txSectors: t.sectors,
      };
      const giverReports = (outgoingType: string) => {
        const giver = other(t.providerActivity, a);
        return (
          giver !== null &&
          a.iati !== null &&
          giver.transactions.some((o) => o.type === outgoingType && o.receiverActivity === a.iati)
        );
      };
      switch (t.type) {
        case '1':
          candidates.push({ ...base, target: a, measure: 'incoming_funds' });
          if (!giverReports('3')) candidates.push({ ...base, target: a, measure: 'disbursement' });
          break;
        case '11':
          if (!giverReports('2')) candidates.push({ ...base, target: a, measure: 'commitment' });
          break;
        case '2':
          candidates.push({ ...base, target: receiver ?? a, measure: 'commitment' });
          break;
        case '3':
          candidates.push({ ...base, target: receiver ?? a, measure: 'disbursement' });
          if (
            receiver &&
            !(
              a.iati !== null &&
              receiver.transactions.some((o) => o.type === '1' && o.providerActivity === a.iati)
            )
          )
            candidates.push({ ...base, target: receiver, measure: 'incoming_funds' });
          break;
        case '4':
          candidates.push({ ...base, target: a, measure: 'expenditure' });
          break;
      }
    }
    const periods = new Map<string, RefBudget>();
    for (const b of a.budgets) {
      const key = `${b.start}/${b.end}`;
      const cur = periods.get(key);
      const better =
        !cur ||
        b.type > cur.type ||
        (b.type === cur.type &&
          (b.valueDate > cur.valueDate ||
            (b.valueDate === cur.valueDate && b.position > cur.position)));
      if (better) periods.set(key, b);
    }
    for (const b of periods.values()) {
      candidates.push({
        recordId: b.id,
        source: a,
        target: a,
        measure: 'budget',
        transactionType: null,
        year: Number(b.start.slice(0, 4)),
        value: b.value,
        currency: b.currency,
        valueDate: b.valueDate,
        providerOrg: null,
        txSectors: [],
      });
    }
  }

  // who stands in for whom: descendants, and the implementer's record of the same activity
  const children = new Map<string, RefActivity[]>();
  for (const a of reg.activities) {
    if (!a.parent) continue;
    children.set(a.parent, [...(children.get(a.parent) ?? []), a]);
  }
  const names = (x: RefActivity, y: RefActivity) =>
    y.iati !== null && x.participants.some((p) => p.ref === y.iati);
  const standIns = new Map<string, Set<string>>();
  for (const a of reg.activities) {
    const set = new Set<string>();
    const stack = [...(children.get(a.id) ?? [])];
    while (stack.length) {
      const c = stack.pop() as RefActivity;
      set.add(c.id);
      stack.push(...(children.get(c.id) ?? []));
    }
    for (const impl of reg.activities) {
      if (impl.id === a.id || !names(impl, a)) continue;
      if (names(a, impl) && a.id < impl.id) continue;
      set.add(impl.id);
    }
    standIns.set(a.id, set);
  }
  // staff count a stand-in's figures in place of the replaced record's; the public only a
  // published stand-in's, so an unpublished project never hides its programme's money
  const reported = new Map<string, boolean>();
  for (const c of candidates)
    reported.set(`${c.source.id}|${c.measure}|${c.year}`, c.source.published);
  const blocked = (c: (typeof candidates)[number], publishedOnly: boolean) =>
    [...(standIns.get(c.source.id) ?? [])].some((s) => {
      const pub = reported.get(`${s}|${c.measure}|${c.year}`);
      return pub !== undefined && (!publishedOnly || pub);
    });
  const counted = candidates
    .map((c) => ({ c, internal: !blocked(c, false), publicOk: !blocked(c, true) }))
    .filter((x) => x.internal || (x.publicOk && x.c.target.published && x.c.source.published));

  const root = (a: RefActivity): RefActivity => {
    let cur = a;
    while (cur.parent) cur = byId.get(cur.parent) ?? cur;
    return cur;
  };

  const facts: RefFact[] = [];
  for (const { c, internal, publicOk } of counted) {
    const t = c.target;
    // sectors
    const txDac = c.txSectors.filter((s) => (s.vocabulary ?? '1') === '1' && s.code);
    const actDac = t.sectors.filter((s) => s.vocabulary === '1');
    const actOffice = t.sectors.filter((s) => s.vocabulary === '99' && reg.officeCodes.has(s.code));
    let sec: { dac: string | null; office: string | null; pct: string | null }[] = [];
    if (txDac.length) sec = txDac.map((s) => ({ dac: s.code, office: null, pct: s.percentage }));
    else if (actDac.length)
      sec = actDac.map((s) => ({ dac: s.code, office: null, pct: s.percentage }));
    else if (actOffice.length)
      sec = actOffice.map((s) => ({ dac: null, office: s.code, pct: s.percentage }));
    const sw = sec.length ? weights(sec, (s) => s.pct) : null;
    const locs = t.locations.map((l) => {
      const place = l.place ? reg.places.get(l.place) : undefined;
      return {
        municipality:
          place?.kind === 'municipality'
            ? l.place
            : place?.kind === 'settlement'
              ? place.parent
              : null,
        settlement: place?.kind === 'settlement' ? l.place : null,
        pct: l.percentage,
      };
    });
    const lw = locs.length ? weights(locs, (l) => l.pct) : null;
    const den = (sw?.den ?? 1n) * (lw?.den ?? 1n);
    const merged = new Map<string, Part>();
    for (const s of sw ?? [{ item: { dac: null, office: null, pct: null }, num: 1n }]) {
      for (const l of lw ?? [
        { item: { municipality: null, settlement: null, pct: null }, num: 1n },
      ]) {
        const dac = s.item.dac;
        const office =
          s.item.office ??
          (dac ? (reg.officeMap.get(dac) ?? reg.officeMap.get(dac.slice(0, 3)) ?? null) : null);
        const key = JSON.stringify([dac, office, l.item.municipality, l.item.settlement]);
        const cur = merged.get(key);
        if (cur) cur.num += s.num * l.num;
        else
          merged.set(key, {
            dac,
            office,
            municipality: l.item.municipality,
            settlement: l.item.settlement,
            num: s.num * l.num,
          });
      }
    }
    const parts = [...merged.values()];
    const orig = scaled(c.value, 2);
    const whole = {
      ORIG: orig,
      EUR: convert(reg.rates, orig, c.currency, 'EUR', c.valueDate),
      USD: convert(reg.rates, orig, c.currency, 'USD', c.valueDate),
      RSD: convert(reg.rates, orig, c.currency, 'RSD', c.valueDate),
    };
    const splits = {
      ORIG: splitCents(whole.ORIG, parts, den),
      EUR: whole.EUR === null ? null : splitCents(whole.EUR, parts, den),
      USD: whole.USD === null ? null : splitCents(whole.USD, parts, den),
      RSD: whole.RSD === null ? null : splitCents(whole.RSD, parts, den),
    };
    // organisation and role
    const funders = c.source.participants
      .filter((p) => p.role === 'funding' || p.role === 'co_financing')
      .sort(
        (x, y) =>
          Number(x.role === 'co_financing') - Number(y.role === 'co_financing') ||
          x.position - y.position ||
          (x.org < y.org ? -1 : x.org > y.org ? 1 : 0),
      );
    const org = c.providerOrg ?? funders[0]?.org ?? c.source.reportingOrg;
    const rank = (p: RefParticipant) => ROLE_RANK[p.role] ?? 6;
    const roleIn = (a: RefActivity) =>
      a.participants.filter((p) => p.org === org).sort((x, y) => rank(x) - rank(y))[0]?.role;
    const role =
      (org ? (roleIn(c.source) ?? roleIn(t)) : undefined) ??
      (c.providerOrg !== null ? 'funding' : null);
    const r = root(t);
    const hasChildren = (children.get(t.id) ?? []).length > 0;
    parts.forEach((p, i) => {
      facts.push({
        measure: c.measure,
        year: c.year,
        activity: t.id,
        source: c.source.id,
        programme: r.id !== t.id || hasChildren ? r.id : null,
        org,
        role,
        municipality: p.municipality,
        settlement: p.settlement,
        sectorDac: p.dac,
        sectorOffice: p.office,
        published: publicOk && t.published && c.source.published,
        internal,
        transactionType: c.transactionType,
        cents: {
          ORIG: splits.ORIG[i] ?? 0n,
          EUR: splits.EUR?.[i] ?? null,
          USD: splits.USD?.[i] ?? null,
          RSD: splits.RSD?.[i] ?? null,
        },
      });
    });
  }
  return facts;
}

export type RefKey =
  | 'year'
  | 'sector'
  | 'municipality'
  | 'settlement'
  | 'organisation'
  | 'role'
  | 'programme'
  | 'transaction_type';

/** Sums of reference facts by keys, as "key|key|…" → cents. */
export function referenceTotals(
  facts: RefFact[],
  opts: {
    measure: string;
    groupBy: RefKey[];
    currency: 'EUR' | 'USD' | 'RSD';
    publishedOnly: boolean;
    sectorVocabulary: '1' | '99';
  },
): { rows: Map<string, bigint>; total: bigint; missing: number } {
  const rows = new Map<string, bigint>();
  let total = 0n;
  let missing = 0;
  for (const f of facts) {
    if (f.measure !== opts.measure || !(opts.publishedOnly ? f.published : f.internal)) continue;
    const v = f.cents[opts.currency];
    const key = opts.groupBy
      .map((k) => {
        const raw = {
          year: f.year,
          sector: opts.sectorVocabulary === '1' ? f.sectorDac : f.sectorOffice,
          municipality: f.municipality,
          settlement: f.settlement,
          organisation: f.org,
          role: f.role,
          programme: f.programme,
          transaction_type: f.transactionType,
        }[k];
        return raw === null ? 'unspecified' : String(raw);
      })
      .join('|');
    if (v === null) {
      missing++;
      if (!rows.has(key)) rows.set(key, 0n);
      continue;
    }
    rows.set(key, (rows.get(key) ?? 0n) + v);
    total += v;
  }
  return { rows, total, missing };
}

export function centsOf(decimal: string): bigint {
  return scaled(decimal, 2);
}
