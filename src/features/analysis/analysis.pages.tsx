/**
 * `/plannen/:planId/analyse`: the safety analysis of the plan's municipality
 * (`?gemeente=GM1641&van=2015&tot=2021`): per field and theme of Kernbeleid
 * Veiligheid the police figures per year and per 1,000 inhabitants with their
 * trend in words, what the plan does on the theme, and what is missing. The
 * method of the trend is on the page. Mount with
 * `app.route('/', createAnalysisPages(service))`.
 */
import { Hono } from 'hono';
import type { AnalysisSeries, AnalysisTheme } from '../../domain/safety-analysis.js';
import { TREND_METHOD, type Trend } from '../../domain/trend.js';
import type { AppEnv } from '../../http/app-env.js';
import { ResponsiveChart } from '../../web/charts/responsive-chart.js';
import { renderYearLinesChart, YEAR_LINES_MAX_SERIES } from '../../web/charts/year-lines-chart.js';
import { Cell, Heading, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { formatNumber, formatOneDecimal } from '../../web/format.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import { Notice } from '../monitoring/pages/monitor-parts.js';
import { PlanNav, planCrumbs } from '../plans/pages/plan-parts.js';
import type { AnalysisService, AnalysisView } from './analysis.service.js';

const percent = new Intl.NumberFormat('nl-NL', { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });

export function trendInWords(m: Messages, trend: Trend): string {
  const t = m.analysis;
  if (trend.kind === 'too_few_years') return t.tooFewYears(trend.n);
  if (trend.kind === 'no_counts') return t.noCounts;
  const change = percent.format(Math.abs(trend.yearlyChange));
  const [low, high] = trend.interval.map((value) => percent.format(value));
  if (trend.direction === 'rising') return t.rising(change, low as string, high as string);
  if (trend.direction === 'falling') return t.falling(change, low as string, high as string);
  return t.noClearChange(percent.format(trend.yearlyChange), low as string, high as string);
}

function AnalysisPage({ m, view }: { m: Messages; view: AnalysisView }) {
  const t = m.analysis;
  const plan = view.plan;
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="analysis" />
      <Paragraph lead>{t.intro(view.municipality.name, view.years.from, view.years.to)}</Paragraph>
      {!view.available && <Notice>{t.notPulled}</Notice>}
      {view.missingPopulation.length > 0 && view.available && (
        <Paragraph>{t.populationMissing(view.missingPopulation.join(', '))}</Paragraph>
      )}
      <details class="koers-details">
        <summary>{t.method}</summary>
        <Paragraph>{TREND_METHOD}</Paragraph>
      </details>
      {view.fields.map((field) => (
        <section class="koers-section" aria-labelledby={`veld-${field.number ?? 'd'}`}>
          <Heading level={2} id={`veld-${field.number ?? 'd'}`}>
            {field.number === null ? t.crossCutting : `${field.number}. ${field.name}`}
          </Heading>
          {field.themes.map((theme) => (
            <ThemeSection m={m} theme={theme} years={view.years} />
          ))}
        </section>
      ))}
    </Layout>
  );
}

function ThemeSection({ m, theme, years }: { m: Messages; theme: AnalysisTheme; years: { from: number; to: number } }) {
  const t = m.analysis;
  const id = `thema-${theme.code.replace(/\./g, '-')}`;
  const shown = Array.from({ length: years.to - years.from + 1 }, (_, index) => years.from + index);
  return (
    <section class="koers-analysis-theme" aria-labelledby={id}>
      <Heading level={3} id={id}>{`${theme.code} ${theme.name}`}</Heading>
      {theme.plan && (
        <Paragraph>
          <strong>{`${t.inPlan}: `}</strong>
          {theme.plan.themes.length === 0
            ? t.notInPlan
            : [
                t.planThemes(theme.plan.themes.map((entry) => entry.name).join('; ')),
                Object.keys(theme.plan.indicators).length > 0
                  ? t.indicators(
                      Object.entries(theme.plan.indicators)
                        .map(
                          ([status, count]) => `${count} ${m.monitoring.status[status as keyof typeof m.monitoring.status].toLowerCase()}`,
                        )
                        .join(', '),
                    )
                  : '',
                theme.plan.activities.total > 0
                  ? t.activities(
                      theme.plan.activities.total,
                      theme.plan.activities.done,
                      theme.plan.activities.behind,
                      theme.plan.activities.notReported,
                    )
                  : '',
              ]
                .filter(Boolean)
                .join(' ')}
        </Paragraph>
      )}
      {theme.series.length === 0 ? (
        <Paragraph>{t.noFigures}</Paragraph>
      ) : (
        <>
          <ThemeChart m={m} theme={theme} id={id} />
          <Table caption={t.caption(theme.name)}>
            <TableHead columns={[t.kind, ...shown.map(String), t.perThousand(years.to), t.trend]} />
            <TableBody>
              {theme.series.map((series) => (
                <SeriesRow m={m} series={series} lastYear={years.to} />
              ))}
            </TableBody>
          </Table>
        </>
      )}
      {theme.missing.length > 0 && (
        <details class="koers-details">
          <summary>{t.missing}</summary>
          <ul class="utrecht-unordered-list">
            {theme.missing.map((line) => (
              <li class="utrecht-unordered-list__item">{line}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

/** The rates per 1,000 inhabitants of the theme's largest series, drawn; the table beside it gives them all. */
function ThemeChart({ m, theme, id }: { m: Messages; theme: AnalysisTheme; id: string }) {
  const t = m.analysis;
  const withRates = theme.series.filter((series) => series.values.some((value) => value.rate !== null));
  if (withRates.length === 0) return null;
  const largest = [...withRates]
    .sort((a, b) => (b.values.at(-1)?.count ?? 0) - (a.values.at(-1)?.count ?? 0))
    .slice(0, YEAR_LINES_MAX_SERIES);
  const description = largest
    .map((series) => {
      const known = series.values.filter((value) => value.rate !== null);
      const first = known[0];
      const last = known.at(-1);
      return first && last
        ? t.chartLine(series.title, first.year, formatOneDecimal(first.rate ?? 0), last.year, formatOneDecimal(last.rate ?? 0))
        : '';
    })
    .filter(Boolean)
    .join('; ');
  return (
    <div class="koers-analysis-chart">
      <ResponsiveChart
        render={(width, suffix) =>
          renderYearLinesChart({
            idPrefix: `grafiek-${id}${suffix}`,
            width,
            title: t.chartTitle(theme.name),
            description: `${description}${withRates.length > largest.length ? ` ${t.chartMore(withRates.length - largest.length)}` : ''}`,
            unitLabel: t.chartUnit,
            series: largest.map((series) => ({
              name: series.title,
              values: series.values.map((value) => ({ year: value.year, value: value.rate })),
            })),
          })
        }
      />
    </div>
  );
}

function SeriesRow({ m, series, lastYear }: { m: Messages; series: AnalysisSeries; lastYear: number }) {
  const t = m.analysis;
  const last = series.values.at(-1);
  return (
    <Row>
      <RowHeader>{`${series.code} ${series.title}`}</RowHeader>
      {series.values.map((value) => (
        <Cell label={String(value.year)}>{value.count === null ? '-' : formatNumber(value.count)}</Cell>
      ))}
      <Cell label={t.perThousand(lastYear)}>{last?.rate == null ? '-' : formatOneDecimal(last.rate)}</Cell>
      <Cell label={t.trend}>{trendInWords(m, series.trend)}</Cell>
    </Row>
  );
}

function yearParameter(text: string | undefined): number | undefined {
  return text && /^\d{4}$/.test(text) ? Number(text) : undefined;
}

export function createAnalysisPages(service: AnalysisService, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();
  pages.get('/plannen/:planId/analyse', async (c) => {
    const view = await service.analysis(c.var.actor, c.req.param('planId'), {
      municipality: c.req.query('gemeente') || undefined,
      from: yearParameter(c.req.query('van')),
      to: yearParameter(c.req.query('tot')),
    });
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<AnalysisPage m={m} view={view} />));
  });
  return pages;
}
