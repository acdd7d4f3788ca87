import { createHash, randomBytes } from 'node:crypto';

const PREFIX = 'kt_';

/** A new API token; only its SHA-256 is stored, so a leaked database leaks no usable token. */
export function newToken(): { token: string; hash: string; prefix: string } {
  const token = PREFIX + randomBytes(32).toString('base64url');
  return { token, hash: hashToken(token), prefix: token.slice(0, 10) };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function looksLikeToken(value: string): boolean {
  return /^kt_[A-Za-z0-9_-]{43}$/.test(value);
}
