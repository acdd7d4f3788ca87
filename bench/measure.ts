export interface Stats {
  iterations: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
  min: number;
  max: number;
}

export interface MeasureOptions {
  warmup: number;
  /** Upper bound on timed iterations per path. */
  maxIterations: number;
  /** Timed iterations every path gets, even when the time budget is spent. */
  minIterations: number;
  /** Stop starting new iterations once both paths together have used this much. */
  budgetMs: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1] ?? Number.NaN;
}

export function summarise(samples: readonly number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    iterations: sorted.length,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    mean: sorted.length ? sum / sorted.length : Number.NaN,
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Lets timers and signals run. PGlite answers inside the same thread and its promises settle as
 * microtasks, so a loop of PGlite queries never returns to the event loop on its own: without
 * this, Ctrl-C would wait for the whole run.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

/**
 * Times several paths (here: the real code path and its baseline) in turn, iteration by
 * iteration, so that noise from the shared machine falls on all of them alike rather than on
 * whichever ran second.
 */
export async function measureAlternating(
  paths: readonly (() => Promise<unknown>)[],
  opts: MeasureOptions,
): Promise<Stats[]> {
  for (let i = 0; i < opts.warmup; i++) {
    for (const path of paths) await path();
    await yieldToEventLoop();
  }
  const samples: number[][] = paths.map(() => []);
  const started = performance.now();
  for (let i = 0; i < opts.maxIterations; i++) {
    if (i >= opts.minIterations && performance.now() - started > opts.budgetMs) break;
    for (const [k, path] of paths.entries()) samples[k]?.push(await timed(path));
    await yieldToEventLoop();
  }
  return samples.map(summarise);
}
