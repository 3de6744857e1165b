/**
 * Whether a measurable indicator of the plan is on course to its target. The
 * plan fixes a baseline (nulmeting) and a target (streefwaarde); the straight
 * line between them is the path a council expects the indicator to follow.
 * A measurement is judged against the target, the path and the baseline, and a
 * least-squares line through the measurements shows where the indicator heads.
 */

export type IndicatorStatus = 'met' | 'on_course' | 'attention' | 'off_course' | 'no_data';

/** The scale for qualitative (written) assessments of themes: a status without 'no_data'. */
export type Judgement = Exclude<IndicatorStatus, 'no_data'>;

/** The judgements in order from best to worst. */
export const JUDGEMENTS: readonly Judgement[] = ['met', 'on_course', 'attention', 'off_course'];

export type TargetComparison = 'at_most' | 'at_least';

export interface Baseline {
  value: number;
  year: number;
}

export interface Target {
  comparison: TargetComparison;
  value: number;
  year: number;
}

export interface YearValue {
  year: number;
  value: number;
}

export interface YearStatus {
  year: number;
  value: number;
  status: IndicatorStatus;
}

export interface CurrentStatus {
  status: IndicatorStatus;
  year: number | null;
  value: number | null;
}

export interface Projection {
  slope: number;
  intercept: number;
  targetYear: number;
  projectedValue: number;
  pointsUsed: number;
  /** True when the line rests on at least three measurements. */
  reliable: boolean;
  /** One point per year from the first known year to the target year. */
  line: YearValue[];
}

/** Tolerance for comparing computed values: 30.5 computed as count / population * 1000 must equal 30.5. */
const EPSILON = 1e-9;

/** Whether the value satisfies the target: at most or at least the target value. */
export function targetHolds(target: Target, value: number): boolean {
  return atLeastAsGood(target.comparison, value, target.value);
}

/**
 * The value the straight path from baseline to target expects in a year. Before
 * the baseline year the path is the baseline value, after the target year the
 * target value.
 */
export function expectedOnPath(baseline: Baseline, target: Target, year: number): number {
  assertTargetNotBeforeBaseline(baseline, target);
  if (target.year === baseline.year) return target.value;
  if (year <= baseline.year) return baseline.value;
  if (year >= target.year) return target.value;
  const fraction = (year - baseline.year) / (target.year - baseline.year);
  return baseline.value + fraction * (target.value - baseline.value);
}

/**
 * The status of one measurement: 'met' when the target holds, 'on_course' when
 * the value is on or better than the path, 'attention' when it is still better
 * than the baseline, 'off_course' when it is at or worse than the baseline.
 */
export function statusOf(baseline: Baseline, target: Target, measurement: YearValue | null): IndicatorStatus {
  if (measurement === null) return 'no_data';
  const { comparison } = target;
  if (targetHolds(target, measurement.value)) return 'met';
  if (atLeastAsGood(comparison, measurement.value, expectedOnPath(baseline, target, measurement.year))) return 'on_course';
  if (strictlyBetter(comparison, measurement.value, baseline.value)) return 'attention';
  return 'off_course';
}

/** The status of every measurement, sorted by year. Throws when a year occurs twice. */
export function statusByYear(baseline: Baseline, target: Target, values: YearValue[]): YearStatus[] {
  return sortedByYear(values).map((measurement) => ({
    year: measurement.year,
    value: measurement.value,
    status: statusOf(baseline, target, measurement),
  }));
}

/** The status of the latest measurement, or 'no_data' when there is none. Throws when a year occurs twice. */
export function currentStatus(baseline: Baseline, target: Target, values: YearValue[]): CurrentStatus {
  const latest = sortedByYear(values).at(-1);
  if (latest === undefined) return { status: 'no_data', year: null, value: null };
  return { status: statusOf(baseline, target, latest), year: latest.year, value: latest.value };
}

/**
 * The ordinary least-squares line through the measurements, extended to the
 * target year. One measurement gives a flat line through it; none gives null.
 * Throws when a year occurs twice.
 */
export function projectTo(values: YearValue[], targetYear: number): Projection | null {
  const points = sortedByYear(values);
  const first = points[0];
  if (first === undefined) return null;
  const meanYear = mean(points.map((point) => point.year));
  const meanValue = mean(points.map((point) => point.value));
  let covariance = 0;
  let variance = 0;
  for (const point of points) {
    covariance += (point.year - meanYear) * (point.value - meanValue);
    variance += (point.year - meanYear) ** 2;
  }
  const slope = variance === 0 ? 0 : covariance / variance;
  const valueIn = (year: number) => meanValue + slope * (year - meanYear);
  return {
    slope,
    intercept: meanValue - slope * meanYear,
    targetYear,
    projectedValue: valueIn(targetYear),
    pointsUsed: points.length,
    reliable: points.length >= 3,
    line: yearsBetween(first.year, targetYear).map((year) => ({ year, value: valueIn(year) })),
  };
}

/** The status the projected value would have in the projection's target year; 'no_data' without a projection. */
export function projectedStatus(baseline: Baseline, target: Target, projection: Projection | null): IndicatorStatus {
  if (projection === null) return 'no_data';
  return statusOf(baseline, target, { year: projection.targetYear, value: projection.projectedValue });
}

/** The path from baseline to target, one point per year from the baseline year to the target year. */
export function pathLine(baseline: Baseline, target: Target): YearValue[] {
  assertTargetNotBeforeBaseline(baseline, target);
  return yearsBetween(baseline.year, target.year).map((year) => ({ year, value: expectedOnPath(baseline, target, year) }));
}

/** Whether `value` is as good as `reference` or better: lower for at_most, higher for at_least. */
function atLeastAsGood(comparison: TargetComparison, value: number, reference: number): boolean {
  return comparison === 'at_most' ? value <= reference + EPSILON : value >= reference - EPSILON;
}

/** Whether `value` is better than `reference` by more than the tolerance. */
function strictlyBetter(comparison: TargetComparison, value: number, reference: number): boolean {
  return comparison === 'at_most' ? value < reference - EPSILON : value > reference + EPSILON;
}

function assertTargetNotBeforeBaseline(baseline: Baseline, target: Target): void {
  if (target.year < baseline.year) {
    throw new Error(`het streefjaar ${target.year} ligt voor het jaar van de nulmeting ${baseline.year}`);
  }
}

function sortedByYear(values: YearValue[]): YearValue[] {
  const sorted = [...values].sort((a, b) => a.year - b.year);
  for (let index = 1; index < sorted.length; index++) {
    if (sorted[index]?.year === sorted[index - 1]?.year) {
      throw new Error(`het jaar ${sorted[index]?.year} komt meer dan eens voor in de meetwaarden`);
    }
  }
  return sorted;
}

/** Every whole year from `from` to `to`, both included, in ascending order whichever comes first. */
function yearsBetween(from: number, to: number): number[] {
  const start = Math.min(from, to);
  return Array.from({ length: Math.abs(to - from) + 1 }, (_, index) => start + index);
}

function mean(numbers: number[]): number {
  return numbers.reduce((sum, number) => sum + number, 0) / numbers.length;
}
