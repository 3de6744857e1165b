/**
 * The web application: the API under /api/v1, the pages, the assets, and the
 * one error handler. Takes its services ready-made, so tests can build it on
 * any database.
 */
import { Hono } from 'hono';
import { contextStorage } from 'hono/context-storage';
import { createAccountPages } from './features/accounts/accounts.pages.js';
import type { AuthService, SessionPolicy } from './features/accounts/auth.service.js';
import { createOidcRoutes, type OidcSettings } from './features/accounts/oidc.routes.js';
import type { PasswordLinks } from './features/accounts/password-links.js';
import { createUserAdminPages } from './features/accounts/user-admin.pages.js';
import type { UserAdminService } from './features/accounts/user-admin.service.js';
import { createAnalysisPages } from './features/analysis/analysis.pages.js';
import type { AnalysisService } from './features/analysis/analysis.service.js';
import { createBudgetPages } from './features/budget/budget.pages.js';
import { BUDGET_BODY_LIMITS, createBudgetApi } from './features/budget/budget.routes.js';
import type { BudgetService } from './features/budget/budget.service.js';
import { createMonitoringPages, MONITORING_PAGE_BODY_LIMITS } from './features/monitoring/monitoring.pages.js';
import { createMonitoringApi, MONITORING_API_BODY_LIMITS } from './features/monitoring/monitoring.routes.js';
import type { MonitoringService } from './features/monitoring/monitoring.service.js';
import type { RefreshJobs } from './features/monitoring/refresh-jobs.js';
import { createPrioritisationPages } from './features/next-plan/prioritisation.pages.js';
import { createPrioritisationApi, PRIORITISATION_BODY_LIMITS } from './features/next-plan/prioritisation.routes.js';
import type { PrioritisationService } from './features/next-plan/prioritisation.service.js';
import { createWasWordtPages } from './features/next-plan/was-wordt.pages.js';
import type { WasWordtService } from './features/next-plan/was-wordt.service.js';
import { createNotificationPages } from './features/notifications/notification.pages.js';
import { createNotificationApi } from './features/notifications/notification.routes.js';
import type { NotificationService } from './features/notifications/notification.service.js';
import { createPlanEditingPages } from './features/plans/editing/editing.pages.js';
import { PlanPageCache } from './features/plans/page-cache.js';
import { createPlanPages } from './features/plans/plan.pages.js';
import { createPlanApi, PLAN_BODY_LIMITS } from './features/plans/plan.routes.js';
import type { PlanService } from './features/plans/plan.service.js';
import { createPlanChangesPages } from './features/plans/plan-changes.pages.js';
import type { PlanChangesService } from './features/plans/plan-changes.service.js';
import type { PlanEditingService } from './features/plans/plan-editing.service.js';
import type { PlanLifecycleService } from './features/plans/plan-lifecycle.service.js';
import { createProgressPages } from './features/progress/progress.pages.js';
import { createProgressApi, PROGRESS_BODY_LIMITS } from './features/progress/progress.routes.js';
import type { ProgressService } from './features/progress/progress.service.js';
import type { ReportingRoundService } from './features/progress/reporting-rounds.service.js';
import { createRegionPages } from './features/region/region.pages.js';
import { createRegionApi } from './features/region/region.routes.js';
import type { RegionService } from './features/region/region.service.js';
import type { ReportService } from './features/reports/report.service.js';
import type { ReportJobs } from './features/reports/report-jobs.js';
import { createReportPages } from './features/reports/reports.pages.js';
import { createReportApi, REPORT_BODY_LIMITS } from './features/reports/reports.routes.js';
import { createSimilarMunicipalitiesPages } from './features/similar-municipalities/similar-municipalities.pages.js';
import { createSimilarMunicipalitiesApi } from './features/similar-municipalities/similar-municipalities.routes.js';
import type { SimilarMunicipalitiesService } from './features/similar-municipalities/similar-municipalities.service.js';
import type { AppEnv } from './http/app-env.js';
import { authenticate } from './http/authenticate.js';
import { limitRequestBodies } from './http/body-limit.js';
import { cacheControl } from './http/cache-control.js';
import { csrfProtection } from './http/csrf.js';
import { handleError, handleNotFound } from './http/error-handler.js';
import { createHealthRoutes, type ReadinessCheck } from './http/health.js';
import { checkJsonBodies } from './http/json-body.js';
import { registerSecuritySchemes } from './http/openapi.js';
import { API_VERSION } from './http/problem.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { userBar } from './http/user-bar.js';
import { type Logger, silentLogger } from './log.js';
import { serveAssets } from './web/assets.js';

export interface Services {
  plans: PlanService;
  planEditing: PlanEditingService;
  planLifecycle: PlanLifecycleService;
  planChanges: PlanChangesService;
  auth: AuthService;
  passwordLinks: PasswordLinks;
  users: UserAdminService;
  sessions: SessionPolicy;
  monitoring: MonitoringService;
  progress: ProgressService;
  rounds: ReportingRoundService;
  notifications: NotificationService;
  budget: BudgetService;
  reports: ReportService;
  reportJobs: ReportJobs;
  analysis: AnalysisService;
  wasWordt: WasWordtService;
  prioritisation: PrioritisationService;
  region: RegionService;
  similarMunicipalities: SimilarMunicipalitiesService;
  refreshJobs: RefreshJobs;
  /** Whether the database can serve this version (GET /gezondheid/gereed). */
  readiness: ReadinessCheck;
  /** The embedded database's count of statements that may change data; null on a server (see DatabaseHandle.writeCount). */
  databaseWriteCount?: (() => number) | null;
}

export const OPENAPI_INFO = {
  openapi: '3.0.3',
  info: {
    title: 'Koers API',
    version: API_VERSION,
    description:
      'Het integraal veiligheidsplan (IVP) van een gemeente: plannen, thema’s, indicatoren, het uitvoeringsplan met activiteiten, partners en trekkers. Veldnamen in het Nederlands volgens de NL API Design Rules.',
    contact: { name: 'Koers', email: 'koers@opensource.nl', url: 'https://koers.opensource.nl' },
    license: { name: 'EUPL-1.2', url: 'https://eupl.eu/1.2/nl/' },
  },
  servers: [{ url: '/api/v1', description: 'Deze installatie' }],
};

export interface AppOptions {
  /** Behind a TLS-terminating proxy: trust its X-Forwarded-Proto. */
  trustProxy?: boolean;
  /** Login through the municipality's identity provider, when configured. */
  oidc?: OidcSettings | null;
  /** How the app reaches the identity provider (tests pass their own). */
  fetchImpl?: typeof fetch;
  /** Where the request log goes; nowhere by default. */
  log?: Logger;
  /** True once the instance is stopping: it is then no longer ready. */
  isStopping?: () => boolean;
  /** The cache of rendered plan pages (see page-cache.ts); a new one of the default size when not given (tests pass their own). */
  planPageCache?: PlanPageCache;
}

export function createApp(services: Services, options: AppOptions = {}): Hono<AppEnv> {
  const app = new Hono<AppEnv>({ strict: true });
  const trustProxy = options.trustProxy ?? false;
  app.use('*', requestLog(options.log ?? silentLogger, { trustProxy }));
  app.use('*', securityHeaders({ trustProxy }));
  // Pages of published plans kept for anonymous readers are answered here, before the rest (see page-cache.ts).
  const planPageCache = options.planPageCache ?? new PlanPageCache(services.plans, undefined, services.databaseWriteCount);
  app.use('/plannen/*', async (c, next) => (await planPageCache.kept(c)) ?? next());
  app.use('*', cacheControl());
  app.use(
    '*',
    limitRequestBodies([
      ...PLAN_BODY_LIMITS,
      ...MONITORING_API_BODY_LIMITS,
      ...MONITORING_PAGE_BODY_LIMITS,
      ...PROGRESS_BODY_LIMITS,
      ...BUDGET_BODY_LIMITS,
      ...REPORT_BODY_LIMITS,
      ...PRIORITISATION_BODY_LIMITS,
    ]),
  );
  app.use('*', authenticate(services.auth, { trustProxy }));
  // The header of a logged-in person's page shows the unread notifications (user-bar.ts): the layout reads them from the request's context.
  app.use('*', contextStorage());
  app.use(
    '*',
    userBar((userId) => services.notifications.unreadOf(userId)),
  );
  app.use('*', csrfProtection({ trustProxy }));
  app.use('/api/*', async (c, next) => {
    await next();
    c.res.headers.set('API-Version', API_VERSION);
  });
  app.use('/api/*', checkJsonBodies());

  const api = createPlanApi(services);
  api.route('/', createMonitoringApi(services.monitoring, services.refreshJobs));
  api.route('/', createProgressApi(services.progress, services.rounds));
  api.route('/', createNotificationApi(services.notifications));
  api.route('/', createBudgetApi(services.budget));
  api.route('/', createReportApi(services.reports, services.reportJobs));
  api.route('/', createSimilarMunicipalitiesApi(services.similarMunicipalities));
  api.route('/', createPrioritisationApi(services.prioritisation));
  api.route('/', createRegionApi(services.region));
  registerSecuritySchemes(api);
  api.doc('/openapi.json', OPENAPI_INFO);
  app.route('/api/v1', api);

  app.route('/', createHealthRoutes(services.readiness, options.isStopping ?? (() => false)));
  app.use('/assets/*', serveAssets());
  app.route('/', createAccountPages(services.auth, services.passwordLinks, services.sessions.absoluteHours, options.oidc?.name ?? null));
  if (options.oidc) app.route('/', createOidcRoutes(services.auth, options.oidc, services.sessions.absoluteHours, options.fetchImpl));
  app.route('/', createUserAdminPages(services.users, { trustProxy }));
  // Before the plan pages: /plannen/nieuw is no plan id.
  app.route(
    '/',
    createPlanEditingPages({
      plans: services.plans,
      editing: services.planEditing,
      lifecycle: services.planLifecycle,
      changes: services.planChanges,
    }),
  );
  app.route('/', createPlanPages(services.plans, { cache: planPageCache }, services.plans, services.monitoring, services.progress));
  app.route('/', createPlanChangesPages(services.plans, services.planChanges, { cache: planPageCache }));
  app.route('/', createMonitoringPages(services.monitoring, services.refreshJobs));
  app.route('/', createProgressPages(services.progress, services.rounds));
  app.route('/', createNotificationPages(services.notifications));
  app.route('/', createBudgetPages(services.budget));
  app.route('/', createReportPages(services.reports, services.reportJobs));
  app.route('/', createAnalysisPages(services.analysis));
  app.route('/', createSimilarMunicipalitiesPages(services.similarMunicipalities));
  app.route('/', createWasWordtPages(services.wasWordt));
  app.route('/', createPrioritisationPages(services.prioritisation));
  app.route('/', createRegionPages(services.region));

  app.onError(handleError);
  app.notFound(handleNotFound);
  return app;
}
