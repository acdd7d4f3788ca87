import { createTransport } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/** Sends one plain-text message; resolves once the SMTP server has accepted it. */
export type Mailer = (message: MailMessage) => Promise<void>;

/**
 * A mailer for an SMTP URL such as smtp://user:pass@mail.example.org:587 (STARTTLS when offered)
 * or smtps://… (TLS from the start). The sender is the URL's `from` query parameter, or
 * koordinata@ the server's host.
 */
export function smtpMailer(smtpUrl: string): Mailer {
  const url = new URL(smtpUrl);
  const from = url.searchParams.get('from') ?? `koordinata@${url.hostname}`;
  url.searchParams.delete('from');
  const transport = createTransport(url.toString());
  return async (m) => {
    await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
  };
}
