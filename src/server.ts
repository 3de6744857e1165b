/**
 * Composition root: config -> database -> repositories -> services -> http.
 * `startServer` is what `npm start` and `koers serve` run.
 */
import type { Server } from 'node:http';
import { serve } from '@hono/node-server';
import { createApp } from './app.js';
import { type Config, ConfigError } from './config.js';
import { createDatabase, type DatabaseHandle, type DatabaseTarget, migrateToLatest } from './db/create-db.js';
import { databaseReadiness } from './db/readiness.js';
import { noteNewConnection } from './db/turns.js';
import { AuthService, type SessionPolicy } from './features/accounts/auth.service.js';
import { PasswordLinks } from './features/accounts/password-links.js';
import { UserAdminService } from './features/accounts/user-admin.service.js';
import { AnalysisService } from './features/analysis/analysis.service.js';
import { BudgetService } from './features/budget/budget.service.js';
import { createJobRunner } from './features/jobs/background.js';
import { DEFAULT_JOB_SETTINGS, JobRepository, type JobSettings } from './features/jobs/job.repository.js';
import { MonitoringService } from './features/monitoring/monitoring.service.js';
import { OpenDataRepository } from './features/monitoring/open-data.repository.js';
import { RefreshJobs } from './features/monitoring/refresh-jobs.js';
import { PrioritisationService } from './features/next-plan/prioritisation.service.js';
import { WasWordtService } from './features/next-plan/was-wordt.service.js';
import type { Mailer } from './features/notifications/mailer.js';
import { createSmtpMailer } from './features/notifications/mailer.js';
import { NotificationService } from './features/notifications/notification.service.js';
import { loadExampleIfEmpty } from './features/plans/example-plan.js';
import { PlanService } from './features/plans/plan.service.js';
import { PlanChangesService } from './features/plans/plan-changes.service.js';
import { PlanEditingService } from './features/plans/plan-editing.service.js';
import { PlanLifecycleService } from './features/plans/plan-lifecycle.service.js';
import { ProgressService } from './features/progress/progress.service.js';
import { ReportingRoundService } from './features/progress/reporting-rounds.service.js';
import { RegionService } from './features/region/region.service.js';
import { preloadReportWriters } from './features/reports/render/render-report.js';
import { ReportService } from './features/reports/report.service.js';
import { ReportJobs } from './features/reports/report-jobs.js';
import { SimilarMunicipalitiesService } from './features/similar-municipalities/similar-municipalities.service.js';
import { createUnitOfWork } from './features/unit-of-work.js';
import { closeHttpServer } from './http/close-server.js';
import { createLogger, type Logger } from './log.js';
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

/** How background work runs: when a job counts as stale, and where the runner logs. */
export interface BackgroundSettings {
  jobs?: JobSettings;
  log?: Logger;
  /** E-mail for notifications (sent from the outbox by the job runner); absent: notifications are shown in Koers only. */
  mail?: { mailer: Mailer; baseUrl: string } | null;
}

export function createServices(
  handle: DatabaseHandle,
  sessions: SessionPolicy = DEFAULT_SESSIONS,
  openData: OpenDataSettings | null = null,
  background: BackgroundSettings = {},
) {
  const jobSettings = background.jobs ?? DEFAULT_JOB_SETTINGS;
  // Services get the unit of work, never a repository of their own.
  const uow = createUnitOfWork(handle, jobSettings);
  const passwordLinks = new PasswordLinks(uow);
  const auth = new AuthService(uow, sessions, passwordLinks);
  const plans = new PlanService(uow);
  const cbs = openData ? new CbsClient({ baseUrls: openData.baseUrls, fetchImpl: openData.fetchImpl, sleep: openData.sleep }) : null;
  const monitoring = new MonitoringService({ uow, plans, cbs });
  const progress = new ProgressService(uow, plans, { email: Boolean(background.mail) });
  // A cancel asked here reaches a job this process runs at once (the runner is made below).
  const refreshJobs = new RefreshJobs(monitoring, uow, (jobId) => jobRunner.cancelRunning(jobId));
  const budget = new BudgetService(uow, plans);
  const planChanges = new PlanChangesService(uow);
  const wasWordt = new WasWordtService(plans);
  const region = new RegionService(uow, { plans, monitoring });
  const similarMunicipalities = new SimilarMunicipalitiesService(uow, { plans, monitoring, cbs });
  const reports = new ReportService(uow, { plans, monitoring, progress, budget, planChanges, wasWordt });
  const reportJobs = new ReportJobs(reports, uow);
  const analysis = new AnalysisService(uow, { plans, monitoring, progress, wasWordt });
  const planLifecycle = new PlanLifecycleService(uow);
  const prioritisation = new PrioritisationService(uow, { plans, lifecycle: planLifecycle, analysis, similarMunicipalities });
  // The runner is infrastructure, not a service: it claims, beats and hands back jobs on repositories of its own,
  // and runs each job's handler, which works through the unit of work.
  const jobRunner = createJobRunner({
    db: handle.db,
    jobs: new JobRepository(handle.db, jobSettings),
    openData: new OpenDataRepository(handle, jobSettings.staleSeconds),
    handlers: { ...refreshJobs.handlers(), ...reportJobs.handlers(), ...similarMunicipalities.handlers() },
    sessionIdleMinutes: sessions.idleMinutes,
    log: background.log,
    mail: background.mail ?? null,
  });
  return {
    plans,
    planEditing: new PlanEditingService(uow),
    planLifecycle,
    planChanges,
    auth,
    passwordLinks,
    users: new UserAdminService(uow, auth, passwordLinks),
    sessions,
    monitoring,
    progress,
    rounds: new ReportingRoundService(uow, plans, progress, { email: Boolean(background.mail) }),
    notifications: new NotificationService(uow),
    budget,
    reports,
    reportJobs,
    analysis,
    wasWordt,
    region,
    prioritisation,
    similarMunicipalities,
    refreshJobs,
    readiness: () => databaseReadiness(handle.db),
    /** The embedded database's count of statements that may change data; null on a server (see DatabaseHandle). */
    databaseWriteCount: handle.writeCount,
    jobRunner,
    uow,
  };
}

/** Opens and migrates the database; the caller closes it. */
export async function openDatabase(config: Config): Promise<DatabaseHandle> {
  const handle = await createDatabase(databaseTarget(config));
  await migrateToLatest(handle.db);
  return handle;
}

/** The log as configured: LOG_LEVEL, and LOG_FORMAT or else text on a terminal and JSON otherwise. */
export function configuredLogger(config: Config): Logger {
  return createLogger({ level: config.log.level, format: config.log.format ?? undefined });
}

/**
 * Starts Koers: opens and migrates the database, drops staging tables that
 * no running import owns, starts the job runner, loads the example when the
 * database is empty, and listens. `stop` shuts down cleanly: no new
 * connections, running requests and a running job get
 * SHUTDOWN_TIMEOUT_SECONDS to finish (the job is handed back to the queue),
 * then the database is closed. Every step is logged.
 */
export async function startServer(config: Config, log: Logger = configuredLogger(config)) {
  const engine = config.databaseUrl ? 'PostgreSQL-server (DATABASE_URL)' : `ingebedde database in ${config.dataDir}`;
  log.info('Koers start', { database: engine });
  const handle = await createDatabase(databaseTarget(config));
  const applied = await migrateToLatest(handle.db);
  if (applied.length > 0) log.info('Database gemigreerd', { migrations: applied });
  const services = createServices(
    handle,
    config.sessions,
    { baseUrls: config.cbs },
    {
      jobs: { ...DEFAULT_JOB_SETTINGS, staleSeconds: config.jobs.staleSeconds },
      log,
      mail: config.mail ? { mailer: createSmtpMailer(config.mail), baseUrl: config.mail.baseUrl } : null,
    },
  );
  // The runner's first clean-up drops staging tables that no running import owns.
  services.jobRunner.start();
  if (config.loadExample) {
    const example = await loadExampleIfEmpty(services.plans);
    if (example) log.info(`Voorbeeldplan geladen: ${example.title} (${example.municipalities.map((m) => m.name).join(', ')})`);
  }
  let stopping = false;
  const app = createApp(services, { trustProxy: config.trustProxy, oidc: config.oidc, log, isStopping: () => stopping });
  if ((await services.uow.read(({ accounts }) => accounts.countAdministrators())) === 0) {
    log.warn(
      handle.engine === 'pglite'
        ? 'Er is nog geen beheerder. Stop Koers (Ctrl+C) en maak de eerste met: node bin/koers.mjs user create --admin --email <e-mail> --name "<naam>"'
        : 'Er is nog geen beheerder. Maak de eerste met: node bin/koers.mjs user create --admin --email <e-mail> --name "<naam>"',
    );
  }
  const server = await new Promise<Server>((resolve, reject) => {
    const instance = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(instance as Server));
    // A burst of new connections is taken in quickly: turns stay short for a moment (src/db/turns.ts).
    instance.on('connection', noteNewConnection);
    instance.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new ConfigError(`Poort ${config.port} is al in gebruik: kies een andere met PORT=...`) : error),
    );
  });
  log.info(`Koers draait op http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port} met de ${engine}`, {
    port: config.port,
  });
  // The report writers load once the app answers, so the first report does not wait for them and the start does not either.
  const preload = setTimeout(() => {
    preloadReportWriters().catch((error: unknown) => log.warn('De rapportageschrijvers laden later', { err: error }));
  }, 1000);
  preload.unref();

  let stopped: Promise<void> | null = null;
  const stop = (reason = 'stop'): Promise<void> => {
    if (stopped) return stopped;
    stopping = true;
    const timeoutMs = config.shutdownTimeoutSeconds * 1000;
    stopped = (async () => {
      log.info('Koers stopt: geen nieuwe verzoeken meer; lopende verzoeken en een lopende taak krijgen tijd om af te ronden', {
        reason,
        timeoutMs,
      });
      await Promise.all([
        closeHttpServer(server, timeoutMs, log).then(() => log.info('Webserver gesloten')),
        services.jobRunner.stop(timeoutMs).then(() => log.info('Taken gestopt')),
      ]);
      // A connection still busy for a job that did not stop (a COPY waiting for its next page) would keep the pool open.
      const closed = await withinTime(handle.close(), timeoutMs);
      if (closed) log.info('Database gesloten; Koers is gestopt');
      else log.warn('Database niet netjes gesloten: een verbinding was nog bezig; Koers stopt toch', { timeoutMs });
    })();
    return stopped;
  };
  return { server, stop, services };
}

/** Whether the work ended within the time; it is left running otherwise. */
async function withinTime(work: Promise<unknown>, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const ended = await Promise.race([
    work.then(() => true),
    new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
    }),
  ]);
  clearTimeout(timer);
  return ended;
}
