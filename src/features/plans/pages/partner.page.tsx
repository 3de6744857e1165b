/**
 * `/plannen/:planId/partners/:partnerKey`: one partner: its kind and
 * description, the organisation it is part of and its parts, the meetings it
 * joins and the activities it takes part in, with theme and planning.
 */
import { activitiesOfPartner } from '../../../domain/activity-filter.js';
import type { Plan, StoredPartner } from '../../../domain/plan.js';
import { scheduleLabel } from '../../../domain/schedule.js';
import { Cell, Heading, joinChildren, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { capitalise } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { groupOf } from './partners.page.js';
import { PlanNav, planCrumbs, themeTitle } from './plan-parts.js';
import { partnersUrl, partnerUrl, themeUrl } from './plan-urls.js';

type Props = { m: Messages; plan: Plan; partner: StoredPartner };

export function PartnerPage({ m, plan, partner }: Props) {
  const t = m.partners;
  const name = capitalise(partner.name);
  const parent = plan.partners.find((candidate) => candidate.key === partner.parentKey);
  const children = plan.partners.filter((candidate) => candidate.parentKey === partner.key);
  const meetings = plan.meetings.filter((meeting) => meeting.partnerKeys.includes(partner.key));
  const crumbs = [...planCrumbs(m, plan, t.title).slice(0, -1), { label: t.title, href: partnersUrl(plan.id) }, { label: name }];
  return (
    <Layout m={m} title={`${name}${m.layout.titleSeparator}${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={crumbs}>
      <p class="koers-pre-heading">{`${t.groups[groupOf(partner)]} · ${m.partnerKind[partner.kind]}`}</p>
      <Heading level={1}>{name}</Heading>
      <PlanNav m={m} plan={plan} current="partners" />
      {partner.description && <Paragraph lead>{partner.description}</Paragraph>}
      {parent && (
        <Paragraph>
          <strong>{`${t.partOf}: `}</strong>
          <Link href={partnerUrl(plan.id, parent.key)}>{capitalise(parent.name)}</Link>
        </Paragraph>
      )}
      {children.length > 0 && (
        <Paragraph>
          <strong>{`${t.parts}: `}</strong>
          {joinChildren(
            children.map((child) => <Link href={partnerUrl(plan.id, child.key)}>{capitalise(child.name)}</Link>),
            m.common.listSeparator,
          )}
        </Paragraph>
      )}
      {meetings.length > 0 && (
        <Paragraph>
          <strong>{`${t.meetings}: `}</strong>
          {meetings.map((meeting) => meeting.name).join(m.common.listSeparator)}
        </Paragraph>
      )}
      <PartnerActivities m={m} plan={plan} partner={partner} />
      <Paragraph>
        <Link href={partnersUrl(plan.id)}>{t.back}</Link>
      </Paragraph>
    </Layout>
  );
}

function PartnerActivities({ m, plan, partner }: Props) {
  const rows = activitiesOfPartner(plan, partner.key);
  const a = m.activity;
  return (
    <section class="koers-section" aria-labelledby="activiteiten">
      <Heading level={2} id="activiteiten">
        {`${m.partners.activities} (${m.partners.activityCount(rows.length)})`}
      </Heading>
      {rows.length === 0 ? (
        <Paragraph>{m.partners.noActivities}</Paragraph>
      ) : (
        <Table caption={m.partners.activitiesCaption(partner.name)} hideCaption>
          <TableHead columns={[a.name, a.theme, a.schedule]} />
          <TableBody>
            {rows.map(({ activity, theme }) => (
              <Row>
                <RowHeader>{activity.name}</RowHeader>
                <Cell label={a.theme}>
                  <Link href={themeUrl(plan.id, theme.id)}>{themeTitle(m, theme)}</Link>
                </Cell>
                <Cell label={a.schedule}>{scheduleLabel(activity.schedule)}</Cell>
              </Row>
            ))}
          </TableBody>
        </Table>
      )}
    </section>
  );
}
