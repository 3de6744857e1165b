/**
 * `/plannen/:planId/bijstellingen`: the plan's revisions (bijstellingen), each
 * with its reason, date, who decided it, its status and who opened and closed
 * it; the way to the comparison of the adopted and the current plan.
 */
import type { Plan } from '../../../domain/plan.js';
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatDate, formatDateTime } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { PlanRevision } from '../plan.repository.js';
import { PlanNav, planCrumbs } from './plan-parts.js';
import { comparisonUrl, revisionUrl } from './plan-urls.js';

/** Who opened or closed a revision, by name: the e-mail address in the stored label is not for every reader. */
export function personName(label: string | null): string {
  if (label === null) return '';
  return label.replace(/\s*<[^>]*>\s*$/, '');
}

/** When and by whom: "Anna Jansen, 1 juni 2020 om 10:12". */
export function byAt(m: Messages, label: string | null, at: string | null): string {
  if (label === null || at === null) return m.changes.revisions.notClosed;
  return m.changes.revisions.byAt(personName(label), formatDateTime(at));
}

export function AdoptionLine({ m, plan }: { m: Messages; plan: Plan }) {
  const t = m.changes.revisions;
  if (plan.status === 'draft' || !plan.adoptedOn) return <Paragraph lead>{t.concept}</Paragraph>;
  const adoptions = plan.adoptions.map((adoption) =>
    t.adoption(
      plan.municipalities.find((municipality) => municipality.code === adoption.municipalityCode)?.name ?? adoption.municipalityCode,
      formatDate(adoption.adoptedOn),
      m.changes.body[adoption.body],
    ),
  );
  return <Paragraph lead>{adoptions.length > 0 ? adoptions.join(' ') : t.adoptedOn(formatDate(plan.adoptedOn))}</Paragraph>;
}

export function RevisionsPage({ m, plan, revisions }: { m: Messages; plan: Plan; revisions: PlanRevision[] }) {
  const t = m.changes.revisions;
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="revisions" />
      <AdoptionLine m={m} plan={plan} />
      {plan.status !== 'draft' && <Paragraph>{t.intro}</Paragraph>}
      {plan.status !== 'draft' &&
        (revisions.length === 0 ? (
          <Paragraph>{t.none}</Paragraph>
        ) : (
          <Table caption={t.caption(plan.title)}>
            <TableHead columns={[t.number, t.reason, t.decidedOn, t.decidedBy, t.status, t.opened, t.closed]} />
            <TableBody>
              {revisions.map((revision) => (
                <Row>
                  <RowHeader>
                    <Link href={revisionUrl(plan.id, revision.number)}>{t.numbered(revision.number)}</Link>
                  </RowHeader>
                  <Cell label={t.reason}>{revision.reason}</Cell>
                  <Cell label={t.decidedOn}>{formatDate(revision.decidedOn)}</Cell>
                  <Cell label={t.decidedBy}>{m.changes.decider[revision.decidedBy]}</Cell>
                  <Cell label={t.status}>{m.changes.revisionStatus[revision.status]}</Cell>
                  <Cell label={t.opened}>{byAt(m, revision.openedBy, revision.openedAt)}</Cell>
                  <Cell label={t.closed}>{byAt(m, revision.closedBy, revision.closedAt)}</Cell>
                </Row>
              ))}
            </TableBody>
          </Table>
        ))}
      {plan.status !== 'draft' && (
        <Paragraph>
          <Link href={comparisonUrl(plan.id)}>{t.toComparison}</Link>
        </Paragraph>
      )}
    </Layout>
  );
}
