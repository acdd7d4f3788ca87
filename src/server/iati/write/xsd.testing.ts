/** Test support: validation with xmllint (libxml2) against the schemas in data/iati-schema. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SCHEMAS = {
  activities: fileURLToPath(
    new URL('../../../../data/iati-schema/iati-activities-schema.xsd', import.meta.url),
  ),
  organisations: fileURLToPath(
    new URL('../../../../data/iati-schema/iati-organisations-schema.xsd', import.meta.url),
  ),
};

export interface LintResult {
  status: number | null;
  /** xmllint's messages, with the temporary file name replaced by "FILE". */
  messages: string;
}

/** Runs xmllint on `xml`; with a schema it validates, without it checks well-formedness. */
export function xmllint(
  xml: string,
  schema?: keyof typeof SCHEMAS,
  extra: string[] = [],
): LintResult {
  const dir = mkdtempSync(join(tmpdir(), 'iati-write-'));
  const file = join(dir, 'doc.xml');
  try {
    writeFileSync(file, xml, 'utf8');
    const args = ['--noout', ...(schema ? ['--schema', SCHEMAS[schema]] : []), ...extra, file];
    const run = spawnSync('xmllint', args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw run.error;
    return { status: run.status, messages: `${run.stdout}${run.stderr}`.replaceAll(file, 'FILE') };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
