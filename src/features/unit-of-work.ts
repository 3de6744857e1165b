/**
 * One unit of work per request or command. A service never holds a
 * repository: it asks the unit of work for the set of repositories, bound to
 * one transaction for a change (`write`) or to the database for reading
 * (`read`). So a change, its history and its audit event commit or roll back
 * together, and no query can go around a running transaction: a `read` or a
 * `write` called while a write runs joins that write's transaction (on the
 * embedded PGlite, which has one connection, anything else would wait forever).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { DatabaseHandle } from '../db/create-db.js';
import type { Database } from '../db/schema.js';
import { AccountRepository } from './accounts/account.repository.js';
import { AuditRepository } from './audit/audit.repository.js';
import { BudgetRepository } from './budget/budget.repository.js';
import { DEFAULT_JOB_SETTINGS, JobRepository, type JobSettings } from './jobs/job.repository.js';
import { MeasurementRepository } from './monitoring/measurement.repository.js';
import { OpenDataRepository } from './monitoring/open-data.repository.js';
import { PrioritisationRepository } from './next-plan/prioritisation.repository.js';
import { NotificationRepository } from './notifications/notification.repository.js';
import { PlanRepository } from './plans/plan.repository.js';
import { PlanCache } from './plans/plan-cache.js';
import { ProgressRepository } from './progress/progress.repository.js';
import { ReportRepository } from './reports/report.repository.js';

export interface Repositories {
  plans: PlanRepository;
  accounts: AccountRepository;
  audit: AuditRepository;
  measurements: MeasurementRepository;
  openData: OpenDataRepository;
  jobs: JobRepository;
  progress: ProgressRepository;
  notifications: NotificationRepository;
  budget: BudgetRepository;
  reports: ReportRepository;
  prioritisations: PrioritisationRepository;
}

export interface UnitOfWork {
  /** Runs work in one transaction: everything it writes commits together, or nothing does. */
  write<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  /** Runs reads (and the open-data pull, which commits page by page); inside a running write, in that write's transaction. */
  read<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
}

function repositoriesOn(
  db: Kysely<Database>,
  copyFrom: DatabaseHandle['copyFrom'],
  jobSettings: JobSettings,
  planCache: PlanCache,
  afterCommit?: (work: () => void) => void,
): Repositories {
  return {
    plans: new PlanRepository(db, planCache, afterCommit),
    accounts: new AccountRepository(db),
    audit: new AuditRepository(db),
    measurements: new MeasurementRepository(db),
    openData: new OpenDataRepository({ db, copyFrom }, jobSettings.staleSeconds),
    jobs: new JobRepository(db, jobSettings),
    progress: new ProgressRepository(db),
    notifications: new NotificationRepository(db),
    budget: new BudgetRepository(db),
    reports: new ReportRepository(db),
    prioritisations: new PrioritisationRepository(db),
  };
}

/** The running write per database, for the code it calls. */
const runningWrite = new AsyncLocalStorage<{ handle: DatabaseHandle; repos: Repositories }>();

export function createUnitOfWork(handle: DatabaseHandle, jobSettings: JobSettings = DEFAULT_JOB_SETTINGS): UnitOfWork {
  // Plans read before, per version: shared by every read and write of this database (see plan-cache.ts).
  const planCache = new PlanCache();
  const outside = repositoriesOn(handle.db, handle.copyFrom, jobSettings, planCache);
  const joined = () => {
    const running = runningWrite.getStore();
    return running?.handle === handle ? running.repos : undefined;
  };
  return {
    write(work) {
      const running = joined();
      if (running) return work(running);
      // What may be kept in memory only once it is committed (a plan read after its change), kept when the commit is done.
      const committed: (() => void)[] = [];
      return handle
        .transaction((trx) => {
          // COPY runs on a connection of its own and commits by itself: never inside a unit of work.
          const repos = repositoriesOn(trx, null, jobSettings, planCache, (keep) => committed.push(keep));
          return runningWrite.run({ handle, repos }, () => work(repos));
        })
        .then((result) => {
          for (const keep of committed) keep();
          return result;
        });
    },
    read(work) {
      return work(joined() ?? outside);
    },
  };
}
