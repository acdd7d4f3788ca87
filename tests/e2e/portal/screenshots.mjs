// Screenshots of each portal page for the docs (docs/screenshots/portal-*.png), taken from a
// running server: `node tests/e2e/portal/screenshots.mjs http://127.0.0.1:3000`.
import { chromium } from '@playwright/test';
import { mkdirSync } from 'node:fs';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const list = await (await fetch(`${base}/api/v1/activities?q=kelmendi`)).json();
const project = list.items[0]?.id;
const partner = list.items[0]?.participants[0]?.organisation.id;
const programmes = await (await fetch(`${base}/api/v1/activities?q=pbild&hierarchy=1`)).json();
const programme = programmes.items[0]?.id;
const shots = [
  ['home-sq', '/sq/'],
  ['home-sr-Cyrl', '/sr-Cyrl/'],
  ['explorer-en', '/en/projects?municipality=70963'],
  ['project-sr-Latn', `/sr/project/${project}`],
  ['reports-sr-Latn', '/sr/report'],
  ['municipality-sq', '/sq/municipality/70963'],
  ['search-sr-Cyrl', `/sr-Cyrl/search?q=${encodeURIComponent('прешево')}`],
  ['data-en', '/en/data'],
  ...(partner ? [['partner-en', `/en/partner/${partner}`]] : []),
  ...(programme ? [['programme-sq', `/sq/programme/${programme}`]] : []),
];
mkdirSync('docs/screenshots', { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
for (const [name, path] of shots) {
  await page.goto(base + path);
  await page.screenshot({ path: `docs/screenshots/portal-${name}.png`, fullPage: true });
  process.stdout.write(`docs/screenshots/portal-${name}.png\n`);
}
await browser.close();
