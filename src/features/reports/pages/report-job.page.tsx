/** The live status of making a report version definitive (a background job). */
import type { Plan } from '../../../domain/plan.js';
import { Heading, Link, Paragraph } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { JobStatus } from '../../jobs/job-status.js';
import type { JobView } from '../../jobs/job-view.js';
import { PlanNav, planCrumbs } from '../../plans/pages/plan-parts.js';
import { reportJobUrl, reportsPageUrl, reportVersionUrl } from '../../plans/pages/plan-urls.js';

export function JobPage({ m, plan, job }: { m: Messages; plan: Plan; job: JobView & { report: { year: number; number: number } | null } }) {
  const t = m.reports;
  const j = m.monitoring.job;
  const url = reportJobUrl(plan.id, job.id);
  return (
    <Layout
      m={m}
      title={`${t.jobTitle}${m.layout.titleSeparator}${plan.title}`}
      crumbs={[...planCrumbs(m, plan, t.title).slice(0, 2), { label: t.title, href: reportsPageUrl(plan.id) }, { label: t.jobTitle }]}
    >
      <Heading level={1}>{t.jobTitle}</Heading>
      <PlanNav m={m} plan={plan} current="reports" />
      <JobStatus m={m} job={job} url={url}>
        {job.status === 'done' && <Paragraph>{t.jobDone}</Paragraph>}
        {job.status === 'failed' && (
          <div class="utrecht-alert utrecht-alert--error">
            <Paragraph>{j.error(job.error ?? j.unknownError)}</Paragraph>
          </div>
        )}
      </JobStatus>
      <Paragraph>
        {job.report ? (
          <Link href={reportVersionUrl(plan.id, job.report.year, job.report.number)}>
            {job.status === 'done' ? t.jobOpen : t.backToReport}
          </Link>
        ) : (
          <Link href={reportsPageUrl(plan.id)}>{t.backToReports}</Link>
        )}
      </Paragraph>
    </Layout>
  );
}
