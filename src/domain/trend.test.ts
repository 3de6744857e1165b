import { describe, expect, it } from 'vitest';
import { studentT } from './statistics.js';
import { MINIMUM_YEARS, trendOf } from './trend.js';

const years = (first: number, counts: number[], populations?: number[]) =>
  counts.map((count, index) => ({ year: first + index, count, population: populations?.[index] ?? null }));

describe('trendOf', () => {
  it('finds the exact growth of 10% a year, with the interval and p of a Poisson fit (hand-computed)', () => {
    // 100, 110, 121, 133.1, 146.41: the fit is exact, so the dispersion is 1 and SE(slope)^2 = S0 / (S0 S2 - S1^2).
    const trend = trendOf(
      years(
        2016,
        [0, 1, 2, 3, 4].map((step) => 100 * 1.1 ** step),
      ),
    );
    expect(trend.kind).toBe('trend');
    if (trend.kind !== 'trend') return;
    expect(trend.yearlyChange).toBeCloseTo(0.1, 9);
    expect(trend.dispersion).toBe(1);
    expect(trend.interval[0]).toBeCloseTo(0.0037042428, 6);
    expect(trend.interval[1]).toBeCloseTo(0.2055344078, 6);
    expect(trend.pValue).toBeCloseTo(0.0453620547, 5);
    expect(trend.direction).toBe('rising');
    expect(trend).toMatchObject({ years: [2016, 2020], n: 5, perPopulation: false });
  });

  it('calls a swinging series no clear change, its variance scaled by the overdispersion (hand-computed)', () => {
    const trend = trendOf(years(2015, [50, 70, 45, 80, 55, 75]));
    if (trend.kind !== 'trend') throw new Error(trend.kind);
    expect(trend.dispersion).toBeCloseTo(3.4163270098, 6);
    expect(trend.yearlyChange).toBeCloseTo(Math.exp(0.0526612733) - 1, 8);
    const t = 0.0526612733 / 0.0560316212;
    expect(trend.pValue).toBeCloseTo(2 * (1 - studentT(t, 4)), 8);
    expect(trend.pValue).toBeGreaterThan(0.3);
    expect(trend.direction).toBe('no_clear_change');
    expect(trend.interval[0]).toBeLessThan(0);
    expect(trend.interval[1]).toBeGreaterThan(0);
  });

  it('finds a steady fall, and the trend of the rate when the population is given', () => {
    const falling = trendOf(years(2014, [120, 110, 100, 90, 80, 70, 60]));
    if (falling.kind !== 'trend') throw new Error(falling.kind);
    expect(falling.yearlyChange).toBeCloseTo(Math.exp(-0.1122733917) - 1, 8);
    expect(falling.pValue).toBeCloseTo(2 * (1 - studentT(0.1122733917 / 0.0202340762, 5)), 8);
    expect(falling.direction).toBe('falling');

    // The counts rise with the population: the rate does not.
    const rate = trendOf(years(2016, [30, 33, 36, 40, 44], [10000, 11000, 12000, 13333, 14667]));
    if (rate.kind !== 'trend') throw new Error(rate.kind);
    expect(rate.perPopulation).toBe(true);
    expect(rate.yearlyChange).toBeCloseTo(0, 5);
    expect(rate.direction).toBe('no_clear_change');
    const counts = trendOf(years(2016, [30, 33, 36, 40, 44]));
    expect(counts.kind === 'trend' && counts.yearlyChange).toBeGreaterThan(0.09);
  });

  it('needs five years with a count, and says when there is nothing to fit', () => {
    expect(trendOf(years(2019, [1, 2, 3, 4]))).toEqual({ kind: 'too_few_years', n: 4, needed: MINIMUM_YEARS });
    expect(trendOf([...years(2016, [5, 6, 7, 8]), { year: 2020, count: Number.NaN }])).toMatchObject({ kind: 'too_few_years', n: 4 });
    expect(trendOf(years(2016, [0, 0, 0, 0, 0]))).toEqual({ kind: 'no_counts', n: 5 });
    const someZeros = trendOf(years(2016, [0, 0, 1, 0, 2]));
    expect(someZeros.kind).toBe('trend');
  });

  it('reads the years in any order, and counts the rate only when every year has its population', () => {
    const shuffled = trendOf([
      { year: 2020, count: 146.41 },
      { year: 2016, count: 100 },
      { year: 2018, count: 121 },
      { year: 2017, count: 110 },
      { year: 2019, count: 133.1 },
    ]);
    expect(shuffled.kind === 'trend' && shuffled.yearlyChange).toBeCloseTo(0.1, 9);
    const partly = trendOf(years(2016, [30, 33, 36, 40, 44], [10000, 11000, 0, 13333, 14667]));
    expect(partly.kind === 'trend' && partly.perPopulation).toBe(false);
  });
});
