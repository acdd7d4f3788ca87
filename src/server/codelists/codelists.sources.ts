import { projectPath } from '../paths.js';

/**
 * Where the codelists come from. The version strings name the commit of the IATI repositories the
 * files were copied from (data/iati-codelists/PROVENANCE.md): the loader replaces a stored list
 * only when its version or item count differs, so a refresh of the files must change these.
 */
export const IATI_CODELISTS_DIR = projectPath('data', 'iati-codelists', 'json');
export const OFFICE_SECTORS_FILE = projectPath('data', 'office-sectors.json');

export interface IatiSource {
  version: string;
  repository: string;
  commit: string;
}

/** Embedded lists change with the Standard (branch version-2.03), the others continuously (master). */
export const IATI_EMBEDDED: IatiSource = {
  version: '2.03@75e827bacd29',
  repository: 'IATI/IATI-Codelists',
  commit: '75e827bacd29f77356cb43defbc0b655705432f3',
};

export const IATI_NON_EMBEDDED: IatiSource = {
  version: 'master@7aeece773c60',
  repository: 'IATI/IATI-Codelists-NonEmbedded',
  commit: '7aeece773c60afa0265eb95e988d5e61e96d8482',
};

/** The office's own sector list, loaded beside the IATI lists (IATI SectorVocabulary 99). */
export const OFFICE_SECTOR_CODELIST = 'OfficeSector';
