/**
 * Editing a plan: add, change, move, remove and reorder its elements, change
 * its own fields, or replace its content with an edited document (matched by
 * key). Every change goes through `change`, which in one unit of work:
 *
 * 1. takes the plan's row (so changes of one plan run one after another),
 * 2. checks who asks, the plan's state (a concept is edited freely; an adopted
 *    plan only within an open revision; a closed plan not at all) and the
 *    version the change was made on,
 * 3. applies the edit to the working copy's content and checks the whole plan,
 * 4. writes the working copy by key, the next version, the change log and the
 *    audit event, all committed together.
 */
import { ConflictError, NotFoundError, StaleVersionError, ValidationError, VersionRequiredError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Plan, PlanContent } from '../../domain/plan.js';
import { changeInWords, diffPlans, type ElementChange, nameLookup } from '../../domain/plan-diff.js';
import {
  addElement,
  ELEMENT_NAMES,
  type ElementKind,
  type ElementValues,
  findElement,
  keyOf,
  removeElement,
  reorderElements,
  updateElement,
} from '../../domain/plan-elements.js';
import { assertMayInAll, planReadScope } from '../accounts/access.policy.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { PlanHead, RecordedChange } from './plan.repository.js';
import { planContentFromDocument, planContentToDocument, toContent } from './plan-document.mapper.js';
import { validatePlanDocument } from './plan-document.validate.js';
import { documentPathOf, type ElementDocument, elementFromDocument } from './plan-element-documents.js';

/** The version a change was made on, and how strictly it must match. */
export interface VersionCheck {
  /** The version the client read (If-Match, or the form's hidden field); undefined when it sent none. */
  expected: number | undefined;
  /**
   * 'exact' (the API): any change since is a conflict. 'element' (the forms):
   * only a change since to the same element, or to what contains it, is.
   */
  match: 'exact' | 'element';
}

export interface ChangeResult {
  /** The plan's version after the change (unchanged when the change changed nothing). */
  version: number;
  changes: ElementChange[];
  plan: Plan;
}

export class PlanEditingService {
  constructor(private readonly uow: UnitOfWork) {}

  /** A new element of a kind, from its document; its key is made from its name when it has none. */
  addElement<K extends ElementKind>(actor: Actor, planId: string, kind: K, document: ElementDocument<K>, version: VersionCheck) {
    let key = '';
    return this.change(actor, planId, version, [], (content) => {
      const { value, parentKey } = elementFromDocument(kind, document, content);
      key = keyOf(kind, value);
      return { next: addElement(content, kind, value, parentKey), element: { kind, key } };
    });
  }

  /** An element's fields replaced by its (merged) document; a different theme or workstream moves it. */
  updateElement<K extends ElementKind>(
    actor: Actor,
    planId: string,
    kind: K,
    key: string,
    document: ElementDocument<K>,
    version: VersionCheck,
  ) {
    return this.change(actor, planId, version, [{ kind, key }], (content) => {
      requireElement(content, kind, key);
      const { value, parentKey } = elementFromDocument(kind, document, content, key);
      const keyInDocument = (document as { sleutel?: unknown }).sleutel;
      if (typeof keyInDocument === 'string' && keyInDocument !== key)
        throw new ValidationError('De sleutel van een onderdeel verandert niet', [
          { path: 'sleutel', message: `blijft "${key}"; maak een nieuw onderdeel als u een andere sleutel wilt` },
        ]);
      return { next: updateElement(content, kind, key, value as ElementValues[K], parentKey), element: { kind, key } };
    });
  }

  /** Removes an element (and what it contains). In the tables it is ended, never deleted. */
  removeElement(actor: Actor, planId: string, kind: ElementKind, key: string, version: VersionCheck) {
    return this.change(actor, planId, version, [{ kind, key }], (content) => {
      requireElement(content, kind, key);
      return { next: removeElement(content, kind, key) };
    });
  }

  /** Puts one list (of the plan, a theme or a workstream) in a new order. */
  reorder(actor: Actor, planId: string, kind: ElementKind, parentKey: string | null, keys: string[], version: VersionCheck) {
    return this.change(actor, planId, version, [], (content) => ({ next: reorderElements(content, kind, parentKey, keys) }));
  }

  /** The plan's own fields: title, subtitle, period, summary, budget note, catalogue edition. */
  updatePlanFields(
    actor: Actor,
    planId: string,
    fields: Pick<PlanContent, 'title' | 'subtitle' | 'periodStart' | 'periodEnd' | 'summary' | 'budgetNote' | 'catalogueEdition'>,
    version: VersionCheck,
  ) {
    return this.change(actor, planId, version, [{ kind: 'plan', key: '' }], (content) => ({ next: { ...content, ...fields } }));
  }

  /**
   * The whole content from an edited plan document: elements are matched by
   * key, so what stayed keeps its identity (and its measurements), what is new
   * is added and what is gone is ended. The document's status and adoption are
   * not taken over: those change only through the lifecycle.
   */
  replaceContent(actor: Actor, planId: string, input: unknown, version: VersionCheck) {
    const check = validatePlanDocument(input);
    if (!check.ok) throw new ValidationError('Het plandocument is ongeldig', check.problems);
    const incoming = planContentFromDocument(check.document);
    return this.change(actor, planId, version, [], (content) => {
      if (JSON.stringify(incoming.municipalities.map((m) => m.code)) !== JSON.stringify(content.municipalities.map((m) => m.code)))
        throw new ValidationError('De gemeenten van een plan veranderen niet', [
          { path: '$.plan.gemeenten', message: `moeten ${content.municipalities.map((m) => m.code).join(', ')} blijven` },
        ]);
      return { next: incoming };
    });
  }

  /**
   * The one way a plan's content changes. `touches` names what the change is
   * about, for the element-level version check and for the messages of
   * problems (made relative to the element).
   */
  async change(
    actor: Actor,
    planId: string,
    version: VersionCheck,
    touches: { kind: ElementKind | 'plan'; key: string }[],
    edit: (content: PlanContent, plan: Plan) => { next: PlanContent; element?: { kind: ElementKind; key: string } },
  ): Promise<ChangeResult> {
    if (!isUuid(planId)) throw new NotFoundError('Plan', planId);
    if (version.expected === undefined) throw new VersionRequiredError();
    const expected = version.expected;
    return this.uow.write(async (repos) => {
      const { plans } = repos;
      const head = await plans.findHead(planId, planReadScope(actor), { lock: true });
      if (!head) throw new NotFoundError('Plan', planId);
      assertMayInAll(
        actor,
        'plan:edit',
        head.municipalities.map((municipality) => municipality.id),
        'dit plan bewerken',
      );
      const revisionId = await openRevisionFor(repos, head);
      if (expected !== head.version) {
        const since = await plans.changesSince(planId, expected);
        if (version.match === 'exact' || conflicts(since, touches)) throw staleError(head.version, since);
      }
      const working = await plans.workingCopy(head);
      const content = toContent(working);
      const { next: edited, element } = edit(content, working);
      // The lifecycle is not an edit: status, adoption and municipalities stay as they are.
      const next: PlanContent = {
        ...edited,
        status: content.status,
        adoptedOn: content.adoptedOn,
        adoptions: content.adoptions,
        municipalities: content.municipalities,
      };
      assertValidContent(next, element ?? touches.find((touch): touch is { kind: ElementKind; key: string } => touch.kind !== 'plan'));
      const changes = diffPlans(content, next);
      if (changes.length === 0) return { version: head.version, changes, plan: working };
      const nextVersion = head.version + 1;
      await plans.syncWorkingCopy(planId, nextVersion, next);
      const by = auditActor(actor);
      await plans.recordChange(planId, { version: nextVersion, revisionId, madeBy: by.label, changes });
      const names = nameLookup(content, next);
      await repos.audit.record({
        actor: by,
        action: 'plan.changed',
        objectType: 'plan',
        objectId: planId,
        municipalityId: head.municipalities[0]?.id ?? null,
        before: { versie: head.version },
        after: {
          versie: nextVersion,
          bijstelling: revisionId,
          aantal: changes.length,
          wijzigingen: changes.slice(0, 25).map((change) => changeInWords(change, names)),
        },
        ip: actor.ip ?? null,
      });
      const plan = await plans.workingCopy({ ...head, version: nextVersion });
      return { version: nextVersion, changes, plan };
    });
  }
}

/** The open revision an adopted plan is edited in; a concept needs none; a closed plan takes no edits. */
async function openRevisionFor({ plans }: Repositories, head: PlanHead): Promise<string | null> {
  if (head.status === 'draft') return null;
  if (head.status === 'closed') throw new ConflictError('Dit plan is afgesloten en verandert niet meer');
  const open = (await plans.revisions(head.id)).find((revision) => revision.status === 'open');
  if (!open)
    throw new ConflictError(
      'Dit plan is vastgesteld: een wijziging hoort bij een bijstelling. Open eerst een bijstelling, met de reden en wie ertoe besloot.',
    );
  return open.id;
}

function requireElement(content: PlanContent, kind: ElementKind, key: string): void {
  if (!findElement(content, kind, key))
    throw new NotFoundError(ELEMENT_NAMES[kind].one, key, `${ELEMENT_NAMES[kind].one} "${key}" bestaat niet in dit plan`);
}

/** A change since touches what this change is about: the same element, or the theme or workstream around it. */
function conflicts(since: RecordedChange[], touches: { kind: ElementKind | 'plan'; key: string }[]): boolean {
  if (touches.length === 0) return since.length > 0;
  return since.some((recorded) =>
    recorded.changes.some((change) => touches.some((touch) => touch.kind === change.kind && touch.key === change.key)),
  );
}

export function staleError(currentVersion: number, since: RecordedChange[]): StaleVersionError {
  return new StaleVersionError(
    'Het plan is gewijzigd sinds u het opende: bekijk wat er veranderde en doe uw wijziging opnieuw',
    currentVersion,
    since.map((recorded) => ({
      version: recorded.version,
      at: recorded.madeAt,
      by: recorded.madeBy,
      descriptions: recorded.changes.map((change) => changeInWords(change)),
    })),
  );
}

/** The whole plan must hold together after an edit; problems of the element itself are named by its own fields. */
function assertValidContent(content: PlanContent, element: { kind: ElementKind; key: string } | undefined): void {
  const check = validatePlanDocument(planContentToDocument(content));
  if (check.ok) return;
  const prefix = element ? documentPathOf(content, element.kind, element.key) : undefined;
  const problems = check.problems.map((problem) =>
    prefix && (problem.path === prefix || problem.path.startsWith(`${prefix}.`))
      ? { path: problem.path.slice(prefix.length + 1) || '$', message: problem.message }
      : problem,
  );
  throw new ValidationError('De wijziging past niet in het plan', problems);
}
