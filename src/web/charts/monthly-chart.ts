/**
 * The tactical page's chart of monthly figures: the last (usually 24) months as
 * a line with dots, the range of the same month in the three previous years as
 * a shaded band, and months above that band marked with a triangle instead of a
 * dot. A month without a figure breaks the line and says 'n.b.'; it never
 * counts as 0.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.js';
import { CHART_CLASS, CHART_WIDTH, type LegendItem, marginForLabels, niceTicks, renderPlot } from './render-plot.js';

export interface MonthlyChartRow {
  year: number;
  /** 1 = January. */
  month: number;
  value: number | null;
  /** Lowest and highest value of this month in the three previous years. */
  band: { min: number; max: number } | null;
  aboveBand: boolean;
}

export interface MonthlyChartInput {
  idPrefix: string;
  /** Width in SVG units: CHART_WIDTH (the default) or NARROW_CHART_WIDTH for phones. */
  width?: number;
  title: string;
  rows: MonthlyChartRow[];
}

export const MONTHLY_CLASSES = {
  grid: `${CHART_CLASS}__grid`,
  axis: `${CHART_CLASS}__axis`,
  band: `${CHART_CLASS}__band`,
  valueLine: `${CHART_CLASS}__value-line`,
  valueDot: `${CHART_CLASS}__value-dot`,
  aboveBand: `${CHART_CLASS}__above-band`,
  missing: `${CHART_CLASS}__missing`,
} as const;

/** Dutch short month names, fixed here rather than taken from Intl, whose abbreviations differ between ICU versions. */
const MONTHS = ['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'] as const;

const HEIGHT = 300;
const DOT_R = 3.5;
const ABOVE_R = 6;
const MISSING_TEXT = 'n.b.';

interface Point extends MonthlyChartRow {
  index: number;
}

/** 'jan 2023'. */
export function monthLabel(year: number, month: number): string {
  const name = MONTHS[month - 1];
  if (!name || !Number.isInteger(month)) throw new RangeError(`geen geldige maand: ${month}`);
  return `${name} ${year}`;
}

export function renderMonthlyChart(input: MonthlyChartInput): string {
  const points: Point[] = input.rows.map((row, index) => ({ ...row, value: finiteOrNull(row.value), index }));
  const labels = points.map((point) => monthLabel(point.year, point.month));
  const values = points.flatMap((point) => [point.value, point.band?.min ?? null, point.band?.max ?? null]).filter(isNumber);
  const yTicks = niceTicks(Math.min(0, ...values), Math.max(0, ...values) || 1, 5, values.every(Number.isInteger));
  const yMin = yTicks[0]!;
  const yMax = yTicks[yTicks.length - 1]!;
  const indices = points.map((point) => point.index);
  // A label under every month does not fit 24 times; then only the quarters (jan, apr, jul, okt) get one, or on a phone the half years.
  const every = (input.width ?? CHART_WIDTH) < CHART_WIDTH ? 6 : 3;
  const labelled =
    points.length <= 12 && every === 3 ? indices : points.filter((point) => point.month % every === 1).map((point) => point.index);

  const measured = points.filter((point) => point.value !== null);
  const above = measured.filter((point) => point.aboveBand);
  const missing = points.filter((point) => point.value === null);
  const legend: LegendItem[] = [
    {
      label: 'cijfer per maand',
      line: MONTHLY_CLASSES.valueLine,
      symbol: { shape: 'circle', className: MONTHLY_CLASSES.valueDot, r: DOT_R },
    },
    { label: 'bandbreedte drie voorgaande jaren', swatch: MONTHLY_CLASSES.band },
  ];
  if (above.length > 0)
    legend.push({ label: 'boven de bandbreedte', symbol: { shape: 'triangle', className: MONTHLY_CLASSES.aboveBand, r: ABOVE_R } });
  if (missing.length > 0) legend.push({ label: 'geen cijfer bekend', text: { content: MISSING_TEXT, className: MONTHLY_CLASSES.missing } });

  return renderPlot({
    idPrefix: input.idPrefix,
    title: input.title,
    description: describe(points, labels),
    legend,
    plot: {
      width: input.width ?? CHART_WIDTH,
      height: HEIGHT,
      marginTop: 16,
      marginRight: 16,
      marginBottom: 32,
      marginLeft: marginForLabels(yTicks.map(formatNumber)),
      x: { type: 'linear', domain: [-0.5, Math.max(points.length, 1) - 0.5] },
      y: { type: 'linear', domain: [yMin, yMax] },
      marks: [
        Plot.gridY({ ticks: yTicks, className: MONTHLY_CLASSES.grid }),
        Plot.rect(
          points.filter((point) => point.band !== null),
          {
            x1: (point: Point) => point.index - 0.5,
            x2: (point: Point) => point.index + 0.5,
            y1: (point: Point) => point.band!.min,
            y2: (point: Point) => point.band!.max,
            className: MONTHLY_CLASSES.band,
          },
        ),
        Plot.axisY({ ticks: yTicks, tickFormat: formatNumber, label: null, className: MONTHLY_CLASSES.axis }),
        // A short tick under every month, no text (fill none); the labelled months get a longer one with text.
        Plot.axisX({ ticks: indices, fill: 'none', tickSize: 4, label: null, className: MONTHLY_CLASSES.axis }),
        Plot.axisX({
          ticks: labelled,
          tickFormat: (index: number) => labels[index] ?? '',
          tickSize: 7,
          label: null,
          className: MONTHLY_CLASSES.axis,
        }),
        Plot.ruleY([yMin], { className: MONTHLY_CLASSES.axis }),
        // NaN, not 0, for a month without a figure: Plot breaks the line there.
        Plot.line(points, { x: 'index', y: (point: Point) => point.value ?? Number.NaN, className: MONTHLY_CLASSES.valueLine }),
        Plot.dot(
          measured.filter((point) => !point.aboveBand),
          { x: 'index', y: 'value', r: DOT_R, symbol: 'circle', className: MONTHLY_CLASSES.valueDot },
        ),
        Plot.dot(above, { x: 'index', y: 'value', r: ABOVE_R, symbol: 'triangle', className: MONTHLY_CLASSES.aboveBand }),
        Plot.text(missing, { x: 'index', y: () => yMin, text: () => MISSING_TEXT, dy: -10, className: MONTHLY_CLASSES.missing }),
      ],
    },
  });
}

function finiteOrNull(value: number | null): number | null {
  return value !== null && Number.isFinite(value) ? value : null;
}

function isNumber(value: number | null): value is number {
  return value !== null && Number.isFinite(value);
}

function describe(points: Point[], labels: string[]): string {
  const first = labels[0];
  const last = labels[labels.length - 1];
  if (!first || !last) return 'Geen maandcijfers.';
  const parts = [`Maandcijfers ${first} tot en met ${last}`];
  const latest = points.filter((point) => point.value !== null).pop();
  if (latest) parts.push(`laatste cijfer ${formatNumber(latest.value!)} in ${labels[latest.index]}`);
  const above = points.filter((point) => point.value !== null && point.aboveBand).map((point) => labels[point.index]!);
  parts.push(
    above.length === 0
      ? 'geen maand boven de bandbreedte van de drie voorgaande jaren'
      : `${months(above.length)} boven de bandbreedte van de drie voorgaande jaren: ${listInDutch(above)}`,
  );
  const missing = points.filter((point) => point.value === null).length;
  if (missing > 0) parts.push(`${months(missing)} zonder cijfer`);
  return `${parts.join('; ')}.`;
}

function months(count: number): string {
  return count === 1 ? '1 maand' : `${count} maanden`;
}

/** 'a', 'a en b', 'a, b en c'. */
function listInDutch(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} en ${items[items.length - 1]}`;
}
