import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseIati } from './src/server/iati/parse/parse.js';
import { loadCodelistIndex } from './src/server/iati/parse/codelists.js';
import { chunked } from './src/server/iati/parse/parse.test-helpers.js';
const ROOT = 'tests/fixtures/iati/iati-standard/conformance';
const walk = (d: string): string[] => readdirSync(d).flatMap((f) => { const p = join(d, f); return statSync(p).isDirectory() ? walk(p) : [p]; });
const files = walk(ROOT).sort();
const codelists = loadCodelistIndex();
async function run(f: string) {
  const gen = parseIati(chunked(readFileSync(f)), { validate: { codelists, now: new Date('2026-11-25') } });
  const probs: string[] = []; const parseProbs: string[] = [];
  for (;;) { const n = await gen.next(); if (n.done) { for (const p of n.value.problems) { probs.push(`${p.severity[0]} ${p.code} ${p.path ?? ''}`); parseProbs.push(`${p.severity[0]} ${p.code}`);} break; }
    for (const p of n.value.problems) probs.push(`${p.severity[0]} ${p.code} ${p.path ?? ''}`); }
  return probs;
}
const noise = new Set<string>();
const norm = (s: string) => s.replace(/\[\d+\]/g, '[]');
for (const f of files.filter((f) => f.includes('should-pass'))) {
  const p = await run(f);
  if (p.some((x) => x.startsWith('c ') && !/identifier_missing|title_missing|reporting_org|date\.|value\.|percentage\./.test(x))) console.log('PASS-CRIT', relative(ROOT, f), p.filter(x=>x.startsWith('c ')));
  for (const x of p) noise.add(norm(x));
}
for (const f of files.filter((f) => f.includes('should-fail'))) {
  const p = await run(f);
  const text = readFileSync(f, 'utf8');
  const m = /<!--([\s\S]*?)-->/.exec(text);
  const signal = [...new Set(p.filter((x) => !noise.has(norm(x))))];
  console.log(`${relative(ROOT, f)} | ${(m?.[1] ?? '').replace(/\s+/g, ' ').trim().slice(0, 90)} | ${signal.join(' ; ')}`);
}
