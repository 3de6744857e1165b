/**
 * The job runner as an app instance runs it: the handlers of every kind of
 * job, and beside them the clean-up: staging tables of imports whose process
 * stopped, every stale period; sessions, login attempts and old jobs, every hour.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type Logger, silentLogger } from '../../log.js';
import { AccountRepository } from '../accounts/account.repository.js';
import type { OpenDataRepository } from '../monitoring/open-data.repository.js';
import type { Mailer } from '../notifications/mailer.js';
import { NotificationRepository } from '../notifications/notification.repository.js';
import { OUTBOX_EVERY_MS, sendPendingEmails } from '../notifications/outbox.js';
import { cleanUp, HOUSEKEEPING_EVERY_MS } from './housekeeping.js';
import type { JobRepository } from './job.repository.js';
import { type JobHandler, JobRunner } from './job-runner.js';

export function createJobRunner(input: {
  db: Kysely<Database>;
  jobs: JobRepository;
  openData: OpenDataRepository;
  handlers: Record<string, JobHandler>;
  sessionIdleMinutes: number;
  log?: Logger;
  /** Where the outbox sends notification e-mails; null: no e-mail. */
  mail?: { mailer: Mailer; baseUrl: string } | null;
}): JobRunner {
  const log = input.log ?? silentLogger;
  const accounts = new AccountRepository(input.db);
  const notifications = new NotificationRepository(input.db);
  return new JobRunner(input.jobs, input.handlers, {
    log,
    scheduled: [
      {
        name: 'Opruimen van importtabellen',
        everyMs: input.openData.staleSeconds * 1000,
        run: async () => {
          const dropped = await input.openData.dropAbandonedStaging();
          if (dropped.length > 0) log.info('Importtabellen van gestopte imports opgeruimd', { tables: dropped });
          else log.debug('Importtabellen nagekeken: geen van gestopte imports');
        },
      },
      ...(input.mail
        ? [
            {
              name: 'E-mails versturen',
              everyMs: OUTBOX_EVERY_MS,
              run: async () => {
                const mail = input.mail as { mailer: Mailer; baseUrl: string };
                const result = await sendPendingEmails({ notifications, mailer: mail.mailer, baseUrl: mail.baseUrl, log });
                if (result.sent + result.retried + result.failed > 0) log.info('E-mails verstuurd', { ...result });
              },
            },
          ]
        : []),
      {
        name: 'Opruimen',
        everyMs: HOUSEKEEPING_EVERY_MS,
        run: async () => {
          await cleanUp({ accounts, jobs: input.jobs, sessionIdleMinutes: input.sessionIdleMinutes, log });
        },
      },
    ],
  });
}
