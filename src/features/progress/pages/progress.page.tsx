/**
 * `/plannen/:planId/voortgang`: the progress of the implementation plan in a
 * period: the round (opened and closed by the coordinator), the roll-up per
 * theme as bars with their table, the judgement of themes without indicators,
 * who has not reported yet, and every activity with its state (filterable);
 * for the coordinator also the plan's reporting frequency and own statuses.
 */

import { JUDGEMENTS } from '../../../domain/indicator-status.js';
import type { Plan } from '../../../domain/plan.js';
import { BUILT_IN_PROGRESS_STATUSES, NOT_REPORTED } from '../../../domain/progress.js';
import { REPORTING_FREQUENCIES } from '../../../domain/reporting-periods.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatDate, formatDateTime } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { nameOfLabel } from '../../accounts/actor.js';
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
import type { ProgressOverview } from '../progress.service.js';
import type { ActivityProgressRow, ActivityState } from '../progress-view.js';
import { judgementText, ProgressBar, quantitiesText, StateTag, statusLabel } from './progress-parts.js';
import {
  activityProgressUrl,
  closeRoundUrl,
  frequencyUrl,
  openRoundUrl,
  progressUrl,
  remindUrl,
  statusesUrl,
  themeJudgementUrl,
} from './progress-urls.js';

export const ACTIVITY_STATES: ActivityState[] = ['due', 'submitted', 'sent_back', 'approved', 'not_planned'];

export interface ProgressFilter {
  state?: ActivityState;
  status?: string;
}

/** A form shown again with the problems found, by what it was for. */
export interface FailedForm {
  form: 'round' | 'frequency' | 'status' | 'file' | { theme: string };
  message: string;
  state: FormState;
}

export interface ProgressPageProps {
  m: Messages;
  view: ProgressOverview;
  csrf: string;
  filter: ProgressFilter;
  notice?: string;
  failed?: FailedForm;
}

export function ProgressPage({ m, view, csrf, filter, notice, failed }: ProgressPageProps) {
  const t = m.progress;
  const plan = view.plan;
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title, Boolean(failed))} crumbs={planCrumbs(m, plan, t.navLabel)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="progress" />
      {failed && (
        <ErrorSummary
          m={m}
          message={failed.message}
          problems={failed.state.problems.map((problem) => ({ text: `${problem.path}: ${problem.message}` }))}
        />
      )}
      {notice && <Notice>{notice}</Notice>}
      <Paragraph lead>{t.intro}</Paragraph>
      <PeriodForm m={m} view={view} />
      <RoundSection m={m} view={view} csrf={csrf} failed={failed?.form === 'round' ? failed.state : undefined} />
      <RollUpSection m={m} view={view} />
      <JudgementSection m={m} view={view} csrf={csrf} failed={failed} />
      <DueSection m={m} view={view} csrf={csrf} />
      <ActivitiesSection m={m} view={view} filter={filter} />
      <FileSection m={m} view={view} csrf={csrf} />
      {view.may.manage && <SettingsSection m={m} view={view} csrf={csrf} failed={failed} />}
    </Layout>
  );
}

function PeriodForm({ m, view }: { m: Messages; view: ProgressOverview }) {
  const t = m.progress;
  return (
    <form class="koers-form koers-form--inline" method="get" action={progressUrl(view.plan.id)} aria-labelledby="periode-kop">
      <Heading level={2} id="periode-kop">
        {t.choosePeriod}
      </Heading>
      <SelectField
        id="periode"
        name="periode"
        label={t.period}
        options={view.periods.map((period) => ({ value: period.key, label: period.label }))}
        selected={view.period.key}
      />
      <TextField id="peildatum" name="peildatum" label={t.asOf} hint={t.asOfHint} value={view.asOf} />
      <SubmitButton secondary>{t.show}</SubmitButton>
    </form>
  );
}

function RoundSection({ m, view, csrf, failed }: { m: Messages; view: ProgressOverview; csrf: string; failed?: FormState }) {
  const t = m.progress;
  const { round, period, plan } = view;
  return (
    <section class="koers-section" aria-labelledby="ronde-kop">
      <Heading level={2} id="ronde-kop">
        {`${t.round} ${period.label}`}
      </Heading>
      {!round && <Paragraph>{t.noRound(period.label)}</Paragraph>}
      {round && !round.closedAt && (
        <>
          <Paragraph>{t.roundOpen(period.label, formatDate(round.deadline))}</Paragraph>
          <Paragraph>{t.roundOpenedBy(round.openedByLabel, formatDateTime(round.openedAt))}</Paragraph>
        </>
      )}
      {round?.closedAt && <Paragraph>{t.roundClosed(period.label, formatDateTime(round.closedAt), round.closedByLabel ?? '')}</Paragraph>}
      <Paragraph>{t.reportedIn(period.reportedIn)}</Paragraph>
      {view.may.manage && !round && (
        <form class="koers-form" method="post" action={openRoundUrl(plan.id)} aria-labelledby="ronde-openen-kop">
          <Heading level={3} id="ronde-openen-kop">
            {t.openRoundHeading(period.label)}
          </Heading>
          <CsrfField token={csrf} />
          <input type="hidden" name="periode" value={period.key} />
          <TextField
            id="ronde-deadline"
            name="deadline"
            label={t.deadline}
            hint={t.deadlineHint(formatDate(period.suggestedDeadline))}
            value={failed?.values.deadline ?? ''}
            errors={problemsOf(failed, 'deadline')}
          />
          <SubmitButton>{t.openRound}</SubmitButton>
        </form>
      )}
      {view.may.manage && round && !round.closedAt && (
        <form class="koers-form" method="post" action={closeRoundUrl(plan.id, period.key)} aria-labelledby="ronde-sluiten-kop">
          <Heading level={3} id="ronde-sluiten-kop">
            {t.closeRoundHeading(period.label)}
          </Heading>
          <Paragraph>{t.closeRoundHint}</Paragraph>
          <CsrfField token={csrf} />
          <SubmitButton secondary>{t.closeRound}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function RollUpSection({ m, view }: { m: Messages; view: ProgressOverview }) {
  const t = m.progress;
  const keys = [...view.statuses.filter((status) => status.meaning !== 'stopped').map((status) => status.key), NOT_REPORTED].filter((key) =>
    [view.whole, ...view.themes.map((theme) => theme.progress)].some((progress) =>
      progress.rollUp.byStatus.some((entry) => entry.key === key),
    ),
  );
  const count = (progress: (typeof view)['whole'], key: string) => progress.rollUp.byStatus.find((entry) => entry.key === key)?.count ?? 0;
  return (
    <section class="koers-section" aria-labelledby="stand-kop">
      <Heading level={2} id="stand-kop">
        {t.stateHeading(formatDate(view.asOf))}
      </Heading>
      <div class="koers-progress-chart">
        <Heading level={3}>{t.wholePlan}</Heading>
        <ProgressBar m={m} name={t.wholePlan} statuses={view.statuses} progress={view.whole} />
        <Heading level={3}>{t.chartCaption}</Heading>
        <ul class="koers-progress-list">
          {view.themes.map((entry) => (
            <li>
              <span class="koers-progress-list__name">{`${themeLabel(m, entry.theme)}: ${entry.theme.name}`}</span>
              <ProgressBar m={m} name={entry.theme.name} statuses={view.statuses} progress={entry.progress} />
            </li>
          ))}
        </ul>
      </div>
      <details class="koers-rule">
        <summary>{t.rule}</summary>
        <Paragraph>{view.rule}</Paragraph>
      </details>
      <Table caption={t.tableCaption(view.period.label)}>
        <TableHead columns={[t.theme, ...keys.map((key) => statusLabel(m, view.statuses, key)), t.stopped, t.quantities, t.proposal]} />
        <TableBody>
          {[
            { label: t.wholePlan, progress: view.whole, judged: false },
            ...view.themes.map((entry) => ({
              label: `${themeLabel(m, entry.theme)}: ${entry.theme.name}`,
              progress: entry.progress,
              judged: entry.theme.indicators.length === 0,
            })),
          ].map((row) => (
            <Row>
              <RowHeader>{row.label}</RowHeader>
              {keys.map((key) => (
                <Cell label={statusLabel(m, view.statuses, key)}>{String(count(row.progress, key))}</Cell>
              ))}
              <Cell label={t.stopped}>{String(row.progress.rollUp.stopped)}</Cell>
              <Cell label={t.quantities}>{quantitiesText(m, row.progress.rollUp) ?? m.common.none}</Cell>
              <Cell label={t.proposal}>{row.judged ? judgementText(m, row.progress.proposal) : t.notApplicable}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

function JudgementSection({ m, view, csrf, failed }: { m: Messages; view: ProgressOverview; csrf: string; failed?: FailedForm }) {
  const t = m.progress;
  const judged = view.themes.filter((entry) => entry.theme.indicators.length === 0 && entry.theme.workstreams.length > 0);
  if (judged.length === 0) return null;
  return (
    <section class="koers-section" aria-labelledby="oordeel-kop">
      <Heading level={2} id="oordeel-kop">
        {t.judgementsHeading}
      </Heading>
      <Paragraph>{t.judgementsIntro}</Paragraph>
      {judged.map((entry) => {
        const name = `${themeLabel(m, entry.theme)}: ${entry.theme.name}`;
        const state = failed && typeof failed.form === 'object' && failed.form.theme === entry.theme.key ? failed.state : undefined;
        const id = (field: string) => `oordeel-${entry.theme.key}-${field}`;
        const recorded = view.assessments.get(entry.theme.id);
        return (
          <div class="koers-judgement">
            <Heading level={3}>{name}</Heading>
            <Paragraph>
              {entry.progress.proposal ? t.judgementProposal(judgementText(m, entry.progress.proposal)) : t.judgementNoProposal}
            </Paragraph>
            <Paragraph>
              {recorded
                ? t.judgementRecorded(
                    t.judgements[recorded.judgement],
                    recorded.enteredByLabel,
                    formatDateTime(recorded.enteredAt),
                    recorded.text,
                  )
                : t.judgementNotRecorded(view.period.year)}
            </Paragraph>
            {view.may.manage && (
              <details class="koers-judgement__form" open={state !== undefined}>
                <summary>{t.judgementFor(name)}</summary>
                <form
                  class="koers-form"
                  method="post"
                  action={themeJudgementUrl(view.plan.id, entry.theme.key)}
                  aria-label={t.judgementFor(name)}
                >
                  <CsrfField token={csrf} />
                  <input type="hidden" name="periode" value={view.period.key} />
                  <SelectField
                    id={id('oordeel')}
                    name="oordeel"
                    label={t.judgement}
                    options={[
                      { value: '', label: t.chooseJudgement },
                      ...JUDGEMENTS.map((judgement) => ({ value: judgement, label: t.judgements[judgement] })),
                    ]}
                    selected={state?.values.oordeel ?? entry.progress.proposal ?? ''}
                    errors={problemsOf(state, 'oordeel')}
                  />
                  <TextArea
                    id={id('toelichting')}
                    name="toelichting"
                    label={t.judgementReason}
                    hint={t.judgementReasonHint}
                    value={state?.values.toelichting}
                    errors={problemsOf(state, 'toelichting')}
                  />
                  <SubmitButton secondary>{t.judgementSubmit}</SubmitButton>
                </form>
              </details>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The activities without a report, per lead and per partner named on them. */
function dueByResponsible(plan: Plan, rows: ActivityProgressRow[]): { key: string; name: string; rows: ActivityProgressRow[] }[] {
  const names = new Map<string, string>([
    ...plan.portfolioHolders.map((holder) => [`trekker:${holder.key}`, holder.name] as const),
    ...plan.partners.map((partner) => [`partner:${partner.key}`, partner.name] as const),
  ]);
  const groups = new Map<string, ActivityProgressRow[]>();
  for (const row of rows.filter((candidate) => candidate.state === 'due')) {
    for (const key of [
      ...row.activity.leadKeys.map((lead) => `trekker:${lead}`),
      ...row.activity.partnerKeys.map((partner) => `partner:${partner}`),
    ]) {
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
  }
  return [...groups.entries()]
    .map(([key, due]) => ({ key, name: names.get(key) ?? key, rows: due }))
    .sort((a, b) => b.rows.length - a.rows.length || a.name.localeCompare(b.name, 'nl'));
}

function DueSection({ m, view, csrf }: { m: Messages; view: ProgressOverview; csrf: string }) {
  const t = m.progress;
  const groups = dueByResponsible(view.plan, view.rows);
  const mayRemind = view.may.manage && view.round !== null && view.round.closedAt === null;
  return (
    <section class="koers-section" aria-labelledby="nog-melden-kop">
      <Heading level={2} id="nog-melden-kop">
        {t.dueHeading}
      </Heading>
      {groups.length === 0 ? (
        <Paragraph>{t.dueNone}</Paragraph>
      ) : (
        <>
          <Paragraph>{t.dueIntro}</Paragraph>
          <ul class="koers-due-list">
            {groups.map((group) => (
              <li>
                <details>
                  <summary>{`${group.name}: ${t.dueCount(group.rows.length)}`}</summary>
                  {mayRemind && (
                    <form class="koers-remind" method="post" action={remindUrl(view.plan.id, view.period.key)}>
                      <CsrfField token={csrf} />
                      <input
                        type="hidden"
                        name={group.key.startsWith('partner:') ? 'partner' : 'trekker'}
                        value={group.key.replace(/^[a-z]+:/, '')}
                      />
                      <button
                        type="submit"
                        class="utrecht-button utrecht-button--secondary-action utrecht-button--submit"
                        aria-label={t.remindOf(group.name)}
                      >
                        {t.remind}
                      </button>
                    </form>
                  )}
                  <ul>
                    {group.rows.map((row) => (
                      <li>
                        <Link href={activityProgressUrl(view.plan.id, view.period.key, row.activity.key)}>{row.activity.name}</Link>
                      </li>
                    ))}
                  </ul>
                </details>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}

function ActivitiesSection({ m, view, filter }: { m: Messages; view: ProgressOverview; filter: ProgressFilter }) {
  const t = m.progress;
  const rows = view.rows.filter(
    (row) =>
      (filter.state === undefined || row.state === filter.state) && (filter.status === undefined || row.entry?.statusKey === filter.status),
  );
  return (
    <section class="koers-section" aria-labelledby="activiteiten-kop">
      <Heading level={2} id="activiteiten-kop">
        {t.activitiesHeading}
      </Heading>
      <form class="koers-form koers-form--inline" method="get" action={progressUrl(view.plan.id)} aria-label={t.filterApply}>
        <input type="hidden" name="periode" value={view.period.key} />
        <SelectField
          id="filter-stand"
          name="stand"
          label={t.filterState}
          options={[
            { value: '', label: t.filterAll },
            ...ACTIVITY_STATES.map((state) => ({ value: STATE_PARAMS[state], label: t.states[state] })),
          ]}
          selected={filter.state ? STATE_PARAMS[filter.state] : ''}
        />
        <SelectField
          id="filter-status"
          name="status"
          label={t.filterStatus}
          options={[{ value: '', label: t.filterAll }, ...view.statuses.map((status) => ({ value: status.key, label: status.label }))]}
          selected={filter.status ?? ''}
        />
        <SubmitButton secondary>{t.filterApply}</SubmitButton>
      </form>
      <Paragraph class="koers-result-count">{t.shown(rows.length, view.rows.length)}</Paragraph>
      <Table caption={`${t.activitiesHeading} ${view.period.label}`}>
        <TableHead columns={[t.activity, t.theme, t.state, t.status, t.reportedOn, t.reportedBy]} />
        <TableBody>
          {rows.map((row) => (
            <Row>
              <RowHeader>
                <Link href={activityProgressUrl(view.plan.id, view.period.key, row.activity.key)}>{row.activity.name}</Link>
              </RowHeader>
              <Cell label={t.theme}>{themeLabel(m, row.theme)}</Cell>
              <Cell label={t.state}>
                <StateTag m={m} state={row.state} />
              </Cell>
              <Cell label={t.status}>{row.status?.label ?? m.common.none}</Cell>
              <Cell label={t.reportedOn}>{row.entry ? formatDate(row.entry.asOf) : m.common.none}</Cell>
              <Cell label={t.reportedBy}>{row.entry ? nameOfLabel(row.entry.enteredByLabel) : m.common.none}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}

/** The period's progress as a file to download, and for whoever reports, to fill in and read back. */
function FileSection({ m, view, csrf }: { m: Messages; view: ProgressOverview; csrf: string }) {
  const t = m.progress;
  const base = `/plannen/${view.plan.id}/voortgang/${view.period.key}/bestand`;
  const closed = view.round?.closedAt != null;
  return (
    <section class="koers-section" aria-labelledby="bestand-kop">
      <Heading level={2} id="bestand-kop">
        {t.fileHeading}
      </Heading>
      <Paragraph>{t.fileIntro}</Paragraph>
      <ul class="koers-inline-list">
        <li>
          <Link href={`${base}.xlsx`}>{t.fileXlsx}</Link>
        </li>
        <li>
          <Link href={`${base}.csv`}>{t.fileCsv}</Link>
        </li>
      </ul>
      {view.may.report.size > 0 && !closed && (
        <form class="koers-form" method="post" action={base} enctype="multipart/form-data" aria-labelledby="inlezen-kop">
          <Heading level={3} id="inlezen-kop">
            {t.fileUpload}
          </Heading>
          <CsrfField token={csrf} />
          <TextField
            id="bestand"
            name="bestand"
            type="file"
            label={t.fileLabel}
            hint={t.fileHint}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          />
          <SubmitButton secondary>{t.fileSubmit}</SubmitButton>
        </form>
      )}
    </section>
  );
}

function SettingsSection({ m, view, csrf, failed }: { m: Messages; view: ProgressOverview; csrf: string; failed?: FailedForm }) {
  const t = m.progress;
  const statusState = failed?.form === 'status' ? failed.state : undefined;
  const frequencyState = failed?.form === 'frequency' ? failed.state : undefined;
  return (
    <section class="koers-section" aria-labelledby="instellingen-kop">
      <Heading level={2} id="instellingen-kop">
        {t.settingsHeading}
      </Heading>
      <form class="koers-form" method="post" action={frequencyUrl(view.plan.id)} aria-label={t.frequencySubmit}>
        <CsrfField token={csrf} />
        <SelectField
          id="frequentie"
          name="frequentie"
          label={t.frequency}
          hint={t.frequencyHint}
          options={REPORTING_FREQUENCIES.map((frequency) => ({ value: frequency, label: t.frequencies[frequency] }))}
          selected={frequencyState?.values.frequentie ?? view.frequency}
          errors={problemsOf(frequencyState, 'frequentie')}
        />
        <SubmitButton secondary>{t.frequencySubmit}</SubmitButton>
      </form>
      <Table caption={t.ownStatuses}>
        <TableHead columns={[t.statusLabel, t.statusKey, t.statusMeaning]} />
        <TableBody>
          {view.statuses.map((status) => (
            <Row>
              <RowHeader>{status.label}</RowHeader>
              <Cell label={t.statusKey}>{status.key}</Cell>
              <Cell label={t.statusMeaning}>{t.meanings[status.meaning]}</Cell>
            </Row>
          ))}
        </TableBody>
      </Table>
      <form class="koers-form" method="post" action={statusesUrl(view.plan.id)} aria-labelledby="status-toevoegen-kop">
        <Heading level={3} id="status-toevoegen-kop">
          {t.addStatus}
        </Heading>
        <CsrfField token={csrf} />
        <TextField
          id="status-naam"
          name="naam"
          label={t.statusLabel}
          value={statusState?.values.naam}
          errors={problemsOf(statusState, 'naam')}
        />
        <TextField
          id="status-sleutel"
          name="sleutel"
          label={t.statusKey}
          hint={t.statusKeyHint}
          value={statusState?.values.sleutel}
          errors={problemsOf(statusState, 'sleutel')}
        />
        <SelectField
          id="status-betekenis"
          name="betekenis"
          label={t.statusMeaning}
          options={BUILT_IN_PROGRESS_STATUSES.map((status) => ({ value: status.key, label: t.meanings[status.meaning] }))}
          selected={statusState?.values.betekenis}
          errors={problemsOf(statusState, 'betekenis')}
        />
        <SubmitButton secondary>{t.addStatus}</SubmitButton>
      </form>
    </section>
  );
}

/** The value of each state in the page address. */
export const STATE_PARAMS: Record<ActivityState, string> = {
  not_planned: 'niet-gepland',
  due: 'te-melden',
  submitted: 'gemeld',
  sent_back: 'teruggestuurd',
  approved: 'goedgekeurd',
};
