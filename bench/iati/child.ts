/**
 * Entry point of the child process that runs one measured step (bench/iati/steps.ts). The
 * parent forks it with the step as JSON in argv[2] and gets the result back over IPC; progress
 * goes to the inherited stderr. One process per step: its peak RSS is the step's own.
 */
import { runStep, type StepSpec } from './steps.js';

/** One status line, rewritten in place on a terminal; whole lines in a log. */
function progress(line: string): void {
  if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K  ${line}`);
  else if (line) process.stderr.write(`  ${line}\n`);
}

function reply(message: unknown): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) {
      process.stdout.write(`${JSON.stringify(message)}\n`);
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => resolve());
  });
}

async function main(): Promise<void> {
  const arg = process.argv[2];
  if (!arg) throw new Error('usage: child.ts <step as JSON>');
  const spec = JSON.parse(arg) as StepSpec;
  const result = await runStep(spec, progress);
  if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
  await reply({ ok: true, result });
}

main()
  .then(() => process.exit(0))
  .catch(async (err: unknown) => {
    if (process.stderr.isTTY) process.stderr.write('\r\x1b[2K');
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    await reply({ ok: false, error: message });
    process.exit(1);
  });
