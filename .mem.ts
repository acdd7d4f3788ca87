import { parseIati } from './src/server/iati/parse/parse.js';
import { goodActivity } from './src/server/iati/parse/parse.test-helpers.js';
const TRANSACTION = `<transaction><transaction-type code="3"/><transaction-date iso-date="2019-05-01"/>
  <value currency="EUR" value-date="2019-05-01">1250.50</value><description><narrative>Pump</narrative></description></transaction>`;
async function* bigFile(mb: number) {
  yield Buffer.from('<iati-activities version="2.03">\n');
  let bytes = 0;
  for (let i = 0; bytes < mb * 1024 * 1024; i++) { const c = Buffer.from(goodActivity(`X-${i}`, TRANSACTION.repeat(8))); bytes += c.length; yield c; }
  yield Buffer.from('</iati-activities>');
}
const t = performance.now(); let n = 0; let peak = 0; const b = process.memoryUsage().heapUsed;
for await (const a of parseIati(bigFile(50))) { n++; if (n % 500 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - b); }
console.log(n, (performance.now() - t).toFixed(0), 'ms', (peak / 1e6).toFixed(1), 'MB peak growth', (process.memoryUsage().rss/1e6).toFixed(0), 'MB rss');
