/**
 * The web pages of progress (server-rendered HTML): a plan's progress and
 * round under `/plannen/:planId/voortgang`, one activity's progress in a
 * period, and `/mijn-acties`. Mount with
 * `app.route('/', createProgressPages(service))`.
 *
 * Forms post back and answer with a 303 redirect and a notice in the query;
 * a form with problems is shown again (400) with the problems beside the
 * fields and the typed values kept. Other errors propagate to the app's error
 * handler.
 */
import { type Context, Hono } from 'hono';
import { type FieldProblem, ValidationError } from '../../domain/errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { csrfTokenFor } from '../../http/csrf.js';
import { readForm } from '../../http/form.js';
import { renderDocument } from '../../web/layout.js';
import { type Locale, messagesFor } from '../../web/messages.js';
import { parseDutchNumber } from '../measurements/measurement-file.js';
import { textOf } from '../monitoring/pages/monitor-forms.js';
import { ActivityProgressPage, type ActivityProgressPageProps } from './pages/activity-progress.page.js';
import { MyActionsPage } from './pages/my-actions.page.js';
import { ACTIVITY_STATES, type FailedForm, type ProgressFilter, ProgressPage, STATE_PARAMS } from './pages/progress.page.js';
import { activityProgressUrl, progressUrl } from './pages/progress-urls.js';
import type { ProgressInput, ProgressService } from './progress.service.js';
import type { ReportingRoundService } from './reporting-rounds.service.js';

export interface ProgressPagesOptions {
  locale?: Locale;
}

export function createProgressPages(
  service: ProgressService,
  rounds: ReportingRoundService,
  options: ProgressPagesOptions = {},
): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const t = m.progress;
  const pages = new Hono<AppEnv>();

  const readFilter = (c: Context<AppEnv>): ProgressFilter => {
    const stateParam = c.req.query('stand')?.trim();
    const state = ACTIVITY_STATES.find((candidate) => STATE_PARAMS[candidate] === stateParam);
    if (stateParam && !state) {
      throw new ValidationError('Het filter is ongeldig', [
        { path: 'stand', message: `kies uit ${ACTIVITY_STATES.map((candidate) => STATE_PARAMS[candidate]).join(', ')}` },
      ]);
    }
    return { state, status: c.req.query('status')?.trim() || undefined };
  };

  const renderOverview = async (c: Context<AppEnv>, extra: { failed?: FailedForm; period?: string } = {}, status: 200 | 400 = 200) => {
    const view = await service.overview(c.var.actor, c.req.param('planId') ?? '', {
      period: extra.period ?? (c.req.query('periode')?.trim() || undefined),
      asOf: c.req.query('peildatum')?.trim() || undefined,
    });
    // A notice by code only, so a link cannot make the page say something else.
    const notices: Record<string, () => string> = {
      'ronde-geopend': () => t.roundOpened(view.period.label),
      'ronde-gesloten': () => t.roundClosedNotice(view.period.label),
      herinnerd: () => t.reminded(Number(c.req.query('aantal')) || 0),
      ingelezen: () => t.fileRead(Number(c.req.query('aantal')) || 0, Number(c.req.query('ongewijzigd')) || 0),
      oordeel: () => t.judgementSaved(view.themes.find((theme) => theme.theme.key === c.req.query('thema'))?.theme.name ?? ''),
      frequentie: () => t.frequencySaved,
      status: () => t.statusAdded(view.statuses.find((status) => status.key === c.req.query('sleutel'))?.label ?? ''),
    };
    const notice = notices[c.req.query('gedaan') ?? '']?.();
    c.header('Cache-Control', 'no-store');
    return c.html(
      renderDocument(
        <ProgressPage m={m} view={view} csrf={csrfTokenFor(c)} filter={readFilter(c)} notice={notice} failed={extra.failed} />,
      ),
      status,
    );
  };

  /** Runs a form's change: a ValidationError shows the page again with the problems; otherwise back to the page with a notice. */
  const handled = async (
    c: Context<AppEnv>,
    change: () => Promise<unknown>,
    failedAs: (problems: FieldProblem[], message: string) => Promise<Response>,
    redirect: string,
  ) => {
    try {
      await change();
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return failedAs(error.problems, error.message);
    }
    return c.redirect(redirect, 303);
  };

  pages.get('/plannen/:planId/voortgang', (c) => renderOverview(c));

  pages.post('/plannen/:planId/voortgang/rondes', async (c) => {
    const planId = c.req.param('planId');
    const form = await readForm(c);
    const period = textOf(form, 'periode');
    const values = { periode: period, deadline: textOf(form, 'deadline') };
    return handled(
      c,
      () => rounds.openRound(c.var.actor, planId, period, values.deadline || null),
      (problems, message) => renderOverview(c, { period, failed: { form: 'round', message, state: { values, problems } } }, 400),
      progressUrl(planId, { periode: period, gedaan: 'ronde-geopend' }),
    );
  });

  pages.post('/plannen/:planId/voortgang/rondes/:periode/herinneringen', async (c) => {
    const planId = c.req.param('planId');
    const period = c.req.param('periode');
    const form = await readForm(c);
    const { reminded } = await rounds.remind(c.var.actor, planId, period, {
      partnerKey: textOf(form, 'partner') || undefined,
      portfolioHolderKey: textOf(form, 'trekker') || undefined,
    });
    return c.redirect(progressUrl(planId, { periode: period, gedaan: 'herinnerd', aantal: String(reminded) }), 303);
  });

  pages.post('/plannen/:planId/voortgang/rondes/:periode/sluiten', async (c) => {
    const planId = c.req.param('planId');
    const period = c.req.param('periode');
    await rounds.closeRound(c.var.actor, planId, period);
    return c.redirect(progressUrl(planId, { periode: period, gedaan: 'ronde-gesloten' }), 303);
  });

  pages.post('/plannen/:planId/voortgang/themas/:themeKey/oordeel', async (c) => {
    const planId = c.req.param('planId');
    const themeKey = c.req.param('themeKey');
    const form = await readForm(c);
    const values = { periode: textOf(form, 'periode'), oordeel: textOf(form, 'oordeel'), toelichting: textOf(form, 'toelichting') };
    return handled(
      c,
      () => rounds.assessTheme(c.var.actor, planId, themeKey, values.periode, { judgement: values.oordeel, reason: values.toelichting }),
      (problems, message) =>
        renderOverview(c, { period: values.periode, failed: { form: { theme: themeKey }, message, state: { values, problems } } }, 400),
      progressUrl(planId, { periode: values.periode, gedaan: 'oordeel', thema: themeKey }),
    );
  });

  pages.post('/plannen/:planId/voortgang/frequentie', async (c) => {
    const planId = c.req.param('planId');
    const values = { frequentie: textOf(await readForm(c), 'frequentie') };
    return handled(
      c,
      () => rounds.setFrequency(c.var.actor, planId, values.frequentie),
      (problems, message) => renderOverview(c, { failed: { form: 'frequency', message, state: { values, problems } } }, 400),
      progressUrl(planId, { gedaan: 'frequentie' }),
    );
  });

  pages.post('/plannen/:planId/voortgang/statussen', async (c) => {
    const planId = c.req.param('planId');
    const form = await readForm(c);
    const values = { naam: textOf(form, 'naam'), sleutel: textOf(form, 'sleutel'), betekenis: textOf(form, 'betekenis') };
    return handled(
      c,
      () => rounds.addStatus(c.var.actor, planId, { key: values.sleutel, label: values.naam, meaning: values.betekenis }),
      (problems, message) => renderOverview(c, { failed: { form: 'status', message, state: { values, problems } } }, 400),
      progressUrl(planId, { gedaan: 'status', sleutel: values.sleutel }),
    );
  });

  const CONTENT_TYPES = {
    csv: 'text/csv; charset=utf-8',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  } as const;
  // Before the activity's page, whose address would take "bestand.csv" for an activity key.
  for (const format of ['csv', 'xlsx'] as const) {
    pages.get(`/plannen/:planId/voortgang/:periode/bestand.${format}`, async (c) => {
      const file = await service.exportFile(
        c.var.actor,
        c.req.param('planId'),
        c.req.param('periode'),
        format,
        c.req.query('alleen') === 'mijn',
      );
      return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200, {
        'Content-Type': CONTENT_TYPES[format],
        'Content-Disposition': `attachment; filename="${file.fileName}"`,
        'Cache-Control': 'no-store',
      });
    });
  }

  pages.post('/plannen/:planId/voortgang/:periode/bestand', async (c) => {
    const planId = c.req.param('planId');
    const period = c.req.param('periode');
    await service.assertMayReportOnSome(c.var.actor, planId);
    const file = (await readForm(c)).bestand;
    const failed = (problems: FieldProblem[], message: string) =>
      renderOverview(c, { period, failed: { form: 'file', message, state: { values: {}, problems } } }, 400);
    if (!(file instanceof File) || file.size === 0) return failed([{ path: 'bestand', message: t.fileMissing }], t.fileNotRead);
    try {
      const result = await service.importFile(c.var.actor, planId, period, {
        name: file.name || 'bestand',
        bytes: new Uint8Array(await file.arrayBuffer()),
      });
      return c.redirect(
        progressUrl(planId, {
          periode: period,
          gedaan: 'ingelezen',
          aantal: String(result.reported),
          ongewijzigd: String(result.unchanged),
        }),
        303,
      );
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return failed(error.problems, error.message);
    }
  });

  const renderActivity = async (
    c: Context<AppEnv>,
    extra: Pick<ActivityProgressPageProps, 'notice' | 'failed'> = {},
    status: 200 | 400 = 200,
  ) => {
    const page = await service.activityPage(
      c.var.actor,
      c.req.param('planId') ?? '',
      c.req.param('periode') ?? '',
      c.req.param('activityKey') ?? '',
    );
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<ActivityProgressPage m={m} page={page} csrf={csrfTokenFor(c)} {...extra} />), status);
  };

  pages.get('/plannen/:planId/voortgang/:periode/:activityKey', (c) => {
    const done = c.req.query('gedaan');
    const notice =
      done === 'gemeld'
        ? t.reportSaved
        : done === 'goedgekeurd'
          ? t.reviewSaved.approved
          : done === 'teruggestuurd'
            ? t.reviewSaved.sent_back
            : undefined;
    return renderActivity(c, { notice });
  });

  pages.post('/plannen/:planId/voortgang/:periode/:activityKey', async (c) => {
    const { planId, periode, activityKey } = c.req.param();
    const form = await readForm(c);
    const values = {
      status: textOf(form, 'status'),
      toelichting: textOf(form, 'toelichting'),
      peildatum: textOf(form, 'peildatum'),
      gerealiseerd: textOf(form, 'gerealiseerd'),
      keren: textOf(form, 'keren'),
    };
    const problems: FieldProblem[] = [];
    const number = (field: 'gerealiseerd' | 'keren') => {
      if (values[field] === '') return null;
      const parsed = parseDutchNumber(values[field]);
      if (parsed === null || !Number.isFinite(parsed)) problems.push({ path: field, message: m.monitoring.form.notANumber(values[field]) });
      return parsed;
    };
    const input: ProgressInput = {
      status: values.status,
      note: values.toelichting,
      asOf: values.peildatum || null,
      realised: number('gerealiseerd'),
      occurrences: number('keren'),
    };
    const failed = (found: FieldProblem[], message: string) =>
      renderActivity(c, { failed: { form: 'report', message, state: { values, problems: found } } }, 400);
    if (problems.length > 0) return failed(problems, 'De voortgang is ongeldig');
    return handled(
      c,
      () => service.record(c.var.actor, planId, activityKey, periode, input, 'web'),
      failed,
      `${activityProgressUrl(planId, periode, activityKey)}?gedaan=gemeld`,
    );
  });

  pages.post('/plannen/:planId/voortgang/:periode/:activityKey/beoordeling', async (c) => {
    const { planId, periode, activityKey } = c.req.param();
    const form = await readForm(c);
    const values = { besluit: textOf(form, 'besluit'), opmerking: textOf(form, 'opmerking'), melding: textOf(form, 'melding') };
    const decision = values.besluit === 'goedgekeurd' ? 'approved' : values.besluit === 'teruggestuurd' ? 'sent_back' : null;
    const failed = (problems: FieldProblem[], message: string) =>
      renderActivity(c, { failed: { form: 'review', message, state: { values, problems } } }, 400);
    if (!decision) return failed([{ path: 'besluit', message: 'kies goedkeuren of terugsturen' }], 'De beoordeling is ongeldig');
    return handled(
      c,
      () =>
        service.review(c.var.actor, planId, activityKey, periode, {
          decision,
          remark: values.opmerking,
          entryId: values.melding || undefined,
        }),
      failed,
      `${activityProgressUrl(planId, periode, activityKey)}?gedaan=${values.besluit}`,
    );
  });

  pages.get('/mijn-acties', async (c) => {
    if (c.var.actor.kind === 'anonymous') return c.redirect('/inloggen', 303);
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<MyActionsPage m={m} rounds={await service.myRounds(c.var.actor)} />));
  });

  return pages;
}
