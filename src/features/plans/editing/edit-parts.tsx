/**
 * Pieces the edit pages share: the breadcrumb, a link that looks like a
 * button, the notice after a change, the conflict notice with what changed
 * since the form was opened, and the plan's state in words.
 */
import type { Child } from 'hono/jsx';
import type { StaleVersionError } from '../../../domain/errors.js';
import type { Plan } from '../../../domain/plan.js';
import { Heading, Paragraph } from '../../../web/components.js';
import { formatDateTime } from '../../../web/format.js';
import type { Crumb } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import { planListUrl, planUrl } from '../pages/plan-urls.js';
import type { PlanRevision } from '../plan.repository.js';
import { editUrl } from './edit-urls.js';

/** Plannen > plan > Bewerken > page (the edit page itself ends at Bewerken). */
export function editCrumbs(m: Messages, plan: Pick<Plan, 'id' | 'title'>, pageLabel?: string): Crumb[] {
  const crumbs: Crumb[] = [
    { label: m.common.plans, href: planListUrl() },
    { label: plan.title, href: planUrl(plan.id) },
  ];
  if (pageLabel) crumbs.push({ label: m.editing.crumb, href: editUrl(plan.id) }, { label: pageLabel });
  else crumbs.push({ label: m.editing.crumb });
  return crumbs;
}

export function ButtonLink({
  href,
  primary = false,
  children,
  attributes = {},
}: {
  href: string;
  primary?: boolean;
  children?: Child;
  attributes?: Record<string, string>;
}) {
  return (
    <a
      class={`utrecht-button-link utrecht-button-link--html-a ${primary ? 'utrecht-button-link--primary-action' : 'utrecht-button-link--secondary-action'}`}
      href={href}
      {...attributes}
    >
      {children}
    </a>
  );
}

export function SubmitButton({
  children,
  name,
  value,
  kind = 'primary',
}: {
  children?: Child;
  name?: string;
  value?: string;
  kind?: 'primary' | 'secondary' | 'warning';
}) {
  const variant = {
    primary: 'utrecht-button--primary-action',
    secondary: 'utrecht-button--secondary-action',
    warning: 'utrecht-button--warning',
  }[kind];
  return (
    <button type="submit" name={name} value={value} class={`utrecht-button ${variant} utrecht-button--submit`}>
      {children}
    </button>
  );
}

/** What changed since the form was opened, as the 412 answer tells it; the form below keeps what the user typed. */
export function ConflictNotice({ m, error, lifecycle = false }: { m: Messages; error: StaleVersionError; lifecycle?: boolean }) {
  const t = m.editing.conflict;
  return (
    <div class="utrecht-alert utrecht-alert--warning koers-conflict" role="alert" aria-labelledby="conflict-kop">
      <Heading level={2} id="conflict-kop">
        {t.heading}
      </Heading>
      <Paragraph>{lifecycle ? t.lifecycleIntro : t.intro}</Paragraph>
      <ul class="koers-conflict__list">
        {error.changes.map((change) => (
          <li>
            {t.change(change.version, formatDateTime(change.at), change.by)}
            <ul>
              {change.descriptions.map((description) => (
                <li>{description}</li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
    </div>
  );
}

/** The open revision of a plan, if any. */
export const openRevisionOf = (revisions: PlanRevision[]) => revisions.find((revision) => revision.status === 'open');

/** Whether the working copy takes edits now: a concept, or an adopted plan with an open revision. */
export function isEditable(plan: Pick<Plan, 'status'>, revisions: PlanRevision[]): boolean {
  return plan.status === 'draft' || (plan.status === 'adopted' && openRevisionOf(revisions) !== undefined);
}

/** The page title with "Fout: " in front when the form has problems. */
export function formTitle(m: Messages, title: string, hasErrors: boolean): string {
  return `${hasErrors ? m.monitoring.form.errorTitlePrefix : ''}${title}`;
}
