import {
  data,
  Link,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { ReviewButtons } from '../components/ReviewButtons';
import { formatters, office, pick, requireActor, translator } from '../lib/context.server';
import { useT } from '../lib/i18n';
import { runReview } from '../lib/review.server';

function requireStaff(context: LoaderFunctionArgs['context'], request: Request) {
  const actor = requireActor(context, request);
  if (actor.role !== 'admin' && actor.role !== 'coordinator') {
    const t = translator(context);
    throw data({ message: t('role.coordinator') }, { status: 403 });
  }
  return actor;
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireStaff(context, request);
  const o = office(context);
  const f = formatters(context);
  const page = await o.services.searchActivities(
    o.db,
    actor,
    o.services.schemas.ActivityListQuery.parse({
      publication_status: 'submitted,approved',
      limit: '200',
    }),
  );
  return {
    items: page.items.map((a) => ({
      id: a.id,
      title: pick(a.title, o.locale),
      status: a.publication_status,
      version: a.version,
      updated: f.dateTime(a.updated_at),
    })),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const actor = requireStaff(context, request);
  return runReview(context, actor, await request.formData());
}

export default function Review() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <>
      <h1>{t('review.title')}</h1>
      {r && (
        <p className={r.ok ? 'notice' : 'errors'} role={r.ok ? 'status' : 'alert'}>
          {r.message}
        </p>
      )}
      {d.items.length === 0 ? (
        <p>{t('review.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('list.col_title')}</th>
              <th scope="col">{t('list.col_status')}</th>
              <th scope="col">{t('list.col_updated')}</th>
              <th scope="col">{t('review.actions')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to={`/activities/${a.id}`}>{a.title}</Link>
                </td>
                <td>
                  <span className="badge">{t(`status.${a.status}`)}</span>
                </td>
                <td>{a.updated}</td>
                <td>
                  <ReviewButtons id={a.id} version={a.version} status={a.status} staff canEdit />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
