import { createReadStream } from 'node:fs';
import { readIati } from './src/server/iati/parse/parse.js';
import { loadCodelistIndex } from './src/server/iati/parse/codelists.js';
const file = process.argv[2]!;
const codelists = loadCodelistIndex();
const counts = new Map<string, number>();
let first: unknown;
const t = performance.now();
const summary = await readIati(createReadStream(file), (p) => {
  first ??= p;
  for (const pr of p.problems) counts.set(`${pr.severity} ${pr.code}`, (counts.get(`${pr.severity} ${pr.code}`) ?? 0) + 1);
}, { validate: { codelists } });
console.log(performance.now() - t, 'ms');
console.log(JSON.stringify(summary, null, 1).slice(0, 1500));
console.log([...counts].sort());
if (process.argv[3]) console.log(JSON.stringify(first, (k, v) => v instanceof Map ? undefined : v, 1).slice(0, 6000));
