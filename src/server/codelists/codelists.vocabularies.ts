import { readOfficeSectors } from './codelists.files.js';
import type { OfficeSectorFile } from './codelists.schemas.js';
import { OFFICE_SECTOR_CODELIST } from './codelists.sources.js';

/*
 * Which codelist holds the codes of a vocabulary, as data/iati-codelists/mapping.xml says for
 * sector, tag, policy-marker, aid-type and recipient-region. Vocabularies without a codelist here
 * (CoFoG, NACE, Agrovoc, a publisher's own 99 …) give null: their codes cannot be checked.
 * IATI's default vocabulary when the attribute is missing is "1" for each of these but tag.
 */

const SECTOR: Readonly<Record<string, string>> = {
  '1': 'Sector',
  '2': 'SectorCategory',
  '7': 'UNSDG-Goals',
  '8': 'UNSDG-Targets',
};

const TAG: Readonly<Record<string, string>> = { '2': 'UNSDG-Goals', '3': 'UNSDG-Targets' };

const POLICY_MARKER: Readonly<Record<string, string>> = { '1': 'PolicyMarker' };

const AID_TYPE: Readonly<Record<string, string>> = {
  '1': 'AidType',
  '2': 'EarmarkingCategory',
  '4': 'CashandVoucherModalities',
};

const REGION: Readonly<Record<string, string>> = { '1': 'Region' };

function lookup(table: Readonly<Record<string, string>>, vocabulary: string): string | null {
  return Object.hasOwn(table, vocabulary) ? (table[vocabulary] ?? null) : null;
}

export interface SectorVocabularyOptions {
  /**
   * Vocabulary 99 means "the reporting organisation's own codes". They are the office's sectors
   * only when the office reports the activity; in a partner's IATI file they are the partner's.
   */
  reportedByOffice?: boolean;
}

export function sectorCodelist(
  vocabulary: string | null | undefined,
  { reportedByOffice = true }: SectorVocabularyOptions = {},
): string | null {
  const v = vocabulary ?? '1';
  if (v === '99') return reportedByOffice ? OFFICE_SECTOR_CODELIST : null;
  return lookup(SECTOR, v);
}

/** Tags have no default vocabulary: IATI requires the attribute. */
export function tagCodelist(vocabulary: string | null | undefined): string | null {
  return vocabulary == null ? null : lookup(TAG, vocabulary);
}

export function policyMarkerCodelist(vocabulary: string | null | undefined): string | null {
  return lookup(POLICY_MARKER, vocabulary ?? '1');
}

export function aidTypeCodelist(vocabulary: string | null | undefined): string | null {
  return lookup(AID_TYPE, vocabulary ?? '1');
}

export function regionCodelist(vocabulary: string | null | undefined): string | null {
  return lookup(REGION, vocabulary ?? '1');
}

// ---- DAC → office sectors ----

let officeList: OfficeSectorFile | null = null;

/** data/office-sectors.json, read once: it changes only with a release. */
export function officeSectors(): OfficeSectorFile {
  officeList ??= readOfficeSectors();
  return officeList;
}

/**
 * The office sectors a DAC code counts under. A 5-digit purpose code goes to the sector that lists
 * it in dac5, otherwise to the one listing its 3-digit category in dac3; a 3-digit code goes by
 * dac3 only (its 5-digit exceptions cannot be told apart). The file gives every DAC code exactly
 * one office sector, so the result has one element, or none for a code that is not DAC.
 */
export function officeSectorsForDac(
  code: string,
  list: OfficeSectorFile = officeSectors(),
): string[] {
  const dac = code.trim();
  if (/^\d{5}$/.test(dac)) {
    const direct = list.items.filter((s) => s.dac5.includes(dac)).map((s) => s.code);
    if (direct.length > 0) return direct;
    return officeSectorsForDac(dac.slice(0, 3), list);
  }
  if (/^\d{3}$/.test(dac)) return list.items.filter((s) => s.dac3.includes(dac)).map((s) => s.code);
  return [];
}
