/**
 * The pages of what changed in a plan: its revisions, one revision item by
 * item, the adopted plan against the current one, and the history of one
 * element. Mount with `app.route('/', createPlanChangesPages(reader, changes))`.
 * Readable by whoever may read the plan; answered through the page cache
 * (page-cache.ts) like the other pages of a plan.
 */
import { type Context, Hono } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import { NotFoundError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import type { AppEnv } from '../../http/app-env.js';
import { renderDocument } from '../../web/layout.js';
import { type Locale, messagesFor } from '../../web/messages.js';
import { kindOfPath } from './element-paths.js';
import { PlanPageCache } from './page-cache.js';
import { ComparisonPage } from './pages/comparison.page.js';
import { ElementHistoryPage } from './pages/element-history.page.js';
import { RevisionPage } from './pages/revision.page.js';
import { RevisionsPage } from './pages/revisions.page.js';
import type { PlanReader } from './plan.service.js';
import type { PlanChangesService } from './plan-changes.service.js';

export type PlanChangesReader = Pick<PlanChangesService, 'revisions' | 'revision' | 'compare' | 'elementHistory'>;

export function createPlanChangesPages(
  reader: PlanReader,
  changes: PlanChangesReader,
  options: { locale?: Locale; cache?: PlanPageCache } = {},
): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const cache = options.cache ?? new PlanPageCache(undefined);
  const pages = new Hono<AppEnv>();

  const page = (render: (c: Context<AppEnv>, plan: Plan) => Promise<HtmlEscapedString> | HtmlEscapedString) => (c: Context<AppEnv>) => {
    const planId = c.req.param('planId') ?? '';
    return cache.answer(c, planId, async () => {
      const plan = await reader.getPlan(c.var.actor, planId);
      return { html: renderDocument(await render(c, plan)), version: plan.version };
    });
  };

  pages.get(
    '/plannen/:planId/bijstellingen',
    page(async (c, plan) => <RevisionsPage m={m} plan={plan} revisions={await changes.revisions(c.var.actor, plan.id)} />),
  );

  pages.get(
    '/plannen/:planId/bijstellingen/:number',
    page(async (c, plan) => {
      const text = c.req.param('number') ?? '';
      if (!/^[1-9]\d{0,5}$/.test(text)) throw new NotFoundError('Bijstelling', text);
      const [detail, revisions] = await Promise.all([
        changes.revision(c.var.actor, plan.id, Number(text)),
        changes.revisions(c.var.actor, plan.id),
      ]);
      return <RevisionPage m={m} plan={plan} detail={detail} revisions={revisions} />;
    }),
  );

  pages.get(
    '/plannen/:planId/vergelijking',
    page(async (c, plan) => (
      <ComparisonPage m={m} plan={plan} comparison={plan.status === 'draft' ? null : await changes.compare(c.var.actor, plan.id)} />
    )),
  );

  pages.get(
    '/plannen/:planId/wijzigingen/:segment/:key',
    page(async (c, plan) => {
      const kind = kindOfPath(c.req.param('segment') ?? '');
      if (!kind) throw new NotFoundError('Pagina', c.req.path);
      const history = await changes.elementHistory(c.var.actor, plan.id, kind, c.req.param('key') ?? '');
      return <ElementHistoryPage m={m} plan={plan} history={history} />;
    }),
  );

  return pages;
}
