/**
 * The indicators of each plan by status as stacked horizontal bars: one bar
 * per plan, one part per status in a fixed order, each part with its number
 * written in it where it fits. The legend names every status; the table
 * beside the chart gives the same numbers.
 */
import * as Plot from '@observablehq/plot';
import type { IndicatorStatus } from '../../../domain/indicator-status.js';
import { CHART_CLASS, CHART_WIDTH, estimateTextWidth, marginForLabels, niceTicks, renderPlot } from '../../../web/charts/render-plot.js';
import { formatNumber } from '../../../web/format.js';

export interface StatusChartInput {
  idPrefix: string;
  width?: number;
  title: string;
  statuses: readonly IndicatorStatus[];
  statusLabel: (status: IndicatorStatus) => string;
  plans: { label: string; counts: { status: IndicatorStatus; count: number }[] }[];
  axisLabel: string;
}

/** The class of a status's part, shared by the bar and its legend sample (koers-region.css colours them). */
export const statusPartClass = (status: IndicatorStatus) => `region-status-part region-status-part--${status.replace('_', '-')}`;

const ROW_HEIGHT = 30;
const MARGIN_TOP = 8;
const MARGIN_BOTTOM = 44;

export function renderStatusChart(input: StatusChartInput): string {
  const width = input.width ?? CHART_WIDTH;
  const labels = input.plans.map((plan) => plan.label);
  const parts = input.plans.flatMap((plan, index) => {
    let x = 0;
    return input.statuses.map((status) => {
      const count = plan.counts.find((entry) => entry.status === status)?.count ?? 0;
      const part = { index, status, x1: x, x2: x + count, count };
      x += count;
      return part;
    });
  });
  const shown = parts.filter((part) => part.count > 0);
  const most = Math.max(1, ...input.plans.map((plan) => plan.counts.reduce((sum, entry) => sum + entry.count, 0)));
  const margin = Math.min(marginForLabels(labels), width / 2);
  const ticks = niceTicks(0, most, Math.max(2, Math.min(5, Math.floor((width - margin - 20) / 40))), true);
  const scale = (width - margin - 20) / (ticks[ticks.length - 1] ?? most);
  const fits = (part: { count: number }) => part.count * scale >= estimateTextWidth(formatNumber(part.count)) + 4;
  const indices = input.plans.map((_, index) => index);
  return renderPlot({
    idPrefix: input.idPrefix,
    title: input.title,
    description: describe(input),
    legend: input.statuses.map((status) => ({ label: input.statusLabel(status), swatch: statusPartClass(status) })),
    plot: {
      width,
      height: MARGIN_TOP + Math.max(1, input.plans.length) * ROW_HEIGHT + MARGIN_BOTTOM,
      marginTop: MARGIN_TOP,
      marginBottom: MARGIN_BOTTOM,
      marginLeft: margin,
      marginRight: 20,
      x: { type: 'linear', domain: [0, ticks[ticks.length - 1] ?? most] },
      y: { type: 'band', domain: indices, padding: 0.25 },
      marks: [
        Plot.gridX({ ticks, className: `${CHART_CLASS}__grid` }),
        Plot.axisX({
          ticks,
          tickFormat: formatNumber,
          label: input.axisLabel,
          labelAnchor: 'right',
          labelArrow: 'none',
          className: `${CHART_CLASS}__axis`,
        }),
        Plot.axisY({
          ticks: indices,
          tickFormat: (index: number) => shorten(labels[index] ?? '', margin),
          tickSize: 0,
          label: null,
          className: `${CHART_CLASS}__axis`,
        }),
        ...input.statuses.map((status) =>
          Plot.barX(
            shown.filter((part) => part.status === status),
            { x1: 'x1', x2: 'x2', y: 'index', className: statusPartClass(status) },
          ),
        ),
        Plot.text(shown.filter(fits), {
          x: (part: { x1: number; x2: number }) => (part.x1 + part.x2) / 2,
          y: 'index',
          text: (part: { count: number }) => formatNumber(part.count),
          className: 'region-status-count',
        }),
      ],
    },
  });
}

/** A label that would not fit the left margin, cut with an ellipsis (the table gives it whole). */
function shorten(label: string, room: number): string {
  if (estimateTextWidth(label) + 14 <= room) return label;
  let cut = label;
  while (cut.length > 1 && estimateTextWidth(`${cut}…`) + 14 > room) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}…`;
}

function describe(input: StatusChartInput): string {
  if (input.plans.length === 0) return 'Geen plannen.';
  return `${input.plans
    .map((plan) => {
      const named = plan.counts
        .filter((entry) => entry.count > 0)
        .map((entry) => `${entry.count} ${input.statusLabel(entry.status).toLowerCase()}`);
      return `${plan.label}: ${named.length > 0 ? named.join(', ') : 'geen indicatoren'}`;
    })
    .join('; ')}.`;
}
