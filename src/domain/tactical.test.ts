import { describe, expect, it } from 'vitest';
import { type MonthValue, monthsAboveBand, type TacticalRow, tacticalRows } from './tactical.js';

/** Every month from start to end (inclusive), with the value `figure` gives for it. */
function series(start: [number, number], end: [number, number], figure: (year: number, month: number) => number | null): MonthValue[] {
  const values: MonthValue[] = [];
  for (let index = start[0] * 12 + start[1] - 1; index <= end[0] * 12 + end[1] - 1; index++) {
    const year = Math.floor(index / 12);
    const month = (index % 12) + 1;
    values.push({ year, month, value: figure(year, month) });
  }
  return values;
}

const row = (rows: TacticalRow[], year: number, month: number) => rows.find((entry) => entry.year === year && entry.month === month);

describe('tacticalRows', () => {
  // Monthly woninginbraken in a small municipality: 2019 at 10, 2020 at 8, 2021 at 6, 2022 at 7, plus the month number / 10.
  const base: Record<number, number> = { 2019: 10, 2020: 8, 2021: 6, 2022: 7 };
  const burglaries = series([2019, 1], [2022, 6], (year, month) => (base[year] ?? 0) + month / 10);

  it('returns no rows without values', () => {
    expect(tacticalRows([])).toEqual([]);
  });

  it('gives the last 24 calendar months up to the latest month, oldest first', () => {
    const rows = tacticalRows(burglaries);
    expect(rows).toHaveLength(24);
    expect([rows[0]?.year, rows[0]?.month]).toEqual([2020, 7]);
    expect([rows[23]?.year, rows[23]?.month]).toEqual([2022, 6]);
    const keys = rows.map((entry) => entry.year * 100 + entry.month);
    expect(keys).toEqual([...keys].sort((a, b) => a - b));
  });

  it('gives as many months as asked for, across the turn of the year', () => {
    const rows = tacticalRows(burglaries, 8);
    expect(rows.map((entry) => `${entry.year}-${entry.month}`)).toEqual([
      '2021-11',
      '2021-12',
      '2022-1',
      '2022-2',
      '2022-3',
      '2022-4',
      '2022-5',
      '2022-6',
    ]);
  });

  it('gives a single month when asked for one', () => {
    expect(tacticalRows(burglaries, 1).map((entry) => `${entry.year}-${entry.month}`)).toEqual(['2022-6']);
  });

  it('finds the latest month whatever the order of the input', () => {
    const rows = tacticalRows([...burglaries].reverse(), 3);
    expect(rows.map((entry) => `${entry.year}-${entry.month}`)).toEqual(['2022-4', '2022-5', '2022-6']);
  });

  it('ends at the latest month present even when the source suppressed its figure', () => {
    const rows = tacticalRows([...burglaries, { year: 2022, month: 7, value: null }], 2);
    expect(rows.map((entry) => [entry.year, entry.month, entry.value])).toEqual([
      [2022, 6, 7.6],
      [2022, 7, null],
    ]);
  });

  it('includes months with no value as rows with value null', () => {
    const withGap = burglaries.filter((entry) => !(entry.year === 2022 && entry.month === 3));
    const gap = row(tacticalRows(withGap), 2022, 3);
    expect(gap).toEqual({
      year: 2022,
      month: 3,
      value: null,
      sameMonthLastYear: 6.3,
      change: null,
      changePercent: null,
      band: { min: 6.3, max: 10.3 },
      aboveBand: false,
    });
  });

  it('gives rows before the first known month when more months are asked for than known', () => {
    const rows = tacticalRows(
      series([2022, 1], [2022, 3], () => 5),
      5,
    );
    expect(rows.map((entry) => [entry.year, entry.month, entry.value])).toEqual([
      [2021, 11, null],
      [2021, 12, null],
      [2022, 1, 5],
      [2022, 2, 5],
      [2022, 3, 5],
    ]);
  });

  it('compares a month with the same month a year earlier', () => {
    const june = row(tacticalRows(burglaries), 2022, 6);
    expect(june?.value).toBeCloseTo(7.6, 12);
    expect(june?.sameMonthLastYear).toBeCloseTo(6.6, 12);
    expect(june?.change).toBeCloseTo(1, 12);
    expect(june?.changePercent).toBeCloseTo((1 / 6.6) * 100, 9);
  });

  it('gives a negative change and percentage for a month that fell', () => {
    const values = [
      { year: 2021, month: 4, value: 20 },
      { year: 2022, month: 4, value: 15 },
    ];
    const april = row(tacticalRows(values), 2022, 4);
    expect(april).toMatchObject({ value: 15, sameMonthLastYear: 20, change: -5, changePercent: -25 });
  });

  it('leaves the change empty when the same month last year is unknown', () => {
    const first = row(tacticalRows(burglaries, 42), 2019, 1);
    expect(first).toMatchObject({ value: 10.1, sameMonthLastYear: null, change: null, changePercent: null, band: null });
  });

  it('never reads a suppressed value as 0', () => {
    const values = [
      { year: 2021, month: 5, value: null },
      { year: 2022, month: 5, value: 4 },
    ];
    expect(row(tacticalRows(values), 2022, 5)).toMatchObject({ value: 4, sameMonthLastYear: null, change: null, changePercent: null });
    const suppressedNow = [
      { year: 2021, month: 5, value: 4 },
      { year: 2022, month: 5, value: null },
    ];
    expect(row(tacticalRows(suppressedNow), 2022, 5)).toMatchObject({
      value: null,
      sameMonthLastYear: 4,
      change: null,
      changePercent: null,
    });
  });

  it('gives a change but no percentage when the same month last year was 0', () => {
    const values = [
      { year: 2021, month: 8, value: 0 },
      { year: 2022, month: 8, value: 3 },
    ];
    expect(row(tacticalRows(values), 2022, 8)).toMatchObject({ value: 3, sameMonthLastYear: 0, change: 3, changePercent: null });
  });

  it('gives a change of 0 and 0 percent for an unchanged month', () => {
    const values = [
      { year: 2021, month: 8, value: 3 },
      { year: 2022, month: 8, value: 3 },
    ];
    expect(row(tacticalRows(values), 2022, 8)).toMatchObject({ change: 0, changePercent: 0 });
  });

  it('spans the band from the lowest to the highest value of the same month in the three previous years', () => {
    const june = row(tacticalRows(burglaries), 2022, 6);
    expect(june?.band?.min).toBeCloseTo(6.6, 12); // 2021
    expect(june?.band?.max).toBeCloseTo(10.6, 12); // 2019
    expect(june?.aboveBand).toBe(false);
  });

  it('uses only the three previous years for the band, not older ones', () => {
    const values = [
      { year: 2018, month: 2, value: 100 },
      { year: 2019, month: 2, value: 4 },
      { year: 2020, month: 2, value: 6 },
      { year: 2021, month: 2, value: 5 },
      { year: 2022, month: 2, value: 7 },
    ];
    expect(row(tacticalRows(values), 2022, 2)).toMatchObject({ band: { min: 4, max: 6 }, aboveBand: true });
  });

  it('gives no band when one of the three previous years is missing', () => {
    const values = [
      { year: 2019, month: 2, value: 4 },
      { year: 2021, month: 2, value: 5 },
      { year: 2022, month: 2, value: 70 },
    ];
    expect(row(tacticalRows(values), 2022, 2)).toMatchObject({ band: null, aboveBand: false });
  });

  it('gives no band when one of the three previous years was suppressed', () => {
    const values = [
      { year: 2019, month: 2, value: 4 },
      { year: 2020, month: 2, value: null },
      { year: 2021, month: 2, value: 5 },
      { year: 2022, month: 2, value: 70 },
    ];
    expect(row(tacticalRows(values), 2022, 2)).toMatchObject({ band: null, aboveBand: false });
  });

  it('gives a band of zeros when the three previous years were 0', () => {
    const values = [
      { year: 2019, month: 9, value: 0 },
      { year: 2020, month: 9, value: 0 },
      { year: 2021, month: 9, value: 0 },
      { year: 2022, month: 9, value: 1 },
    ];
    expect(row(tacticalRows(values), 2022, 9)).toMatchObject({ band: { min: 0, max: 0 }, aboveBand: true });
  });

  it('calls a value above the band maximum above the band', () => {
    const values = [
      { year: 2019, month: 3, value: 9 },
      { year: 2020, month: 3, value: 12 },
      { year: 2021, month: 3, value: 10 },
      { year: 2022, month: 3, value: 13 },
    ];
    expect(row(tacticalRows(values), 2022, 3)).toMatchObject({ band: { min: 9, max: 12 }, aboveBand: true });
  });

  it('does not call a value exactly at the band maximum above the band', () => {
    const values = [
      { year: 2019, month: 3, value: 9 },
      { year: 2020, month: 3, value: 12 },
      { year: 2021, month: 3, value: 10 },
      { year: 2022, month: 3, value: 12 },
    ];
    expect(row(tacticalRows(values), 2022, 3)?.aboveBand).toBe(false);
  });

  it('does not call a suppressed month above the band', () => {
    const values = [
      { year: 2019, month: 3, value: 9 },
      { year: 2020, month: 3, value: 12 },
      { year: 2021, month: 3, value: 10 },
      { year: 2022, month: 3, value: null },
    ];
    expect(row(tacticalRows(values), 2022, 3)).toMatchObject({ value: null, band: { min: 9, max: 12 }, aboveBand: false });
  });

  it('rejects a month that occurs twice', () => {
    const values = [
      { year: 2022, month: 3, value: 1 },
      { year: 2022, month: 3, value: 2 },
    ];
    expect(() => tacticalRows(values)).toThrow('de maand 2022-3 komt meer dan eens voor in de cijfers');
  });

  it('rejects a month outside 1 to 12', () => {
    expect(() => tacticalRows([{ year: 2022, month: 13, value: 1 }])).toThrow('ongeldige maand 2022-13');
    expect(() => tacticalRows([{ year: 2022, month: 0, value: 1 }])).toThrow(Error);
  });

  it('rejects a number of months that is not a positive whole number', () => {
    expect(() => tacticalRows(burglaries, 0)).toThrow(Error);
    expect(() => tacticalRows(burglaries, 2.5)).toThrow(Error);
  });
});

describe('monthsAboveBand', () => {
  it('counts the rows above their band', () => {
    // Three calm years at 5 a month, then a year with 6 in three months.
    const values = series([2019, 1], [2022, 12], (year, month) => (year === 2022 && [2, 7, 11].includes(month) ? 6 : 5));
    const rows = tacticalRows(values, 12);
    expect(monthsAboveBand(rows)).toBe(3);
    expect(rows.filter((entry) => entry.aboveBand).map((entry) => entry.month)).toEqual([2, 7, 11]);
  });

  it('counts 0 for no rows', () => {
    expect(monthsAboveBand([])).toBe(0);
  });
});
