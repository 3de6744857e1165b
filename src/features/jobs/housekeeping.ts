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
import type { Logger } from '../../log.js';
import type { AccountRepository } from '../accounts/account.repository.js';
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

export interface HousekeepingDependencies {
  accounts: AccountRepository;
  jobs: JobRepository;
  sessionIdleMinutes: number;
  log: Logger;
}

/** One round of clean-up; logs what it removed. */
export async function cleanUp(deps: HousekeepingDependencies): Promise<CleanUpCounts> {
  const counts: CleanUpCounts = {
    sessions: await deps.accounts.deleteEndedSessions(deps.sessionIdleMinutes),
    loginAttempts: await deps.accounts.deleteLoginAttemptsBefore(RETENTION.loginAttemptDays),
    jobs: await deps.jobs.deleteFinishedBefore(RETENTION.finishedJobDays),
  };
  const removed = Object.values(counts).some((count) => count > 0);
  if (removed) deps.log.info('Opgeruimd', { ...counts });
  else deps.log.debug('Opgeruimd: niets te doen');
  return counts;
}
