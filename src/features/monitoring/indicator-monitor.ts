/**
 * The read model of one indicator: its yearly and sub-year measurements with
 * their status against target, the path from baseline to target and the
 * projection; and the pure helpers for measurements entered by hand or by
 * file (checking them, deriving a rate's value from numerator and denominator).
 */
import {
  type CurrentStatus,
  currentStatus,
  type IndicatorStatus,
  type Projection,
  pathLine,
  projectedStatus,
  projectTo,
  statusOf,
  type YearValue,
} from '../../domain/indicator-status.js';
import type { Plan, StoredIndicator, StoredTheme } from '../../domain/plan.js';
import { measurementYearProblem, measurementYears } from '../../domain/plan-years.js';
import { unsafeTextReason } from '../../domain/text.js';
import { rateValue, ratioProblem, takesRatio, valueRangeProblem } from '../../domain/units.js';
import { formatDutchNumber } from '../measurements/measurement-cells.js';
import type { MeasurementFileIndicator, MeasurementRow } from '../measurements/measurement-file.js';
import type { Measurement, MeasurementInput } from './measurement.repository.js';
import { describeSeries } from './series.js';

export interface YearMeasurement {
  year: number;
  value: number | null;
  suppressed: boolean;
  status: IndicatorStatus;
  measurement: Measurement;
}

export interface IndicatorMonitor {
  indicator: StoredIndicator;
  theme: { key: string; name: string; number: number; kind: StoredTheme['kind'] } | null;
  years: YearMeasurement[];
  /** Measurements of months and quarters, newest first. */
  subYear: Measurement[];
  current: CurrentStatus;
  path: YearValue[];
  projection: Projection | null;
  projectedStatus: IndicatorStatus;
  binding: string | null;
}

/** A measurement entered by hand: a row of a measurements file without its place in the file. */
export type ManualMeasurement = Omit<MeasurementRow, 'row' | 'indicatorKey'>;

/** Every indicator of the plan with its theme (null for plan-wide ones), in plan order. */
export function allIndicators(plan: Plan): { indicator: StoredIndicator; theme: IndicatorMonitor['theme'] }[] {
  return [
    ...plan.indicators.map((indicator) => ({ indicator, theme: null })),
    ...plan.themes.flatMap((theme) =>
      theme.indicators.map((indicator) => ({
        indicator,
        theme: { key: theme.key, name: theme.name, number: theme.number, kind: theme.kind },
      })),
    ),
  ];
}

export function indicatorMonitor(
  indicator: StoredIndicator,
  theme: IndicatorMonitor['theme'],
  measurements: Measurement[],
): IndicatorMonitor {
  const own = measurements.filter((measurement) => measurement.indicatorId === indicator.id);
  const baseline = { value: indicator.baselineValue, year: indicator.baselineYear };
  const target = { comparison: indicator.targetComparison, value: indicator.targetValue, year: indicator.targetYear };
  const yearly = own.filter((measurement) => measurement.period.kind === 'year');
  const known = yearly.flatMap((measurement) =>
    measurement.value === null ? [] : [{ year: measurement.period.year, value: measurement.value }],
  );
  const projection = projectTo(known, indicator.targetYear);
  return {
    indicator,
    theme,
    years: yearly.map((measurement) => ({
      year: measurement.period.year,
      value: measurement.value,
      suppressed: measurement.suppressed,
      status:
        measurement.value === null ? 'no_data' : statusOf(baseline, target, { year: measurement.period.year, value: measurement.value }),
      measurement,
    })),
    subYear: own.filter((measurement) => measurement.period.kind !== 'year').reverse(),
    current: currentStatus(baseline, target, known),
    path: pathLine(baseline, target),
    projection,
    projectedStatus: projectedStatus(baseline, target, projection),
    binding: indicator.binding
      ? [
          describeSeries(indicator.binding.numerator),
          indicator.binding.denominator
            ? `gedeeld door ${describeSeries(indicator.binding.denominator)} × ${indicator.binding.scale}`
            : null,
        ]
          .filter(Boolean)
          .join(', ')
      : null,
  };
}

export function fileIndicator(indicator: StoredIndicator, plan: Pick<Plan, 'periodEnd'>): MeasurementFileIndicator {
  return {
    key: indicator.key,
    name: indicator.name,
    unit: indicator.unit,
    ageBand: indicator.ageBand,
    years: measurementYears(indicator, plan),
  };
}

/** For a rate entered as numerator and denominator, the value is derived from them (scaled by the unit); both are kept. */
export function derivedValue(
  indicator: StoredIndicator,
  input: { value: number | null; suppressed: boolean; numerator: number | null; denominator: number | null },
): Pick<MeasurementInput, 'value' | 'suppressed' | 'numerator' | 'denominator'> {
  if (input.suppressed) return { value: null, suppressed: true, numerator: null, denominator: null };
  if (input.numerator !== null && input.denominator !== null && takesRatio(indicator.unit)) {
    return {
      value: rateValue(input.numerator, input.denominator, indicator.unit),
      suppressed: false,
      numerator: input.numerator,
      denominator: input.denominator,
    };
  }
  return { value: input.value, suppressed: false, numerator: input.numerator, denominator: input.denominator };
}

/**
 * The problems of a measurement entered by hand (page form, API, command line), each with its field:
 * the same rules as a row of a measurements file (see measurement-file.ts), through the same domain checks.
 */
export function checkManual(
  indicator: StoredIndicator,
  plan: Pick<Plan, 'periodEnd'>,
  input: ManualMeasurement,
): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const outside = measurementYearProblem(input.period.year, measurementYears(indicator, plan));
  if (outside) problems.push({ path: 'periode', message: outside });
  const hasRatio = input.numerator !== null || input.denominator !== null;
  const notARatio = hasRatio ? ratioProblem(indicator.key, indicator) : null;
  if (notARatio) problems.push({ path: 'teller', message: notARatio });
  if (input.suppressed && (input.value !== null || hasRatio))
    problems.push({ path: 'waarde', message: 'een afgeschermde meting heeft geen waarde' });
  if (!input.suppressed && input.value === null && (input.numerator === null || input.denominator === null)) {
    problems.push({ path: 'waarde', message: 'geef een waarde, of teller en noemer' });
  }
  const noteProblem = input.note === null ? null : unsafeTextReason(input.note);
  if (noteProblem) problems.push({ path: 'toelichting', message: noteProblem });
  if ((input.numerator === null) !== (input.denominator === null))
    problems.push({ path: 'noemer', message: 'teller en noemer horen bij elkaar' });
  if (input.denominator !== null && input.denominator <= 0) problems.push({ path: 'noemer', message: 'moet groter dan 0 zijn' });
  if (input.numerator !== null && input.numerator < 0) problems.push({ path: 'teller', message: 'mag niet negatief zijn' });
  if (input.value !== null) {
    const outOfRange = valueRangeProblem(input.value, indicator, formatDutchNumber(input.value));
    if (outOfRange) problems.push({ path: 'waarde', message: outOfRange });
  }
  return problems;
}
