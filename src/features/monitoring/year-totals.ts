/**
 * From stored open-data cells to yearly figures: a series' value in a year is
 * the sum of its codes in the year's own period (2019JJ00) when the table has
 * one, otherwise the sum of the twelve months. A year with a suppressed cell
 * is suppressed, a year with missing months is left out (the police figures
 * of the current year are incomplete until January), and the year is
 * 'voorlopig' when any period in it is.
 */
import { type Period, type PeriodStatus, parseCbsPeriod } from '../../domain/periods.js';

export interface Cell {
  categoryKey: string;
  periodKey: string;
  value: number | null;
}

export interface YearTotal {
  year: number;
  /** null when a cell of the year was suppressed by the source. */
  value: number | null;
  suppressed: boolean;
  status: PeriodStatus | null;
  /** The periods summed, for the provenance: ['2019JJ00'] or the twelve months. */
  periods: string[];
}

const STATUS_RANK: Record<PeriodStatus, number> = { definitief: 0, 'nader-voorlopig': 1, voorlopig: 2 };

export function yearTotals(
  cells: readonly Cell[],
  categoryKeys: readonly string[],
  statusOf: (periodKey: string) => PeriodStatus | null,
): YearTotal[] {
  const wanted = new Set(categoryKeys);
  const byYear = new Map<number, { yearly: Cell[]; monthly: Map<number, Cell[]> }>();
  for (const cell of cells) {
    if (!wanted.has(cell.categoryKey)) continue;
    const period = tryParse(cell.periodKey);
    if (!period || period.kind === 'quarter') continue;
    const entry = byYear.get(period.year) ?? { yearly: [] as Cell[], monthly: new Map<number, Cell[]>() };
    byYear.set(period.year, entry);
    if (period.kind === 'year') entry.yearly.push(cell);
    else entry.monthly.set(period.number, [...(entry.monthly.get(period.number) ?? []), cell]);
  }
  const totals: YearTotal[] = [];
  for (const [year, entry] of [...byYear].sort(([a], [b]) => a - b)) {
    const complete = (group: Cell[]) => new Set(group.map((cell) => cell.categoryKey)).size === wanted.size;
    let used: Cell[] | null = null;
    if (entry.yearly.length > 0 && complete(entry.yearly)) used = entry.yearly;
    else if (entry.monthly.size === 12 && [...entry.monthly.values()].every(complete)) used = [...entry.monthly.values()].flat();
    if (!used) continue;
    const suppressed = used.some((cell) => cell.value === null);
    const statuses = [...new Set(used.map((cell) => statusOf(cell.periodKey)))];
    const status = statuses.every((candidate) => candidate === null)
      ? null
      : statuses.reduce<PeriodStatus>(
          (worst, candidate) => (candidate && STATUS_RANK[candidate] > STATUS_RANK[worst] ? candidate : worst),
          'definitief',
        );
    totals.push({
      year,
      value: suppressed ? null : used.reduce((sum, cell) => sum + (cell.value ?? 0), 0),
      suppressed,
      status,
      periods: [...new Set(used.map((cell) => cell.periodKey))].sort(),
    });
  }
  return totals;
}

/** Monthly sums of some codes, for the tactical page: null when a cell of the month was suppressed. */
export function monthTotals(
  cells: readonly Cell[],
  categoryKeys: readonly string[],
): { year: number; month: number; value: number | null }[] {
  const wanted = new Set(categoryKeys);
  const byMonth = new Map<string, { year: number; month: number; value: number | null }>();
  for (const cell of cells) {
    if (!wanted.has(cell.categoryKey)) continue;
    const period = tryParse(cell.periodKey);
    if (period?.kind !== 'month') continue;
    const key = `${period.year}-${period.number}`;
    const entry = byMonth.get(key) ?? { year: period.year, month: period.number, value: 0 };
    entry.value = entry.value === null || cell.value === null ? null : entry.value + cell.value;
    byMonth.set(key, entry);
  }
  return [...byMonth.values()].sort((a, b) => a.year - b.year || a.month - b.month);
}

function tryParse(periodKey: string): Period | null {
  try {
    return parseCbsPeriod(periodKey);
  } catch {
    return null;
  }
}
