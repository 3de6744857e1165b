/** The per-wijk chart: a bar and a Dutch value per wijk, 'afgeschermd' instead of a bar for a withheld figure. */
import { describe, expect, it } from 'vitest';
import { type AreaChartInput, renderAreaChart } from './area-chart.js';
import { descriptionOf, expectAccessibleSafeSvg, parseSvg, textsIn } from './test-helpers.js';

function wijken(overrides: Partial<AreaChartInput> = {}): AreaChartInput {
  return {
    idPrefix: 'area-1',
    title: 'Woninginbraken per wijk',
    unitLabel: 'per 1.000 inwoners',
    areas: [
      { name: 'Centrum', value: 12.3 },
      { name: 'Noord', value: null },
      { name: 'Zuid', value: 1234.5 },
      { name: 'West', value: 0 },
    ],
    ...overrides,
  };
}

describe('renderAreaChart', () => {
  it('renders one accessible, CSP-safe <svg>', () => {
    expectAccessibleSafeSvg(renderAreaChart(wijken()), 'area-1');
  });

  it('draws a bar per wijk with a figure and writes the value at its end in Dutch numbers', () => {
    const svg = parseSvg(renderAreaChart(wijken()));
    expect(svg.querySelectorAll('g.koers-chart__area-bar rect')).toHaveLength(3);
    expect(textsIn(svg, 'koers-chart__value-label')).toEqual(['12,3', '1.234,5', '0']);
  });

  it("shows a withheld figure as the word 'afgeschermd', not as a bar of 0", () => {
    const svg = parseSvg(renderAreaChart(wijken()));
    expect(textsIn(svg, 'koers-chart__suppressed')).toEqual(['afgeschermd']);
    expect(textsIn(svg, 'koers-chart__value-label')).not.toContain('afgeschermd');
  });

  it('names the wijken on the axis in the given order and the unit under it', () => {
    const svg = parseSvg(renderAreaChart(wijken()));
    const labels = textsIn(svg, 'koers-chart__axis');
    expect(labels.filter((label) => /^[A-Z]/.test(label))).toEqual(['Centrum', 'Noord', 'Zuid', 'West']);
    expect(labels).toContain('1.200');
    expect([...svg.querySelectorAll('text')].map((text) => text.textContent)).toContain('per 1.000 inwoners');
  });

  it('adds the percent sign to percentages', () => {
    const svg = parseSvg(renderAreaChart(wijken({ unitLabel: '%', areas: [{ name: 'Centrum', value: 3.5 }] })));
    expect(textsIn(svg, 'koers-chart__value-label')).toEqual(['3,5%']);
  });

  it('sums the chart up in one Dutch sentence', () => {
    expect(descriptionOf(parseSvg(renderAreaChart(wijken())))).toBe(
      '4 wijken (per 1.000 inwoners); hoogste 1.234,5 in Zuid; laagste 0 in West; 1 wijk afgeschermd.',
    );
  });

  it('copes with every figure withheld', () => {
    const svg = expectAccessibleSafeSvg(renderAreaChart(wijken({ areas: [{ name: 'Noord', value: null }] })), 'area-1');
    expect(svg.querySelector('g.koers-chart__area-bar')).toBeNull();
    expect(descriptionOf(svg)).toBe('1 wijk (per 1.000 inwoners); 1 wijk afgeschermd.');
  });

  it('escapes the title and the names of the wijken', () => {
    const markup = renderAreaChart(wijken({ title: 'Wijken < 5 & "x"', areas: [{ name: 'Noord & <Oost>', value: 1 }] }));
    expect(markup).toContain('<title id="area-1-title">Wijken &lt; 5 &amp; "x"</title>');
    expect(markup).toContain('>Noord &amp; &lt;Oost&gt;</text>');
    expect(markup).not.toContain('<Oost>');
  });

  it('is deterministic', () => {
    const first = renderAreaChart(wijken());
    renderAreaChart(wijken({ idPrefix: 'other' }));
    expect(renderAreaChart(wijken())).toBe(first);
  });
});
