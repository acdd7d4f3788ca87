import { SaxesParser } from 'saxes';
import { goodActivity } from './src/server/iati/parse/parse.test-helpers.js';
const TRANSACTION = `<transaction><transaction-type code="3"/><transaction-date iso-date="2019-05-01"/>
  <value currency="EUR" value-date="2019-05-01">1250.50</value><description><narrative>Pump</narrative></description></transaction>`;
const parts: string[] = ['<iati-activities version="2.03">\n'];
let bytes = 0;
for (let i = 0; bytes < 10 * 1024 * 1024; i++) { const c = goodActivity(`X-${i}`, TRANSACTION.repeat(8)); bytes += c.length; parts.push(c); }
parts.push('</iati-activities>');
const buf = Buffer.from(parts.join(''));
const chunks: string[] = []; for (let i = 0; i < buf.length; i += 65536) chunks.push(buf.subarray(i, i + 65536).toString('utf8'));
const rate = (t: number) => (buf.length / 1e6 / ((performance.now() - t) / 1000)).toFixed(1);
type O = { xmlns: false; position: true };
class Fast extends SaxesParser<O> {
  constructor() {
    super({ xmlns: false, position: true });
    for (const e of ['error', 'xmldecl', 'doctype', 'cdata', 'text', 'closetag', 'opentag', 'opentagstart'] as const) this.on(e, () => {});
  }
}
for (let k = 0; k < 3; k++) {
  const s = new Fast();
  const t = performance.now(); for (const c of chunks) s.write(c); console.log('subclass', rate(t));
}
