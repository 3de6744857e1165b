/**
 * `/plannen/:planId/monitor/taken/:jobId`: the live status of "Vernieuw
 * cijfers". A progress bar with its label, the current step in a polite live
 * region, the summary when done and the error in words when it failed. The
 * layout has no way to add a refresh to the head and pages carry no inline
 * script, so while the job runs there is a link to load the status again; a
 * polling script can fetch the same address with Accept: application/json and
 * find its hooks in the data-koers-job-* attributes.
 */

import type { Plan } from '../../../domain/plan.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatNumber } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { JobStatus } from '../../jobs/job-status.js';
import { PlanNav } from '../../plans/pages/plan-parts.js';
import type { JobView } from '../monitoring.pages.js';
import { CsrfField, formatDay, MonitorNav, monitorCrumbs, pageTitle, SubmitButton } from './monitor-parts.js';
import { jobCancelUrl, jobUrl, monitorUrl, refreshUrl } from './monitor-urls.js';

export interface JobPageProps {
  m: Messages;
  plan: Plan;
  job: JobView;
  csrf: string;
}

interface TableSummary {
  tabel: string;
  titel: string | null;
  gewijzigd: string | null;
  ongewijzigd: boolean;
  rijen: number | null;
  nieuw: number;
  herzien: number;
  vervallen: number;
}

interface RefreshSummary {
  tabellen: TableSummary[];
  metingen: { nieuw: number; vervangen: number; ongewijzigd: number } | null;
  /** Tables that could not be fetched; the rest of the refresh went ahead. */
  fouten: { tabel: string; melding: string }[];
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr = (value: unknown, fallback: number) => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const stringOr = <T,>(value: unknown, fallback: T) => (typeof value === 'string' ? value : fallback);

/** Reads the job's result (as the refresh job writes it) without trusting its shape. */
export function readRefreshSummary(result: unknown): RefreshSummary | null {
  if (!isRecord(result)) return null;
  const tabellen = Array.isArray(result.tabellen)
    ? result.tabellen.filter(isRecord).map((table) => ({
        tabel: stringOr(table.tabel, '?'),
        titel: stringOr(table.titel, null),
        gewijzigd: stringOr(table.gewijzigd, null),
        ongewijzigd: table.ongewijzigd === true,
        rijen: typeof table.rijen === 'number' ? table.rijen : null,
        nieuw: numberOr(table.nieuw, 0),
        herzien: numberOr(table.herzien, 0),
        vervallen: numberOr(table.vervallen, 0),
      }))
    : [];
  const counts = isRecord(result.metingen) ? result.metingen : null;
  const metingen = counts
    ? { nieuw: numberOr(counts.nieuw, 0), vervangen: numberOr(counts.vervangen, 0), ongewijzigd: numberOr(counts.ongewijzigd, 0) }
    : null;
  const fouten = Array.isArray(result.fouten)
    ? result.fouten.filter(isRecord).map((failure) => ({ tabel: stringOr(failure.tabel, '?'), melding: stringOr(failure.melding, '') }))
    : [];
  return { tabellen, metingen, fouten };
}

export function JobPage({ m, plan, job, csrf }: JobPageProps) {
  const t = m.monitoring.job;
  const active = job.status === 'queued' || job.status === 'running';
  const url = jobUrl(plan.id, job.id);
  return (
    <Layout m={m} title={pageTitle(m, plan, t.title)} crumbs={monitorCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="monitor" />
      <MonitorNav m={m} plan={plan} />
      <JobStatus m={m} job={job} url={url}>
        {active && job.cancelRequested && <Paragraph>{t.cancelRequested}</Paragraph>}
        {job.status === 'done' && <DoneSummary m={m} job={job} />}
        {job.status === 'failed' && <Failed m={m} job={job} />}
        {job.status === 'cancelled' && <Paragraph>{t.cancelledIntro}</Paragraph>}
      </JobStatus>
      {active && !job.cancelRequested && (
        <form class="koers-form" method="post" action={jobCancelUrl(plan.id, job.id)}>
          <CsrfField token={csrf} />
          <SubmitButton>{t.cancel}</SubmitButton>
        </form>
      )}
      {(job.status === 'failed' || job.status === 'cancelled') && (
        <form class="koers-form" method="post" action={refreshUrl(plan.id)}>
          <CsrfField token={csrf} />
          <SubmitButton>{t.tryAgain}</SubmitButton>
        </form>
      )}
      <Paragraph>
        <Link href={monitorUrl(plan.id)}>{t.back}</Link>
      </Paragraph>
    </Layout>
  );
}

function DoneSummary({ m, job }: { m: Messages; job: JobView }) {
  const t = m.monitoring.job;
  const summary = readRefreshSummary(job.result);
  return (
    <>
      <Paragraph>{t.doneIntro}</Paragraph>
      {summary && summary.fouten.length > 0 && (
        <div class="utrecht-alert utrecht-alert--warning">
          <Paragraph>{t.partlyFailed}</Paragraph>
          <ul class="utrecht-unordered-list">
            {summary.fouten.map((failure) => (
              <li class="utrecht-unordered-list__item">{`${failure.tabel}: ${failure.melding}`}</li>
            ))}
          </ul>
        </div>
      )}
      {summary?.metingen && (
        <Paragraph>{t.measurements(summary.metingen.nieuw, summary.metingen.vervangen, summary.metingen.ongewijzigd)}</Paragraph>
      )}
      {summary && summary.tabellen.length > 0 && (
        <Table caption={t.tablesCaption}>
          <TableHead columns={[t.columnTable, t.columnTitle, t.columnModified, t.columnRows, t.columnResult]} />
          <TableBody>
            {summary.tabellen.map((table) => (
              <Row>
                <RowHeader>{table.tabel}</RowHeader>
                <Cell label={t.columnTitle}>{table.titel ?? ''}</Cell>
                <Cell label={t.columnModified}>{table.gewijzigd ? formatDay(table.gewijzigd) : ''}</Cell>
                <Cell label={t.columnRows}>{table.rijen === null ? '' : formatNumber(table.rijen)}</Cell>
                <Cell label={t.columnResult}>
                  {table.ongewijzigd
                    ? m.monitoring.monitor.importUnchanged
                    : m.monitoring.monitor.importCounts(table.nieuw, table.herzien, table.vervallen)}
                </Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </>
  );
}

function Failed({ m, job }: { m: Messages; job: JobView }) {
  const t = m.monitoring.job;
  return (
    <div class="utrecht-alert utrecht-alert--error">
      <Paragraph>{t.failedIntro}</Paragraph>
      <Paragraph>{t.error(job.error ?? t.unknownError)}</Paragraph>
    </div>
  );
}
