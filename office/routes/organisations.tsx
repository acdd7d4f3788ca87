import { Form, Link, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import type { MessageKey } from '../i18n/messages';
import { formatters, office, pick, requireActor } from '../lib/context.server';
import { useT } from '../lib/i18n';

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const f = formatters(context);
  const url = new URL(request.url);
  const q = url.searchParams.get('q') ?? '';
  const page = await o.services.searchOrganisations(
    o.db,
    actor,
    o.services.schemas.OrganisationListQuery.parse({ ...(q ? { q } : {}), limit: '500' }),
  );
  return {
    q,
    canCreate: actor.role === 'admin' || actor.role === 'coordinator',
    items: page.items
      .map((org) => ({
        id: org.id,
        name: pick(org.names, o.locale),
        acronym: org.acronym ?? '',
        ref: org.iati_ref ?? '',
        kind: org.kind,
        status: org.publication_status,
        own: org.id === actor.organisationId,
      }))
      .sort((a, b) => f.compare(a.name, b.name)),
  };
}

export default function Organisations() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t('org.list_title')}</h1>
      {d.canCreate && (
        <p>
          <Link className="button" to="/organisations/new">
            {t('org.new')}
          </Link>
        </p>
      )}
      <Form method="get" className="row-actions" role="search">
        <div>
          <label htmlFor="org-q">{t('list.search')}</label>
          <input id="org-q" name="q" type="search" defaultValue={d.q} />
        </div>
        <div>
          <button type="submit">{t('list.filter')}</button>
        </div>
      </Form>
      <p className="muted">{t('list.count', { count: d.items.length })}</p>
      <table data-testid="organisations">
        <thead>
          <tr>
            <th scope="col">{t('org.name')}</th>
            <th scope="col">{t('org.acronym')}</th>
            <th scope="col">{t('org.iati_ref')}</th>
            <th scope="col">{t('org.kind')}</th>
            <th scope="col">{t('list.col_status')}</th>
          </tr>
        </thead>
        <tbody>
          {d.items.map((o) => (
            <tr key={o.id}>
              <td>
                <Link to={`/organisations/${o.id}`}>{o.name}</Link>
                {o.own && <span className="badge">{t('org.own')}</span>}
              </td>
              <td>{o.acronym}</td>
              <td>{o.ref}</td>
              <td>{t(`okind.${o.kind}` as MessageKey)}</td>
              <td>{t(`status.${o.status}` as MessageKey)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
