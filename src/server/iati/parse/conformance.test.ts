import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { IatiProblem } from '../iati.model.js';
import { loadCodelistIndex } from './codelists.js';
import { DETECTED, LEFT_TO_XMLLINT } from './conformance.fixtures.js';
import { chunked, collect, FIXTURES } from './parse.test-helpers.js';

const ROOT = join(FIXTURES, 'iati-standard', 'conformance');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p) : [relative(ROOT, p)];
  });
}

const all = files(ROOT).sort();
const shouldPass = all.filter((f) => f.includes('should-pass'));
const shouldFail = all.filter((f) => f.includes('should-fail'));

async function problemsOf(file: string, validate: boolean): Promise<IatiProblem[]> {
  const { activities, summary } = await collect(chunked(readFileSync(join(ROOT, file))), {
    validate: validate
      ? { codelists: loadCodelistIndex(), now: new Date('2026-11-25') }
      : undefined,
  });
  return [...summary.problems, ...activities.flatMap((a) => a.problems)];
}

describe('IATI schema conformance fixtures', () => {
  it('has them all', () => {
    expect(shouldPass.length).toBeGreaterThan(200);
    expect(shouldFail.length).toBe(324);
  });

  it('reads every should-pass file without a critical problem', async () => {
    for (const file of shouldPass) {
      const critical = (await problemsOf(file, false)).filter((p) => p.severity === 'critical');
      expect({ file, critical }).toEqual({ file, critical: [] });
    }
  });

  it('classifies every should-fail file as detected or left to xmllint', () => {
    const classified = new Set([...DETECTED.map(([f]) => f), ...Object.keys(LEFT_TO_XMLLINT)]);
    expect(shouldFail.filter((f) => !classified.has(f))).toEqual([]);
    expect([...classified].filter((f) => !shouldFail.includes(f))).toEqual([]);
  });

  it('flags each detected should-fail file for the reason it fails', async () => {
    for (const [file, code, path] of DETECTED) {
      const found = (await problemsOf(file, true)).map((p) => `${p.code} ${p.path ?? ''}`);
      expect(found, file).toContain(`${code} ${path}`);
    }
  });
});
