/**
 * The web pages of plans (server-rendered HTML). Mount with
 * `app.route('/', createPlanPages(reader))`. Errors propagate: NotFoundError
 * for an unknown plan or theme, ValidationError for an unknown filter value or
 * a malformed `peildatum`; the app's error handler turns them into pages (see
 * web/error-page.tsx). Every page that shows the plan takes `?peildatum=`
 * (as-of.tsx) and is answered through the page cache (page-cache.ts).
 */
import { type Context, Hono } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import { allActivities, listActivities, scheduleOptions } from '../../domain/activity-filter.js';
import { buildCoverage } from '../../domain/coverage.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { searchPlan } from '../../domain/plan-search.js';
import type { ProgressStatus } from '../../domain/progress.js';
import type { AppEnv } from '../../http/app-env.js';
import { csvDownload } from '../../web/csv.js';
import { renderDocument } from '../../web/layout.js';
import { type Locale, messagesFor } from '../../web/messages.js';
import type { Actor } from '../accounts/actor.js';
import type { AuditEvent } from '../audit/audit.repository.js';
import type { Glance } from '../progress/progress.service.js';
import { mayEditPlan, mayStartPlans } from './editing/edit-access.js';
import { PlanPageCache } from './page-cache.js';
import { AsOf, asOfPage, readAsOf } from './pages/as-of.js';
import { CoveragePage } from './pages/coverage.page.js';
import { ImplementationPlanPage, readActivityFilter } from './pages/implementation-plan.page.js';
import { IndicatorsPage } from './pages/indicators.page.js';
import { NotInForcePage } from './pages/not-in-force.page.js';
import { PartnerPage } from './pages/partner.page.js';
import { PartnersPage } from './pages/partners.page.js';
import { activitiesCsv, indicatorsCsv } from './pages/plan-csv.js';
import { PlanHistoryPage } from './pages/plan-history.page.js';
import { PlanListPage } from './pages/plan-list.page.js';
import { PlanOverviewPage } from './pages/plan-overview.page.js';
import type { IndicatorStatuses } from './pages/plan-parts.js';
import { SearchPage } from './pages/search.page.js';
import { ThemePage } from './pages/theme.page.js';
import { NotInForceError, type PlanReader } from './plan.service.js';

export interface PlanPagesOptions {
  locale?: Locale;
  /** Where pages are kept and their ETags made; without one, pages get their ETag and are never kept (page tests). */
  cache?: PlanPageCache;
}

/** The plan's audit trail, for the history page; the page is absent where it is not given (page tests). */
export interface PlanHistoryReader {
  history(actor: Actor, planId: string): Promise<AuditEvent[]>;
}

/**
 * The monitor as the overview and theme pages show it: each indicator's
 * status now (a MonitoringService fits). Without it, as in page tests, those
 * pages show no status.
 */
export interface IndicatorStatusReader {
  currentStatuses(plan: Plan): Promise<IndicatorStatuses>;
}

/** "Stand van zaken" on the overview (a ProgressService fits); without it, as in page tests, the overview shows none. */
export interface GlanceReader {
  glance(plan: Plan, asOf?: string): Promise<Glance>;
  /** Each activity's status in the period the date falls in, for the implementation plan's progress filter. */
  statusesInPeriod(
    plan: Plan,
    asOf?: string,
  ): Promise<{ period: { label: string }; statuses: ProgressStatus[]; byActivity: ReadonlyMap<string, string> }>;
}

export function createPlanPages(
  reader: PlanReader,
  options: PlanPagesOptions = {},
  history?: PlanHistoryReader,
  monitor?: IndicatorStatusReader,
  progress?: GlanceReader,
): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const cache = options.cache ?? new PlanPageCache(undefined);
  const pages = new Hono<AppEnv>();

  const statusesOf = (plan: Plan): Promise<IndicatorStatuses | undefined> =>
    monitor ? monitor.currentStatuses(plan) : Promise.resolve(undefined);

  /**
   * A page that shows the plan: the current plan, or the plan as of the date
   * in `?peildatum=` (links within it keep the date); kept for anonymous
   * readers of a published plan and answered with its ETag (page-cache.ts).
   */
  const planPage = (render: (c: Context<AppEnv>, plan: Plan) => Promise<HtmlEscapedString> | HtmlEscapedString) => (c: Context<AppEnv>) => {
    const planId = c.req.param('planId') ?? '';
    return cache.answer(c, planId, async () => {
      const asOf = readAsOf(m, (name) => c.req.query(name));
      let plan: Plan;
      try {
        plan = await reader.getPlan(c.var.actor, planId, { asOf });
      } catch (error) {
        if (!(error instanceof NotInForceError)) throw error;
        const current = await reader.getPlan(c.var.actor, planId);
        const page = asOfPage(current.id, c.req.url, undefined);
        return {
          html: renderDocument(<NotInForcePage m={m} plan={current} date={error.asOf} page={page} />),
          status: 404,
          version: current.version,
        };
      }
      const page = await render(c, plan);
      return { html: renderDocument(<AsOf page={asOfPage(plan.id, c.req.url, asOf)}>{page}</AsOf>), version: plan.version };
    });
  };

  /** The plan for a file download: current, or as of the date asked. */
  const planOf = (c: Context<AppEnv>) =>
    reader.getPlan(c.var.actor, c.req.param('planId') ?? '', { asOf: readAsOf(m, (name) => c.req.query(name)) });

  pages.get('/', async (c) =>
    c.html(renderDocument(<PlanListPage m={m} plans={await reader.listPlans(c.var.actor)} mayStart={mayStartPlans(c.var.actor)} />)),
  );

  pages.get(
    '/plannen/:planId',
    planPage(async (c, plan) => (
      <PlanOverviewPage
        m={m}
        plan={plan}
        statuses={await statusesOf(plan)}
        glance={
          progress
            ? await progress.glance(
                plan,
                readAsOf(m, (name) => c.req.query(name)),
              )
            : undefined
        }
        mayEdit={mayEditPlan(
          c.var.actor,
          plan.municipalities.map((municipality) => municipality.code),
        )}
      />
    )),
  );

  pages.get(
    '/plannen/:planId/zoeken',
    planPage((c, plan) => {
      const text = (c.req.query('q') ?? '').trim().slice(0, 200);
      return <SearchPage m={m} plan={plan} text={text} result={searchPlan(plan, text)} />;
    }),
  );

  pages.get(
    '/plannen/:planId/dekking',
    planPage((_c, plan) => <CoveragePage m={m} plan={plan} coverage={buildCoverage(plan)} />),
  );

  pages.get(
    '/plannen/:planId/themas/:themeId',
    planPage(async (c, plan) => {
      const themeId = c.req.param('themeId') ?? '';
      const theme = plan.themes.find((candidate) => candidate.id === themeId);
      if (!theme) throw new NotFoundError('Thema', themeId);
      const statuses = theme.indicators.length > 0 ? await statusesOf(plan) : undefined;
      return <ThemePage m={m} plan={plan} theme={theme} statuses={statuses} />;
    }),
  );

  pages.get(
    '/plannen/:planId/uitvoeringsplan',
    planPage(async (c, plan) => {
      const inPeriod = progress
        ? await progress.statusesInPeriod(
            plan,
            readAsOf(m, (name) => c.req.query(name)),
          )
        : undefined;
      const shown = inPeriod ? { statuses: inPeriod.statuses, periodLabel: inPeriod.period.label } : undefined;
      const filter = readActivityFilter(m, plan, (name) => c.req.query(name), shown);
      return (
        <ImplementationPlanPage
          m={m}
          plan={plan}
          filter={filter}
          progress={shown}
          rows={listActivities(plan, filter, inPeriod?.byActivity)}
          total={allActivities(plan).length}
          scheduleOptions={scheduleOptions(plan)}
        />
      );
    }),
  );

  pages.get('/plannen/:planId/uitvoeringsplan.csv', async (c) => {
    const plan = await planOf(c);
    const inPeriod = progress
      ? await progress.statusesInPeriod(
          plan,
          readAsOf(m, (name) => c.req.query(name)),
        )
      : undefined;
    const shown = inPeriod ? { statuses: inPeriod.statuses, periodLabel: inPeriod.period.label } : undefined;
    const rows = listActivities(
      plan,
      readActivityFilter(m, plan, (name) => c.req.query(name), shown),
      inPeriod?.byActivity,
    );
    return csvDownload(c, `uitvoeringsplan-${plan.id.slice(0, 8)}.csv`, activitiesCsv(m, plan, rows));
  });

  pages.get('/plannen/:planId/indicatoren.csv', async (c) => {
    const plan = await planOf(c);
    return csvDownload(c, `indicatoren-${plan.id.slice(0, 8)}.csv`, indicatorsCsv(m, plan));
  });

  pages.get(
    '/plannen/:planId/partners',
    planPage((_c, plan) => <PartnersPage m={m} plan={plan} />),
  );

  pages.get(
    '/plannen/:planId/partners/:partnerKey',
    planPage((c, plan) => {
      const partnerKey = c.req.param('partnerKey') ?? '';
      const partner = plan.partners.find((candidate) => candidate.key === partnerKey);
      if (!partner) throw new NotFoundError('Partner', partnerKey);
      return <PartnerPage m={m} plan={plan} partner={partner} />;
    }),
  );

  pages.get(
    '/plannen/:planId/indicatoren',
    planPage((_c, plan) => <IndicatorsPage m={m} plan={plan} />),
  );

  pages.get('/plannen/:planId/geschiedenis', async (c) => {
    if (!history) throw new NotFoundError('Pagina', c.req.path);
    const planId = c.req.param('planId');
    const events = await history.history(c.var.actor, planId);
    const plan = await reader.getPlan(c.var.actor, planId);
    return c.html(renderDocument(<PlanHistoryPage m={m} plan={plan} events={events} />));
  });

  return pages;
}
