/**
 * The content a plan for the next period starts with when it is copied from
 * the previous one: the same themes, indicators and activities under the same
 * keys, moved into the new period. Indicators keep their baseline and aim for
 * the new period's last year; activities that ended before the new period stay
 * behind; activities that started earlier run on from its first year.
 */
import type { PlanContent } from './plan.js';

export function carryOver(previous: PlanContent, periodStart: number, periodEnd: number): PlanContent {
  const inPeriod = (year: number) => year >= periodStart && year <= periodEnd;
  const indicator = <T extends PlanContent['indicators'][number]>(item: T): T =>
    inPeriod(item.targetYear) ? item : { ...item, targetYear: Math.max(periodEnd, item.baselineYear) };
  return {
    ...previous,
    periodStart,
    periodEnd,
    status: 'draft',
    adoptedOn: null,
    adoptions: [],
    indicators: previous.indicators.map(indicator),
    themes: previous.themes.map((theme) => ({
      ...theme,
      previousPlanNote: null,
      indicators: theme.indicators.map(indicator),
      workstreams: theme.workstreams.map((workstream) => ({
        ...workstream,
        activities: workstream.activities
          .filter((activity) => activity.schedule.endYear === null || activity.schedule.endYear >= periodStart)
          .map((activity) => {
            const { startYear } = activity.schedule;
            if (startYear === null || inPeriod(startYear)) return activity;
            return { ...activity, schedule: { ...activity.schedule, startYear: periodStart, startQuarter: null } };
          }),
      })),
    })),
  };
}
