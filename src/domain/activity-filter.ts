/**
 * Selecting activities of the implementation plan (uitvoeringsplan) by theme,
 * lead, partner, planning, words and progress. The web pages and the API share
 * these functions so a filter means the same thing everywhere.
 */
import type { Plan, StoredActivity, StoredTheme, StoredWorkstream } from './plan.js';
import { compareSchedules, scheduleLabel } from './schedule.js';

export interface ActivityFilter {
  themeKey?: string;
  leadKey?: string;
  partnerKey?: string;
  /** A label as made by `scheduleLabel`, such as "2019 e.v.". */
  schedule?: string;
  /**
   * Words that must all occur (in any case, with or without accents) in the
   * activity's name or description, its theme or workstream, or the names of
   * its leads and partners.
   */
  text?: string;
  /** The key of a progress status: the activities whose current report in the period has it (see `listActivities`). */
  progress?: string;
}

/** Query parameter of each filter condition, in the page address and the API alike: Dutch, as users read it. */
export const FILTER_PARAMS = {
  themeKey: 'thema',
  leadKey: 'trekker',
  partnerKey: 'partner',
  schedule: 'planning',
  text: 'zoek',
  progress: 'voortgang',
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

/**
 * The activities that meet every condition of the filter, in plan order; an
 * absent condition matches all. `progressOf` gives each activity's status key
 * in the period shown, by activity key; a progress condition without it
 * matches nothing.
 */
export function listActivities(plan: Plan, filter: ActivityFilter, progressOf?: ReadonlyMap<string, string>): ActivityRow[] {
  const words = filter.text === undefined ? [] : searchWords(filter.text);
  const names = words.length > 0 ? nameLookup(plan) : null;
  return allActivities(plan).filter(
    (row) =>
      matches(row, filter) &&
      (names === null || words.every((word) => searchText(row, names).includes(word))) &&
      (filter.progress === undefined || progressOf?.get(row.activity.key) === filter.progress),
  );
}

/** Lower case without accents, so "coordinatie" finds "coördinatie". */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();
}

export function searchWords(text: string): string[] {
  return fold(text).split(/\s+/).filter(Boolean);
}

function nameLookup(plan: Plan): Map<string, string> {
  return new Map([
    ...plan.portfolioHolders.map((holder) => [`trekker:${holder.key}`, holder.name] as const),
    ...plan.partners.map((partner) => [`partner:${partner.key}`, partner.name] as const),
  ]);
}

function searchText({ activity, theme, workstream }: ActivityRow, names: Map<string, string>): string {
  return fold(
    [
      activity.name,
      activity.description,
      activity.groupLabel ?? '',
      theme.name,
      workstream.name,
      ...activity.leadKeys.map((key) => names.get(`trekker:${key}`) ?? key),
      ...activity.partnerKeys.map((key) => names.get(`partner:${key}`) ?? key),
    ].join(' '),
  );
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
    // Any words may be searched for; the statuses are known to the caller that gives the progress (see listActivities).
    text: () => true,
    progress: () => true,
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
