import { describe, expect, it } from 'vitest';
import { assessmentYearProblem, measurementYearProblem, measurementYears } from './plan-years.js';

describe('the years a plan takes figures for', () => {
  const years = measurementYears({ baselineYear: 2017 }, { periodEnd: 2022 });

  it('measures an indicator from its baseline year to the end of the plan', () => {
    expect(years).toEqual({ from: 2017, to: 2022 });
    expect(measurementYearProblem(2017, years)).toBeNull();
    expect(measurementYearProblem(2022, years)).toBeNull();
  });

  it('refuses a measurement before the baseline year or after the plan, saying which years it may be', () => {
    expect(measurementYearProblem(2016, years)).toBe(
      '2016 ligt voor het jaar van de nulmeting (2017). Metingen van deze indicator gaan over 2017 tot en met 2022.',
    );
    expect(measurementYearProblem(2023, years)).toBe(
      '2023 ligt na het einde van het plan (2022). Metingen van deze indicator gaan over 2017 tot en met 2022.',
    );
  });

  it('judges a theme only for the years of the plan', () => {
    const plan = { periodStart: 2019, periodEnd: 2022 };
    expect(assessmentYearProblem(2019, plan)).toBeNull();
    expect(assessmentYearProblem(2018, plan)).toContain('buiten de planperiode 2019-2022');
    expect(assessmentYearProblem(2023, plan)).toContain('buiten de planperiode 2019-2022');
  });
});
