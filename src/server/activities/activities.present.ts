import {
  INTERNATIONAL_KINDS,
  type OrganisationKind,
} from '../organisations/organisations.schemas.js';
import { byActivity } from '../shared/group.js';
import { withDerivedScripts } from '../text/index.js';
import type { ActivityLists, ActivityRow } from './activities.queries.js';
import { levelOf } from './activities.rules.js';
import { IATI_ROLE_CODES, type ActivityOut } from './activities.schemas.js';

function partnership(kinds: readonly string[]): ActivityOut['partnership'] {
  const government = kinds.some((k) => k === 'national_government' || k === 'coordination_body');
  const municipality = kinds.includes('municipality');
  const international = kinds.some((k) => INTERNATIONAL_KINDS.includes(k as OrganisationKind));
  const summary: ActivityOut['partnership']['summary'] = [];
  if (government) summary.push('government');
  if (municipality) summary.push('municipality');
  if (international) summary.push('international');
  return { government, municipality, international, summary };
}

export function presentActivities(
  rows: readonly ActivityRow[],
  lists: ActivityLists,
  childCounts: Map<string, number>,
): ActivityOut[] {
  const participants = byActivity(lists.participants);
  const locations = byActivity(lists.locations);
  const sectors = byActivity(lists.sectors);
  const markers = byActivity(lists.policy_markers);
  const tags = byActivity(lists.tags);
  const budgets = byActivity(lists.budgets);
  const docs = byActivity(lists.document_links);
  return rows.map((r) => {
    const title = withDerivedScripts(r.title);
    const description = withDerivedScripts(r.description);
    const parts = participants.get(r.id) ?? [];
    return {
      id: r.id,
      iati_identifier: r.iati_identifier,
      parent_id: r.parent_id,
      hierarchy: r.hierarchy,
      level: levelOf(r.hierarchy),
      title: title.text,
      title_derived: title.derived,
      description: description.text,
      description_derived: description.derived,
      status: r.status,
      planned_start: r.planned_start,
      actual_start: r.actual_start,
      planned_end: r.planned_end,
      actual_end: r.actual_end,
      scope: r.scope,
      default_currency: r.default_currency,
      reporting_org_id: r.reporting_org_id,
      collaboration_type: r.collaboration_type,
      default_flow_type: r.default_flow_type,
      default_finance_type: r.default_finance_type,
      default_aid_types: r.default_aid_types,
      default_tied_status: r.default_tied_status,
      humanitarian: r.humanitarian,
      illustrative: r.illustrative,
      publication_status: r.publication_status,
      participants: parts.map((p) => ({
        organisation: {
          id: p.organisation_id,
          names: withDerivedScripts(p.org_names).text,
          acronym: p.org_acronym,
          kind: p.org_kind,
          iati_ref: p.org_iati_ref,
        },
        role: p.role,
        iati_role_code: IATI_ROLE_CODES[p.role] ?? null,
        iati_activity_ref: p.iati_activity_ref,
      })),
      partnership: partnership(parts.map((p) => p.org_kind)),
      locations: (locations.get(r.id) ?? []).map((l) => ({
        place:
          l.place_id && l.place_kind && l.place_code && l.place_names
            ? {
                id: l.place_id,
                kind: l.place_kind,
                code: l.place_code,
                names: withDerivedScripts(l.place_names).text,
              }
            : null,
        municipality_id:
          l.place_kind === 'municipality'
            ? l.place_id
            : l.place_kind === 'settlement'
              ? l.place_parent_id
              : null,
        lat: l.lat,
        lon: l.lon,
        name: l.name,
        percentage: l.percentage,
      })),
      sectors: (sectors.get(r.id) ?? []).map(({ vocabulary, code, percentage }) => ({
        vocabulary,
        code,
        percentage,
      })),
      policy_markers: (markers.get(r.id) ?? []).map(({ vocabulary, code, significance }) => ({
        vocabulary,
        code,
        significance,
      })),
      tags: (tags.get(r.id) ?? []).map(({ vocabulary, code }) => ({ vocabulary, code })),
      budgets: (budgets.get(r.id) ?? []).map(({ activity_id: _a, ...b }) => b),
      document_links: (docs.get(r.id) ?? []).map(({ activity_id: _a, ...d }) => d),
      children_count: childCounts.get(r.id) ?? 0,
      version: r.version,
      created_at: r.created_at,
      updated_at: r.updated_at,
    };
  });
}
