import { ACTIVITY_SPEC, type ElementSpec } from './src/server/iati/parse/iati.elements.js';
function walk(s: ElementSpec, path: string) {
  const kind = s.text ? 'simple' : 'empty';
  const attrs = [...s.attrs].map((a) => a + (s.requiredAttrs.includes(a) ? '!' : '')).join(' ');
  const req = [...s.children].filter(([, c]) => c.required).map(([n]) => n).join(' ');
  console.log(`${path.padEnd(80)} ${kind.padEnd(6)} attrs=${attrs} req=${req}`);
  for (const [n, c] of s.children) walk(c, `${path}/${n}`);
}
walk(ACTIVITY_SPEC, 'iati-activity');
