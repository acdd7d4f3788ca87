/** Runs a step in a child process of its own (child.ts) and hands back its result. */
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { StepResult, StepSpec } from './steps.js';

/** child.ts when this runs as TypeScript (tsx), child.js when compiled. */
const CHILD = fileURLToPath(
  new URL(`./child${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url),
);

type Reply = { ok: true; result: StepResult } | { ok: false; error: string };

/** Children still running, to be stopped (by their own pid) if the run is interrupted. */
export const running = new Set<ChildProcess>();

export function runInChild(spec: StepSpec): Promise<StepResult> {
  return new Promise((resolve, reject) => {
    // The same Node flags as this process: under tsx, its loader, so the child runs TypeScript.
    const child = fork(CHILD, [JSON.stringify(spec)], {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    running.add(child);
    let reply: Reply | null = null;
    child.on('message', (m) => {
      reply = m as Reply;
    });
    child.on('error', (err) => {
      running.delete(child);
      reject(err);
    });
    child.on('exit', (code, signal) => {
      running.delete(child);
      if (reply?.ok) resolve(reply.result);
      else if (reply)
        reject(new Error(`${spec.label} failed in its child process:\n${reply.error}`));
      else
        reject(
          new Error(
            `${spec.label}: the child process ended (${signal ?? `exit code ${String(code)}`}) without a result`,
          ),
        );
    });
  });
}
