import { SaxesParser } from 'saxes';
import { goodActivity } from './src/server/iati/parse/parse.test-helpers.js';
const TRANSACTION = `<transaction><transaction-type code="3"/><transaction-date iso-date="2019-05-01"/>
  <value currency="EUR" value-date="2019-05-01">1250.50</value><description><narrative>Pump</narrative></description></transaction>`;
const parts: string[] = ['<iati-activities version="2.03">\n'];
let bytes = 0;
for (let i = 0; bytes < 20 * 1024 * 1024; i++) { const c = goodActivity(`X-${i}`, TRANSACTION.repeat(8)); bytes += c.length; parts.push(c); }
parts.push('</iati-activities>');
const buf = Buffer.from(parts.join(''));
function run(label: string, setup: (p: SaxesParser<{ xmlns: false; position: true }>) => void, viaBuffer: boolean) {
  const t = performance.now();
  const p = new SaxesParser<{ xmlns: false; position: true }>({ xmlns: false, position: true });
  setup(p);
  for (let i = 0; i < buf.length; i += 65536) {
    p.write(viaBuffer ? buf.subarray(i, i + 65536).toString('utf8') : buf.toString('latin1', i, i+65536));
  }
  console.log(label, (buf.length / 1e6 / ((performance.now() - t) / 1000)).toFixed(1), 'MB/s');
}
for (let k = 0; k < 2; k++) {
run('bare', () => {}, true);
run('handlers', (p) => { p.on('opentagstart', () => {}); p.on('opentag', () => {}); p.on('closetag', () => {}); p.on('text', () => {}); }, true);
run('handlers+pos', (p) => { let x = 0; p.on('opentagstart', (t) => { x += p.position + p.columnIndex + p.line + t.name.length; }); p.on('opentag', () => { x += p.position; }); p.on('closetag', () => {x += p.column}); p.on('text', () => {}); }, true);
}
