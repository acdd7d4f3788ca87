import type { Database } from '../src/server/db/db.js';
import { foldForSearch, normaliseNarratives, searchDocument } from '../src/server/text/index.js';
import { insertMany, type Cell, type Column } from './bulk.js';
import type { Org } from './world.js';

export interface Span {
  startYear: number;
  endYear: number;
  startDate: string;
  endDate: string;
}

/** An activity and its lists as the generator decides them, before they become rows. */
export interface ActivityDraft {
  id: string;
  iati_identifier: string;
  parent_id: string | null;
  hierarchy: number;
  title: Record<string, string>;
  description: Record<string, string>;
  status: '2' | '3' | '4';
  span: Span;
  scope: string;
  funder: Org;
  participants: { org: Org; role: string }[];
  locations: { place_id: string; percentage: number | null }[];
  sectors: { code: string; percentage: number | null }[];
  budget: number;
}

const ACTIVITY_COLUMNS: readonly Column[] = [
  { name: 'id', type: 'uuid' },
  { name: 'iati_identifier', type: 'text' },
  { name: 'parent_id', type: 'uuid' },
  { name: 'hierarchy', type: 'int2' },
  { name: 'title', type: 'jsonb' },
  { name: 'description', type: 'jsonb' },
  { name: 'status', type: 'text' },
  { name: 'planned_start', type: 'date' },
  { name: 'actual_start', type: 'date' },
  { name: 'planned_end', type: 'date' },
  { name: 'actual_end', type: 'date' },
  { name: 'scope', type: 'text' },
  { name: 'default_currency', type: 'text' },
  { name: 'reporting_org_id', type: 'uuid' },
  { name: 'collaboration_type', type: 'text' },
  { name: 'default_flow_type', type: 'text' },
  { name: 'default_finance_type', type: 'text' },
  { name: 'default_aid_types', type: 'jsonb' },
  { name: 'default_tied_status', type: 'text' },
  { name: 'humanitarian', type: 'boolean' },
  { name: 'illustrative', type: 'boolean' },
  { name: 'publication_status', type: 'text' },
  { name: 'search_text', type: 'text' },
  { name: 'sort_key', type: 'text' },
  { name: 'start_year', type: 'int2' },
  { name: 'end_year', type: 'int2' },
];
const PARTICIPANT_COLUMNS: readonly Column[] = [
  { name: 'activity_id', type: 'uuid' },
  { name: 'organisation_id', type: 'uuid' },
  { name: 'role', type: 'text' },
  { name: 'position', type: 'int2' },
];
const LOCATION_COLUMNS: readonly Column[] = [
  { name: 'activity_id', type: 'uuid' },
  { name: 'place_id', type: 'uuid' },
  { name: 'percentage', type: 'numeric' },
  { name: 'position', type: 'int2' },
];
const SECTOR_COLUMNS: readonly Column[] = [
  { name: 'activity_id', type: 'uuid' },
  { name: 'vocabulary', type: 'text' },
  { name: 'code', type: 'text' },
  { name: 'percentage', type: 'numeric' },
  { name: 'position', type: 'int2' },
];
const BUDGET_COLUMNS: readonly Column[] = [
  { name: 'activity_id', type: 'uuid' },
  { name: 'type', type: 'text' },
  { name: 'status', type: 'text' },
  { name: 'period_start', type: 'date' },
  { name: 'period_end', type: 'date' },
  { name: 'value', type: 'numeric' },
  { name: 'currency', type: 'text' },
  { name: 'value_date', type: 'date' },
  { name: 'position', type: 'int2' },
];

/** Rows waiting to be written, one list per table. */
export class ActivityBatch {
  private activities: Cell[][] = [];
  private participants: Cell[][] = [];
  private locations: Cell[][] = [];
  private sectors: Cell[][] = [];
  private budgets: Cell[][] = [];

  get size(): number {
    return this.activities.length;
  }

  /**
   * Adds an activity with the derived columns the service computes on write (activities.service
   * toWrite): normalised narratives, the search document over texts, identifier and participants'
   * names, the folded sort key of the primary title, and the start and end years.
   */
  add(a: ActivityDraft): void {
    const title = normaliseNarratives(a.title);
    const description = normaliseNarratives(a.description);
    const primary = title.en ?? title['sr-Latn'] ?? title.sq ?? Object.values(title)[0] ?? '';
    const orgs = [...new Map(a.participants.map((p) => [p.org.id, p.org])).values()];
    const orgNames = orgs.flatMap((o) => [
      ...Object.values(normaliseNarratives(o.names)),
      o.acronym ?? '',
    ]);
    this.activities.push([
      a.id,
      a.iati_identifier,
      a.parent_id,
      a.hierarchy,
      JSON.stringify(title),
      JSON.stringify(description),
      a.status,
      a.span.startDate,
      a.span.startDate,
      a.span.endDate,
      a.status === '4' ? a.span.endDate : null,
      a.scope,
      'EUR',
      a.funder.id,
      a.funder.kind === 'multilateral' || a.funder.kind === 'eu' ? '2' : '1',
      '10',
      '110',
      // Programmes pool funds (B03), projects are project-type interventions (C01).
      JSON.stringify([{ vocabulary: '1', code: a.hierarchy === 1 ? 'B03' : 'C01' }]),
      '5',
      false,
      false,
      'published',
      searchDocument([
        ...Object.values(title),
        ...Object.values(description),
        a.iati_identifier,
        ...orgNames,
      ]),
      foldForSearch(primary),
      a.span.startYear,
      a.span.endYear,
    ]);
    a.participants.forEach((p, i) => this.participants.push([a.id, p.org.id, p.role, i]));
    a.locations.forEach((l, i) => this.locations.push([a.id, l.place_id, l.percentage, i]));
    a.sectors.forEach((s, i) => this.sectors.push([a.id, '1', s.code, s.percentage, i]));
    const { startDate, endDate } = a.span;
    this.budgets.push([
      a.id,
      '1',
      '2',
      startDate,
      endDate,
      a.budget.toFixed(2),
      'EUR',
      startDate,
      0,
    ]);
  }

  /** Writes the batch in one transaction, one INSERT per table, and empties it. */
  async flush(db: Database): Promise<void> {
    if (this.size === 0) return;
    await db.transaction(async (tx) => {
      await insertMany(tx, 'activity', ACTIVITY_COLUMNS, this.activities);
      await insertMany(tx, 'activity_participant', PARTICIPANT_COLUMNS, this.participants);
      await insertMany(tx, 'activity_location', LOCATION_COLUMNS, this.locations);
      await insertMany(tx, 'activity_sector', SECTOR_COLUMNS, this.sectors);
      await insertMany(tx, 'activity_budget', BUDGET_COLUMNS, this.budgets);
    });
    this.activities = [];
    this.participants = [];
    this.locations = [];
    this.sectors = [];
    this.budgets = [];
  }
}
