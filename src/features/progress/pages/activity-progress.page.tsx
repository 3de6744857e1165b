/**
 * `/plannen/:planId/voortgang/:periode/:activiteit`: one activity in one
 * period: what the period asks of it, the current report and its review, the
 * form to report (for its coordinator, lead and partners while the round
 * allows), the form to review (for its lead), and every earlier report.
 */
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatDate, formatDateTime, formatNumber } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import {
  CsrfField,
  ErrorSummary,
  type FormState,
  Notice,
  pageTitle,
  problemsOf,
  SelectField,
  SubmitButton,
  TextArea,
  TextField,
} from '../../monitoring/pages/monitor-parts.js';
import { PlanNav, planCrumbs, themeLabel } from '../../plans/pages/plan-parts.js';
import type { ActivityPage } from '../progress.service.js';
import { StateTag } from './progress-parts.js';
import { activityProgressUrl, progressUrl, reviewUrl } from './progress-urls.js';

export interface ActivityProgressPageProps {
  m: Messages;
  page: ActivityPage;
  csrf: string;
  notice?: string;
  failed?: { form: 'report' | 'review'; message: string; state: FormState };
}

export function ActivityProgressPage({ m, page, csrf, notice, failed }: ActivityProgressPageProps) {
  const t = m.progress;
  const { plan, row, period } = page;
  const title = t.activityTitle(row.activity.name, period.label);
  const entry = row.entry;
  return (
    <Layout
      m={m}
      title={pageTitle(m, plan, title, Boolean(failed))}
      crumbs={[
        ...planCrumbs(m, plan, t.navLabel).slice(0, -1),
        { label: t.navLabel, href: progressUrl(plan.id, { periode: period.key }) },
        { label: row.activity.name },
      ]}
    >
      <Heading level={1}>{title}</Heading>
      <PlanNav m={m} plan={plan} current="progress" />
      {failed && (
        <ErrorSummary
          m={m}
          message={failed.message}
          problems={failed.state.problems.map((problem) => ({
            fieldId: `${failed.form === 'report' ? 'melding' : 'beoordeling'}-${problem.path}`,
            text: `${problem.path}: ${problem.message}`,
          }))}
        />
      )}
      {notice && <Notice>{notice}</Notice>}
      <Paragraph>
        {`${themeLabel(m, row.theme)}: ${row.theme.name}. `}
        <StateTag m={m} state={row.state} />
      </Paragraph>
      <section class="koers-section" aria-labelledby="verwacht-kop">
        <Heading level={2} id="verwacht-kop">
          {t.expected}
        </Heading>
        {row.state === 'not_planned' && <Paragraph>{t.notPlanned}</Paragraph>}
        {row.plannedQuantity !== null && (
          <Paragraph>{t.plannedQuantity(`${formatNumber(row.plannedQuantity)} ${row.activity.quantity?.unit ?? ''}`.trim())}</Paragraph>
        )}
        {row.expectedOccurrences !== null && <Paragraph>{t.expectedOccurrences(row.expectedOccurrences, formatDate(page.asOf))}</Paragraph>}
        {row.plannedQuantity === null && row.expectedOccurrences === null && <Paragraph>{t.nothingExpected}</Paragraph>}
      </section>
      <section class="koers-section" aria-labelledby="huidig-kop">
        <Heading level={2} id="huidig-kop">
          {t.current}
        </Heading>
        {!entry ? (
          <Paragraph>{t.noEntry}</Paragraph>
        ) : (
          <dl class="koers-facts">
            <dt>{t.status}</dt>
            <dd>{row.status?.label ?? entry.statusKey}</dd>
            <dt>{t.reportedOn}</dt>
            <dd>{formatDate(entry.asOf)}</dd>
            {entry.realised !== null && (
              <>
                <dt>{t.realised}</dt>
                <dd>{formatNumber(entry.realised)}</dd>
              </>
            )}
            {entry.occurrences !== null && (
              <>
                <dt>{t.occurrences}</dt>
                <dd>{String(entry.occurrences)}</dd>
              </>
            )}
            <dt>{t.note}</dt>
            <dd>{entry.note || m.common.none}</dd>
            <dt>{t.reportedBy}</dt>
            <dd>{t.entryBy(entry.enteredByLabel, t.as[entry.enteredAs], formatDateTime(entry.enteredAt))}</dd>
            {row.review && (
              <>
                <dt>{t.review}</dt>
                <dd>
                  {row.review.decision === 'approved'
                    ? t.reviewApproved(row.review.decidedByLabel, formatDateTime(row.review.decidedAt))
                    : t.reviewSentBack(row.review.decidedByLabel, formatDateTime(row.review.decidedAt), row.review.remark)}
                </dd>
              </>
            )}
          </dl>
        )}
      </section>
      <ReportSection m={m} page={page} csrf={csrf} state={failed?.form === 'report' ? failed.state : undefined} />
      <ReviewSection m={m} page={page} csrf={csrf} state={failed?.form === 'review' ? failed.state : undefined} />
      <HistorySection m={m} page={page} />
      <Paragraph>
        <Link href={progressUrl(plan.id, { periode: period.key })}>{t.navLabel}</Link>
      </Paragraph>
    </Layout>
  );
}

function ReportSection({ m, page, csrf, state }: { m: Messages; page: ActivityPage; csrf: string; state?: FormState }) {
  const t = m.progress;
  if (!page.reporter) return null;
  const { row, period, plan } = page;
  const closed = page.round?.closedAt != null;
  const waiting = page.round === null && page.reporter.as !== 'coordinator' && page.reporter.as !== 'system';
  const id = (field: string) => `melding-${field}`;
  const values = state?.values ?? {
    status: row.entry?.statusKey ?? '',
    toelichting: row.entry?.note ?? '',
    peildatum: '',
    gerealiseerd: row.entry?.realised === null || row.entry?.realised === undefined ? '' : String(row.entry.realised),
    keren: row.entry?.occurrences === null || row.entry?.occurrences === undefined ? '' : String(row.entry.occurrences),
  };
  return (
    <section class="koers-section" aria-labelledby="melden-kop">
      <Heading level={2} id="melden-kop">
        {t.reportHeading}
      </Heading>
      {closed && <Paragraph>{t.reportClosed}</Paragraph>}
      {waiting && <Paragraph>{t.reportNoRound}</Paragraph>}
      {!closed && !waiting && (
        <form
          class="koers-form"
          method="post"
          action={activityProgressUrl(plan.id, period.key, row.activity.key)}
          aria-labelledby="melden-kop"
        >
          <Paragraph>{t.reportIntro(t.as[page.reporter.as])}</Paragraph>
          <CsrfField token={csrf} />
          <SelectField
            id={id('status')}
            name="status"
            label={t.status}
            options={[{ value: '', label: t.chooseStatus }, ...page.statuses.map((status) => ({ value: status.key, label: status.label }))]}
            selected={values.status}
            errors={problemsOf(state, 'status')}
          />
          <TextField
            id={id('peildatum')}
            name="peildatum"
            label={t.asOf}
            hint={t.asOfFieldHint}
            value={values.peildatum}
            errors={problemsOf(state, 'peildatum')}
          />
          {row.activity.quantity && (
            <TextField
              id={id('gerealiseerd')}
              name="gerealiseerd"
              label={t.realised}
              hint={t.realisedHint(row.activity.quantity.unit)}
              inputmode="decimal"
              value={values.gerealiseerd}
              errors={problemsOf(state, 'gerealiseerd')}
            />
          )}
          {row.expectedOccurrences !== null && (
            <TextField
              id={id('keren')}
              name="keren"
              label={t.occurrences}
              hint={t.occurrencesHint}
              inputmode="numeric"
              value={values.keren}
              errors={problemsOf(state, 'keren')}
            />
          )}
          <TextArea
            id={id('toelichting')}
            name="toelichting"
            label={t.note}
            value={values.toelichting}
            errors={problemsOf(state, 'toelichting')}
          />
          <SubmitButton>{t.reportSubmit}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function ReviewSection({ m, page, csrf, state }: { m: Messages; page: ActivityPage; csrf: string; state?: FormState }) {
  const t = m.progress;
  const { row, period, plan, round } = page;
  if (!page.approves || !row.entry || !round || round.closedAt) return null;
  return (
    <section class="koers-section" aria-labelledby="beoordelen-kop">
      <Heading level={2} id="beoordelen-kop">
        {t.reviewHeading}
      </Heading>
      <Paragraph>{t.reviewIntro}</Paragraph>
      <form class="koers-form" method="post" action={reviewUrl(plan.id, period.key, row.activity.key)} aria-labelledby="beoordelen-kop">
        <CsrfField token={csrf} />
        <input type="hidden" name="melding" value={row.entry.id} />
        <TextArea
          id="beoordeling-opmerking"
          name="opmerking"
          label={t.remark}
          value={state?.values.opmerking}
          errors={problemsOf(state, 'opmerking')}
        />
        <div class="koers-form__actions">
          <button
            type="submit"
            name="besluit"
            value="goedgekeurd"
            class="utrecht-button utrecht-button--primary-action utrecht-button--submit"
          >
            {t.approve}
          </button>{' '}
          <button
            type="submit"
            name="besluit"
            value="teruggestuurd"
            class="utrecht-button utrecht-button--secondary-action utrecht-button--submit"
          >
            {t.sendBack}
          </button>
        </div>
      </form>
    </section>
  );
}

function HistorySection({ m, page }: { m: Messages; page: ActivityPage }) {
  const t = m.progress;
  if (page.history.length === 0) return null;
  const byKey = new Map(page.statuses.map((status) => [status.key, status.label]));
  return (
    <section class="koers-section" aria-labelledby="eerder-kop">
      <Heading level={2} id="eerder-kop">
        {t.historyHeading}
      </Heading>
      <Table caption={t.historyCaption}>
        <TableHead columns={[t.enteredAt, t.status, t.reportedOn, t.note, t.reportedBy, t.channel, t.superseded]} />
        <TableBody>
          {[...page.history].reverse().map((entry) => (
            <Row>
              <RowHeader>{formatDateTime(entry.enteredAt)}</RowHeader>
              <Cell label={t.status}>{byKey.get(entry.statusKey) ?? entry.statusKey}</Cell>
              <Cell label={t.reportedOn}>{formatDate(entry.asOf)}</Cell>
              <Cell label={t.note}>{entry.note || m.common.none}</Cell>
              <Cell label={t.reportedBy}>{`${entry.enteredByLabel} (${t.as[entry.enteredAs]})`}</Cell>
              <Cell label={t.channel}>{`${t.via[entry.enteredVia]}${entry.enteredFrom ? `, ${entry.enteredFrom}` : ''}`}</Cell>
              <Cell label={t.superseded}>{entry.supersededAt ? formatDateTime(entry.supersededAt) : t.currentMark}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
