/**
 * The sections of the monitor page (`monitor.page.tsx`) that stand apart from the
 * indicators: the qualitative themes with their assessment form, refreshing the
 * open data with the latest imports, and reading in a file of measurements with
 * the table of problems when a file is refused.
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
import { formatDateTime, formatNumber } from '../../../web/format.js';
import type { Messages } from '../../../web/messages.js';
import { MEASUREMENT_FILE_LIMITS } from '../../measurements/measurement-file.js';
import { themeTitle } from '../../plans/pages/plan-parts.js';
import type { MonitorView, QualitativeTheme } from '../monitoring.service.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  formatDay,
  problemsOf,
  SelectField,
  StatusBadge,
  SubmitButton,
  TextArea,
  TextField,
} from './monitor-parts.js';
import { assessmentUrl, domId, measurementFileUrl, refreshUrl, templateUrl, themeAnchor } from './monitor-urls.js';

export interface UploadFailure {
  message: string;
  problems: FieldProblem[];
}

/** An assessment form sent back with problems, for the theme it belongs to. */
export type AssessmentState = { themeKey: string } & FormState;

export const UPLOAD_FIELD_ID = 'bestand';

// ---------------------------------------------------------------------------
// Qualitative themes
// ---------------------------------------------------------------------------

const ASSESSMENT_FIELDS = ['jaar', 'oordeel', 'tekst'] as const;

export function assessmentFieldId(themeKey: string, field: string): string | undefined {
  return (ASSESSMENT_FIELDS as readonly string[]).includes(field) ? `beoordeling-${domId(themeKey)}-${field}` : undefined;
}

export function assessmentFieldLabel(m: Messages, field: string): string {
  const t = m.monitoring.monitor;
  if (field === 'jaar') return t.assessmentYear;
  if (field === 'oordeel') return t.assessmentJudgement;
  if (field === 'tekst') return t.assessmentText;
  return field;
}

export function QualitativeThemes({
  m,
  view,
  csrf,
  assessment,
}: {
  m: Messages;
  view: MonitorView;
  csrf: string;
  assessment?: AssessmentState;
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
                <Cell label={t.assessmentJudgement}>
                  <StatusBadge m={m} status={assessment.judgement} />
                </Cell>
                <Cell label={t.columnText}>{assessment.text}</Cell>
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

export function RefreshSection({ m, view, csrf }: { m: Messages; view: MonitorView; csrf: string }) {
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
      {view.failures.length > 0 && <FetchFailures m={m} failures={view.failures} />}
      {view.imports.length === 0 ? (
        <Paragraph>{t.importsEmpty}</Paragraph>
      ) : (
        <Table caption={t.importsCaption}>
          <TableHead columns={[t.columnTable, t.columnStarted, t.columnModified, t.columnResult, t.columnError]} />
          <TableBody>
            {view.imports.map((record) => (
              <Row>
                <RowHeader>{record.tableCode}</RowHeader>
                <Cell label={t.columnStarted}>{formatDateTime(record.startedAt)}</Cell>
                <Cell label={t.columnModified}>{record.modified === null ? t.modifiedUnknown : formatDay(record.modified)}</Cell>
                <Cell label={t.columnResult}>{importResult(m, record)}</Cell>
                <Cell label={t.columnError}>{record.error ?? m.common.none}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}

/** The plan's tables whose latest fetch failed, each with its cause and the indicators that need it. */
function FetchFailures({ m, failures }: { m: Messages; failures: MonitorView['failures'] }) {
  const t = m.monitoring.monitor;
  return (
    <div>
      <Paragraph>{t.failedTablesIntro}</Paragraph>
      <UnorderedList>
        {failures.map((failure) => (
          <ListItem>
            {t.failedTable(failure.tableCode, formatDateTime(failure.failedAt), failure.message)}
            {failure.indicators.length > 0 &&
              ` ${t.failedTableIndicators(failure.indicators.map((indicator) => indicator.name).join(m.common.listSeparator))}`}
          </ListItem>
        ))}
      </UnorderedList>
    </div>
  );
}

export function UploadSection({ m, view, csrf, failed }: { m: Messages; view: MonitorView; csrf: string; failed: boolean }) {
  const t = m.monitoring.monitor;
  const maxMb = formatNumber(MEASUREMENT_FILE_LIMITS.maxBytes / (1024 * 1024));
  return (
    <section class="koers-section koers-form-section" aria-labelledby="bestand-inlezen">
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

export function UploadProblems({ m, upload }: { m: Messages; upload: UploadFailure }) {
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
                <Cell label={t.columnColumn}>{row.column ?? (row.row === null ? t.wholeFile : t.wholeRow)}</Cell>
                <Cell label={t.columnReason}>{row.reason}</Cell>
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
