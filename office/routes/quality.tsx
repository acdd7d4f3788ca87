import { Form, Link, useLoaderData, type LoaderFunctionArgs } from 'react-router';
import { formatters, office, pick } from '../lib/context.server';
import { requireRoles } from '../lib/dialogue.server';
import { useT } from '../lib/i18n';

const READERS = [
  'admin',
  'coordinator',
  'partner_editor',
  'municipality_editor',
  'viewer',
] as const;
const SEVERITIES = ['error', 'warning', 'info'] as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireRoles(context, request, READERS);
  const o = office(context);
  const f = formatters(context);
  const d = o.services.dialogue;
  const asked = new URL(request.url).searchParams.get('severity') ?? '';
  const severity = (SEVERITIES as readonly string[]).includes(asked) ? asked : '';
  const report = await d.qualityReport(
    o.db,
    actor,
    d.schemas.QualityQuery.parse({ ...(severity ? { severity } : {}), limit: '500' }),
  );
  return {
    severity,
    total: f.number(report.total),
    items: report.items.map((i, n) => ({
      key: `${i.kind}-${i.id}-${n}`,
      severity: i.severity,
      record: pick(i.title, o.locale),
      message: i.message[o.locale],
      // The service names the page under /office; the router adds that prefix itself.
      fix: i.fix_url.startsWith('/office/') ? i.fix_url.slice('/office'.length) : i.fix_url,
    })),
  };
}

export default function Quality() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{t('quality.title')}</h1>
      <p>{t('quality.intro')}</p>
      <Form method="get" className="row-actions">
        <div>
          <label htmlFor="severity">{t('quality.severity')}</label>
          <select id="severity" name="severity" defaultValue={d.severity}>
            <option value="">{t('quality.all')}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {t(`severity.${s}`)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">{t('dlg.filter')}</button>
      </Form>
      <p role="status">{t('quality.total', { count: d.total })}</p>
      {d.items.length === 0 ? (
        <p>{t('quality.empty')}</p>
      ) : (
        <table data-testid="quality-table">
          <thead>
            <tr>
              <th scope="col">{t('quality.col_severity')}</th>
              <th scope="col">{t('quality.col_record')}</th>
              <th scope="col">{t('quality.col_problem')}</th>
              <th scope="col">{t('quality.col_fix')}</th>
            </tr>
          </thead>
          <tbody>
            {d.items.map((i) => (
              <tr key={i.key}>
                <td>
                  <span className={`badge severity-${i.severity}`}>
                    {t(`severity.${i.severity}`)}
                  </span>
                </td>
                <td>{i.record}</td>
                <td>{i.message}</td>
                <td>
                  <Link to={i.fix}>{t('quality.fix', { record: i.record })}</Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
