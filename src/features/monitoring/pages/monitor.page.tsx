/**
 * `/plannen/:planId/monitor`: how every indicator of the plan is doing (status
 * in words, latest value, baseline, target, projection, chart and table), the
 * written assessments of the qualitative themes, and for those allowed the
 * forms to refresh the open data, read in a file of measurements and write an
 * assessment. Anonymous visitors of a published plan see everything but the forms.
 */

import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { PlanNav, themeTitle } from '../../plans/pages/plan-parts.js';
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
import { domId, indicatorAnchor, indicatorMonitorUrl } from './monitor-urls.js';

export interface MonitorPageProps {
  m: Messages;
  view: MonitorView;
  csrf: string;
  notice?: string;
  /** The file that was refused, with every problem in it. */
  upload?: UploadFailure;
  /** An assessment form sent back with problems. */
  assessment?: AssessmentState;
}

export function MonitorPage({ m, view, csrf, notice, upload, assessment }: MonitorPageProps) {
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

function Overview({ m, view }: { m: Messages; view: MonitorView }) {
  const t = m.monitoring.monitor;
  if (view.indicators.length === 0) return <Paragraph>{t.noIndicators}</Paragraph>;
  return (
    <section class="koers-section" aria-labelledby="overzicht">
      <Heading level={2} id="overzicht">
        {t.overview}
      </Heading>
      <Table caption={t.overviewCaption}>
        <TableHead columns={[t.columnIndicator, t.columnTheme, t.columnStatus, t.columnLatest, t.columnTarget, t.columnProjection]} />
        <TableBody>
          {view.indicators.map((monitor) => (
            <Row>
              <RowHeader>
                <Link href={`#${indicatorAnchor(monitor.indicator.key)}`}>{monitor.indicator.name}</Link>
              </RowHeader>
              <Cell label={t.columnTheme}>{monitor.theme ? themeTitle(m, monitor.theme) : t.planWide}</Cell>
              <Cell label={t.columnStatus}>
                <StatusBadge m={m} status={monitor.current.status} />
              </Cell>
              <Cell label={t.columnLatest}>{latestText(m, monitor)}</Cell>
              <Cell label={t.columnTarget}>{targetText(m, monitor)}</Cell>
              <Cell label={t.columnProjection}>
                <ProjectionText m={m} monitor={monitor} />
              </Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

/** Plan-wide indicators first, then per theme in plan order (the order of the view). */
function groupByTheme(m: Messages, indicators: IndicatorMonitor[]): { id: string; title: string; indicators: IndicatorMonitor[] }[] {
  const groups: { id: string; title: string; indicators: IndicatorMonitor[] }[] = [];
  for (const monitor of indicators) {
    const id = monitor.theme ? `groep-${domId(monitor.theme.key)}` : 'groep-plan';
    let group = groups.find((candidate) => candidate.id === id);
    if (!group) {
      group = { id, title: monitor.theme ? themeTitle(m, monitor.theme) : m.monitoring.monitor.planWideHeading, indicators: [] };
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
          {group.indicators.map((monitor) => (
            <IndicatorSection m={m} planId={view.plan.id} monitor={monitor} />
          ))}
        </section>
      ))}
    </>
  );
}

function IndicatorSection({ m, planId, monitor }: { m: Messages; planId: string; monitor: IndicatorMonitor }) {
  const anchor = indicatorAnchor(monitor.indicator.key);
  return (
    <section class="koers-monitor-indicator" aria-labelledby={anchor}>
      <Heading level={3} id={anchor}>
        {monitor.indicator.name}
      </Heading>
      <IndicatorFacts m={m} monitor={monitor} />
      <ChartWithTable m={m} monitor={monitor} />
      <Paragraph>
        <Link href={indicatorMonitorUrl(planId, monitor.indicator.key)}>{m.monitoring.monitor.details(monitor.indicator.name)}</Link>
      </Paragraph>
    </section>
  );
}
