import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hono } from 'hono';
import { createRequestHandler, type ServerBuild } from 'react-router';
import type { Actor } from '../auth/actor.js';
import type { Database } from '../db/db.js';
import type { FileStore } from '../documents/documents.storage.js';
import type { AppEnv } from '../http/context.js';
import type { Mailer } from '../mail/mail.js';
import { projectPath } from '../paths.js';
import {
  isUiLocale,
  newRandomToken,
  resolveSession,
  sameSecret,
  type SessionInfo,
  type UiLocale,
} from '../sessions/sessions.service.js';
import {
  clearSessionCookie,
  CSRF_COOKIE,
  csrfCookie,
  LOCALE_COOKIE,
  localeCookie,
  readCookies,
  SESSION_COOKIE,
  sessionCookie,
} from './office.cookies.js';
import { postedCsrf } from './office.csrf.js';
import { officeServices, type OfficeServices } from './office.services.js';

/** What each back-office request's loaders and actions receive. */
export interface OfficeContext {
  db: Database;
  actor: Actor | null;
  session: SessionInfo | null;
  sessionToken: string | null;
  csrfToken: string;
  locale: UiLocale;
  client: string;
  secure: boolean;
  publicUrl: string;
  /** Largest IATI file an upload may carry. */
  importMaxBytes: number;
  mailer: Mailer | null;
  services: OfficeServices;
  /** Where uploaded documents go, and the largest file accepted (as for the API). */
  files: FileStore;
  filesMaxBytes: number;
  cookies: {
    session: (token: string) => string;
    clearSession: () => string;
    locale: (locale: string) => string;
  };
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

function clientAddress(c: { env: unknown }): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)
    ?.incoming;
  return incoming?.socket?.remoteAddress ?? 'local';
}

/**
 * Serves the back office (React Router, built by `react-router build` into build/) under
 * /office: its hashed assets, and every page through the router with the signed-in actor.
 * Sessions come from the kt_session cookie; each POST must carry the CSRF token of the session
 * (or, before sign-in, of the kt_csrf cookie) in its `_csrf` field.
 */
export function mountOffice(
  app: Hono<AppEnv>,
  opts: {
    db: Database;
    publicUrl?: string;
    importMaxBytes: number;
    mailer: Mailer | null;
    files: FileStore;
    filesMaxBytes: number;
  },
) {
  const buildDir = projectPath('build');
  let handler: Promise<ReturnType<typeof createRequestHandler> | null> | null = null;
  const load = () =>
    (handler ??= (async () => {
      const entry = join(buildDir, 'server', 'index.js');
      if (!existsSync(entry)) return null;
      const build = (await import(pathToFileURL(entry).href)) as ServerBuild;
      return createRequestHandler(build, 'production');
    })());

  app.get('/office/assets/*', async (c) => {
    const root = join(buildDir, 'client');
    const file = normalize(join(root, c.req.path.slice('/office'.length)));
    if (!file.startsWith(root + '/')) return c.notFound();
    try {
      const body = await readFile(file);
      return c.body(body, 200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'cache-control': 'public, max-age=31536000, immutable',
      });
    } catch {
      return c.notFound();
    }
  });

  // Hono is not strict about trailing slashes: /office and /office/ both land here.
  app.all('/office', (c, next) =>
    new URL(c.req.url).pathname === '/office'
      ? Promise.resolve(c.redirect('/office/', 301))
      : next(),
  );
  app.all('/office/*', async (c) => {
    const h = await load();
    if (!h) {
      return c.text('The back office is not built: run `npm run build`.', 503);
    }
    const secure = (opts.publicUrl ?? c.req.url).startsWith('https:');
    const cookies = readCookies(c.req.header('cookie'));
    const sessionToken = cookies.get(SESSION_COOKIE) ?? null;
    const session = sessionToken ? await resolveSession(opts.db, sessionToken) : null;
    let anonCsrf = cookies.get(CSRF_COOKIE) ?? null;
    const setCookies: string[] = [];
    if (!anonCsrf || !/^[A-Za-z0-9_-]{43}$/.test(anonCsrf)) {
      anonCsrf = newRandomToken();
      setCookies.push(csrfCookie(anonCsrf, secure));
    }
    if (sessionToken && !session) setCookies.push(clearSessionCookie(secure));
    const csrfToken = session?.csrfToken ?? anonCsrf;

    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      // Only one short text field is read, from a copy; the router parses the body itself.
      const sent = await postedCsrf(c.req.raw);
      if (!sent || !sameSecret(sent, csrfToken)) {
        return c.text(
          'This form has expired or did not come from this site. Go back, reload the page and try again.',
          403,
        );
      }
    }

    const cookieLocale = cookies.get(LOCALE_COOKIE);
    const locale: UiLocale =
      session?.locale ?? (isUiLocale(cookieLocale) ? cookieLocale : 'sr-Latn');
    const context: OfficeContext = {
      db: opts.db,
      actor: session?.actor ?? null,
      session,
      sessionToken: session ? sessionToken : null,
      csrfToken,
      locale,
      client: clientAddress(c),
      secure,
      publicUrl: opts.publicUrl ?? new URL(c.req.url).origin,
      importMaxBytes: opts.importMaxBytes,
      mailer: opts.mailer,
      services: officeServices,
      files: opts.files,
      filesMaxBytes: opts.filesMaxBytes,
      cookies: {
        session: (t) => sessionCookie(t, secure),
        clearSession: () => clearSessionCookie(secure),
        locale: (l) => localeCookie(l, secure),
      },
    };
    const res = await h(c.req.raw, { office: context });
    if (setCookies.length === 0) return res;
    const out = new Response(res.body, res);
    for (const v of setCookies) out.headers.append('set-cookie', v);
    return out;
  });
}
