import { readFileSync } from 'node:fs';
import { parseIati } from './src/server/iati/parse/parse.js';
import { loadCodelistIndex } from './src/server/iati/parse/codelists.js';
const file = process.argv[2]!;
const buf = readFileSync(file);
async function* chunks() { for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536); }
const codelists = loadCodelistIndex();
for (const validate of [false, true]) for (let k = 0; k < 4; k++) {
  const t = performance.now(); let n = 0;
  for await (const _ of parseIati(chunks(), validate ? { validate: { codelists } } : {})) n++;
  const ms = performance.now() - t;
  console.log(validate ? 'parse+validate' : 'parse', n, ms.toFixed(0) + ' ms', (buf.length / 1e6 / (ms / 1000)).toFixed(1), 'MB/s');
}
