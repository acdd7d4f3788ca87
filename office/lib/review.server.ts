import { text } from '../lib/forms';
import { data, type AppLoadContext } from 'react-router';
import type { Actor } from '../../src/server/auth/actor.js';
import { isServiceError, office, translator } from './context.server';

const ACTIONS = ['submit', 'approve', 'publish', 'return'] as const;
export type ReviewAction = (typeof ACTIONS)[number];

/** Runs a review step posted by a form; answers with the outcome for the page to show. */
export async function runReview(context: AppLoadContext, actor: Actor, form: FormData) {
  const o = office(context);
  const t = translator(context);
  const id = text(form, 'id');
  const act = text(form, 'review') as ReviewAction;
  if (!ACTIONS.includes(act)) throw data({ message: 'unknown review action' }, { status: 400 });
  const version = Number(form.get('version') ?? '');
  const reason = text(form, 'reason');
  try {
    const out = await o.services.reviewActivity(o.db, actor, id, act, {
      ...(Number.isInteger(version) && version > 0 ? { version } : {}),
      ...(reason.trim() ? { reason } : {}),
    });
    return {
      ok: true as const,
      id,
      message: t('review.done', { status: t(`status.${out.publication_status}`) }),
    };
  } catch (e) {
    if (isServiceError(e) && [403, 409, 422].includes(e.status)) {
      const text =
        e.status === 422
          ? `${t('review.reason')}: ${e.message}`
          : e.status === 403
            ? t('error.forbidden', { message: e.message })
            : e.message;
      return data({ ok: false as const, id, message: text }, { status: e.status });
    }
    throw e;
  }
}
