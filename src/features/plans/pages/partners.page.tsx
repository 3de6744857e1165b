/**
 * `/plannen/:planId/partners`: every partner, grouped as the plan groups them,
 * with its kind and the number of activities it takes part in, each linking
 * to the partner's own page.
 */
import { activitiesOfPartner } from '../../../domain/activity-filter.js';
import type { Plan, StoredPartner } from '../../../domain/plan.js';
import { Heading, Link, Paragraph } from '../../../web/components.js';
import { capitalise } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { PlanNav, planCrumbs } from './plan-parts.js';
import { partnerUrl } from './plan-urls.js';

type Group = keyof Messages['partners']['groups'];

/** Core partners first whatever their kind; the others by kind. */
export function groupOf(partner: StoredPartner): Group {
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

export function PartnersPage({ m, plan }: { m: Messages; plan: Plan }) {
  const t = m.partners;
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="partners" />
      <Paragraph lead>{t.intro}</Paragraph>
      {groupedPartners(plan).map(({ group, partners }) => (
        <section class="koers-section" aria-labelledby={`groep-${group}`}>
          <Heading level={2} id={`groep-${group}`}>
            {t.groups[group]}
          </Heading>
          <ul class="koers-index">
            {partners.map((partner) => (
              <li>
                <Link href={partnerUrl(plan.id, partner.key)}>{capitalise(partner.name)}</Link>
                <span class="koers-muted koers-index__detail">{`${m.partnerKind[partner.kind]} · ${t.activityCount(activitiesOfPartner(plan, partner.key).length)}`}</span>
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Layout>
  );
}
