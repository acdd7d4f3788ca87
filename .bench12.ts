import { readFileSync } from 'node:fs';
import { parseIati } from './src/server/iati/parse/parse.js';
import { loadCodelistIndex } from './src/server/iati/parse/codelists.js';
const buf = readFileSync(process.argv[2]!);
async function* chunks() { for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536); }
const codelists = loadCodelistIndex(); const validate = process.argv[3] === 'v';
for (let k = 0; k < 8; k++) { for await (const _ of parseIati(chunks(), validate ? { validate: { codelists } } : {})); }
