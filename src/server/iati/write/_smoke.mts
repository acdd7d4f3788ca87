import fc from 'fast-check';
import { iatiActivitiesArb, iatiOrganisationArb } from './arbitraries.js';
import { writeIatiActivities, writeIatiOrganisations } from './stream.js';
import { xmllint } from './xsd.testing.js';
const acts = fc.sample(iatiActivitiesArb(50), {
  numRuns: 1,
  seed: Number(process.argv[2] ?? 1),
})[0]!;
let xml = '';
const r = await writeIatiActivities(
  (async function* () {
    yield* acts;
  })(),
  (c) => {
    xml += c;
  },
  { generatedAt: '2026-11-25T09:00:00Z', onProblems: (p) => console.log(JSON.stringify(p)) },
);
console.log(r);
console.log(xmllint(xml, 'activities'));
console.log(xml.slice(0, 3000));
let ox = '';
await writeIatiOrganisations(
  fc.sample(iatiOrganisationArb, 5),
  (c) => {
    ox += c;
  },
  { generatedAt: '2026-11-25T09:00:00Z' },
);
console.log(xmllint(ox, 'organisations'));
