/**
 * What changed in a plan, for everyone who may read it: per revision its
 * changes item by item; the adopted plan against the current one; the history
 * of one element (a theme, an indicator, an activity) across the snapshots;
 * and the changes made after a given version.
 */
import { NotFoundError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Plan } from '../../domain/plan.js';
import { diffPlans, type ElementChange, type NameLookup, nameLookup } from '../../domain/plan-diff.js';
import { type ElementKind, type ElementValues, elementLabel, findElement } from '../../domain/plan-elements.js';
import { planReadScope } from '../accounts/access.policy.js';
import type { Actor } from '../accounts/actor.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { PlanRevision, PlanSnapshot, RecordedChange } from './plan.repository.js';
import { toContent } from './plan-document.mapper.js';

export interface RevisionDetail {
  revision: PlanRevision;
  /** Applied: what it changed. Open: what it changes so far. Withdrawn: what it held before it was withdrawn. */
  changes: ElementChange[];
  names: NameLookup;
}

export interface Comparison {
  adopted: Plan;
  current: Plan;
  changes: ElementChange[];
  names: NameLookup;
}

export interface ElementVersion<K extends ElementKind = ElementKind> {
  /** From when this version was in force: the adoption, or the revision that made it. */
  effectiveOn: string;
  revision: PlanRevision | null;
  /** The element as it stood then; null when it was not (or no longer) part of the plan. */
  value: ElementValues[K] | null;
  parentKey: string | null;
  changes: ElementChange[];
}

export interface ElementHistory<K extends ElementKind = ElementKind> {
  kind: K;
  key: string;
  label: string;
  versions: ElementVersion<K>[];
  /** Changes in the open revision, not yet in force. */
  pending: ElementChange[];
  names: NameLookup;
}

export class PlanChangesService {
  constructor(private readonly uow: UnitOfWork) {}

  async revision(actor: Actor, planId: string, number: number): Promise<RevisionDetail> {
    return this.read(actor, planId, async ({ plans }, snapshots) => {
      const revision = (await plans.revisions(planId)).find((candidate) => candidate.number === number);
      if (!revision) throw new NotFoundError('Bijstelling', String(number), `Dit plan heeft geen bijstelling ${number}`);
      if (revision.status === 'applied') {
        const index = snapshots.findIndex((snapshot) => snapshot.revisionId === revision.id);
        const before = snapshots[index - 1];
        const after = snapshots[index];
        if (!before || !after) return { revision, changes: [], names: nameLookup() };
        return {
          revision,
          changes: diffPlans(toContent(before.plan), toContent(after.plan)),
          names: nameLookup(toContent(before.plan), toContent(after.plan)),
        };
      }
      if (revision.status === 'open') {
        const head = await plans.findHead(planId, { all: true });
        const latest = snapshots.at(-1);
        if (!head || !latest) return { revision, changes: [], names: nameLookup() };
        const working = await plans.workingCopy(head);
        return {
          revision,
          changes: diffPlans(toContent(latest.plan), toContent(working)),
          names: nameLookup(toContent(latest.plan), toContent(working)),
        };
      }
      const recorded = await plans.changesOfRevision(revision.id);
      return {
        revision,
        changes: recorded.flatMap((entry) =>
          entry.changes.filter((change) => change.kind !== 'plan' || change.fields.every((f) => f.field !== 'revision')),
        ),
        names: nameLookup(),
      };
    });
  }

  /** The plan as adopted against the plan as it stands now (with every applied revision). */
  async compare(actor: Actor, planId: string): Promise<Comparison> {
    return this.read(actor, planId, async (_repos, snapshots) => {
      const adopted = snapshots[0];
      const current = snapshots.at(-1);
      if (!adopted || !current) throw new NotFoundError('Plan', planId, 'Dit plan is nog niet vastgesteld: er is nog niets te vergelijken');
      return {
        adopted: adopted.plan,
        current: current.plan,
        changes: diffPlans(toContent(adopted.plan), toContent(current.plan)),
        names: nameLookup(toContent(adopted.plan), toContent(current.plan)),
      };
    });
  }

  /** One element across the plan's life: as adopted, then after each revision that changed it. */
  async elementHistory<K extends ElementKind>(actor: Actor, planId: string, kind: K, key: string): Promise<ElementHistory<K>> {
    return this.read(actor, planId, async ({ plans }, snapshots) => {
      const revisions = await plans.revisions(planId);
      const head = await plans.findHead(planId, { all: true });
      const working = head ? await plans.workingCopy(head) : undefined;
      const contents = snapshots.map((snapshot) => toContent(snapshot.plan));
      const versions: ElementVersion<K>[] = [];
      let label: string | undefined;
      snapshots.forEach((snapshot, index) => {
        const entry = findElement(contents[index] as NonNullable<(typeof contents)[number]>, kind, key);
        const previous = index > 0 ? contents[index - 1] : undefined;
        const changes = previous
          ? diffPlans(previous, contents[index] as NonNullable<(typeof contents)[number]>).filter(
              (change) => change.kind === kind && change.key === key,
            )
          : [];
        if (index > 0 && changes.length === 0) return;
        if (index === 0 && !entry) return;
        label = label ?? (entry ? elementLabel(entry) : undefined);
        versions.push({
          effectiveOn: snapshot.effectiveOn,
          revision: revisions.find((revision) => revision.id === snapshot.revisionId) ?? null,
          value: entry ? (entry.value as ElementValues[K]) : null,
          parentKey: entry?.parentKey ?? null,
          changes,
        });
      });
      const latest = contents.at(-1);
      const workingContent = working ? toContent(working) : undefined;
      const pending =
        latest && workingContent && snapshots.length > 0
          ? diffPlans(latest, workingContent).filter((change) => change.kind === kind && change.key === key)
          : [];
      if (!label && workingContent) {
        const entry = findElement(workingContent, kind, key);
        label = entry ? elementLabel(entry) : undefined;
      }
      if (!label) throw new NotFoundError(kind, key, `Dit plan heeft of had geen onderdeel met sleutel "${key}"`);
      return { kind, key, label, versions, pending, names: nameLookup(...contents, ...(workingContent ? [workingContent] : [])) };
    });
  }

  /** The changes made after a version, for those who may read the plan (what a 412 answer lists). */
  async changesSince(actor: Actor, planId: string, version: number): Promise<RecordedChange[]> {
    return this.read(actor, planId, ({ plans }) => plans.changesSince(planId, version));
  }

  private async read<T>(
    actor: Actor,
    planId: string,
    work: (repos: Parameters<Parameters<UnitOfWork['read']>[0]>[0], snapshots: PlanSnapshot[]) => Promise<T>,
  ): Promise<T> {
    if (!isUuid(planId)) throw new NotFoundError('Plan', planId);
    return this.uow.read(async (repos) => {
      const head = await repos.plans.findHead(planId, planReadScope(actor));
      if (!head) throw new NotFoundError('Plan', planId);
      return work(repos, await repos.plans.snapshots(planId));
    });
  }
}
