/** Tests for reading, writing and ordering periods of measurement (year, quarter, month). */
import { describe, expect, it } from 'vitest';
import {
  comparePeriods,
  formatPeriod,
  type Period,
  PeriodError,
  parseCbsPeriod,
  parsePeriod,
  parsePeriodStatus,
  periodLabel,
  samePeriod,
  toCbsPeriodKey,
} from './periods.js';

const year = (y: number): Period => ({ kind: 'year', year: y, number: 0 });
const quarter = (y: number, q: number): Period => ({ kind: 'quarter', year: y, number: q });
const month = (y: number, m: number): Period => ({ kind: 'month', year: y, number: m });

describe('parseCbsPeriod', () => {
  it('reads the CBS keys for a year, a quarter and a month', () => {
    expect(parseCbsPeriod('2017JJ00')).toEqual(year(2017));
    expect(parseCbsPeriod('2017KW01')).toEqual(quarter(2017, 1));
    expect(parseCbsPeriod('2017MM12')).toEqual(month(2017, 12));
  });

  it.each(['2017', '2017jj00', '2017HJ01', '2017KW05', '2017MM13', '2017MM00', '2017JJ01', '1850JJ00', ' 2017JJ00', ''])(
    'refuses %j with a Dutch message naming the value',
    (key) => {
      expect(() => parseCbsPeriod(key)).toThrow(PeriodError);
      if (key.trim() !== '') expect(() => parseCbsPeriod(key)).toThrow(key);
    },
  );

  it('writes the key back', () => {
    for (const key of ['2017JJ00', '2017KW04', '2017MM01', '2100MM12']) expect(toCbsPeriodKey(parseCbsPeriod(key))).toBe(key);
  });
});

describe('parsePeriodStatus', () => {
  it('reads the statuses StatLine gives, in any case and with extra spaces', () => {
    expect(parsePeriodStatus('Definitief')).toBe('definitief');
    expect(parsePeriodStatus(' voorlopig ')).toBe('voorlopig');
    expect(parsePeriodStatus('Nader voorlopig')).toBe('nader-voorlopig');
    expect(parsePeriodStatus('NADER  VOORLOPIG')).toBe('nader-voorlopig');
  });

  it('gives null for no status', () => {
    expect(parsePeriodStatus(null)).toBeNull();
    expect(parsePeriodStatus('')).toBeNull();
    expect(parsePeriodStatus('  ')).toBeNull();
  });

  it('refuses an unknown status and names it', () => {
    expect(() => parsePeriodStatus('Herzien')).toThrow(PeriodError);
    expect(() => parsePeriodStatus('Herzien')).toThrow("'Herzien'");
  });
});

describe('parsePeriod', () => {
  it.each([
    ['2019', year(2019)],
    [' 2019 ', year(2019)],
    ['2019*', year(2019)],
    ['2023**', year(2023)],
    ['2019JJ00', year(2019)],
    ['2019-K1', quarter(2019, 1)],
    ['2019-k4', quarter(2019, 4)],
    ['2019K2', quarter(2019, 2)],
    ['2019 K3', quarter(2019, 3)],
    ['2019-Q2', quarter(2019, 2)],
    ['K1 2019', quarter(2019, 1)],
    ['2019 1e kwartaal', quarter(2019, 1)],
    ['2019 eerste kwartaal', quarter(2019, 1)],
    ['2019 4de kwartaal', quarter(2019, 4)],
    ['2019  Derde  kwartaal', quarter(2019, 3)],
    ['1e kwartaal 2019', quarter(2019, 1)],
    ['2019 2e kwartaal*', quarter(2019, 2)],
    ['2019KW03', quarter(2019, 3)],
    ['2019-03', month(2019, 3)],
    ['2019-3', month(2019, 3)],
    ['2019/11', month(2019, 11)],
    ['03-2019', month(2019, 3)],
    ['3/2019', month(2019, 3)],
    ['2019 maart', month(2019, 3)],
    ['2019 Maart', month(2019, 3)],
    ['2019 mrt', month(2019, 3)],
    ['2019 mrt.', month(2019, 3)],
    ['maart 2019', month(2019, 3)],
    ['Sept 2019', month(2019, 9)],
    ['2019 oktober', month(2019, 10)],
    ['2019MM07', month(2019, 7)],
  ])('reads %j', (text, expected) => {
    expect(parsePeriod(text)).toEqual(expected);
  });

  it.each([
    ['', 'De periode is leeg'],
    ['19', "'19'"],
    ['2019-13', "'2019-13'"],
    ['2019-00', "'2019-00'"],
    ['2019-K5', "'2019-K5'"],
    ['2019-03-01', "'2019-03-01'"],
    ['2019 vijfde kwartaal', "'2019 vijfde kwartaal'"],
    ['2019 march', "'2019 march'"],
    ['1899', '1900 en 2100'],
    ['2101-K1', '1900 en 2100'],
    ['eind 2019', "'eind 2019'"],
  ])('refuses %j with a Dutch message', (text, part) => {
    expect(() => parsePeriod(text)).toThrow(PeriodError);
    expect(() => parsePeriod(text)).toThrow(part);
  });
});

describe('formatPeriod and periodLabel', () => {
  it('writes the canonical form', () => {
    expect(formatPeriod(year(2019))).toBe('2019');
    expect(formatPeriod(quarter(2019, 1))).toBe('2019-K1');
    expect(formatPeriod(month(2019, 3))).toBe('2019-03');
  });

  it('writes Dutch labels for people', () => {
    expect(periodLabel(year(2019))).toBe('2019');
    expect(periodLabel(quarter(2019, 1))).toBe('1e kwartaal 2019');
    expect(periodLabel(month(2019, 3))).toBe('maart 2019');
  });

  it('reads back what it writes', () => {
    const periods = [year(1900), year(2100), ...[1, 2, 3, 4].map((q) => quarter(2020, q)), ...[1, 6, 12].map((m) => month(2021, m))];
    for (const period of periods) {
      expect(parsePeriod(formatPeriod(period))).toEqual(period);
      expect(parsePeriod(periodLabel(period))).toEqual(period);
      expect(parsePeriod(toCbsPeriodKey(period))).toEqual(period);
    }
  });

  it('refuses a period object that cannot exist', () => {
    expect(() => formatPeriod(month(2019, 13))).toThrow(PeriodError);
    expect(() => periodLabel(quarter(2019, 0))).toThrow(PeriodError);
    expect(() => toCbsPeriodKey(year(3000))).toThrow(PeriodError);
  });
});

describe('comparePeriods and samePeriod', () => {
  it('orders periods in time, a year after its months and quarters', () => {
    const sorted = [
      year(2019),
      month(2019, 4),
      quarter(2019, 1),
      month(2019, 3),
      year(2018),
      quarter(2019, 4),
      month(2019, 12),
      month(2020, 1),
    ]
      .sort(comparePeriods)
      .map(formatPeriod);
    expect(sorted).toEqual(['2018', '2019-03', '2019-K1', '2019-04', '2019-12', '2019-K4', '2019', '2020-01']);
  });

  it('is zero only for the same period', () => {
    expect(comparePeriods(quarter(2019, 2), quarter(2019, 2))).toBe(0);
    expect(comparePeriods(year(2019), month(2019, 12))).toBeGreaterThan(0);
    expect(comparePeriods(month(2019, 12), year(2019))).toBeLessThan(0);
  });

  it('compares kind, year and number', () => {
    expect(samePeriod(parsePeriod('2019-K1'), parsePeriod('1e kwartaal 2019'))).toBe(true);
    expect(samePeriod(quarter(2019, 1), month(2019, 1))).toBe(false);
    expect(samePeriod(year(2019), year(2020))).toBe(false);
  });
});
