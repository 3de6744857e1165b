/**
 * Several series over the years in one chart (the police figures of a theme
 * per 1,000 inhabitants): each series its own line pattern and marker shape,
 * named in the legend, so nothing depends on colour alone. The table beside
 * it gives every value.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.js';
import { CHART_CLASS, CHART_WIDTH, type LegendItem, marginForLabels, niceTicks, renderPlot, type SymbolShape } from './render-plot.js';

export interface YearLinesInput {
  idPrefix: string;
  width?: number;
  title: string;
  description: string;
  unitLabel: string;
  /** At most four series; each value null where there is none. */
  series: { name: string; values: { year: number; value: number | null }[] }[];
}

const SHAPES: readonly SymbolShape[] = ['circle', 'square', 'diamond', 'triangle'];
export const YEAR_LINES_MAX_SERIES = SHAPES.length;
const HEIGHT = 260;
const R = 4;

export function renderYearLinesChart(input: YearLinesInput): string {
  const series = input.series.slice(0, YEAR_LINES_MAX_SERIES);
  const points = series.flatMap((entry, index) =>
    entry.values.flatMap((value) => (value.value === null ? [] : [{ year: value.year, value: value.value, series: index }])),
  );
  const values = points.map((point) => point.value);
  const years = series.flatMap((entry) => entry.values.map((value) => value.year));
  const ticks = niceTicks(0, Math.max(1e-9, ...values), 5);
  const firstYear = Math.min(...years);
  const lastYear = Math.max(...years);
  const width = input.width ?? CHART_WIDTH;
  const lineClass = (index: number) => `${CHART_CLASS}__series-${index + 1}`;
  const dotClass = (index: number) => `${CHART_CLASS}__series-dot-${index + 1}`;
  const legend: LegendItem[] = series.map((entry, index) => ({
    label: entry.name,
    line: lineClass(index),
    symbol: { shape: SHAPES[index] as SymbolShape, className: dotClass(index), r: R },
  }));
  return renderPlot({
    idPrefix: input.idPrefix,
    title: input.title,
    description: input.description,
    legend,
    plot: {
      width,
      height: HEIGHT,
      marginTop: 24,
      marginRight: 16,
      marginBottom: 32,
      marginLeft: marginForLabels(ticks.map(formatNumber)),
      x: {
        type: 'linear',
        domain: firstYear === lastYear ? [firstYear - 1, lastYear + 1] : [firstYear, lastYear],
        insetLeft: 12,
        insetRight: 12,
      },
      y: { type: 'linear', domain: [ticks[0] as number, ticks.at(-1) as number] },
      marks: [
        Plot.gridY({ ticks, className: `${CHART_CLASS}__grid` }),
        Plot.axisY({ ticks, tickFormat: formatNumber, label: input.unitLabel, labelArrow: 'none', className: `${CHART_CLASS}__axis` }),
        Plot.axisX({
          ticks: Array.from({ length: lastYear - firstYear + 1 }, (_, index) => firstYear + index).filter(
            (_, index, all) => all.length <= (width < CHART_WIDTH ? 5 : 12) || index % 2 === 0,
          ),
          tickFormat: String,
          label: null,
          className: `${CHART_CLASS}__axis`,
        }),
        ...series.flatMap((_, index) => {
          const own = points.filter((point) => point.series === index);
          return [
            Plot.line(own, { x: 'year', y: 'value', className: lineClass(index) }),
            Plot.dot(own, { x: 'year', y: 'value', r: R, symbol: SHAPES[index], className: dotClass(index) }),
          ];
        }),
      ],
    },
  });
}
