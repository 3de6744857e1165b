/** The job runner as an app instance runs it: the handlers of every kind of job, and the hourly clean-up beside them. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { type Logger, silentLogger } from '../../log.js';
import type { OpenDataRepository } from '../monitoring/open-data.repository.js';
import { cleanUp, HOUSEKEEPING_EVERY_MS, HousekeepingRepository } from './housekeeping.js';
import type { JobRepository } from './job.repository.js';
import { type JobHandler, JobRunner } from './job-runner.js';

export function createJobRunner(input: {
  db: Kysely<Database>;
  jobs: JobRepository;
  openData: OpenDataRepository;
  handlers: Record<string, JobHandler>;
  sessionIdleMinutes: number;
  log?: Logger;
}): JobRunner {
  const log = input.log ?? silentLogger;
  const housekeeping = new HousekeepingRepository(input.db);
  return new JobRunner(input.jobs, input.handlers, {
    log,
    housekeeping: {
      everyMs: HOUSEKEEPING_EVERY_MS,
      run: async () => {
        await cleanUp({ housekeeping, jobs: input.jobs, openData: input.openData, sessionIdleMinutes: input.sessionIdleMinutes, log });
      },
    },
  });
}
