/**
 * Sending e-mail over SMTP (nodemailer), configured by SMTP_URL and
 * SMTP_FROM. The outbox (outbox.ts) is the only caller; tests send to a local
 * SMTP server they start themselves.
 */
import nodemailer from 'nodemailer';

export interface Email {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(email: Email): Promise<void>;
}

export interface MailSettings {
  /** smtp://user:password@host:587 or smtps://...; the password never appears in logs. */
  url: string;
  from: string;
  /** The address people use to reach Koers, for the link in each e-mail, without a trailing slash. */
  baseUrl: string;
}

/** Each send gets at most this long before it counts as failed (and is tried again later). */
const SEND_TIMEOUT_MS = 30_000;

export function createSmtpMailer(settings: Pick<MailSettings, 'url' | 'from'>): Mailer {
  const transport = nodemailer.createTransport({
    url: settings.url,
    connectionTimeout: SEND_TIMEOUT_MS,
    greetingTimeout: SEND_TIMEOUT_MS,
    socketTimeout: SEND_TIMEOUT_MS,
  });
  return {
    async send(email) {
      await transport.sendMail({ from: settings.from, to: email.to, subject: email.subject, text: email.text });
    },
  };
}
