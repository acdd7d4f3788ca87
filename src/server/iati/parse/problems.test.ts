import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from './problems.js';

const doc = readFileSync(fileURLToPath(new URL('./PROBLEMS.md', import.meta.url)), 'utf8');

describe('PROBLEMS.md', () => {
  it('documents every problem code once, with its severity', () => {
    const rows = [...doc.matchAll(/^\| `([a-z0-9_.]+)` +\| (critical|error|warning) +\|/gm)].map(
      (m) => [m[1], m[2]] as const,
    );
    expect(rows.map(([code]) => code).sort()).toEqual(Object.keys(PROBLEM_CODES).sort());
    expect(Object.fromEntries(rows)).toEqual(PROBLEM_CODES);
  });
});
