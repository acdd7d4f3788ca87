import type { FieldIssue } from '../errors.js';
import type { OrganisationKind } from '../organisations/organisations.schemas.js';
import type { ParticipantRole } from './activities.schemas.js';

/** Percentages are compared in hundredths of a percent, so 33.33 + 33.33 + 33.34 is exactly 100. */
function hundredths(p: number): number {
  return Math.round(p * 100);
}

/**
 * IATI: within each vocabulary, sector percentages add up to 100. A vocabulary with one sector may
 * leave the percentage out (it is then 100); with several, every one needs a percentage.
 */
export function checkSectorPercentages(
  sectors: readonly { vocabulary: string; code: string; percentage: number | null }[],
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const byVocabulary = new Map<
    string,
    { index: number; code: string; percentage: number | null }[]
  >();
  sectors.forEach((s, index) => {
    const list = byVocabulary.get(s.vocabulary) ?? [];
    list.push({ index, code: s.code, percentage: s.percentage });
    byVocabulary.set(s.vocabulary, list);
  });
  for (const [vocabulary, list] of byVocabulary) {
    const seen = new Set<string>();
    for (const s of list) {
      if (seen.has(s.code))
        issues.push({
          path: `sectors.${s.index}.code`,
          message: `sector ${s.code} appears twice in vocabulary ${vocabulary}`,
          code: 'duplicate',
        });
      seen.add(s.code);
    }
    if (list.length === 1 && list[0]?.percentage === null) continue;
    const missing = list.filter((s) => s.percentage === null);
    for (const s of missing) {
      issues.push({
        path: `sectors.${s.index}.percentage`,
        message: `with several sectors in vocabulary ${vocabulary}, each needs a percentage`,
        code: 'percentage_missing',
      });
    }
    if (missing.length) continue;
    const sum = list.reduce((acc, s) => acc + hundredths(s.percentage ?? 0), 0);
    if (sum !== 10_000) {
      issues.push({
        path: 'sectors',
        message: `percentages of vocabulary ${vocabulary} add up to ${sum / 100}, not 100`,
        code: 'percentage_sum',
      });
    }
  }
  return issues;
}

/** Location percentages are optional; once any is given, all are, and they add up to 100. */
export function checkLocationPercentages(
  locations: readonly { percentage: number | null }[],
): FieldIssue[] {
  const given = locations.filter((l) => l.percentage !== null);
  if (given.length === 0) return [];
  if (given.length !== locations.length) {
    return [
      {
        path: 'locations',
        message: 'give a percentage for every location or for none',
        code: 'percentage_missing',
      },
    ];
  }
  const sum = locations.reduce((acc, l) => acc + hundredths(l.percentage ?? 0), 0);
  return sum === 10_000
    ? []
    : [
        {
          path: 'locations',
          message: `location percentages add up to ${sum / 100}, not 100`,
          code: 'percentage_sum',
        },
      ];
}

const CO_FINANCIERS: readonly OrganisationKind[] = [
  'national_government',
  'coordination_body',
  'municipality',
];

/** Roles beyond IATI carry a rule on who may hold them. */
export function checkParticipantRole(role: ParticipantRole, kind: OrganisationKind): string | null {
  switch (role) {
    case 'co_financing':
      return CO_FINANCIERS.includes(kind)
        ? null
        : 'co-financing is by the Government, the Coordination Body or a municipality';
    case 'beneficiary':
      return kind === 'municipality' ? null : 'the beneficiary role is for a municipality';
    case 'funding':
    case 'accountable':
    case 'extending':
    case 'implementing':
      return null;
  }
}

export function checkDuplicateParticipants(
  participants: readonly { organisation_id: string; role: string }[],
): FieldIssue[] {
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  participants.forEach((p, i) => {
    const key = `${p.organisation_id}/${p.role}`;
    if (seen.has(key))
      issues.push({
        path: `participants.${i}`,
        message: `organisation ${p.organisation_id} is already listed as ${p.role}`,
        code: 'duplicate',
      });
    seen.add(key);
  });
  return issues;
}

export function checkDates(
  a: {
    planned_start: string | null;
    planned_end: string | null;
    actual_start: string | null;
    actual_end: string | null;
  },
  today: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (a.planned_start && a.planned_end && a.planned_end < a.planned_start) {
    issues.push({
      path: 'planned_end',
      message: 'the end date cannot be before the start date',
      code: 'end_before_start',
    });
  }
  if (a.actual_start && a.actual_end && a.actual_end < a.actual_start) {
    issues.push({
      path: 'actual_end',
      message: 'the end date cannot be before the start date',
      code: 'end_before_start',
    });
  }
  for (const key of ['actual_start', 'actual_end'] as const) {
    const v = a[key];
    if (v && v > today)
      issues.push({
        path: key,
        message: 'an actual date cannot be in the future',
        code: 'actual_in_future',
      });
  }
  return issues;
}

export type Level = 'programme' | 'project' | 'sub_project' | 'component';

export function levelOf(hierarchy: number): Level {
  if (hierarchy <= 1) return 'programme';
  if (hierarchy === 2) return 'project';
  if (hierarchy === 3) return 'sub_project';
  return 'component';
}

export function yearOf(date: string | null): number | null {
  return date ? Number(date.slice(0, 4)) : null;
}
