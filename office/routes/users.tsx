import {
  data,
  Form,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { loadChoices } from '../lib/activity-data.server';
import {
  fieldIssues,
  formatters,
  isServiceError,
  office,
  requireActor,
  translator,
} from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';
import { LOCALE_NAMES, LOCALES } from '../i18n/messages';

const ROLES = ['admin', 'coordinator', 'municipality_editor', 'partner_editor', 'viewer'] as const;

function requireAdmin(context: LoaderFunctionArgs['context'], request: Request) {
  const actor = requireActor(context, request);
  if (actor.role !== 'admin') {
    throw data({ message: translator(context)('role.admin') }, { status: 403 });
  }
  return actor;
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireAdmin(context, request);
  const o = office(context);
  const f = formatters(context);
  const choices = await loadChoices(context, actor);
  const invitations = await o.services.listAllInvitations(o.db, actor);
  return {
    organisations: choices.organisations,
    municipalities: choices.places
      .filter((p) => p.kind === 'municipality')
      .map((p) => ({ value: p.id, label: p.label })),
    invitations: invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      accepted: i.accepted_at !== null,
      expires: f.dateTime(i.expires_at),
    })),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const actor = requireAdmin(context, request);
  const o = office(context);
  const t = translator(context);
  const form = await request.formData();
  const role = text(form, 'role');
  const email = text(form, 'email');
  try {
    const r = await o.services.inviteUser(o.db, actor, {
      email,
      role: role as (typeof ROLES)[number],
      organisation: role === 'partner_editor' ? text(form, 'organisation') || null : null,
      municipality: role === 'municipality_editor' ? text(form, 'municipality') || null : null,
      locale: (text(form, 'locale') || 'sr-Latn') as 'sr-Latn',
    });
    const url = o.publicUrl + r.path;
    const mail = await o.services.mailInvitation(o.mailer, r.invitation, url);
    return {
      ok: true as const,
      email: r.invitation.email,
      url,
      mail,
      messages: [],
    };
  } catch (e) {
    if (isServiceError(e) && (e.status === 422 || e.status === 404)) {
      return data(
        {
          ok: false as const,
          email,
          url: '',
          mail: 'not_configured' as const,
          messages: fieldIssues(e).map((i) =>
            i.path ? t('error.field', { field: i.path, message: i.message }) : i.message,
          ),
        },
        { status: 422 },
      );
    }
    throw e;
  }
}

export default function Users() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <>
      <h1>{t('users.title')}</h1>
      <h2>{t('users.invite')}</h2>
      {r?.ok && (
        <div className="notice" role="status">
          <p>{t('users.link', { email: r.email })}</p>
          <p>
            <code data-testid="invitation-link">{r.url}</code>
          </p>
          <p className="muted" data-testid="invitation-mail">
            {r.mail === 'not_configured'
              ? t('users.mail_note')
              : t(r.mail === 'sent' ? 'users.mail_sent' : 'users.mail_failed', { email: r.email })}
          </p>
        </div>
      )}
      {r && !r.ok && (
        <div className="errors" role="alert">
          {r.messages.map((m) => (
            <p key={m}>{m}</p>
          ))}
        </div>
      )}
      <Form method="post">
        <Csrf />
        <div className="grid3">
          <div>
            <label htmlFor="email">{t('users.email')}</label>
            <input id="email" name="email" type="email" required />
          </div>
          <div>
            <label htmlFor="role">{t('users.role')}</label>
            <select id="role" name="role" defaultValue="partner_editor">
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`role.${role}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="organisation">{t('users.organisation')}</label>
            <select id="organisation" name="organisation" defaultValue="">
              <option value="">{t('edit.none')}</option>
              {d.organisations.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="municipality">{t('users.municipality')}</label>
            <select id="municipality" name="municipality" defaultValue="">
              <option value="">{t('edit.none')}</option>
              {d.municipalities.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="locale">{t('users.locale')}</label>
            <select id="locale" name="locale" defaultValue="sr-Latn">
              {LOCALES.map((l) => (
                <option key={l} value={l} lang={l}>
                  {LOCALE_NAMES[l]}
                </option>
              ))}
            </select>
          </div>
        </div>
        <p>
          <button type="submit">{t('users.send')}</button>
        </p>
      </Form>
      <h2>{t('users.invitations')}</h2>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('users.email')}</th>
            <th scope="col">{t('users.role')}</th>
            <th scope="col">{t('users.state')}</th>
            <th scope="col">{t('users.expires')}</th>
          </tr>
        </thead>
        <tbody>
          {d.invitations.map((i) => (
            <tr key={i.id}>
              <td>{i.email}</td>
              <td>{t(`role.${i.role}`)}</td>
              <td>{i.accepted ? t('users.accepted') : t('users.open')}</td>
              <td>{i.expires}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
