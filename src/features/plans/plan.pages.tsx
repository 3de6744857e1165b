/**
 * The web pages of plans (server-rendered HTML). Mount with
 * `app.route('/', createPlanPages(reader))`. Errors propagate: NotFoundError
 * for an unknown plan or theme, ValidationError for an unknown filter value;
 * the app's error handler turns them into pages (see web/error-page.tsx).
 */
import { Hono } from 'hono';
import { allActivities, listActivities, scheduleOptions } from '../../domain/activity-filter.js';
import { buildCoverage } from '../../domain/coverage.js';
import { NotFoundError } from '../../domain/errors.js';
import type { IndicatorStatus } from '../../domain/indicator-status.js';
import type { AppEnv } from '../../http/app-env.js';
import { csvDownload } from '../../web/csv.js';
import { renderDocument } from '../../web/layout.js';
import { type Locale, messagesFor } from '../../web/messages.js';
import type { Actor } from '../accounts/actor.js';
import type { AuditEvent } from '../audit/audit.repository.js';
import { mayEditPlan, mayStartPlans } from './editing/edit-access.js';
import { CoveragePage } from './pages/coverage.page.js';
import { ImplementationPlanPage, readActivityFilter } from './pages/implementation-plan.page.js';
import { IndicatorsPage } from './pages/indicators.page.js';
import { PartnerPage } from './pages/partner.page.js';
import { PartnersPage } from './pages/partners.page.js';
import { activitiesCsv, indicatorsCsv } from './pages/plan-csv.js';
import { PlanHistoryPage } from './pages/plan-history.page.js';
import { PlanListPage } from './pages/plan-list.page.js';
import { PlanOverviewPage } from './pages/plan-overview.page.js';
import type { IndicatorStatuses } from './pages/plan-parts.js';
import { ThemePage } from './pages/theme.page.js';
import type { PlanReader } from './plan.service.js';

export interface PlanPagesOptions {
  locale?: Locale;
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
  monitor(actor: Actor, planId: string): Promise<{ indicators: { indicator: { key: string }; current: { status: IndicatorStatus } }[] }>;
}

export function createPlanPages(
  reader: PlanReader,
  options: PlanPagesOptions = {},
  history?: PlanHistoryReader,
  monitor?: IndicatorStatusReader,
): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();

  const statusesOf = async (actor: Actor, planId: string): Promise<IndicatorStatuses | undefined> => {
    if (!monitor) return undefined;
    const view = await monitor.monitor(actor, planId);
    return new Map(view.indicators.map((entry) => [entry.indicator.key, entry.current.status]));
  };

  pages.get('/', async (c) =>
    c.html(renderDocument(<PlanListPage m={m} plans={await reader.listPlans(c.var.actor)} mayStart={mayStartPlans(c.var.actor)} />)),
  );

  pages.get('/plannen/:planId', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    const statuses = await statusesOf(c.var.actor, plan.id);
    const mayEdit = mayEditPlan(
      c.var.actor,
      plan.municipalities.map((municipality) => municipality.code),
    );
    return c.html(renderDocument(<PlanOverviewPage m={m} plan={plan} statuses={statuses} mayEdit={mayEdit} />));
  });

  pages.get('/plannen/:planId/dekking', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    return c.html(renderDocument(<CoveragePage m={m} plan={plan} coverage={buildCoverage(plan)} />));
  });

  pages.get('/plannen/:planId/themas/:themeId', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    const themeId = c.req.param('themeId');
    const theme = plan.themes.find((candidate) => candidate.id === themeId);
    if (!theme) throw new NotFoundError('Thema', themeId);
    const statuses = theme.indicators.length > 0 ? await statusesOf(c.var.actor, plan.id) : undefined;
    return c.html(renderDocument(<ThemePage m={m} plan={plan} theme={theme} statuses={statuses} />));
  });

  pages.get('/plannen/:planId/uitvoeringsplan', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    const filter = readActivityFilter(m, plan, (name) => c.req.query(name));
    const page = (
      <ImplementationPlanPage
        m={m}
        plan={plan}
        filter={filter}
        rows={listActivities(plan, filter)}
        total={allActivities(plan).length}
        scheduleOptions={scheduleOptions(plan)}
      />
    );
    return c.html(renderDocument(page));
  });

  pages.get('/plannen/:planId/uitvoeringsplan.csv', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    const rows = listActivities(
      plan,
      readActivityFilter(m, plan, (name) => c.req.query(name)),
    );
    return csvDownload(c, `uitvoeringsplan-${plan.id.slice(0, 8)}.csv`, activitiesCsv(m, plan, rows));
  });

  pages.get('/plannen/:planId/indicatoren.csv', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    return csvDownload(c, `indicatoren-${plan.id.slice(0, 8)}.csv`, indicatorsCsv(m, plan));
  });

  pages.get('/plannen/:planId/partners', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    return c.html(renderDocument(<PartnersPage m={m} plan={plan} />));
  });

  pages.get('/plannen/:planId/partners/:partnerKey', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    const partnerKey = c.req.param('partnerKey');
    const partner = plan.partners.find((candidate) => candidate.key === partnerKey);
    if (!partner) throw new NotFoundError('Partner', partnerKey);
    return c.html(renderDocument(<PartnerPage m={m} plan={plan} partner={partner} />));
  });

  pages.get('/plannen/:planId/indicatoren', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    return c.html(renderDocument(<IndicatorsPage m={m} plan={plan} />));
  });

  pages.get('/plannen/:planId/geschiedenis', async (c) => {
    if (!history) throw new NotFoundError('Pagina', c.req.path);
    const planId = c.req.param('planId');
    const events = await history.history(c.var.actor, planId);
    const plan = await reader.getPlan(c.var.actor, planId);
    return c.html(renderDocument(<PlanHistoryPage m={m} plan={plan} events={events} />));
  });

  return pages;
}
