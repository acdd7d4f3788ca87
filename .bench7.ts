import { SaxesParser } from 'saxes';
import { goodActivity } from './src/server/iati/parse/parse.test-helpers.js';
import { XmlReader } from './src/server/iati/parse/xml.reader.js';
const TRANSACTION = `<transaction><transaction-type code="3"/><transaction-date iso-date="2019-05-01"/>
  <value currency="EUR" value-date="2019-05-01">1250.50</value><description><narrative>Pump</narrative></description></transaction>`;
const parts: string[] = ['<iati-activities version="2.03">\n'];
let bytes = 0;
for (let i = 0; bytes < 10 * 1024 * 1024; i++) { const c = goodActivity(`X-${i}`, TRANSACTION.repeat(8)); bytes += c.length; parts.push(c); }
parts.push('</iati-activities>');
const buf = Buffer.from(parts.join(''));
const chunks: string[] = []; for (let i = 0; i < buf.length; i += 65536) chunks.push(buf.subarray(i, i + 65536).toString('utf8'));
const rate = (t: number) => (buf.length / 1e6 / ((performance.now() - t) / 1000)).toFixed(1);
const v = process.argv[2];
for (let k = 0; k < 3; k++) {
  const r = new XmlReader({ maxDepth: 20, maxNodeChars: 1e8 }) as any;
  if (v === 'noop') for (const e of ['text','closetag','opentag','opentagstart']) r.sax.on(e, () => {});
  if (v === 'openstart-only') for (const e of ['text','closetag','opentag']) r.sax.on(e, () => {});
  if (v === 'open-only') { r.sax.on('text', () => {}); r.sax.on('closetag', () => { r.open.pop(); }); }
  const t = performance.now();
  for (const c of chunks) { r.write(c); r.ready.length = 0; }
  console.log(v, 'reader', rate(t));
}
const t = performance.now(); const s = new SaxesParser({ xmlns: false, position: true }); for (const c of chunks) s.write(c); console.log('standalone after', rate(t));
