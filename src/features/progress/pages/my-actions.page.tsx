/**
 * `/mijn-acties`: for a lead or a partner, the open rounds with the
 * activities he or she reports on or approves, what is still to do, and a link
 * to the form of each.
 */
import { Cell, Heading, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { formatDate } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { themeLabel } from '../../plans/pages/plan-parts.js';
import type { MyActivity, MyRound } from '../progress.service.js';
import { StateTag } from './progress-parts.js';
import { activityProgressUrl, progressUrl } from './progress-urls.js';

function todo(m: Messages, activity: MyActivity): string {
  const t = m.progress;
  const { state } = activity.row;
  if (activity.reporter && (state === 'due' || state === 'not_planned')) return t.todoReport;
  if (activity.reporter && state === 'sent_back') return t.todoCorrect;
  if (activity.approves && state === 'submitted') return t.todoReview;
  return t.todoNothing;
}

export function MyActionsPage({ m, rounds }: { m: Messages; rounds: MyRound[] }) {
  const t = m.progress;
  return (
    <Layout m={m} title={t.myTitle} crumbs={[{ label: m.common.plans, href: '/' }, { label: t.myTitle }]}>
      <Heading level={1}>{t.myTitle}</Heading>
      <Paragraph lead>{t.myIntro}</Paragraph>
      {rounds.length === 0 && (
        <>
          <Paragraph>{t.myNone}</Paragraph>
          <Paragraph>{t.myNoneHint}</Paragraph>
        </>
      )}
      {rounds.map((round) => {
        const due = round.activities.filter((activity) => activity.reporter && activity.row.state === 'due').length;
        // What waits on this person first: a review or a report sent back, then the reports still due, then the rest.
        const order = (activity: MyActivity) => [t.todoReview, t.todoCorrect, t.todoReport, t.todoNothing].indexOf(todo(m, activity));
        const activities = [...round.activities].sort((a, b) => order(a) - order(b));
        return (
          <section class="koers-section" aria-labelledby={`ronde-${round.round.id}`}>
            <Heading level={2} id={`ronde-${round.round.id}`}>
              {t.myRound(round.plan.title, round.period.label)}
            </Heading>
            <Paragraph>{t.myDeadline(formatDate(round.round.deadline), due)}</Paragraph>
            <Table caption={t.myCaption(round.period.label)}>
              <TableHead columns={[t.activity, t.theme, t.state, t.status, t.myTodo]} />
              <TableBody>
                {activities.map((activity) => (
                  <Row>
                    <RowHeader>
                      <Link href={activityProgressUrl(round.plan.id, round.period.key, activity.row.activity.key)}>
                        {activity.row.activity.name}
                      </Link>
                    </RowHeader>
                    <Cell label={t.theme}>{themeLabel(m, activity.row.theme)}</Cell>
                    <Cell label={t.state}>
                      <StateTag m={m} state={activity.row.state} />
                    </Cell>
                    <Cell label={t.status}>{activity.row.status?.label ?? m.common.none}</Cell>
                    <Cell label={t.myTodo}>{todo(m, activity)}</Cell>
                  </Row>
                ))}
              </TableBody>
            </Table>
            <ul class="koers-inline-list">
              <li>
                <Link href={`/plannen/${round.plan.id}/voortgang/${round.period.key}/bestand.xlsx?alleen=mijn`}>{t.myDownload}</Link>
              </li>
              <li>
                <Link href={progressUrl(round.plan.id, { periode: round.period.key })}>{t.glanceMore}</Link>
              </li>
            </ul>
          </section>
        );
      })}
    </Layout>
  );
}
