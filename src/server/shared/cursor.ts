import { BadRequestError } from '../errors.js';

/** Keyset cursors: the sort key and id of the last row, opaque to callers. */
export interface Cursor {
  k: string;
  id: string;
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify([c.k, c.id])).toString('base64url');
}

export function decodeCursor(raw: string | undefined): Cursor | null {
  if (raw === undefined || raw === '') return null;
  try {
    const v: unknown = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (
      Array.isArray(v) &&
      v.length === 2 &&
      typeof v[0] === 'string' &&
      typeof v[1] === 'string'
    ) {
      return { k: v[0], id: v[1] };
    }
  } catch {
    // fall through to the error below
  }
  throw new BadRequestError('The cursor is not one this API returned.', [
    { path: 'cursor', message: 'invalid cursor' },
  ]);
}
