import { describe, expect, it } from 'vitest';
import type { Schedule } from './plan.js';
import { compareSchedules, scheduleLabel } from './schedule.js';

const schedule = (partial: Partial<Schedule>): Schedule => ({
  ongoing: false,
  startYear: null,
  startQuarter: null,
  endYear: null,
  ...partial,
});

describe('scheduleLabel', () => {
  it('calls work without a year "doorlopend"', () => {
    expect(scheduleLabel(schedule({ ongoing: true }))).toBe('doorlopend');
  });

  it('writes work that starts in a year and goes on as "e.v."', () => {
    expect(scheduleLabel(schedule({ startYear: 2019 }))).toBe('2019 e.v.');
  });

  it('combines ongoing work with a start year as the plan does', () => {
    expect(scheduleLabel(schedule({ ongoing: true, startYear: 2019 }))).toBe('doorlopend/2019 e.v.');
  });

  it('names the quarter in which work starts', () => {
    expect(scheduleLabel(schedule({ startYear: 2019, startQuarter: 3 }))).toBe('3e kwartaal 2019 e.v.');
  });

  it('writes a closed period as a range of years', () => {
    expect(scheduleLabel(schedule({ startYear: 2019, endYear: 2020 }))).toBe('2019-2020');
  });

  it('writes work within one year as that year', () => {
    expect(scheduleLabel(schedule({ startYear: 2020, endYear: 2020 }))).toBe('2020');
    expect(scheduleLabel(schedule({ startYear: 2019, startQuarter: 4, endYear: 2019 }))).toBe('4e kwartaal 2019');
  });

  it('writes work with only an end year as "tot en met"', () => {
    expect(scheduleLabel(schedule({ endYear: 2020 }))).toBe('tot en met 2020');
    expect(scheduleLabel(schedule({ ongoing: true, endYear: 2020 }))).toBe('doorlopend/tot en met 2020');
  });

  it('says so when a schedule names nothing', () => {
    expect(scheduleLabel(schedule({}))).toBe('geen planning');
  });
});

describe('compareSchedules', () => {
  it('puts ongoing work first, then orders by start and end', () => {
    const sorted = [
      schedule({ startYear: 2020 }),
      schedule({ startYear: 2019, startQuarter: 3 }),
      schedule({ ongoing: true, startYear: 2019 }),
      schedule({ startYear: 2019 }),
      schedule({ ongoing: true }),
      schedule({ startYear: 2019, endYear: 2020 }),
    ].sort(compareSchedules);
    expect(sorted.map(scheduleLabel)).toEqual([
      'doorlopend',
      'doorlopend/2019 e.v.',
      '2019-2020',
      '2019 e.v.',
      '3e kwartaal 2019 e.v.',
      '2020 e.v.',
    ]);
  });
});
