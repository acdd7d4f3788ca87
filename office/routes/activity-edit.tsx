import { useState, type ChangeEvent } from 'react';
import {
  data,
  Form,
  redirect,
  useActionData,
  useLoaderData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
} from 'react-router';
import { latinToCyrillic } from '../../src/server/text/transliterate.js';
import type { ActivityOut } from '../../src/server/activities/activities.schemas.js';
import {
  compact,
  fromFormData,
  GROUPS,
  mergeValues,
  rowCount,
  withBlankRow,
  type FormValues,
  type Group,
} from '../lib/activity-form';
import {
  describeField,
  labelFor,
  loadChoices,
  toInput,
  toValues,
  type Choices,
} from '../lib/activity-data.server';
import {
  ACTIVITY_STATUSES,
  CURRENCIES,
  EDIT_LANGS,
  PARTICIPANT_ROLES,
  type PublicationStatus,
} from '../lib/constants';
import {
  fieldIssues,
  formatters,
  isServiceError,
  office,
  pick,
  requireActor,
  rethrowAsPage,
  translator,
} from '../lib/context.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';
import { PlaceMap } from '../components/PlaceMap';
import { ActivityTabs } from '../components/ActivityTabs';

const BLANK: Record<Group, FormValues> = {
  participants: { organisation_id: '', role: 'implementing' },
  locations: { place: '' },
  sectors: { code: '', percentage: '' },
  budgets: { currency: 'EUR', type: '1', status: '1' },
};

/** Rows shown: what is there, plus one blank row to type into. */
function withSpareRows(values: FormValues): FormValues {
  let v = values;
  for (const g of Object.keys(GROUPS) as Group[]) v = withBlankRow(v, g, BLANK[g]);
  return v;
}

async function loadActivity(
  context: LoaderFunctionArgs['context'],
  id: string,
): Promise<ActivityOut> {
  const o = office(context);
  try {
    return await o.services.getActivity(o.db, o.actor, id);
  } catch (e) {
    return rethrowAsPage(e);
  }
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const t = translator(context);
  const choices = await loadChoices(context, actor);
  const url = new URL(request.url);
  if (!params.id) {
    if (actor.role === 'viewer') throw data({ message: t('edit.read_only') }, { status: 403 });
    const values: FormValues = { hierarchy: '2', default_currency: 'EUR' };
    if (actor.organisationId) {
      values['participants.0.organisation_id'] = actor.organisationId;
      values['participants.0.role'] = 'implementing';
    }
    return {
      id: null,
      title: t('edit.title_new'),
      values: withSpareRows(values),
      version: 0,
      status: 'draft' as PublicationStatus,
      derived: { title: '', description: '' },
      canEdit: true,
      saved: null,
      choices,
    };
  }
  const a = await loadActivity(context, params.id);
  return {
    id: a.id,
    title: pick(a.title, o.locale),
    values: withSpareRows(toValues(a, choices)),
    version: a.version,
    status: a.publication_status,
    derived: { title: a.title['sr-Cyrl'] ?? '', description: a.description['sr-Cyrl'] ?? '' },
    canEdit: await o.services.canEditActivity(o.db, actor, a),
    saved: url.searchParams.get('saved'),
    choices,
  };
}

interface ActionResult {
  formKey: string;
  values: FormValues;
  version: number;
  errors?: { field: string; message: string }[];
  forbidden?: string;
  conflict?: {
    version: number;
    who: string;
    at: string;
    theirs: { field: string; value: string }[];
    both: { field: string; theirs: string; mine: string }[];
  };
}

function key(): string {
  return Math.random().toString(36).slice(2);
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const form = await request.formData();
  const intent = text(form, 'intent') || 'save';
  const version = Number(form.get('version') ?? '0');
  const raw = fromFormData(form);
  const choices = await loadChoices(context, actor);

  const add = /^add-(participants|locations|sectors|budgets)$/.exec(intent);
  if (add?.[1]) {
    // Blank rows are dropped and each list gets one fresh row: the one asked for among them.
    return { formKey: key(), values: withSpareRows(compact(raw)), version };
  }

  const values = compact(raw);
  const { input, issues } = toInput(context, choices, values);
  const fail = (r: Omit<ActionResult, 'formKey' | 'values' | 'version'>, status: number) =>
    data({ formKey: key(), values: withSpareRows(values), version, ...r } satisfies ActionResult, {
      status,
    });
  if (issues.length) {
    return fail(
      { errors: issues.map((i) => ({ field: labelFor(context, i.path), message: i.message })) },
      422,
    );
  }
  try {
    let saved;
    if (params.id) {
      // The same schema as the API's PATCH, so that defaults and checks are the API's.
      const patch = o.services.schemas.ActivityUpdate.safeParse({ ...input, version });
      if (!patch.success) {
        return fail(
          {
            errors: patch.error.issues.map((i) => ({
              field: labelFor(context, i.path.map(String).join('.')),
              message: i.message,
            })),
          },
          422,
        );
      }
      saved = await o.services.patchActivity(o.db, actor, params.id, patch.data);
    } else
      saved = await o.services.createActivity(o.db, actor, {
        ...(input as object),
        publication_status: 'draft',
      } as Parameters<typeof o.services.createActivity>[2]);
    return redirect(`/activities/${saved.id}?saved=${saved.version}`);
  } catch (e) {
    if (!isServiceError(e)) throw e;
    if (e.status === 422) {
      return fail(
        {
          errors: fieldIssues(e).map((i) => ({
            field: labelFor(context, i.path),
            message: i.message,
          })),
        },
        422,
      );
    }
    if (e.status === 403) return fail({ forbidden: e.message }, 403);
    if (e.status === 409 && params.id) {
      // Someone saved in between: merge their version with this form, field by field.
      const current = await loadActivity(context, params.id);
      const history = await o.services.historyOf(o.db, actor, 'activity', params.id);
      const baseEvent = history.find((h) => h.version === version && h.after);
      const last = history.at(-1);
      const base = baseEvent ? toValues(baseEvent.after as ActivityOut, choices) : values;
      const theirs = toValues(current, choices);
      const m = mergeValues(base, values, theirs);
      const f = formatters(context);
      return data(
        {
          formKey: key(),
          values: withSpareRows(m.merged),
          version: current.version,
          conflict: {
            version: current.version,
            who: last?.user_email ?? '?',
            at: last ? f.dateTime(last.at) : '',
            theirs: m.theirs.map((k) => ({
              field: labelFor(context, k),
              value: describeField(context, choices, theirs, k),
            })),
            both: m.both.map((k) => ({
              field: labelFor(context, k),
              theirs: describeField(context, choices, theirs, k),
              mine: describeField(context, choices, values, k),
            })),
          },
        } satisfies ActionResult,
        { status: 409 },
      );
    }
    throw e;
  }
}

function Narrative({
  field,
  legend,
  values,
  derived,
  multiline,
  disabled,
}: {
  field: 'title' | 'description';
  legend: string;
  values: FormValues;
  derived: string;
  multiline: boolean;
  disabled: boolean;
}) {
  const t = useT();
  const [latin, setLatin] = useState<string | null>(null);
  const cyr = latin === null ? derived : latinToCyrillic(latin);
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="grid3">
        {EDIT_LANGS.map((l) => {
          const id = `${field}-${l}`;
          const props = {
            id,
            name: `${field}.${l}`,
            lang: l,
            defaultValue: values[`${field}.${l}`] ?? '',
            disabled,
            onChange:
              l === 'sr-Latn'
                ? (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
                    setLatin(e.currentTarget.value)
                : undefined,
          };
          return (
            <div key={l}>
              <label htmlFor={id}>{t(`lang.${l}`)}</label>
              {multiline ? <textarea {...props} /> : <input type="text" {...props} />}
            </div>
          );
        })}
        <div>
          <span className="label-like" id={`${field}-cyrl-label`}>
            <strong>{t('edit.derived')}</strong>
          </span>
          <div
            className="derived"
            lang="sr-Cyrl"
            aria-labelledby={`${field}-cyrl-label`}
            role="status"
            data-testid={`${field}-cyrl`}
          >
            {cyr}
          </div>
        </div>
      </div>
    </fieldset>
  );
}

function AddRow({ group, disabled }: { group: Group; disabled: boolean }) {
  const t = useT();
  return (
    <button
      type="submit"
      name="intent"
      value={`add-${group}`}
      className="secondary"
      disabled={disabled}
    >
      {t('edit.add_row')}
    </button>
  );
}

function RemoveBox({ group, i, disabled }: { group: Group; i: number; disabled: boolean }) {
  const t = useT();
  const id = `${group}-${i}-remove`;
  return (
    <>
      <input type="checkbox" id={id} name={`${group}.${i}._remove`} value="1" disabled={disabled} />{' '}
      <label htmlFor={id} className="inline">
        {t('edit.remove')}
      </label>
    </>
  );
}

function SectorRows({
  values,
  choices,
  disabled,
}: {
  values: FormValues;
  choices: Choices;
  disabled: boolean;
}) {
  const t = useT();
  const n = rowCount(values, 'sectors');
  const initial = Array.from({ length: n }, (_x, i) => values[`sectors.${i}.percentage`] ?? '');
  const [pcts, setPcts] = useState(initial);
  const filled = pcts.filter((p) => p.trim() !== '');
  const total = filled.reduce((s, p) => s + (Number(p.replace(',', '.')) || 0), 0);
  const rounded = Math.round(total * 100) / 100;
  const known = new Set(choices.sectors.map((s) => s.value));
  return (
    <fieldset>
      <legend>{t('edit.sectors')}</legend>
      <table>
        <thead>
          <tr>
            <th scope="col">{t('edit.sector')}</th>
            <th scope="col">{t('edit.percentage')}</th>
            <th scope="col">{t('edit.remove')}</th>
          </tr>
        </thead>
        <tbody>
          {Array.from({ length: n }, (_x, i) => {
            const code = values[`sectors.${i}.code`] ?? '';
            return (
              <tr key={i}>
                <td>
                  <select
                    name={`sectors.${i}.code`}
                    defaultValue={code}
                    aria-label={`${t('edit.sector')} — ${t('edit.row', { n: i + 1 })}`}
                    disabled={disabled}
                  >
                    <option value="">{t('edit.none')}</option>
                    {code && !known.has(code) && <option value={code}>{code}</option>}
                    {choices.sectors.map((s) => (
                      <option key={s.value} value={s.value}>
                        {s.label}
                      </option>
                    ))}
                  </select>
                </td>
                <td>
                  <input
                    type="number"
                    min="0"
                    max="100"
                    step="0.01"
                    name={`sectors.${i}.percentage`}
                    defaultValue={values[`sectors.${i}.percentage`] ?? ''}
                    aria-label={`${t('edit.percentage')} — ${t('edit.row', { n: i + 1 })}`}
                    disabled={disabled}
                    onChange={(e) => {
                      const next = [...pcts];
                      next[i] = e.currentTarget.value;
                      setPcts(next);
                    }}
                  />
                </td>
                <td>
                  <RemoveBox group="sectors" i={i} disabled={disabled} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      <p
        aria-live="polite"
        data-testid="sector-total"
        className={filled.length === 0 || rounded === 100 ? 'total-ok' : 'total-bad'}
      >
        {t('edit.total', { total: rounded })}{' '}
        {filled.length > 0 && (rounded === 100 ? t('edit.total_ok') : t('edit.total_bad'))}
      </p>
      <AddRow group="sectors" disabled={disabled} />
    </fieldset>
  );
}

export default function ActivityEdit() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<ActionResult>();
  const values = r?.values ?? d.values;
  const version = r?.version ?? d.version;
  const disabled = !d.canEdit;
  const { choices } = d;
  const nParticipants = rowCount(values, 'participants');
  const nLocations = rowCount(values, 'locations');
  const nBudgets = rowCount(values, 'budgets');
  return (
    <>
      <h1>
        {d.id ? t('edit.title_edit') : t('edit.title_new')}
        {d.id ? `: ${d.title}` : ''}
      </h1>
      {d.id && (
        <p>
          <span className="badge">
            {t('edit.publication', { status: t(`status.${d.status}`) })}
          </span>{' '}
          <span className="muted">{t('edit.version', { version })}</span>
        </p>
      )}
      {d.id && <ActivityTabs id={d.id} />}
      {d.saved && !r && (
        <p className="notice" role="status">
          {t('edit.saved', { version: d.saved })}
        </p>
      )}
      {disabled && (
        <p className="errors" role="alert" data-testid="read-only">
          {t('edit.read_only')}
        </p>
      )}
      {r?.forbidden && (
        <p className="errors" role="alert">
          {t('error.forbidden', { message: r.forbidden })}
        </p>
      )}
      {r?.errors && (
        <div className="errors" role="alert" data-testid="form-errors">
          <p>{t('edit.errors')}</p>
          <ul>
            {r.errors.map((e, i) => (
              <li key={i}>{t('error.field', { field: e.field, message: e.message })}</li>
            ))}
          </ul>
        </div>
      )}
      {r?.conflict && (
        <section
          className="conflict"
          role="alert"
          aria-labelledby="conflict-title"
          data-testid="conflict"
        >
          <h2 id="conflict-title">{t('conflict.title')}</h2>
          <p>
            {t('conflict.body', {
              version: r.conflict.version,
              who: r.conflict.who,
              at: r.conflict.at,
            })}
          </p>
          {r.conflict.theirs.length > 0 && (
            <>
              <h3>{t('conflict.theirs')}</h3>
              <ul>
                {r.conflict.theirs.map((c) => (
                  <li key={c.field}>
                    {c.field}: {c.value}
                  </li>
                ))}
              </ul>
            </>
          )}
          {r.conflict.both.length > 0 && (
            <>
              <p>{t('conflict.both')}</p>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('conflict.field')}</th>
                    <th scope="col">{t('conflict.your_value')}</th>
                    <th scope="col">{t('conflict.their_value')}</th>
                  </tr>
                </thead>
                <tbody>
                  {r.conflict.both.map((c) => (
                    <tr key={c.field}>
                      <td>{c.field}</td>
                      <td>{c.mine}</td>
                      <td>{c.theirs}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
        </section>
      )}
      <Form
        method="post"
        key={r?.formKey ?? `${d.id ?? 'new'}-${d.version}-${d.saved ?? ''}`}
        id="activity-form"
      >
        <Csrf />
        <input type="hidden" name="version" value={version} />
        {!disabled && (
          <p>
            <button type="submit" name="intent" value="save">
              {t('edit.save')}
            </button>
          </p>
        )}
        <Narrative
          field="title"
          legend={t('edit.titles')}
          values={values}
          derived={d.derived.title}
          multiline={false}
          disabled={disabled}
        />
        <Narrative
          field="description"
          legend={t('edit.descriptions')}
          values={values}
          derived={d.derived.description}
          multiline
          disabled={disabled}
        />
        <fieldset>
          <legend>{t('edit.general')}</legend>
          <div className="grid3">
            <div>
              <label htmlFor="hierarchy">{t('edit.hierarchy')}</label>
              <select
                id="hierarchy"
                name="hierarchy"
                defaultValue={values.hierarchy ?? '2'}
                disabled={disabled}
              >
                {(['1', '2', '3'] as const).map((h) => (
                  <option key={h} value={h}>
                    {t(`level.${h}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="status">{t('edit.status')}</label>
              <select
                id="status"
                name="status"
                defaultValue={values.status ?? ''}
                disabled={disabled}
              >
                <option value="">{t('edit.none')}</option>
                {ACTIVITY_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {t(`astatus.${s}`)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor="iati_identifier">{t('edit.iati_identifier')}</label>
              <input
                id="iati_identifier"
                name="iati_identifier"
                type="text"
                defaultValue={values.iati_identifier ?? ''}
                disabled={disabled}
              />
            </div>
            <div>
              <label htmlFor="planned_start">{t('edit.planned_start')}</label>
              <input
                id="planned_start"
                name="planned_start"
                type="date"
                defaultValue={values.planned_start ?? ''}
                disabled={disabled}
              />
            </div>
            <div>
              <label htmlFor="planned_end">{t('edit.planned_end')}</label>
              <input
                id="planned_end"
                name="planned_end"
                type="date"
                defaultValue={values.planned_end ?? ''}
                disabled={disabled}
              />
            </div>
            <div>
              <label htmlFor="default_currency">{t('edit.currency')}</label>
              <select
                id="default_currency"
                name="default_currency"
                defaultValue={values.default_currency ?? ''}
                disabled={disabled}
              >
                <option value="">{t('edit.none')}</option>
                {CURRENCIES.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
          </div>
        </fieldset>

        <fieldset>
          <legend>{t('edit.partners')}</legend>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('edit.organisation')}</th>
                <th scope="col">{t('edit.role')}</th>
                <th scope="col">{t('edit.remove')}</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: nParticipants }, (_x, i) => (
                <tr key={i}>
                  <td>
                    <select
                      name={`participants.${i}.organisation_id`}
                      defaultValue={values[`participants.${i}.organisation_id`] ?? ''}
                      aria-label={`${t('edit.organisation')} — ${t('edit.row', { n: i + 1 })}`}
                      disabled={disabled}
                    >
                      <option value="">{t('edit.none')}</option>
                      {choices.organisations.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <select
                      name={`participants.${i}.role`}
                      defaultValue={values[`participants.${i}.role`] ?? 'implementing'}
                      aria-label={`${t('edit.role')} — ${t('edit.row', { n: i + 1 })}`}
                      disabled={disabled}
                    >
                      {PARTICIPANT_ROLES.map((role) => (
                        <option key={role} value={role}>
                          {t(`prole.${role}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <RemoveBox group="participants" i={i} disabled={disabled} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <AddRow group="participants" disabled={disabled} />
        </fieldset>

        <fieldset>
          <legend>{t('edit.places')}</legend>
          <p className="help" id="place-help">
            {t('edit.place_help')}
          </p>
          <datalist id="place-options">
            {choices.places.map((p) => (
              <option key={p.id} value={p.label} />
            ))}
          </datalist>
          {Array.from({ length: nLocations }, (_x, i) => (
            <div key={i} className="row-actions">
              <div>
                <label htmlFor={`locations-${i}`}>
                  {t('edit.place')} — {t('edit.row', { n: i + 1 })}
                </label>
                <input
                  id={`locations-${i}`}
                  name={`locations.${i}.place`}
                  type="text"
                  list="place-options"
                  autoComplete="off"
                  aria-describedby="place-help"
                  defaultValue={values[`locations.${i}.place`] ?? ''}
                  data-place-input
                  disabled={disabled}
                />
              </div>
              <div>
                <RemoveBox group="locations" i={i} disabled={disabled} />
              </div>
            </div>
          ))}
          <AddRow group="locations" disabled={disabled} />
          {!disabled && <PlaceMap places={choices.places} />}
        </fieldset>

        <SectorRows values={values} choices={choices} disabled={disabled} />

        <fieldset>
          <legend>{t('edit.budgets')}</legend>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('edit.period_start')}</th>
                <th scope="col">{t('edit.period_end')}</th>
                <th scope="col">{t('edit.value')}</th>
                <th scope="col">{t('edit.currency')}</th>
                <th scope="col">{t('edit.budget_type')}</th>
                <th scope="col">{t('edit.budget_status')}</th>
                <th scope="col">{t('edit.remove')}</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: nBudgets }, (_x, i) => {
                const row = (f: string) => values[`budgets.${i}.${f}`] ?? '';
                const label = (k: Parameters<typeof t>[0]) =>
                  `${t(k)} — ${t('edit.row', { n: i + 1 })}`;
                return (
                  <tr key={i}>
                    <td>
                      <input
                        type="date"
                        name={`budgets.${i}.period_start`}
                        defaultValue={row('period_start')}
                        aria-label={label('edit.period_start')}
                        disabled={disabled}
                      />
                    </td>
                    <td>
                      <input
                        type="date"
                        name={`budgets.${i}.period_end`}
                        defaultValue={row('period_end')}
                        aria-label={label('edit.period_end')}
                        disabled={disabled}
                      />
                    </td>
                    <td>
                      <input
                        type="text"
                        inputMode="decimal"
                        className="num"
                        name={`budgets.${i}.value`}
                        defaultValue={row('value')}
                        aria-label={label('edit.value')}
                        disabled={disabled}
                      />
                    </td>
                    <td>
                      <select
                        name={`budgets.${i}.currency`}
                        defaultValue={row('currency') || 'EUR'}
                        aria-label={label('edit.currency')}
                        disabled={disabled}
                      >
                        {CURRENCIES.map((c) => (
                          <option key={c} value={c}>
                            {c}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <select
                        name={`budgets.${i}.type`}
                        defaultValue={row('type') || '1'}
                        aria-label={label('edit.budget_type')}
                        disabled={disabled}
                      >
                        <option value="1">{t('btype.1')}</option>
                        <option value="2">{t('btype.2')}</option>
                      </select>
                    </td>
                    <td>
                      <select
                        name={`budgets.${i}.status`}
                        defaultValue={row('status') || '1'}
                        aria-label={label('edit.budget_status')}
                        disabled={disabled}
                      >
                        <option value="1">{t('bstatus.1')}</option>
                        <option value="2">{t('bstatus.2')}</option>
                      </select>
                      <input
                        type="hidden"
                        name={`budgets.${i}.value_date`}
                        value={row('value_date')}
                      />
                    </td>
                    <td>
                      <RemoveBox group="budgets" i={i} disabled={disabled} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <AddRow group="budgets" disabled={disabled} />
        </fieldset>
        {!disabled && (
          <p>
            <button type="submit" name="intent" value="save">
              {t('edit.save')}
            </button>
          </p>
        )}
      </Form>
    </>
  );
}
