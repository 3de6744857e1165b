/**
 * The tactical view on the monthly police figures: every month compared with
 * the same month a year earlier, and with the band of that calendar month in
 * the three years before. A month above its band asks for a closer look.
 * A value the source suppressed is null and stays null: it is never read as 0.
 */

export interface MonthValue {
  year: number;
  /** 1 to 12. */
  month: number;
  /** null when the source suppressed the figure. */
  value: number | null;
}

export interface TacticalRow {
  year: number;
  month: number;
  value: number | null;
  sameMonthLastYear: number | null;
  change: number | null;
  changePercent: number | null;
  /** Lowest and highest value of the same calendar month in the three previous years; null unless all three are known. */
  band: { min: number; max: number } | null;
  aboveBand: boolean;
}

const DEFAULT_MONTHS = 24;
const BAND_YEARS = 3;

/**
 * One row per calendar month for the last `months` months up to the latest
 * month in `values`, oldest first. Months without a figure get a row with value
 * null. Throws on an invalid month or a month that occurs twice.
 */
export function tacticalRows(values: MonthValue[], months = DEFAULT_MONTHS): TacticalRow[] {
  if (!Number.isInteger(months) || months < 1)
    throw new Error(`het aantal maanden moet een geheel getal groter dan 0 zijn, niet ${months}`);
  const byIndex = indexByMonth(values);
  if (byIndex.size === 0) return [];
  const latest = Math.max(...byIndex.keys());
  const rows: TacticalRow[] = [];
  for (let index = latest - months + 1; index <= latest; index++) {
    rows.push(rowFor(index, byIndex));
  }
  return rows;
}

/** How many rows lie above their band. */
export function monthsAboveBand(rows: TacticalRow[]): number {
  return rows.filter((row) => row.aboveBand).length;
}

function rowFor(index: number, byIndex: ReadonlyMap<number, number | null>): TacticalRow {
  const valueAt = (monthIndex: number) => byIndex.get(monthIndex) ?? null;
  const value = valueAt(index);
  const sameMonthLastYear = valueAt(index - 12);
  const change = value === null || sameMonthLastYear === null ? null : value - sameMonthLastYear;
  const changePercent =
    change === null || sameMonthLastYear === 0 || sameMonthLastYear === null ? null : (change / sameMonthLastYear) * 100;
  const band = bandOf(Array.from({ length: BAND_YEARS }, (_, yearsBack) => valueAt(index - 12 * (yearsBack + 1))));
  return {
    year: Math.floor(index / 12),
    month: (index % 12) + 1,
    value,
    sameMonthLastYear,
    change,
    changePercent,
    band,
    aboveBand: value !== null && band !== null && value > band.max,
  };
}

function bandOf(previous: (number | null)[]): { min: number; max: number } | null {
  const known = previous.filter((value): value is number => value !== null);
  if (known.length < previous.length) return null;
  return { min: Math.min(...known), max: Math.max(...known) };
}

/** The values keyed by a running month number (year * 12 + month - 1). */
function indexByMonth(values: MonthValue[]): Map<number, number | null> {
  const byIndex = new Map<number, number | null>();
  for (const { year, month, value } of values) {
    if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
      throw new Error(`ongeldige maand ${year}-${month}`);
    }
    const index = year * 12 + month - 1;
    if (byIndex.has(index)) throw new Error(`de maand ${year}-${month} komt meer dan eens voor in de cijfers`);
    byIndex.set(index, value);
  }
  return byIndex;
}
