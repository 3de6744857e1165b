/**
 * The safety analysis as a document: the same blocks as a progress report
 * (headings, paragraphs, lists, tables, figures), so it is made as HTML,
 * PDF/A, DOCX and ODT by the report's writers. The words per theme (its
 * coverage by the plan, the trend) come from here for the page too.
 */

import { themesOfPoliceFigure } from '../../catalogue/police-theme-map.js';
import type { DistrictCell, DistrictKind } from '../../domain/district-figures.js';
import type { AnalysisTheme } from '../../domain/safety-analysis.js';
import { TREND_METHOD, type Trend } from '../../domain/trend.js';
import { renderAreaChart } from '../../web/charts/area-chart.js';
import { CHART_WIDTH, NARROW_CHART_WIDTH } from '../../web/charts/render-plot.js';
import { renderYearLinesChart, YEAR_LINES_MAX_SERIES } from '../../web/charts/year-lines-chart.js';
import { formatNumber, formatOneDecimal } from '../../web/format.js';
import type { Messages } from '../../web/messages.js';
import { wasWordtLines, wasWordtTable } from '../next-plan/was-wordt-table.js';
import type { Block, ReportOutline } from '../reports/render/report-outline.js';
import type { AnalysisView } from './analysis.service.js';

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

/** What the plan does on a theme, in one sentence or three. */
export function coverageInWords(m: Messages, theme: AnalysisTheme): string | null {
  const t = m.analysis;
  if (!theme.plan) return null;
  if (theme.plan.themes.length === 0) return t.notInPlan;
  return [
    t.planThemes(theme.plan.themes.map((entry) => entry.name).join('; ')),
    Object.keys(theme.plan.indicators).length > 0
      ? t.indicators(
          Object.entries(theme.plan.indicators)
            .map(([status, count]) => `${count} ${m.monitoring.status[status as keyof typeof m.monitoring.status].toLowerCase()}`)
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
    .join(' ');
}

/** The theme's largest series per 1,000 inhabitants as a chart; null when no year has a rate. */
export function themeChart(m: Messages, theme: AnalysisTheme, idPrefix: string) {
  const t = m.analysis;
  const withRates = theme.series.filter((series) => series.values.some((value) => value.rate !== null));
  if (withRates.length === 0) return null;
  const largest = [...withRates]
    .sort((a, b) => (b.values.at(-1)?.count ?? 0) - (a.values.at(-1)?.count ?? 0))
    .slice(0, YEAR_LINES_MAX_SERIES);
  const description = `${largest
    .map((series) => {
      const known = series.values.filter((value) => value.rate !== null);
      const first = known[0];
      const last = known.at(-1);
      return first && last
        ? t.chartLine(series.title, first.year, formatOneDecimal(first.rate ?? 0), last.year, formatOneDecimal(last.rate ?? 0))
        : '';
    })
    .filter(Boolean)
    .join('; ')}${withRates.length > largest.length ? ` ${t.chartMore(withRates.length - largest.length)}` : ''}`;
  const title = t.chartTitle(theme.name);
  const render = (width: number, suffix: string) =>
    renderYearLinesChart({
      idPrefix: `${idPrefix}${suffix}`,
      width,
      title,
      description,
      unitLabel: t.chartUnit,
      series: largest.map((series) => ({
        name: series.title,
        values: series.values.map((value) => ({ year: value.year, value: value.rate })),
      })),
    });
  return { title, description, render };
}

/** The id of a kind's part of the section per wijk, on the page and in the documents. */
export const districtId = (kind: Pick<DistrictKind, 'source' | 'code'>) => `wijk-${kind.source}-${kind.code.replace(/\./g, '-')}`;

/** A kind per wijk as a table: count and share in the first and the last year (and the rate where known), the rest and the total. */
export function districtTable(m: Messages, view: AnalysisView, kind: DistrictKind) {
  const t = m.analysis;
  const { first, last } = view.districts.years;
  const rates = view.districts.perPopulation;
  const count = (cell: DistrictCell) => (cell.count !== null ? formatNumber(cell.count) : cell.suppressed ? t.withheld : '-');
  const share = (cell: DistrictCell) => (cell.share === null ? '-' : percent.format(cell.share));
  const rate = (cell: DistrictCell) => (cell.rate === null ? '-' : formatOneDecimal(cell.rate));
  const cells = (pair: { first: DistrictCell; last: DistrictCell }) => [
    count(pair.first),
    share(pair.first),
    count(pair.last),
    share(pair.last),
    ...(rates ? [rate(pair.first), rate(pair.last)] : []),
  ];
  const total = view.municipality.name;
  const rest = (value: number | null) => (value === null ? '-' : formatNumber(value));
  const hasRest = (kind.rest.first ?? 0) > 0 || (kind.rest.last ?? 0) > 0;
  const restShare = (value: number | null, all: number | null) => (value === null || !all ? '-' : percent.format(value / all));
  return {
    caption: t.districtCaption(`${kind.code} ${kind.title}`, first, last),
    columns: [
      { label: t.district },
      { label: t.districtCount(first), numeric: true },
      { label: t.districtShare(first), numeric: true },
      { label: t.districtCount(last), numeric: true },
      { label: t.districtShare(last), numeric: true },
      ...(rates
        ? [
            { label: t.districtRate(first), numeric: true },
            { label: t.districtRate(last), numeric: true },
          ]
        : []),
    ],
    rows: [
      ...kind.districts.map((row) => [row.name, ...cells(row)]),
      ...(hasRest
        ? [
            [
              t.districtRest,
              rest(kind.rest.first),
              restShare(kind.rest.first, kind.municipality.first.count),
              rest(kind.rest.last),
              restShare(kind.rest.last, kind.municipality.last.count),
              ...(rates ? ['-', '-'] : []),
            ],
          ]
        : []),
      [t.districtTotal(total), ...cells(kind.municipality)],
    ],
    hasRest,
  };
}

/** A kind per wijk in the last year as bars (per 1,000 inhabitants where known, else counts); a withheld figure says so. */
export function districtChart(m: Messages, view: AnalysisView, kind: DistrictKind) {
  const t = m.analysis;
  const year = view.districts.years.last;
  const rates = view.districts.perPopulation;
  const title = t.districtChartTitle(`${kind.code} ${kind.title}`, year);
  const render = (width: number, suffix: string) =>
    renderAreaChart({
      idPrefix: `grafiek-${districtId(kind)}${suffix}`,
      width,
      title,
      areas: kind.districts.map((row) => ({ name: row.name, value: rates ? row.last.rate : row.last.count })),
      unitLabel: rates ? t.chartUnit : m.unit({ unit: 'count', ageBand: null }),
    });
  const svg = render(CHART_WIDTH, '');
  const description = (/<desc[^>]*>([\s\S]*?)<\/desc>/.exec(svg)?.[1] ?? title)
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  return { title, description, render, svg };
}

export function analysisOutline(m: Messages, view: AnalysisView): ReportOutline {
  const t = m.analysis;
  const blocks: Block[] = [];
  const years = Array.from({ length: view.years.to - view.years.from + 1 }, (_, index) => view.years.from + index);
  blocks.push({ kind: 'heading', level: 1, text: `${t.title} ${view.municipality.name}`, id: 'analyse' });
  blocks.push({ kind: 'paragraph', style: 'lead', text: t.intro(view.municipality.name, view.years.from, view.years.to) });
  blocks.push({ kind: 'paragraph', style: 'meta', text: view.plan.title });
  if (!view.available) blocks.push({ kind: 'paragraph', text: t.notPulled });
  if (view.available && view.missingPopulation.length > 0)
    blocks.push({ kind: 'paragraph', text: t.populationMissing(view.missingPopulation.join(', ')) });
  blocks.push({ kind: 'heading', level: 2, text: t.method, id: 'methode' });
  blocks.push({ kind: 'paragraph', text: TREND_METHOD });
  for (const field of view.fields) {
    blocks.push({
      kind: 'heading',
      level: 2,
      text: field.number === null ? t.crossCutting : `${field.number}. ${field.name}`,
      id: `veld-${field.number ?? 'd'}`,
    });
    for (const theme of field.themes) {
      const id = `thema-${theme.code.replace(/\./g, '-')}`;
      blocks.push({ kind: 'heading', level: 3, text: `${theme.code} ${theme.name}`, id });
      const coverage = coverageInWords(m, theme);
      if (coverage) blocks.push({ kind: 'paragraph', text: `${t.inPlan}: ${coverage}` });
      if (theme.plan && theme.plan.measured.length > 0) {
        blocks.push({
          kind: 'table',
          caption: t.measuredCaption(theme.name),
          columns: [{ label: t.indicator }, ...years.map((year) => ({ label: String(year), numeric: true })), { label: t.source }],
          rows: theme.plan.measured.map((indicator) => [
            `${indicator.name} (${indicator.unit})`,
            ...indicator.values.map((value) => (value.value === null ? '-' : formatNumber(value.value))),
            indicator.source,
          ]),
        });
      }
      if (theme.series.length === 0) {
        blocks.push({ kind: 'paragraph', text: t.noFigures });
      } else {
        const chart = themeChart(m, theme, `grafiek-${id}`);
        if (chart) {
          blocks.push({
            kind: 'figure',
            id: `grafiek-${id}`,
            chart: {
              svg: chart.render(CHART_WIDTH, ''),
              narrowSvg: chart.render(NARROW_CHART_WIDTH, '-smal'),
              title: chart.title,
              description: chart.description,
            },
          });
        }
        blocks.push({
          kind: 'table',
          caption: t.caption(theme.name),
          columns: [
            { label: t.kind },
            ...years.map((year) => ({ label: String(year), numeric: true })),
            { label: t.perThousand(view.years.to), numeric: true },
            { label: t.trend },
          ],
          rows: theme.series.map((series) => [
            `${series.code} ${series.title}`,
            ...series.values.map((value) => (value.count === null ? '-' : formatNumber(value.count))),
            series.values.at(-1)?.rate == null ? '-' : formatOneDecimal(series.values.at(-1)?.rate as number),
            trendInWords(m, series.trend),
          ]),
        });
      }
      if (theme.missing.length > 0) blocks.push({ kind: 'list', items: theme.missing });
    }
  }
  districtBlocks(m, view, blocks);
  blocks.push({ kind: 'heading', level: 2, text: t.wasWordt, id: 'was-wordt' });
  if (view.wasWordt.predecessor) {
    blocks.push({ kind: 'paragraph', text: m.wasWordt.intro(view.wasWordt.predecessor.title, view.plan.title) });
    blocks.push({ kind: 'table', ...wasWordtTable(m.wasWordt, wasWordtLines(view.wasWordt.rows, view.wasWordt.themeNames)) });
  } else {
    blocks.push({ kind: 'paragraph', text: t.noPredecessor });
  }
  return {
    title: `${t.title} ${view.municipality.name} ${view.years.from}-${view.years.to}`,
    subtitle: view.plan.title,
    state: t.intro(view.municipality.name, view.years.from, view.years.to),
    language: 'nl',
    blocks,
  };
}

function districtBlocks(m: Messages, view: AnalysisView, blocks: Block[]): void {
  const t = m.analysis;
  const { first, last } = view.districts.years;
  blocks.push({ kind: 'heading', level: 2, text: t.districts, id: 'per-wijk' });
  if (view.districts.kinds.length === 0) {
    blocks.push({ kind: 'paragraph', text: t.districtsNone });
    return;
  }
  blocks.push({ kind: 'paragraph', text: t.districtsIntro(view.municipality.name, first, last) });
  if (!view.districts.perPopulation) blocks.push({ kind: 'paragraph', text: t.districtsNoRate });
  for (const kind of view.districts.kinds) {
    const id = districtId(kind);
    blocks.push({ kind: 'heading', level: 3, text: `${kind.code} ${kind.title}`, id });
    const chart = districtChart(m, view, kind);
    blocks.push({
      kind: 'figure',
      id: `grafiek-${id}`,
      chart: {
        svg: chart.svg,
        narrowSvg: chart.render(NARROW_CHART_WIDTH, '-smal'),
        title: chart.title,
        description: chart.description,
      },
    });
    const { hasRest, ...table } = districtTable(m, view, kind);
    blocks.push({ kind: 'table', ...table });
    if (kind.withheld.length > 0) blocks.push({ kind: 'paragraph', text: t.districtWithheld(kind.withheld.join(', ')) });
    if (hasRest) blocks.push({ kind: 'paragraph', text: t.districtRestNote });
  }
}

/**
 * Every figure of the analysis as CSV (semicolons, decimal commas): per field
 * and theme the municipality's yearly figures, then the kinds per wijk in
 * the first and the last year with each wijk's share of the municipality.
 */
export function analysisCsv(view: AnalysisView): string {
  const quote = (field: string) => (/[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  const decimal = (value: number | null) => (value === null ? '' : String(Math.round(value * 1000) / 1000).replace('.', ','));
  const line = (fields: string[]) => fields.map(quote).join(';');
  const lines = [
    line([
      'veld',
      'thema',
      'bron',
      'code',
      'soort',
      'gebied',
      'naam gebied',
      'jaar',
      'aantal',
      'per 1.000 inwoners',
      'aandeel van de gemeente',
    ]),
  ];
  const { code: municipalityCode, name: municipalityName } = view.municipality;
  for (const field of view.fields) {
    for (const theme of field.themes) {
      for (const series of theme.series) {
        for (const value of series.values) {
          lines.push(
            line([
              String(field.number ?? 'D'),
              theme.code,
              series.source,
              series.code,
              series.title,
              municipalityCode,
              municipalityName,
              String(value.year),
              decimal(value.count),
              decimal(value.rate),
              '',
            ]),
          );
        }
      }
    }
  }
  const { first, last } = view.districts.years;
  for (const kind of view.districts.kinds) {
    const themes = (themesOfPoliceFigure(kind.source, kind.code) ?? []).join(' ');
    const area = (key: string, name: string, cells: { first: DistrictCell; last: DistrictCell }) =>
      (
        [
          [first, cells.first],
          [last, cells.last],
        ] as const
      ).map(([year, cell]) =>
        line([
          '',
          themes,
          kind.source,
          kind.code,
          kind.title,
          key,
          name,
          String(year),
          decimal(cell.count),
          decimal(cell.rate),
          decimal(cell.share),
        ]),
      );
    for (const row of kind.districts) lines.push(...area(row.key, row.name, row));
    lines.push(...area(municipalityCode, municipalityName, kind.municipality));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
