import {
  data,
  Form,
  redirect,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { isServiceError, office, safeNext, translator } from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';

export function loader({ context, request }: LoaderFunctionArgs) {
  const next = new URL(request.url).searchParams.get('next');
  if (office(context).actor) throw redirect(safeNext(next));
  return { next: safeNext(next) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const o = office(context);
  const t = translator(context);
  const form = await request.formData();
  const email = text(form, 'email');
  try {
    const { token } = await o.services.signIn(o.db, {
      email,
      password: text(form, 'password'),
      client: o.client,
    });
    // A session open before this sign-in is ended: each sign-in gets a new id.
    if (o.sessionToken) await o.services.signOut(o.db, o.sessionToken);
    return redirect(safeNext(form.get('next')), {
      headers: { 'set-cookie': o.cookies.session(token) },
    });
  } catch (e) {
    if (isServiceError(e) && e.status === 429) {
      const seconds =
        (e.details as { retry_after_seconds?: number } | undefined)?.retry_after_seconds ?? 900;
      return data(
        { error: t('signin.limited', { minutes: Math.ceil(seconds / 60) }), email },
        { status: 429 },
      );
    }
    if (isServiceError(e) && (e.status === 401 || e.status === 422)) {
      return data({ error: t('signin.wrong'), email }, { status: 401 });
    }
    throw e;
  }
}

export function meta() {
  return [{ title: 'Koordinata' }];
}

export default function Login() {
  const t = useT();
  const result = useActionData<typeof action>();
  return (
    <div className="page">
      <h1>{t('signin.title')}</h1>
      {result?.error && (
        <p className="errors" role="alert" id="signin-error">
          {result.error}
        </p>
      )}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="next" value={useNext()} />
        <label htmlFor="email">{t('signin.email')}</label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          defaultValue={result?.email ?? ''}
          aria-describedby={result?.error ? 'signin-error' : undefined}
        />
        <label htmlFor="password">{t('signin.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
        />
        <p>
          <button type="submit">{t('signin.submit')}</button>
        </p>
      </Form>
    </div>
  );
}

function useNext(): string {
  return useLoaderData<typeof loader>().next;
}
