/** Cookie names and attributes of the back office: httpOnly, SameSite=Lax, scoped to /office. */
export const SESSION_COOKIE = 'kt_session';
export const CSRF_COOKIE = 'kt_csrf';
export const LOCALE_COOKIE = 'kt_locale';

function cookie(name: string, value: string, secure: boolean, maxAge: number | null): string {
  return [
    `${name}=${value}`,
    'Path=/office',
    'HttpOnly',
    'SameSite=Lax',
    ...(secure ? ['Secure'] : []),
    ...(maxAge === null ? [] : [`Max-Age=${maxAge}`]),
  ].join('; ');
}

export function sessionCookie(token: string, secure: boolean): string {
  return cookie(SESSION_COOKIE, token, secure, null);
}

export function clearSessionCookie(secure: boolean): string {
  return cookie(SESSION_COOKIE, '', secure, 0);
}

export function csrfCookie(token: string, secure: boolean): string {
  return cookie(CSRF_COOKIE, token, secure, null);
}

export function localeCookie(locale: string, secure: boolean): string {
  return cookie(LOCALE_COOKIE, locale, secure, 365 * 24 * 3600);
}

export function readCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out.set(part.slice(0, i).trim(), part.slice(i + 1).trim());
  }
  return out;
}
