/**
 * The chart of one indicator over the years: measurements, the baseline, the
 * target, the straight path from baseline to target and, if there is one, the
 * projection. Every series differs in line pattern or marker shape and is named
 * in the legend inside the SVG, so nothing depends on colour alone.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.js';
import { CHART_CLASS, CHART_WIDTH, formatChartValue, type LegendItem, marginForLabels, niceTicks, renderPlot } from './render-plot.js';

export interface YearValue {
  year: number;
  value: number;
}

export interface IndicatorChartInput {
  idPrefix: string;
  /** Width in SVG units: CHART_WIDTH (the default) or NARROW_CHART_WIDTH for phones. */
  width?: number;
  title: string;
  /** As the page names the unit: 'per 1.000 inwoners', 'aantal', '%', 'rapportcijfer'. */
  unitLabel: string;
  baseline: YearValue;
  target: { comparison: 'at_most' | 'at_least'; year: number; value: number };
  measurements: YearValue[];
  /** The straight path from baseline to target. */
  path: YearValue[];
  projection: YearValue[] | null;
  projectionReliable: boolean;
}

export const INDICATOR_CLASSES = {
  grid: `${CHART_CLASS}__grid`,
  axis: `${CHART_CLASS}__axis`,
  measured: `${CHART_CLASS}__measured`,
  measuredDot: `${CHART_CLASS}__measured-dot`,
  baseline: `${CHART_CLASS}__baseline`,
  target: `${CHART_CLASS}__target`,
  targetLabel: `${CHART_CLASS}__target-label`,
  path: `${CHART_CLASS}__path`,
  projection: `${CHART_CLASS}__projection`,
  projectionUnreliable: `${CHART_CLASS}__projection--unreliable`,
} as const;

const HEIGHT = 320;
const MEASURED_R = 3.5;
const BASELINE_R = 6;
const TARGET_R = 5.5;

const COMPARISON_SIGN = { at_most: '≤', at_least: '≥' } as const;
const COMPARISON_WORDS = { at_most: 'ten hoogste', at_least: 'ten minste' } as const;

export function renderIndicatorChart(input: IndicatorChartInput): string {
  const { baseline, target, unitLabel } = input;
  const measurements = byYear(input.measurements);
  const path = byYear(input.path);
  const projection = joinProjection(byYear(input.projection ?? []), measurements);
  const points = [baseline, target, ...measurements, ...path, ...projection];
  const values = points.map((point) => point.value);
  const years = points.map((point) => point.year);

  const yTicks = valueTicks(values);
  const yMin = yTicks[0]!;
  const yMax = yTicks[yTicks.length - 1]!;
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  const xDomain = firstYear === lastYear ? [firstYear - 1, lastYear + 1] : [firstYear, lastYear];
  const projectionClass = input.projectionReliable ? INDICATOR_CLASSES.projection : INDICATOR_CLASSES.projectionUnreliable;
  const targetLabel = `streefwaarde ${COMPARISON_SIGN[target.comparison]} ${formatChartValue(target.value, unitLabel)}`;

  const legend: LegendItem[] = [
    {
      label: 'gemeten',
      line: INDICATOR_CLASSES.measured,
      symbol: { shape: 'circle', className: INDICATOR_CLASSES.measuredDot, r: MEASURED_R },
    },
    { label: 'nulmeting', symbol: { shape: 'square', className: INDICATOR_CLASSES.baseline, r: BASELINE_R } },
    { label: 'streefwaarde', symbol: { shape: 'diamond', className: INDICATOR_CLASSES.target, r: TARGET_R } },
    { label: 'rechte lijn naar streefwaarde', line: INDICATOR_CLASSES.path },
  ];
  if (projection.length > 0) legend.push({ label: input.projectionReliable ? 'prognose' : 'prognose (onzeker)', line: projectionClass });

  return renderPlot({
    idPrefix: input.idPrefix,
    title: input.title,
    description: describe(input, measurements, projection),
    legend,
    plot: {
      width: input.width ?? CHART_WIDTH,
      height: HEIGHT,
      marginTop: 28,
      marginRight: 24,
      marginBottom: 32,
      marginLeft: marginForLabels(yTicks.map(formatNumber)),
      x: { type: 'linear', domain: xDomain, insetLeft: 18, insetRight: 18 },
      y: { type: 'linear', domain: [yMin, yMax] },
      marks: [
        Plot.gridY({ ticks: yTicks, className: INDICATOR_CLASSES.grid }),
        Plot.axisY({ ticks: yTicks, tickFormat: formatNumber, label: unitLabel, labelArrow: 'none', className: INDICATOR_CLASSES.axis }),
        Plot.axisX({
          ticks: yearTicks(xDomain[0]!, xDomain[1]!, (input.width ?? CHART_WIDTH) < CHART_WIDTH ? 6 : 13),
          tickFormat: String,
          label: null,
          className: INDICATOR_CLASSES.axis,
        }),
        Plot.ruleY([yMin], { className: INDICATOR_CLASSES.axis }),
        Plot.line(path, { x: 'year', y: 'value', className: INDICATOR_CLASSES.path }),
        Plot.line(projection, { x: 'year', y: 'value', className: projectionClass }),
        Plot.dot([baseline], { x: 'year', y: 'value', r: BASELINE_R, symbol: 'square', className: INDICATOR_CLASSES.baseline }),
        Plot.line(measurements, { x: 'year', y: 'value', className: INDICATOR_CLASSES.measured }),
        Plot.dot(measurements, { x: 'year', y: 'value', r: MEASURED_R, symbol: 'circle', className: INDICATOR_CLASSES.measuredDot }),
        Plot.dot([target], { x: 'year', y: 'value', r: TARGET_R, symbol: 'diamond', className: INDICATOR_CLASSES.target }),
        Plot.text([target], {
          x: 'year',
          y: 'value',
          text: () => targetLabel,
          textAnchor: target.year === lastYear && firstYear !== lastYear ? 'end' : 'middle',
          dx: target.year === lastYear && firstYear !== lastYear ? TARGET_R : 0,
          dy: labelBelow(target, yMin, yMax) ? 20 : -18,
          className: INDICATOR_CLASSES.targetLabel,
        }),
      ],
    },
  });
}

function byYear(points: readonly YearValue[]): YearValue[] {
  return points.filter((point) => Number.isFinite(point.year) && Number.isFinite(point.value)).sort((a, b) => a.year - b.year);
}

/** A projection that starts after the last measurement continues from it, so the dotted line does not float free. */
function joinProjection(projection: YearValue[], measurements: YearValue[]): YearValue[] {
  const last = measurements[measurements.length - 1];
  const first = projection[0];
  return last && first && first.year > last.year ? [last, ...projection] : projection;
}

/**
 * The value axis starts at 0 unless every value is far from it: when the
 * smallest value is more than half the largest (a grade between 6 and 8, a rate
 * from 30,5 to 28), a zero-based axis would flatten every change into a line,
 * so the axis then spans the values with a little room. Whole-number data get
 * whole-number ticks.
 */
function valueTicks(values: readonly number[]): number[] {
  let min = Math.min(...values);
  let max = Math.max(...values);
  const farFromZero = min > 0 ? min > max / 2 : max < 0 ? max < min / 2 : false;
  if (farFromZero) {
    const pad = (max - min) * 0.08 || Math.abs(max) * 0.05;
    min = min > 0 ? Math.max(0, min - pad) : min - pad;
    max = max < 0 ? Math.min(0, max + pad) : max + pad;
  } else {
    min = Math.min(min, 0);
    max = Math.max(max, 0);
  }
  return niceTicks(min, max, 5, values.every(Number.isInteger));
}

/** Whole years only: every year up to a dozen, then every 2nd, 5th or 10th. */
export function yearTicks(first: number, last: number, maxTicks = 13): number[] {
  const span = last - first;
  const step = [1, 2, 5, 10, 20].find((candidate) => span / candidate < maxTicks) ?? 50;
  const ticks: number[] = [];
  for (let year = Math.ceil(first / step) * step; year <= last; year += step) ticks.push(year);
  return ticks;
}

/** Below the diamond when the values come down to an 'at most' target, above for 'at least', unless that runs off the plot. */
function labelBelow(target: IndicatorChartInput['target'], yMin: number, yMax: number): boolean {
  const position = yMax === yMin ? 0.5 : (target.value - yMin) / (yMax - yMin);
  if (position < 0.15) return false;
  if (position > 0.85) return true;
  return target.comparison === 'at_most';
}

function describe(input: IndicatorChartInput, measurements: YearValue[], projection: YearValue[]): string {
  const value = (v: number) => formatChartValue(v, input.unitLabel);
  const parts: string[] = [];
  const first = measurements[0];
  const last = measurements[measurements.length - 1];
  if (!first || !last) {
    parts.push(`Nog geen metingen; nulmeting ${value(input.baseline.value)} in ${input.baseline.year}`);
  } else {
    parts.push(first.year === last.year ? `Gemeten in ${first.year}` : `Gemeten ${first.year} tot en met ${last.year}`);
    parts.push(`laatste waarde ${value(last.value)} in ${last.year}`);
  }
  const { target } = input;
  parts.push(`streefwaarde ${COMPARISON_WORDS[target.comparison]} ${value(target.value)} in ${target.year}`);
  const forecast = projection[projection.length - 1];
  if (forecast && forecast.year !== last?.year) {
    parts.push(`prognose ${value(forecast.value)} in ${forecast.year}${input.projectionReliable ? '' : ' (onzeker)'}`);
  }
  return `${parts.join('; ')}.`;
}
