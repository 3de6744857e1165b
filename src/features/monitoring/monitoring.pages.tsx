/**
 * The web pages of monitoring (server-rendered HTML), under a plan's
 * `/plannen/:planId/monitor`. Mount with
 * `app.route('/', createMonitoringPages(service, refreshJobs))`.
 *
 * Forms post back and answer with a 303 redirect and a notice in the query;
 * a form with problems is shown again (400) with the problems beside the
 * fields and the typed values kept. NotFoundError, ValidationError and
 * ForbiddenError from the service propagate to the app's error handler.
 */
import { type Context, Hono } from 'hono';
import type { HtmlEscapedString } from 'hono/utils/html';
import { ForbiddenError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import type { AppEnv } from '../../http/app-env.js';
import type { BodyLimit } from '../../http/body-limit.js';
import { csrfTokenFor } from '../../http/csrf.js';
import { readForm } from '../../http/form.js';
import { csvDownload } from '../../web/csv.js';
import { renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import type { Actor } from '../accounts/actor.js';
import { MEASUREMENT_FILE_LIMITS } from '../measurements/measurement-file.js';
import { withEtag } from '../plans/page-cache.js';
import { AsOf, asOfPage, readAsOf } from '../plans/pages/as-of.js';
import { NotInForcePage } from '../plans/pages/not-in-force.page.js';
import { NotInForceError, type PlanReadOptions } from '../plans/plan.service.js';
import type { MonitoringService } from './monitoring.service.js';
import { BbvPage } from './pages/bbv.page.js';
import { DistrictsPage, PREVIOUS_SOURCE_FIELD } from './pages/districts.page.js';
import { IndicatorMonitorPage } from './pages/indicator.page.js';
import { JobPage } from './pages/job.page.js';
import { MonitorPage, type MonitorPageProps } from './pages/monitor.page.js';
import { bbvCsv, districtsCsv, monitorCsv } from './pages/monitor-csv.js';
import { parseAssessmentForm, parseBbvForm, parseMeasurementForm } from './pages/monitor-forms.js';
import { bbvUrl, indicatorMonitorUrl, jobUrl, monitorUrl, themeAnchor } from './pages/monitor-urls.js';
import { TacticalPage } from './pages/tactical.page.js';
import type { RefreshJobView } from './refresh-jobs.js';

/** What the job page shows of a refresh job. */
export type JobView = RefreshJobView;

export interface RefreshStarter {
  startRefresh(actor: Actor, planId: string): Promise<{ jobId: string }>;
  job(actor: Actor, planId: string, jobId: string): Promise<JobView>;
  cancel(actor: Actor, planId: string, jobId: string): Promise<JobView>;
}

/** What the pages use of the monitoring service (a MonitoringService fits; tests pass a fake). */
export type MonitoringPagesService = Pick<
  MonitoringService,
  | 'monitor'
  | 'indicator'
  | 'recordMeasurement'
  | 'importMeasurementFile'
  | 'measurementTemplate'
  | 'recordAssessment'
  | 'tactical'
  | 'districts'
  | 'bbv'
  | 'recordBbvEntry'
  | 'assertMayRefresh'
>;

export interface MonitoringPagesOptions {
  locale?: Locale;
}

const CONTENT_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

const SOURCES = ['misdrijven', 'overlast'] as const;

/** The measurements file may be 5 MB, plus the form around it; the app reads every body within its limit. */
export const MONITORING_PAGE_BODY_LIMITS: BodyLimit[] = [
  {
    path: /^\/plannen\/[^/]+\/monitor\/metingen\/bestand$/,
    maxBytes: MEASUREMENT_FILE_LIMITS.maxBytes + 64 * 1024,
    tooLarge: `Het bestand is groter dan ${MEASUREMENT_FILE_LIMITS.maxBytes / 1024 / 1024} MB. Verdeel de metingen over meer bestanden.`,
  },
];

export function createMonitoringPages(
  service: MonitoringPagesService,
  refresh: RefreshStarter,
  options: MonitoringPagesOptions = {},
): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();

  const renderMonitor = async (
    c: Context<AppEnv>,
    props: Omit<MonitorPageProps, 'm' | 'view' | 'csrf' | 'currentYear'>,
    status: 200 | 400 = 200,
  ) => {
    const view = await service.monitor(c.var.actor, c.req.param('planId') ?? '');
    const page = <MonitorPage m={m} view={view} csrf={csrfTokenFor(c)} currentYear={new Date().getFullYear()} {...props} />;
    return c.html(renderDocument(page), status);
  };

  /**
   * A page that shows the plan, current or as of the date in `?peildatum=`
   * (links within it keep the date), with its ETag. A date on which there was
   * no plan gets a page that says so.
   */
  const datedPage = async (
    c: Context<AppEnv>,
    render: (read: PlanReadOptions) => Promise<{ page: HtmlEscapedString | Promise<HtmlEscapedString>; plan: Plan }>,
  ) => {
    const asOf = readAsOf(m, (name) => c.req.query(name));
    try {
      const { page, plan } = await render({ asOf });
      const html = renderDocument(<AsOf page={asOfPage(plan.id, c.req.url, asOf)}>{page}</AsOf>);
      return withEtag(c, { html, version: plan.version });
    } catch (error) {
      if (!(error instanceof NotInForceError)) throw error;
      const { plan } = await service.monitor(c.var.actor, c.req.param('planId') ?? '');
      const page = <NotInForcePage m={m} plan={plan} date={error.asOf} page={asOfPage(plan.id, c.req.url, undefined)} />;
      return c.html(renderDocument(page), 404);
    }
  };

  pages.get('/plannen/:planId/monitor', (c) =>
    datedPage(c, async (read) => {
      const view = await service.monitor(c.var.actor, c.req.param('planId'), read);
      const notice = monitorNotice(m, (name) => c.req.query(name));
      const page = <MonitorPage m={m} view={view} csrf={csrfTokenFor(c)} currentYear={new Date().getFullYear()} notice={notice} />;
      return { page, plan: view.plan };
    }),
  );

  pages.get('/plannen/:planId/monitor.csv', async (c) => {
    const view = await service.monitor(c.var.actor, c.req.param('planId'), { asOf: readAsOf(m, (name) => c.req.query(name)) });
    return csvDownload(c, `monitor-${view.plan.id.slice(0, 8)}.csv`, monitorCsv(m, view));
  });

  pages.post('/plannen/:planId/monitor/vernieuwen', async (c) => {
    const planId = c.req.param('planId');
    const { jobId } = await refresh.startRefresh(c.var.actor, planId);
    return c.redirect(jobUrl(planId, jobId), 303);
  });

  pages.get('/plannen/:planId/monitor/taken/:jobId', async (c) => {
    const planId = c.req.param('planId');
    const job = await refresh.job(c.var.actor, planId, c.req.param('jobId'));
    c.header('Cache-Control', 'no-store');
    if (c.req.header('accept')?.includes('application/json')) return c.json(job);
    const plan = await service.assertMayRefresh(c.var.actor, planId);
    return c.html(renderDocument(<JobPage m={m} plan={plan} job={job} csrf={csrfTokenFor(c)} />));
  });

  pages.post('/plannen/:planId/monitor/taken/:jobId/annuleren', async (c) => {
    const planId = c.req.param('planId');
    const jobId = c.req.param('jobId');
    await refresh.cancel(c.var.actor, planId, jobId);
    return c.redirect(jobUrl(planId, jobId), 303);
  });

  const renderIndicator = async (
    c: Context<AppEnv>,
    props: { notice?: string; form?: { values: Record<string, string>; problems: ValidationError['problems'] } },
    status: 200 | 400 = 200,
  ) => {
    const planId = c.req.param('planId') ?? '';
    const key = c.req.param('indicatorKey') ?? '';
    const { plan, monitor, history, may } = await service.indicator(c.var.actor, planId, key);
    const page = (
      <IndicatorMonitorPage m={m} plan={plan} monitor={monitor} history={history} mayEdit={may.edit} csrf={csrfTokenFor(c)} {...props} />
    );
    return c.html(renderDocument(page), status);
  };

  pages.get('/plannen/:planId/monitor/indicatoren/:indicatorKey', (c) =>
    datedPage(c, async (read) => {
      const { plan, monitor, history, may } = await service.indicator(
        c.var.actor,
        c.req.param('planId'),
        c.req.param('indicatorKey'),
        read,
      );
      const notice = c.req.query('opgeslagen') === '1' ? m.monitoring.indicator.saved : undefined;
      const page = (
        <IndicatorMonitorPage
          m={m}
          plan={plan}
          monitor={monitor}
          history={history}
          mayEdit={may.edit}
          csrf={csrfTokenFor(c)}
          notice={notice}
        />
      );
      return { page, plan };
    }),
  );

  pages.post('/plannen/:planId/monitor/indicatoren/:indicatorKey', async (c) => {
    const planId = c.req.param('planId');
    const key = c.req.param('indicatorKey');
    const parsed = parseMeasurementForm(m, await readForm(c));
    if (parsed.input === null) return renderIndicator(c, { form: parsed }, 400);
    try {
      await service.recordMeasurement(c.var.actor, planId, key, parsed.input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderIndicator(c, { form: { values: parsed.values, problems: error.problems } }, 400);
    }
    return c.redirect(`${indicatorMonitorUrl(planId, key)}?opgeslagen=1`, 303);
  });

  pages.post('/plannen/:planId/monitor/metingen/bestand', async (c) => {
    const planId = c.req.param('planId');
    const form = await readForm(c);
    const file = form.bestand;
    if (!(file instanceof File) || file.name === '' || file.size === 0) {
      return renderMonitor(
        c,
        { upload: { message: m.monitoring.monitor.uploadFailed, problems: [{ path: 'bestand', message: m.monitoring.monitor.noFile }] } },
        400,
      );
    }
    try {
      const counts = await service.importMeasurementFile(c.var.actor, planId, {
        name: file.name,
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      const query = new URLSearchParams({
        ingelezen: String(counts.rows),
        nieuw: String(counts.added),
        vervangen: String(counts.replaced),
        ongewijzigd: String(counts.unchanged),
      });
      return c.redirect(`${monitorUrl(planId)}?${query}`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderMonitor(c, { upload: { message: error.message, problems: error.problems } }, 400);
    }
  });

  for (const format of ['csv', 'xlsx'] as const) {
    pages.get(`/plannen/:planId/monitor/sjabloon.${format}`, async (c) => {
      const { fileName, body } = await service.measurementTemplate(c.var.actor, c.req.param('planId'), format);
      return c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="${fileName.replace(/["\\\r\n]/g, '')}"`,
        'Cache-Control': 'no-store',
      });
    });
  }

  pages.post('/plannen/:planId/monitor/themas/:themeKey/beoordeling', async (c) => {
    const planId = c.req.param('planId');
    const themeKey = c.req.param('themeKey');
    const parsed = parseAssessmentForm(m, await readForm(c));
    if (parsed.input === null) return renderMonitor(c, { assessment: { themeKey, ...parsed } }, 400);
    try {
      await service.recordAssessment(c.var.actor, planId, themeKey, parsed.input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderMonitor(c, { assessment: { themeKey, values: parsed.values, problems: error.problems } }, 400);
    }
    return c.redirect(`${monitorUrl(planId)}?beoordeeld=1#${themeAnchor(themeKey)}`, 303);
  });

  pages.get('/plannen/:planId/monitor/tactisch', (c) =>
    datedPage(c, async (read) => {
      const planId = c.req.param('planId');
      const choice = { municipality: queryValue(c, 'gemeente'), code: queryValue(c, 'soort') };
      const view = await service.tactical(c.var.actor, planId, choice, read);
      const mayRefresh = view.categories.length === 0 ? await mayRefreshPlan(service, c.var.actor, planId) : false;
      return { page: <TacticalPage m={m} view={view} mayRefresh={mayRefresh} />, plan: view.plan };
    }),
  );

  pages.get('/plannen/:planId/monitor/wijken', (c) =>
    datedPage(c, async (read) => {
      const planId = c.req.param('planId');
      const query = readDistrictQuery(m, (name) => c.req.query(name));
      const view = await service.districts(c.var.actor, planId, query, read);
      const mayRefresh = view.codes.length === 0 ? await mayRefreshPlan(service, c.var.actor, planId) : false;
      return { page: <DistrictsPage m={m} view={view} mayRefresh={mayRefresh} />, plan: view.plan };
    }),
  );

  pages.get('/plannen/:planId/monitor/wijken.csv', async (c) => {
    const view = await service.districts(
      c.var.actor,
      c.req.param('planId'),
      readDistrictQuery(m, (name) => c.req.query(name)),
      { asOf: readAsOf(m, (name) => c.req.query(name)) },
    );
    return csvDownload(c, `wijken-${view.plan.id.slice(0, 8)}.csv`, districtsCsv(m, view));
  });

  pages.get('/plannen/:planId/monitor/bbv.csv', async (c) => {
    const view = await service.bbv(c.var.actor, c.req.param('planId'), { asOf: readAsOf(m, (name) => c.req.query(name)) });
    return csvDownload(c, `bbv-${view.plan.id.slice(0, 8)}.csv`, bbvCsv(m, view));
  });

  const renderBbv = async (
    c: Context<AppEnv>,
    props: { notice?: string; form?: { values: Record<string, string>; problems: ValidationError['problems'] } },
    status: 200 | 400 = 200,
  ) => {
    const view = await service.bbv(c.var.actor, c.req.param('planId') ?? '');
    return c.html(renderDocument(<BbvPage m={m} view={view} csrf={csrfTokenFor(c)} {...props} />), status);
  };

  pages.get('/plannen/:planId/monitor/bbv', (c) =>
    datedPage(c, async (read) => {
      const view = await service.bbv(c.var.actor, c.req.param('planId'), read);
      const notice = c.req.query('opgeslagen') === '1' ? m.monitoring.bbv.saved : undefined;
      return { page: <BbvPage m={m} view={view} csrf={csrfTokenFor(c)} notice={notice} />, plan: view.plan };
    }),
  );

  pages.post('/plannen/:planId/monitor/bbv', async (c) => {
    const planId = c.req.param('planId');
    const parsed = parseBbvForm(m, await readForm(c));
    if (parsed.input === null) return renderBbv(c, { form: parsed }, 400);
    try {
      await service.recordBbvEntry(c.var.actor, planId, parsed.input);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return renderBbv(c, { form: { values: parsed.values, problems: error.problems } }, 400);
    }
    return c.redirect(`${bbvUrl(planId)}?opgeslagen=1`, 303);
  });

  return pages;
}

/** A query value, undefined when absent or empty (an empty select means "the default"). */
function queryValue(c: Context<AppEnv>, name: string): string | undefined {
  const value = c.req.query(name)?.trim();
  return value ? value : undefined;
}

/** Whether the actor may refresh the plan's figures; any other error than a refusal propagates. */
async function mayRefreshPlan(service: MonitoringPagesService, actor: Actor, planId: string): Promise<boolean> {
  try {
    await service.assertMayRefresh(actor, planId);
    return true;
  } catch (error) {
    if (error instanceof ForbiddenError || error instanceof UnauthenticatedError) return false;
    throw error;
  }
}

/**
 * The choice on the wijk page. An unknown source or a jaar that is no whole
 * year is a ValidationError here; an unknown code or a year without figures is
 * a NotFoundError from the service. When the form was sent with another source
 * than it was shown for, code and year belong to the old source and are dropped.
 */
export function readDistrictQuery(
  m: Messages,
  query: (name: string) => string | undefined,
): { municipality?: string; source?: 'misdrijven' | 'overlast'; code?: string; year?: number } {
  const read = (name: string) => {
    const value = query(name)?.trim();
    return value ? value : undefined;
  };
  const bron = read('bron');
  const problems: ValidationError['problems'] = [];
  const source = SOURCES.find((candidate) => candidate === bron);
  if (bron !== undefined && !source) problems.push({ path: 'bron', message: m.monitoring.districts.invalidSource(bron) });
  const jaar = read('jaar');
  if (jaar !== undefined && !/^\d{4}$/.test(jaar)) problems.push({ path: 'jaar', message: m.monitoring.form.notAYear(jaar) });
  if (problems.length > 0) throw new ValidationError(m.monitoring.districts.invalidChoice, problems);
  const previous = read(PREVIOUS_SOURCE_FIELD);
  const switched = previous !== undefined && source !== undefined && previous !== source;
  return {
    municipality: read('gemeente'),
    source,
    code: switched ? undefined : read('code'),
    year: switched || jaar === undefined ? undefined : Number(jaar),
  };
}

/** The notice after a redirect back to the monitor: a file read in, or an assessment saved. */
export function monitorNotice(m: Messages, query: (name: string) => string | undefined): string | undefined {
  const count = (name: string) => {
    const value = query(name);
    return value !== undefined && /^\d{1,9}$/.test(value) ? Number(value) : null;
  };
  const rows = count('ingelezen');
  if (rows !== null) return m.monitoring.monitor.uploadDone(rows, count('nieuw') ?? 0, count('vervangen') ?? 0, count('ongewijzigd') ?? 0);
  if (query('beoordeeld') === '1') return m.monitoring.monitor.assessmentSaved;
  return undefined;
}
