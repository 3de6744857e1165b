/**
 * `/plannen/:planId/bijstellingen/:number`: one revision: why, when and by
 * whom, and what it changed, item by item in words, grouped by theme and kind.
 */
import type { Plan } from '../../../domain/plan.js';
import { Heading, Link, Paragraph } from '../../../web/components.js';
import { formatDate } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { PlanRevision } from '../plan.repository.js';
import type { RevisionDetail } from '../plan-changes.service.js';
import { ChangeList } from './change-list.js';
import { PlanNav, planCrumbs } from './plan-parts.js';
import { comparisonUrl, revisionsUrl, revisionUrl } from './plan-urls.js';
import { byAt } from './revisions.page.js';

export function RevisionPage({
  m,
  plan,
  detail,
  revisions,
}: {
  m: Messages;
  plan: Plan;
  detail: RevisionDetail;
  revisions: PlanRevision[];
}) {
  const t = m.changes.revision;
  const { revision } = detail;
  const title = m.changes.revisions.numbered(revision.number);
  const crumbs = [
    ...planCrumbs(m, plan, m.changes.revisions.title).slice(0, -1),
    { label: m.changes.revisions.title, href: revisionsUrl(plan.id) },
    { label: title },
  ];
  const previous = revisions.find((candidate) => candidate.number === revision.number - 1);
  const next = revisions.find((candidate) => candidate.number === revision.number + 1);
  return (
    <Layout m={m} title={`${title}${m.layout.titleSeparator}${plan.title}`} crumbs={crumbs}>
      <Heading level={1}>{title}</Heading>
      <PlanNav m={m} plan={plan} current="revisions" />
      <Paragraph lead>{revision.reason}</Paragraph>
      <dl class="koers-facts">
        <dt>{m.changes.revisions.decidedOn}</dt>
        <dd>{formatDate(revision.decidedOn)}</dd>
        <dt>{m.changes.revisions.decidedBy}</dt>
        <dd>{m.changes.decider[revision.decidedBy]}</dd>
        <dt>{m.changes.revisions.status}</dt>
        <dd>{m.changes.revisionStatus[revision.status]}</dd>
        <dt>{m.changes.revisions.opened}</dt>
        <dd>{byAt(m, revision.openedBy, revision.openedAt)}</dd>
        <dt>{m.changes.revisions.closed}</dt>
        <dd>{byAt(m, revision.closedBy, revision.closedAt)}</dd>
      </dl>
      <Paragraph>{t.statusNote[revision.status](formatDate(revision.decidedOn))}</Paragraph>
      <section class="koers-section" aria-labelledby="wat-veranderde">
        <Heading level={2} id="wat-veranderde">
          {t.changesHeading(detail.changes.length)}
        </Heading>
        <ChangeList
          m={m}
          planId={plan.id}
          changes={detail.changes}
          names={detail.names}
          themeOfWorkstream={detail.themeOfWorkstream}
          before={t.before}
          after={t.after}
          level={3}
        />
      </section>
      <nav class="koers-pager" aria-label={t.pager}>
        <ul class="koers-pager__list">
          {previous && (
            <li>
              <Link href={revisionUrl(plan.id, previous.number)}>{t.previous(previous.number)}</Link>
            </li>
          )}
          <li>
            <Link href={revisionsUrl(plan.id)}>{t.all}</Link>
          </li>
          <li>
            <Link href={comparisonUrl(plan.id)}>{m.changes.revisions.toComparison}</Link>
          </li>
          {next && (
            <li>
              <Link href={revisionUrl(plan.id, next.number)}>{t.next(next.number)}</Link>
            </li>
          )}
        </ul>
      </nav>
    </Layout>
  );
}
