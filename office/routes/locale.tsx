import { text } from '../lib/forms';
import { redirect, type ActionFunctionArgs } from 'react-router';
import { office, safeNext } from '../lib/context.server';
import { LOCALES } from '../i18n/messages';

/** Stores the chosen language (on the user when signed in, in a cookie either way). */
export async function action({ context, request }: ActionFunctionArgs) {
  const o = office(context);
  const form = await request.formData();
  const locale = text(form, 'locale');
  const nextRaw = text(form, 'next');
  const next = safeNext(nextRaw);
  if (!(LOCALES as readonly string[]).includes(locale)) return redirect(next);
  if (o.actor) await o.services.setUserLocale(o.db, o.actor, locale);
  return redirect(next, { headers: { 'set-cookie': o.cookies.locale(locale) } });
}

export function loader() {
  return redirect('/');
}
