import { describe, expect, it } from 'vitest';
import type { Schedule } from './plan.js';
import {
  expectedInPeriod,
  findReportingPeriod,
  plannedIn,
  plannedQuantity,
  ReportingPeriodError,
  reportingPeriods,
  timesPerYear,
} from './reporting-periods.js';

describe('reporting periods', () => {
  it('are the calendar years of the plan by default, each reported in Q2 of the next year', () => {
    const years = reportingPeriods(2019, 2022, 'year');
    expect(years.map((period) => period.key)).toEqual(['2019', '2020', '2021', '2022']);
    expect(years[0]).toMatchObject({
      label: '2019',
      start: '2019-01-01',
      end: '2019-12-31',
      shareOfYear: 1,
      reportedIn: '2e kwartaal 2020',
      suggestedDeadline: '2020-01-31',
    });
  });
  it('can be half-years or quarters, with stable keys and their own dates', () => {
    const halves = reportingPeriods(2020, 2020, 'half_year');
    expect(halves.map((period) => [period.key, period.label, period.start, period.end, period.reportedIn])).toEqual([
      ['2020-H1', '1e halfjaar 2020', '2020-01-01', '2020-06-30', '3e kwartaal 2020'],
      ['2020-H2', '2e halfjaar 2020', '2020-07-01', '2020-12-31', '1e kwartaal 2021'],
    ]);
    const quarters = reportingPeriods(2020, 2020, 'quarter');
    expect(quarters.map((period) => period.key)).toEqual(['2020-Q1', '2020-Q2', '2020-Q3', '2020-Q4']);
    expect(quarters[0]).toMatchObject({ end: '2020-03-31', shareOfYear: 0.25, suggestedDeadline: '2020-04-30' });
    expect(quarters[1]?.end).toBe('2020-06-30');
  });
  it('finds a period by key, and says which periods the plan has when the key is not one of them', () => {
    const periods = reportingPeriods(2019, 2022, 'year');
    expect(findReportingPeriod(periods, '2021').year).toBe(2021);
    expect(() => findReportingPeriod(periods, '2023')).toThrow(
      new ReportingPeriodError('2023 is geen rapportageperiode van dit plan (van 2019 tot en met 2022)'),
    );
  });
});

describe('what a period expects of an activity', () => {
  const [y2019, y2020] = reportingPeriods(2019, 2020, 'year') as [never, never];
  const quarter3 = reportingPeriods(2019, 2019, 'quarter')[2] as never;
  const schedule = (overrides: Partial<Schedule>): Schedule => ({
    ongoing: false,
    startYear: null,
    startQuarter: null,
    endYear: null,
    ...overrides,
  });

  it('counts an activity in the periods its planning covers', () => {
    expect(plannedIn(schedule({ ongoing: true }), y2019)).toBe(true);
    expect(plannedIn(schedule({}), y2019)).toBe(true);
    expect(plannedIn(schedule({ startYear: 2020 }), y2019)).toBe(false);
    expect(plannedIn(schedule({ startYear: 2020 }), y2020)).toBe(true);
    expect(plannedIn(schedule({ startYear: 2019, endYear: 2019 }), y2020)).toBe(false);
    expect(plannedIn(schedule({ startYear: 2019, startQuarter: 3 }), quarter3)).toBe(true);
    expect(plannedIn(schedule({ startYear: 2019, startQuarter: 4 }), quarter3)).toBe(false);
  });
  it('takes the yearly quantity for a year and its share for a shorter period', () => {
    const mediation = { quantity: { value: 20, unit: 'casussen per jaar' } };
    expect(plannedQuantity(mediation, y2019)).toBe(20);
    expect(plannedQuantity(mediation, quarter3)).toBe(5);
    expect(plannedQuantity({ quantity: { value: 1, unit: 'keer' } }, quarter3)).toBe(1);
    expect(plannedQuantity({ quantity: null }, y2019)).toBeNull();
  });
  it('reads how many times a year from the frequencies plans write', () => {
    expect(timesPerYear('4x per jaar')).toBe(4);
    expect(timesPerYear('elke kern 1x per jaar')).toBe(1);
    expect(timesPerYear('3 keer per jaar')).toBe(3);
    expect(timesPerYear('jaarlijks')).toBe(1);
    expect(timesPerYear('Halfjaarlijks')).toBe(2);
    expect(timesPerYear('viermaandelijks')).toBe(3);
    expect(timesPerYear('tweemaandelijks')).toBe(6);
    expect(timesPerYear('zeswekelijks')).toBeCloseTo(8.667, 3);
    expect(timesPerYear('maandelijks')).toBe(12);
    expect(timesPerYear('per kwartaal')).toBe(4);
    expect(timesPerYear('periodiek')).toBeNull();
    expect(timesPerYear('op verzoek')).toBeNull();
    expect(timesPerYear('0x per jaar')).toBeNull();
    expect(timesPerYear(null)).toBeNull();
  });
  it('expects the occurrences of a recurring activity by the reference date, the whole period once it is past', () => {
    expect(expectedInPeriod('4x per jaar', y2019, '2019-06-30')).toBe(2);
    expect(expectedInPeriod('4x per jaar', y2019, '2020-05-01')).toBe(4);
    expect(expectedInPeriod('tweemaandelijks', quarter3, '2019-12-31')).toBe(1);
    expect(expectedInPeriod('periodiek', y2019, '2019-12-31')).toBeNull();
  });
});
