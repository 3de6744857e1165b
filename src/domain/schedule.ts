/**
 * The planning of an activity in the words of an implementation plan:
 * "doorlopend", "2019 e.v.", "3e kwartaal 2019 e.v.", "2019-2020".
 * The label doubles as the value of the planning filter, so the same schedule
 * must always give the same label.
 */
import type { Schedule } from './plan.js';

const ONGOING = 'doorlopend';

export function scheduleLabel(schedule: Schedule): string {
  const period = periodLabel(schedule);
  if (schedule.ongoing) return period ? `${ONGOING}/${period}` : ONGOING;
  return period ?? 'geen planning';
}

/** The dated part of a schedule, or null when it names no year at all. */
function periodLabel({ startYear, startQuarter, endYear }: Schedule): string | null {
  const start = startYear === null ? null : startQuarter ? `${startQuarter}e kwartaal ${startYear}` : String(startYear);
  if (start === null) return endYear === null ? null : `tot en met ${endYear}`;
  if (endYear === null) return `${start} e.v.`;
  if (endYear === startYear) return start;
  return `${start}-${endYear}`;
}

/**
 * Orders schedules as a reader scans a planning column: ongoing work first,
 * then by the moment work starts, then by the moment it ends.
 */
export function compareSchedules(a: Schedule, b: Schedule): number {
  return (
    Number(b.ongoing) - Number(a.ongoing) ||
    (a.startYear ?? 0) - (b.startYear ?? 0) ||
    (a.startQuarter ?? 0) - (b.startQuarter ?? 0) ||
    (a.endYear ?? Number.MAX_SAFE_INTEGER) - (b.endYear ?? Number.MAX_SAFE_INTEGER)
  );
}
