/**
 * The plan's tables as CSV downloads (see src/web/csv.ts): the activities of
 * the implementation plan with the page's filter applied, and every indicator.
 * Columns carry the same Dutch names as the pages.
 */
import type { ActivityRow } from '../../../domain/activity-filter.js';
import type { Plan } from '../../../domain/plan.js';
import { scheduleLabel } from '../../../domain/schedule.js';
import { toCsv } from '../../../web/csv.js';
import type { Messages } from '../../../web/messages.js';
import { scopedIndicators } from './indicators.page.js';
import { leadNames, partnerName, themeTitle } from './plan-parts.js';

export function activitiesCsv(m: Messages, plan: Plan, rows: readonly ActivityRow[]): string {
  const a = m.activity;
  return toCsv(
    [a.theme, a.workstream, a.name, a.description, a.quantity, a.cadence, a.leads, a.partners, a.schedule],
    rows.map(({ activity, theme, workstream }) => [
      themeTitle(m, theme),
      workstream.name,
      activity.groupLabel ? `${activity.groupLabel}: ${activity.name}` : activity.name,
      activity.description,
      activity.quantity ? `${activity.quantity.value} ${activity.quantity.unit}` : null,
      activity.cadence,
      leadNames(plan, activity.leadKeys).join(m.common.listSeparator),
      activity.partnerKeys.map((key) => partnerName(plan, key)).join(m.common.listSeparator),
      scheduleLabel(activity.schedule),
    ]),
  );
}

export function indicatorsCsv(m: Messages, plan: Plan): string {
  const t = m.indicatorTable;
  return toCsv(
    [t.scope, t.name, t.source, t.unit, t.baseline, t.baselineYear, t.comparison, t.target, t.targetYear, t.seriesCode],
    scopedIndicators(plan).map(({ indicator, theme }) => [
      theme ? themeTitle(m, theme) : t.scopePlan,
      indicator.name,
      indicator.source,
      m.unit(indicator),
      indicator.baselineValue,
      indicator.baselineYear,
      t.comparisons[indicator.targetComparison],
      indicator.targetValue,
      indicator.targetYear,
      indicator.seriesCode,
    ]),
  );
}
