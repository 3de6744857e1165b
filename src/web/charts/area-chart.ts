/**
 * One figure per row (a wijk, or a year and kind of budget) as horizontal bars, in the order the page gives, with the
 * value written at the end of each bar. A figure withheld to protect privacy
 * (null) gets no bar but the word 'afgeschermd', so it never reads as 0.
 */
import * as Plot from '@observablehq/plot';
import { formatNumber } from '../format.js';
import { CHART_CLASS, CHART_WIDTH, estimateTextWidth, formatChartValue, marginForLabels, niceTicks, renderPlot } from './render-plot.js';

export interface AreaChartInput {
  idPrefix: string;
  /** Width in SVG units: CHART_WIDTH (the default) or NARROW_CHART_WIDTH for phones. */
  width?: number;
  title: string;
  areas: { name: string; value: number | null }[];
  unitLabel: string;
  /** What a row is, for the chart's description: wijk/wijken unless given. */
  noun?: { one: string; many: string };
}

export const AREA_CLASSES = {
  grid: `${CHART_CLASS}__grid`,
  axis: `${CHART_CLASS}__axis`,
  bar: `${CHART_CLASS}__area-bar`,
  valueLabel: `${CHART_CLASS}__value-label`,
  suppressed: `${CHART_CLASS}__suppressed`,
} as const;

export const SUPPRESSED_TEXT = 'afgeschermd';

const ROW_HEIGHT = 28;
const MARGIN_TOP = 8;
const MARGIN_BOTTOM = 44;
const LABEL_GAP = 6;

interface Row {
  index: number;
  name: string;
  value: number | null;
  label: string;
}

export function renderAreaChart(input: AreaChartInput): string {
  const rows: Row[] = input.areas.map((area, index) => {
    const value = area.value !== null && Number.isFinite(area.value) ? area.value : null;
    return { index, name: area.name, value, label: value === null ? SUPPRESSED_TEXT : formatChartValue(value, input.unitLabel) };
  });
  const shown = rows.filter((row): row is Row & { value: number } => row.value !== null);
  const values = shown.map((row) => row.value);
  const integers = values.every(Number.isInteger);
  const low = Math.min(0, ...values);
  const high = Math.max(0, ...values) || 1;
  // As many ticks as fit under the bars without their labels touching (large numbers on a phone: fewer).
  const labelRoom = estimateTextWidth(formatNumber(Math.max(Math.abs(low), Math.abs(high)))) + 16;
  const barsWidth = (input.width ?? CHART_WIDTH) - marginForLabels(rows.map((row) => row.name)) - 60;
  const xTicks = niceTicks(low, high, Math.max(2, Math.min(5, Math.floor(barsWidth / labelRoom))), integers);
  const indices = rows.map((row) => row.index);

  return renderPlot({
    idPrefix: input.idPrefix,
    title: input.title,
    description: describe(rows, input.unitLabel, input.noun ?? { one: 'wijk', many: 'wijken' }),
    plot: {
      width: input.width ?? CHART_WIDTH,
      height: MARGIN_TOP + Math.max(rows.length, 1) * ROW_HEIGHT + MARGIN_BOTTOM,
      marginTop: MARGIN_TOP,
      marginBottom: MARGIN_BOTTOM,
      marginLeft: marginForLabels(rows.map((row) => row.name)),
      // Room for the value written after the longest bar.
      marginRight: LABEL_GAP + 8 + Math.max(0, ...shown.map((row) => estimateTextWidth(row.label))),
      x: { type: 'linear', domain: [xTicks[0]!, xTicks[xTicks.length - 1]!] },
      y: { type: 'band', domain: indices, padding: 0.25 },
      marks: [
        Plot.gridX({ ticks: xTicks, className: AREA_CLASSES.grid }),
        Plot.axisX({
          ticks: xTicks,
          tickFormat: formatNumber,
          label: input.unitLabel,
          labelAnchor: 'right',
          labelArrow: 'none',
          className: AREA_CLASSES.axis,
        }),
        Plot.axisY({
          ticks: indices,
          tickFormat: (index: number) => rows[index]?.name ?? '',
          tickSize: 0,
          label: null,
          className: AREA_CLASSES.axis,
        }),
        Plot.barX(shown, { x: 'value', y: 'index', className: AREA_CLASSES.bar }),
        Plot.ruleX([0], { className: AREA_CLASSES.axis }),
        Plot.text(
          shown.filter((row) => row.value >= 0),
          { x: 'value', y: 'index', text: 'label', dx: LABEL_GAP, textAnchor: 'start', className: AREA_CLASSES.valueLabel },
        ),
        Plot.text(
          shown.filter((row) => row.value < 0),
          { x: 'value', y: 'index', text: 'label', dx: -LABEL_GAP, textAnchor: 'end', className: AREA_CLASSES.valueLabel },
        ),
        Plot.text(
          rows.filter((row) => row.value === null),
          { x: () => 0, y: 'index', text: 'label', dx: LABEL_GAP, textAnchor: 'start', className: AREA_CLASSES.suppressed },
        ),
      ],
    },
  });
}

function describe(rows: Row[], unitLabel: string, noun: { one: string; many: string }): string {
  const counted = (n: number) => (n === 1 ? `1 ${noun.one}` : `${n} ${noun.many}`);
  if (rows.length === 0) return `Geen ${noun.many}.`;
  const unit = unitLabel.trim() === '%' || unitLabel.trim() === '' ? '' : ` (${unitLabel})`;
  const shown = rows.filter((row) => row.value !== null);
  const parts = [`${counted(rows.length)}${unit}`];
  const highest = shown.reduce<Row | undefined>((best, row) => (best === undefined || row.value! > best.value! ? row : best), undefined);
  const lowest = shown.reduce<Row | undefined>((best, row) => (best === undefined || row.value! < best.value! ? row : best), undefined);
  if (highest && lowest && shown.length > 1) {
    parts.push(`hoogste ${highest.label} in ${highest.name}`, `laagste ${lowest.label} in ${lowest.name}`);
  } else if (highest) {
    parts.push(`${highest.label} in ${highest.name}`);
  }
  const suppressed = rows.length - shown.length;
  if (suppressed > 0) parts.push(`${counted(suppressed)} afgeschermd`);
  return `${parts.join('; ')}.`;
}
