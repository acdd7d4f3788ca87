import type { Mailer, MailMessage } from '../mail/mail.js';
import { latinToCyrillic } from '../text/index.js';
import type { InvitationOut } from './invitations.service.js';

const TEXTS: Record<'sq' | 'sr-Latn' | 'en', { subject: string; body: string }> = {
  en: {
    subject: 'Invitation to Koordinata',
    body: 'You are invited to Koordinata, the aid-coordination registry of the Coordination Body for the Municipalities of Preševo, Bujanovac and Medveđa.\n\nOpen this link to choose your password (valid until {expires}):\n{url}\n',
  },
  sq: {
    subject: 'Ftesë në Koordinata',
    body: 'Jeni të ftuar në Koordinata, regjistrin e koordinimit të ndihmës së Trupit Koordinues për komunat Preshevë, Bujanoc dhe Medvegjë.\n\nHapni këtë lidhje për të zgjedhur fjalëkalimin (e vlefshme deri më {expires}):\n{url}\n',
  },
  'sr-Latn': {
    subject: 'Poziv u Koordinatu',
    body: 'Pozvani ste u Koordinatu, registar koordinacije pomoći Koordinacionog tela za opštine Preševo, Bujanovac i Medveđa.\n\nOtvorite ovaj link da izaberete lozinku (važi do {expires}):\n{url}\n',
  },
};

/**
 * The invitation mail in the invitee's language: Serbian Cyrillic is derived from the Latin text,
 * with the link left as it is.
 */
export function invitationMail(
  invitation: Pick<InvitationOut, 'email' | 'locale' | 'expires_at'>,
  url: string,
): MailMessage {
  const locale = invitation.locale;
  const base = TEXTS[locale === 'sq' || locale === 'en' ? locale : 'sr-Latn'];
  const expires = invitation.expires_at.slice(0, 10);
  const convert = locale === 'sr-Cyrl' ? latinToCyrillic : (s: string) => s;
  const [before = '', after = ''] = base.body.split('{url}');
  return {
    to: invitation.email,
    subject: convert(base.subject),
    text: convert(before.replace('{expires}', expires)) + url + after,
  };
}

export type MailOutcome = 'sent' | 'not_configured' | 'failed';

/**
 * Mails the invitation link when SMTP is configured. A failed delivery does not undo the
 * invitation: the link is shown to the admin either way, and the outcome says whether it went out.
 */
export async function mailInvitation(
  mailer: Mailer | null,
  invitation: Pick<InvitationOut, 'email' | 'locale' | 'expires_at'>,
  url: string,
): Promise<MailOutcome> {
  if (!mailer) return 'not_configured';
  try {
    await mailer(invitationMail(invitation, url));
    return 'sent';
  } catch (e) {
    console.error(`invitation mail to ${invitation.email} failed:`, e);
    return 'failed';
  }
}
