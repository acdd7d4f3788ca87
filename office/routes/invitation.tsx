import {
  data,
  Form,
  Link,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { fieldIssues, isServiceError, office, translator } from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';

export async function loader({ context, params }: LoaderFunctionArgs) {
  const o = office(context);
  try {
    const inv = await o.services.openInvitation(o.db, params.token ?? '');
    return { valid: true as const, email: inv.email, role: inv.role };
  } catch (e) {
    if (isServiceError(e) && e.status === 404)
      return { valid: false as const, email: '', role: '' };
    throw e;
  }
}

export async function action({ context, params, request }: ActionFunctionArgs) {
  const o = office(context);
  const t = translator(context);
  const form = await request.formData();
  try {
    await o.services.acceptInvitation(o.db, params.token ?? '', {
      name: text(form, 'name'),
      password: text(form, 'password'),
    });
    return { ok: true as const, messages: [t('invite.done')] };
  } catch (e) {
    if (isServiceError(e) && [404, 409, 422].includes(e.status)) {
      const labels: Record<string, string> = {
        name: t('invite.name'),
        password: t('invite.password'),
      };
      return data(
        {
          ok: false as const,
          messages:
            e.status === 422
              ? fieldIssues(e).map((i) =>
                  t('error.field', { field: labels[i.path] ?? i.path, message: i.message }),
                )
              : [t('invite.invalid')],
        },
        { status: e.status },
      );
    }
    throw e;
  }
}

export default function Invitation() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  if (r?.ok) {
    return (
      <div className="page">
        <h1>{t('invite.title')}</h1>
        <p className="notice" role="status">
          {r.messages[0]}
        </p>
        <p>
          <Link to="/login">{t('signin.title')}</Link>
        </p>
      </div>
    );
  }
  if (!d.valid) {
    return (
      <div className="page">
        <h1>{t('invite.title')}</h1>
        <p role="alert">{t('invite.invalid')}</p>
      </div>
    );
  }
  return (
    <div className="page">
      <h1>{t('invite.title')}</h1>
      <p>{t('invite.for', { role: t(`role.${d.role}` as 'role.admin'), email: d.email })}</p>
      {r && (
        <div className="errors" role="alert">
          {r.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <Form method="post">
        <Csrf />
        <label htmlFor="name">{t('invite.name')}</label>
        <input id="name" name="name" type="text" autoComplete="name" required />
        <label htmlFor="password">{t('invite.password')}</label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
        />
        <p>
          <button type="submit">{t('invite.submit')}</button>
        </p>
      </Form>
    </div>
  );
}
