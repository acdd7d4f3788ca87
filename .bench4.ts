import { goodActivity } from './src/server/iati/parse/parse.test-helpers.js';
import { XmlReader } from './src/server/iati/parse/xml.reader.js';
import { buildActivity, newBuildContext } from './src/server/iati/parse/build.activity.js';
const TRANSACTION = `<transaction><transaction-type code="3"/><transaction-date iso-date="2019-05-01"/>
  <value currency="EUR" value-date="2019-05-01">1250.50</value><description><narrative>Pump</narrative></description></transaction>`;
const parts: string[] = ['<iati-activities version="2.03">\n'];
let bytes = 0;
for (let i = 0; bytes < 20 * 1024 * 1024; i++) { const c = goodActivity(`X-${i}`, TRANSACTION.repeat(8)); bytes += c.length; parts.push(c); }
parts.push('</iati-activities>');
const buf = Buffer.from(parts.join(''));
for (const build of [false, true, false, true]) {
  const t = performance.now();
  const r = new XmlReader({ maxDepth: 20, maxNodeChars: 1e8 });
  let n = 0;
  for (let i = 0; i < buf.length; i += 65536) {
    r.write(buf.subarray(i, i + 65536).toString('utf8'));
    for (const a of r.ready.splice(0)) { n++; if (build) buildActivity(a.root, newBuildContext(a.root, null, 'en')); }
  }
  r.end();
  console.log('reader build=', build, n, (buf.length / 1e6 / ((performance.now() - t) / 1000)).toFixed(1), 'MB/s', r.problems.length);
}
