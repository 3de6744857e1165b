/**
 * `/plannen/:planId/vergelijking`: the plan as adopted against the plan as it
 * stands now (with every applied revision), as a list of changes with each
 * field as adopted and now side by side.
 */
import type { Plan } from '../../../domain/plan.js';
import { Heading, Link, ListItem, Paragraph, UnorderedList } from '../../../web/components.js';
import { formatDate } from '../../../web/format.js';
import { Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { Comparison } from '../plan-changes.service.js';
import { ChangeList } from './change-list.js';
import { PlanNav, planCrumbs } from './plan-parts.js';
import { revisionUrl } from './plan-urls.js';
import { AdoptionLine } from './revisions.page.js';

export function ComparisonPage({ m, plan, comparison }: { m: Messages; plan: Plan; comparison: Comparison | null }) {
  const t = m.changes.comparison;
  return (
    <Layout m={m} title={`${t.title}${m.layout.titleSeparator}${plan.title}`} crumbs={planCrumbs(m, plan, t.title)}>
      <Heading level={1}>{t.title}</Heading>
      <PlanNav m={m} plan={plan} current="revisions" />
      <AdoptionLine m={m} plan={plan} />
      {comparison && (
        <>
          <Paragraph>{comparison.revisions.length === 0 ? t.noRevisions : t.intro(comparison.changes.length)}</Paragraph>
          {comparison.revisions.length > 0 && (
            <UnorderedList>
              {comparison.revisions.map((revision) => (
                <ListItem>
                  <Link href={revisionUrl(plan.id, revision.number)}>{m.changes.revisions.numbered(revision.number)}</Link>
                  {`: ${revision.reason} (${t.inForce(formatDate(revision.decidedOn))})`}
                </ListItem>
              ))}
            </UnorderedList>
          )}
          <ChangeList
            m={m}
            planId={plan.id}
            changes={comparison.changes}
            names={comparison.names}
            themeOfWorkstream={comparison.themeOfWorkstream}
            before={t.adopted}
            after={t.current}
          />
        </>
      )}
    </Layout>
  );
}
