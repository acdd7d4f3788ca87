import {
  data,
  Form,
  redirect,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { ActivityTabs } from '../components/ActivityTabs';
import { EDIT_LANGS } from '../lib/constants';
import {
  fieldIssues,
  formatters,
  isServiceError,
  office,
  pick,
  requireActor,
  translator,
} from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';
import { activityHead, codelistChoices } from '../lib/records.server';

/** The languages a document can be marked as written in (ISO 639-1). */
const DOC_LANGS = [
  ['sq', 'lang.sq'],
  ['sr', 'rec.lang_sr'],
  ['en', 'lang.en'],
] as const;

function sizeOf(n: number, number: (n: number) => string): string {
  if (n >= 1024 ** 2) return `${number(Math.round((n / 1024 ** 2) * 10) / 10)} MB`;
  if (n >= 1024) return `${number(Math.round((n / 1024) * 10) / 10)} KB`;
  return `${number(n)} B`;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const f = formatters(context);
  const id = params.id ?? '';
  const { head } = await activityHead(context, actor, id);
  const docs = await o.services.listDocuments(o.db, actor, 'activity', id);
  const categories = await codelistChoices(context, 'DocumentCategory');
  const categoryName = new Map(categories.map((c) => [c.value, c.label]));
  const url = new URL(request.url);
  return {
    head,
    categories,
    maxSize: sizeOf(o.filesMaxBytes, f.number),
    saved: url.searchParams.get('saved'),
    documents: docs.map((d) => ({
      id: d.id,
      version: d.version,
      title: pick(d.title, o.locale),
      titles: Object.entries(d.title)
        .filter(([l]) => l !== o.locale)
        .map(([l, v]) => `${l}: ${v}`),
      category: d.category ? (categoryName.get(d.category) ?? d.category) : '',
      languages: d.languages.join(', '),
      date: d.document_date ? f.date(d.document_date) : '',
      fileName: d.file_name,
      size: sizeOf(d.size, f.number),
    })),
  };
}

interface ActionResult {
  error?: string;
  issues?: string[];
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const t = translator(context);
  const id = params.id ?? '';
  const multipart = (request.headers.get('content-type') ?? '').startsWith('multipart/form-data');
  try {
    if (!multipart) {
      const form = await request.formData();
      if (text(form, 'intent') !== 'delete')
        return data({ error: t('rec.doc_no_file') } satisfies ActionResult, { status: 400 });
      await o.services.removeDocument(
        o.db,
        o.files,
        actor,
        text(form, 'document_id'),
        Number(text(form, 'version')),
      );
      return redirect(`/activities/${id}/documents?saved=deleted`);
    }
    // Permission first: nothing is received from someone who may not attach documents here.
    await o.services.requireOwnerEditor(o.db, actor, 'activity', id);
    const upload = await o.services.readMultipartUpload(request, o.files.tempDir, o.filesMaxBytes);
    const one = (name: string) => (upload.fields[name]?.at(-1) ?? '').trim();
    const title: Record<string, string> = {};
    for (const l of EDIT_LANGS) if (one(`title.${l}`)) title[l] = one(`title.${l}`);
    const meta = o.services.schemas.DocumentCreate.safeParse({
      ...(Object.keys(title).length ? { title } : {}),
      category: one('category') || null,
      languages: upload.fields.languages ?? [],
      document_date: one('document_date') || null,
    });
    if (!upload.file || upload.file.size === 0) {
      if (upload.file) await o.services.removeTempFile(upload.file.tempPath);
      return data({ error: t('rec.doc_no_file') } satisfies ActionResult, { status: 400 });
    }
    if (!meta.success) {
      await o.services.removeTempFile(upload.file.tempPath);
      return data(
        {
          error: t('edit.errors'),
          issues: meta.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
        } satisfies ActionResult,
        { status: 422 },
      );
    }
    await o.services.addDocument(
      o.db,
      o.files,
      actor,
      { type: 'activity', id },
      meta.data,
      upload.file,
    );
    return redirect(`/activities/${id}/documents?saved=uploaded`);
  } catch (e) {
    if (!isServiceError(e)) throw e;
    const known: Record<number, string> = {
      413: t('rec.doc_too_large'),
      415: t('rec.doc_wrong_kind'),
      422: t('edit.errors'),
      409: t('rec.doc_conflict'),
      403: t('error.forbidden', { message: '' }),
      400: t('rec.doc_bad_upload'),
    };
    const error = known[e.status];
    if (!error) throw e;
    return data(
      {
        error,
        issues: fieldIssues(e).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)),
      } satisfies ActionResult,
      { status: e.status },
    );
  }
}

export default function ActivityDocuments() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<ActionResult>();
  return (
    <>
      <h1>
        {t('rec.documents_title')}: {d.head.title}
      </h1>
      <ActivityTabs id={d.head.id} />
      {d.saved && !r && (
        <p className="notice" role="status">
          {d.saved === 'deleted' ? t('rec.doc_deleted') : t('rec.doc_uploaded')}
        </p>
      )}
      {r?.error && (
        <div className="errors" role="alert" data-testid="upload-error">
          <p>{r.error}</p>
          {r.issues && r.issues.length > 0 && (
            <ul>
              {r.issues.map((i, k) => (
                <li key={k}>{i}</li>
              ))}
            </ul>
          )}
        </div>
      )}
      {d.documents.length === 0 ? (
        <p>{t('rec.no_documents')}</p>
      ) : (
        <table data-testid="documents">
          <thead>
            <tr>
              <th scope="col">{t('rec.doc_title')}</th>
              <th scope="col">{t('rec.doc_category')}</th>
              <th scope="col">{t('rec.doc_languages')}</th>
              <th scope="col">{t('rec.doc_date')}</th>
              <th scope="col">{t('rec.doc_file')}</th>
              {d.head.canEdit && <th scope="col">{t('edit.remove')}</th>}
            </tr>
          </thead>
          <tbody>
            {d.documents.map((doc) => (
              <tr key={doc.id}>
                <td>
                  {doc.title}
                  {doc.titles.map((x) => (
                    <small key={x} className="rate">
                      {x}
                    </small>
                  ))}
                </td>
                <td>{doc.category}</td>
                <td>{doc.languages}</td>
                <td>{doc.date}</td>
                <td>
                  <a href={`/office/documents/${doc.id}/content`} download={doc.fileName}>
                    {t('rec.download', { file: doc.fileName })}
                  </a>{' '}
                  <span className="muted">({doc.size})</span>
                </td>
                {d.head.canEdit && (
                  <td>
                    <Form method="post">
                      <Csrf />
                      <input type="hidden" name="document_id" value={doc.id} />
                      <input type="hidden" name="version" value={doc.version} />
                      <button type="submit" name="intent" value="delete" className="secondary">
                        {t('rec.delete_document', { file: doc.fileName })}
                      </button>
                    </Form>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {d.head.canEdit && (
        <section aria-labelledby="upload-title">
          <h2 id="upload-title">{t('rec.upload_title')}</h2>
          <Form method="post" encType="multipart/form-data" id="upload-form" reloadDocument>
            <Csrf />
            <div>
              <label htmlFor="doc-file">{t('rec.doc_file')}</label>
              <input id="doc-file" type="file" name="file" required aria-describedby="doc-limits" />
              <p className="help" id="doc-limits">
                {t('rec.doc_limits', { size: d.maxSize })}
              </p>
            </div>
            <fieldset>
              <legend>{t('rec.doc_title')}</legend>
              <div className="grid3">
                {EDIT_LANGS.map((l) => (
                  <div key={l}>
                    <label htmlFor={`doc-title-${l}`}>{t(`lang.${l}`)}</label>
                    <input id={`doc-title-${l}`} type="text" name={`title.${l}`} lang={l} />
                  </div>
                ))}
              </div>
            </fieldset>
            <div className="grid3">
              <div>
                <label htmlFor="doc-category">{t('rec.doc_category')}</label>
                <select id="doc-category" name="category" defaultValue="">
                  <option value="">{t('edit.none')}</option>
                  {d.categories.map((c) => (
                    <option key={c.value} value={c.value}>
                      {c.label}
                    </option>
                  ))}
                </select>
              </div>
              <div>
                <label htmlFor="doc-date">{t('rec.doc_date')}</label>
                <input id="doc-date" type="date" name="document_date" />
              </div>
              <fieldset>
                <legend>{t('rec.doc_languages')}</legend>
                {DOC_LANGS.map(([code, key]) => (
                  <span key={code} className="check">
                    <input type="checkbox" id={`doc-lang-${code}`} name="languages" value={code} />{' '}
                    <label htmlFor={`doc-lang-${code}`} className="inline">
                      {t(key)}
                    </label>
                  </span>
                ))}
              </fieldset>
            </div>
            <p>
              <button type="submit">{t('rec.upload')}</button>
            </p>
          </Form>
        </section>
      )}
    </>
  );
}
