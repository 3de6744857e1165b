/**
 * A chart drawn twice from the same figures: at CHART_WIDTH for wide screens
 * and at NARROW_CHART_WIDTH for phones, where the same font size in fewer SVG
 * units keeps its text at 12 px or more. koers-charts.css shows one of the two
 * (the wide one in print); the other is not displayed, so it is not read out.
 */
import { raw } from 'hono/html';
import { CHART_WIDTH, NARROW_CHART_WIDTH } from './render-plot.js';

/** `render` draws the chart at a width, with this suffix on its id prefix so both variants' ids stay unique. */
export function ResponsiveChart({ render }: { render: (width: number, idSuffix: string) => string }) {
  return (
    <>
      <div class="koers-chart-variant koers-chart-variant--wide">{raw(render(CHART_WIDTH, ''))}</div>
      <div class="koers-chart-variant koers-chart-variant--narrow">{raw(render(NARROW_CHART_WIDTH, '-smal'))}</div>
    </>
  );
}
