import { describe, expect, it } from 'vitest';
import { formatBaseline, formatDate, formatIndicatorValue, formatNumber, formatPeriod, formatTarget } from './format.js';

describe('formatNumber', () => {
  it('writes a decimal comma', () => {
    expect(formatNumber(30.5)).toBe('30,5');
  });

  it('groups thousands with a dot, also for four digits', () => {
    expect(formatNumber(1000)).toBe('1.000');
    expect(formatNumber(1234567.25)).toBe('1.234.567,25');
  });

  it('writes whole numbers without decimals', () => {
    expect(formatNumber(28)).toBe('28');
  });
});

describe('formatIndicatorValue', () => {
  it('adds a percent sign to percentages only', () => {
    expect(formatIndicatorValue(3.5, 'percentage')).toBe('3,5%');
    expect(formatIndicatorValue(30.5, 'per_1000_inhabitants')).toBe('30,5');
    expect(formatIndicatorValue(7.5, 'grade')).toBe('7,5');
    expect(formatIndicatorValue(70, 'count')).toBe('70');
  });
});

describe('formatBaseline', () => {
  it('puts the baseline year in brackets after the value', () => {
    expect(formatBaseline({ baselineValue: 30.5, baselineYear: 2017, unit: 'per_1000_inhabitants' })).toBe('30,5 (2017)');
    expect(formatBaseline({ baselineValue: 10.5, baselineYear: 2017, unit: 'percentage' })).toBe('10,5% (2017)');
  });
});

describe('formatTarget', () => {
  it('writes the comparison as a sign before the target value', () => {
    expect(formatTarget({ targetComparison: 'at_most', targetValue: 28, unit: 'per_1000_inhabitants' })).toBe('≤ 28');
    expect(formatTarget({ targetComparison: 'at_least', targetValue: 7.5, unit: 'grade' })).toBe('≥ 7,5');
    expect(formatTarget({ targetComparison: 'at_most', targetValue: 3, unit: 'percentage' })).toBe('≤ 3%');
  });
});

describe('formatDate', () => {
  it('writes the day, the month in words and the year', () => {
    expect(formatDate('2019-01-29')).toBe('29 januari 2019');
  });

  it('does not shift the day for a timestamp late in the evening', () => {
    expect(formatDate('2019-01-29T23:30:00+01:00')).toBe('29 januari 2019');
  });

  it('refuses something that is not a date', () => {
    expect(() => formatDate('morgen')).toThrow(RangeError);
  });
});

describe('formatPeriod', () => {
  it('joins the first and last year with a hyphen', () => {
    expect(formatPeriod(2019, 2022)).toBe('2019-2022');
  });
});
