/** The shared renderer: sanitising for the CSP, title and desc, deterministic ids, legend and tick helpers. */
import * as Plot from '@observablehq/plot';
import { describe, expect, it } from 'vitest';
import { niceTicks, renderPlot, symbolPath } from './render-plot.js';
import { expectAccessibleSafeSvg, parseSvg } from './test-helpers.js';

const data = [
  { x: 1, y: 2 },
  { x: 2, y: 3 },
];

describe('renderPlot', () => {
  it('returns one accessible <svg> with a title and desc it is labelled by', () => {
    const markup = renderPlot({
      idPrefix: 'c1',
      title: 'Titel',
      description: 'Een zin.',
      plot: { marks: [Plot.line(data, { x: 'x', y: 'y' })] },
    });
    const svg = expectAccessibleSafeSvg(markup, 'c1');
    expect(svg.querySelector('title')?.textContent).toBe('Titel');
    expect(svg.querySelector('desc')?.textContent).toBe('Een zin.');
  });

  it('strips style elements, style attributes, scripts, event attributes and foreign links', () => {
    const markup = renderPlot({
      idPrefix: 'c2',
      title: 't',
      description: 'd',
      plot: {
        marks: [
          Plot.dot(data, {
            x: 'x',
            y: 'y',
            href: () => 'javascript:alert(1)',
            render: (index, scales, values, dimensions, context, next) => {
              const g = next!(index, scales, values, dimensions, context)!;
              g.setAttribute('onclick', 'alert(1)');
              g.setAttribute('style', 'fill: red');
              const script = context.document.createElementNS('http://www.w3.org/2000/svg', 'script');
              script.textContent = 'alert(1)';
              g.appendChild(script);
              return g;
            },
          }),
        ],
      },
    });
    expectAccessibleSafeSvg(markup, 'c2');
    expect(markup).not.toContain('javascript:');
    expect(markup).not.toContain('<a');
    // The dots survive the removal of their links.
    expect(parseSvg(markup).querySelectorAll('circle')).toHaveLength(2);
  });

  it('escapes < & and " in the title and description', () => {
    const markup = renderPlot({
      idPrefix: 'c3',
      title: 'A < B & "C"</title><script>x</script>',
      description: '1 < 2 & 3',
      plot: { marks: [] },
    });
    expect(markup).toContain('<title id="c3-title">A &lt; B &amp; "C"&lt;/title&gt;&lt;script&gt;x&lt;/script&gt;</title>');
    expect(markup).toContain('<desc id="c3-desc">1 &lt; 2 &amp; 3</desc>');
    expect(parseSvg(markup).querySelector('title')?.textContent).toBe('A < B & "C"</title><script>x</script>');
  });

  it('gives Plot-generated ids (clip paths) ids from the prefix, the same on every render', () => {
    const spec = { idPrefix: 'c4', title: 't', description: 'd', plot: { marks: [Plot.line(data, { x: 'x', y: 'y', clip: true })] } };
    const first = renderPlot(spec);
    const second = renderPlot(spec);
    expect(second).toBe(first);
    expect(first).toContain('<clipPath id="c4-ref-1"');
    expect(first).toContain('clip-path="url(#c4-ref-1)"');
    expect(first).not.toContain('plot-clip');
    expectAccessibleSafeSvg(first, 'c4');
  });

  it('refuses an id prefix that is not a plain identifier', () => {
    expect(() => renderPlot({ idPrefix: 'a b"', title: 't', description: 'd', plot: { marks: [] } })).toThrow(RangeError);
  });

  it('draws the legend inside the SVG as text, above the plot, with samples carrying the series classes', () => {
    const markup = renderPlot({
      idPrefix: 'c5',
      title: 't',
      description: 'd',
      plot: { height: 200, marks: [Plot.line(data, { x: 'x', y: 'y', className: 'koers-chart__measured' })] },
      legend: [
        { label: 'gemeten', line: 'koers-chart__measured', symbol: { shape: 'circle', className: 'koers-chart__measured-dot', r: 3 } },
        { label: 'band', swatch: 'koers-chart__band' },
      ],
    });
    const svg = parseSvg(markup);
    expect([...svg.querySelectorAll('.koers-chart__legend-label')].map((t) => t.textContent)).toEqual(['gemeten', 'band']);
    expect(svg.querySelector('.koers-chart__legend line.koers-chart__measured')).not.toBeNull();
    expect(svg.querySelector('.koers-chart__legend rect.koers-chart__band')).not.toBeNull();
    expect(svg.querySelector('g.koers-chart__plot')?.getAttribute('transform')).toBe('translate(0,24)');
    expect(svg.getAttribute('height')).toBe('224');
    expect(svg.getAttribute('viewBox')).toBe('0 0 640 224');
  });

  it('draws legend symbols exactly as Plot draws the marks', () => {
    for (const shape of ['square', 'diamond', 'triangle'] as const) {
      const markup = renderPlot({
        idPrefix: 'c6',
        title: 't',
        description: 'd',
        plot: { marks: [Plot.dot([{ x: 0, y: 0 }], { x: 'x', y: 'y', r: 6, symbol: shape })] },
      });
      const d = parseSvg(markup).querySelector('path[transform]:not([d^="M0,0L"])')?.getAttribute('d');
      expect(d).toBe(symbolPath(shape, 6));
    }
  });
});

describe('niceTicks', () => {
  it('covers the range with round steps', () => {
    expect(niceTicks(0, 33, 5)).toEqual([0, 5, 10, 15, 20, 25, 30, 35]);
    expect(niceTicks(6.8, 7.6, 5)).toEqual([6.8, 7, 7.2, 7.4, 7.6]);
  });

  it('keeps whole-number data on whole-number ticks', () => {
    expect(niceTicks(0, 3, 5, true)).toEqual([0, 1, 2, 3]);
  });

  it('opens up a range of one value', () => {
    expect(niceTicks(5, 5, 5).length).toBeGreaterThan(1);
  });
});
