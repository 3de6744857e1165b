/**
 * `/plannen/:planId/partners`: every partner, grouped as the plan groups them,
 * with its place in an organisation, the meetings it joins and the activities
 * it takes part in. Each partner's section has its key as anchor, so activity
 * tables elsewhere link straight to it.
 */
import { activitiesOfPartner } from '../../../domain/activity-filter.js';
import { scheduleLabel } from '../../../domain/schedule.js';
import { Cell, Heading, joinChildren, Link, Paragraph, Row, RowHeader, Table, TableBody, TableHead } from '../../../web/components.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { Plan, StoredPartner } from '../plan.types.js';
import { PlanNav, planCrumbs, themeTitle } from './plan-parts.js';
import { themeUrl } from './plan-urls.js';

type Group = keyof Messages['partners']['groups'];

/** Core partners first whatever their kind; the others by kind. */
function groupOf(partner: StoredPartner): Group {
  if (partner.isCore) return 'core';
  if (partner.kind === 'external') return 'external';
  if (partner.kind === 'shared_service') return 'sharedService';
  return 'department';
}

const GROUP_ORDER: Group[] = ['core', 'external', 'sharedService', 'department'];

function groupedPartners(plan: Plan): { group: Group; partners: StoredPartner[] }[] {
  return GROUP_ORDER.map((group) => ({ group, partners: plan.partners.filter((partner) => groupOf(partner) === group) })).filter(
    ({ partners }) => partners.length > 0,
  );
}

type Props = { m: Messages; plan: Plan };

export function PartnersPage({ m, plan }: Props) {
  const t = m.partners;
  const groups = groupedPartners(plan);
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="partners" />
      <Paragraph lead>{t.intro}</Paragraph>
      <nav aria-label={t.index}>
        <ul class="koers-index">
          {groups.map(({ group, partners }) => (
            <li class="koers-index__group">
              {t.groups[group]}
              <ul>
                {partners.map((partner) => (
                  <li>
                    <Link href={`#${partner.key}`}>{partner.name}</Link>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      </nav>
      {groups.map(({ group, partners }) => (
        <section class="koers-section" aria-labelledby={`groep-${group}`}>
          <Heading level={2} id={`groep-${group}`}>
            {t.groups[group]}
          </Heading>
          {partners.map((partner) => (
            <PartnerSection m={m} plan={plan} partner={partner} />
          ))}
        </section>
      ))}
    </Layout>
  );
}

function PartnerSection({ m, plan, partner }: Props & { partner: StoredPartner }) {
  const t = m.partners;
  const parent = plan.partners.find((candidate) => candidate.key === partner.parentKey);
  const children = plan.partners.filter((candidate) => candidate.parentKey === partner.key);
  const meetings = plan.meetings.filter((meeting) => meeting.partnerKeys.includes(partner.key));
  return (
    <section class="koers-partner" aria-labelledby={partner.key}>
      <Heading level={3} id={partner.key}>
        {partner.name}
      </Heading>
      <Paragraph class="koers-muted">{m.partnerKind[partner.kind]}</Paragraph>
      {partner.description && <Paragraph>{partner.description}</Paragraph>}
      {parent && (
        <Paragraph>
          <strong>{`${t.partOf}: `}</strong>
          <Link href={`#${parent.key}`}>{parent.name}</Link>
        </Paragraph>
      )}
      {children.length > 0 && (
        <Paragraph>
          <strong>{`${t.parts}: `}</strong>
          {joinChildren(
            children.map((child) => <Link href={`#${child.key}`}>{child.name}</Link>),
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
    </section>
  );
}

function PartnerActivities({ m, plan, partner }: Props & { partner: StoredPartner }) {
  const rows = activitiesOfPartner(plan, partner.key);
  if (rows.length === 0) return <Paragraph>{m.partners.noActivities}</Paragraph>;
  const a = m.activity;
  return (
    <Table caption={`${m.partners.activitiesCaption(partner.name)} (${m.partners.activityCount(rows.length)})`}>
      <TableHead columns={[a.theme, a.name, a.schedule]} />
      <TableBody>
        {rows.map(({ activity, theme }) => (
          <Row>
            <Cell label={a.theme}>
              <Link href={themeUrl(plan.id, theme.id)}>{themeTitle(m, theme)}</Link>
            </Cell>
            <RowHeader>{activity.name}</RowHeader>
            <Cell label={a.schedule}>{scheduleLabel(activity.schedule)}</Cell>
          </Row>
        ))}
      </TableBody>
    </Table>
  );
}
