import { writeFileSync } from 'node:fs';
import type { Reporter, TestModule } from 'vitest/node';

/** Prints the closing line CI reads: "N passed, N failed, N skipped". */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: readonly TestModule[]): void {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const m of modules) {
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') passed++;
        else if (state === 'failed') failed++;
        else skipped++;
      }
      if (m.state() === 'failed' && [...m.children.allTests()].length === 0) failed++;
    }
    const engine = process.env.DATABASE_URL ? 'postgres' : 'pglite';
    process.stdout.write(`\n${engine}: ${passed} passed, ${failed} failed, ${skipped} skipped\n`);
    const report = process.env.KOORDINATA_TEST_REPORT;
    if (report) writeFileSync(report, JSON.stringify({ engine, passed, failed, skipped }));
  }
}
