import { readFileSync } from 'node:fs';
import { ACTIVITY_SPEC, type ElementSpec } from './src/server/iati/parse/iati.elements.js';
const rep = JSON.parse(readFileSync('/tmp/scratch/rep.json', 'utf8')) as Record<string, boolean>;
const mine: Record<string, boolean> = {};
function walk(s: ElementSpec, path: string) { for (const [n, c] of s.children) { mine[`${path}/${n}`] = c.repeat; walk(c, `${path}/${n}`); } }
walk(ACTIVITY_SPEC, 'iati-activity');
for (const k of new Set([...Object.keys(rep), ...Object.keys(mine)])) if (rep[k] !== mine[k]) console.log('DIFF', k, rep[k], mine[k]);
console.log('checked', Object.keys(mine).length);
