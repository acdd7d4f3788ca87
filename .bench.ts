import { SaxesParser } from 'saxes';
import { goodActivity } from './src/server/iati/parse/parse.test-helpers.js';
import { parseIati } from './src/server/iati/parse/parse.js';
const TRANSACTION = `<transaction><transaction-type code="3"/><transaction-date iso-date="2019-05-01"/>
  <value currency="EUR" value-date="2019-05-01">1250.50</value><description><narrative>Pump</narrative></description></transaction>`;
const parts: string[] = ['<iati-activities version="2.03">\n'];
let bytes = 0;
for (let i = 0; bytes < 50 * 1024 * 1024; i++) { const c = goodActivity(`X-${i}`, TRANSACTION.repeat(8)); bytes += c.length; parts.push(c); }
parts.push('</iati-activities>');
const text = parts.join('');
const buf = Buffer.from(text);
console.log('MB', (buf.length / 1e6).toFixed(1));
for (const pos of [true, false]) {
  const t = performance.now();
  const p = new SaxesParser({ position: pos });
  let n = 0; p.on('opentag', () => n++); p.on('text', () => {}); p.on('closetag', () => {});
  for (let i = 0; i < text.length; i += 65536) p.write(text.slice(i, i + 65536));
  p.close();
  console.log('saxes position', pos, (buf.length / 1e6 / ((performance.now() - t) / 1000)).toFixed(1), 'MB/s');
}
async function* chunks() { for (let i = 0; i < buf.length; i += 65536) yield buf.subarray(i, i + 65536); }
for (let k = 0; k < 2; k++) {
  const t = performance.now(); let n = 0;
  for await (const _ of parseIati(chunks())) n++;
  console.log('parseIati', n, (buf.length / 1e6 / ((performance.now() - t) / 1000)).toFixed(1), 'MB/s');
}
