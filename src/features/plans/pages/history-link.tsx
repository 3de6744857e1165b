/** The way from an element of an adopted plan to its history across revisions; nothing for a concept, which has none. */
import type { Plan } from '../../../domain/plan.js';
import type { ElementKind } from '../../../domain/plan-elements.js';
import type { Messages } from '../../../web/messages.js';
import { comparisonUrl, elementHistoryUrl, revisionsUrl } from './plan-urls.js';

/** "Geschiedenis", read out as "Geschiedenis van "<label>"". */
export function HistoryLink({
  m,
  plan,
  kind,
  elementKey,
  label,
}: {
  m: Messages;
  plan: Plan;
  kind: ElementKind;
  elementKey: string;
  label: string;
}) {
  if (plan.status === 'draft') return null;
  return (
    <span class="koers-history-link">
      <a class="utrecht-link utrecht-link--html-a" href={elementHistoryUrl(plan.id, kind, elementKey)}>
        {m.changes.links.short}
        <span class="koers-visually-hidden">{m.changes.links.of(label)}</span>
      </a>
    </span>
  );
}

/** Where to see what changed in the plan since its adoption. */
export function PlanChangesLinks({ m, plan }: { m: Messages; plan: Plan }) {
  if (plan.status === 'draft') return null;
  return (
    <p class="utrecht-paragraph koers-plan-changes">
      <a class="utrecht-link utrecht-link--html-a" href={revisionsUrl(plan.id)}>
        {m.changes.revisions.title}
      </a>
      {' · '}
      <a class="utrecht-link utrecht-link--html-a" href={comparisonUrl(plan.id)}>
        {m.changes.comparison.title}
      </a>
    </p>
  );
}
