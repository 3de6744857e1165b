/**
 * A page of the plan asked for a date on which there was no plan yet: before
 * its adoption, or of a concept, which has no history. Says so, with the way
 * to the current page and the form to pick another date.
 */
import type { Plan } from '../../../domain/plan.js';
import { Heading, Link, Paragraph } from '../../../web/components.js';
import { formatDate } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { AsOfForm, type AsOfPage } from './as-of.js';
import { PlanNav, planCrumbs } from './plan-parts.js';

export function NotInForcePage({ m, plan, date, page }: { m: Messages; plan: Plan; date: string; page: AsOfPage }) {
  const t = m.changes.asOf;
  const title = t.notInForceTitle(formatDate(date));
  const search = new URLSearchParams(page.query).toString();
  return (
    <Layout m={m} title={`${title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, title)}>
      <Heading level={1}>{title}</Heading>
      <PlanNav m={m} plan={plan} />
      <Paragraph lead>
        {plan.status === 'draft' || !plan.adoptedOn ? t.concept : t.notAdopted(formatDate(date), formatDate(plan.adoptedOn))}
      </Paragraph>
      <Paragraph>
        <Link href={search ? `${page.path}?${search}` : page.path}>{t.toCurrent}</Link>
      </Paragraph>
      {plan.status !== 'draft' && <AsOfForm m={m} page={page} min={plan.adoptedOn} />}
    </Layout>
  );
}
