/**
 * The charts of a report, for the page and for documents. The page styles a
 * chart with koers-charts.css; a document (PDF, DOCX, ODT) takes the SVG on
 * its own, so `standaloneSvg` writes those styles onto the elements as
 * presentation attributes, with the theme's colours and the embedded font.
 * Signs the embedded font lacks (≤, ≥) are written as words.
 */
import { parseHTML } from 'linkedom';
import { pathLine } from '../../../domain/indicator-status.js';
import { renderIndicatorChart } from '../../../web/charts/indicator-chart.js';
import { CHART_WIDTH, NARROW_CHART_WIDTH } from '../../../web/charts/render-plot.js';
import { type ReportIndicator, statusInWords } from '../report-model.js';
import { FONT_FAMILY } from './fonts.js';

export const CHART_COLOURS = { text: '#001a40', series: '#5115ef', reference: '#001a40', grid: '#c0c7d2', background: '#ffffff' };

export interface ReportChart {
  /** The SVG as the page shows it (styled by the page's CSS), for wide screens, print and documents. */
  svg: string;
  /** The same chart in fewer SVG units, for phones. */
  narrowSvg: string;
  title: string;
  /** The chart in words: its text alternative. */
  description: string;
}

export function indicatorChart(indicator: ReportIndicator, idPrefix: string): ReportChart {
  const measurements = indicator.values.flatMap((entry) => (entry.value === null ? [] : [{ year: entry.year, value: entry.value }]));
  const title = `${indicator.name} (${indicator.unit})`;
  const render = (width: number, suffix: string) =>
    renderIndicatorChart({
      idPrefix: `${idPrefix}${suffix}`,
      width,
      title,
      unitLabel: indicator.unit,
      baseline: indicator.baseline,
      target: indicator.target,
      measurements,
      path: pathLine(indicator.baseline, indicator.target),
      projection: null,
      projectionReliable: false,
    });
  const svg = render(CHART_WIDTH, '');
  const description = chartDescription(svg) || `${title}: ${statusInWords(indicator.status)}`;
  return { svg, narrowSvg: render(NARROW_CHART_WIDTH, '-smal'), title, description };
}

function chartDescription(svg: string): string {
  return /<desc[^>]*>([\s\S]*?)<\/desc>/.exec(svg)?.[1]?.replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>') ?? '';
}

type Attributes = Record<string, string>;

const { text, series, reference, grid, background } = CHART_COLOURS;

/** koers-charts.css, as attributes, for the classes a report's charts use. */
const CLASS_ATTRIBUTES: Record<string, Attributes> = {
  'koers-chart__grid': { stroke: grid, 'stroke-opacity': '1' },
  'koers-chart__axis': { fill: text, stroke: text },
  'koers-chart__legend-label': { fill: text },
  'koers-chart__measured': { fill: 'none', stroke: series, 'stroke-width': '2.5', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' },
  'koers-chart__measured-dot': { fill: series, stroke: background, 'stroke-width': '1.5' },
  'koers-chart__baseline': { fill: background, stroke: reference, 'stroke-width': '2' },
  'koers-chart__target': { fill: reference, stroke: background, 'stroke-width': '1.5' },
  'koers-chart__target-label': { fill: reference, 'font-weight': 'bold' },
  'koers-chart__path': { fill: 'none', stroke: reference, 'stroke-dasharray': '8 5', 'stroke-width': '1.5' },
  'koers-chart__bar': { fill: series },
  'koers-chart__area-bar': { fill: series },
  'koers-chart__value-label': { fill: text },
  'koers-chart__suppressed': { fill: text, 'font-style': 'italic' },
  'koers-chart__series-1': { fill: 'none', stroke: series, 'stroke-width': '2' },
  'koers-chart__series-2': { fill: 'none', stroke: reference, 'stroke-width': '2', 'stroke-dasharray': '8 4' },
  'koers-chart__series-3': { fill: 'none', stroke: series, 'stroke-width': '2', 'stroke-dasharray': '2 4', 'stroke-linecap': 'round' },
  'koers-chart__series-4': { fill: 'none', stroke: reference, 'stroke-width': '2', 'stroke-dasharray': '12 4 2 4' },
  'koers-chart__series-dot-1': { fill: series, stroke: background, 'stroke-width': '1' },
  'koers-chart__series-dot-2': { fill: reference, stroke: background, 'stroke-width': '1' },
  'koers-chart__series-dot-3': { fill: series, stroke: background, 'stroke-width': '1' },
  'koers-chart__series-dot-4': { fill: reference, stroke: background, 'stroke-width': '1' },
};

/** The chart as an SVG that carries its own styles and font, without title and description (the document gives those). */
export function standaloneSvg(svg: string): string {
  const { document } = parseHTML(`<!DOCTYPE html><html><body>${svg}</body></html>`);
  const root = document.querySelector('svg');
  if (!root) throw new Error('geen SVG');
  root.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  root.setAttribute('font-family', FONT_FAMILY);
  root.setAttribute('fill', text);
  root.removeAttribute('class');
  root.removeAttribute('role');
  root.removeAttribute('aria-labelledby');
  for (const element of [...root.querySelectorAll('title, desc')]) element.remove();
  for (const element of [...root.querySelectorAll('*')]) {
    for (const className of (element.getAttribute('class') ?? '').split(/\s+/)) {
      for (const [name, value] of Object.entries(CLASS_ATTRIBUTES[className] ?? {})) element.setAttribute(name, value);
    }
    element.removeAttribute('class');
    for (const name of ['fill', 'stroke']) {
      if (element.getAttribute(name) === 'currentColor') element.setAttribute(name, text);
    }
  }
  // An axis group sets a stroke for its ticks; no text is outlined.
  for (const label of [...root.querySelectorAll('text')]) {
    label.setAttribute('stroke', 'none');
    label.textContent = (label.textContent ?? '').replace(/≤/g, 'max.').replace(/≥/g, 'min.');
  }
  return root.outerHTML;
}

/** The width and height of an SVG's viewBox. */
export function svgSize(svg: string): [number, number] {
  const match = /viewBox="\s*[-\d.]+\s+[-\d.]+\s+([\d.]+)\s+([\d.]+)"/.exec(svg);
  return match ? [Number(match[1]), Number(match[2])] : [640, 360];
}
