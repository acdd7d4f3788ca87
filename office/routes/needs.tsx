import { Form, Link, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { formatters, office, pick } from '../lib/context.server';
import { dialogueChoices, requireRoles } from '../lib/dialogue.server';
import { useT } from '../lib/i18n';

const READERS = [
  'admin',
  'coordinator',
  'partner_editor',
  'municipality_editor',
  'viewer',
] as const;
const WRITERS = ['admin', 'coordinator', 'municipality_editor'] as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireRoles(context, request, READERS);
  const o = office(context);
  const f = formatters(context);
  const d = o.services.dialogue;
  const url = new URL(request.url);
  const choices = await dialogueChoices(context, actor);
  const asked = url.searchParams.get('municipality') ?? '';
  const municipality = choices.municipalities.some((m) => m.value === asked) ? asked : '';
  const without = url.searchParams.get('without_activity') === 'true';
  const page = await d.searchNeeds(
    o.db,
    actor,
    d.schemas.NeedListQuery.parse({
      ...(municipality ? { municipality } : {}),
      ...(without ? { without_activity: 'true' } : {}),
      limit: '200',
    }),
  );
  return {
    municipality,
    without,
    municipalities: choices.municipalities,
    canCreate: (WRITERS as readonly string[]).includes(actor.role),
    items: page.items.map((n) => ({
      id: n.id,
      title: pick(n.title, o.locale),
      municipality:
        pick(n.municipality_name, o.locale) +
        (n.settlement_name ? ` — ${pick(n.settlement_name, o.locale)}` : ''),
      sector: n.sector.name ? pick(n.sector.name, o.locale) : n.sector.code,
      priority: n.priority,
      cost: n.estimated_cost && n.currency ? f.money(n.estimated_cost, n.currency) : '',
      status: n.status,
      activities: n.activities.map((a) => ({ id: a.activity_id, title: pick(a.title, o.locale) })),
    })),
  };
}

export default function Needs() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t('needs.title')}</h1>
      {d.canCreate && (
        <p>
          <Link className="button" to="/needs/new">
            {t('needs.new')}
          </Link>
        </p>
      )}
      <Form method="get" className="row-actions">
        <div>
          <label htmlFor="municipality">{t('needs.municipality')}</label>
          <select id="municipality" name="municipality" defaultValue={d.municipality}>
            <option value="">{t('needs.all')}</option>
            {d.municipalities.map((m) => (
              <option key={m.value} value={m.value}>
                {m.label}
              </option>
            ))}
          </select>
        </div>
        <div className="choice">
          <input
            id="without_activity"
            name="without_activity"
            type="checkbox"
            value="true"
            defaultChecked={d.without}
          />{' '}
          <label htmlFor="without_activity">{t('needs.without_activity')}</label>
        </div>
        <button type="submit">{t('dlg.filter')}</button>
      </Form>
      {d.items.length === 0 ? (
        <p>{t('needs.empty')}</p>
      ) : (
        <table data-testid="needs-table">
          <thead>
            <tr>
              <th scope="col">{t('needs.col_title')}</th>
              <th scope="col">{t('needs.col_municipality')}</th>
              <th scope="col">{t('needs.col_sector')}</th>
              <th scope="col">{t('needs.col_priority')}</th>
              <th scope="col" className="num">
                {t('needs.col_cost')}
              </th>
              <th scope="col">{t('needs.col_status')}</th>
              <th scope="col">{t('needs.col_activities')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((n) => (
              <tr key={n.id}>
                <td>
                  <Link to={`/needs/${n.id}`}>{n.title}</Link>
                </td>
                <td>{n.municipality}</td>
                <td>{n.sector}</td>
                <td>{t(`priority.${n.priority}` as 'priority.1')}</td>
                <td className="num">{n.cost}</td>
                <td>{t(`need_status.${n.status}`)}</td>
                <td>
                  {n.activities.length === 0
                    ? t('needs.no_project')
                    : n.activities.map((a, i) => (
                        <span key={a.id}>
                          {i > 0 && ', '}
                          <Link to={`/activities/${a.id}`}>{a.title}</Link>
                        </span>
                      ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
