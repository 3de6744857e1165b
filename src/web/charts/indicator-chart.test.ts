/** The indicator chart: series by class and pattern, whole-year ticks, a sensible value axis, Dutch text. */
import { describe, expect, it } from 'vitest';
import { type IndicatorChartInput, renderIndicatorChart, yearTicks } from './indicator-chart.js';
import { descriptionOf, expectAccessibleSafeSvg, parseSvg, textsIn } from './test-helpers.js';

const years = (from: number, values: number[]) => values.map((value, i) => ({ year: from + i, value }));

function burglaries(overrides: Partial<IndicatorChartInput> = {}): IndicatorChartInput {
  return {
    idPrefix: 'indicator-1',
    title: 'Woninginbraken',
    unitLabel: 'per 1.000 inwoners',
    baseline: { year: 2017, value: 30.5 },
    target: { comparison: 'at_most', year: 2022, value: 28 },
    measurements: years(2017, [30.5, 31.2, 30.1, 29.9, 29.8]),
    path: years(2017, [30.5, 30, 29.5, 29, 28.5, 28]),
    projection: years(2021, [29.8, 29.4]),
    projectionReliable: true,
    ...overrides,
  };
}

const axisTexts = (svg: Element) => textsIn(svg, 'koers-chart__axis');

describe('renderIndicatorChart', () => {
  it('renders one accessible, CSP-safe <svg>', () => {
    const svg = expectAccessibleSafeSvg(renderIndicatorChart(burglaries()), 'indicator-1');
    expect(svg.querySelector('title')?.textContent).toBe('Woninginbraken');
  });

  it('draws every series as its own classed mark', () => {
    const svg = parseSvg(renderIndicatorChart(burglaries()));
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__measured path')).toHaveLength(1);
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__measured-dot circle')).toHaveLength(5);
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__path path')).toHaveLength(1);
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__projection path')).toHaveLength(1);
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__baseline path')).toHaveLength(1);
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__target path')).toHaveLength(1);
    expect(textsIn(svg, 'koers-chart__target-label')).toEqual(['streefwaarde ≤ 28']);
  });

  it('names every series in a text legend inside the SVG', () => {
    const svg = parseSvg(renderIndicatorChart(burglaries()));
    expect(textsIn(svg, 'koers-chart__legend')).toEqual([
      'gemeten',
      'nulmeting',
      'streefwaarde',
      'rechte lijn naar streefwaarde',
      'prognose',
    ]);
    expect(svg.querySelector('.koers-chart__legend line.koers-chart__path')).not.toBeNull();
  });

  it('marks an unreliable projection as such, in class and in words', () => {
    const svg = parseSvg(renderIndicatorChart(burglaries({ projectionReliable: false })));
    expect(svg.querySelector('.koers-chart__plot g.koers-chart__projection')).toBeNull();
    expect(svg.querySelectorAll('.koers-chart__plot g.koers-chart__projection--unreliable path')).toHaveLength(1);
    expect(textsIn(svg, 'koers-chart__legend')).toContain('prognose (onzeker)');
    expect(descriptionOf(svg)).toContain('prognose 29,4 in 2022 (onzeker)');
  });

  it('leaves the projection out of plot and legend when there is none', () => {
    const svg = parseSvg(renderIndicatorChart(burglaries({ projection: null })));
    expect(svg.querySelector('[class^="koers-chart__projection"]')).toBeNull();
    expect(textsIn(svg, 'koers-chart__legend')).not.toContain('prognose');
  });

  it('continues a projection that starts after the last measurement from that measurement', () => {
    const svg = parseSvg(renderIndicatorChart(burglaries({ projection: years(2022, [29.1]) })));
    const d = svg.querySelector('g.koers-chart__projection path')?.getAttribute('d') ?? '';
    expect(d.match(/[ML]/g)).toHaveLength(2);
  });

  it('labels the x axis with whole years only', () => {
    const labels = axisTexts(parseSvg(renderIndicatorChart(burglaries())));
    const yearLabels = labels.filter((label) => /^\d{4}$/.test(label));
    expect(yearLabels).toEqual(['2017', '2018', '2019', '2020', '2021', '2022']);
    expect(labels.join(' ')).not.toMatch(/\d\.\d{3}|2,0\d\d/);
  });

  it('thins out year ticks over a long span, still whole years', () => {
    expect(yearTicks(2004, 2022)).toEqual([2004, 2006, 2008, 2010, 2012, 2014, 2016, 2018, 2020, 2022]);
    expect(yearTicks(2000, 2030)).toEqual([2000, 2005, 2010, 2015, 2020, 2025, 2030]);
    expect(yearTicks(2021, 2022)).toEqual([2021, 2022]);
  });

  it('handles a single year without fractional ticks', () => {
    const input = burglaries({
      baseline: { year: 2022, value: 10 },
      target: { comparison: 'at_least', year: 2022, value: 12 },
      measurements: [{ year: 2022, value: 10 }],
      path: [],
      projection: null,
    });
    const labels = axisTexts(parseSvg(renderIndicatorChart(input))).filter((label) => label.startsWith('20'));
    expect(labels).toEqual(['2021', '2022', '2023']);
  });

  it('starts the value axis at 0 for values near it, whole numbers for counts', () => {
    const input = burglaries({
      unitLabel: 'aantal',
      baseline: { year: 2018, value: 12 },
      target: { comparison: 'at_most', year: 2022, value: 5 },
      measurements: years(2018, [12, 9, 7]),
      path: years(2018, [12, 10, 9, 7, 5]),
      projection: null,
    });
    const labels = axisTexts(parseSvg(renderIndicatorChart(input)));
    expect(labels).toContain('0');
    expect(labels.filter((label) => label.includes(','))).toEqual([]);
  });

  it('spans only the values when all are far from 0, with Dutch decimals', () => {
    const grade = burglaries({
      unitLabel: 'rapportcijfer',
      baseline: { year: 2019, value: 6.8 },
      target: { comparison: 'at_least', year: 2023, value: 7.5 },
      measurements: years(2019, [6.8, 6.9, 7.1]),
      path: years(2019, [6.8, 6.975, 7.15, 7.325, 7.5]),
      projection: null,
    });
    const svg = parseSvg(renderIndicatorChart(grade));
    const labels = axisTexts(svg);
    expect(labels).not.toContain('0');
    expect(labels).toContain('7,2');
    expect([...svg.querySelectorAll('text')].map((text) => text.textContent)).toContain('rapportcijfer');
    expect(textsIn(svg, 'koers-chart__target-label')).toEqual(['streefwaarde ≥ 7,5']);
    expect(descriptionOf(svg)).toBe('Gemeten 2019 tot en met 2021; laatste waarde 7,1 in 2021; streefwaarde ten minste 7,5 in 2023.');
  });

  it('sums the chart up in one Dutch sentence', () => {
    const svg = parseSvg(renderIndicatorChart(burglaries({ projection: null })));
    expect(descriptionOf(svg)).toBe('Gemeten 2017 tot en met 2021; laatste waarde 29,8 in 2021; streefwaarde ten hoogste 28 in 2022.');
  });

  it('says so when nothing has been measured yet', () => {
    const svg = parseSvg(renderIndicatorChart(burglaries({ measurements: [], projection: null })));
    expect(descriptionOf(svg)).toBe('Nog geen metingen; nulmeting 30,5 in 2017; streefwaarde ten hoogste 28 in 2022.');
    expect(svg.querySelector('.koers-chart__plot g.koers-chart__measured-dot')).toBeNull();
  });

  it('writes percentages with their sign', () => {
    const input = burglaries({
      unitLabel: '%',
      baseline: { year: 2017, value: 10.5 },
      target: { comparison: 'at_most', year: 2022, value: 3 },
      measurements: years(2017, [10.5, 8.25]),
      path: years(2017, [10.5, 9, 7.5, 6, 4.5, 3]),
      projection: null,
    });
    const svg = parseSvg(renderIndicatorChart(input));
    expect(textsIn(svg, 'koers-chart__target-label')).toEqual(['streefwaarde ≤ 3%']);
    expect(descriptionOf(svg)).toBe('Gemeten 2017 tot en met 2018; laatste waarde 8,25% in 2018; streefwaarde ten hoogste 3% in 2022.');
  });

  it('escapes the title', () => {
    const markup = renderIndicatorChart(burglaries({ title: 'Overlast < 5 & "jeugd"' }));
    expect(markup).toContain('<title id="indicator-1-title">Overlast &lt; 5 &amp; "jeugd"</title>');
  });

  it('is deterministic, also with other charts rendered in between', () => {
    const first = renderIndicatorChart(burglaries());
    renderIndicatorChart(burglaries({ idPrefix: 'other', projectionReliable: false }));
    expect(renderIndicatorChart(burglaries())).toBe(first);
  });

  it('sorts measurements by year', () => {
    const shuffled = burglaries({ measurements: [...burglaries().measurements].reverse() });
    expect(renderIndicatorChart(shuffled)).toBe(renderIndicatorChart(burglaries()));
  });
});
