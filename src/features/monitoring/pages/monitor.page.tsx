/**
 * `/plannen/:planId/monitor`: how every indicator of the plan is doing (status
 * in words, latest value, baseline, target, projection, chart and table), the
 * written assessments of the qualitative themes, and for those allowed the
 * forms to refresh the open data, read in a file of measurements and write an
 * assessment. Anonymous visitors of a published plan see everything but the forms.
 */
import type { FieldProblem } from '../../../domain/errors.js';
import { JUDGEMENTS } from '../../../domain/indicator-status.js';
import {
  Cell,
  Heading,
  Link,
  ListItem,
  Paragraph,
  Row,
  RowHeader,
  Table,
  TableBody,
  TableHead,
  UnorderedList,
} from '../../../web/components.js';
import { formatNumber } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { MEASUREMENT_FILE_LIMITS } from '../../measurements/measurement-file.js';
import { PlanNav, themeTitle } from '../../plans/pages/plan-parts.js';
import type { IndicatorMonitor } from '../indicator-monitor.js';
import type { MonitorView, QualitativeTheme } from '../monitoring.service.js';
import { ChartWithTable, IndicatorFacts, latestText, ProjectionText, targetText } from './indicator-parts.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  formatDateTime,
  formatDay,
  MonitorNav,
  monitorCrumbs,
  Notice,
  pageTitle,
  problemsOf,
  SelectField,
  StatusBadge,
  SubmitButton,
  TextArea,
  TextField,
} from './monitor-parts.js';
import {
  assessmentUrl,
  domId,
  indicatorAnchor,
  indicatorMonitorUrl,
  measurementFileUrl,
  refreshUrl,
  templateUrl,
  themeAnchor,
} from './monitor-urls.js';

export interface UploadFailure {
  message: string;
  problems: FieldProblem[];
}

export interface MonitorPageProps {
  m: Messages;
  view: MonitorView;
  csrf: string;
  notice?: string;
  /** The file that was refused, with every problem in it. */
  upload?: UploadFailure;
  /** An assessment form sent back with problems. */
  assessment?: { themeKey: string } & FormState;
}

export const UPLOAD_FIELD_ID = 'bestand';

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
              <Cell>{monitor.theme ? themeTitle(m, monitor.theme) : t.planWide}</Cell>
              <Cell>
                <StatusBadge m={m} status={monitor.current.status} />
              </Cell>
              <Cell>{latestText(m, monitor)}</Cell>
              <Cell>{targetText(m, monitor)}</Cell>
              <Cell>
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

// ---------------------------------------------------------------------------
// Qualitative themes
// ---------------------------------------------------------------------------

const ASSESSMENT_FIELDS = ['jaar', 'oordeel', 'tekst'] as const;

function assessmentFieldId(themeKey: string, field: string): string | undefined {
  return (ASSESSMENT_FIELDS as readonly string[]).includes(field) ? `beoordeling-${domId(themeKey)}-${field}` : undefined;
}

function assessmentFieldLabel(m: Messages, field: string): string {
  const t = m.monitoring.monitor;
  if (field === 'jaar') return t.assessmentYear;
  if (field === 'oordeel') return t.assessmentJudgement;
  if (field === 'tekst') return t.assessmentText;
  return field;
}

function QualitativeThemes({
  m,
  view,
  csrf,
  assessment,
}: {
  m: Messages;
  view: MonitorView;
  csrf: string;
  assessment?: MonitorPageProps['assessment'];
}) {
  const t = m.monitoring.monitor;
  if (view.qualitativeThemes.length === 0) return null;
  return (
    <section class="koers-section" aria-labelledby="kwalitatief">
      <Heading level={2} id="kwalitatief">
        {t.qualitative}
      </Heading>
      <Paragraph>{t.qualitativeIntro}</Paragraph>
      {view.qualitativeThemes.map((theme) => (
        <QualitativeThemeSection
          m={m}
          planId={view.plan.id}
          theme={theme}
          mayEdit={view.may.edit}
          csrf={csrf}
          state={assessment?.themeKey === theme.theme.key ? assessment : undefined}
        />
      ))}
    </section>
  );
}

function QualitativeThemeSection({
  m,
  planId,
  theme,
  mayEdit,
  csrf,
  state,
}: {
  m: Messages;
  planId: string;
  theme: QualitativeTheme;
  mayEdit: boolean;
  csrf: string;
  state?: FormState;
}) {
  const t = m.monitoring.monitor;
  const anchor = themeAnchor(theme.theme.key);
  const title = themeTitle(m, theme.theme);
  const current = theme.current;
  const earlier = theme.assessments.filter((assessment) => assessment !== current).sort((a, b) => b.year - a.year);
  return (
    <section class="koers-monitor-theme" aria-labelledby={anchor}>
      <Heading level={3} id={anchor}>
        {title}
      </Heading>
      {theme.theme.qualitativeAssessment && (
        <Paragraph>
          <strong>{`${t.howJudged}: `}</strong>
          {theme.theme.qualitativeAssessment}
        </Paragraph>
      )}
      {current ? (
        <dl class="koers-facts">
          <dt>{t.judgementIn(current.year)}</dt>
          <dd>
            <StatusBadge m={m} status={current.judgement} />
          </dd>
          <dt>{t.assessmentText}</dt>
          <dd>
            <span class="koers-assessment-text">{current.text}</span>
            <span class="koers-muted koers-assessment-by">{t.assessedBy(current.enteredByLabel, formatDay(current.enteredAt))}</span>
          </dd>
        </dl>
      ) : (
        <Paragraph>
          <StatusBadge m={m} status="no_data" /> {t.notAssessed}
        </Paragraph>
      )}
      {earlier.length > 0 && (
        <Table caption={t.earlierCaption(title)}>
          <TableHead columns={[t.columnYear, t.assessmentJudgement, t.columnText]} />
          <TableBody>
            {earlier.map((assessment) => (
              <Row>
                <RowHeader>{String(assessment.year)}</RowHeader>
                <Cell>
                  <StatusBadge m={m} status={assessment.judgement} />
                </Cell>
                <Cell>{assessment.text}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      {mayEdit && <AssessmentForm m={m} planId={planId} themeKey={theme.theme.key} title={title} csrf={csrf} state={state} />}
    </section>
  );
}

function AssessmentForm({
  m,
  planId,
  themeKey,
  title,
  csrf,
  state,
}: {
  m: Messages;
  planId: string;
  themeKey: string;
  title: string;
  csrf: string;
  state?: FormState;
}) {
  const t = m.monitoring.monitor;
  const headingId = `beoordeling-${domId(themeKey)}-kop`;
  const id = (field: string) => `beoordeling-${domId(themeKey)}-${field}`;
  const judgements = [
    { value: '', label: t.chooseJudgement },
    ...JUDGEMENTS.map((judgement) => ({ value: judgement, label: m.monitoring.status[judgement] })),
  ];
  return (
    <form class="koers-form" method="post" action={assessmentUrl(planId, themeKey)} aria-labelledby={headingId}>
      <Heading level={4} id={headingId}>
        {t.assessmentForm(title)}
      </Heading>
      <CsrfField token={csrf} />
      <TextField
        id={id('jaar')}
        name="jaar"
        label={t.assessmentYear}
        hint={t.assessmentYearHint}
        inputmode="numeric"
        required
        value={state?.values.jaar}
        errors={problemsOf(state, 'jaar')}
      />
      <SelectField
        id={id('oordeel')}
        name="oordeel"
        label={t.assessmentJudgement}
        options={judgements}
        selected={state?.values.oordeel ?? ''}
        errors={problemsOf(state, 'oordeel')}
      />
      <TextArea
        id={id('tekst')}
        name="tekst"
        label={t.assessmentText}
        hint={t.assessmentTextHint}
        required
        value={state?.values.tekst}
        errors={problemsOf(state, 'tekst')}
      />
      <SubmitButton>{t.assessmentSubmit}</SubmitButton>
    </form>
  );
}

// ---------------------------------------------------------------------------
// Refreshing open data and reading in files
// ---------------------------------------------------------------------------

function importResult(m: Messages, record: MonitorView['imports'][number]): string {
  const t = m.monitoring.monitor;
  if (record.status === 'running') return t.importRunning;
  if (record.status === 'failed') return t.importFailed;
  if (record.unchanged) return t.importUnchanged;
  return t.importCounts(record.rowsNew, record.rowsChanged, record.rowsRemoved);
}

function RefreshSection({ m, view, csrf }: { m: Messages; view: MonitorView; csrf: string }) {
  const t = m.monitoring.monitor;
  return (
    <section class="koers-section" aria-labelledby="vernieuwen">
      <Heading level={2} id="vernieuwen">
        {t.refreshHeading}
      </Heading>
      <Paragraph>{t.refreshIntro}</Paragraph>
      <form class="koers-form" method="post" action={refreshUrl(view.plan.id)}>
        <CsrfField token={csrf} />
        <SubmitButton>{t.refreshButton}</SubmitButton>
      </form>
      {view.imports.length === 0 ? (
        <Paragraph>{t.importsEmpty}</Paragraph>
      ) : (
        <Table caption={t.importsCaption}>
          <TableHead columns={[t.columnTable, t.columnStarted, t.columnModified, t.columnResult, t.columnError]} />
          <TableBody>
            {view.imports.map((record) => (
              <Row>
                <RowHeader>{record.tableCode}</RowHeader>
                <Cell>{formatDateTime(record.startedAt)}</Cell>
                <Cell>{formatDay(record.modified)}</Cell>
                <Cell>{importResult(m, record)}</Cell>
                <Cell>{record.error ?? m.common.none}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

function UploadSection({ m, view, csrf, failed }: { m: Messages; view: MonitorView; csrf: string; failed: boolean }) {
  const t = m.monitoring.monitor;
  const maxMb = formatNumber(MEASUREMENT_FILE_LIMITS.maxBytes / (1024 * 1024));
  return (
    <section class="koers-section" aria-labelledby="bestand-inlezen">
      <Heading level={2} id="bestand-inlezen">
        {t.uploadHeading}
      </Heading>
      <Paragraph>{t.uploadIntro}</Paragraph>
      <UnorderedList>
        <ListItem>
          <Link href={templateUrl(view.plan.id, 'csv')}>{t.templateCsv}</Link>
        </ListItem>
        <ListItem>
          <Link href={templateUrl(view.plan.id, 'xlsx')}>{t.templateXlsx}</Link>
        </ListItem>
      </UnorderedList>
      <form class="koers-form" method="post" action={measurementFileUrl(view.plan.id)} enctype="multipart/form-data">
        <CsrfField token={csrf} />
        <TextField
          id={UPLOAD_FIELD_ID}
          name="bestand"
          type="file"
          accept=".csv,.xlsx"
          required
          label={t.uploadLabel}
          hint={t.uploadHint(maxMb)}
          errors={failed ? [t.uploadFailedField] : []}
        />
        <SubmitButton>{t.uploadSubmit}</SubmitButton>
      </form>
    </section>
  );
}

export interface FileProblemRow {
  row: number | null;
  column: string | null;
  reason: string;
}

/** The service names a problem's place as "rij 3, kolom waarde"; read it back into row and column. */
export function fileProblemRows(problems: FieldProblem[]): FileProblemRow[] {
  return problems.map((problem) => {
    const row = /(?:^|,\s*)rij (\d+)/.exec(problem.path);
    const column = /(?:^|,\s*)kolom (.+)$/.exec(problem.path);
    return { row: row ? Number(row[1]) : null, column: column ? column[1]!.trim() : null, reason: problem.message };
  });
}

function UploadProblems({ m, upload }: { m: Messages; upload: UploadFailure }) {
  const t = m.monitoring.monitor;
  const rows = fileProblemRows(upload.problems);
  return (
    <ErrorSummary m={m} message={`${upload.message}. ${t.uploadNothingWritten}`} problems={[]}>
      {rows.length > 0 && (
        <Table caption={t.uploadProblemsCaption}>
          <TableHead columns={[t.columnRow, t.columnColumn, t.columnReason]} />
          <TableBody>
            {rows.map((row) => (
              <Row>
                <RowHeader>{row.row === null ? t.wholeFile : formatNumber(row.row)}</RowHeader>
                <Cell>{row.column ?? (row.row === null ? t.wholeFile : t.wholeRow)}</Cell>
                <Cell>{row.reason}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
      <Paragraph>
        <a href={`#${UPLOAD_FIELD_ID}`}>{t.uploadAgain}</a>
      </Paragraph>
    </ErrorSummary>
  );
}
