import {
  Link,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { ReviewButtons } from '../components/ReviewButtons';
import { formatters, office, pick, requireActor, rethrowAsPage } from '../lib/context.server';
import { useT } from '../lib/i18n';
import { runReview } from '../lib/review.server';

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const f = formatters(context);
  const id = params.id ?? '';
  try {
    const a = await o.services.getActivity(o.db, actor, id);
    const trail = await o.services.reviewTrail(o.db, actor, id);
    return {
      id,
      title: pick(a.title, o.locale),
      status: a.publication_status,
      version: a.version,
      staff: actor.role === 'admin' || actor.role === 'coordinator',
      canEdit: await o.services.canEditActivity(o.db, actor, a),
      trail: trail.map((e) => ({
        id: e.id,
        action: e.action,
        to: e.to_status,
        reason: e.reason,
        who: e.user_name ?? e.user_email ?? '?',
        at: f.dateTime(e.at),
      })),
    };
  } catch (e) {
    return rethrowAsPage(e);
  }
}

export async function action({ context, request }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  return runReview(context, actor, await request.formData());
}

export default function ActivityReview() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <>
      <h1>
        {t('review.actions')}: {d.title}
      </h1>
      <p>
        <span className="badge" data-testid="publication-status">
          {t('edit.publication', { status: t(`status.${d.status}`) })}
        </span>{' '}
        <Link to={`/activities/${d.id}`}>{t('history.back')}</Link>
      </p>
      {r && (
        <p className={r.ok ? 'notice' : 'errors'} role={r.ok ? 'status' : 'alert'}>
          {r.message}
        </p>
      )}
      <ReviewButtons
        id={d.id}
        version={d.version}
        status={d.status}
        staff={d.staff}
        canEdit={d.canEdit}
      />
      <h2>{t('review.trail')}</h2>
      {d.trail.length === 0 ? (
        <p>{t('history.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('history.at')}</th>
              <th scope="col">{t('history.who')}</th>
              <th scope="col">{t('history.action')}</th>
              <th scope="col">{t('review.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {d.trail.map((e) => (
              <tr key={e.id}>
                <td>{e.at}</td>
                <td>{e.who}</td>
                <td>{t(`raction.${e.action}`)}</td>
                <td>{e.reason ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
