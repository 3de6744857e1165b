/**
 * Composition root: config -> database -> repositories -> services -> http.
 * `startServer` is what `npm start` and `koers serve` run.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { type Config, ConfigError } from './config.js';
import { createDatabase, type DatabaseHandle, type DatabaseTarget, migrateToLatest } from './db/create-db.js';
import { AccountRepository } from './features/accounts/account.repository.js';
import { AuthService, type SessionPolicy } from './features/accounts/auth.service.js';
import { UserAdminService } from './features/accounts/user-admin.service.js';
import { AuditRepository } from './features/audit/audit.repository.js';
import { JobRepository } from './features/jobs/job.repository.js';
import { JobRunner } from './features/jobs/job-runner.js';
import { MeasurementRepository } from './features/monitoring/measurement.repository.js';
import { MonitoringService } from './features/monitoring/monitoring.service.js';
import { OpenDataRepository } from './features/monitoring/open-data.repository.js';
import { RefreshJobs } from './features/monitoring/refresh-jobs.js';
import { loadExampleIfEmpty } from './features/plans/example-plan.js';
import { PlanRepository } from './features/plans/plan.repository.js';
import { PlanService } from './features/plans/plan.service.js';
import type { CbsBaseUrls } from './opendata/cbs-client.js';
import { CbsClient } from './opendata/cbs-client.js';

export function databaseTarget(config: Config): DatabaseTarget {
  return config.databaseUrl ? { engine: 'postgres', url: config.databaseUrl } : { engine: 'pglite', dataDir: config.dataDir };
}

export const DEFAULT_SESSIONS: SessionPolicy = { idleMinutes: 30, absoluteHours: 12 };

/** Where the open-data services are; null: no open data (refreshing then says so). */
export interface OpenDataSettings {
  baseUrls: CbsBaseUrls;
  fetchImpl?: typeof fetch;
  /** For tests: no real waiting between retries. */
  sleep?: (ms: number) => Promise<void>;
}

export function createServices(
  handle: DatabaseHandle,
  sessions: SessionPolicy = DEFAULT_SESSIONS,
  openData: OpenDataSettings | null = null,
) {
  const accounts = new AccountRepository(handle.db);
  const auth = new AuthService(accounts, new AuditRepository(handle.db), sessions);
  const planRepository = new PlanRepository(handle.db);
  const plans = new PlanService(planRepository, (work) =>
    handle.db.transaction().execute((trx) => work({ plans: new PlanRepository(trx), audit: new AuditRepository(trx) })),
  );
  const monitoring = new MonitoringService({
    plans,
    planRepository,
    measurements: new MeasurementRepository(handle.db),
    openData: new OpenDataRepository(handle),
    transact: (work) =>
      handle.db.transaction().execute((trx) => work({ measurements: new MeasurementRepository(trx), audit: new AuditRepository(trx) })),
    cbs: openData ? new CbsClient({ baseUrls: openData.baseUrls, fetchImpl: openData.fetchImpl, sleep: openData.sleep }) : null,
  });
  const jobs = new JobRepository(handle.db);
  const refreshJobs = new RefreshJobs(monitoring, jobs);
  return {
    plans,
    auth,
    users: new UserAdminService(accounts, auth),
    sessions,
    monitoring,
    refreshJobs,
    jobRunner: new JobRunner(jobs, refreshJobs.handlers()),
  };
}

/** Opens and migrates the database; the caller closes it. */
export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await createDatabase(databaseTarget(config));
  await migrateToLatest(handle.db);
  return handle;
}

export async function startServer(config: Config, log: (line: string) => void = console.log) {
  const handle = await openDatabase(config);
  const services = createServices(handle, config.sessions, { baseUrls: config.cbs });
  await new OpenDataRepository(handle).dropAbandonedStaging();
  services.jobRunner.start();
  if (config.loadExample) {
    const example = await loadExampleIfEmpty(services.plans);
    if (example) log(`Voorbeeldplan geladen: ${example.title} (${example.municipalities.map((m) => m.name).join(', ')})`);
  }
  const app = createApp(services, { trustProxy: config.trustProxy, oidc: config.oidc });
  const accounts = new AccountRepository(handle.db);
  if ((await accounts.countAdministrators()) === 0) {
    log('Er is nog geen beheerder. Maak de eerste met: node bin/koers.mjs user create --admin --email <e-mail> --name "<naam>"');
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const instance = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(instance));
    instance.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new ConfigError(`Poort ${config.port} is al in gebruik: kies een andere met PORT=...`) : error),
    );
  });
  const where = config.databaseUrl ? 'PostgreSQL-server (DATABASE_URL)' : `ingebedde database in ${config.dataDir}`;
  log(`Koers draait op http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} met de ${where}`);
  const stop = async () => {
    await services.jobRunner.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await handle.close();
  };
  return { server, stop };
}
