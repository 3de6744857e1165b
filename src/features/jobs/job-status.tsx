/**
 * The live status of a background job on its page: a progress bar with its
 * label, the current step in a polite live region (with what the page adds
 * there: the summary when done, the error when it failed), when it started
 * and ended, and while it runs a link to load the status again. The hooks
 * data-koers-job-* are what koers-job.js polls and updates.
 */
import type { Child } from 'hono/jsx';
import { Link, Paragraph } from '../../web/components.js';
import { formatDateTime } from '../../web/format.js';
import type { Messages } from '../../web/messages.js';
import type { JobView } from './job-view.js';

export function JobStatus({ m, job, url, children }: { m: Messages; job: JobView; url: string; children?: Child }) {
  const t = m.monitoring.job;
  const active = job.status === 'queued' || job.status === 'running';
  return (
    <div class="koers-job" data-koers-job-url={url} data-koers-job-status={job.status}>
      <div class="koers-job__progress">
        <label class="utrecht-form-label" for="taak-voortgang">
          {t.progressLabel}
        </label>{' '}
        <Progress m={m} job={job} />
      </div>
      <div class="koers-job__live" aria-live="polite" aria-atomic="true" data-koers-job-live="">
        <Paragraph>
          <strong>{t.statusLine(t.status[job.status])}</strong>
          {job.message ? ` ${t.step(job.message)}` : ''}
        </Paragraph>
        {children}
      </div>
      <Paragraph class="koers-muted">
        {t.startedAt(formatDateTime(job.createdAt))}
        {job.finishedAt ? ` ${t.finishedAt(formatDateTime(job.finishedAt))}` : ''}
      </Paragraph>
      {active && (
        <Paragraph>
          {`${t.waiting} `}
          <Link href={url}>{t.reload}</Link>
        </Paragraph>
      )}
    </div>
  );
}

function Progress({ m, job }: { m: Messages; job: JobView }) {
  const t = m.monitoring.job;
  const total = job.progressTotal;
  if (job.status === 'done') {
    return (
      <progress id="taak-voortgang" max={1} value={1}>
        {t.progressDone}
      </progress>
    );
  }
  if (total === null || total <= 0) {
    // No value: the browser shows a bar that is busy without a known end.
    return <progress id="taak-voortgang">{t.progressUnknown}</progress>;
  }
  const done = Math.min(Math.max(job.progressDone, 0), total);
  return (
    <progress id="taak-voortgang" max={total} value={done}>
      {t.progressText(done, total)}
    </progress>
  );
}
