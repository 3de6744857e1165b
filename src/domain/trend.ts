/**
 * Is a series of yearly counts rising or falling, or is the change no more
 * than noise? The method, stated on every page that shows a trend:
 *
 * A log-linear (Poisson) regression of the counts on the year, with the
 * population as exposure when it is known (so the trend is that of the rate),
 * fitted by iteratively reweighted least squares. Counts of crime vary more
 * than a Poisson count would, so the variance is scaled by the dispersion
 * (Pearson's chi-square over n - 2, never below 1: quasi-Poisson), and the
 * slope is tested with Student's t on n - 2 degrees of freedom. The yearly
 * change is exp(slope) - 1, with its 95% interval; a change whose two-sided
 * p is below 0.05 is called rising or falling, anything else no clear change.
 * At least five years are needed. Pure.
 */

export interface TrendPoint {
  year: number;
  count: number;
  /** The population the count is of; when given for every year, the trend is that of the rate. */
  population?: number | null;
}

export type TrendDirection = 'rising' | 'falling' | 'no_clear_change';

export type Trend =
  | {
      kind: 'trend';
      direction: TrendDirection;
      /** Yearly change as a fraction: 0.05 is 5% a year. */
      yearlyChange: number;
      interval: [number, number];
      pValue: number;
      dispersion: number;
      years: [number, number];
      n: number;
      perPopulation: boolean;
    }
  | { kind: 'too_few_years'; n: number; needed: number }
  | { kind: 'no_counts'; n: number };

import { studentT, studentTQuantile } from './statistics.js';

export const MINIMUM_YEARS = 5;
export const SIGNIFICANCE = 0.05;

export const TREND_METHOD =
  'Log-lineaire (Poisson-)regressie van de aantallen per jaar, met het inwonertal als blootstelling waar dat bekend is; de variantie geschaald met de overdispersie (quasi-Poisson); de helling getoetst met Student-t op n - 2 vrijheidsgraden. Een verandering met p < 0,05 heet stijgend of dalend, anders geen duidelijke verandering. Minstens vijf jaar nodig.';

export function trendOf(points: readonly TrendPoint[]): Trend {
  const usable = points.filter((point) => Number.isFinite(point.count) && point.count >= 0).sort((a, b) => a.year - b.year);
  const n = usable.length;
  if (n < MINIMUM_YEARS) return { kind: 'too_few_years', n, needed: MINIMUM_YEARS };
  if (usable.every((point) => point.count === 0)) return { kind: 'no_counts', n };
  const perPopulation = usable.every((point) => typeof point.population === 'number' && point.population > 0);
  const offsets = usable.map((point) => (perPopulation ? Math.log(point.population as number) : 0));
  const meanYear = usable.reduce((sum, point) => sum + point.year, 0) / n;
  const x = usable.map((point) => point.year - meanYear);
  const y = usable.map((point) => point.count);

  // Start from the mean rate and no slope, then Newton steps (IRLS for the canonical log link).
  let intercept = Math.log(y.reduce((a, b) => a + b, 0) / offsets.reduce((sum, offset) => sum + Math.exp(offset), 0));
  let slope = 0;
  let information = [0, 0, 0];
  for (let iteration = 0; iteration < 100; iteration++) {
    const mu = x.map((xi, i) => Math.exp((offsets[i] ?? 0) + intercept + slope * xi));
    const score = [0, 0];
    information = [0, 0, 0];
    mu.forEach((m, i) => {
      const residual = (y[i] ?? 0) - m;
      const xi = x[i] ?? 0;
      score[0] = (score[0] ?? 0) + residual;
      score[1] = (score[1] ?? 0) + residual * xi;
      information[0] = (information[0] ?? 0) + m;
      information[1] = (information[1] ?? 0) + m * xi;
      information[2] = (information[2] ?? 0) + m * xi * xi;
    });
    const [i00, i01, i11] = information as [number, number, number];
    const determinant = i00 * i11 - i01 * i01;
    const stepIntercept = (i11 * (score[0] ?? 0) - i01 * (score[1] ?? 0)) / determinant;
    const stepSlope = (i00 * (score[1] ?? 0) - i01 * (score[0] ?? 0)) / determinant;
    intercept += stepIntercept;
    slope += stepSlope;
    if (Math.abs(stepIntercept) < 1e-12 && Math.abs(stepSlope) < 1e-12) break;
  }
  const mu = x.map((xi, i) => Math.exp((offsets[i] ?? 0) + intercept + slope * xi));
  const [i00, i01, i11] = information as [number, number, number];
  const pearson = mu.reduce((sum, m, i) => sum + ((y[i] ?? 0) - m) ** 2 / m, 0);
  const dispersion = Math.max(1, pearson / (n - 2));
  const standardError = Math.sqrt((dispersion * i00) / (i00 * i11 - i01 * i01));
  const degrees = n - 2;
  const t = slope / standardError;
  const pValue = Number.isFinite(t) ? 2 * (1 - studentT(Math.abs(t), degrees)) : 1;
  const margin = studentTQuantile(0.975, degrees) * standardError;
  const direction: TrendDirection = pValue < SIGNIFICANCE ? (slope > 0 ? 'rising' : 'falling') : 'no_clear_change';
  return {
    kind: 'trend',
    direction,
    yearlyChange: Math.exp(slope) - 1,
    interval: [Math.exp(slope - margin) - 1, Math.exp(slope + margin) - 1],
    pValue,
    dispersion,
    years: [usable[0]?.year ?? 0, usable.at(-1)?.year ?? 0],
    n,
    perPopulation,
  };
}
