/**
 * Server-side helpers of the activity editor: the choices it offers (organisations, places,
 * sectors), turning a stored activity into form values and form values into the service's input.
 */
import type { AppLoadContext } from 'react-router';
import type { ActivityOut } from '../../src/server/activities/activities.schemas.js';
import type { Actor } from '../../src/server/auth/actor.js';
import { formatters, office, pick, translator } from './context.server';
import { rowsOf, type FormValues, type Group } from './activity-form';
import { EDIT_LANGS } from './constants';

export interface Choice {
  value: string;
  label: string;
}

export interface PlaceChoice {
  id: string;
  label: string;
  kind: string;
  lat: number | null;
  lon: number | null;
  geometry: unknown;
}

export interface Choices {
  organisations: Choice[];
  places: PlaceChoice[];
  sectors: Choice[];
}

export async function loadChoices(context: AppLoadContext, actor: Actor): Promise<Choices> {
  const o = office(context);
  const f = formatters(context);
  const { services: s } = o;
  const orgs = await s.searchOrganisations(
    o.db,
    actor,
    s.schemas.OrganisationListQuery.parse({ limit: '500' }),
  );
  const organisations = orgs.items
    .map((org) => ({
      value: org.id,
      label: pick(org.names, o.locale) + (org.acronym ? ` (${org.acronym})` : ''),
    }))
    .sort((a, b) => f.compare(a.label, b.label));
  const placePage = await s.searchPlaces(
    o.db,
    s.schemas.PlaceListQuery.parse({
      focus: 'true',
      kind: 'municipality,settlement',
      include: 'geometry',
      limit: '500',
    }),
  );
  const byId = new Map(placePage.items.map((p) => [p.id, p]));
  const places = placePage.items
    .map((p) => {
      const name = pick(p.names, o.locale);
      const parent = p.parent_id ? byId.get(p.parent_id) : undefined;
      return {
        id: p.id,
        label:
          p.kind === 'settlement' && parent ? `${name} (${pick(parent.names, o.locale)})` : name,
        kind: p.kind,
        lat: p.lat,
        lon: p.lon,
        geometry: p.kind === 'municipality' ? (p.geometry ?? null) : null,
      };
    })
    .sort((a, b) => f.compare(a.label, b.label));
  const sectors = s
    .officeSectors()
    .items.map((x) => ({
      value: `99:${x.code}`,
      label:
        o.locale === 'sr-Cyrl'
          ? s.latinToCyrillic(x.name['sr-Latn'] ?? x.name.en ?? x.code)
          : pick(x.name, o.locale),
    }))
    .sort((a, b) => f.compare(a.label, b.label));
  return { organisations, places, sectors };
}

/** A stored activity as form values. */
export function toValues(a: ActivityOut, choices: Choices): FormValues {
  const v: FormValues = {};
  for (const l of EDIT_LANGS) {
    v[`title.${l}`] = a.title_derived.includes(l) ? '' : (a.title[l] ?? '');
    v[`description.${l}`] = a.description_derived.includes(l) ? '' : (a.description[l] ?? '');
  }
  v.iati_identifier = a.iati_identifier ?? '';
  v.hierarchy = String(a.hierarchy);
  v.status = a.status ?? '';
  v.planned_start = a.planned_start ?? '';
  v.planned_end = a.planned_end ?? '';
  v.default_currency = a.default_currency ?? '';
  a.participants.forEach((p, i) => {
    v[`participants.${i}.organisation_id`] = p.organisation.id;
    v[`participants.${i}.role`] = p.role;
  });
  const labels = new Map(choices.places.map((p) => [p.id, p.label]));
  a.locations.forEach((l, i) => {
    v[`locations.${i}.place`] =
      (l.place ? labels.get(l.place.id) : undefined) ??
      (l.lat !== null && l.lon !== null ? `${l.lat}, ${l.lon}` : '');
  });
  a.sectors.forEach((s, i) => {
    v[`sectors.${i}.code`] = `${s.vocabulary}:${s.code}`;
    v[`sectors.${i}.percentage`] = s.percentage === null ? '' : String(Number(s.percentage));
  });
  a.budgets.forEach((b, i) => {
    v[`budgets.${i}.period_start`] = b.period_start;
    v[`budgets.${i}.period_end`] = b.period_end;
    v[`budgets.${i}.value`] = b.value;
    v[`budgets.${i}.currency`] = b.currency;
    v[`budgets.${i}.value_date`] = b.value_date;
    v[`budgets.${i}.type`] = b.type;
    v[`budgets.${i}.status`] = b.status;
  });
  return v;
}

export interface Issue {
  path: string;
  message: string;
}

/**
 * Finds a place from what was typed: a label offered, or a name in any script and language
 * (folded like search), or "lat, lon".
 */
function resolvePlace(
  context: AppLoadContext,
  choices: Choices,
  text: string,
): { place_id: string } | { lat: number; lon: number } | string {
  const { services } = office(context);
  const coords = /^\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*$/.exec(text);
  if (coords) return { lat: Number(coords[1]), lon: Number(coords[2]) };
  const folded = services.foldForSearch(text);
  const byLabel = choices.places.filter((p) => services.foldForSearch(p.label) === folded);
  if (byLabel.length === 1 && byLabel[0]) return { place_id: byLabel[0].id };
  const byName = choices.places.filter(
    (p) => services.foldForSearch(p.label.replace(/\s*\(.*\)$/, '')) === folded,
  );
  if (byName.length === 1 && byName[0]) return { place_id: byName[0].id };
  const t = translator(context);
  return byName.length > 1
    ? `${t('edit.place')}: “${text}” ×${byName.length}`
    : `${t('edit.place')}: “${text}” ?`;
}

/** Form values as the body the activity service takes; unknown places become issues. */
export function toInput(
  context: AppLoadContext,
  choices: Choices,
  v: FormValues,
): { input: Record<string, unknown>; issues: Issue[] } {
  const issues: Issue[] = [];
  const narratives = (field: string) =>
    Object.fromEntries(
      EDIT_LANGS.map((l) => [l, (v[`${field}.${l}`] ?? '').trim()]).filter(([, t]) => t !== ''),
    ) as Record<string, string>;
  const nul = (s: string | undefined) => (s && s.trim() !== '' ? s.trim() : null);
  const num = (s: string) => (s.trim() === '' ? null : Number(s.replace(',', '.')));
  const locations = rowsOf(v, 'locations').flatMap((r, i) => {
    const found = resolvePlace(context, choices, r.place ?? '');
    if (typeof found === 'string') {
      issues.push({ path: `locations.${i}.place_id`, message: found });
      return [];
    }
    return [found];
  });
  const input: Record<string, unknown> = {
    title: narratives('title'),
    description: narratives('description'),
    iati_identifier: nul(v.iati_identifier),
    hierarchy: Number(v.hierarchy || '2'),
    status: nul(v.status),
    planned_start: nul(v.planned_start),
    planned_end: nul(v.planned_end),
    default_currency: nul(v.default_currency),
    participants: rowsOf(v, 'participants').map((r) => ({
      organisation_id: r.organisation_id,
      role: r.role,
    })),
    locations,
    sectors: rowsOf(v, 'sectors').map((r) => {
      const [vocabulary = '99', ...code] = (r.code ?? '').split(':');
      return { vocabulary, code: code.join(':'), percentage: num(r.percentage ?? '') };
    }),
    budgets: rowsOf(v, 'budgets').map((r) => ({
      type: r.type || '1',
      status: r.status || '1',
      period_start: r.period_start,
      period_end: r.period_end,
      value: (r.value ?? '').replace(/\s/g, '').replace(',', '.'),
      currency: r.currency,
      value_date: r.value_date || r.period_start,
    })),
  };
  return { input, issues };
}

const GROUP_LABELS: Record<Group, string> = {
  participants: 'edit.partners',
  locations: 'edit.places',
  sectors: 'edit.sectors',
  budgets: 'edit.budgets',
};

/** A readable name for a field path ("sectors.1.percentage" → "Sectors, row 2: Percentage"). */
export function labelFor(context: AppLoadContext, path: string): string {
  const t = translator(context);
  const [head = '', idx, field] = path.split('.');
  if (head in GROUP_LABELS) {
    const group = t(GROUP_LABELS[head as Group] as 'edit.partners');
    if (idx === undefined) return group;
    const fieldKey: Record<string, string> = {
      organisation_id: 'edit.organisation',
      role: 'edit.role',
      place_id: 'edit.place',
      place: 'edit.place',
      code: 'edit.sector',
      percentage: 'edit.percentage',
      period_start: 'edit.period_start',
      period_end: 'edit.period_end',
      value: 'edit.value',
      currency: 'edit.currency',
      value_date: 'edit.value_date',
    };
    const f = field && fieldKey[field] ? t(fieldKey[field] as 'edit.role') : (field ?? '');
    return `${group}, ${t('edit.row', { n: Number(idx) + 1 })}${f ? `: ${f}` : ''}`;
  }
  const scalar: Record<string, string> = {
    title: 'edit.titles',
    description: 'edit.descriptions',
    iati_identifier: 'edit.iati_identifier',
    hierarchy: 'edit.hierarchy',
    status: 'edit.status',
    planned_start: 'edit.planned_start',
    planned_end: 'edit.planned_end',
    default_currency: 'edit.currency',
  };
  if (scalar[head]) {
    const lang =
      idx && (EDIT_LANGS as readonly string[]).includes(idx)
        ? ` (${t(`lang.${idx}` as 'lang.en')})`
        : '';
    return t(scalar[head] as 'edit.titles') + lang;
  }
  return path;
}

/** A field's value for people, for the conflict report. */
export function describeField(
  context: AppLoadContext,
  choices: Choices,
  v: FormValues,
  key: string,
): string {
  const t = translator(context);
  const orgs = new Map(choices.organisations.map((c) => [c.value, c.label]));
  const sectors = new Map(choices.sectors.map((c) => [c.value, c.label]));
  switch (key) {
    case 'participants':
      return rowsOf(v, 'participants')
        .map(
          (r) =>
            `${orgs.get(r.organisation_id ?? '') ?? r.organisation_id} (${t(`prole.${r.role}` as 'prole.funding')})`,
        )
        .join('; ');
    case 'locations':
      return rowsOf(v, 'locations')
        .map((r) => r.place)
        .join('; ');
    case 'sectors':
      return rowsOf(v, 'sectors')
        .map((r) => `${sectors.get(r.code ?? '') ?? r.code} ${r.percentage ?? ''} %`)
        .join('; ');
    case 'budgets':
      return rowsOf(v, 'budgets')
        .map((r) => `${r.period_start}–${r.period_end}: ${r.value} ${r.currency}`)
        .join('; ');
    default:
      return v[key] ?? '';
  }
}
