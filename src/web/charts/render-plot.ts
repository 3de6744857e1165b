/**
 * The one place where charts become SVG: Observable Plot draws into a linkedom
 * document on the server, and the result is made fit for a page under a strict
 * Content-Security-Policy (no <style> element, no style attribute, no script or
 * event attribute), gets a Dutch <title>, <desc> and legend, and deterministic ids.
 * Colours and line styles live in src/web/assets/koers-charts.css, keyed on the
 * class names set here and in the chart modules.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';
import { formatNumber } from '../format.js';

/** Class on every chart's <svg>; koers-charts.css scopes all its rules under it. */
export const CHART_CLASS = 'koers-chart';

/** Font size in SVG units; layout estimates below (margins, legend) assume it. */
export const CHART_FONT_SIZE = 12;

/** The width of a chart in SVG units on a wide screen. */
export const CHART_WIDTH = 640;
/**
 * The width of a chart's phone variant: shown 320 px or wider (a phone of 360
 * px and up, less the page's margins), its text is at least CHART_FONT_SIZE px.
 */
export const NARROW_CHART_WIDTH = 320;
/** A generous average glyph width at CHART_FONT_SIZE, for estimating text widths without a browser. */
const CHAR_WIDTH = CHART_FONT_SIZE * 0.6;

const SVG_NS = 'http://www.w3.org/2000/svg';
const ID_PREFIX = /^[A-Za-z][A-Za-z0-9_-]*$/;
const DROPPED_ELEMENTS = new Set(['style', 'script', 'foreignobject', 'iframe', 'object', 'embed', 'image']);

export type SymbolShape = 'circle' | 'square' | 'diamond' | 'triangle';

export interface LegendItem {
  label: string;
  /** Class of a short line sample; the same class as the series' line mark, so the CSS draws both alike. */
  line?: string;
  /** A symbol sample, drawn over the line sample if there is one. */
  symbol?: { shape: SymbolShape; className: string; r: number };
  /** Class of a filled rectangle sample (bands, bars). */
  swatch?: string;
  /** A short text as the sample, for marks that are text themselves ('n.b.'). */
  text?: { content: string; className: string };
}

export interface ChartSpec {
  /** Prefix for every id in the SVG; must be unique on the page. */
  idPrefix: string;
  title: string;
  /** One Dutch sentence that says what the chart shows, read out with the title. */
  description: string;
  /** Plot options; document, className, figure and style are set here. */
  plot: Omit<Plot.PlotOptions, 'document' | 'className' | 'figure' | 'style'>;
  legend?: readonly LegendItem[];
}

const LEGEND_ROW_HEIGHT = 20;
const LEGEND_SAMPLE_WIDTH = 26;
const LEGEND_GAP = 18;

let serverDocument: Document | undefined;

function chartDocument(): Document {
  serverDocument ??= parseHTML('<!DOCTYPE html><html lang="nl"><head></head><body></body></html>').document;
  return serverDocument;
}

/** Renders a chart to an SVG string that is safe to put in a page as is. */
export function renderPlot(spec: ChartSpec): string {
  if (!ID_PREFIX.test(spec.idPrefix)) throw new RangeError(`ongeldig id-voorvoegsel voor een grafiek: ${spec.idPrefix}`);
  const document = chartDocument();
  const width = spec.plot.width ?? 640;
  const svg = Plot.plot({ ...spec.plot, width, document, className: CHART_CLASS, figure: false, style: null }) as unknown as Element;
  if (svg.tagName.toLowerCase() !== 'svg') throw new Error('Plot gaf geen <svg> terug');
  sanitize(svg);
  renumberIds(svg, spec.idPrefix);
  if (spec.legend?.length) addLegend(document, svg, layoutLegend(spec.legend, width - 8));
  svg.setAttribute('font-size', String(CHART_FONT_SIZE));
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-labelledby', `${spec.idPrefix}-title ${spec.idPrefix}-desc`);
  const desc = svgElement(document, 'desc', { id: `${spec.idPrefix}-desc` });
  desc.textContent = spec.description;
  const title = svgElement(document, 'title', { id: `${spec.idPrefix}-title` });
  title.textContent = spec.title;
  svg.insertBefore(desc, svg.firstChild);
  svg.insertBefore(title, desc);
  return svg.outerHTML;
}

/**
 * Drops what a strict CSP would block or what could run or load something; Plot's
 * own ARIA labels go too (English, and hidden behind role="img" anyway), and so does
 * its font-family, so the chart takes the page's font.
 */
function sanitize(svg: Element): void {
  for (const element of [...svg.querySelectorAll('*')]) {
    const name = element.tagName.toLowerCase();
    if (DROPPED_ELEMENTS.has(name)) element.remove();
    // Plot wraps marks with an href in <a>; keep the marks, drop the link.
    else if (name === 'a') element.replaceWith(...element.childNodes);
  }
  for (const element of [svg, ...svg.querySelectorAll('*')]) {
    for (const name of element.getAttributeNames()) {
      const lower = name.toLowerCase();
      const value = element.getAttribute(name) ?? '';
      if (
        lower === 'style' ||
        lower.startsWith('on') ||
        lower === 'aria-label' ||
        lower === 'aria-description' ||
        lower === 'font-family' ||
        (lower.endsWith('href') && !value.startsWith('#')) ||
        /javascript:/i.test(value)
      ) {
        element.removeAttribute(name);
      }
    }
  }
}

/** Plot numbers its clip paths and markers with a global counter; give them ids from the prefix, in document order. */
function renumberIds(svg: Element, idPrefix: string): void {
  const renamed = new Map<string, string>();
  for (const element of svg.querySelectorAll('[id]')) {
    const id = `${idPrefix}-ref-${renamed.size + 1}`;
    renamed.set(element.getAttribute('id') ?? '', id);
    element.setAttribute('id', id);
  }
  if (renamed.size === 0) return;
  for (const element of svg.querySelectorAll('*')) {
    for (const name of element.getAttributeNames()) {
      const value = element.getAttribute(name) ?? '';
      if (!value.includes('#')) continue;
      const next = value.replace(/#([^\s)"']+)/g, (whole, id: string) => (renamed.has(id) ? `#${renamed.get(id)}` : whole));
      if (next !== value) element.setAttribute(name, next);
    }
  }
}

interface LegendLayout {
  height: number;
  items: { item: LegendItem; x: number; y: number }[];
}

/** Lays the legend out in rows above the plot, wrapping when a row would run past the chart's width. */
function layoutLegend(items: readonly LegendItem[], width: number): LegendLayout {
  const placed: LegendLayout['items'] = [];
  let x = 0;
  let row = 0;
  for (const item of items) {
    const itemWidth = LEGEND_SAMPLE_WIDTH + 6 + estimateTextWidth(item.label);
    if (x > 0 && x + itemWidth > width) {
      row += 1;
      x = 0;
    }
    placed.push({ item, x, y: row * LEGEND_ROW_HEIGHT + LEGEND_ROW_HEIGHT / 2 });
    x += itemWidth + LEGEND_GAP;
  }
  return { height: (row + 1) * LEGEND_ROW_HEIGHT + 4, items: placed };
}

/** Moves the plot down and puts the legend in the room above it, clear of Plot's axis labels. */
function addLegend(document: Document, svg: Element, layout: LegendLayout): void {
  const plot = svgElement(document, 'g', { class: `${CHART_CLASS}__plot`, transform: `translate(0,${layout.height})` });
  while (svg.firstChild) plot.appendChild(svg.firstChild);
  svg.appendChild(renderLegend(document, layout));
  svg.appendChild(plot);
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height')) + layout.height;
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
}

function renderLegend(document: Document, layout: LegendLayout): Element {
  const group = svgElement(document, 'g', { class: `${CHART_CLASS}__legend`, 'text-anchor': 'start', transform: 'translate(4,2)' });
  for (const { item, x, y } of layout.items) {
    const entry = svgElement(document, 'g', { class: `${CHART_CLASS}__legend-item`, transform: `translate(${x},${y})` });
    if (item.swatch)
      entry.appendChild(svgElement(document, 'rect', { class: item.swatch, x: 2, y: -6, width: LEGEND_SAMPLE_WIDTH - 4, height: 12 }));
    if (item.line) entry.appendChild(svgElement(document, 'line', { class: item.line, x1: 0, x2: LEGEND_SAMPLE_WIDTH, y1: 0, y2: 0 }));
    if (item.symbol) {
      const { shape, className, r } = item.symbol;
      entry.appendChild(
        svgElement(document, 'path', { class: className, d: symbolPath(shape, r), transform: `translate(${LEGEND_SAMPLE_WIDTH / 2},0)` }),
      );
    }
    if (item.text) {
      const sample = svgElement(document, 'text', { class: item.text.className, x: 0, y: '0.32em' });
      sample.textContent = item.text.content;
      entry.appendChild(sample);
    }
    const label = svgElement(document, 'text', { class: `${CHART_CLASS}__legend-label`, x: LEGEND_SAMPLE_WIDTH + 6, y: '0.32em' });
    label.textContent = item.label;
    entry.appendChild(label);
    group.appendChild(entry);
  }
  return group;
}

function svgElement(document: Document, name: string, attributes: Record<string, string | number>): Element {
  const element = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) element.setAttribute(key, String(value));
  return element;
}

/**
 * The outline Plot (d3-shape) draws for a symbol of radius r, so legend samples
 * match the marks exactly: d3 sizes a symbol by its area, Plot passes π·r².
 */
export function symbolPath(shape: SymbolShape, r: number): string {
  const size = Math.PI * r * r;
  const n = (value: number) => String(Math.round(value * 1000) / 1000);
  switch (shape) {
    case 'circle':
      return `M${n(r)},0A${n(r)},${n(r)},0,1,1,${n(-r)},0A${n(r)},${n(r)},0,1,1,${n(r)},0`;
    case 'square': {
      const w = Math.sqrt(size);
      return `M${n(-w / 2)},${n(-w / 2)}h${n(w)}v${n(w)}h${n(-w)}Z`;
    }
    case 'diamond': {
      const tan30 = Math.sqrt(1 / 3);
      const y = Math.sqrt(size / (tan30 * 2));
      const x = y * tan30;
      return `M0,${n(-y)}L${n(x)},0L0,${n(y)}L${n(-x)},0Z`;
    }
    case 'triangle': {
      const sqrt3 = Math.sqrt(3);
      const y = -Math.sqrt(size / (sqrt3 * 3));
      return `M0,${n(y * 2)}L${n(-sqrt3 * y)},${n(-y)}L${n(sqrt3 * y)},${n(-y)}Z`;
    }
  }
}

export function estimateTextWidth(text: string): number {
  return Math.ceil(text.length * CHAR_WIDTH);
}

/**
 * Round tick values (steps of 1, 2 or 5 times a power of ten) covering [min, max];
 * with integersOnly the step is at least 1, so counts never get a tick like 2,5.
 */
export function niceTicks(min: number, max: number, count: number, integersOnly = false): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max))) return [0, 1];
  if (max < min) [min, max] = [max, min];
  if (max === min) {
    const pad = Math.abs(max) > 0 ? Math.abs(max) * 0.1 : 1;
    min -= pad;
    max += pad;
  }
  const rough = (max - min) / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(rough));
  const error = rough / power;
  let step = (error >= 7.07 ? 10 : error >= 3.16 ? 5 : error >= 1.41 ? 2 : 1) * power;
  if (integersOnly) step = Math.max(1, Math.round(step));
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  const start = Math.floor(min / step + 1e-9);
  const stop = Math.ceil(max / step - 1e-9);
  const ticks: number[] = [];
  for (let i = start; i <= stop; i += 1) ticks.push(Number((i * step).toFixed(decimals)) + 0);
  return ticks;
}

/** Left margin that fits the longest y tick label, the tick itself and a little air. */
export function marginForLabels(labels: readonly string[]): number {
  return 14 + Math.max(0, ...labels.map(estimateTextWidth));
}

/** A value as its label shows it: nl-NL digits, a percent sign only for percentages. */
export function formatChartValue(value: number, unitLabel: string): string {
  return unitLabel.trim() === '%' ? `${formatNumber(value)}%` : formatNumber(value);
}
