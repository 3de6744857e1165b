/**
 * `/plannen/:planId/vergelijkbare-gemeenten`: how the plan's municipality stands beside
 * similar municipalities (`?groep=auto|hand|alle&gemeenten=Roermond,GM0988&jaar=2022`):
 * the group and how it was chosen, per theme a chart and a table of the rate
 * per 1,000 inhabitants against the group's median and middle half and the
 * Netherlands, with the place as a range. Whoever may refresh the plan's
 * figures fetches what the comparison needs as a background job with a live
 * status. Mount with `app.route('/', createSimilarMunicipalitiesPages(service))`.
 */
import { type Context, Hono } from 'hono';
import { ValidationError } from '../../domain/errors.js';
import { FIGURE_SOURCES, type FigureSource, TOTAL } from '../../domain/group-comparison.js';
import type { Plan } from '../../domain/plan.js';
import { sizeClass, sizeClassInWords } from '../../domain/reference-group.js';
import type { AppEnv } from '../../http/app-env.js';
import { csrfTokenFor } from '../../http/csrf.js';
import { readForm } from '../../http/form.js';
import { renderGroupComparisonChart } from '../../web/charts/group-comparison-chart.js';
import { ResponsiveChart } from '../../web/charts/responsive-chart.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { formatNumber, formatOneDecimal } from '../../web/format.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import { JobStatus } from '../jobs/job-status.js';
import type { JobView } from '../jobs/job-view.js';
import { CsrfField, ErrorSummary, Notice, pageTitle, SelectField, SubmitButton, TextField } from '../monitoring/pages/monitor-parts.js';
import { PlanNav, planCrumbs } from '../plans/pages/plan-parts.js';
import { similarMunicipalitiesPageUrl } from '../plans/pages/plan-urls.js';
import { groupChoiceOf } from './similar-municipalities.routes.js';
import type { ComparisonView, SimilarMunicipalitiesService } from './similar-municipalities.service.js';

const jobUrl = (planId: string, jobId: string) => `${similarMunicipalitiesPageUrl(planId)}/taken/${jobId}`;

interface PageProps {
  m: Messages;
  view: ComparisonView;
  mayPull: boolean;
  csrf: string;
  /** The hand-picked municipalities as typed, and the problems with them. */
  hand: string;
  /** The group the reader asked for, when the page shows another one because of a problem. */
  asked?: 'auto' | 'hand' | 'alle';
  problems?: { path: string; message: string }[];
}

function ComparisonPage({ m, view, mayPull, csrf, hand, asked, problems = [] }: PageProps) {
  const t = m.similarMunicipalities;
  const plan = view.plan;
  const name = view.municipality.name;
  const handErrors = problems.filter((problem) => problem.path === 'gemeenten').map((problem) => problem.message);
  const yearErrors = problems.filter((problem) => problem.path === 'jaar').map((problem) => problem.message);
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title, problems.length > 0)} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="similarMunicipalities" />
      {problems.length > 0 && (
        <ErrorSummary
          m={m}
          problems={problems.map((problem) => ({
            text: problem.message,
            fieldId: problem.path === 'jaar' ? 'vergelijking-jaar' : 'vergelijking-gemeenten',
          }))}
        />
      )}
      <Paragraph lead>{view.year === null ? t.introWithoutYear(name) : t.intro(name, view.year)}</Paragraph>
      {(!view.stored.keyFigures || !view.stored.crime) && (
        <Notice>
          {t.notPulled} {mayPull ? t.notPulledHow : ''}
        </Notice>
      )}
      {view.notPulled.length > 0 && <Paragraph>{t.missingMembers(view.notPulled.map((member) => member.name).join(', '))}</Paragraph>}
      {view.year !== null && view.yearStatus && view.yearStatus !== 'definitief' && <Paragraph>{t.provisional(view.year)}</Paragraph>}
      <form method="get" action={similarMunicipalitiesPageUrl(plan.id)} class="koers-form">
        <fieldset class="utrecht-form-fieldset">
          <legend class="utrecht-form-fieldset__legend">{t.groupLegend}</legend>
          {(
            [
              ['auto', t.groupAuto],
              ['hand', t.groupHand],
              ['alle', t.groupAll],
            ] as const
          ).map(([value, label]) => (
            <div class="utrecht-form-field utrecht-form-field--radio koers-choice">
              <input
                class="utrecht-radio-button utrecht-radio-button--html-input"
                type="radio"
                id={`vergelijking-groep-${value}`}
                name="groep"
                value={value}
                checked={(asked ?? (view.choice.kind === 'all' ? 'alle' : view.choice.kind)) === value}
              />{' '}
              <label class="utrecht-form-label utrecht-form-label--radio-button" for={`vergelijking-groep-${value}`}>
                {label}
              </label>
            </div>
          ))}
        </fieldset>
        <TextField id="vergelijking-gemeenten" name="gemeenten" label={t.handLabel} hint={t.handHint} value={hand} errors={handErrors} />
        {plan.municipalities.length > 1 && (
          <SelectField
            id="vergelijking-gemeente"
            name="gemeente"
            label={t.municipalityLabel}
            options={plan.municipalities.map((entry) => ({ value: entry.code, label: entry.name }))}
            selected={view.municipality.code}
          />
        )}
        {view.years.length > 0 && (
          <SelectField
            id="vergelijking-jaar"
            name="jaar"
            label={t.yearLabel}
            errors={yearErrors}
            options={[...view.years].reverse().map((year) => ({ value: String(year), label: String(year) }))}
            selected={view.year === null ? undefined : String(view.year)}
          />
        )}
        <SubmitButton>{t.compare}</SubmitButton>
      </form>
      {mayPull && (
        <form method="post" action={`${similarMunicipalitiesPageUrl(plan.id)}/ophalen`} class="koers-form">
          <CsrfField token={csrf} />
          <input type="hidden" name="gemeente" value={view.municipality.code} />
          <input type="hidden" name="groep" value={view.choice.kind === 'all' ? 'alle' : view.choice.kind} />
          {view.choice.kind === 'hand' && <input type="hidden" name="gemeenten" value={view.choice.codes.join(',')} />}
          <Paragraph>{t.pullExplained}</Paragraph>
          <SubmitButton secondary>{t.pull}</SubmitButton>
        </form>
      )}
      {view.target && <GroupSection m={m} view={view} />}
      {view.year !== null &&
        FIGURE_SOURCES.filter((source) => view.themes.some((theme) => theme.source === source && theme.comparison)).map((source) => (
          <ThemesSection m={m} view={view} year={view.year as number} source={source} />
        ))}
      <details class="koers-details">
        <summary>{t.method}</summary>
        {t.methodText.map((line) => (
          <Paragraph>{line}</Paragraph>
        ))}
      </details>
    </Layout>
  );
}

function GroupSection({ m, view }: { m: Messages; view: ComparisonView }) {
  const t = m.similarMunicipalities;
  const target = view.target;
  if (!target) return null;
  return (
    <section class="koers-section" aria-labelledby="vergelijking-groep">
      <Heading level={2} id="vergelijking-groep">
        {t.group}
      </Heading>
      <Paragraph>{t.own(target.name, formatNumber(target.inhabitants), target.urbanisation)}</Paragraph>
      {view.choice.kind === 'auto' && (
        <Paragraph>
          {t.groupAutoText(
            view.group.sizeClasses[0] === view.group.sizeClasses[1]
              ? sizeClassInWords(sizeClass(target.inhabitants))
              : `${sizeClassInWords(view.group.sizeClasses[0])} tot ${sizeClassInWords(view.group.sizeClasses[1])}`,
            view.group.urbanisation[0],
            view.group.urbanisation[1],
          )}
        </Paragraph>
      )}
      {view.group.steps.length > 0 && view.choice.kind === 'auto' && (
        <ul class="utrecht-unordered-list">
          {view.group.steps.map((step) => (
            <li class="utrecht-unordered-list__item">{step}</li>
          ))}
        </ul>
      )}
      <details class="koers-details">
        <summary>{t.members(view.group.members.length)}</summary>
        <Table caption={t.membersCaption}>
          <TableHead columns={[t.municipality, t.code, t.inhabitants, t.urbanisation]} />
          <TableBody>
            {view.group.members.map((member) => (
              <Row>
                <RowHeader>{member.name}</RowHeader>
                <Cell label={t.code}>{member.code}</Cell>
                <Cell label={t.inhabitants}>{formatNumber(member.inhabitants)}</Cell>
                <Cell label={t.urbanisation}>{String(member.urbanisation)}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      </details>
    </section>
  );
}

/** The themes of one source (crime or nuisance): a chart and the table. */
function ThemesSection({ m, view, year, source }: { m: Messages; view: ComparisonView; year: number; source: FigureSource }) {
  const t = m.similarMunicipalities;
  const name = view.municipality.name;
  const themes = view.themes.filter((theme) => theme.source === source);
  const id = `vergelijking-${source}`;
  // A rate of fewer than MIN_CHART_COUNT registrations has an interval too wide to draw usefully; the table gives it.
  const rows = themes.flatMap((theme) =>
    theme.comparison && theme.comparison.group.length > 0 && theme.comparison.own.count >= MIN_CHART_COUNT
      ? [
          {
            label: theme.code === TOTAL ? theme.name : `${theme.code} ${theme.name}`,
            median: theme.comparison.median,
            quartiles: theme.comparison.quartiles,
            own: theme.comparison.own.rate,
            interval: theme.comparison.own.interval,
            netherlands: theme.comparison.netherlands?.rate ?? null,
          },
        ]
      : [],
  );
  const withoutFigures = [...new Set(themes.flatMap((theme) => theme.without))];
  return (
    <section class="koers-section" aria-labelledby={id}>
      <Heading level={2} id={id}>
        {t.perTheme[source]}
      </Heading>
      {rows.length > 0 && (
        <div class="koers-analysis-chart">
          <ResponsiveChart
            render={(width, suffix) =>
              renderGroupComparisonChart({
                idPrefix: `${id}${suffix}`,
                width,
                title: t.chartTitle(name, year, source),
                municipality: name,
                rows: rows.map((row) => ({ ...row, label: chartLabel(row.label, width) })),
              })
            }
          />
        </div>
      )}
      <Table caption={t.caption(name, year, source)}>
        <TableHead columns={[t.theme, t.count[source], t.rate, t.interval, t.median, t.middleHalf, t.netherlands, t.place, t.position]} />
        <TableBody>
          {themes.map((theme) => {
            const comparison = theme.comparison;
            const label = theme.code === TOTAL ? theme.name : `${theme.code} ${theme.name}`;
            if (!comparison) {
              return (
                <Row>
                  <RowHeader>{label}</RowHeader>
                  <Cell label={t.count[source]} colspan={8}>
                    {t.noOwnFigure}
                  </Cell>
                </Row>
              );
            }
            const hasGroup = comparison.group.length > 0;
            return (
              <Row>
                <RowHeader>{label}</RowHeader>
                <Cell label={t.count[source]}>{formatNumber(comparison.own.count)}</Cell>
                <Cell label={t.rate}>{formatRate(comparison.own.rate)}</Cell>
                <Cell label={t.interval}>{`${formatRate(comparison.own.interval[0])}–${formatRate(comparison.own.interval[1])}`}</Cell>
                <Cell label={t.median}>{hasGroup ? formatRate(comparison.median) : '-'}</Cell>
                <Cell label={t.middleHalf}>
                  {hasGroup ? `${formatRate(comparison.quartiles[0])}–${formatRate(comparison.quartiles[1])}` : '-'}
                </Cell>
                <Cell label={t.netherlands}>{comparison.netherlands ? formatRate(comparison.netherlands.rate) : '-'}</Cell>
                <Cell label={t.place}>{t.rank(comparison.rank.best, comparison.rank.worst, comparison.rank.of)}</Cell>
                <Cell label={t.position}>{theme.position ? t[theme.position] : '-'}</Cell>
              </Row>
            );
          })}
        </TableBody>
      </Table>
      {rows.length < themes.length && <Paragraph>{t.notInChart(MIN_CHART_COUNT)}</Paragraph>}
      {withoutFigures.length > 0 && <Paragraph>{t.without(withoutFigures.join(', '))}</Paragraph>}
    </section>
  );
}

/** A rate per 1,000 with one decimal, or two below 1 so that small rates do not all read 0,0. */
function formatRate(value: number): string {
  return value > 0 && value < 1 ? formatNumber(Math.round(value * 100) / 100) : formatOneDecimal(value);
}

/** Themes with fewer crimes than this are in the table only. */
const MIN_CHART_COUNT = 10;

/** A theme's label in the chart: the code and a name cut short on a wide screen, the code alone on a phone. */
function chartLabel(label: string, width: number): string {
  if (width < 640) return label.startsWith('Alle ') ? 'Alle' : (label.split(' ')[0] ?? label);
  return label.length > 34 ? `${label.slice(0, 32).trimEnd()}…` : label;
}

function ComparisonJobPage({ m, plan, job }: { m: Messages; plan: Plan; job: JobView }) {
  const t = m.similarMunicipalities;
  const summary = job.result as { tabellen?: { tabel?: unknown }[]; fouten?: { tabel?: unknown }[] } | null;
  const tables = Array.isArray(summary?.tabellen) ? summary.tabellen.map((table) => String(table.tabel ?? '?')) : [];
  const failures = Array.isArray(summary?.fouten) ? summary.fouten.map((failure) => String(failure.tabel ?? '?')) : [];
  return (
    <Layout m={m} title={`${t.job}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.job)}>
      <Heading level={1}>{t.job}</Heading>
      <JobStatus m={m} job={job} url={jobUrl(plan.id, job.id)}>
        {job.status === 'done' && (
          <>
            <Paragraph>{t.jobDone}</Paragraph>
            {tables.length > 0 && <Paragraph>{t.jobTables(tables.join(', '))}</Paragraph>}
            {failures.length > 0 && <Paragraph>{t.jobFailures(failures.join(', '))}</Paragraph>}
          </>
        )}
        {job.status === 'failed' && job.error && <Paragraph>{job.error}</Paragraph>}
      </JobStatus>
      <Paragraph>
        <Link href={similarMunicipalitiesPageUrl(plan.id)}>{t.back}</Link>
      </Paragraph>
    </Layout>
  );
}

function yearParameter(text: string | undefined): number | undefined {
  return text && /^\d{4}$/.test(text) ? Number(text) : undefined;
}

export function createSimilarMunicipalitiesPages(service: SimilarMunicipalitiesService, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();

  pages.get('/plannen/:planId/vergelijkbare-gemeenten', async (c) => {
    const planId = c.req.param('planId');
    const hand = c.req.query('gemeenten') ?? '';
    const choice = groupChoiceOf(c.req.query('groep'), hand);
    const year = yearParameter(c.req.query('jaar'));
    const municipality = c.req.query('gemeente') || undefined;
    const mayPull = await service.mayPull(c.var.actor, planId);
    c.header('Cache-Control', 'no-store');
    try {
      const view = await service.comparison(c.var.actor, planId, { group: choice, year, municipality });
      return c.html(renderDocument(<ComparisonPage m={m} view={view} mayPull={mayPull} csrf={csrfTokenFor(c)} hand={hand} />));
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      // The page again with the group it can show, and the problems at the fields.
      const view = await service.comparison(c.var.actor, planId, { municipality });
      const asked = choice.kind === 'all' ? 'alle' : choice.kind;
      const page = (
        <ComparisonPage m={m} view={view} mayPull={mayPull} csrf={csrfTokenFor(c)} hand={hand} asked={asked} problems={error.problems} />
      );
      return c.html(renderDocument(page), 400);
    }
  });

  pages.post('/plannen/:planId/vergelijkbare-gemeenten/ophalen', async (c) => {
    const planId = c.req.param('planId');
    const form = await readForm(c);
    const hand = typeof form.gemeenten === 'string' ? form.gemeenten : '';
    const choice = groupChoiceOf(typeof form.groep === 'string' ? form.groep : undefined, hand);
    const municipality = typeof form.gemeente === 'string' && form.gemeente !== '' ? form.gemeente : undefined;
    try {
      const { jobId } = await service.startPull(c.var.actor, planId, { group: choice, municipality });
      return c.redirect(jobUrl(planId, jobId), 303);
    } catch (error) {
      if (!(error instanceof ValidationError) || error.problems.length === 0) throw error;
      const view = await service.comparison(c.var.actor, planId, { municipality });
      const page = <ComparisonPage m={m} view={view} mayPull csrf={csrfTokenFor(c)} hand={hand} asked="hand" problems={error.problems} />;
      return c.html(renderDocument(page), 400);
    }
  });

  pages.get('/plannen/:planId/vergelijkbare-gemeenten/taken/:jobId', async (c: Context<AppEnv>) => {
    const planId = c.req.param('planId') ?? '';
    const job = await service.job(c.var.actor, planId, c.req.param('jobId') ?? '');
    c.header('Cache-Control', 'no-store');
    if (c.req.header('accept')?.includes('application/json')) return c.json(job);
    const plan = await service.plan(c.var.actor, planId);
    return c.html(renderDocument(<ComparisonJobPage m={m} plan={plan} job={job} />));
  });

  return pages;
}
