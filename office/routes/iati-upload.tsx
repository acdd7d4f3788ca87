import { useEffect } from 'react';
import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  useRevalidator,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import type { ImportReport } from '../../src/server/iati/import/import.service.js';
import { formatters, office, rethrowAsPage } from '../lib/context.server';
import { inputProblems, requireRoles } from '../lib/dialogue.server';
import { Csrf, useT } from '../lib/i18n';

const IMPORTERS = ['admin', 'coordinator'] as const;
/** How often the page asks for the import's progress while it runs. */
const POLL_SECONDS = 2;

function shown(v: unknown): string {
  if (v === undefined || v === null) return '';
  const s = typeof v === 'string' ? v : JSON.stringify(v);
  return s.length > 300 ? `${s.slice(0, 300)}…` : s;
}

function counts(r: ImportReport, number: (n: number) => string) {
  return {
    new: number(r.counts.new),
    changed: number(r.counts.changed),
    unchanged: number(r.counts.unchanged),
    rejected: number(r.counts.rejected),
  };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireRoles(context, request, IMPORTERS);
  const o = office(context);
  const f = formatters(context);
  let u;
  try {
    u = await o.services.dialogue.getUpload(o.db, actor, params.id ?? '');
  } catch (e) {
    rethrowAsPage(e);
  }
  const p = u.preview;
  const result = u.result;
  return {
    id: u.id,
    file: u.file_name ?? u.id,
    state: u.state,
    wouldReject: p.status === 'rejected',
    counts: counts(p, f.number),
    changes: p.changes.map((c) => ({
      identifier: c.identifier,
      status: c.status,
      fields: c.fields.map((x) => ({
        path: x.path,
        before: shown(x.before),
        after: shown(x.after),
      })),
    })),
    problems: p.problems.map((x) => ({
      severity: x.severity,
      code: x.code,
      activity: x.activity,
      where: x.line === null ? '' : `${x.line}:${x.column ?? ''}`,
      message: x.message,
    })),
    progress: {
      activities: f.number(u.progress.activities),
      percent: u.bytes > 0 ? Math.min(100, Math.round((u.progress.bytes / u.bytes) * 100)) : 0,
    },
    result:
      result && 'counts' in result
        ? { counts: counts(result, f.number), error: null }
        : result && 'error' in result
          ? { counts: null, error: result.error }
          : null,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireRoles(context, request, IMPORTERS);
  const o = office(context);
  try {
    // Returns once the import has started; the page shows its progress from the database.
    await o.services.dialogue.confirmUpload(o.db, actor, params.id ?? '', o.importMaxBytes);
    return redirect(`/iati/${params.id ?? ''}`);
  } catch (e) {
    return data({ problems: inputProblems(context, e) }, { status: 409 });
  }
}

function Counts({
  c,
  caption,
}: {
  c: Record<'new' | 'changed' | 'unchanged' | 'rejected', string>;
  caption: string;
}) {
  const t = useT();
  return (
    <table data-testid="import-counts" className="counts">
      <caption>{caption}</caption>
      <tbody>
        {(['new', 'changed', 'unchanged', 'rejected'] as const).map((k) => (
          <tr key={k}>
            <th scope="row">{t(`iati.${k}`)}</th>
            <td className="num" data-testid={`count-${k}`}>
              {c[k]}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function IatiUpload() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const revalidator = useRevalidator();
  const running = d.state === 'running';
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      if (revalidator.state === 'idle') void revalidator.revalidate();
    }, POLL_SECONDS * 1000);
    return () => clearInterval(timer);
  }, [running, revalidator]);
  return (
    <>
      {/* Without JavaScript the browser reloads the page while the import runs. */}
      {running && <meta httpEquiv="refresh" content={String(POLL_SECONDS)} />}
      <p>
        <Link to="/iati">{t('iati.upload_another')}</Link>
      </p>
      <h1>{t('iati.preview_title', { file: d.file })}</h1>
      {r?.problems && (
        <div className="errors" role="alert">
          {r.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      <div role="status" data-testid="import-state">
        {running && (
          <>
            <p>{t('iati.running', d.progress)}</p>
            <progress max={100} value={d.progress.percent} aria-label={t('iati.progress')}>
              {d.progress.percent} %
            </progress>
          </>
        )}
        {d.state === 'committed' && <p className="notice">{t('iati.committed')}</p>}
        {d.state === 'rejected' && <p className="errors">{t('iati.rejected_result')}</p>}
        {d.state === 'failed' && (
          <p className="errors">{t('iati.failed', { error: d.result?.error ?? '' })}</p>
        )}
      </div>
      {d.result?.counts && <Counts c={d.result.counts} caption={t('iati.result_counts')} />}
      <Counts c={d.counts} caption={t('iati.counts')} />
      {d.state === 'previewed' &&
        (d.wouldReject ? (
          <p className="errors" role="alert">
            {t('iati.would_reject')}
          </p>
        ) : (
          <Form method="post">
            <Csrf />
            <p>{t('iati.confirm_note')}</p>
            <p>
              <button type="submit">{t('iati.confirm')}</button>
            </p>
          </Form>
        ))}
      <h2>{t('iati.changes')}</h2>
      {d.changes.length === 0 ? (
        <p>{t('iati.no_changes')}</p>
      ) : (
        <table data-testid="import-changes" className="diff">
          <thead>
            <tr>
              <th scope="col">{t('iati.col_activity')}</th>
              <th scope="col">{t('iati.col_change')}</th>
              <th scope="col">{t('iati.col_field')}</th>
              <th scope="col">{t('iati.col_before')}</th>
              <th scope="col">{t('iati.col_after')}</th>
            </tr>
          </thead>
          <tbody>
            {d.changes.flatMap((c) =>
              c.fields.length === 0
                ? [
                    <tr key={c.identifier}>
                      <td>{c.identifier}</td>
                      <td>{t(c.status === 'new' ? 'iati.new' : 'iati.changed')}</td>
                      <td />
                      <td />
                      <td />
                    </tr>,
                  ]
                : c.fields.map((x, i) => (
                    <tr key={`${c.identifier}-${x.path}`}>
                      <td>{i === 0 ? c.identifier : ''}</td>
                      <td>{i === 0 ? t('iati.changed') : ''}</td>
                      <td>
                        <code>{x.path}</code>
                      </td>
                      <td>
                        <del>{x.before}</del>
                      </td>
                      <td>
                        <ins>{x.after}</ins>
                      </td>
                    </tr>
                  )),
            )}
          </tbody>
        </table>
      )}
      <h2>{t('iati.problems', { count: d.problems.length })}</h2>
      {d.problems.length === 0 ? (
        <p>{t('iati.no_problems')}</p>
      ) : (
        <table data-testid="import-problems">
          <thead>
            <tr>
              <th scope="col">{t('iati.col_severity')}</th>
              <th scope="col">{t('iati.col_code')}</th>
              <th scope="col">{t('iati.col_activity')}</th>
              <th scope="col">{t('iati.col_where')}</th>
              <th scope="col">{t('iati.col_message')}</th>
            </tr>
          </thead>
          <tbody>
            {d.problems.map((p, i) => (
              <tr key={i}>
                <td>
                  <span className={`badge severity-${p.severity}`}>
                    {t(`severity.${p.severity}`)}
                  </span>
                </td>
                <td>
                  <code>{p.code}</code>
                </td>
                <td>{p.activity ?? t('iati.whole_file')}</td>
                <td>{p.where}</td>
                <td>{p.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
