/**
 * `/plannen/:planId/rapportages`: the progress reports of a plan. The list
 * of versions and, for the coordinator, the form to make one; each version
 * at its own stable address, shown in the app's theme with its downloads;
 * the form for its texts; making it definitive as a background job with a
 * live status. Mount with `app.route('/', createReportPages(...))`.
 */
import { type Context, Hono } from 'hono';
import { raw } from 'hono/html';
import { ConflictError, ValidationError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import type { AppEnv } from '../../http/app-env.js';
import { csrfTokenFor } from '../../http/csrf.js';
import { readForm } from '../../http/form.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { formatDateTime } from '../../web/format.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import { nameOfLabel } from '../accounts/actor.js';
import { textOf } from '../monitoring/pages/monitor-forms.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  Notice,
  pageTitle,
  problemsOf,
  SelectField,
  SubmitButton,
  TextField,
} from '../monitoring/pages/monitor-parts.js';
import { PlanNav, planCrumbs } from '../plans/pages/plan-parts.js';
import {
  reportFileUrl,
  reportFinaliseUrl,
  reportJobUrl,
  reportsPageUrl,
  reportTextsUrl,
  reportVersionUrl,
} from '../plans/pages/plan-urls.js';
import { JobPage } from './pages/report-job.page.js';
import { TextsPage } from './pages/report-texts.page.js';
import { CONTENT_TYPES, REPORT_FORMATS } from './render/render-report.js';
import { ReportBlocks } from './render/report-html.js';
import { type ReportDocument, reportOutline } from './render/report-outline.js';
import type { ReportFormat, ReportVersion } from './report.repository.js';
import type { ReportService, ReportsOverview } from './report.service.js';
import type { ReportJobs } from './report-jobs.js';

function ReportsPage({
  m,
  view,
  csrf,
  failed,
}: {
  m: Messages;
  view: ReportsOverview;
  csrf: string;
  failed?: { message: string; state: FormState };
}) {
  const t = m.reports;
  const plan = view.plan;
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title, Boolean(failed))} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="reports" />
      {failed && (
        <ErrorSummary
          m={m}
          message={failed.message}
          problems={failed.state.problems.map((problem) => ({ fieldId: `rapportage-${problem.path}`, text: problem.message }))}
        />
      )}
      <Paragraph lead>{t.intro}</Paragraph>
      {view.versions.length === 0 ? (
        <Paragraph>{view.may.edit ? t.none : t.noneReadable}</Paragraph>
      ) : (
        <Table caption={t.versionsCaption}>
          <TableHead columns={[t.columnVersion, t.columnStatus, t.columnMadeBy, t.columnFinalised, t.columnReason]} />
          <TableBody>
            {view.versions.map((version) => (
              <Row>
                <RowHeader>
                  <Link href={reportVersionUrl(plan.id, version.year, version.number)}>{t.versionLink(version.year, version.number)}</Link>
                </RowHeader>
                <Cell label={t.columnStatus}>{t.status[version.status]}</Cell>
                <Cell label={t.columnMadeBy}>{t.madeOn(nameOfLabel(version.createdByLabel), formatDateTime(version.createdAt))}</Cell>
                <Cell label={t.columnFinalised}>
                  {version.finalisedAt
                    ? t.madeOn(nameOfLabel(version.finalisedByLabel ?? ''), formatDateTime(version.finalisedAt))
                    : t.notYet}
                </Cell>
                <Cell label={t.columnReason}>{version.reason || (version.number === 1 ? t.firstVersion : '')}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      {view.may.edit && (
        <form class="koers-form" method="post" action={reportsPageUrl(plan.id)} aria-labelledby="maken-kop">
          <Heading level={2} id="maken-kop">
            {t.createHeading}
          </Heading>
          <Paragraph>{t.createIntro}</Paragraph>
          <CsrfField token={csrf} />
          <SelectField
            id="rapportage-jaar"
            name="jaar"
            label={t.year}
            options={view.years.map((year) => ({ value: String(year), label: String(year) }))}
            selected={failed?.state.values.jaar ?? String(defaultYear(view))}
            errors={problemsOf(failed?.state, 'jaar')}
          />
          <TextField
            id="rapportage-reden"
            name="reden"
            label={t.reason}
            hint={t.reasonHint}
            value={failed?.state.values.reden}
            errors={problemsOf(failed?.state, 'reden')}
          />
          <SubmitButton>{t.create}</SubmitButton>
        </form>
      )}
    </Layout>
  );
}

/** The last year of the plan that has ended, or its first year while none has. */
function defaultYear(view: ReportsOverview): number {
  const lastEnded = new Date().getUTCFullYear() - 1;
  return Math.max(view.plan.periodStart, Math.min(view.plan.periodEnd, lastEnded));
}

/** The report itself as HTML, in three parts: its title, what stands under the title, and its sections. */
interface RenderedReport {
  title: string;
  intro: string;
  sections: string;
}

function renderReportParts(document: ReportDocument): RenderedReport {
  const outline = reportOutline(document);
  const split = Math.max(
    1,
    outline.blocks.findIndex((block) => block.kind === 'heading' && block.level === 2),
  );
  const [title, ...intro] = outline.blocks.slice(0, split);
  return {
    title: title ? (<ReportBlocks blocks={[title]} />).toString() : '',
    intro: (<ReportBlocks blocks={intro} />).toString(),
    sections: (<ReportBlocks blocks={outline.blocks.slice(split)} />).toString(),
  };
}

function VersionPage({
  m,
  plan,
  report,
  stored,
  mayEdit,
  csrf,
  notice,
}: {
  m: Messages;
  plan: Plan;
  report: RenderedReport;
  stored: ReportVersion;
  mayEdit: boolean;
  csrf: string;
  notice?: string;
}) {
  const t = m.reports;
  const { year, number } = stored;
  return (
    <Layout
      m={m}
      title={`${t.versionTitle(year, number)}${m.layout.titleSeparator}${plan.title}`}
      crumbs={[
        ...planCrumbs(m, plan, t.title).slice(0, 2),
        { label: t.title, href: reportsPageUrl(plan.id) },
        { label: t.versionTitle(year, number) },
      ]}
    >
      {raw(report.title)}
      <PlanNav m={m} plan={plan} current="reports" />
      {notice && <Notice>{notice}</Notice>}
      <section class="koers-report-bar" aria-labelledby="versie-kop">
        <Heading level={2} id="versie-kop">
          {t.versionState(number, t.status[stored.status])}
        </Heading>
        <Paragraph>
          {stored.status === 'concept'
            ? t.concept
            : t.definitive(formatDateTime(stored.finalisedAt ?? ''), nameOfLabel(stored.finalisedByLabel ?? ''))}
        </Paragraph>
        {stored.checksum && <Paragraph class="koers-muted koers-report-bar__checksum">{t.checksum(stored.checksum)}</Paragraph>}
        <Heading level={3}>{t.downloadsHeading}</Heading>
        <ul class="utrecht-unordered-list koers-report-bar__downloads">
          {REPORT_FORMATS.map((format) => (
            <li class="utrecht-unordered-list__item">
              <Link href={reportFileUrl(plan.id, year, number, format)}>{t.download(t.formats[format])}</Link>
            </li>
          ))}
        </ul>
        {mayEdit && stored.status === 'concept' && (
          <>
            <Paragraph>
              <Link href={reportTextsUrl(plan.id, year, number)}>{t.editTexts}</Link>
            </Paragraph>
            <form class="koers-form" method="post" action={reportFinaliseUrl(plan.id, year, number)} aria-labelledby="definitief-kop">
              <Heading level={3} id="definitief-kop">
                {t.finaliseHeading}
              </Heading>
              <Paragraph>{t.finaliseIntro}</Paragraph>
              <CsrfField token={csrf} />
              <SubmitButton>{t.finalise}</SubmitButton>
            </form>
          </>
        )}
        {mayEdit && stored.status === 'definitief' && (
          <Paragraph>
            <Link href={`${reportsPageUrl(plan.id)}#maken-kop`}>{t.newVersionHeading}</Link>
          </Paragraph>
        )}
      </section>
      <article class="koers-report" aria-labelledby="rapportage">
        {raw(report.intro)}
        {raw(report.sections)}
      </article>
    </Layout>
  );
}

function versionParams(c: Context<AppEnv>): { planId: string; year: number; number: number } {
  return { planId: c.req.param('planId') ?? '', year: wholeNumber(c.req.param('jaar')), number: wholeNumber(c.req.param('versie')) };
}

/** A path segment as a whole number; anything else as -1, which names no year or version. */
function wholeNumber(text: string | undefined): number {
  return text && /^\d{1,6}$/.test(text) ? Number(text) : -1;
}

export function createReportPages(service: ReportService, jobs: ReportJobs, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();
  const base = '/plannen/:planId/rapportages';
  const version = `${base}/:jaar/versies/:versie`;

  const list = async (c: Context<AppEnv>, failed?: { message: string; state: FormState }) => {
    const view = await service.overview(c.var.actor, c.req.param('planId') ?? '');
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<ReportsPage m={m} view={view} csrf={csrfTokenFor(c)} failed={failed} />), failed ? 400 : 200);
  };

  pages.get(base, (c) => list(c));
  pages.post(base, async (c) => {
    const form = await readForm(c);
    const values = { jaar: textOf(form, 'jaar'), reden: textOf(form, 'reden') };
    try {
      const created = await service.create(c.var.actor, c.req.param('planId'), wholeNumber(values.jaar), values.reden);
      return c.redirect(`${reportVersionUrl(created.planId, created.year, created.number)}?gedaan=gemaakt`, 303);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return list(c, { message: error.message, state: { values, problems: error.problems } });
    }
  });

  // A definitive version never changes: its report is rendered once and kept (the latest FROZEN_PAGES of them).
  const frozen = new Map<string, RenderedReport>();
  const FROZEN_PAGES = 32;
  const reportOf = async (c: Context<AppEnv>, stored: ReportVersion): Promise<RenderedReport> => {
    const kept = stored.status === 'definitief' ? frozen.get(stored.id) : undefined;
    if (kept) return kept;
    const rendered = renderReportParts(await service.document(c.var.actor, stored.planId, stored.year, stored.number));
    if (stored.status === 'definitief') {
      if (frozen.size >= FROZEN_PAGES) frozen.delete(frozen.keys().next().value as string);
      frozen.set(stored.id, rendered);
    }
    return rendered;
  };

  pages.get(version, async (c) => {
    const { planId, year, number } = versionParams(c);
    const stored = await service.version(c.var.actor, planId, year, number);
    const [report, overview] = await Promise.all([reportOf(c, stored), service.overview(c.var.actor, planId)]);
    const done = c.req.query('gedaan');
    const notice = done === 'gemaakt' ? m.reports.created : done === 'bewaard' ? m.reports.textsSaved : undefined;
    c.header('Cache-Control', 'no-store');
    return c.html(
      renderDocument(
        <VersionPage
          m={m}
          plan={overview.plan}
          report={report}
          stored={stored}
          mayEdit={overview.may.edit}
          csrf={csrfTokenFor(c)}
          notice={notice}
        />,
      ),
    );
  });

  pages.get(`${version}/bestand/:formaat`, async (c) => {
    const { planId, year, number } = versionParams(c);
    const format = c.req.param('formaat') as ReportFormat;
    const file = await service.file(c.var.actor, planId, year, number, format);
    return c.body(new Uint8Array(file.body), 200, {
      'Content-Type': CONTENT_TYPES[format],
      'Content-Disposition': `attachment; filename="${file.fileName}"`,
      'Cache-Control': 'no-store',
    });
  });

  const texts = async (c: Context<AppEnv>, failed?: { message: string; state: FormState }) => {
    const { planId, year, number } = versionParams(c);
    const [document, overview] = await Promise.all([
      service.document(c.var.actor, planId, year, number),
      service.overview(c.var.actor, planId),
    ]);
    await service.assertMayEdit(c.var.actor, planId);
    if (document.stored.status === 'definitief')
      throw new ConflictError(`Versie ${number} van de rapportage over ${year} is definitief: de teksten liggen vast`);
    c.header('Cache-Control', 'no-store');
    return c.html(
      renderDocument(<TextsPage m={m} plan={overview.plan} stored={document.stored} csrf={csrfTokenFor(c)} failed={failed} />),
      failed ? 400 : 200,
    );
  };
  pages.get(`${version}/teksten`, (c) => texts(c));
  pages.post(`${version}/teksten`, async (c) => {
    const { planId, year, number } = versionParams(c);
    const form = await readForm(c);
    const values: Record<string, string> = {};
    for (const [name, value] of Object.entries(form)) if (typeof value === 'string' && name !== '_csrf') values[name] = value;
    const themes = Object.fromEntries(
      Object.entries(values)
        .filter(([name]) => name.startsWith('themas.'))
        .map(([name, text]) => [name.slice('themas.'.length), text.replace(/\r\n/g, '\n')]),
    );
    try {
      await service.editTexts(c.var.actor, planId, year, number, { introduction: (values.inleiding ?? '').replace(/\r\n/g, '\n'), themes });
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      return texts(c, { message: error.message, state: { values, problems: error.problems } });
    }
    return c.redirect(`${reportVersionUrl(planId, year, number)}?gedaan=bewaard`, 303);
  });

  pages.post(`${version}/definitief`, async (c) => {
    const { planId, year, number } = versionParams(c);
    const { jobId } = await jobs.startFinalise(c.var.actor, planId, year, number);
    return c.redirect(reportJobUrl(planId, jobId), 303);
  });

  pages.get(`${base}/taken/:jobId`, async (c) => {
    const planId = c.req.param('planId');
    const job = await jobs.job(c.var.actor, planId, c.req.param('jobId'));
    c.header('Cache-Control', 'no-store');
    if (c.req.header('Accept')?.includes('application/json')) return c.json(job);
    const overview = await service.overview(c.var.actor, planId);
    return c.html(renderDocument(<JobPage m={m} plan={overview.plan} job={job} />));
  });
  return pages;
}
