import { data, redirect, type AppLoadContext } from 'react-router';
import type { OfficeContext } from '../../src/server/office/office.mount.js';
import type { Actor } from '../../src/server/auth/actor.js';
import { catalogue, format, INTL_TAGS, type Catalogue, type MessageKey } from '../i18n/messages';

declare module 'react-router' {
  interface AppLoadContext {
    office: OfficeContext;
  }
}

export function office(context: AppLoadContext): OfficeContext {
  return context.office;
}

/**
 * Where to go back to after a form: a path inside the back office, given with or without its
 * /office prefix, as the router's redirects want it (they add the prefix).
 */
export function safeNext(next: unknown): string {
  const s = typeof next === 'string' ? next : '';
  if (!s.startsWith('/') || s.startsWith('//')) return '/';
  return s.startsWith('/office/') ? s.slice('/office'.length) : s;
}

/** The signed-in actor, or a redirect to the sign-in page that comes back here afterwards. */
export function requireActor(context: AppLoadContext, request: Request): Actor {
  const actor = context.office.actor;
  if (!actor) {
    const url = new URL(request.url);
    throw redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`);
  }
  return actor;
}

const cyrillic = new Map<string, Catalogue>();

export function messagesFor(context: AppLoadContext): Catalogue {
  const { locale, services } = context.office;
  if (locale !== 'sr-Cyrl') return catalogue(locale, (s) => s);
  let c = cyrillic.get('sr-Cyrl');
  if (!c) {
    c = catalogue('sr-Cyrl', services.latinToCyrillic);
    cyrillic.set('sr-Cyrl', c);
  }
  return c;
}

export function translator(context: AppLoadContext) {
  const m = messagesFor(context);
  return (key: MessageKey, values?: Record<string, string | number>) => format(m[key], values);
}

/** Numbers, money and dates are formatted here, on the server: browsers lack Albanian data. */
export function formatters(context: AppLoadContext) {
  const tag = INTL_TAGS[context.office.locale];
  const dateTime = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short' });
  const date = new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone: 'UTC' });
  const collator = new Intl.Collator(tag);
  return {
    dateTime: (iso: string) => dateTime.format(new Date(iso)),
    date: (iso: string) => date.format(new Date(`${iso}T00:00:00Z`)),
    money: (value: string, currency: string) => {
      // Decimal strings are formatted without passing through a float.
      const [whole = '0', frac = ''] = value.split('.');
      const parts = new Intl.NumberFormat(tag, {
        style: 'currency',
        currency,
        minimumFractionDigits: 2,
      }).formatToParts(BigInt(whole) as unknown as number);
      return parts
        .map((p) => (p.type === 'fraction' ? (frac + '00').slice(0, 2) : p.value))
        .join('');
    },
    number: (n: number) => new Intl.NumberFormat(tag).format(n),
    compare: (a: string, b: string) => collator.compare(a, b),
  };
}

/** Services throw typed errors with a code and a status; pages turn them into responses. */
export interface ServiceError {
  code: string;
  status: number;
  message: string;
  details?: unknown;
}

export function isServiceError(e: unknown): e is ServiceError {
  return (
    typeof e === 'object' &&
    e !== null &&
    'code' in e &&
    'status' in e &&
    typeof (e as { status: unknown }).status === 'number'
  );
}

/** Not found and forbidden become the error page with their status; anything else is rethrown. */
export function rethrowAsPage(e: unknown): never {
  if (isServiceError(e) && (e.status === 404 || e.status === 403 || e.status === 401)) {
    throw data({ message: e.message }, { status: e.status });
  }
  throw e;
}

export function fieldIssues(e: ServiceError): { path: string; message: string }[] {
  return Array.isArray(e.details)
    ? (e.details as { path?: unknown; message?: unknown }[]).map((d) => ({
        path: typeof d.path === 'string' ? d.path : '',
        message: typeof d.message === 'string' ? d.message : '',
      }))
    : [{ path: '', message: e.message }];
}

/** The text in the reader's language, falling back through the others. */
export function pick(n: Record<string, string>, locale: string): string {
  return (
    n[locale] ??
    (locale === 'sr-Cyrl' ? n['sr-Latn'] : undefined) ??
    n['sr-Latn'] ??
    n.en ??
    n.sq ??
    Object.values(n)[0] ??
    ''
  );
}
