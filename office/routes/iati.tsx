import {
  data,
  Form,
  Link,
  redirect,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { formatters, office } from '../lib/context.server';
import { inputProblems, requireRoles } from '../lib/dialogue.server';
import { Csrf, useT } from '../lib/i18n';

const IMPORTERS = ['admin', 'coordinator'] as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const actor = requireRoles(context, request, IMPORTERS);
  const o = office(context);
  const f = formatters(context);
  const uploads = await o.services.dialogue.recentUploads(o.db, actor);
  return {
    uploads: uploads.map((u) => ({
      id: u.id,
      file: u.file_name ?? u.id,
      when: f.dateTime(u.created_at),
      bytes: f.number(u.bytes),
      state: u.state,
    })),
  };
}

/** The upload (multipart, works without JavaScript): read as a dry run, kept, then previewed. */
export async function action({ context, request }: ActionFunctionArgs) {
  const actor = requireRoles(context, request, IMPORTERS);
  const o = office(context);
  const form = await request.formData();
  const file = form.get('file');
  try {
    const content =
      file instanceof File ? new Uint8Array(await file.arrayBuffer()) : new Uint8Array();
    const u = await o.services.dialogue.previewUpload(
      o.db,
      actor,
      {
        fileName: file instanceof File && file.name ? file.name : null,
        content,
        strict: form.get('strict') === 'on',
      },
      o.importMaxBytes,
    );
    return redirect(`/iati/${u.id}`);
  } catch (e) {
    return data({ problems: inputProblems(context, e) }, { status: 422 });
  }
}

export default function IatiImport() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  return (
    <>
      <h1>{t('iati.title')}</h1>
      <p>{t('iati.intro')}</p>
      {r?.problems && (
        <div className="errors" role="alert" data-testid="form-errors">
          {r.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      <Form method="post" encType="multipart/form-data">
        <Csrf />
        <p>
          <label htmlFor="file">{t('iati.file')}</label>
          <input
            id="file"
            name="file"
            type="file"
            accept=".xml,application/xml,text/xml"
            required
          />
        </p>
        <p className="choice">
          <input id="strict" name="strict" type="checkbox" />{' '}
          <label htmlFor="strict">{t('iati.strict')}</label>
        </p>
        <p>
          <button type="submit">{t('iati.upload')}</button>
        </p>
      </Form>
      {d.uploads.length > 0 && (
        <>
          <h2>{t('iati.recent')}</h2>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('iati.col_file')}</th>
                <th scope="col">{t('iati.col_uploaded')}</th>
                <th scope="col" className="num">
                  {t('iati.col_size')}
                </th>
                <th scope="col">{t('iati.col_state')}</th>
              </tr>
            </thead>
            <tbody>
              {d.uploads.map((u) => (
                <tr key={u.id}>
                  <td>
                    <Link to={`/iati/${u.id}`}>{u.file}</Link>
                  </td>
                  <td>{u.when}</td>
                  <td className="num">{u.bytes}</td>
                  <td>{t(`iati_state.${u.state}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}
