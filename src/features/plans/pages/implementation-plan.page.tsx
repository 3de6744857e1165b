/**
 * `/plannen/:planId/uitvoeringsplan`: all activities in one table, with a
 * filter form that is a plain GET form, so it works without JavaScript and a
 * filtered view can be bookmarked or shared.
 */

import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { type ActivityFilter, type ActivityRow, FILTER_PARAMS, unknownFilterConditions } from '../../../domain/activity-filter.js';
import { ValidationError } from '../../../domain/errors.js';
import type { Plan } from '../../../domain/plan.js';
import type { ProgressStatus } from '../../../domain/progress.js';
import { CsvLink, Heading, Link, Paragraph, Table, TableHead } from '../../../web/components.js';
import { capitalise } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { AsOfField } from './as-of.js';
import { PlanChangesLinks } from './history-link.js';
import { ActivityDescription, ActivityResponsibilityCells, cellHtml, linkHtml, PlanNav, planCrumbs, themeTitle } from './plan-parts.js';
import { implementationCsvUrl, implementationUrl, themeUrl } from './plan-urls.js';

type Condition = keyof ActivityFilter;
const CONDITIONS = Object.keys(FILTER_PARAMS) as Condition[];

/**
 * The filter in the query string. An empty value means "all" (the form sends
 * empty selects); a value the plan does not know is an error naming the
 * parameter, rather than a silently empty table.
 */
export function readActivityFilter(
  m: Messages,
  plan: Plan,
  query: (name: string) => string | undefined,
  progress?: ImplementationProgress,
): ActivityFilter {
  const filter: ActivityFilter = {};
  for (const condition of CONDITIONS) {
    const value = query(FILTER_PARAMS[condition])?.trim().slice(0, 200);
    if (value) filter[condition] = value;
  }
  const unknown = unknownFilterConditions(plan, filter);
  // A progress status the plan does not know, or progress asked where the page has none, is an unknown value too.
  if (filter.progress !== undefined && !progress?.statuses.some((status) => status.key === filter.progress)) unknown.push('progress');
  if (unknown.length > 0) {
    throw new ValidationError(
      m.implementation.invalidFilter,
      unknown.map((condition) => ({
        path: FILTER_PARAMS[condition],
        message: m.implementation.invalidValue(filterLabel(m, condition), filter[condition] ?? ''),
      })),
    );
  }
  return filter;
}

/** The filter as the query parameters of the page, for links that keep it (the CSV download). */
function filterQuery(filter: ActivityFilter): Record<string, string | undefined> {
  return Object.fromEntries(CONDITIONS.map((condition) => [FILTER_PARAMS[condition], filter[condition]]));
}

function filterLabel(m: Messages, condition: Condition): string {
  const t = m.implementation;
  return {
    themeKey: t.filterTheme,
    leadKey: t.filterLead,
    partnerKey: t.filterPartner,
    schedule: t.filterSchedule,
    text: t.filterText,
    progress: t.filterProgress,
  }[condition];
}

/** The progress the page filters on: the statuses the plan knows and the period whose reports count. */
export interface ImplementationProgress {
  statuses: ProgressStatus[];
  periodLabel: string;
}

interface PageProps {
  m: Messages;
  plan: Plan;
  filter: ActivityFilter;
  rows: ActivityRow[];
  total: number;
  scheduleOptions: string[];
  /** Absent in page tests: the page then offers no progress filter. */
  progress?: ImplementationProgress;
}

export function ImplementationPlanPage({ m, plan, filter, rows, total, scheduleOptions, progress }: PageProps) {
  const t = m.implementation;
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="implementation" />
      <Paragraph lead>{t.intro}</Paragraph>
      <PlanChangesLinks m={m} plan={plan} />
      <FilterForm m={m} plan={plan} filter={filter} scheduleOptions={scheduleOptions} progress={progress} />
      <section class="koers-section" aria-labelledby="resultaat">
        <Heading level={2} id="resultaat">
          {t.resultHeading}
        </Heading>
        <Paragraph class="koers-result-count">{t.count(rows.length, total)}</Paragraph>
        {rows.length === 0 ? (
          <Paragraph>{t.nothingFound}</Paragraph>
        ) : (
          <>
            <ActivityTable m={m} plan={plan} filter={filter} rows={rows} />
            <CsvLink href={implementationCsvUrl(plan.id, filterQuery(filter))}>{m.common.downloadCsv}</CsvLink>
          </>
        )}
      </section>
    </Layout>
  );
}

interface Option {
  value: string;
  label: string;
}

function FilterForm({ m, plan, filter, scheduleOptions, progress }: Omit<PageProps, 'rows' | 'total'>) {
  const t = m.implementation;
  const byName = (a: Option, b: Option) => a.label.localeCompare(b.label, 'nl');
  const themes = plan.themes.map((theme) => ({ value: theme.key, label: themeTitle(m, theme) }));
  const leads = plan.portfolioHolders.map((holder) => ({ value: holder.key, label: holder.name }));
  const partners = plan.partners.map((partner) => ({ value: partner.key, label: capitalise(partner.name) })).sort(byName);
  const schedules = scheduleOptions.map((label) => ({ value: label, label }));
  // The fragment brings the reader straight to the result after submitting.
  return (
    <form class="koers-filter" method="get" action={`${implementationUrl(plan.id)}#resultaat`} aria-labelledby="filter-kop">
      <Heading level={2} id="filter-kop">
        {t.filterHeading}
      </Heading>
      <AsOfField />
      <div class="koers-filter__fields">
        <div class="utrecht-form-field">
          <label class="utrecht-form-label" for={`filter-${FILTER_PARAMS.text}`}>
            {t.filterText}
          </label>
          <input
            class="utrecht-textbox utrecht-textbox--html-input"
            id={`filter-${FILTER_PARAMS.text}`}
            name={FILTER_PARAMS.text}
            type="search"
            value={filter.text ?? ''}
          />
        </div>
        <Select
          name={FILTER_PARAMS.themeKey}
          label={t.filterTheme}
          allLabel={t.filterAllThemes}
          options={themes}
          selected={filter.themeKey}
        />
        <Select name={FILTER_PARAMS.leadKey} label={t.filterLead} allLabel={t.filterAllLeads} options={leads} selected={filter.leadKey} />
        <Select
          name={FILTER_PARAMS.partnerKey}
          label={t.filterPartner}
          allLabel={t.filterAllPartners}
          options={partners}
          selected={filter.partnerKey}
        />
        <Select
          name={FILTER_PARAMS.schedule}
          label={t.filterSchedule}
          allLabel={t.filterAllSchedules}
          options={schedules}
          selected={filter.schedule}
        />
        {progress && (
          <Select
            name={FILTER_PARAMS.progress}
            label={t.filterProgressIn(progress.periodLabel)}
            allLabel={t.filterAllProgress}
            options={progress.statuses.map((status) => ({ value: status.key, label: status.label }))}
            selected={filter.progress}
          />
        )}
      </div>
      <div class="koers-filter__actions">
        <button type="submit" class="utrecht-button utrecht-button--primary-action utrecht-button--submit">
          {t.submit}
        </button>
        <Link href={implementationUrl(plan.id)}>{t.reset}</Link>
      </div>
    </form>
  );
}

interface SelectProps {
  name: string;
  label: string;
  allLabel: string;
  options: Option[];
  selected: string | undefined;
}

function Select({ name, label, allLabel, options, selected }: SelectProps) {
  const id = `filter-${name}`;
  return (
    <div class="utrecht-form-field">
      <label class="utrecht-form-label" for={id}>
        {label}
      </label>
      <select class="utrecht-select utrecht-select--html-select" id={id} name={name}>
        <option value="">{allLabel}</option>
        {options.map((option) => (
          <option value={option.value} selected={option.value === selected}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/**
 * The rendered rows of the table, per version of a plan's content, language and filter. The table is the same for
 * every reader of one version, and by far the largest part of the page (close to 150 KiB for the Maasgouw plan),
 * so it is rendered once. The key is the plan's list of themes: the plan store shares one per version of the content
 * (the working copy or a snapshot) and makes a new one when the content changes, so a change is never shown late,
 * and a version nobody reads any more is forgotten with it. The rows are made of the plan, the language and the
 * filter alone, never of who reads them: whatever a row may one day show per reader belongs in the key too.
 */
const renderedRows = new WeakMap<Plan['themes'], WeakMap<Messages, Map<string, HtmlEscapedString>>>();

function activityRows(m: Messages, plan: Plan, filter: ActivityFilter, rows: ActivityRow[]): HtmlEscapedString {
  let ofVersion = renderedRows.get(plan.themes);
  if (!ofVersion) {
    ofVersion = new WeakMap();
    renderedRows.set(plan.themes, ofVersion);
  }
  let kept = ofVersion.get(m);
  if (!kept) {
    kept = new Map();
    ofVersion.set(m, kept);
  }
  // A progress filter selects by reports, which change without a new version of the plan: those rows are never kept.
  const key = filter.progress === undefined ? JSON.stringify([plan.id, filter]) : null;
  let body = key === null ? undefined : kept.get(key);
  if (!body) {
    const a = m.activity;
    // One row per activity of the plan: written as a template, as the cells are (see plan-parts.tsx).
    const rendered = html`<tbody class="utrecht-table__body">${rows.map(
      ({ activity, theme, workstream }) =>
        html`<tr class="utrecht-table__row">${cellHtml(a.theme, linkHtml(themeUrl(plan.id, theme.id), themeTitle(m, theme)))}${cellHtml(
          a.workstream,
          workstream.name,
        )}${cellHtml(a.name, ActivityDescription({ m, activity }), true)}${ActivityResponsibilityCells({ m, plan, activity })}</tr>`,
    )}</tbody>`;
    if (rendered instanceof Promise) throw new Error('The cells of an activity are rendered at once, never later');
    // One flat string, so every page that shows it copies it instead of walking the pieces again.
    body = raw(rendered.toString());
    if (key !== null) kept.set(key, body);
  }
  return body;
}

function ActivityTable({ m, plan, filter, rows }: { m: Messages; plan: Plan; filter: ActivityFilter; rows: ActivityRow[] }) {
  const a = m.activity;
  const body = activityRows(m, plan, filter, rows);
  return (
    <Table caption={m.implementation.caption} hideCaption>
      <TableHead columns={[a.theme, a.workstream, a.name, a.leads, a.partners, a.schedule]} />
      {body}
    </Table>
  );
}
