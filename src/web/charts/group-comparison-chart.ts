/**
 * A municipality beside its reference group, one row per theme, on one scale:
 * every rate as an index of the group's median (the median is 100). The band
 * is the middle half of the group (first to third quartile), the vertical
 * line the median, the dot the municipality with a line for its 95% interval,
 * the diamond the Netherlands. Shapes and the legend carry the meaning; the
 * table beside it gives the rates themselves.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.js';
import { CHART_CLASS, CHART_WIDTH, type LegendItem, marginForLabels, niceTicks, renderPlot } from './render-plot.js';

export interface GroupComparisonRow {
  label: string;
  median: number;
  quartiles: [number, number];
  own: number;
  interval: [number, number];
  netherlands: number | null;
}

export interface GroupComparisonChartInput {
  idPrefix: string;
  width?: number;
  title: string;
  /** Who the dot is: "Maasgouw". */
  municipality: string;
  rows: readonly GroupComparisonRow[];
}

export const GROUP_COMPARISON_CLASSES = {
  grid: `${CHART_CLASS}__grid`,
  axis: `${CHART_CLASS}__axis`,
  band: `${CHART_CLASS}__group-band`,
  median: `${CHART_CLASS}__group-median`,
  interval: `${CHART_CLASS}__own-interval`,
  own: `${CHART_CLASS}__own-dot`,
  netherlands: `${CHART_CLASS}__netherlands-dot`,
} as const;

const ROW_HEIGHT = 30;
const MARGIN_TOP = 8;
const MARGIN_BOTTOM = 40;
/** Indices above this are drawn at its edge: one far outlier must not squeeze every other row. */
const INDEX_CAP = 300;

export function renderGroupComparisonChart(input: GroupComparisonChartInput): string {
  const rows = input.rows
    .filter((row) => Number.isFinite(row.median) && row.median > 0)
    .map((row, index) => {
      const index_ = (value: number) => Math.min(INDEX_CAP, (value / row.median) * 100);
      return {
        index,
        label: row.label,
        low: index_(row.quartiles[0]),
        high: index_(row.quartiles[1]),
        own: index_(row.own),
        ownLow: index_(row.interval[0]),
        ownHigh: index_(row.interval[1]),
        netherlands: row.netherlands === null ? null : index_(row.netherlands),
      };
    });
  const highest = Math.max(200, ...rows.flatMap((row) => [row.high, row.ownHigh, row.netherlands ?? 0]));
  const ticks = niceTicks(0, highest, 5, true);
  const indices = rows.map((row) => row.index);
  const legend: LegendItem[] = [
    { label: 'middelste helft van de groep', swatch: GROUP_COMPARISON_CLASSES.band },
    { label: 'mediaan van de groep (100)', line: GROUP_COMPARISON_CLASSES.median },
    { label: `${input.municipality}, met 95%-interval`, symbol: { shape: 'circle', className: GROUP_COMPARISON_CLASSES.own, r: 5 } },
    { label: 'Nederland', symbol: { shape: 'diamond', className: GROUP_COMPARISON_CLASSES.netherlands, r: 5 } },
  ];
  return renderPlot({
    idPrefix: input.idPrefix,
    title: input.title,
    description: describe(input.municipality, rows),
    legend,
    plot: {
      width: input.width ?? CHART_WIDTH,
      height: MARGIN_TOP + Math.max(rows.length, 1) * ROW_HEIGHT + MARGIN_BOTTOM,
      marginTop: MARGIN_TOP,
      marginBottom: MARGIN_BOTTOM,
      marginLeft: marginForLabels(rows.map((row) => row.label)),
      marginRight: 16,
      x: { type: 'linear', domain: [ticks[0] as number, ticks.at(-1) as number] },
      y: { type: 'band', domain: indices, padding: 0.3 },
      marks: [
        Plot.gridX({ ticks, className: GROUP_COMPARISON_CLASSES.grid }),
        Plot.axisX({
          ticks,
          tickFormat: formatNumber,
          label: 'index, mediaan van de groep = 100',
          labelAnchor: 'right',
          labelArrow: 'none',
          className: GROUP_COMPARISON_CLASSES.axis,
        }),
        Plot.axisY({
          ticks: indices,
          tickFormat: (index: number) => rows[index]?.label ?? '',
          tickSize: 0,
          label: null,
          className: GROUP_COMPARISON_CLASSES.axis,
        }),
        Plot.barX(rows, { x1: 'low', x2: 'high', y: 'index', className: GROUP_COMPARISON_CLASSES.band }),
        Plot.ruleX([100], { className: GROUP_COMPARISON_CLASSES.median }),
        Plot.ruleY(rows, { y: 'index', x1: 'ownLow', x2: 'ownHigh', className: GROUP_COMPARISON_CLASSES.interval }),
        Plot.dot(
          rows.filter((row) => row.netherlands !== null),
          { x: 'netherlands', y: 'index', r: 5, symbol: 'diamond', className: GROUP_COMPARISON_CLASSES.netherlands },
        ),
        Plot.dot(rows, { x: 'own', y: 'index', r: 5, symbol: 'circle', className: GROUP_COMPARISON_CLASSES.own }),
      ],
    },
  });
}

function describe(municipality: string, rows: { label: string; own: number; ownLow: number; ownHigh: number }[]): string {
  if (rows.length === 0) return 'Geen thema met cijfers om te vergelijken.';
  const above = rows.filter((row) => row.ownLow > 100).map((row) => row.label);
  const below = rows.filter((row) => row.ownHigh < 100).map((row) => row.label);
  const parts = [`${rows.length} ${rows.length === 1 ? 'thema' : "thema's"} als index van de mediaan van de groep`];
  parts.push(above.length > 0 ? `${municipality} duidelijk hoger bij ${above.join(', ')}` : `${municipality} nergens duidelijk hoger`);
  parts.push(below.length > 0 ? `duidelijk lager bij ${below.join(', ')}` : 'nergens duidelijk lager');
  return `${parts.join('; ')}.`;
}
