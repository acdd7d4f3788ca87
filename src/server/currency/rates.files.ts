/**
 * The rate files shipped in data/rates, each with the `source` its quotes carry in the database
 * (see data/rates/PROVENANCE.md for where they come from and under which terms).
 */
export interface ShippedRateFile {
  file: string;
  source: string;
}

export const SHIPPED_RATE_FILES: readonly ShippedRateFile[] = [
  { file: 'imf-ifs-month-end.csv', source: 'IMF IFS month-end (via USD)' },
  { file: 'currency-api-month-end.csv', source: 'fawazahmed0 currency-api' },
];
