/**
 * `/plannen/:planId/analyse`: the safety analysis of the plan's municipality
 * (`?gemeente=GM1641&van=2015&tot=2021`): per field and theme of Kernbeleid
 * Veiligheid the police figures per year and per 1,000 inhabitants with their
 * trend in words, what the plan does on the theme, and what is missing. The
 * method of the trend is on the page. Mount with
 * `app.route('/', createAnalysisPages(service))`.
 */
import { type Context, Hono } from 'hono';
import type { DistrictKind } from '../../domain/district-figures.js';
import { NotFoundError } from '../../domain/errors.js';
import type { AnalysisSeries, AnalysisTheme } from '../../domain/safety-analysis.js';
import { TREND_METHOD } from '../../domain/trend.js';
import type { AppEnv } from '../../http/app-env.js';
import { ResponsiveChart } from '../../web/charts/responsive-chart.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../web/components.js';
import { formatNumber, formatOneDecimal } from '../../web/format.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import { Notice } from '../monitoring/pages/monitor-parts.js';
import { wasWordtLines, wasWordtTable } from '../next-plan/was-wordt-table.js';
import { PlanNav, planCrumbs } from '../plans/pages/plan-parts.js';
import { CONTENT_TYPES, type DocumentFormat, renderOutline } from '../reports/render/render-report.js';
import type { AnalysisService, AnalysisView } from './analysis.service.js';
import {
  analysisCsv,
  analysisOutline,
  coverageInWords,
  districtChart,
  districtId,
  districtTable,
  themeChart,
  trendInWords,
} from './analysis-outline.js';

const DOWNLOADS: readonly DocumentFormat[] = ['pdf', 'docx', 'odt', 'html'];
const analysisFileUrl = (planId: string, format: DocumentFormat | 'csv') => `/plannen/${planId}/analyse/bestand/${format}`;

function AnalysisPage({ m, view }: { m: Messages; view: AnalysisView }) {
  const t = m.analysis;
  const plan = view.plan;
  const query = new URLSearchParams({
    gemeente: view.municipality.code,
    van: String(view.years.from),
    tot: String(view.years.to),
  }).toString();
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="analysis" />
      <Paragraph lead>{t.intro(view.municipality.name, view.years.from, view.years.to)}</Paragraph>
      {!view.available && <Notice>{t.notPulled}</Notice>}
      {view.missingPopulation.length > 0 && view.available && (
        <Paragraph>{t.populationMissing(view.missingPopulation.join(', '))}</Paragraph>
      )}
      <Paragraph>
        {`${t.downloads}: `}
        {[...DOWNLOADS, 'csv' as const].map((format, index) => (
          <>
            {index > 0 ? ', ' : ''}
            <Link href={`${analysisFileUrl(plan.id, format)}?${query}`}>{t.formats[format]}</Link>
          </>
        ))}
      </Paragraph>
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
      <DistrictsSection m={m} view={view} />
      <WasWordtSection m={m} view={view} />
    </Layout>
  );
}

/** A few kinds per wijk: bars of the last year, and the table of both years with each wijk's share. */
function DistrictsSection({ m, view }: { m: Messages; view: AnalysisView }) {
  const t = m.analysis;
  const { first, last } = view.districts.years;
  return (
    <section class="koers-section" aria-labelledby="per-wijk">
      <Heading level={2} id="per-wijk">
        {t.districts}
      </Heading>
      {view.districts.kinds.length === 0 ? (
        <Paragraph>{t.districtsNone}</Paragraph>
      ) : (
        <>
          <Paragraph>{t.districtsIntro(view.municipality.name, first, last)}</Paragraph>
          {!view.districts.perPopulation && <Paragraph>{t.districtsNoRate}</Paragraph>}
          {view.districts.kinds.map((kind) => (
            <DistrictKindSection m={m} view={view} kind={kind} />
          ))}
        </>
      )}
    </section>
  );
}

function DistrictKindSection({ m, view, kind }: { m: Messages; view: AnalysisView; kind: DistrictKind }) {
  const t = m.analysis;
  const id = districtId(kind);
  const chart = districtChart(m, view, kind);
  const table = districtTable(m, view, kind);
  return (
    <section class="koers-analysis-theme" aria-labelledby={id}>
      <Heading level={3} id={id}>{`${kind.code} ${kind.title}`}</Heading>
      <Paragraph class="koers-muted">{t.districtChartLead(view.districts.perPopulation, view.districts.years.last)}</Paragraph>
      <div class="koers-analysis-chart">
        <ResponsiveChart render={(width, suffix) => chart.render(width, suffix)} />
      </div>
      {/* Short figures in a few columns: they fit a phone as a table, which compares wijken better than cards. */}
      <Table caption={table.caption} cardsOnPhone={view.districts.perPopulation}>
        <TableHead columns={table.columns.map((column) => column.label)} />
        <TableBody>
          {table.rows.map(([name, ...cells]) => (
            <Row>
              <RowHeader>{name}</RowHeader>
              {cells.map((cell, index) => (
                <Cell label={table.columns[index + 1]?.label ?? ''}>{cell}</Cell>
              ))}
            </Row>
          ))}
        </TableBody>
      </Table>
      {kind.withheld.length > 0 && <Paragraph>{t.districtWithheld(kind.withheld.join(', '))}</Paragraph>}
      {table.hasRest && <Paragraph class="koers-muted">{t.districtRestNote}</Paragraph>}
    </section>
  );
}

/** Was/wordt against the predecessor, or one sentence that there is none. */
function WasWordtSection({ m, view }: { m: Messages; view: AnalysisView }) {
  const t = m.analysis;
  const { predecessor } = view.wasWordt;
  const table = wasWordtTable(m.wasWordt, wasWordtLines(view.wasWordt.rows, view.wasWordt.themeNames));
  return (
    <section class="koers-section" aria-labelledby="was-wordt">
      <Heading level={2} id="was-wordt">
        {t.wasWordt}
      </Heading>
      {predecessor ? (
        <>
          <Paragraph>
            {`${m.wasWordt.intro(predecessor.title, view.plan.title)} `}
            <Link href={`/plannen/${view.plan.id}/was-wordt`}>{t.wasWordtLink}</Link>
          </Paragraph>
          <Table caption={table.caption}>
            <TableHead columns={table.columns.map((column) => column.label)} />
            <TableBody>
              {table.rows.map(([name, ...cells]) => (
                <Row>
                  <RowHeader>{name}</RowHeader>
                  {cells.map((cell, index) => (
                    <Cell label={table.columns[index + 1]?.label ?? ''}>{cell}</Cell>
                  ))}
                </Row>
              ))}
            </TableBody>
          </Table>
        </>
      ) : (
        <Paragraph>{t.noPredecessor}</Paragraph>
      )}
    </section>
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
          {coverageInWords(m, theme)}
        </Paragraph>
      )}
      {theme.plan && theme.plan.measured.length > 0 && (
        <Table caption={t.measuredCaption(theme.name)}>
          <TableHead columns={[t.indicator, ...shown.map(String), t.source]} />
          <TableBody>
            {theme.plan.measured.map((indicator) => (
              <Row>
                <RowHeader>{`${indicator.name} (${indicator.unit})`}</RowHeader>
                {indicator.values.map((value) => (
                  <Cell label={String(value.year)}>{value.value === null ? '-' : formatNumber(value.value)}</Cell>
                ))}
                <Cell label={t.source}>{indicator.source}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
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
  const chart = themeChart(m, theme, `grafiek-${id}`);
  if (!chart) return null;
  return (
    <div class="koers-analysis-chart">
      <ResponsiveChart render={(width, suffix) => chart.render(width, suffix)} />
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
  const read = (c: Context<AppEnv>) =>
    service.analysis(c.var.actor, c.req.param('planId') ?? '', {
      municipality: c.req.query('gemeente') || undefined,
      from: yearParameter(c.req.query('van')),
      to: yearParameter(c.req.query('tot')),
    });
  pages.get('/plannen/:planId/analyse', async (c) => {
    const view = await read(c);
    c.header('Cache-Control', 'no-store');
    return c.html(renderDocument(<AnalysisPage m={m} view={view} />));
  });
  pages.get('/plannen/:planId/analyse/bestand/:formaat', async (c) => {
    const view = await read(c);
    const format = c.req.param('formaat');
    if (format !== 'csv' && !DOWNLOADS.includes(format as DocumentFormat)) {
      throw new NotFoundError('Formaat', format, `De analyse is er niet als ${format}`);
    }
    const body =
      format === 'csv'
        ? new TextEncoder().encode(analysisCsv(view))
        : await renderOutline(analysisOutline(m, view), format as DocumentFormat);
    return c.body(new Uint8Array(body), 200, {
      'Content-Type': CONTENT_TYPES[format as DocumentFormat | 'csv'],
      'Content-Disposition': `attachment; filename="veiligheidsanalyse-${view.municipality.code}-${view.years.from}-${view.years.to}.${format}"`,
      'Cache-Control': 'no-store',
    });
  });
  return pages;
}
