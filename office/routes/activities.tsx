import { Form, Link, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { PUBLICATION_STATUSES } from '../lib/constants';
import { formatters, office, pick, requireActor } from '../lib/context.server';
import { useT } from '../lib/i18n';

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const f = formatters(context);
  const url = new URL(request.url);
  const q = url.searchParams.get('q') ?? '';
  const status = url.searchParams.get('status') ?? '';
  const cursor = url.searchParams.get('cursor') ?? '';
  const query = o.services.schemas.ActivityListQuery.parse({
    ...(q ? { q } : {}),
    ...((PUBLICATION_STATUSES as readonly string[]).includes(status)
      ? { publication_status: status }
      : {}),
    ...(cursor ? { cursor } : {}),
    limit: '50',
  });
  const page = await o.services.searchActivities(o.db, actor, query);
  return {
    q,
    status,
    canCreate: actor.role !== 'viewer',
    next: page.next_cursor,
    items: page.items.map((a) => ({
      id: a.id,
      title: pick(a.title, o.locale),
      level: a.hierarchy,
      status: a.publication_status,
      years: [a.actual_start ?? a.planned_start, a.actual_end ?? a.planned_end]
        .map((d) => (d ? d.slice(0, 4) : '…'))
        .join('–'),
      updated: f.dateTime(a.updated_at),
    })),
  };
}

export default function Activities() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t('list.title')}</h1>
      {d.canCreate && (
        <p>
          <Link className="button" to="/activities/new">
            {t('list.new')}
          </Link>
        </p>
      )}
      <Form method="get" className="row-actions" role="search">
        <div>
          <label htmlFor="q">{t('list.search')}</label>
          <input id="q" name="q" type="search" defaultValue={d.q} />
        </div>
        <div>
          <label htmlFor="status">{t('list.status')}</label>
          <select id="status" name="status" defaultValue={d.status}>
            <option value="">{t('list.all')}</option>
            {PUBLICATION_STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('list.filter')}</button>
      </Form>
      {d.items.length === 0 ? (
        <p>{t('list.empty')}</p>
      ) : (
        <table>
          <caption className="muted">{t('list.count', { count: d.items.length })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('list.col_title')}</th>
              <th scope="col">{t('edit.hierarchy')}</th>
              <th scope="col">{t('list.col_status')}</th>
              <th scope="col">{t('list.col_years')}</th>
              <th scope="col">{t('list.col_updated')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/activities/${a.id}`}>{a.title}</Link>
                </td>
                <td>{a.level <= 3 ? t(`level.${a.level as 1 | 2 | 3}`) : a.level}</td>
                <td>
                  <span className="badge">{t(`status.${a.status}`)}</span>
                </td>
                <td>{a.years}</td>
                <td>{a.updated}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.next && (
        <p>
          <Link
            to={`/?${new URLSearchParams({ q: d.q, status: d.status, cursor: d.next }).toString()}`}
          >
            {t('list.more')}
          </Link>
        </p>
      )}
    </>
  );
}
