import { parseIati } from './src/server/iati/parse/parse.js';
import { goodActivity } from './src/server/iati/parse/parse.test-helpers.js';
const TRANSACTION = `<transaction><transaction-type code="3"/><transaction-date iso-date="2019-05-01"/>
  <value currency="EUR" value-date="2019-05-01">1250.50</value><description><narrative>Pump</narrative></description></transaction>`;
async function* bigFile(mb: number) {
  yield Buffer.from('<iati-activities version="2.03">\n');
  let bytes = 0;
  for (let i = 0; bytes < mb * 1024 * 1024; i++) { const c = Buffer.from(goodActivity(`XM-DAC-41114-${i}`, TRANSACTION.repeat(8))); bytes += c.length; await Promise.resolve(); yield c; }
  yield Buffer.from('</iati-activities>');
}
const b = process.memoryUsage().heapUsed; let n = 0; const samples: number[] = [];
for await (const a of parseIati(bigFile(Number(process.argv[2] ?? 50)))) { n++; if (n % 2000 === 0) { (globalThis as any).gc(); } if (n % 2000 === 0) samples.push(Math.round((process.memoryUsage().heapUsed - b) / 1e6)); }
console.log(n, samples.join(' '));
(globalThis as any).gc?.(); console.log('after gc', Math.round((process.memoryUsage().heapUsed - b) / 1e6));
