import { Form, Link, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { formatters, office, pick } from '../lib/context.server';
import { requireRoles, vocabulary } from '../lib/dialogue.server';
import { useT } from '../lib/i18n';

const READERS = [
  'admin',
  'coordinator',
  'partner_editor',
  'municipality_editor',
  'viewer',
] as const;
const VIEWS = ['open', 'overdue', 'all'] as const;
type View = (typeof VIEWS)[number];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireRoles(context, request, READERS);
  const o = office(context);
  const f = formatters(context);
  const d = o.services.dialogue;
  const asked = new URL(request.url).searchParams.get('view') ?? 'open';
  const view: View = (VIEWS as readonly string[]).includes(asked) ? (asked as View) : 'open';
  const page = await d.searchActions(
    o.db,
    actor,
    d.schemas.ActionListQuery.parse({ view, limit: '500' }),
  );
  const statuses = new Map(vocabulary(context).statuses.map((s) => [s.value, s.label]));
  return {
    view,
    today: f.date(page.today),
    items: page.items.map((a) => ({
      id: a.id,
      description: pick(a.description, o.locale),
      meetingId: a.meeting_id,
      meeting: a.meeting_title ? pick(a.meeting_title, o.locale) : '',
      owner: a.owner_organisation_name
        ? pick(a.owner_organisation_name, o.locale)
        : (a.owner_user_email ?? ''),
      due: a.due_on ? f.date(a.due_on) : '',
      status: statuses.get(a.status) ?? a.status,
      overdue: a.overdue,
      days: a.days_overdue ?? 0,
    })),
  };
}

export default function Actions() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const viewLabel = {
    open: 'actions.view_open',
    overdue: 'actions.view_overdue',
    all: 'actions.view_all',
  } as const;
  return (
    <>
      <h1>{t('actions.title')}</h1>
      <p>{t('actions.today', { date: d.today })}</p>
      <Form method="get" className="row-actions">
        <fieldset className="choice">
          <legend>{t('actions.show')}</legend>
          {VIEWS.map((v) => (
            <span key={v} className="choice">
              <input
                type="radio"
                id={`view-${v}`}
                name="view"
                value={v}
                defaultChecked={d.view === v}
              />{' '}
              <label htmlFor={`view-${v}`}>{t(viewLabel[v])}</label>{' '}
            </span>
          ))}
        </fieldset>
        <button type="submit">{t('dlg.filter')}</button>
      </Form>
      {d.items.length === 0 ? (
        <p>{t('actions.empty')}</p>
      ) : (
        <table data-testid="actions-table">
          <thead>
            <tr>
              <th scope="col">{t('actions.col_description')}</th>
              <th scope="col">{t('actions.col_meeting')}</th>
              <th scope="col">{t('actions.col_owner')}</th>
              <th scope="col">{t('actions.col_due')}</th>
              <th scope="col">{t('actions.col_status')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((a) => (
              <tr key={a.id} className={a.overdue ? 'overdue-row' : undefined}>
                <td>{a.description}</td>
                <td>
                  {a.meetingId ? (
                    <Link to={`/meetings/${a.meetingId}#actions`}>{a.meeting}</Link>
                  ) : (
                    t('dlg.none')
                  )}
                </td>
                <td>{a.owner}</td>
                <td>
                  {a.due}
                  {a.overdue && (
                    <>
                      {' '}
                      <span className="badge overdue">
                        {t('actions.overdue_days', { days: a.days })}
                      </span>
                    </>
                  )}
                </td>
                <td>{a.status}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
