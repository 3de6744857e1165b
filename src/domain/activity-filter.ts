/**
 * Selecting activities of the implementation plan (uitvoeringsplan) by theme,
 * lead, partner and planning. The web pages and the API share these functions
 * so a filter means the same thing everywhere.
 */
import type { Plan, StoredActivity, StoredTheme, StoredWorkstream } from './plan.js';
import { compareSchedules, scheduleLabel } from './schedule.js';

export interface ActivityFilter {
  themeKey?: string;
  leadKey?: string;
  partnerKey?: string;
  /** A label as made by `scheduleLabel`, such as "2019 e.v.". */
  schedule?: string;
}

/** Query parameter of each filter condition, in the page address and the API alike: Dutch, as users read it. */
export const FILTER_PARAMS = {
  themeKey: 'thema',
  leadKey: 'trekker',
  partnerKey: 'partner',
  schedule: 'planning',
} as const satisfies Record<keyof ActivityFilter, string>;

export interface ActivityRow {
  activity: StoredActivity;
  theme: StoredTheme;
  workstream: StoredWorkstream;
}

/** Every activity of the plan in plan order, with its theme and workstream. */
export function allActivities(plan: Plan): ActivityRow[] {
  return plan.themes.flatMap((theme) =>
    theme.workstreams.flatMap((workstream) => workstream.activities.map((activity) => ({ activity, theme, workstream }))),
  );
}

/** The activities that meet every condition of the filter, in plan order; an absent condition matches all. */
export function listActivities(plan: Plan, filter: ActivityFilter): ActivityRow[] {
  return allActivities(plan).filter((row) => matches(row, filter));
}

export function activitiesOfPartner(plan: Plan, partnerKey: string): ActivityRow[] {
  return listActivities(plan, { partnerKey });
}

/** The distinct planning labels of the plan, ongoing work first, then by start and end. */
export function scheduleOptions(plan: Plan): string[] {
  const schedules = allActivities(plan)
    .map((row) => row.activity.schedule)
    .sort(compareSchedules);
  return [...new Set(schedules.map(scheduleLabel))];
}

/**
 * The conditions of a filter that name something the plan does not have. A
 * filter on an unknown key would silently match nothing; callers report it
 * instead.
 */
export function unknownFilterConditions(plan: Plan, filter: ActivityFilter): (keyof ActivityFilter)[] {
  const known: Record<keyof ActivityFilter, (value: string) => boolean> = {
    themeKey: (key) => plan.themes.some((theme) => theme.key === key),
    leadKey: (key) => plan.portfolioHolders.some((holder) => holder.key === key),
    partnerKey: (key) => plan.partners.some((partner) => partner.key === key),
    schedule: (label) => scheduleOptions(plan).includes(label),
  };
  return (Object.keys(known) as (keyof ActivityFilter)[]).filter((condition) => {
    const value = filter[condition];
    return value !== undefined && !known[condition](value);
  });
}

function matches({ activity, theme }: ActivityRow, filter: ActivityFilter): boolean {
  return (
    (filter.themeKey === undefined || theme.key === filter.themeKey) &&
    (filter.leadKey === undefined || activity.leadKeys.includes(filter.leadKey)) &&
    (filter.partnerKey === undefined || activity.partnerKeys.includes(filter.partnerKey)) &&
    (filter.schedule === undefined || scheduleLabel(activity.schedule) === filter.schedule)
  );
}
