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
import type { MeetingOut } from '../../src/server/meetings/meetings.schemas.js';
import { ChoiceField } from '../components/ChoiceField';
import { NarrativeFields, writtenNarratives as written } from '../components/Narrative';
import { EDIT_LANGS } from '../lib/constants';
import { formatters, office, pick, rethrowAsPage, translator } from '../lib/context.server';
import {
  all,
  dialogueChoices,
  inputProblems,
  narratives,
  requireRoles,
  vocabulary,
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
const WRITERS = ['admin', 'coordinator', 'partner_editor', 'municipality_editor'] as const;

/** Texts written by people, without the ones derived from another script. */
function formValues(m: MeetingOut | null, orgLabel: (id: string | null) => string) {
  const decisions: Record<string, string> = {};
  for (const l of EDIT_LANGS)
    decisions[l] = (m?.decisions ?? []).map((d) => d.text[l] ?? '').join('\n');
  return {
    kind: m?.kind ?? 'meeting',
    starts_at: m ? m.starts_local.slice(0, 16) : '',
    ends_at: m?.ends_local ? m.ends_local.slice(0, 16) : '',
    all_day: m?.all_day ?? false,
    title: written(m?.title ?? null, m?.title_derived),
    minutes: written(m?.minutes ?? null),
    public_summary: written(m?.public_summary ?? null),
    place_id: m?.place_id ?? '',
    place_text: m?.place_text ?? '',
    organisation_ids: m?.organisations.map((o) => o.id) ?? [],
    participants: (m?.participants ?? [])
      .map((p) =>
        [p.name, p.organisation_text ?? orgLabel(p.organisation_id), p.function ?? '']
          .join('; ')
          .replace(/(; )+$/, ''),
      )
      .join('\n'),
    topics: m?.topics ?? [],
    decisions,
    activity_ids: m?.activities.map((a) => a.id) ?? [],
    confidentiality: m?.confidentiality ?? 'internal',
    version: m?.version ?? 0,
  };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const actor = requireRoles(context, request, READERS);
  const o = office(context);
  const f = formatters(context);
  const d = o.services.dialogue;
  let meeting: MeetingOut | null = null;
  if (params.id) {
    try {
      meeting = await d.getMeeting(o.db, actor, params.id);
    } catch (e) {
      rethrowAsPage(e);
    }
  }
  const choices = await dialogueChoices(context, actor);
  const orgNames = new Map(choices.organisations.map((c) => [c.value, c.label]));
  const vocab = vocabulary(context);
  const statusLabel = new Map(vocab.statuses.map((s) => [s.value, s.label]));
  const actions = meeting
    ? (
        await d.searchActions(
          o.db,
          actor,
          d.schemas.ActionListQuery.parse({ meeting: meeting.id, limit: '200' }),
        )
      ).items.map((a) => ({
        id: a.id,
        version: a.version,
        description: pick(a.description, o.locale),
        decision: a.decision_ref,
        owner: a.owner_organisation_name
          ? pick(a.owner_organisation_name, o.locale)
          : (a.owner_user_email ?? ''),
        due: a.due_on ? f.date(a.due_on) : '',
        status: a.status,
        statusLabel: statusLabel.get(a.status) ?? a.status,
        overdue: a.overdue,
        days: a.days_overdue ?? 0,
      }))
    : [];
  const saved = new URL(request.url).searchParams.get('saved');
  return {
    id: meeting?.id ?? null,
    canEdit: (WRITERS as readonly string[]).includes(actor.role),
    saved: saved === 'meeting' || saved === 'action' ? saved : null,
    values: formValues(meeting, (id) => (id ? (orgNames.get(id) ?? '') : '')),
    choices,
    vocab,
    actions,
  };
}

function participantsOf(textValue: string, orgIds: Map<string, string>) {
  return textValue
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line) => {
      const [name = '', org = '', fn = ''] = line.split(';').map((s) => s.trim());
      const id = orgIds.get(org.toLowerCase()) ?? null;
      return {
        name,
        organisation_id: id,
        organisation_text: id ? null : org || null,
        function: fn || null,
      };
    });
}

function decisionsOf(form: FormData) {
  const lines = Object.fromEntries(
    EDIT_LANGS.map((l) => [l, text(form, `decisions.${l}`).split(/\r?\n/)]),
  ) as Record<string, string[]>;
  const n = Math.max(...Object.values(lines).map((ls) => ls.length));
  const out: { text: Record<string, string> }[] = [];
  for (let i = 0; i < n; i++) {
    const t: Record<string, string> = {};
    for (const l of EDIT_LANGS) {
      const v = lines[l]?.[i]?.trim();
      if (v) t[l] = v;
    }
    if (Object.keys(t).length) out.push({ text: t });
  }
  return out;
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const actor = requireRoles(context, request, WRITERS);
  const o = office(context);
  const t = translator(context);
  const d = o.services.dialogue;
  const form = await request.formData();
  const intent = text(form, 'intent');
  const line = (field: string, message: string) => t('error.field', { field, message });
  const fail = (problems: string[]) => data({ problems }, { status: 422 });
  try {
    if (intent === 'action_status' && params.id) {
      const parsed = parseInput(
        d.schemas.ActionUpdate,
        { version: Number(text(form, 'version')), status: text(form, 'status') },
        line,
      );
      if (!parsed.ok) return fail(parsed.problems);
      await d.patchAction(o.db, actor, text(form, 'action'), parsed.value);
      return redirect(`/meetings/${params.id}?saved=action#actions`);
    }
    if (intent === 'add_action' && params.id) {
      const parsed = parseInput(
        d.schemas.ActionCreate,
        {
          meeting_id: params.id,
          decision_ref: text(form, 'decision_ref') || null,
          description: narratives(form, 'action_description'),
          owner_organisation_id: text(form, 'owner_organisation_id') || null,
          due_on: text(form, 'due_on') || null,
          status: text(form, 'action_status') || 'open',
        },
        line,
      );
      if (!parsed.ok) return fail(parsed.problems);
      await d.createAction(o.db, actor, parsed.value);
      return redirect(`/meetings/${params.id}?saved=action#actions`);
    }
    const choices = await dialogueChoices(context, actor);
    const orgIds = new Map(choices.organisations.map((c) => [c.label.toLowerCase(), c.value]));
    const input = {
      kind: text(form, 'kind'),
      starts_at: text(form, 'starts_at'),
      ends_at: text(form, 'ends_at') || null,
      all_day: form.get('all_day') === 'on',
      title: narratives(form, 'title'),
      minutes: narratives(form, 'minutes'),
      public_summary: narratives(form, 'public_summary'),
      place_id: text(form, 'place_id') || null,
      place_text: text(form, 'place_text').trim() || null,
      organisation_ids: all(form, 'organisation_ids'),
      participants: participantsOf(text(form, 'participants'), orgIds),
      topics: all(form, 'topics'),
      decisions: decisionsOf(form),
      activity_ids: all(form, 'activity_ids'),
      confidentiality: text(form, 'confidentiality') || 'internal',
    };
    if (params.id) {
      const parsed = parseInput(
        d.schemas.MeetingUpdate,
        { ...input, version: Number(text(form, 'version')) },
        line,
      );
      if (!parsed.ok) return fail(parsed.problems);
      await d.patchMeeting(o.db, actor, params.id, parsed.value);
      return redirect(`/meetings/${params.id}?saved=meeting`);
    }
    const parsed = parseInput(d.schemas.MeetingCreate, input, line);
    if (!parsed.ok) return fail(parsed.problems);
    const created = await d.createMeeting(o.db, actor, parsed.value);
    return redirect(`/meetings/${created.id}?saved=meeting`);
  } catch (e) {
    return fail(inputProblems(context, e));
  }
}

export default function MeetingEdit() {
  const t = useT();
  const d = useLoaderData<typeof loader>();
  const r = useActionData<typeof action>();
  const v = d.values;
  const ro = !d.canEdit;
  const topicGroups = [
    { key: 'dialogue', legend: t('meeting.topics_dialogue') },
    { key: 'sector', legend: t('meeting.topics_sectors') },
  ];
  return (
    <>
      <p>
        <Link to="/meetings">{t('nav.meetings')}</Link>
      </p>
      <h1>{d.id ? t('meeting.title_edit') : t('meeting.title_new')}</h1>
      {d.saved && (
        <p className="notice" role="status">
          {d.saved === 'meeting' ? t('meeting.saved') : t('actions.saved')}
        </p>
      )}
      {r?.problems && (
        <div className="errors" role="alert" data-testid="form-errors">
          {r.problems.map((p) => (
            <p key={p}>{p}</p>
          ))}
        </div>
      )}
      <Form method="post" id="meeting-form">
        <Csrf />
        <input type="hidden" name="version" value={v.version} />
        <fieldset disabled={ro}>
          <legend>{t('edit.general')}</legend>
          <div className="grid3">
            <ChoiceField
              id="kind"
              label={t('meeting.kind')}
              options={d.vocab.kinds}
              value={v.kind}
              disabled={ro}
            />
            <div>
              <label htmlFor="starts_at">{t('meeting.starts')}</label>
              <input
                id="starts_at"
                name="starts_at"
                type="datetime-local"
                required
                defaultValue={v.starts_at}
              />
            </div>
            <div>
              <label htmlFor="ends_at">{t('meeting.ends')}</label>
              <input id="ends_at" name="ends_at" type="datetime-local" defaultValue={v.ends_at} />
            </div>
          </div>
          <p className="choice">
            <input id="all_day" name="all_day" type="checkbox" defaultChecked={v.all_day} />{' '}
            <label htmlFor="all_day">{t('meeting.all_day')}</label>
          </p>
        </fieldset>
        <NarrativeFields name="title" legend={t('meeting.titles')} values={v.title} required />
        <fieldset disabled={ro}>
          <legend>{t('meeting.place')}</legend>
          <div className="grid3">
            <ChoiceField
              id="place_id"
              label={t('meeting.place')}
              options={d.choices.places}
              value={v.place_id}
              disabled={ro}
            />
            <div>
              <label htmlFor="place_text">{t('meeting.place_text')}</label>
              <input id="place_text" name="place_text" defaultValue={v.place_text} />
            </div>
          </div>
        </fieldset>
        <fieldset disabled={ro}>
          <legend>{t('meeting.partners')}</legend>
          <div className="grid3">
            <ChoiceField
              id="organisation_ids"
              label={t('meeting.partners')}
              options={d.choices.organisations}
              value={v.organisation_ids}
              multiple
              disabled={ro}
            />
            <div>
              <label htmlFor="participants">{t('meeting.participants')}</label>
              <textarea
                id="participants"
                name="participants"
                rows={6}
                defaultValue={v.participants}
                aria-describedby="participants-help"
              />
              <p className="help" id="participants-help">
                {t('meeting.participants_help')}
              </p>
            </div>
            <ChoiceField
              id="activity_ids"
              label={t('meeting.activities')}
              options={d.choices.activities}
              value={v.activity_ids}
              multiple
              disabled={ro}
            />
          </div>
        </fieldset>
        <fieldset disabled={ro}>
          <legend>{t('meeting.topics')}</legend>
          {topicGroups.map((g) => (
            <fieldset key={g.key}>
              <legend>{g.legend}</legend>
              <ul className="checks">
                {d.vocab.topics
                  .filter((x) => x.group === g.key)
                  .map((x) => (
                    <li key={x.value}>
                      <input
                        type="checkbox"
                        id={`topic-${x.value}`}
                        name="topics"
                        value={x.value}
                        defaultChecked={v.topics.includes(x.value)}
                      />{' '}
                      <label htmlFor={`topic-${x.value}`}>{x.label}</label>
                    </li>
                  ))}
              </ul>
            </fieldset>
          ))}
        </fieldset>
        <NarrativeFields
          name="minutes"
          legend={t('meeting.minutes')}
          values={v.minutes}
          multiline
        />
        <fieldset disabled={ro}>
          <legend>{t('meeting.decisions')}</legend>
          <p className="help" id="decisions-help">
            {t('meeting.decisions_help')}
          </p>
          <div className="grid3">
            {EDIT_LANGS.map((l) => (
              <div key={l}>
                <label htmlFor={`decisions.${l}`}>{t(`lang.${l}`)}</label>
                <textarea
                  id={`decisions.${l}`}
                  name={`decisions.${l}`}
                  lang={l}
                  rows={4}
                  aria-describedby="decisions-help"
                  defaultValue={v.decisions[l] ?? ''}
                />
              </div>
            ))}
          </div>
        </fieldset>
        <NarrativeFields
          name="public_summary"
          legend={t('meeting.summary')}
          values={v.public_summary}
          multiline
        />
        <fieldset disabled={ro}>
          <legend>{t('meeting.confidentiality')}</legend>
          {(['internal', 'public'] as const).map((c) => (
            <p key={c} className="choice">
              <input
                type="radio"
                id={`confidentiality-${c}`}
                name="confidentiality"
                value={c}
                defaultChecked={v.confidentiality === c}
              />{' '}
              <label htmlFor={`confidentiality-${c}`}>{t(`meeting.${c}`)}</label>
            </p>
          ))}
        </fieldset>
        {!ro && (
          <p>
            <button type="submit" name="intent" value="save">
              {t('meeting.save')}
            </button>
          </p>
        )}
      </Form>
      {d.id && (
        <section aria-labelledby="actions">
          <h2 id="actions">{t('actions.title')}</h2>
          {d.actions.length === 0 ? (
            <p>{t('actions.empty')}</p>
          ) : (
            <table data-testid="meeting-actions">
              <thead>
                <tr>
                  <th scope="col">{t('actions.col_description')}</th>
                  <th scope="col">{t('actions.col_owner')}</th>
                  <th scope="col">{t('actions.col_due')}</th>
                  <th scope="col">{t('actions.col_status')}</th>
                </tr>
              </thead>
              <tbody>
                {d.actions.map((a) => (
                  <tr key={a.id}>
                    <td>
                      {a.decision ? `${a.decision}. ` : ''}
                      {a.description}
                    </td>
                    <td>{a.owner}</td>
                    <td>
                      {a.due}
                      {a.overdue && (
                        <>
                          {' '}
                          <span className="badge overdue">
                            {t('actions.overdue_days', { days: a.days })}
                          </span>
                        </>
                      )}
                    </td>
                    <td>
                      {ro ? (
                        a.statusLabel
                      ) : (
                        <Form method="post" className="inline">
                          <Csrf />
                          <input type="hidden" name="intent" value="action_status" />
                          <input type="hidden" name="action" value={a.id} />
                          <input type="hidden" name="version" value={a.version} />
                          <label className="visually-hidden" htmlFor={`status-${a.id}`}>
                            {t('actions.new_status', { action: a.description })}
                          </label>
                          <select id={`status-${a.id}`} name="status" defaultValue={a.status}>
                            {d.vocab.statuses.map((s) => (
                              <option key={s.value} value={s.value}>
                                {s.label}
                              </option>
                            ))}
                          </select>{' '}
                          <button type="submit">{t('actions.update')}</button>
                        </Form>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {!ro && (
            // A new key after each saved action empties the form for the next one.
            <Form method="post" key={d.actions.length}>
              <Csrf />
              <input type="hidden" name="intent" value="add_action" />
              <h3>{t('actions.add')}</h3>
              <NarrativeFields
                name="action_description"
                legend={t('actions.description')}
                values={{}}
                required
              />
              <div className="grid3">
                <div>
                  <label htmlFor="decision_ref">{t('actions.decision')}</label>
                  <input id="decision_ref" name="decision_ref" />
                </div>
                <ChoiceField
                  id="owner_organisation_id"
                  label={t('actions.owner')}
                  options={d.choices.organisations}
                  value=""
                  disabled={false}
                />
                <div>
                  <label htmlFor="due_on">{t('actions.due')}</label>
                  <input id="due_on" name="due_on" type="date" />
                </div>
                <ChoiceField
                  id="action_status"
                  label={t('actions.status')}
                  options={d.vocab.statuses}
                  value="open"
                  disabled={false}
                />
              </div>
              <p>
                <button type="submit">{t('actions.save')}</button>
              </p>
            </Form>
          )}
        </section>
      )}
    </>
  );
}
