import { useState } from 'react';
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
import type { ResultOut } from '../../src/server/results/results.schemas.js';
import { latinToCyrillic } from '../../src/server/text/transliterate.js';
import { ActivityTabs } from '../components/ActivityTabs';
import type { MessageKey } from '../i18n/messages';
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
import { activityHead, placeChoices, type Choice } from '../lib/records.server';
import {
  blankIndicator,
  readResultForm,
  resultInput,
  resultToValues,
  tidy,
  type ResultValues,
} from '../lib/results-form';

const RESULT_TYPES = ['1', '2', '3', '9'] as const;
const MEASURES = ['1', '2', '3', '4', '5'] as const;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const id = params.id ?? '';
  const { head } = await activityHead(context, actor, id);
  const results = await o.services.listResults(o.db, actor, id);
  const places = await placeChoices(context);
  const placeName = new Map(places.map((p) => [p.value, p.label]));
  const url = new URL(request.url);
  const editing = url.searchParams.get('edit');
  const current = editing ? results.find((r) => r.id === editing) : undefined;
  const t = translator(context);
  const f = formatters(context);
  return {
    head,
    places,
    saved: url.searchParams.get('saved'),
    editing: head.canEdit && editing ? (current ? current.id : 'new') : null,
    editVersion: current?.version ?? 0,
    values: tidy(
      current ? resultToValues(current) : { type: '1', title: {}, indicators: [blankIndicator()] },
      1,
    ),
    results: results.map((r) => ({
      id: r.id,
      version: r.version,
      type: r.type,
      title: pick(r.title, o.locale),
      indicators: r.indicators.map((ind) => ({
        id: ind.id,
        title: pick(ind.title, o.locale),
        unit: ind.unit ?? '',
        rows: ind.periods.flatMap((p) => {
          const places = new Set([
            ...p.targets.map((x) => x.place_id ?? ''),
            ...p.actuals.map((x) => x.place_id ?? ''),
          ]);
          return [...places].map((place) => ({
            period: `${f.date(p.period_start)} – ${f.date(p.period_end)}`,
            place: place ? (placeName.get(place) ?? place) : t('rec.whole_activity'),
            target: p.targets.find((x) => (x.place_id ?? '') === place)?.value ?? '',
            actual: p.actuals.find((x) => (x.place_id ?? '') === place)?.value ?? '',
          }));
        }),
      })),
    })),
  };
}

interface ActionResult {
  formKey: string;
  values: ResultValues;
  errors?: { field: string; message: string }[];
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const o = office(context);
  const id = params.id ?? '';
  const form = await request.formData();
  const intent = text(form, 'intent') || 'save';
  const resultId = text(form, 'result_id');
  const version = Number(text(form, 'version') || '0');
  const formKey = Math.random().toString(36).slice(2);
  const fail = (values: ResultValues, errors: ActionResult['errors'], status: number) =>
    data({ formKey, values: tidy(values, 1), errors } satisfies ActionResult, { status });
  try {
    if (intent === 'delete') {
      await o.services.removeResult(o.db, actor, resultId, version);
      return redirect(`/activities/${id}/results?saved=deleted`);
    }
    const values = readResultForm(form.entries());
    if (intent === 'add-indicator') {
      const v = tidy(values, 1);
      return { formKey, values: { ...v, indicators: [...v.indicators, blankIndicator()] } };
    }
    const addRow = /^add-row-(\d+)$/.exec(intent);
    if (addRow) {
      const v = tidy(values, 1);
      const which = Number(addRow[1]);
      return {
        formKey,
        values: {
          ...v,
          indicators: v.indicators.map((ind, i) =>
            i === which ? (tidy({ ...v, indicators: [ind] }, 2).indicators[0] ?? ind) : ind,
          ),
        },
      };
    }
    let stored: ResultOut | null = null;
    if (resultId) stored = await o.services.getResult(o.db, actor, resultId);
    const input = resultInput(values, stored);
    const s = o.services.schemas;
    if (stored) {
      const parsed = s.ResultUpdate.safeParse({ ...input, version });
      if (!parsed.success)
        return fail(
          values,
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
          422,
        );
      await o.services.updateResult(o.db, actor, stored.id, parsed.data);
    } else {
      const parsed = s.ResultInput.safeParse(input);
      if (!parsed.success)
        return fail(
          values,
          parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })),
          422,
        );
      await o.services.createResult(o.db, actor, id, parsed.data);
    }
    return redirect(`/activities/${id}/results?saved=ok`);
  } catch (e) {
    if (!isServiceError(e)) throw e;
    if ([403, 404, 409, 422].includes(e.status)) {
      const values = readResultForm(form.entries());
      return fail(
        values,
        fieldIssues(e).map((i) => ({ field: i.path, message: i.message })),
        e.status,
      );
    }
    throw e;
  }
}

const PATH_WORDS: Record<string, MessageKey> = {
  type: 'rec.result_type',
  title: 'rec.doc_title',
  measure: 'rec.measure_kind',
  unit: 'rec.unit',
  period_start: 'edit.period_start',
  period_end: 'edit.period_end',
  targets: 'rec.target',
  actuals: 'rec.actual',
};

/** "indicators.0.periods.1.period_end" in words: indicator 1 › period 2 › To. */
function describePath(t: ReturnType<typeof useT>, path: string): string {
  const parts = path.split('.');
  const out: string[] = [];
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i] ?? '';
    const n = Number(parts[i + 1]);
    if (p === 'indicators' && Number.isInteger(n)) {
      out.push(t('rec.indicator_n', { n: n + 1 }));
      i++;
    } else if (p === 'periods' && Number.isInteger(n)) {
      out.push(t('rec.period_n', { n: n + 1 }));
      i++;
    } else if (/^\d+$/.test(p)) out.push(String(Number(p) + 1));
    else out.push(PATH_WORDS[p] ? t(PATH_WORDS[p]) : p);
  }
  return out.join(' › ');
}

function Titles({
  prefix,
  legend,
  values,
}: {
  prefix: string;
  legend: string;
  values: Record<string, string>;
}) {
  const t = useT();
  const [latin, setLatin] = useState(values['sr-Latn'] ?? '');
  const base = prefix.replace(/\./g, '-');
  return (
    <fieldset>
      <legend>{legend}</legend>
      <div className="grid3">
        {EDIT_LANGS.map((l) => (
          <div key={l}>
            <label htmlFor={`${base}title-${l}`}>{t(`lang.${l}`)}</label>
            <input
              type="text"
              id={`${base}title-${l}`}
              name={`${prefix}title.${l}`}
              lang={l}
              defaultValue={values[l] ?? ''}
              onChange={l === 'sr-Latn' ? (e) => setLatin(e.currentTarget.value) : undefined}
            />
          </div>
        ))}
        <div>
          <span className="label-like" id={`${base}title-cyrl-label`}>
            <strong>{t('edit.derived')}</strong>
          </span>
          <div
            className="derived"
            lang="sr-Cyrl"
            role="status"
            aria-labelledby={`${base}title-cyrl-label`}
          >
            {latinToCyrillic(latin)}
          </div>
        </div>
      </div>
    </fieldset>
  );
}

function ResultForm({
  values,
  places,
  resultId,
  version,
}: {
  values: ResultValues;
  places: Choice[];
  resultId: string | null;
  version: number;
}) {
  const t = useT();
  return (
    <>
      <Csrf />
      <input type="hidden" name="result_id" value={resultId ?? ''} />
      <input type="hidden" name="version" value={version} />
      <p>
        <button type="submit" name="intent" value="save">
          {t('rec.save_result')}
        </button>
      </p>
      <div>
        <label htmlFor="result-type">{t('rec.result_type')}</label>
        <select id="result-type" name="type" defaultValue={values.type}>
          {RESULT_TYPES.map((c) => (
            <option key={c} value={c}>
              {t(`rtype.${c}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
      <Titles prefix="" legend={t('rec.result_title')} values={values.title} />
      {values.indicators.map((ind, i) => (
        <fieldset key={i} className="indicator">
          <legend>{t('rec.indicator_n', { n: i + 1 })}</legend>
          <div className="grid3">
            <div>
              <label htmlFor={`ind-${i}-measure`}>{t('rec.measure_kind')}</label>
              <select
                id={`ind-${i}-measure`}
                name={`indicators.${i}.measure`}
                defaultValue={ind.measure}
              >
                {MEASURES.map((m) => (
                  <option key={m} value={m}>
                    {t(`imeasure.${m}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <div>
              <label htmlFor={`ind-${i}-unit`}>{t('rec.unit')}</label>
              <input
                type="text"
                id={`ind-${i}-unit`}
                name={`indicators.${i}.unit`}
                defaultValue={ind.unit}
              />
            </div>
            <div>
              <label htmlFor={`ind-${i}-ascending`}>{t('rec.ascending')}</label>
              <select
                id={`ind-${i}-ascending`}
                name={`indicators.${i}.ascending`}
                defaultValue={ind.ascending}
              >
                <option value="">{t('edit.none')}</option>
                <option value="true">{t('rec.ascending_yes')}</option>
                <option value="false">{t('rec.ascending_no')}</option>
              </select>
            </div>
          </div>
          <Titles
            prefix={`indicators.${i}.`}
            legend={t('rec.indicator_title')}
            values={ind.title}
          />
          <table>
            <caption>{t('rec.periods')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('edit.period_start')}</th>
                <th scope="col">{t('edit.period_end')}</th>
                <th scope="col">{t('rec.place')}</th>
                <th scope="col">{t('rec.target')}</th>
                <th scope="col">{t('rec.actual')}</th>
              </tr>
            </thead>
            <tbody>
              {ind.rows.map((r, j) => {
                const name = (f: string) => `indicators.${i}.rows.${j}.${f}`;
                const label = (k: MessageKey) =>
                  `${t(k)} — ${t('rec.indicator_n', { n: i + 1 })}, ${t('edit.row', { n: j + 1 })}`;
                return (
                  <tr key={j}>
                    <td>
                      <input
                        type="date"
                        name={name('period_start')}
                        defaultValue={r.period_start}
                        aria-label={label('edit.period_start')}
                      />
                    </td>
                    <td>
                      <input
                        type="date"
                        name={name('period_end')}
                        defaultValue={r.period_end}
                        aria-label={label('edit.period_end')}
                      />
                    </td>
                    <td>
                      <select
                        name={name('place')}
                        defaultValue={r.place}
                        aria-label={label('rec.place')}
                      >
                        <option value="">{t('rec.whole_activity')}</option>
                        {places.map((p) => (
                          <option key={p.value} value={p.value}>
                            {p.label}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <input
                        type="text"
                        inputMode="decimal"
                        className="num"
                        name={name('target')}
                        defaultValue={r.target}
                        aria-label={label('rec.target')}
                      />
                    </td>
                    <td>
                      <input
                        type="text"
                        inputMode="decimal"
                        className="num"
                        name={name('actual')}
                        defaultValue={r.actual}
                        aria-label={label('rec.actual')}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="help">{t('rec.period_help')}</p>
          <button type="submit" name="intent" value={`add-row-${i}`} className="secondary">
            {t('edit.add_row')}
          </button>
        </fieldset>
      ))}
      <p>
        <button type="submit" name="intent" value="add-indicator" className="secondary">
          {t('rec.add_indicator')}
        </button>{' '}
        <button type="submit" name="intent" value="save">
          {t('rec.save_result')}
        </button>
      </p>
    </>
  );
}

export default function ActivityResults() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<ActionResult>();
  const editing = d.editing;
  return (
    <>
      <h1>
        {t('rec.results_title')}: {d.head.title}
      </h1>
      <ActivityTabs id={d.head.id} />
      {d.saved && !r && (
        <p className="notice" role="status">
          {d.saved === 'deleted' ? t('rec.result_deleted') : t('rec.result_saved')}
        </p>
      )}
      {!d.head.canEdit && (
        <p className="errors" role="alert" data-testid="read-only">
          {t('edit.read_only')}
        </p>
      )}
      {r?.errors && (
        <div className="errors" role="alert" data-testid="form-errors">
          <p>{t('edit.errors')}</p>
          <ul>
            {r.errors.map((e, i) => (
              <li key={i}>
                {t('error.field', { field: describePath(t, e.field), message: e.message })}
              </li>
            ))}
          </ul>
        </div>
      )}
      {d.results.length === 0 && <p>{t('rec.no_results')}</p>}
      {d.results.map((res) => (
        <section key={res.id} className="result" aria-labelledby={`result-${res.id}`}>
          <h2 id={`result-${res.id}`}>
            {res.title} <span className="badge">{t(`rtype.${res.type}` as MessageKey)}</span>
          </h2>
          {res.indicators.map((ind) => (
            <table key={ind.id} data-testid="indicator">
              <caption>
                {ind.title}
                {ind.unit ? ` (${ind.unit})` : ''}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('rec.period')}</th>
                  <th scope="col">{t('rec.place')}</th>
                  <th scope="col">{t('rec.target')}</th>
                  <th scope="col">{t('rec.actual')}</th>
                </tr>
              </thead>
              <tbody>
                {ind.rows.map((row, k) => (
                  <tr key={k}>
                    <td>{row.period}</td>
                    <td>{row.place}</td>
                    <td className="num">{row.target}</td>
                    <td className="num">{row.actual}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ))}
          {d.head.canEdit && (
            <Form method="post" className="row-actions">
              <Csrf />
              <Link to={`?edit=${res.id}`}>{t('rec.edit_result', { title: res.title })}</Link>
              <input type="hidden" name="result_id" value={res.id} />
              <input type="hidden" name="version" value={res.version} />
              <button type="submit" name="intent" value="delete" className="secondary">
                {t('rec.delete_result', { title: res.title })}
              </button>
            </Form>
          )}
        </section>
      ))}
      {d.head.canEdit && !editing && (
        <p>
          <Link to="?edit=new">{t('rec.new_result')}</Link>
        </p>
      )}
      {editing && (
        <section aria-labelledby="result-form-title">
          <h2 id="result-form-title">
            {editing === 'new' ? t('rec.new_result') : t('rec.edit_result_title')}
          </h2>
          <Form method="post" key={r?.formKey ?? `${editing}-${d.editVersion}`} id="result-form">
            <ResultForm
              values={r?.values ?? d.values}
              places={d.places}
              resultId={editing === 'new' ? null : editing}
              version={d.editVersion}
            />
          </Form>
        </section>
      )}
    </>
  );
}
