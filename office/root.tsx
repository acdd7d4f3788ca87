import {
  Form,
  isRouteErrorResponse,
  Links,
  Meta,
  NavLink,
  Outlet,
  Scripts,
  ScrollRestoration,
  useRouteError,
  useRouteLoaderData,
  type LoaderFunctionArgs,
} from 'react-router';
import type { ReactNode } from 'react';
import stylesHref from './styles.css?url';
import { LOCALE_NAMES, LOCALES } from './i18n/messages';
import { messagesFor, office } from './lib/context.server';
import { Csrf, useRoot, useT, type RootData } from './lib/i18n';

export const links = () => [
  { rel: 'stylesheet', href: stylesHref },
  { rel: 'icon', href: 'data:,' },
];

export function loader({ context, request }: LoaderFunctionArgs): RootData {
  const o = office(context);
  const url = new URL(request.url);
  return {
    locale: o.locale,
    messages: messagesFor(context),
    csrf: o.csrfToken,
    user: o.session
      ? { email: o.session.actor.email, name: o.session.name, role: o.session.actor.role }
      : null,
    path: url.pathname + url.search,
  };
}

function LanguageSwitch({ path }: { path: string }) {
  const t = useT();
  const root = useRoot();
  return (
    <Form method="post" action="/locale" className="lang">
      <Csrf />
      <input type="hidden" name="next" value={path} />
      <label htmlFor="locale-select">{t('nav.language')}</label>{' '}
      <select id="locale-select" name="locale" defaultValue={root.locale}>
        {LOCALES.map((l) => (
          <option key={l} value={l} lang={l}>
            {LOCALE_NAMES[l]}
          </option>
        ))}
      </select>{' '}
      <button type="submit">{t('nav.change_language')}</button>
    </Form>
  );
}

function Header({ data }: { data: RootData }) {
  const t = useT();
  const u = data.user;
  const staff = u?.role === 'admin' || u?.role === 'coordinator';
  return (
    <header className="top">
      <a className="skip" href="#main">
        {t('nav.skip')}
      </a>
      <div className="brand">{t('app.name')}</div>
      {u && (
        <nav aria-label={t('nav.main')}>
          <ul>
            <li>
              <NavLink to="/" end>
                {t('nav.activities')}
              </NavLink>
            </li>
            {staff && (
              <li>
                <NavLink to="/review">{t('nav.review')}</NavLink>
              </li>
            )}
            {/* Dialogue with partners, local needs, data quality, IATI import. */}
            <li>
              <NavLink to="/meetings">{t('nav.meetings')}</NavLink>
            </li>
            <li>
              <NavLink to="/actions">{t('nav.actions')}</NavLink>
            </li>
            <li>
              <NavLink to="/needs">{t('nav.needs')}</NavLink>
            </li>
            <li>
              <NavLink to="/quality">{t('nav.quality')}</NavLink>
            </li>
            {staff && (
              <li>
                <NavLink to="/iati">{t('nav.iati')}</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/organisations">{t('nav.organisations')}</NavLink>
            </li>
            {u.role === 'admin' && (
              <li>
                <NavLink to="/users">{t('nav.users')}</NavLink>
              </li>
            )}
            <li>
              <NavLink to="/account">{t('nav.account')}</NavLink>
            </li>
          </ul>
        </nav>
      )}
      <div className="tools">
        <LanguageSwitch path={data.path} />
        {u && (
          <Form method="post" action="/logout" className="signout">
            <Csrf />
            <span className="who">
              {t('nav.signed_in_as', {
                who: u.name ?? u.email,
                role: t(`role.${u.role}` as 'role.admin'),
              })}
            </span>{' '}
            <button type="submit">{t('nav.signout')}</button>
          </Form>
        )}
      </div>
    </header>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const data = useRouteLoaderData<RootData>('root');
  return (
    <html lang={data?.locale ?? 'sr-Latn'}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
      </head>
      <body>
        {data ? <Header data={data} /> : null}
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <ScrollRestoration />
        <Scripts />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function meta() {
  return [{ title: 'Koordinata' }];
}

export function ErrorBoundary() {
  const error = useRouteError();
  const data = useRouteLoaderData<RootData>('root');
  const m = data?.messages;
  let text = m?.['error.generic'] ?? 'Error';
  if (isRouteErrorResponse(error)) {
    const detail = (error.data as { message?: string } | undefined)?.message ?? '';
    if (error.status === 404) text = m?.['error.not_found'] ?? 'Not found';
    else if (error.status === 403)
      text = (m?.['error.forbidden'] ?? '{message}').replace('{message}', detail);
  }
  return (
    <div className="page">
      <h1>{m?.['error.title'] ?? 'Error'}</h1>
      <p role="alert">{text}</p>
    </div>
  );
}
