import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { formatters, office, pick } from '../lib/context.server';
import { requireRoles, vocabulary } from '../lib/dialogue.server';
import { Csrf, useT } from '../lib/i18n';

const READERS = [
  'admin',
  'coordinator',
  'partner_editor',
  'municipality_editor',
  'viewer',
] as const;
const WRITERS = ['admin', 'coordinator', 'partner_editor', 'municipality_editor'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireRoles(context, request, READERS);
  const o = office(context);
  const f = formatters(context);
  const url = new URL(request.url);
  const q = url.searchParams.get('q') ?? '';
  const from = url.searchParams.get('from') ?? '';
  const to = url.searchParams.get('to') ?? '';
  const page = await o.services.dialogue.searchMeetings(
    o.db,
    actor,
    o.services.dialogue.schemas.MeetingListQuery.parse({
      ...(q ? { q } : {}),
      ...(DATE.test(from) ? { from } : {}),
      ...(DATE.test(to) ? { to } : {}),
      limit: '100',
    }),
  );
  const kinds = new Map(vocabulary(context).kinds.map((k) => [k.value, k.label]));
  return {
    q,
    from,
    to,
    canCreate: (WRITERS as readonly string[]).includes(actor.role),
    feed: `${o.publicUrl}/api/v1/meetings.ics?lang=${o.locale}`,
    items: page.items.map((m) => ({
      id: m.id,
      when:
        f.date(m.starts_local.slice(0, 10)) + (m.all_day ? '' : ` ${m.starts_local.slice(11, 16)}`),
      title: pick(m.title, o.locale),
      kind: kinds.get(m.kind) ?? m.kind,
      partners: m.organisations.map((p) => pick(p.names, o.locale)).join(', '),
      open: m.open_actions,
    })),
  };
}

/** A new private calendar URL (the only form on this page). */
export async function action({ context, request }: ActionFunctionArgs) {
  const actor = requireRoles(context, request, READERS);
  const o = office(context);
  const r = await o.services.dialogue.createCalendarToken(o.db, actor, o.publicUrl);
  return { url: r.url };
}

export default function Meetings() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <>
      <h1>{t('meetings.title')}</h1>
      <p className="row-actions">
        {d.canCreate && (
          <Link className="button" to="/meetings/new">
            {t('meetings.new')}
          </Link>
        )}
        <Link to="/actions?view=overdue">{t('nav.actions')}</Link>
      </p>
      <Form method="get" className="row-actions" role="search">
        <div>
          <label htmlFor="q">{t('meetings.search')}</label>
          <input id="q" name="q" type="search" defaultValue={d.q} />
        </div>
        <div>
          <label htmlFor="from">{t('meetings.from')}</label>
          <input id="from" name="from" type="date" defaultValue={d.from} />
        </div>
        <div>
          <label htmlFor="to">{t('meetings.to')}</label>
          <input id="to" name="to" type="date" defaultValue={d.to} />
        </div>
        <button type="submit">{t('dlg.filter')}</button>
      </Form>
      {d.items.length === 0 ? (
        <p>{t('meetings.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('meetings.col_date')}</th>
              <th scope="col">{t('meetings.col_title')}</th>
              <th scope="col">{t('meetings.col_kind')}</th>
              <th scope="col">{t('meetings.col_partners')}</th>
              <th scope="col" className="num">
                {t('meetings.col_open')}
              </th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((m) => (
              <tr key={m.id}>
                <td>{m.when}</td>
                <td>
                  <Link to={`/meetings/${m.id}`}>{m.title}</Link>
                </td>
                <td>{m.kind}</td>
                <td>{m.partners}</td>
                <td className="num">{m.open}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2>{t('meetings.calendar')}</h2>
      <p>
        <a href={d.feed} data-testid="calendar-feed">
          {t('meetings.calendar_public')}
        </a>
      </p>
      <Form method="post">
        <Csrf />
        <button type="submit">{t('meetings.calendar_private')}</button>
      </Form>
      {r && (
        <div className="notice" role="status">
          <p>{t('meetings.calendar_private_note')}</p>
          <p>
            <code data-testid="calendar-private">{r.url}</code>
          </p>
        </div>
      )}
    </>
  );
}
