import { readFileSync } from 'node:fs';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import { prepareDatabase } from '../db/prepare.js';
import { searchActions } from '../meetings/actions.service.js';
import { ActionListQuery, type ActionOut } from '../meetings/meetings.schemas.js';
import { importNeedsCsv } from '../needs/needs.import.js';
import { pickNarrative } from '../text/index.js';

/** Commands of the dialogue with partners and the needs register, called from main.ts. */
export const DIALOGUE_HELP = `  needs import FILE.csv [--dry-run]
                                   import local needs from CSV, all lines or none; every problem
                                   is reported with its line (columns: see docs/decisions/009)
  actions overdue [--organisation ID]
                                   follow-up actions past their due date (Europe/Belgrade)`;

const CLI_ACTOR: Actor = {
  userId: '00000000-0000-0000-0000-000000000003',
  email: 'cli@koordinata.invalid',
  role: 'admin',
  organisationId: null,
  municipalityId: null,
};

export interface DialogueCliContext {
  json: boolean;
  dryRun: boolean;
  organisation: string | undefined;
  withDb<T>(fn: (db: Database) => Promise<T>): Promise<T>;
  out(data: unknown, text: string): void;
  usage(message: string): never;
}

/** Runs the command when it is one of these; null means "not mine". */
export async function dialogueCommand(
  command: string,
  sub: string | undefined,
  args: string[],
  ctx: DialogueCliContext,
): Promise<number | null> {
  if (command === 'needs') {
    if (sub !== 'import' || args.length !== 1 || !args[0])
      ctx.usage('Usage: koordinata needs import FILE.csv [--dry-run] [--json]');
    return needsImport(args[0], ctx);
  }
  if (command === 'actions') {
    if (sub !== 'overdue' || args.length)
      ctx.usage('Usage: koordinata actions overdue [--organisation ID] [--json]');
    return actionsOverdue(ctx);
  }
  return null;
}

async function needsImport(file: string, ctx: DialogueCliContext): Promise<number> {
  let csv: string;
  try {
    csv = readFileSync(file, 'utf8');
  } catch (e) {
    ctx.usage(`Cannot read ${file}: ${(e as Error).message}`);
  }
  const showProgress = !ctx.json && process.stderr.isTTY;
  let last = 0;
  const result = await ctx.withDb(async (db) => {
    await prepareDatabase(db);
    return importNeedsCsv(db, CLI_ACTOR, csv, {
      dryRun: ctx.dryRun,
      onProgress: (done, total) => {
        const now = Date.now();
        if (!showProgress || (now - last < 100 && done < total)) return;
        last = now;
        process.stderr.write(`\rneeds: ${done}/${total} lines checked`);
        if (done === total) process.stderr.write('\n');
      },
    });
  });
  ctx.out(
    result,
    result.dry_run
      ? `${file}: ${result.rows} line(s) checked, no problems; nothing written (--dry-run).`
      : `${file}: ${result.created} need(s) imported.`,
  );
  return 0;
}

function line(a: ActionOut): string {
  const owner =
    [
      a.owner_organisation_name
        ? pickNarrative(a.owner_organisation_name, ['en', 'sr-Latn', 'sq'])?.text
        : null,
      a.owner_user_email,
    ]
      .filter(Boolean)
      .join(' / ') || '—';
  const text = pickNarrative(a.description, ['en', 'sr-Latn', 'sq'])?.text ?? '';
  return `${a.due_on ?? '—'}  ${String(a.days_overdue ?? 0).padStart(4)} d  ${owner}: ${text}`;
}

async function actionsOverdue(ctx: DialogueCliContext): Promise<number> {
  const items: ActionOut[] = [];
  let today = '';
  await ctx.withDb(async (db) => {
    await prepareDatabase(db);
    let cursor: string | undefined;
    do {
      const page = await searchActions(
        db,
        CLI_ACTOR,
        ActionListQuery.parse({
          view: 'overdue',
          limit: 500,
          ...(ctx.organisation ? { owner_organisation: ctx.organisation } : {}),
          ...(cursor ? { cursor } : {}),
        }),
      );
      today = page.today;
      items.push(...page.items);
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  });
  ctx.out(
    { today, items },
    items.length
      ? `${items.length} overdue action(s) on ${today} (Europe/Belgrade):\n${items.map(line).join('\n')}`
      : `No overdue actions on ${today} (Europe/Belgrade).`,
  );
  return 0;
}
