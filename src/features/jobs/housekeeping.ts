/**
 * What the job runner cleans up every hour (and at start), and how long
 * things are kept:
 *
 * - sessions: removed once they ended (idle past SESSION_IDLE_MINUTES, or past
 *   their absolute end); an ended session is refused anyway;
 * - login attempts: kept 30 days (the rate limit needs 15 minutes; the rest is
 *   for looking into an attack), then removed;
 * - finished jobs (done, failed, cancelled): kept 30 days, then removed.
 *
 * Staging tables of imports whose process stopped are dropped more often (see
 * background.ts). The audit trail is never cleaned up: it is append-only.
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../../db/schema.js';
import type { Logger } from '../../log.js';
import type { JobRepository } from './job.repository.js';

export const RETENTION = {
  loginAttemptDays: 30,
  finishedJobDays: 30,
} as const;

export const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;

export interface CleanUpCounts {
  sessions: number;
  loginAttempts: number;
  jobs: number;
}

/** The clean-up of the accounts' tables (sessions and login attempts). */
export class HousekeepingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async deleteEndedSessions(idleMinutes: number): Promise<number> {
    const result = await this.db
      .deleteFrom('userSession')
      .where((eb) =>
        eb.or([
          eb('expiresAt', '<=', sql<string>`now()`),
          eb('lastSeenAt', '<', sql<string>`now() - make_interval(mins => ${idleMinutes})`),
        ]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteLoginAttemptsBefore(days: number): Promise<number> {
    const result = await this.db
      .deleteFrom('loginAttempt')
      .where('attemptedAt', '<', sql<string>`now() - make_interval(days => ${days})`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}

export interface HousekeepingDependencies {
  housekeeping: HousekeepingRepository;
  jobs: JobRepository;
  sessionIdleMinutes: number;
  log: Logger;
}

/** One round of clean-up; logs what it removed. */
export async function cleanUp(deps: HousekeepingDependencies): Promise<CleanUpCounts> {
  const counts: CleanUpCounts = {
    sessions: await deps.housekeeping.deleteEndedSessions(deps.sessionIdleMinutes),
    loginAttempts: await deps.housekeeping.deleteLoginAttemptsBefore(RETENTION.loginAttemptDays),
    jobs: await deps.jobs.deleteFinishedBefore(RETENTION.finishedJobDays),
  };
  const removed = Object.values(counts).some((count) => count > 0);
  if (removed) deps.log.info('Opgeruimd', { ...counts });
  else deps.log.debug('Opgeruimd: niets te doen');
  return counts;
}
