import { redirect, type ActionFunctionArgs } from 'react-router';
import { office } from '../lib/context.server';

export async function action({ context }: ActionFunctionArgs) {
  const o = office(context);
  if (o.sessionToken) await o.services.signOut(o.db, o.sessionToken);
  return redirect('/login', { headers: { 'set-cookie': o.cookies.clearSession() } });
}

export function loader() {
  return redirect('/');
}
