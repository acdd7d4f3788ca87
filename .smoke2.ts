import { createReadStream } from 'node:fs';
import { readIati } from './src/server/iati/parse/parse.js';
import { loadCodelistIndex } from './src/server/iati/parse/codelists.js';
const codelists = loadCodelistIndex();
const seen = new Map<string, string>();
await readIati(createReadStream(process.argv[2]!), (p) => {
  for (const pr of p.problems) { const k = pr.code + ' ' + pr.message.slice(0, 90); if (!seen.has(k)) seen.set(k, `${pr.line}:${pr.column} ${pr.path}`); }
}, { validate: { codelists } });
for (const [k, v] of seen) console.log(k, '@', v);
