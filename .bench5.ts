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
function run(label: string, patch: (r: any) => void, direct = false) {
  const r = new XmlReader({ maxDepth: 20, maxNodeChars: 1e8 }) as any;
  patch(r);
  const t = performance.now();
  for (const c of chunks) { if (direct) r.sax.write(c); else r.write(c); r.ready.length = 0; }
  console.log(label, (buf.length / 1e6 / ((performance.now() - t) / 1000)).toFixed(1), 'MB/s');
}
run('full', () => {});
run('direct sax.write', () => {}, true);
run('no text', (r) => r.sax.on('text', () => {}));
run('no close', (r) => r.sax.on('closetag', () => {}));
run('no open', (r) => r.sax.on('opentag', () => {}));
run('no openstart', (r) => r.sax.on('opentagstart', () => {}));
run('all noop', (r) => { for (const e of ['text','closetag','opentag','opentagstart']) r.sax.on(e, () => {}); });
import { SaxesParser } from 'saxes';
run('fresh sax direct', (r) => { r.sax = new SaxesParser({ xmlns: false, position: true }); }, true);
run('fresh sax + noop handlers direct', (r) => { r.sax = new SaxesParser({ xmlns: false, position: true }); for (const e of ['text','closetag','opentag','opentagstart','error','xmldecl','doctype','cdata']) r.sax.on(e, () => {}); }, true);
const t = performance.now(); const s = new SaxesParser({ xmlns: false, position: true }); for (const c of chunks) s.write(c); console.log('standalone', (buf.length / 1e6 / ((performance.now() - t) / 1000)).toFixed(1));
const t2 = performance.now(); const s2 = new SaxesParser({ xmlns: false, position: true }); for (const c of chunks) s2.write(c); console.log('standalone2', (buf.length / 1e6 / ((performance.now() - t2) / 1000)).toFixed(1));
