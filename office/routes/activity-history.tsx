import {
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import {
  formatters,
  isServiceError,
  office,
  pick,
  requireActor,
  rethrowAsPage,
} from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';
import { labelFor } from '../lib/activity-data.server';

/** A stored value as a short text: narratives by language, lists item by item. */
function show(v: unknown, locale: string): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) {
    return v
      .map((item) => {
        if (item && typeof item === 'object') {
          const o = item as Record<string, unknown>;
          const org = o.organisation as { names?: Record<string, string> } | undefined;
          const place = o.place as { names?: Record<string, string> } | null | undefined;
          if (org?.names) return `${pick(org.names, locale)} (${String(o.role)})`;
          if (place?.names) return pick(place.names, locale);
          return Object.entries(o)
            .filter(([, x]) => x !== null && typeof x !== 'object')
            .map(([k, x]) => `${k}=${String(x)}`)
            .join(', ');
        }
        return String(item);
      })
      .join('; ');
  }
  if (typeof v === 'object') {
    return Object.entries(v as Record<string, unknown>)
      .map(([k, x]) => `${k}: ${typeof x === 'string' ? x : JSON.stringify(x)}`)
      .join(' · ');
  }
  return JSON.stringify(v);
}

const HIDDEN = new Set(['title_derived', 'description_derived', 'children_count', 'level']);

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const f = formatters(context);
  const id = params.id ?? '';
  try {
    const a = await o.services.getActivity(o.db, actor, id);
    const events = await o.services.historyOf(o.db, actor, 'activity', id);
    const canEdit = await o.services.canEditActivity(o.db, actor, a);
    return {
      id,
      title: pick(a.title, o.locale),
      version: a.version,
      canEdit,
      events: events
        .map((e) => {
          const before = (e.before ?? {}) as Record<string, unknown>;
          const after = (e.after ?? {}) as Record<string, unknown>;
          return {
            id: e.id,
            at: f.dateTime(e.at),
            who: e.user_email ?? '—',
            action: e.action as 'create' | 'update' | 'delete',
            version: e.version,
            restorable: e.after !== null && e.version !== a.version,
            changes: e.changed
              .filter((k) => !HIDDEN.has(k))
              .map((k) => ({
                field: labelFor(context, k),
                before: e.action === 'create' ? '' : show(before[k], o.locale),
                after: show(after[k], o.locale),
              })),
          };
        })
        .reverse(),
    };
  } catch (e) {
    return rethrowAsPage(e);
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const form = await request.formData();
  const id = params.id ?? '';
  try {
    const out = await o.services.restoreActivityVersion(
      o.db,
      actor,
      id,
      text(form, 'event'),
      Number(form.get('version') ?? '0'),
    );
    return redirect(`/activities/${id}?saved=${out.version}`);
  } catch (e) {
    if (isServiceError(e) && [403, 409, 422].includes(e.status)) {
      return { message: e.message };
    }
    throw e;
  }
}

export default function History() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <>
      <h1>{t('history.title', { title: d.title })}</h1>
      <p>
        <Link to={`/activities/${d.id}`}>{t('history.back')}</Link>
      </p>
      {r?.message && (
        <p className="errors" role="alert">
          {r.message}
        </p>
      )}
      {d.events.length === 0 && <p>{t('history.none')}</p>}
      {d.events.map((e) => (
        <section key={e.id} aria-labelledby={`event-${e.id}`} className="diff">
          <h2 id={`event-${e.id}`}>
            {e.at} — {e.who} — {t(`action.${e.action}`)}
            {e.version !== null ? ` (${t('history.version', { version: e.version })})` : ''}
          </h2>
          {e.changes.length > 0 && (
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('conflict.field')}</th>
                  <th scope="col">{t('history.before')}</th>
                  <th scope="col">{t('history.after')}</th>
                </tr>
              </thead>
              <tbody>
                {e.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{c.field}</th>
                    <td>{c.before ? <del>{c.before}</del> : '—'}</td>
                    <td>
                      <ins>{c.after}</ins>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {e.restorable && d.canEdit && (
            <Form method="post">
              <Csrf />
              <input type="hidden" name="event" value={e.id} />
              <input type="hidden" name="version" value={d.version} />
              <button type="submit" className="secondary">
                {t('history.restore')}
                <span className="muted">
                  {' '}
                  ({t('history.version', { version: e.version ?? '' })})
                </span>
              </button>
            </Form>
          )}
        </section>
      ))}
    </>
  );
}
