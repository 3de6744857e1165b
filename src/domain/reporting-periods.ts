/**
 * The periods in which a plan reports the progress of its activities: the
 * calendar years of the plan by default, or its half-years or quarters; and
 * what a period expects of an activity (is it planned then, how many of its
 * yearly number, how many times a recurring activity should have happened).
 * Pure: no storage, no pages.
 */
import type { ActivityContent, Schedule } from './plan.js';
import { expectedOccurrences } from './progress.js';

export type ReportingFrequency = 'year' | 'half_year' | 'quarter';

export const REPORTING_FREQUENCIES: readonly ReportingFrequency[] = ['year', 'half_year', 'quarter'];

export interface ReportingPeriod {
  /** Stable: "2019", "2019-H1", "2019-Q3". */
  key: string;
  label: string;
  year: number;
  /** First and last day, ISO dates. */
  start: string;
  end: string;
  /** The share of a year the period covers: 1, 0.5 or 0.25. */
  shareOfYear: number;
  /** The quarters of the year the period covers, 1 to 4. */
  firstQuarter: number;
  lastQuarter: number;
  /** When progress is reported: a year in Q2 of the next year, a half-year or quarter in the quarter after it. */
  reportedIn: string;
  /** The deadline a round for the period gets unless the coordinator picks another: a month after the period. */
  suggestedDeadline: string;
}

export class ReportingPeriodError extends Error {}

/** The reporting periods of a plan that runs from `firstYear` to `lastYear`, in order. */
export function reportingPeriods(firstYear: number, lastYear: number, frequency: ReportingFrequency): ReportingPeriod[] {
  const periods: ReportingPeriod[] = [];
  for (let year = firstYear; year <= lastYear; year++) {
    if (frequency === 'year') periods.push(period(year, 1, 4));
    else if (frequency === 'half_year') periods.push(period(year, 1, 2), period(year, 3, 4));
    else for (let quarter = 1; quarter <= 4; quarter++) periods.push(period(year, quarter, quarter));
  }
  return periods;
}

/** The period with this key among the plan's periods; an error says which keys there are. */
export function findReportingPeriod(periods: readonly ReportingPeriod[], key: string): ReportingPeriod {
  const found = periods.find((candidate) => candidate.key === key);
  if (!found) {
    const first = periods[0]?.key;
    const last = periods.at(-1)?.key;
    throw new ReportingPeriodError(
      first
        ? `${key} is geen rapportageperiode van dit plan (van ${first} tot en met ${last})`
        : `${key} is geen rapportageperiode van dit plan`,
    );
  }
  return found;
}

function period(year: number, firstQuarter: number, lastQuarter: number): ReportingPeriod {
  const quarters = lastQuarter - firstQuarter + 1;
  const key = quarters === 4 ? String(year) : quarters === 2 ? `${year}-H${lastQuarter / 2}` : `${year}-Q${firstQuarter}`;
  const label =
    quarters === 4 ? String(year) : quarters === 2 ? `${lastQuarter / 2}e halfjaar ${year}` : `${firstQuarter}e kwartaal ${year}`;
  const endMonth = lastQuarter * 3;
  const nextQuarter = lastQuarter === 4 ? { year: year + 1, quarter: 1 } : { year, quarter: lastQuarter + 1 };
  return {
    key,
    label,
    year,
    start: isoDate(year, (firstQuarter - 1) * 3 + 1, 1),
    end: isoDate(year, endMonth, daysIn(year, endMonth)),
    shareOfYear: quarters / 4,
    firstQuarter,
    lastQuarter,
    reportedIn: quarters === 4 ? `2e kwartaal ${year + 1}` : `${nextQuarter.quarter}e kwartaal ${nextQuarter.year}`,
    suggestedDeadline: endMonth === 12 ? isoDate(year + 1, 1, 31) : isoDate(year, endMonth + 1, daysIn(year, endMonth + 1)),
  };
}

function isoDate(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Whether the activity's planning includes (part of) the period: ongoing work
 * always; otherwise from its start (year, and quarter if given) up to and
 * including its last year. A planning without any year counts as always.
 */
export function plannedIn(schedule: Schedule, period: ReportingPeriod): boolean {
  if (schedule.ongoing || (schedule.startYear === null && schedule.endYear === null)) return true;
  const startsBy =
    schedule.startYear === null ||
    schedule.startYear < period.year ||
    (schedule.startYear === period.year && (schedule.startQuarter ?? 1) <= period.lastQuarter);
  const endsAfter = schedule.endYear === null || schedule.endYear >= period.year;
  return startsBy && endsAfter;
}

/**
 * The number an activity plans in the period: its quantity is a yearly number
 * (about 20 mediation cases a year), so a half-year plans half of it (rounded
 * to whole ones, at least 1). Null when the activity has no quantity.
 */
export function plannedQuantity(activity: Pick<ActivityContent, 'quantity'>, period: ReportingPeriod): number | null {
  if (!activity.quantity) return null;
  if (period.shareOfYear === 1) return activity.quantity.value;
  return Math.max(1, Math.round(activity.quantity.value * period.shareOfYear));
}

const PER_YEAR: [RegExp, number][] = [
  [/\b(\d+)\s*(x|keer|maal)\s*(per|in het|per kalender)?\s*jaar\b/, Number.NaN],
  [/\bhalfjaarlijks\b|\btwee keer per jaar\b/, 2],
  [/\bjaarlijks\b|\belk jaar\b|\bieder jaar\b/, 1],
  [/\b(per kwartaal|driemaandelijks|elk kwartaal|kwartaal)\b/, 4],
  [/\bviermaandelijks\b/, 3],
  [/\btweemaandelijks\b/, 6],
  [/\bzeswekelijks\b/, 52 / 6],
  [/\bvierwekelijks\b/, 13],
  [/\btweewekelijks\b/, 26],
  [/\bmaandelijks\b|\belke maand\b|\bper maand\b/, 12],
  [/\bwekelijks\b|\belke week\b|\bper week\b/, 52],
];

/**
 * How many times a year a recurring activity happens, read from its
 * frequency as plans write it ("4x per jaar", "viermaandelijks",
 * "zeswekelijks", "elke kern 1x per jaar"); null when the frequency names no
 * number of times ("periodiek", "op verzoek") or there is none.
 */
export function timesPerYear(cadence: string | null): number | null {
  if (!cadence) return null;
  const text = cadence.toLowerCase();
  for (const [pattern, times] of PER_YEAR) {
    const match = pattern.exec(text);
    if (!match) continue;
    if (Number.isNaN(times)) {
      const count = Number(match[1]);
      return count > 0 ? count : null;
    }
    return times;
  }
  return null;
}

/**
 * The occurrences a recurring activity should have had in the period by the
 * reference date (the whole period once the date is past its end); null for
 * an activity that is not recurring.
 */
export function expectedInPeriod(cadence: string | null, period: ReportingPeriod, asOf: string): number | null {
  const times = timesPerYear(cadence);
  if (times === null) return null;
  return expectedOccurrences(times, period.start, asOf > period.end ? period.end : asOf);
}
