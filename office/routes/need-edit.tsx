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
import type { NeedOut } from '../../src/server/needs/needs.schemas.js';
import { ChoiceField } from '../components/ChoiceField';
import { NarrativeFields, writtenNarratives as written } from '../components/Narrative';
import { CURRENCIES, PUBLICATION_STATUSES } from '../lib/constants';
import { office, rethrowAsPage, translator } from '../lib/context.server';
import {
  all,
  dialogueChoices,
  inputProblems,
  narratives,
  requireRoles,
} from '../lib/dialogue.server';
import { text } from '../lib/forms';
import { Csrf, useT } from '../lib/i18n';
import { parseInput } from '../lib/zod-issues';

const READERS = [
  'admin',
  'coordinator',
  'partner_editor',
  'municipality_editor',
  'viewer',
] as const;
const WRITERS = ['admin', 'coordinator', 'municipality_editor'] as const;
const NEED_STATUSES = [
  'raised',
  'under_review',
  'planned',
  'in_progress',
  'met',
  'rejected',
] as const;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireRoles(context, request, READERS);
  const o = office(context);
  let need: NeedOut | null = null;
  if (params.id) {
    try {
      need = await o.services.dialogue.getNeed(o.db, actor, params.id);
    } catch (e) {
      rethrowAsPage(e);
    }
  }
  const choices = await dialogueChoices(context, actor);
  return {
    id: need?.id ?? null,
    saved: new URL(request.url).searchParams.has('saved'),
    canEdit: (WRITERS as readonly string[]).includes(actor.role),
    choices,
    values: {
      municipality_id: need?.municipality_id ?? actor.municipalityId ?? '',
      settlement_id: need?.settlement_id ?? '',
      sector: need ? `${need.sector.vocabulary}:${need.sector.code}` : '',
      title: written(need?.title, need?.title_derived),
      description: written(need?.description),
      priority: String(need?.priority ?? 3),
      estimated_cost: need?.estimated_cost ?? '',
      currency: need?.currency ?? 'EUR',
      status: need?.status ?? 'raised',
      raised_on: need?.raised_on ?? new Date().toISOString().slice(0, 10),
      activities: need?.activities.map((a) => a.activity_id) ?? [],
      publication_status: need?.publication_status ?? 'draft',
      version: need?.version ?? 0,
    },
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireRoles(context, request, WRITERS);
  const o = office(context);
  const t = translator(context);
  const d = o.services.dialogue;
  const form = await request.formData();
  const [vocabulary = '', code = ''] = text(form, 'sector').split(':');
  const cost = text(form, 'estimated_cost').trim();
  const input = {
    municipality_id: text(form, 'municipality_id'),
    settlement_id: text(form, 'settlement_id') || null,
    sector: { vocabulary, code },
    title: narratives(form, 'title'),
    description: narratives(form, 'description'),
    priority: Number(text(form, 'priority') || '3'),
    estimated_cost: cost || null,
    currency: cost ? text(form, 'currency') || null : null,
    status: text(form, 'status'),
    raised_on: text(form, 'raised_on'),
    activities: all(form, 'activities').map((id) => ({ activity_id: id })),
    publication_status: text(form, 'publication_status') || 'draft',
  };
  const line = (field: string, message: string) => t('error.field', { field, message });
  const fail = (problems: string[]) => data({ problems }, { status: 422 });
  try {
    if (params.id) {
      const parsed = parseInput(
        d.schemas.NeedUpdate,
        { ...input, version: Number(text(form, 'version')) },
        line,
      );
      if (!parsed.ok) return fail(parsed.problems);
      await d.patchNeed(o.db, actor, params.id, parsed.value);
      return redirect(`/needs/${params.id}?saved=1`);
    }
    const parsed = parseInput(d.schemas.NeedCreate, input, line);
    if (!parsed.ok) return fail(parsed.problems);
    const created = await d.createNeed(o.db, actor, parsed.value);
    return redirect(`/needs/${created.id}?saved=1`);
  } catch (e) {
    return fail(inputProblems(context, e));
  }
}

export default function NeedEdit() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const v = d.values;
  return (
    <>
      <p>
        <Link to="/needs">{t('nav.needs')}</Link>
      </p>
      <h1>{d.id ? t('need.title_edit') : t('need.title_new')}</h1>
      {d.saved && (
        <p className="notice" role="status">
          {t('need.saved')}
        </p>
      )}
      {r?.problems && (
        <div className="errors" role="alert" data-testid="form-errors">
          {r.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      <Form method="post">
        <Csrf />
        <input type="hidden" name="version" value={v.version} />
        <fieldset disabled={!d.canEdit}>
          <legend>{t('edit.general')}</legend>
          <div className="grid3">
            <ChoiceField
              id="municipality_id"
              label={t('needs.municipality')}
              options={d.choices.municipalities}
              value={v.municipality_id}
            />
            <ChoiceField
              id="settlement_id"
              label={t('need.settlement')}
              options={d.choices.settlements}
              value={v.settlement_id}
            />
            <ChoiceField
              id="sector"
              label={t('need.sector')}
              options={d.choices.sectors}
              value={v.sector}
            />
            <ChoiceField
              id="priority"
              label={t('need.priority')}
              none={false}
              options={['1', '2', '3', '4', '5'].map((p) => ({
                value: p,
                label: t(`priority.${p}` as 'priority.1'),
              }))}
              value={v.priority}
            />
            <div>
              <label htmlFor="estimated_cost">{t('need.cost')}</label>
              <input
                id="estimated_cost"
                name="estimated_cost"
                inputMode="decimal"
                defaultValue={v.estimated_cost}
              />
            </div>
            <ChoiceField
              id="currency"
              label={t('need.currency')}
              none={false}
              options={CURRENCIES.map((c) => ({ value: c, label: c }))}
              value={v.currency}
            />
            <ChoiceField
              id="status"
              label={t('need.status')}
              none={false}
              options={NEED_STATUSES.map((s) => ({ value: s, label: t(`need_status.${s}`) }))}
              value={v.status}
            />
            <div>
              <label htmlFor="raised_on">{t('need.raised_on')}</label>
              <input
                id="raised_on"
                name="raised_on"
                type="date"
                required
                defaultValue={v.raised_on}
              />
            </div>
            <ChoiceField
              id="publication_status"
              label={t('list.status')}
              none={false}
              options={PUBLICATION_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))}
              value={v.publication_status}
            />
          </div>
        </fieldset>
        <NarrativeFields name="title" legend={t('need.titles')} values={v.title} required />
        <NarrativeFields
          name="description"
          legend={t('need.description')}
          values={v.description}
          multiline
        />
        <fieldset disabled={!d.canEdit}>
          <legend>{t('need.activities')}</legend>
          <ChoiceField
            id="activities"
            label={t('need.activities')}
            options={d.choices.activities}
            value={v.activities}
            multiple
          />
        </fieldset>
        {d.canEdit && (
          <p>
            <button type="submit">{t('need.save')}</button>
          </p>
        )}
      </Form>
    </>
  );
}
