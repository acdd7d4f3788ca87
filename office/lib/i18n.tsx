import { useRouteLoaderData } from 'react-router';
import { format, type Catalogue, type Locale, type MessageKey } from '../i18n/messages';

export interface RootData {
  locale: Locale;
  messages: Catalogue;
  csrf: string;
  user: { email: string; name: string | null; role: string } | null;
  path: string;
}

export function useRoot(): RootData {
  const d = useRouteLoaderData<RootData>('root');
  if (!d) throw new Error('root loader data missing');
  return d;
}

/** The translator of the page's language. */
export function useT() {
  const { messages } = useRoot();
  return (key: MessageKey, values?: Record<string, string | number>) =>
    format(messages[key], values);
}

/** The hidden field every form posts, checked by the server against the session. */
export function Csrf() {
  const { csrf } = useRoot();
  return <input type="hidden" name="_csrf" value={csrf} />;
}
