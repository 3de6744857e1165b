/**
 * Pieces several plan pages share: the navigation between the pages of a plan,
 * the breadcrumb, theme labels, an indicator table and the cells of an activity.
 */
import { html } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { IndicatorStatus } from '../../../domain/indicator-status.js';
import type { Plan, StoredActivity, StoredIndicator, ThemeKind } from '../../../domain/plan.js';
import { scheduleLabel } from '../../../domain/schedule.js';
import { Cell, joinChildren, Link, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { capitalise, formatBaseline, formatNumber, formatTarget } from '../../../web/format.js';
import type { Crumb } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { StatusBadge } from '../../monitoring/pages/monitor-parts.js';
import { indicatorMonitorUrl, monitorUrl } from '../../monitoring/pages/monitor-urls.js';
import { AsOfBar } from './as-of.js';
import { HistoryLink } from './history-link.js';
import {
  analysisPageUrl,
  budgetPageUrl,
  coverageUrl,
  implementationUrl,
  indicatorsUrl,
  partnersUrl,
  partnerUrl,
  planListUrl,
  planUrl,
  prioritisationPageUrl,
  progressPageUrl,
  reportsPageUrl,
  revisionsUrl,
  similarMunicipalitiesPageUrl,
  wasWordtPageUrl,
} from './plan-urls.js';

export type PlanPage =
  | 'overview'
  | 'coverage'
  | 'implementation'
  | 'progress'
  | 'budget'
  | 'reports'
  | 'analysis'
  | 'similarMunicipalities'
  | 'wasWordt'
  | 'prioritisation'
  | 'partners'
  | 'indicators'
  | 'monitor'
  | 'revisions'
  | 'edit';

const PLAN_PAGES: { page: Exclude<PlanPage, 'revisions' | 'edit'>; url: (planId: string) => string }[] = [
  { page: 'overview', url: planUrl },
  { page: 'coverage', url: coverageUrl },
  { page: 'implementation', url: implementationUrl },
  { page: 'progress', url: progressPageUrl },
  { page: 'budget', url: budgetPageUrl },
  { page: 'reports', url: reportsPageUrl },
  { page: 'partners', url: partnersUrl },
  { page: 'indicators', url: indicatorsUrl },
  { page: 'monitor', url: monitorUrl },
  { page: 'analysis', url: analysisPageUrl },
  { page: 'similarMunicipalities', url: similarMunicipalitiesPageUrl },
  { page: 'wasWordt', url: wasWordtPageUrl },
  { page: 'prioritisation', url: prioritisationPageUrl },
];

/** The pages of the plan; `mayEdit` adds the edit page, for those who may edit it; the plan as of a date (as-of.tsx) shows its banner or date form below. */
export function PlanNav({ m, plan, current, mayEdit = false }: { m: Messages; plan: Plan; current?: PlanPage; mayEdit?: boolean }) {
  return (
    <>
      <nav class="koers-plan-nav" aria-label={m.planNav.label}>
        <ul class="koers-plan-nav__list">
          {PLAN_PAGES.map(({ page, url }) => (
            <li>
              <Link href={url(plan.id)} current={page === current}>
                {m.planNav[page]}
              </Link>
            </li>
          ))}
          <li>
            <Link href={revisionsUrl(plan.id)} current={current === 'revisions'}>
              {m.changes.nav}
            </Link>
          </li>
          {mayEdit && (
            <li>
              <Link href={`${planUrl(plan.id)}/bewerken`} current={current === 'edit'}>
                {m.editing.navLink}
              </Link>
            </li>
          )}
        </ul>
      </nav>
      <AsOfBar m={m} plan={plan} />
    </>
  );
}

/** Plannen > plan title > page; the overview itself ends at the plan title. */
export function planCrumbs(m: Messages, plan: Plan, pageLabel?: string): Crumb[] {
  const crumbs: Crumb[] = [{ label: m.common.plans, href: planListUrl() }];
  crumbs.push(pageLabel ? { label: plan.title, href: planUrl(plan.id) } : { label: plan.title });
  if (pageLabel) crumbs.push({ label: pageLabel });
  return crumbs;
}

/** "Prioriteit 1" or "Strategisch thema 4". */
export function themeLabel(m: Messages, theme: { kind: ThemeKind; number: number }): string {
  return m.theme.kindAndNumber(m.themeKind[theme.kind], theme.number);
}

/** "Prioriteit 1: Overlast, ..." */
export function themeTitle(m: Messages, theme: { kind: ThemeKind; number: number; name: string }): string {
  return `${themeLabel(m, theme)}: ${theme.name}`;
}

/** Each indicator's status now, by key, where the page shows the monitor beside the plan. */
export type IndicatorStatuses = ReadonlyMap<string, IndicatorStatus>;

/** Indicators with source, unit, baseline and target; each links to its page in the monitor, with its status when known. */
export function IndicatorTable({
  m,
  plan,
  caption,
  indicators,
  statuses,
  withHistory = false,
}: {
  m: Messages;
  plan: Plan;
  caption: string;
  indicators: StoredIndicator[];
  statuses?: IndicatorStatuses;
  /** A link to each indicator's history across revisions (of an adopted plan). */
  withHistory?: boolean;
}) {
  const t = m.indicatorTable;
  const columns = [t.name, ...(statuses ? [t.status] : []), t.source, t.unit, t.baseline, t.target];
  return (
    <Table caption={caption}>
      <TableHead columns={columns} />
      <TableBody>
        {indicators.map((indicator) => (
          <Row>
            <RowHeader>
              <Link href={indicatorMonitorUrl(plan.id, indicator.key)}>{capitalise(indicator.name)}</Link>
              {withHistory && <HistoryLink m={m} plan={plan} kind="indicator" elementKey={indicator.key} label={indicator.name} />}
            </RowHeader>
            {statuses && (
              <Cell label={t.status}>
                <StatusBadge m={m} status={statuses.get(indicator.key) ?? 'no_data'} />
              </Cell>
            )}
            <Cell label={t.source}>{capitalise(indicator.source)}</Cell>
            <Cell label={t.unit}>{m.unit(indicator)}</Cell>
            <Cell label={t.baseline}>{formatBaseline(indicator)}</Cell>
            <Cell label={t.target}>{t.targetInYear(formatTarget(indicator), indicator.targetYear)}</Cell>
          </Row>
        ))}
      </TableBody>
    </Table>
  );
}

/** The names of the portfolio holders who lead an activity; an unknown key shows as itself rather than vanish. */
export function leadNames(plan: Plan, keys: string[]): string[] {
  return keys.map((key) => plan.portfolioHolders.find((holder) => holder.key === key)?.name ?? key);
}

/** A partner's name as a name, with a capital: the plan may list a group such as "zorgaanbieders" in lower case. */
export function partnerName(plan: Plan, key: string): string {
  return capitalise(plan.partners.find((partner) => partner.key === key)?.name ?? key);
}

export function PartnerLinks({ m, plan, keys }: { m: Messages; plan: Plan; keys: string[] }) {
  if (keys.length === 0) return <span class="koers-muted">{m.common.none}</span>;
  const links: Child[] = keys.map((key) => <Link href={partnerUrl(plan.id, key)}>{partnerName(plan, key)}</Link>);
  return <>{joinChildren(links, m.common.listSeparator)}</>;
}

/*
 * The cells of an activity are written as HTML templates (hono/html) rather
 * than JSX: the implementation plan has a row for every activity of the plan,
 * and a template renders a row about four times as fast as the same JSX (see
 * docs/benchmarks.md), with the same escaping and the same HTML.
 */

/** A data cell with its column's name, as `Cell` writes it. */
export function cellHtml(label: string, content: unknown, isKey = false): HtmlEscapedString {
  return html`<td class="${isKey ? 'utrecht-table__cell koers-table__key' : 'utrecht-table__cell'}" data-label="${label}">${content}</td>` as HtmlEscapedString;
}

/** A link, as `Link` writes it. */
export function linkHtml(href: string, text: string): HtmlEscapedString {
  return html`<a class="utrecht-link utrecht-link--html-a" href="${href}">${text}</a>` as HtmlEscapedString;
}

/** Name, description, group label, quantity, cadence and weight of an activity: the first cell of its row. */
export function ActivityDescription({ m, activity }: { m: Messages; activity: StoredActivity }): HtmlEscapedString {
  const { groupLabel, quantity, cadence, weight } = activity;
  return html`${groupLabel ? html`<span class="koers-activity__group">${groupLabel}</span>` : ''}<span class="koers-activity__name">${activity.name}</span><span class="koers-activity__detail">${activity.description}</span>${
    quantity
      ? html`<span class="koers-activity__detail">${`${m.activity.quantity}: ${formatNumber(quantity.value)} ${quantity.unit}`}</span>`
      : ''
  }${cadence ? html`<span class="koers-activity__detail">${`${m.activity.cadence}: ${cadence}`}</span>` : ''}${
    weight ? html`<span class="koers-activity__detail">${`${m.activity.weight}: ${formatNumber(weight)}`}</span>` : ''
  }` as HtmlEscapedString;
}

/** Leads, partners and planning: the cells every activity table ends with. */
export function ActivityResponsibilityCells({
  m,
  plan,
  activity,
}: {
  m: Messages;
  plan: Plan;
  activity: StoredActivity;
}): HtmlEscapedString {
  const partners =
    activity.partnerKeys.length === 0
      ? html`<span class="koers-muted">${m.common.none}</span>`
      : activity.partnerKeys.map(
          (key, index) => html`${index > 0 ? m.common.listSeparator : ''}${linkHtml(partnerUrl(plan.id, key), partnerName(plan, key))}`,
        );
  return html`${cellHtml(m.activity.leads, leadNames(plan, activity.leadKeys).join(m.common.listSeparator) || m.common.none)}${cellHtml(
    m.activity.partners,
    partners,
  )}${cellHtml(m.activity.schedule, scheduleLabel(activity.schedule))}` as HtmlEscapedString;
}
