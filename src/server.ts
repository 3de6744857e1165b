/**
 * Composition root: config -> database -> repositories -> services -> http.
 * `startServer` is what `npm start` and `koers serve` run.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { type Config, ConfigError } from './config.js';
import { createDatabase, type DatabaseHandle, type DatabaseTarget, migrateToLatest } from './db/create-db.js';
import { AuthService, type SessionPolicy } from './features/accounts/auth.service.js';
import { UserAdminService } from './features/accounts/user-admin.service.js';
import { JobRepository } from './features/jobs/job.repository.js';
import { JobRunner } from './features/jobs/job-runner.js';
import { MonitoringService } from './features/monitoring/monitoring.service.js';
import { OpenDataRepository } from './features/monitoring/open-data.repository.js';
import { RefreshJobs } from './features/monitoring/refresh-jobs.js';
import { loadExampleIfEmpty } from './features/plans/example-plan.js';
import { PlanService } from './features/plans/plan.service.js';
import { createUnitOfWork } from './features/unit-of-work.js';
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
  // Services get the unit of work, never a repository of their own.
  const uow = createUnitOfWork(handle);
  const auth = new AuthService(uow, sessions);
  const plans = new PlanService(uow);
  const monitoring = new MonitoringService({
    uow,
    plans,
    cbs: openData ? new CbsClient({ baseUrls: openData.baseUrls, fetchImpl: openData.fetchImpl, sleep: openData.sleep }) : null,
  });
  const refreshJobs = new RefreshJobs(monitoring, uow);
  return {
    plans,
    auth,
    users: new UserAdminService(uow, auth),
    sessions,
    monitoring,
    refreshJobs,
    jobRunner: new JobRunner(new JobRepository(handle.db), refreshJobs.handlers()),
    uow,
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
  if ((await services.uow.read(({ accounts }) => accounts.countAdministrators())) === 0) {
    log(
      handle.engine === 'pglite'
        ? 'Er is nog geen beheerder. Stop Koers (Ctrl+C) en maak de eerste met: node bin/koers.mjs user create --admin --email <e-mail> --name "<naam>"'
        : 'Er is nog geen beheerder. Maak de eerste met: node bin/koers.mjs user create --admin --email <e-mail> --name "<naam>"',
    );
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
