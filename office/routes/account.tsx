import {
  data,
  Form,
  useActionData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import {
  fieldIssues,
  isServiceError,
  office,
  requireActor,
  translator,
} from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';

export function loader({ context, request }: LoaderFunctionArgs) {
  requireActor(context, request);
  return null;
}

export async function action({ context, request }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const t = translator(context);
  const form = await request.formData();
  try {
    await o.services.changePassword(
      o.db,
      actor,
      {
        current: text(form, 'current'),
        next: text(form, 'next'),
        repeat: text(form, 'repeat'),
      },
      o.session?.id ?? null,
    );
    return { ok: true as const, messages: [t('account.changed')] };
  } catch (e) {
    if (isServiceError(e) && e.status === 422) {
      const labels: Record<string, string> = {
        current: t('account.current'),
        next: t('account.new'),
        repeat: t('account.repeat'),
      };
      return data(
        {
          ok: false as const,
          messages: fieldIssues(e).map((i) =>
            t('error.field', { field: labels[i.path] ?? i.path, message: i.message }),
          ),
        },
        { status: 422 },
      );
    }
    throw e;
  }
}

export default function Account() {
  const t = useT();
  const r = useActionData<typeof action>();
  return (
    <div className="page">
      <h1>{t('account.title')}</h1>
      <h2>{t('account.password')}</h2>
      {r && (
        <div className={r.ok ? 'notice' : 'errors'} role={r.ok ? 'status' : 'alert'}>
          {r.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <Form method="post">
        <Csrf />
        <label htmlFor="current">{t('account.current')}</label>
        <input
          id="current"
          name="current"
          type="password"
          autoComplete="current-password"
          required
        />
        <label htmlFor="next">{t('account.new')}</label>
        <input
          id="next"
          name="next"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
        />
        <label htmlFor="repeat">{t('account.repeat')}</label>
        <input
          id="repeat"
          name="repeat"
          type="password"
          autoComplete="new-password"
          required
          minLength={10}
        />
        <p>
          <button type="submit">{t('account.save')}</button>
        </p>
      </Form>
    </div>
  );
}
