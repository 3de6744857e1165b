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
import type { AppEnv } from '../../http/app-env.js';
import { renderDocument } from '../../web/layout.js';
import { type Locale, messagesFor } from '../../web/messages.js';
import type { Actor } from '../accounts/actor.js';
import type { AuditEvent } from '../audit/audit.repository.js';
import { CoveragePage } from './pages/coverage.page.js';
import { ImplementationPlanPage, readActivityFilter } from './pages/implementation-plan.page.js';
import { IndicatorsPage } from './pages/indicators.page.js';
import { PartnersPage } from './pages/partners.page.js';
import { PlanHistoryPage } from './pages/plan-history.page.js';
import { PlanListPage } from './pages/plan-list.page.js';
import { PlanOverviewPage } from './pages/plan-overview.page.js';
import { ThemePage } from './pages/theme.page.js';
import type { PlanReader } from './plan.service.js';

export interface PlanPagesOptions {
  locale?: Locale;
}

/** The plan's audit trail, for the history page; the page is absent where it is not given (page tests). */
export interface PlanHistoryReader {
  history(actor: Actor, planId: string): Promise<AuditEvent[]>;
}

export function createPlanPages(reader: PlanReader, options: PlanPagesOptions = {}, history?: PlanHistoryReader): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();

  pages.get('/', async (c) => c.html(renderDocument(<PlanListPage m={m} plans={await reader.listPlans(c.var.actor)} />)));

  pages.get('/plannen/:planId', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    return c.html(renderDocument(<PlanOverviewPage m={m} plan={plan} />));
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
    return c.html(renderDocument(<ThemePage m={m} plan={plan} theme={theme} />));
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

  pages.get('/plannen/:planId/partners', async (c) => {
    const plan = await reader.getPlan(c.var.actor, c.req.param('planId'));
    return c.html(renderDocument(<PartnersPage m={m} plan={plan} />));
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
