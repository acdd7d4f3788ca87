import { useState } from 'react';
import {
  data,
  Form,
  redirect,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import type { OrganisationOut } from '../../src/server/organisations/organisations.schemas.js';
import { latinToCyrillic } from '../../src/server/text/transliterate.js';
import type { MessageKey } from '../i18n/messages';
import { EDIT_LANGS, PUBLICATION_STATUSES } from '../lib/constants';
import {
  fieldIssues,
  isServiceError,
  office,
  pick,
  requireActor,
  rethrowAsPage,
  translator,
} from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';
import { codelistChoices } from '../lib/records.server';

const KINDS = [
  'national_government',
  'coordination_body',
  'municipality',
  'multilateral',
  'eu',
  'osce',
  'bilateral_donor',
  'ngo',
  'private',
  'other',
] as const;
const FIELDS = ['acronym', 'iati_ref', 'iati_type', 'kind', 'country', 'website'] as const;

type Values = Record<string, string>;

function toValues(org: OrganisationOut): Values {
  const v: Values = {};
  for (const l of EDIT_LANGS)
    v[`names.${l}`] = org.names_derived.includes(l) ? '' : (org.names[l] ?? '');
  v.acronym = org.acronym ?? '';
  v.iati_ref = org.iati_ref ?? '';
  v.iati_type = org.iati_type ?? '';
  v.kind = org.kind;
  v.country = org.country ?? '';
  v.website = org.website ?? '';
  v.publication_status = org.publication_status;
  return v;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const t = translator(context);
  const staff = actor.role === 'admin' || actor.role === 'coordinator';
  const types = await codelistChoices(context, 'OrganisationType');
  const url = new URL(request.url);
  if (!params.id) {
    if (!staff) throw data({ message: t('org.create_staff_only') }, { status: 403 });
    return {
      id: null,
      title: t('org.new'),
      values: { kind: 'ngo', country: 'RS', publication_status: 'draft' } as Values,
      derived: '',
      version: 0,
      canEdit: true,
      staff,
      types,
      saved: null,
    };
  }
  let org: OrganisationOut;
  try {
    org = await o.services.getOrganisation(o.db, actor, params.id);
  } catch (e) {
    return rethrowAsPage(e);
  }
  return {
    id: org.id,
    title: pick(org.names, o.locale),
    values: toValues(org),
    derived: org.names['sr-Cyrl'] ?? '',
    version: org.version,
    canEdit: await o.services.canEditOrganisation(o.db, actor, org.id),
    staff,
    types,
    saved: url.searchParams.get('saved'),
  };
}

interface ActionResult {
  formKey: string;
  values: Values;
  errors?: { field: string; message: string }[];
  conflict?: string;
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const form = await request.formData();
  const values: Values = {};
  for (const l of EDIT_LANGS) values[`names.${l}`] = text(form, `names.${l}`).trim();
  for (const f of FIELDS) values[f] = text(form, f).trim();
  values.publication_status = text(form, 'publication_status');
  const staff = actor.role === 'admin' || actor.role === 'coordinator';
  const names: Record<string, string> = {};
  for (const l of EDIT_LANGS) if (values[`names.${l}`]) names[l] = values[`names.${l}`] ?? '';
  const orNull = (v: string | undefined) => (v ? v : null);
  const body: Record<string, unknown> = {
    names,
    acronym: orNull(values.acronym),
    iati_ref: orNull(values.iati_ref),
    iati_type: orNull(values.iati_type),
    country: orNull(values.country?.toUpperCase()),
    website: orNull(values.website),
    ...(staff ? { kind: values.kind, publication_status: values.publication_status } : {}),
  };
  const formKey = Math.random().toString(36).slice(2);
  const fail = (r: Omit<ActionResult, 'formKey' | 'values'>, status: number) =>
    data({ formKey, values, ...r } satisfies ActionResult, { status });
  const s = o.services.schemas;
  try {
    if (params.id) {
      const parsed = s.OrganisationUpdate.safeParse({
        ...body,
        version: Number(text(form, 'version')),
      });
      if (!parsed.success)
        return fail(
          {
            errors: parsed.error.issues.map((i) => ({
              field: i.path.join('.'),
              message: i.message,
            })),
          },
          422,
        );
      const saved = await o.services.patchOrganisation(o.db, actor, params.id, parsed.data);
      return redirect(`/organisations/${saved.id}?saved=${saved.version}`);
    }
    const parsed = s.OrganisationCreate.safeParse(body);
    if (!parsed.success)
      return fail(
        {
          errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
        },
        422,
      );
    const saved = await o.services.createOrganisation(o.db, actor, parsed.data);
    return redirect(`/organisations/${saved.id}?saved=${saved.version}`);
  } catch (e) {
    if (!isServiceError(e)) throw e;
    if (e.status === 422)
      return fail(
        { errors: fieldIssues(e).map((i) => ({ field: i.path, message: i.message })) },
        422,
      );
    if (e.status === 409) return fail({ conflict: e.message }, 409);
    if (e.status === 403) return fail({ errors: [{ field: '', message: e.message }] }, 403);
    throw e;
  }
}

const LABELS: Record<string, MessageKey> = {
  names: 'org.name',
  acronym: 'org.acronym',
  iati_ref: 'org.iati_ref',
  iati_type: 'org.iati_type',
  kind: 'org.kind',
  country: 'org.country',
  website: 'org.website',
  publication_status: 'list.status',
};

export default function OrganisationEdit() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<ActionResult>();
  const values = r?.values ?? d.values;
  const disabled = !d.canEdit;
  const [latin, setLatin] = useState<string | null>(null);
  const cyr = latin === null ? d.derived : latinToCyrillic(latin);
  const errorsOf = (field: string) =>
    (r?.errors ?? []).filter((e) => e.field === field || e.field.startsWith(`${field}.`));
  const fieldError = (field: string) => {
    const mine = errorsOf(field);
    return mine.length ? (
      <p id={`${field}-error`} className="field-error" role="alert">
        {mine.map((e) => e.message).join('; ')}
      </p>
    ) : null;
  };
  const described = (field: string) =>
    errorsOf(field).length
      ? { 'aria-describedby': `${field}-error`, 'aria-invalid': true as const }
      : {};
  return (
    <>
      <h1>{d.id ? `${t('org.edit')}: ${d.title}` : t('org.new')}</h1>
      {d.saved && !r && (
        <p className="notice" role="status">
          {t('edit.saved', { version: d.saved })}
        </p>
      )}
      {disabled && (
        <p className="errors" role="alert" data-testid="read-only">
          {t('org.read_only')}
        </p>
      )}
      {r?.conflict && (
        <p className="errors" role="alert">
          {t('rec.money_conflict')} {r.conflict}
        </p>
      )}
      {r?.errors && r.errors.length > 0 && (
        <div className="errors" role="alert" data-testid="form-errors">
          <p>{t('edit.errors')}</p>
          <ul>
            {r.errors.map((e, i) => (
              <li key={i}>
                {t('error.field', {
                  field: t(LABELS[e.field.split('.')[0] ?? ''] ?? 'org.name'),
                  message: e.message,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
      <Form method="post" key={r?.formKey ?? `${d.id ?? 'new'}-${d.version}`} id="org-form">
        <Csrf />
        <input type="hidden" name="version" value={d.version} />
        <fieldset>
          <legend>{t('org.names')}</legend>
          <div className="grid3">
            {EDIT_LANGS.map((l) => (
              <div key={l}>
                <label htmlFor={`org-name-${l}`}>{t(`lang.${l}`)}</label>
                <input
                  id={`org-name-${l}`}
                  name={`names.${l}`}
                  type="text"
                  lang={l}
                  defaultValue={values[`names.${l}`] ?? ''}
                  disabled={disabled}
                  onChange={l === 'sr-Latn' ? (e) => setLatin(e.currentTarget.value) : undefined}
                  {...described('names')}
                />
              </div>
            ))}
            <div>
              <span className="label-like" id="org-cyrl-label">
                <strong>{t('edit.derived')}</strong>
              </span>
              <div
                className="derived"
                lang="sr-Cyrl"
                role="status"
                aria-labelledby="org-cyrl-label"
                data-testid="org-name-cyrl"
              >
                {cyr}
              </div>
            </div>
          </div>
          {fieldError('names')}
        </fieldset>
        <fieldset>
          <legend>{t('edit.general')}</legend>
          <div className="grid3">
            {(['acronym', 'iati_ref', 'country', 'website'] as const).map((f) => (
              <div key={f}>
                <label htmlFor={`org-${f}`}>{t(LABELS[f] ?? 'org.name')}</label>
                <input
                  id={`org-${f}`}
                  name={f}
                  type={f === 'website' ? 'url' : 'text'}
                  defaultValue={values[f] ?? ''}
                  disabled={disabled}
                  {...described(f)}
                />
                {fieldError(f)}
              </div>
            ))}
            <div>
              <label htmlFor="org-iati_type">{t('org.iati_type')}</label>
              <select
                id="org-iati_type"
                name="iati_type"
                defaultValue={values.iati_type ?? ''}
                disabled={disabled}
                {...described('iati_type')}
              >
                <option value="">{t('edit.none')}</option>
                {d.types.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
              {fieldError('iati_type')}
            </div>
            <div>
              <label htmlFor="org-kind">{t('org.kind')}</label>
              <select
                id="org-kind"
                name="kind"
                defaultValue={values.kind ?? 'ngo'}
                disabled={disabled || !d.staff}
                aria-describedby={d.staff ? undefined : 'org-kind-help'}
              >
                {KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`okind.${k}` as MessageKey)}
                  </option>
                ))}
              </select>
              {!d.staff && (
                <p className="help" id="org-kind-help">
                  {t('org.kind_staff_only')}
                </p>
              )}
            </div>
            {d.staff && (
              <div>
                <label htmlFor="org-publication">{t('list.status')}</label>
                <select
                  id="org-publication"
                  name="publication_status"
                  defaultValue={values.publication_status ?? 'draft'}
                  disabled={disabled}
                >
                  {PUBLICATION_STATUSES.map((s) => (
                    <option key={s} value={s}>
                      {t(`status.${s}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
          </div>
        </fieldset>
        {!disabled && (
          <p>
            <button type="submit">{t('edit.save')}</button>
          </p>
        )}
      </Form>
    </>
  );
}
