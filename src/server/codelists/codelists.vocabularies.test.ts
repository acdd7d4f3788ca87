import { beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../tests/support/db.js';
import type { Database } from '../db/db.js';
import {
  iatiCodelistSource,
  officeSectorProblems,
  readIatiCodelists,
  readOfficeSectors,
} from './codelists.files.js';
import { loadCodelists } from './codelists.load.js';
import { selectCodes } from './codelists.queries.js';
import type { OfficeSectorFile } from './codelists.schemas.js';
import {
  aidTypeCodelist,
  officeSectorsForDac,
  policyMarkerCodelist,
  regionCodelist,
  sectorCodelist,
  tagCodelist,
} from './codelists.vocabularies.js';

const office = readOfficeSectors();
const iati = readIatiCodelists();
const codesOf = (name: string) => iati.find((l) => l.name === name)?.items.map((i) => i.code) ?? [];

describe('data/office-sectors.json', () => {
  let db: Database;
  beforeAll(async () => {
    db = await testDb();
    await loadCodelists(db);
  });

  it('has the eight sectors of the office, named in en, sq and sr-Latn', () => {
    expect(office.items.map((s) => s.code)).toEqual([
      'economy',
      'infrastructure',
      'education',
      'health',
      'social_policy',
      'gender_equality',
      'youth_sport',
      'other',
    ]);
    for (const s of office.items)
      expect(Object.keys(s.name).sort()).toEqual(['en', 'sq', 'sr-Latn']);
    expect(office.items.find((s) => s.code === 'economy')?.name['sr-Latn']).toBe('Privreda');
  });

  it('lists only DAC codes that the loaded Sector and SectorCategory lists have', async () => {
    const sector = new Set(await selectCodes(db, 'Sector'));
    const category = new Set(await selectCodes(db, 'SectorCategory'));
    for (const s of office.items) {
      for (const code of s.dac5) expect(sector.has(code), `${s.code}: ${code}`).toBe(true);
      for (const code of s.dac3) expect(category.has(code), `${s.code}: ${code}`).toBe(true);
    }
    expect(officeSectorProblems(office, sector, category)).toEqual([]);
  });

  it('is refused when a code is unknown or claimed twice', () => {
    const bad: OfficeSectorFile = {
      ...office,
      items: [
        { code: 'a', name: { en: 'A' }, dac3: ['111', '999'], dac5: ['11220'] },
        { code: 'b', name: { en: 'B' }, dac3: ['111'], dac5: ['11220', '12345'] },
      ],
    };
    expect(
      officeSectorProblems(bad, new Set(codesOf('Sector')), new Set(codesOf('SectorCategory'))),
    ).toEqual([
      'a.dac3: "999" is not a DAC code',
      'b.dac3: "111" also belongs to a',
      'b.dac5: "11220" also belongs to a',
      'b.dac5: "12345" is not a DAC code',
    ]);
  });
});

describe('officeSectorsForDac', () => {
  it('puts every DAC 5-digit and 3-digit code in exactly one office sector', () => {
    for (const code of [...codesOf('Sector'), ...codesOf('SectorCategory')]) {
      expect(officeSectorsForDac(code, office), code).toHaveLength(1);
    }
  });

  it('takes a listed 5-digit code before its category', () => {
    expect(officeSectorsForDac('11220')).toEqual(['education']);
    expect(officeSectorsForDac('12220')).toEqual(['health']);
    expect(officeSectorsForDac('14020')).toEqual(['infrastructure']);
    expect(officeSectorsForDac('23010')).toEqual(['infrastructure']);
    expect(officeSectorsForDac('25010')).toEqual(['economy']);
    expect(officeSectorsForDac('16010')).toEqual(['social_policy']);
    expect(officeSectorsForDac('16065')).toEqual(['youth_sport']);
    expect(officeSectorsForDac('16020')).toEqual(['economy']);
    expect(officeSectorsForDac('15170')).toEqual(['gender_equality']);
    expect(officeSectorsForDac('15110')).toEqual(['other']);
    expect(officeSectorsForDac('43032')).toEqual(['infrastructure']);
    expect(officeSectorsForDac('43010')).toEqual(['other']);
    expect(officeSectorsForDac('160')).toEqual(['social_policy']);
    expect(officeSectorsForDac(' 332 ')).toEqual(['economy']);
  });

  it('maps what is not a DAC code to nothing', () => {
    expect(officeSectorsForDac('')).toEqual([]);
    expect(officeSectorsForDac('1.1')).toEqual([]);
    expect(officeSectorsForDac('economy')).toEqual([]);
    expect(officeSectorsForDac('1234')).toEqual([]);
  });
});

describe('vocabulary → codelist', () => {
  const names = new Set(iati.map((l) => l.name));

  it('names sector codelists as mapping.xml does, 99 being the office list when the office reports', () => {
    expect(sectorCodelist('1')).toBe('Sector');
    expect(sectorCodelist(undefined)).toBe('Sector');
    expect(sectorCodelist('2')).toBe('SectorCategory');
    expect(sectorCodelist('7')).toBe('UNSDG-Goals');
    expect(sectorCodelist('8')).toBe('UNSDG-Targets');
    expect(sectorCodelist('99')).toBe('OfficeSector');
    expect(sectorCodelist('99', { reportedByOffice: false })).toBeNull();
    expect(sectorCodelist('3')).toBeNull();
    expect(sectorCodelist('98')).toBeNull();
    expect(sectorCodelist('toString')).toBeNull();
  });

  it('names tag, policy-marker, aid-type and region codelists', () => {
    expect(tagCodelist('2')).toBe('UNSDG-Goals');
    expect(tagCodelist('3')).toBe('UNSDG-Targets');
    expect(tagCodelist('1')).toBeNull();
    expect(tagCodelist(undefined)).toBeNull();
    expect(policyMarkerCodelist('1')).toBe('PolicyMarker');
    expect(policyMarkerCodelist(null)).toBe('PolicyMarker');
    expect(policyMarkerCodelist('99')).toBeNull();
    expect(aidTypeCodelist(undefined)).toBe('AidType');
    expect(aidTypeCodelist('2')).toBe('EarmarkingCategory');
    expect(aidTypeCodelist('4')).toBe('CashandVoucherModalities');
    expect(aidTypeCodelist('3')).toBeNull();
    expect(regionCodelist('1')).toBe('Region');
    expect(regionCodelist('2')).toBeNull();
  });

  it('only names codelists that exist', () => {
    const vocabularies = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '98', '99'];
    const named = vocabularies.flatMap((v) => [
      sectorCodelist(v),
      tagCodelist(v),
      policyMarkerCodelist(v),
      aidTypeCodelist(v),
      regionCodelist(v),
    ]);
    for (const n of named)
      if (n !== null && n !== 'OfficeSector') expect(names.has(n), n).toBe(true);
  });
});

describe('iatiCodelistSource', () => {
  it('keeps the first of a repeated code, drops blank texts and reads "complete"', () => {
    const list = iatiCodelistSource({
      metadata: { name: 'X', embedded: true, complete: null, source_file: 'embedded/X.xml' },
      items: [
        { code: '1', name: { en: ' One ', fr: '' }, description: null },
        { code: '1', name: { en: 'Again' } },
        { code: '2', status: 'withdrawn', withdrawal_date: '2020-01-01' },
      ],
    });
    expect(list).toMatchObject({
      version: '2.03@75e827bacd29',
      complete: true,
      source: 'IATI/IATI-Codelists@75e827bacd29:xml/X.xml',
    });
    expect(list.items).toEqual([
      {
        code: '1',
        name: { en: 'One' },
        description: {},
        category: null,
        status: 'active',
        extra: {},
      },
      {
        code: '2',
        name: {},
        description: {},
        category: null,
        status: 'withdrawn',
        extra: { withdrawal_date: '2020-01-01' },
      },
    ]);
  });
});
