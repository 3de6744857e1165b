/**
 * The e-mail outbox, run by the job runner on a schedule: it claims the
 * pending e-mails that are due, sends each, and records the outcome. A failed
 * attempt is tried again after 1, 5, 15 and 60 minutes; after the fifth it is
 * marked failed with the reason. A failure never stops the other e-mails, the
 * runner or the process.
 */
import type { Logger } from '../../log.js';
import type { Mailer } from './mailer.js';
import type { NotificationRepository } from './notification.repository.js';

export const OUTBOX_EVERY_MS = 15_000;
/** Seconds to wait after each failed attempt; its length is the number of attempts before an e-mail fails for good. */
export const RETRY_AFTER_SECONDS = [60, 5 * 60, 15 * 60, 60 * 60];
const BATCH = 20;
/** How long a sender holds the e-mails it claimed; another sender takes over what is still held after this. */
const HOLD_SECONDS = 10 * 60;

export interface OutboxResult {
  sent: number;
  retried: number;
  failed: number;
}

export async function sendPendingEmails(input: {
  notifications: NotificationRepository;
  mailer: Mailer;
  baseUrl: string;
  log: Logger;
}): Promise<OutboxResult> {
  const result: OutboxResult = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const emails = await input.notifications.claimEmails(BATCH, HOLD_SECONDS);
    if (emails.length === 0) return result;
    for (const email of emails) {
      try {
        await input.mailer.send({ to: email.to, subject: email.subject, text: `${email.body}\n\n${input.baseUrl}${email.link}\n` });
        await input.notifications.markSent(email.id);
        result.sent++;
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        const retryAfter = RETRY_AFTER_SECONDS[email.attempts - 1] ?? null;
        await input.notifications.markAttemptFailed(email.id, reason, retryAfter);
        if (retryAfter === null) result.failed++;
        else result.retried++;
        input.log.warn(retryAfter === null ? 'E-mail definitief niet verstuurd' : 'E-mail niet verstuurd; later opnieuw', {
          notificationId: email.id,
          attempt: email.attempts,
          reason,
        });
      }
    }
  }
}
