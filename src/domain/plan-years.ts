/**
 * Which years a plan takes figures for. An indicator is measured from its
 * baseline year (the nulmeting, often before the plan starts) up to the end of
 * the plan; a qualitative theme is judged for the years of the plan. A figure
 * outside those years belongs to another plan, or is a typing error.
 */

/** The years an indicator takes measurements for: its baseline year to the plan's last year, both included. */
export interface MeasurementYears {
  from: number;
  to: number;
}

export function measurementYears(indicator: { baselineYear: number }, plan: { periodEnd: number }): MeasurementYears {
  return { from: indicator.baselineYear, to: plan.periodEnd };
}

/** Why a measurement of this year is refused, in Dutch; null when the year is within the indicator's years. */
export function measurementYearProblem(year: number, years: MeasurementYears): string | null {
  if (year < years.from) {
    return `${year} ligt voor het jaar van de nulmeting (${years.from}). Metingen van deze indicator gaan over ${years.from} tot en met ${years.to}.`;
  }
  if (year > years.to) {
    return `${year} ligt na het einde van het plan (${years.to}). Metingen van deze indicator gaan over ${years.from} tot en met ${years.to}.`;
  }
  return null;
}

/** Why an assessment of a theme for this year is refused, in Dutch; null when the year is one of the plan's. */
export function assessmentYearProblem(year: number, plan: { periodStart: number; periodEnd: number }): string | null {
  if (year < plan.periodStart || year > plan.periodEnd) {
    return `${year} ligt buiten de planperiode ${plan.periodStart}-${plan.periodEnd}. Beoordeel een jaar van het plan.`;
  }
  return null;
}
