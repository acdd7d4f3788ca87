import { createReadStream } from 'node:fs';
import { readIati } from './src/server/iati/parse/parse.js';
await readIati(createReadStream(process.argv[2]!), (p) => {
  console.log(JSON.stringify(p.problems));
  console.log(JSON.stringify(p.activity, null, 1));
});
