/**
 * The pages with one form: an element's form (new, changed, or shown again
 * with its problems or after a conflict), the plan's own fields, the start of
 * a plan and the lifecycle forms; the confirmation before removing; and the
 * page of the open revision with its changes, to apply or withdraw it.
 */
import type { Child } from 'hono/jsx';
import type { FieldProblem, StaleVersionError } from '../../../domain/errors.js';
import type { Plan } from '../../../domain/plan.js';
import { ELEMENT_NAMES, type ElementKind } from '../../../domain/plan-elements.js';
import { Heading, Link, ListItem, Paragraph, UnorderedList } from '../../../web/components.js';
import { formatDate, formatDateTime } from '../../../web/format.js';
import { type Crumb, Layout } from '../../../web/layout.js';
import type { Messages } from '../../../web/messages.js';
import type { PlanRevision } from '../plan.repository.js';
import { ConflictNotice, editCrumbs, formTitle, SubmitButton } from './edit-parts.js';
import { applyRevisionUrl, editUrl, elementAnchor, withdrawRevisionUrl } from './edit-urls.js';
import { DefaultSubmit, Fields, FormErrorSummary, HiddenFields } from './form-fields.js';
import type { FieldSpec, FormState } from './form-model.js';

export interface EditFormPageProps {
  m: Messages;
  title: string;
  crumbs: Crumb[];
  intro?: Child;
  specs: FieldSpec[];
  state: FormState;
  action: string;
  csrf: string;
  /** The version the form is made on; absent for a form that starts a plan. */
  version?: number;
  /** The form was sent on an older version: what changed since, above the form that keeps the input. */
  conflict?: StaleVersionError;
  /** The conflict of a lifecycle form (the whole plan counts, not one element). */
  lifecycleConflict?: boolean;
  /** A message above the problems, such as the service's. */
  message?: string;
  submitLabel: string;
  cancelHref: string;
  /** Marks the form for the script that edits an activity in its row. */
  elementForm?: boolean;
}

export function EditFormPage(props: EditFormPageProps) {
  const { m, state } = props;
  const hasErrors = state.problems.length > 0 || props.message !== undefined;
  return (
    <Layout m={m} title={formTitle(m, props.title, hasErrors)} crumbs={props.crumbs}>
      <Heading level={1}>{props.title}</Heading>
      {props.intro}
      {props.conflict && <ConflictNotice m={m} error={props.conflict} lifecycle={props.lifecycleConflict} />}
      <FormErrorSummary m={m} specs={props.specs} problems={state.problems} message={props.message} />
      <form
        method="post"
        action={props.action}
        class="koers-form koers-edit-form"
        data-koers-element-form={props.elementForm ? '' : undefined}
      >
        <DefaultSubmit />
        <HiddenFields csrf={props.csrf} version={props.version} />
        <Fields m={m} specs={props.specs} state={state} />
        <div class="koers-form-actions">
          <SubmitButton>{props.conflict ? m.editing.form.saveAgain : props.submitLabel}</SubmitButton>
          <Link href={props.cancelHref}>{m.editing.form.cancel}</Link>
        </div>
      </form>
    </Layout>
  );
}

/** Title, crumbs and way back of an element's form. */
export function elementFormFrame(m: Messages, plan: Plan, kind: ElementKind, element?: { key: string; label: string }) {
  const title = element
    ? m.editing.form.editTitle(ELEMENT_NAMES[kind].one, element.label)
    : m.editing.form.newTitle(ELEMENT_NAMES[kind].one);
  return {
    title,
    crumbs: editCrumbs(m, plan, title),
    cancelHref: element ? `${editUrl(plan.id)}#${elementAnchor(kind, element.key)}` : editUrl(plan.id),
  };
}

export function RevisionLine({ m, revision }: { m: Messages; revision?: PlanRevision }) {
  if (!revision) return null;
  return <Paragraph>{m.editing.form.inRevision(revision.number)}</Paragraph>;
}

export function RemovePage({
  m,
  plan,
  kind,
  element,
  csrf,
  version,
  uses,
  revision,
  conflict,
}: {
  m: Messages;
  plan: Plan;
  kind: ElementKind;
  element: { key: string; label: string };
  csrf: string;
  version: number;
  /** Where the element is still named: removing it is refused until those go. */
  uses: FieldProblem[];
  revision?: PlanRevision;
  conflict?: StaleVersionError;
}) {
  const t = m.editing.removal;
  const title = t.title(ELEMENT_NAMES[kind].one, element.label);
  const back = `${editUrl(plan.id)}#${elementAnchor(kind, element.key)}`;
  return (
    <Layout m={m} title={title} crumbs={editCrumbs(m, plan, title)}>
      <Heading level={1}>{title}</Heading>
      {conflict && <ConflictNotice m={m} error={conflict} />}
      {uses.length > 0 ? (
        <div class="utrecht-alert utrecht-alert--error koers-error-summary" role="alert">
          <Paragraph>{t.inUse}</Paragraph>
          <UnorderedList>
            {uses.map((use) => (
              <ListItem>{use.message}</ListItem>
            ))}
          </UnorderedList>
        </div>
      ) : (
        <>
          <Paragraph lead>{t.question(ELEMENT_NAMES[kind].one, element.label)}</Paragraph>
          {(kind === 'theme' || kind === 'workstream') && <Paragraph>{t.contains[kind]}</Paragraph>}
          <Paragraph>{t.kept}</Paragraph>
          {revision && <Paragraph>{t.inRevision(revision.number)}</Paragraph>}
        </>
      )}
      <form method="post" class="koers-form-actions koers-remove-form">
        <HiddenFields csrf={csrf} version={version} />
        {uses.length === 0 && <SubmitButton kind="warning">{t.confirm}</SubmitButton>}
        <Link href={back}>{t.back}</Link>
      </form>
    </Layout>
  );
}

export function RevisionPage({
  m,
  plan,
  revision,
  changes,
  csrf,
  conflict,
}: {
  m: Messages;
  plan: Plan;
  revision: PlanRevision;
  /** The changes in words. */
  changes: string[];
  csrf: string;
  conflict?: StaleVersionError;
}) {
  const t = m.editing.revision;
  const title = t.title(revision.number);
  return (
    <Layout m={m} title={`${title}${m.layout.titleSeparator}${plan.title}`} crumbs={editCrumbs(m, plan, title)}>
      <Heading level={1}>{title}</Heading>
      {conflict && <ConflictNotice m={m} error={conflict} lifecycle />}
      <section class="koers-section" aria-labelledby="bijstelling-feiten">
        <Heading level={2} id="bijstelling-feiten">
          {t.facts}
        </Heading>
        <dl class="koers-facts">
          <dt>{t.reason}</dt>
          <dd>{revision.reason}</dd>
          <dt>{t.date}</dt>
          <dd>{formatDate(revision.decidedOn)}</dd>
          <dt>{t.decidedBy}</dt>
          <dd>{m.editing.deciders[revision.decidedBy]}</dd>
          <dt>{t.openedBy}</dt>
          <dd>{`${revision.openedBy}, ${formatDateTime(revision.openedAt)}`}</dd>
        </dl>
      </section>
      <section class="koers-section" aria-labelledby="bijstelling-wijzigingen">
        <Heading level={2} id="bijstelling-wijzigingen">
          {t.changes}
        </Heading>
        {changes.length === 0 ? (
          <Paragraph>{t.noChanges}</Paragraph>
        ) : (
          <ol class="koers-change-list">
            {changes.map((change) => (
              <li>{change}</li>
            ))}
          </ol>
        )}
        <Paragraph>
          <Link href={editUrl(plan.id)}>{t.continue}</Link>
        </Paragraph>
      </section>
      <section class="koers-section" aria-labelledby="toepassen">
        <Heading level={2} id="toepassen">
          {t.applyHeading}
        </Heading>
        <Paragraph>{t.applyText}</Paragraph>
        <form method="post" action={applyRevisionUrl(plan.id)} class="koers-form-actions">
          <HiddenFields csrf={csrf} version={plan.version} />
          <SubmitButton>{t.apply(revision.number)}</SubmitButton>
        </form>
      </section>
      <section class="koers-section" aria-labelledby="intrekken">
        <Heading level={2} id="intrekken">
          {t.withdrawHeading}
        </Heading>
        <Paragraph>{t.withdrawText}</Paragraph>
        <form method="post" action={withdrawRevisionUrl(plan.id)} class="koers-form-actions">
          <HiddenFields csrf={csrf} version={plan.version} />
          <SubmitButton kind="warning">{t.withdraw(revision.number)}</SubmitButton>
        </form>
      </section>
    </Layout>
  );
}
