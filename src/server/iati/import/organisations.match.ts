import type { Queryable } from '../../db/db.js';
import { insertOrganisation } from '../../organisations/organisations.queries.js';
import type { OrganisationKind } from '../../organisations/organisations.schemas.js';
import { foldForSearch, normaliseNarratives, searchDocument } from '../../text/index.js';
import type { IatiOrgRef } from '../iati.model.js';
import { findOrganisationsForMatching, insertOrganisationIfAbsent } from './import.queries.js';

/** The registry's kind for an IATI OrganisationType, refined by the identifier's prefix. */
export function kindFor(type: string | null, ref: string | null): OrganisationKind {
  const r = (ref ?? '').toUpperCase();
  if (r.startsWith('XI-IATI-EC') || r.startsWith('XM-DAC-918')) return 'eu';
  if (r.startsWith('XM-DAC-928') || r.includes('OSCE')) return 'osce';
  const serbian = r.startsWith('RS-');
  switch (type ?? '') {
    case '10':
      return serbian ? 'national_government' : 'bilateral_donor';
    case '11':
      return serbian ? 'municipality' : 'other';
    case '15':
      return serbian ? 'national_government' : 'bilateral_donor';
    case '21':
    case '22':
    case '23':
    case '24':
    case '60':
      return 'ngo';
    case '40':
      return 'multilateral';
    case '70':
    case '71':
    case '72':
    case '73':
      return 'private';
    default:
      return 'other';
  }
}

export interface OrgResolution {
  id: string;
  created: boolean;
}

/**
 * Finds the registry organisation an IATI reference names — by identifier, else by name in any
 * script — and creates it when there is none, once per import however often the file names it.
 */
export class OrganisationResolver {
  private readonly byRef = new Map<string, string>();
  private readonly byName = new Map<string, string>();
  created = 0;

  private constructor(private readonly validTypes: ReadonlySet<string>) {}

  static async create(
    db: Queryable,
    validTypes: ReadonlySet<string>,
  ): Promise<OrganisationResolver> {
    const r = new OrganisationResolver(validTypes);
    for (const o of await findOrganisationsForMatching(db)) {
      if (o.iati_ref) r.byRef.set(o.iati_ref.toLowerCase(), o.id);
      for (const n of Object.values(o.names)) {
        const key = foldForSearch(n);
        if (key && !r.byName.has(key)) r.byName.set(key, o.id);
      }
    }
    return r;
  }

  /** Normalised names and their search keys, by the names as written: files repeat them. */
  private readonly folded = new Map<
    string,
    { names: Record<string, string>; nameKeys: string[] }
  >();

  private namesOf(name: Record<string, string>): {
    names: Record<string, string>;
    nameKeys: string[];
  } {
    const raw = JSON.stringify(name);
    let hit = this.folded.get(raw);
    if (!hit) {
      // From the JSON text, not `name`: the parser's strings are slices of a large chunk of
      // the file, and a cache that lives for the whole import must not pin them.
      const names = normaliseNarratives(JSON.parse(raw) as Record<string, string>);
      hit = { names, nameKeys: Object.values(names).map(foldForSearch).filter(Boolean) };
      if (this.folded.size >= 10_000) this.folded.clear();
      this.folded.set(raw, hit);
    }
    return { names: { ...hit.names }, nameKeys: hit.nameKeys };
  }

  async resolve(
    db: Queryable,
    org: IatiOrgRef,
    userId: string | null,
  ): Promise<OrgResolution | null> {
    const ref = org.ref?.trim() || null;
    if (ref) {
      const id = this.byRef.get(ref.toLowerCase());
      if (id) return { id, created: false };
    }
    const { names, nameKeys } = this.namesOf(org.name);
    if (!ref) {
      for (const key of nameKeys) {
        const id = this.byName.get(key);
        if (id) return { id, created: false };
      }
    }
    if (!ref && nameKeys.length === 0) return null;
    const fields = {
      names: Object.keys(names).length ? names : { en: ref ?? '' },
      iati_type: org.type && this.validTypes.has(org.type) ? org.type : null,
      kind: kindFor(org.type, ref),
      search_text: searchDocument([...Object.values(names), ref]),
      sort_key: foldForSearch(names.en ?? Object.values(names)[0] ?? ref ?? ''),
    };
    let row: { id: string; created: boolean };
    if (ref) {
      row = await insertOrganisationIfAbsent(db, { ...fields, iati_ref: ref }, userId);
    } else {
      const inserted = await insertOrganisation(
        db,
        {
          ...fields,
          acronym: null,
          iati_ref: null,
          country: null,
          parent_id: null,
          place_id: null,
          website: null,
          contacts: [],
          publication_status: 'published',
          illustrative: false,
        },
        userId,
      );
      row = { id: inserted.id, created: true };
    }
    if (ref) this.byRef.set(ref.toLowerCase(), row.id);
    for (const key of nameKeys) if (!this.byName.has(key)) this.byName.set(key, row.id);
    if (row.created) this.created++;
    return row;
  }
}
