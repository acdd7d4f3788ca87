import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { projectPath } from '../paths.js';

/**
 * The portal's few scripts, read once at start-up and served under a name carrying their
 * content hash, so browsers may keep them for a year and a new release is fetched at once.
 */

export interface Asset {
  name: string;
  url: string;
  body: string;
  type: string;
  etag: string;
}

const NAMES = ['explorer.js', 'search.js'] as const;
export type AssetName = (typeof NAMES)[number];

let loaded: Map<string, Asset> | null = null;

function load(): Map<string, Asset> {
  if (loaded) return loaded;
  loaded = new Map();
  for (const name of NAMES) {
    const body = readFileSync(projectPath('public', name), 'utf8');
    const hash = createHash('sha256').update(body).digest('hex').slice(0, 12);
    const url = `/assets/${name.replace(/\.js$/, '')}.${hash}.js`;
    loaded.set(url, { name, url, body, type: 'text/javascript; charset=utf-8', etag: `"${hash}"` });
  }
  return loaded;
}

export function assetUrl(name: string): string {
  for (const a of load().values()) if (a.name === name) return a.url;
  throw new Error(`unknown asset ${name}`);
}

export function assetAt(url: string): Asset | null {
  return load().get(url) ?? null;
}
