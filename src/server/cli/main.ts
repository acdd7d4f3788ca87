import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { ConfigError, loadConfig, type Config } from '../config/config.js';
import type { Database } from '../db/db.js';
import { openDatabase } from '../db/open.js';
import { DataDirInUseError } from '../db/pglite.js';
import { prepareDatabase } from '../db/prepare.js';
import { seedDemo } from '../demo/demo.seed.js';
import { AppError } from '../errors.js';
import { startServer } from '../server.js';
import { ROLES, type Actor, type Role } from '../auth/actor.js';
import { TotalsQuery } from '../stats/totals.schemas.js';
import { formatTotals } from '../stats/totals.format.js';
import { getTotals } from '../stats/totals.service.js';
import { refreshTotals } from '../stats/totals.refresh.js';
import { createToken, createUser } from '../users/users.service.js';
import { findUserByEmail } from '../users/users.queries.js';
import { readSecret } from './io.js';
import { Progress } from './progress.js';
import { DIALOGUE_HELP, dialogueCommand } from './dialogue.cli.js';
import { createWriteStream, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { ActivityListQuery } from '../activities/activities.schemas.js';
import {
  exportIati,
  exportOrganisations,
  publisherRefs,
  type ExportQuery,
  type ExportResult,
  type Skipped,
} from '../iati/export/export.service.js';
import { officePublisher } from '../iati/publisher.js';
import { importIati, type ImportReport } from '../iati/import/import.service.js';
import { parsedFile } from '../iati/import/parsed-file.js';
import { createReadStream, readFileSync, statSync } from 'node:fs';
import { importRates } from '../currency/currency.service.js';
import { rateSummary, listRates } from '../currency/currency.queries.js';
import { CurrencyCode } from '../currency/currency.schemas.js';
import { IsoDate } from '../shared/schemas.js';

const CLI_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000000',
  email: 'cli@localhost',
  role: 'admin',
  organisationId: null,
  municipalityId: null,
};
import { once } from 'node:events';
import { basename } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { DocumentCreate, type DocumentOut } from '../documents/documents.schemas.js';
import { addDocument } from '../documents/documents.service.js';
import { fileStoreFromConfig } from '../documents/documents.storage.js';
import { receiveFile } from '../documents/documents.upload.js';
import {
  ACTIVITY_COLUMNS,
  activityRows,
  ORGANISATION_COLUMNS,
  organisationRows,
} from '../exports/exports.lists.js';
import { csvLines, writeXlsx } from '../exports/tabular.js';
import { isLocale } from '../web/i18n.js';
import { portalCurrency, PORTAL_CURRENCIES } from '../web/portal.service.js';
import { reportPdf } from '../web/report.pdf.js';
import { loadReport, ReportYear } from '../web/report.service.js';
import { writeFile } from 'node:fs/promises';

const ExportQuerySchema = ActivityListQuery.omit({ limit: true, cursor: true });

const HELP = `koordinata — partner and aid coordination for Preševo, Bujanovac and Medveđa

Usage: koordinata <command> [options]

Commands:
  serve [--port N] [--host H]      migrate, then serve the API and web pages
  migrate                          apply database migrations and load reference data
  seed --demo                      load the documented programmes and partners since 2001
  demo [--port N]                  migrate, seed the demo, create a demo admin, and serve
  user add EMAIL --role ROLE [--organisation ID|IATI-REF] [--municipality RGZ-CODE] [--name NAME]
                                   create a user; the password is read from stdin
  token create --user EMAIL [--name LABEL]
                                   create an API token (shown once)
  import iati FILE... [--dry-run] [--strict] [--publisher REF]
                                   import IATI 2.01–2.03 activity files, each atomically; --dry-run
                                   shows new / changed / unchanged / rejected and the differences
  export iati [--out FILE] [filters] [--reporting-org REF]
                                   published activities as IATI 2.03 XML (stdout without --out)
  export iati --split-by-publisher --out DIR [filters]
                                   one activity file per reporting organisation, plus organisations.xml
  rates import FILE [--source NAME]
                                   load exchange-rate quotes per euro (CSV currency,date,per_eur or
                                   the ECB eurofxref-hist.csv layout); atomic, every problem named
  rates list [--currency CODE] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
                                   the quotes of a currency, or a summary per currency without it
  stats refresh [--full]          bring the totals up to date now, or recompute them all (progress shown)
  stats totals --measure MEASURE [--group-by KEY,…] [--currency EUR] [filters] [--settlement CODE]
                                   totals counted once: MEASURE is budget, commitment, disbursement,
                                   expenditure or incoming_funds; KEY is year, sector, municipality,
                                   settlement, organisation, role, programme or transaction_type
                                   (--sector-vocabulary 99|1, --lang en|sq|sr-Latn|sr-Cyrl)
  export csv activities|organisations [--format xlsx] [--out FILE] [--lang sq|sr-Latn|sr-Cyrl|en] [filters]
                                   the list as CSV (UTF-8 with BOM, for Excel) or XLSX, streamed
  report pdf --year YYYY --lang sq|sr-Latn|sr-Cyrl|en --out FILE [--currency EUR|USD|RSD]
                                   the portal's yearly report as PDF (published records only)
  documents add --activity ID|--organisation ID|--result ID FILE... [--title TEXT] [--lang TAG]
                [--category A01] [--language sq,sr] [--date YYYY-MM-DD]
                                   attach files (size and type limits as over HTTP)
${DIALOGUE_HELP}
  Filters: --q TEXT --municipality CODE --sector CODE --organisation ID|REF --role ROLE
           --programme ID|IATI-ID --status CODE --year-from YYYY --year-to YYYY

Options: --json (machine-readable output), --help
Roles: ${ROLES.join(', ')}
Storage: embedded PGlite in DATA_DIR (default ./.data), or PostgreSQL when DATABASE_URL is set.

Exit codes: 0 ok, 1 failure, 2 usage error, 3 invalid input or conflict, 4 not found.`;

class UsageError extends Error {}

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  json: { type: 'boolean' },
  demo: { type: 'boolean' },
  port: { type: 'string' },
  host: { type: 'string' },
  role: { type: 'string' },
  organisation: { type: 'string' },
  municipality: { type: 'string' },
  name: { type: 'string' },
  user: { type: 'string' },
  out: { type: 'string' },
  q: { type: 'string' },
  sector: { type: 'string' },
  programme: { type: 'string' },
  status: { type: 'string' },
  'year-from': { type: 'string' },
  'year-to': { type: 'string' },
  year: { type: 'string' },
  'reporting-org': { type: 'string' },
  'split-by-publisher': { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  full: { type: 'boolean' },
  strict: { type: 'boolean' },
  publisher: { type: 'string' },
  source: { type: 'string' },
  currency: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  'group-by': { type: 'string' },
  measure: { type: 'string' },
  settlement: { type: 'string' },
  'sector-vocabulary': { type: 'string' },
  lang: { type: 'string' },
  format: { type: 'string' },
  activity: { type: 'string' },
  result: { type: 'string' },
  title: { type: 'string' },
  category: { type: 'string' },
  language: { type: 'string' },
  date: { type: 'string' },
} as const;

type Values = ReturnType<
  typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>
>['values'];

function out(values: Values, data: unknown, text: string): void {
  process.stdout.write(values.json ? JSON.stringify(data, null, 2) + '\n' : text + '\n');
}

function log(values: Values, msg: string): void {
  if (!values.json) process.stderr.write(msg + '\n');
}

function withServerOptions(config: Config, values: Values): Config {
  const env: Record<string, string> = {};
  if (values.port !== undefined) env.PORT = values.port;
  if (values.host !== undefined) env.HOST = values.host;
  return Object.keys(env).length ? loadConfig({ ...process.env, ...env }) : config;
}

async function withDb<T>(config: Config, fn: (db: Database) => Promise<T>): Promise<T> {
  const db = await openDatabase(config);
  try {
    return await fn(db);
  } finally {
    await db.close();
  }
}

async function serveUntilSignal(
  config: Config,
  db: Database,
  banner: (url: string) => string,
): Promise<void> {
  const server = await startServer(config, db);
  process.stdout.write(banner(server.url) + '\n');
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  process.stderr.write('Stopping…\n');
  await server.close();
  await db.close();
}

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: OPTIONS,
    allowPositionals: true,
    strict: true,
  });
  const [command, sub, arg] = positionals;
  if (values.help || !command) {
    process.stdout.write(HELP + '\n');
    return command || values.help ? 0 : 2;
  }
  const config = withServerOptions(loadConfig(), values);
  const where = config.DATABASE_URL
    ? 'PostgreSQL (DATABASE_URL)'
    : `embedded PGlite in ${config.DATA_DIR}`;

  switch (command) {
    case 'migrate': {
      const result = await withDb(config, prepareDatabase);
      out(
        values,
        result,
        `Database ready (${where}): ${result.migrations.length} migration(s) applied; ${result.reference.codelists} codelists, ${result.reference.places} places.`,
      );
      return 0;
    }
    case 'seed': {
      if (!values.demo)
        throw new UsageError('seed needs --demo (the documented programmes and partners).');
      const result = await withDb(config, async (db) => {
        await prepareDatabase(db);
        return seedDemo(db, { onProgress: (m) => log(values, m) });
      });
      out(
        values,
        result,
        `Demo data loaded: ${result.organisations} organisations, ${result.activities} activities created (${result.skipped} already there).`,
      );
      return 0;
    }
    case 'serve': {
      const db = await openDatabase(config);
      await prepareDatabase(db);
      await serveUntilSignal(
        config,
        db,
        (url) => `Koordinata is serving ${url} on ${where} (API reference: ${url}/api/v1/docs)`,
      );
      return 0;
    }
    case 'demo': {
      const db = await openDatabase(config);
      await prepareDatabase(db);
      const seeded = await seedDemo(db, { onProgress: (m) => log(values, m) });
      const email = 'admin@koordinata.local';
      let login = '';
      if (!(await findUserByEmail(db, email))) {
        const password = randomBytes(12).toString('base64url');
        await createUser(db, {
          email,
          name: 'Demo administrator',
          password,
          role: 'admin',
        });
        const { token } = await createToken(db, email, { name: 'demo' });
        login = `\nDemo administrator: ${email}, password ${password}\nAPI token for writes (Authorization: Bearer …): ${token}`;
      } else {
        login = `\nThe demo administrator ${email} exists already; make a new token with: npx koordinata token create --user ${email}`;
      }
      await serveUntilSignal(
        config,
        db,
        (url) =>
          `Koordinata is serving ${url} on ${where} with the demo data (${seeded.activities + seeded.skipped} activities).${login}\nAPI reference: ${url}/api/v1/docs — try ${url}/api/v1/activities?q=pbild`,
      );
      return 0;
    }
    case 'user': {
      if (sub !== 'add' || !arg)
        throw new UsageError(
          'Usage: koordinata user add EMAIL --role ROLE [--organisation ID] [--municipality CODE]',
        );
      if (!values.role || !(ROLES as readonly string[]).includes(values.role)) {
        throw new UsageError(`--role must be one of: ${ROLES.join(', ')}`);
      }
      const password = await readSecret('Password: ');
      const user = await withDb(config, async (db) => {
        await prepareDatabase(db);
        return createUser(db, {
          email: arg,
          name: values.name ?? null,
          password,
          role: values.role as Role,
          organisation: values.organisation ?? null,
          municipality: values.municipality ?? null,
        });
      });
      out(values, user, `User ${user.email} created with role ${user.role}.`);
      return 0;
    }
    case 'import': {
      if (sub !== 'iati' || positionals.length < 3) {
        throw new UsageError(
          'Usage: koordinata import iati FILE... [--dry-run] [--strict] [--publisher REF] [--json]',
        );
      }
      return importCommand(config, values, positionals.slice(2));
    }
    case 'rates':
      return ratesCommand(config, values, sub, arg);
    case 'documents': {
      if (sub !== 'add' || positionals.length < 3)
        throw new UsageError(
          'Usage: koordinata documents add --activity ID|--organisation ID|--result ID FILE... [--title TEXT]',
        );
      return documentsAddCommand(config, values, positionals.slice(2));
    }
    case 'export': {
      if (sub === 'csv' || sub === 'xlsx') {
        if (arg !== 'activities' && arg !== 'organisations')
          throw new UsageError(
            'Usage: koordinata export csv activities|organisations [--format xlsx] [--out FILE] [filters]',
          );
        const format = values.format ?? sub;
        if (format !== 'csv' && format !== 'xlsx')
          throw new UsageError('--format must be csv or xlsx');
        return exportTableCommand(config, values, format, arg);
      }
      if (sub !== 'iati')
        throw new UsageError('Usage: koordinata export iati [--out FILE] [filters]');
      return exportCommand(config, values);
    }
    case 'report': {
      if (sub !== 'pdf' || !values.year || !values.lang || !values.out)
        throw new UsageError(
          'Usage: koordinata report pdf --year YYYY --lang sq|sr-Latn|sr-Cyrl|en --out FILE',
        );
      return reportCommand(config, values);
    }
    case 'stats': {
      if (sub === 'refresh') return statsRefreshCommand(config, values);
      if (sub !== 'totals' || !values.measure)
        throw new UsageError(
          'Usage: koordinata stats totals --measure MEASURE [--group-by KEY,…] [--currency EUR] [filters]',
        );
      return statsCommand(config, values);
    }
    case 'token': {
      if (sub !== 'create' || !values.user)
        throw new UsageError('Usage: koordinata token create --user EMAIL');
      const email = values.user;
      const result = await withDb(config, async (db) => {
        await prepareDatabase(db);
        return createToken(db, email, { name: values.name ?? '' });
      });
      out(values, { token: result.token, id: result.id, user: result.user.email }, result.token);
      return 0;
    }
    default: {
      const handled = await dialogueCommand(command, sub, positionals.slice(2), {
        json: values.json ?? false,
        dryRun: values['dry-run'] ?? false,
        organisation: values.organisation,
        withDb: (fn) => withDb(config, fn),
        out: (data, text) => out(values, data, text),
        usage: (message) => {
          throw new UsageError(message);
        },
      });
      if (handled !== null) return handled;
      throw new UsageError(`Unknown command "${command}". Run koordinata --help.`);
    }
  }
}

function exitCodeFor(err: unknown): number {
  if (err instanceof UsageError || err instanceof ConfigError) return 2;
  if (err instanceof AppError)
    return err.status === 404 ? 4 : [409, 413, 415, 422].includes(err.status) ? 3 : 1;
  if (err instanceof TypeError && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS'))
    return 2;
  return 1;
}

export async function main(argv = process.argv.slice(2)): Promise<number> {
  try {
    return await run(argv);
  } catch (err) {
    const code = exitCodeFor(err);
    const message = err instanceof Error ? err.message : String(err);
    if (argv.includes('--json')) {
      const error =
        err instanceof AppError
          ? { code: err.code, message, details: err.details }
          : { code: 'error', message };
      process.stdout.write(JSON.stringify({ error }, null, 2) + '\n');
    } else {
      process.stderr.write(`koordinata: ${message}\n`);
      // An unexpected failure keeps its stack; expected ones are said in one line.
      if (code === 1 && !(err instanceof DataDirInUseError) && !(err instanceof AppError))
        console.error(err);
    }
    return code;
  }
}

/** Brings the totals up to date now (after a bulk load, say), or recomputes them all with --full. */
async function statsRefreshCommand(config: Config, values: Values): Promise<number> {
  const quiet = values.json === true || !process.stderr.isTTY;
  let progress: Progress | null = null;
  let reported = 0;
  const report = await withDb(config, async (db) => {
    await prepareDatabase(db);
    return refreshTotals(db, {
      force: values.full === true,
      onProgress: (done, total) => {
        progress ??= new Progress('totals', quiet, total);
        progress.tick(done - reported, done);
        reported = done;
      },
    });
  });
  (progress as Progress | null)?.done();
  const text = report
    ? `${report.full ? 'full' : 'partial'} refresh: ${report.activities} activities, ${report.facts} facts, ${report.ms} ms`
    : 'totals already up to date';
  out(values, report ?? { activities: 0, full: false, facts: 0, ms: 0 }, text);
  return 0;
}

/** The public yearly report, as GET /{lang}/report/{year}.pdf gives it. */
async function reportCommand(config: Config, values: Values): Promise<number> {
  const year = ReportYear.safeParse(values.year);
  if (!year.success) throw new UsageError(`--year: ${year.error.issues[0]?.message ?? 'invalid'}`);
  const locale = values.lang ?? '';
  if (!isLocale(locale)) throw new UsageError('--lang must be one of sq, sr-Latn, sr-Cyrl, en');
  const currency = values.currency ?? 'EUR';
  if (!(PORTAL_CURRENCIES as readonly string[]).includes(currency))
    throw new UsageError(`--currency must be one of ${PORTAL_CURRENCIES.join(', ')}`);
  const file = values.out ?? '';
  const bytes = await withDb(config, async (db) => {
    await prepareDatabase(db);
    const pdf = await reportPdf(await loadReport(db, locale, year.data, portalCurrency(currency)));
    await writeFile(file, pdf);
    return pdf.length;
  });
  out(values, { file, bytes, year: year.data, lang: locale }, `${file}: ${bytes} bytes`);
  return 0;
}

async function statsCommand(config: Config, values: Values): Promise<number> {
  const raw: Record<string, string> = {};
  const map: [keyof Values, string][] = [
    ['group-by', 'group_by'],
    ['measure', 'measure'],
    ['currency', 'currency'],
    ['sector-vocabulary', 'sector_vocabulary'],
    ['lang', 'lang'],
    ['q', 'q'],
    ['municipality', 'municipality'],
    ['settlement', 'settlement'],
    ['sector', 'sector'],
    ['organisation', 'organisation'],
    ['role', 'role'],
    ['programme', 'programme'],
    ['status', 'status'],
    ['year-from', 'year_from'],
    ['year-to', 'year_to'],
  ];
  for (const [flag, key] of map) {
    const v = values[flag];
    if (typeof v === 'string') raw[key] = v;
  }
  const parsed = TotalsQuery.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues
        .map((i) => `--${String(i.path[0]).replaceAll('_', '-')}: ${i.message}`)
        .join('; '),
    );
  }
  const { group_by, measure, currency, sector_vocabulary, lang, ...filters } = parsed.data;
  const result = await withDb(config, async (db) => {
    await prepareDatabase(db);
    // The command line is the office's own tool: it sees every activity, as signed-in staff do.
    return getTotals(db, CLI_ACTOR, {
      groupBy: group_by,
      measure,
      currency,
      sectorVocabulary: sector_vocabulary,
      lang,
      filters,
    });
  });
  out(values, result, formatTotals(result));
  return 0;
}

function exportFilters(values: Values): ExportQuery {
  const raw: Record<string, string> = {};
  const map: [keyof Values, string][] = [
    ['q', 'q'],
    ['municipality', 'municipality'],
    ['sector', 'sector'],
    ['organisation', 'organisation'],
    ['role', 'role'],
    ['programme', 'programme'],
    ['status', 'status'],
    ['year-from', 'year_from'],
    ['year-to', 'year_to'],
  ];
  for (const [flag, key] of map) {
    const v = values[flag];
    if (typeof v === 'string') raw[key] = v;
  }
  const parsed = ExportQuerySchema.safeParse(raw);
  if (!parsed.success) {
    throw new UsageError(
      parsed.error.issues
        .map((i) => `--${String(i.path[0]).replace('_', '-')}: ${i.message}`)
        .join('; '),
    );
  }
  return parsed.data;
}

async function writeFileExport<T>(path: string, write: (sink: Writable) => Promise<T>): Promise<T> {
  const file = createWriteStream(path);
  const finished = new Promise<void>((resolve, reject) => {
    file.once('finish', resolve);
    file.once('error', reject);
  });
  const result = await write(file);
  file.end();
  await finished;
  return result;
}

async function exportCommand(config: Config, values: Values): Promise<number> {
  const query = exportFilters(values);
  const publisher = officePublisher(config.IATI_PUBLISHER_REF);
  return withDb(config, async (db) => {
    await prepareDatabase(db);
    const progress = new Progress('export', values.json === true || !process.stderr.isTTY);
    if (values['split-by-publisher']) {
      const dir = values.out;
      if (!dir) throw new UsageError('--split-by-publisher needs --out DIR');
      mkdirSync(dir, { recursive: true });
      const files: { file: string; activities: number; skipped: Skipped[] }[] = [];
      for (const ref of await publisherRefs(db, publisher)) {
        const file = join(dir, `${ref.replace(/[^A-Za-z0-9._-]+/g, '_')}.xml`);
        const r = await writeFileExport(file, (sink) =>
          exportIati(db, null, query, sink, {
            publisher,
            reportingOrgRef: ref,
            onActivity: () => progress.tick(),
          }),
        );
        // A publisher none of whose activities pass the filter gets no file (an empty one is not valid IATI).
        if (r.activities === 0) rmSync(file);
        else files.push({ file, activities: r.activities, skipped: r.skipped });
      }
      const orgFile = join(dir, 'organisations.xml');
      await writeFileExport(orgFile, (sink) => exportOrganisations(db, sink, { publisher }));
      progress.done();
      out(
        values,
        { files, organisations: orgFile },
        files
          .map((f) => `${f.file}: ${f.activities} activities`)
          .concat(orgFile)
          .join('\n'),
      );
      reportSkipped(files.flatMap((f) => f.skipped));
      return 0;
    }
    const target = values.out;
    let result: ExportResult;
    if (target) {
      result = await writeFileExport(target, (sink) =>
        exportIati(db, null, query, sink, {
          publisher,
          ...(values['reporting-org'] ? { reportingOrgRef: values['reporting-org'] } : {}),
          onActivity: () => progress.tick(),
        }),
      );
      progress.done();
      out(
        values,
        {
          file: target,
          activities: result.activities,
          bytes: result.bytes,
          skipped: result.skipped,
        },
        `${target}: ${result.activities} activities, ${result.bytes} bytes`,
      );
    } else {
      result = await exportIati(db, null, query, process.stdout, {
        publisher,
        ...(values['reporting-org'] ? { reportingOrgRef: values['reporting-org'] } : {}),
      });
    }
    reportSkipped(result.skipped);
    return 0;
  });
}

async function exportTableCommand(
  config: Config,
  values: Values,
  format: 'csv' | 'xlsx',
  list: 'activities' | 'organisations',
): Promise<number> {
  const query = exportFilters(values);
  const locale = values.lang ?? 'en';
  if (!isLocale(locale)) throw new UsageError('--lang must be one of sq, sr-Latn, sr-Cyrl, en');
  return withDb(config, async (db) => {
    await prepareDatabase(db);
    const progress = new Progress(
      `export ${list}`,
      values.json === true || !process.stderr.isTTY || !values.out,
    );
    const source =
      list === 'activities'
        ? activityRows(db, SYSTEM_IMPORTER, query, locale)
        : organisationRows(db, SYSTEM_IMPORTER, { q: query.q }, locale);
    let rows = 0;
    async function* counted() {
      for await (const row of source) {
        rows++;
        progress.tick();
        yield row;
      }
    }
    const columns = list === 'activities' ? ACTIVITY_COLUMNS : ORGANISATION_COLUMNS;
    const sink: Writable = values.out ? createWriteStream(values.out) : process.stdout;
    if (format === 'csv') {
      await pipeline(Readable.from(csvLines(columns, counted(), { locale })), sink, {
        end: sink !== process.stdout,
      });
    } else {
      const finished = values.out ? once(sink, 'finish') : Promise.resolve();
      await writeXlsx(columns, counted(), sink, { locale, sheetName: list });
      await finished;
    }
    progress.done();
    if (values.out) out(values, { file: values.out, rows }, `${values.out}: ${rows} rows`);
    return 0;
  });
}

async function documentsAddCommand(
  config: Config,
  values: Values,
  files: string[],
): Promise<number> {
  const owners = (
    [
      ['activity', values.activity],
      ['organisation', values.organisation],
      ['result', values.result],
    ] as const
  ).filter(([, id]) => id !== undefined);
  const [owner] = owners;
  if (!owner || owners.length > 1 || !owner[1])
    throw new UsageError('Name exactly one owner: --activity ID, --organisation ID or --result ID');
  const meta = DocumentCreate.safeParse({
    ...(values.title ? { title: { [values.lang ?? 'en']: values.title } } : {}),
    ...(values.category ? { category: values.category } : {}),
    ...(values.language ? { languages: values.language.split(',').map((l) => l.trim()) } : {}),
    ...(values.date ? { document_date: values.date } : {}),
  });
  if (!meta.success)
    throw new UsageError(
      meta.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '),
    );
  const store = fileStoreFromConfig(config);
  const added: DocumentOut[] = [];
  await withDb(config, async (db) => {
    await prepareDatabase(db);
    for (const file of files) {
      try {
        statSync(file);
      } catch {
        throw new UsageError(`Cannot read ${file}: no such file.`);
      }
      const received = await receiveFile(
        createReadStream(file),
        basename(file),
        store.tempDir,
        config.FILES_MAX_BYTES,
      );
      const doc = await addDocument(
        db,
        store,
        SYSTEM_IMPORTER,
        { type: owner[0], id: owner[1] ?? '' },
        meta.data,
        received,
      );
      added.push(doc);
      log(values, `${file}: document ${doc.id} (${doc.content_type}, ${doc.size} bytes)`);
    }
  });
  out(values, { documents: added }, `${added.length} document(s) added.`);
  return 0;
}

function reportSkipped(skipped: Skipped[]): void {
  for (const k of skipped)
    process.stderr.write(`not exported: ${k.identifier}: ${k.reasons.join('; ')}\n`);
}

const SYSTEM_IMPORTER = {
  userId: '00000000-0000-0000-0000-000000000002',
  email: 'cli@koordinata.invalid',
  role: 'admin' as const,
  organisationId: null,
  municipalityId: null,
};

function describeReport(file: string, r: ImportReport): string {
  const c = r.counts;
  const lines = [
    `${file}: ${r.status} — ${c.new} new, ${c.changed} changed, ${c.unchanged} unchanged, ${c.rejected} rejected` +
      (r.status === 'committed'
        ? `; ${c.organisations_created} organisations created, ${c.linked} links between related records`
        : ''),
  ];
  for (const p of r.problems.slice(0, 200)) {
    const where = p.line !== null ? `${p.line}:${p.column ?? 0}` : '-';
    lines.push(
      `  ${p.severity.padEnd(8)} ${where.padEnd(10)} ${p.code.padEnd(34)} ${p.activity ?? ''} ${p.message}`,
    );
  }
  const more =
    Object.values(r.problem_counts).reduce((a, b) => a + b, 0) - Math.min(200, r.problems.length);
  if (more > 0) lines.push(`  … and ${more} more problems (use --json for all of them)`);
  for (const ch of r.changes.filter((x) => x.status === 'changed').slice(0, 50)) {
    lines.push(`  changed ${ch.identifier}: ${ch.fields.map((f) => f.path).join(', ')}`);
  }
  return lines.join('\n');
}

async function importCommand(config: Config, values: Values, files: string[]): Promise<number> {
  const reports: { file: string; report: ImportReport }[] = [];
  await withDb(config, async (db) => {
    await prepareDatabase(db);
    for (const file of files) {
      let size: number;
      try {
        size = statSync(file).size;
      } catch {
        throw new UsageError(`Cannot read ${file}: no such file.`);
      }
      const progress = new Progress(
        `import ${file}`,
        values.json === true || !process.stderr.isTTY,
        size,
      );
      const parsed = parsedFile(createReadStream(file), {
        maxBytes: config.IATI_IMPORT_MAX_BYTES,
      });
      const report = await importIati(db, SYSTEM_IMPORTER, parsed, {
        fileName: file,
        dryRun: values['dry-run'] === true,
        strict: values.strict === true,
        ...(values.publisher ? { publisher: values.publisher } : {}),
        onProgress: (p) => progress.tick(1, p.bytes),
      });
      progress.done();
      reports.push({ file, report });
      if (!values.json) process.stdout.write(describeReport(file, report) + '\n');
    }
  });
  if (values.json)
    process.stdout.write(
      JSON.stringify(reports.length === 1 ? reports[0]?.report : reports, null, 2) + '\n',
    );
  // A file refused whole is a failed command; activities rejected inside an import are not.
  return reports.some((r) => r.report.status === 'rejected') ? 3 : 0;
}

function optionWith<T>(
  flag: string,
  value: string | undefined,
  parse: (v: string) => { success: boolean; data?: T },
): T | null {
  if (value === undefined) return null;
  const r = parse(value);
  if (!r.success || r.data === undefined)
    throw new UsageError(`--${flag}: "${value}" is not valid`);
  return r.data;
}

async function ratesCommand(
  config: Config,
  values: Values,
  sub: string | undefined,
  file: string | undefined,
): Promise<number> {
  if (sub === 'import') {
    if (!file) throw new UsageError('Usage: koordinata rates import FILE [--source NAME] [--json]');
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      throw new UsageError(`Cannot read ${file}: no such file.`);
    }
    let progress: Progress | null = null;
    let reported = 0;
    const result = await withDb(config, async (db) => {
      await prepareDatabase(db);
      return importRates(db, SYSTEM_IMPORTER, text, {
        source: values.source,
        fileName: file,
        onProgress: (done, total) => {
          progress ??= new Progress(
            `rates ${file}`,
            values.json === true || !process.stderr.isTTY,
            total,
            'quotes',
          );
          progress.tick(done - reported, done);
          reported = done;
        },
      });
    });
    (progress as Progress | null)?.done();
    out(
      values,
      result,
      `${file}: ${result.quotes} quotes (${result.layout} layout, source "${result.source}") for ${result.currencies.join(', ')}, ${result.first} … ${result.last}: ${result.inserted} new, ${result.updated} replaced, ${result.unchanged} unchanged.`,
    );
    return 0;
  }
  if (sub === 'list') {
    const currency = optionWith('currency', values.currency, (v) => CurrencyCode.safeParse(v));
    const from = optionWith('from', values.from, (v) => IsoDate.safeParse(v));
    const to = optionWith('to', values.to, (v) => IsoDate.safeParse(v));
    return withDb(config, async (db) => {
      await prepareDatabase(db);
      if (!currency) {
        const summary = await rateSummary(db);
        out(
          values,
          summary,
          summary
            .map((s) => `${s.currency}  ${s.quotes} quotes  ${s.first} … ${s.last}`)
            .join('\n'),
        );
        return 0;
      }
      const rows = await listRates(db, { currency, from, to, after: null, limit: 1_000_000 });
      out(
        values,
        rows.map((r) => ({
          currency: r.currency,
          date: r.rate_date,
          per_eur: r.per_eur,
          source: r.source,
        })),
        rows.map((r) => `${r.currency}  ${r.rate_date}  ${r.per_eur}  ${r.source}`).join('\n'),
      );
      return 0;
    });
  }
  throw new UsageError(
    'Usage: koordinata rates import FILE [--source NAME] | rates list [--currency CODE]',
  );
}
