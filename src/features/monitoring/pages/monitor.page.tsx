/**
 * `/plannen/:planId/monitor`: how every indicator of the plan is doing (status
 * in words, latest value, baseline, target, projection, chart and table), the
 * written assessments of the qualitative themes, and for those allowed the
 * forms to refresh the open data, read in a file of measurements and write an
 * assessment. Anonymous visitors of a published plan see everything but the forms.
 */

import {
  Cell,
  CsvLink,
  FootnoteList,
  Footnotes,
  Heading,
  Link,
  ListItem,
  NoValue,
  Paragraph,
  Row,
  RowHeader,
  Table,
  TableBody,
  TableHead,
  UnorderedList,
} from '../../../web/components.js';
import { capitalise, formatDateTime, formatPeriod } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { PlanNav, themeTitle } from '../../plans/pages/plan-parts.js';
import { themeUrl } from '../../plans/pages/plan-urls.js';
import type { IndicatorMonitor } from '../indicator-monitor.js';
import type { MonitorView } from '../monitoring.service.js';
import { ChartWithTable, IndicatorFacts, latestText, ProjectionText, targetText } from './indicator-parts.js';
import { ErrorSummary, MonitorNav, monitorCrumbs, Notice, pageTitle, StatusBadge } from './monitor-parts.js';
import {
  type AssessmentState,
  assessmentFieldId,
  assessmentFieldLabel,
  QualitativeThemes,
  RefreshSection,
  type UploadFailure,
  UploadProblems,
  UploadSection,
} from './monitor-sections.js';
import { type MonitorState, missingCause, monitorState } from './monitor-state.js';
import { domId, indicatorAnchor, indicatorMonitorUrl, monitorCsvUrl } from './monitor-urls.js';

export interface MonitorPageProps {
  m: Messages;
  view: MonitorView;
  csrf: string;
  notice?: string;
  /** The file that was refused, with every problem in it. */
  upload?: UploadFailure;
  /** An assessment form sent back with problems. */
  assessment?: AssessmentState;
  /** The current year, to say whether the plan's period is over. */
  currentYear: number;
}

export function MonitorPage({ m, view, csrf, notice, upload, assessment, currentYear }: MonitorPageProps) {
  const t = m.monitoring.monitor;
  const { plan } = view;
  const hasErrors = upload !== undefined || (assessment !== undefined && assessment.problems.length > 0);
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title, hasErrors)} crumbs={monitorCrumbs(m, plan)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="monitor" />
      <MonitorNav m={m} plan={plan} current="monitor" />
      {notice && <Notice>{notice}</Notice>}
      {upload && <UploadProblems m={m} upload={upload} />}
      {assessment && assessment.problems.length > 0 && (
        <ErrorSummary
          m={m}
          problems={assessment.problems.map((problem) => ({
            fieldId: assessmentFieldId(assessment.themeKey, problem.path),
            text: `${assessmentFieldLabel(m, problem.path)}: ${problem.message}`,
          }))}
        />
      )}
      <Paragraph lead>{t.intro}</Paragraph>
      <StateSection m={m} view={view} state={monitorState(view, currentYear)} />
      <StatusLegend m={m} />
      <Overview m={m} view={view} />
      <IndicatorSections m={m} view={view} />
      <QualitativeThemes m={m} view={view} csrf={csrf} assessment={assessment} />
      {view.may.refresh && <RefreshSection m={m} view={view} csrf={csrf} />}
      {view.may.edit && <UploadSection m={m} view={view} csrf={csrf} failed={upload !== undefined} />}
    </Layout>
  );
}

function StatusLegend({ m }: { m: Messages }) {
  const statuses = ['met', 'on_course', 'attention', 'off_course', 'no_data'] as const;
  return (
    <section class="koers-section" aria-labelledby="status-uitleg">
      <Heading level={2} id="status-uitleg">
        {m.monitoring.statusLegend}
      </Heading>
      <dl class="koers-facts">
        {statuses.map((status) => (
          <>
            <dt>
              <StatusBadge m={m} status={status} />
            </dt>
            <dd>{m.monitoring.statusMeaning[status]}</dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function StateSection({ m, view, state }: { m: Messages; view: MonitorView; state: MonitorState }) {
  const t = m.monitoring.monitor;
  const names = (monitors: IndicatorMonitor[]) =>
    monitors.map((monitor) => capitalise(monitor.indicator.name)).join(m.common.listSeparator);
  const missingCount = state.missing.reduce((sum, entry) => sum + entry.indicators.length, 0);
  return (
    <section class="koers-section koers-state" aria-labelledby="stand">
      <Heading level={2} id="stand">
        {t.stateHeading}
      </Heading>
      {state.periodEnded && <Paragraph>{t.periodEnded(formatPeriod(view.plan.periodStart, view.plan.periodEnd))}</Paragraph>}
      <Paragraph>
        {state.lastRefresh ? t.lastRefresh(formatDateTime(state.lastRefresh)) : view.imports.length > 0 ? t.recentFailed : t.neverRefreshed}
      </Paragraph>
      {state.unreachable.map((table) => (
        <Paragraph>{t.unreachable(table.table, table.error)}</Paragraph>
      ))}
      {missingCount > 0 && (
        <>
          <Paragraph>{t.missingIndicators(missingCount)}</Paragraph>
          <UnorderedList>
            {state.missing.map((entry) => (
              <ListItem>
                {`${t.missingCauses[entry.cause]} `}
                <span class="koers-muted">{`(${names(entry.indicators)})`}</span>
              </ListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {state.notAssessed.length > 0 && (
        <Paragraph>
          {t.themesNotAssessed(state.notAssessed.map((theme) => themeTitle(m, theme.theme)).join(m.common.listSeparator))}
        </Paragraph>
      )}
    </section>
  );
}

/** The plan's theme as a link to its page; the monitor names a theme by key. */
function ThemeLink({ m, view, themeKey }: { m: Messages; view: MonitorView; themeKey: string }) {
  const theme = view.plan.themes.find((candidate) => candidate.key === themeKey);
  if (!theme) return <>{themeKey}</>;
  return <Link href={themeUrl(view.plan.id, theme.id)}>{themeTitle(m, theme)}</Link>;
}

function Overview({ m, view }: { m: Messages; view: MonitorView }) {
  const t = m.monitoring.monitor;
  if (view.indicators.length === 0) return <Paragraph>{t.noIndicators}</Paragraph>;
  const notes = new Footnotes('overzicht');
  const rows = view.indicators.map((monitor) => {
    const cause = missingCause(view, monitor);
    return {
      monitor,
      latest: cause ? notes.refer([t.missingCauses[cause]]) : [],
      projection: monitor.projection ? [] : notes.refer([m.monitoring.facts.projectionNone]),
    };
  });
  const noValue = (numbers: number[]) => (
    <NoValue notes={notes} numbers={numbers} noValue={m.common.noValue} footnote={m.common.footnote} />
  );
  return (
    <section class="koers-section" aria-labelledby="overzicht">
      <Heading level={2} id="overzicht">
        {t.overview}
      </Heading>
      <Table caption={t.overviewCaption}>
        <TableHead columns={[t.columnIndicator, t.columnTheme, t.columnStatus, t.columnLatest, t.columnTarget, t.columnProjection]} />
        <TableBody>
          {rows.map(({ monitor, latest, projection }) => (
            <Row>
              <RowHeader>
                <Link href={`#${indicatorAnchor(monitor.indicator.key)}`}>{capitalise(monitor.indicator.name)}</Link>
              </RowHeader>
              <Cell label={t.columnTheme}>{monitor.theme ? <ThemeLink m={m} view={view} themeKey={monitor.theme.key} /> : t.planWide}</Cell>
              <Cell label={t.columnStatus}>
                <StatusBadge m={m} status={monitor.current.status} />
              </Cell>
              <Cell label={t.columnLatest}>{latest.length > 0 ? noValue(latest) : latestText(m, monitor)}</Cell>
              <Cell label={t.columnTarget}>{targetText(m, monitor)}</Cell>
              <Cell label={t.columnProjection}>
                {projection.length > 0 ? noValue(projection) : <ProjectionText m={m} monitor={monitor} />}
              </Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
      <FootnoteList notes={notes} label={m.common.footnotes} />
      <CsvLink href={monitorCsvUrl(view.plan.id)}>{m.common.downloadCsv}</CsvLink>
    </section>
  );
}

/** Plan-wide indicators first, then per theme in plan order (the order of the view). */
interface IndicatorGroup {
  id: string;
  title: string;
  themeKey: string | null;
  indicators: IndicatorMonitor[];
}

function groupByTheme(m: Messages, indicators: IndicatorMonitor[]): IndicatorGroup[] {
  const groups: IndicatorGroup[] = [];
  for (const monitor of indicators) {
    const id = monitor.theme ? `groep-${domId(monitor.theme.key)}` : 'groep-plan';
    let group = groups.find((candidate) => candidate.id === id);
    if (!group) {
      group = {
        id,
        title: monitor.theme ? themeTitle(m, monitor.theme) : m.monitoring.monitor.planWideHeading,
        themeKey: monitor.theme?.key ?? null,
        indicators: [],
      };
      groups.push(group);
    }
    group.indicators.push(monitor);
  }
  return groups;
}

function IndicatorSections({ m, view }: { m: Messages; view: MonitorView }) {
  return (
    <>
      {groupByTheme(m, view.indicators).map((group) => (
        <section class="koers-section" aria-labelledby={group.id}>
          <Heading level={2} id={group.id}>
            {group.title}
          </Heading>
          {group.themeKey && <ThemePageLink m={m} view={view} themeKey={group.themeKey} title={group.title} />}
          {group.indicators.map((monitor) => (
            <IndicatorSection m={m} planId={view.plan.id} monitor={monitor} />
          ))}
        </section>
      ))}
    </>
  );
}

function ThemePageLink({ m, view, themeKey, title }: { m: Messages; view: MonitorView; themeKey: string; title: string }) {
  const theme = view.plan.themes.find((candidate) => candidate.key === themeKey);
  if (!theme) return null;
  return (
    <Paragraph>
      <Link href={themeUrl(view.plan.id, theme.id)}>{m.monitoring.monitor.themeLink(title)}</Link>
    </Paragraph>
  );
}

function IndicatorSection({ m, planId, monitor }: { m: Messages; planId: string; monitor: IndicatorMonitor }) {
  const anchor = indicatorAnchor(monitor.indicator.key);
  return (
    <section class="koers-monitor-indicator" aria-labelledby={anchor}>
      <Heading level={3} id={anchor}>
        {capitalise(monitor.indicator.name)}
      </Heading>
      <IndicatorFacts m={m} monitor={monitor} />
      <ChartWithTable m={m} monitor={monitor} />
      <Paragraph>
        <Link href={indicatorMonitorUrl(planId, monitor.indicator.key)}>{m.monitoring.monitor.details(monitor.indicator.name)}</Link>
      </Paragraph>
    </section>
  );
}
