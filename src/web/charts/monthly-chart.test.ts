/** The monthly chart: band, values, months above the band by shape, gaps for missing months, Dutch month labels. */
import { describe, expect, it } from 'vitest';
import { type MonthlyChartRow, monthLabel, renderMonthlyChart } from './monthly-chart.js';
import { descriptionOf, expectAccessibleSafeSvg, parseSvg, textsIn } from './test-helpers.js';

/** 24 months from January 2023; month 6 (jun 2023) has no figure, jul 2023 and feb 2024 are above the band, oct 2023 has no band. */
function rows(overrides: (row: MonthlyChartRow, index: number) => Partial<MonthlyChartRow> = () => ({})): MonthlyChartRow[] {
  return Array.from({ length: 24 }, (_, index) => {
    const row: MonthlyChartRow = {
      year: 2023 + Math.floor(index / 12),
      month: (index % 12) + 1,
      value: index === 5 ? null : 40 + (index % 7) * 3,
      band: index === 9 ? null : { min: 35, max: 50 },
      aboveBand: index === 6 || index === 13,
    };
    return { ...row, ...overrides(row, index) };
  });
}

const render = (input: MonthlyChartRow[], idPrefix = 'monthly-1') =>
  renderMonthlyChart({ idPrefix, title: 'Inbraken per maand', rows: input });

describe('renderMonthlyChart', () => {
  it('renders one accessible, CSP-safe <svg>', () => {
    expectAccessibleSafeSvg(render(rows()), 'monthly-1');
  });

  it('shades the band of the three previous years for every month that has one', () => {
    const svg = parseSvg(render(rows()));
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__band rect')).toHaveLength(23);
  });

  it('marks months above the band with a triangle instead of a dot', () => {
    const svg = parseSvg(render(rows()));
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__above-band path')).toHaveLength(2);
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__value-dot circle')).toHaveLength(21);
    expect(textsIn(svg, 'koers-chart__legend')).toContain('boven de bandbreedte');
  });

  it('shows a month without a figure as a gap with n.b., never as 0', () => {
    const svg = parseSvg(render(rows()));
    const d = svg.querySelector('.koers-chart__plot g.koers-chart__value-line path')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).not.toContain('Z');
    expect(textsIn(svg, 'koers-chart__plot g.koers-chart__missing')).toEqual(['n.b.']);
    expect(textsIn(svg, 'koers-chart__legend')).toContain('geen cijfer bekend');
  });

  it('draws a real 0 as a point on the line', () => {
    const svg = parseSvg(render(rows((_, index) => (index === 5 ? { value: 0 } : {}))));
    const d = svg.querySelector('.koers-chart__plot g.koers-chart__value-line path')?.getAttribute('d') ?? '';
    expect(d.match(/M/g)).toHaveLength(1);
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__value-dot circle')).toHaveLength(22);
    expect(svg.querySelector('.koers-chart__missing')).toBeNull();
  });

  it('labels the quarters with Dutch short months and the year', () => {
    const labels = textsIn(parseSvg(render(rows())), 'koers-chart__axis').filter((label) => /[a-z]/.test(label));
    expect(labels).toEqual(['jan 2023', 'apr 2023', 'jul 2023', 'okt 2023', 'jan 2024', 'apr 2024', 'jul 2024', 'okt 2024']);
  });

  it('labels every month when there are a year or fewer', () => {
    const labels = textsIn(parseSvg(render(rows().slice(0, 3))), 'koers-chart__axis').filter((label) => /[a-z]/.test(label));
    expect(labels).toEqual(['jan 2023', 'feb 2023', 'mrt 2023']);
  });

  it('writes the value axis in Dutch numbers, on whole numbers for counts', () => {
    const big = rows((row) => ({ value: row.value === null ? null : row.value * 100, band: row.band && { min: 3500, max: 5000 } }));
    const labels = textsIn(parseSvg(render(big)), 'koers-chart__axis');
    expect(labels).toContain('1.000');
    expect(labels).not.toContain('1000');
  });

  it('sums the chart up in one Dutch sentence', () => {
    expect(descriptionOf(parseSvg(render(rows())))).toBe(
      'Maandcijfers jan 2023 tot en met dec 2024; laatste cijfer 46 in dec 2024; ' +
        '2 maanden boven de bandbreedte van de drie voorgaande jaren: jul 2023 en feb 2024; 1 maand zonder cijfer.',
    );
  });

  it('copes with no figures at all', () => {
    const empty = rows(() => ({ value: null, band: null, aboveBand: false }));
    const svg = expectAccessibleSafeSvg(render(empty), 'monthly-1');
    expect(textsIn(svg, 'koers-chart__plot g.koers-chart__missing')).toHaveLength(24);
    expect(descriptionOf(svg)).toContain('24 maanden zonder cijfer');
  });

  it('escapes the title', () => {
    const markup = renderMonthlyChart({ idPrefix: 'm2', title: 'Overlast < 5 & "jeugd"', rows: rows() });
    expect(markup).toContain('<title id="m2-title">Overlast &lt; 5 &amp; "jeugd"</title>');
  });

  it('is deterministic', () => {
    const first = render(rows());
    render(rows(), 'other');
    expect(render(rows())).toBe(first);
  });

  it('refuses a month outside 1 to 12', () => {
    expect(monthLabel(2024, 10)).toBe('okt 2024');
    expect(() => monthLabel(2024, 13)).toThrow(RangeError);
  });
});
