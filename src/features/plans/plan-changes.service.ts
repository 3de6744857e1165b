/**
 * What changed in a plan, for everyone who may read it: per revision its
 * changes item by item; the adopted plan against the current one; the history
 * of one element (a theme, an indicator, an activity) across the snapshots;
 * and the changes made after a given version.
 */
import { NotFoundError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Plan, PlanContent } from '../../domain/plan.js';
import { diffPlans, type ElementChange, type NameLookup, nameLookup } from '../../domain/plan-diff.js';
import { type ElementKind, type ElementValues, elementLabel, findElement } from '../../domain/plan-elements.js';
import { planReadScope } from '../accounts/access.policy.js';
import type { Actor } from '../accounts/actor.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { PlanRevision, PlanSnapshot, RecordedChange } from './plan.repository.js';
import { toContent } from './plan-document.mapper.js';

/** The theme a workstream belongs to (in any of the versions looked at), to place an activity under its theme. */
export type ThemeOfWorkstream = (workstreamKey: string) => string | undefined;

export interface RevisionDetail {
  revision: PlanRevision;
  /** Applied: what it changed. Open: what it changes so far. Withdrawn: what it held before it was withdrawn. */
  changes: ElementChange[];
  names: NameLookup;
  themeOfWorkstream: ThemeOfWorkstream;
}

export interface Comparison {
  adopted: Plan;
  current: Plan;
  /** The applied revisions between the two. */
  revisions: PlanRevision[];
  changes: ElementChange[];
  names: NameLookup;
  themeOfWorkstream: ThemeOfWorkstream;
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
  /** The open revision that holds the pending changes, if any. */
  openRevision: PlanRevision | null;
  names: NameLookup;
  themeOfWorkstream: ThemeOfWorkstream;
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
        if (!before || !after) return { revision, changes: [], names: nameLookup(), themeOfWorkstream: workstreamThemes() };
        const contents = [toContent(before.plan), toContent(after.plan)];
        return {
          revision,
          changes: diffPlans(contents[0] as PlanContent, contents[1] as PlanContent),
          names: nameLookup(...contents),
          themeOfWorkstream: workstreamThemes(...contents),
        };
      }
      if (revision.status === 'open') {
        const head = await plans.findHead(planId, { all: true });
        const latest = snapshots.at(-1);
        if (!head || !latest) return { revision, changes: [], names: nameLookup(), themeOfWorkstream: workstreamThemes() };
        const contents = [toContent(latest.plan), toContent(await plans.workingCopy(head))];
        return {
          revision,
          changes: diffPlans(contents[0] as PlanContent, contents[1] as PlanContent),
          names: nameLookup(...contents),
          themeOfWorkstream: workstreamThemes(...contents),
        };
      }
      const recorded = await plans.changesOfRevision(revision.id);
      // What it held is no longer in any version: the names come from the changes themselves and the plan in force.
      const contents = snapshots.map((snapshot) => toContent(snapshot.plan));
      return {
        revision,
        changes: recorded.flatMap((entry) =>
          entry.changes.filter((change) => change.kind !== 'plan' || change.fields.every((f) => f.field !== 'revision')),
        ),
        names: nameLookup(...contents),
        themeOfWorkstream: workstreamThemes(...contents),
      };
    });
  }

  /** The plan as adopted against the plan as it stands now (with every applied revision). */
  async compare(actor: Actor, planId: string): Promise<Comparison> {
    return this.read(actor, planId, async ({ plans }, snapshots) => {
      const adopted = snapshots[0];
      const current = snapshots.at(-1);
      if (!adopted || !current) throw new NotFoundError('Plan', planId, 'Dit plan is nog niet vastgesteld: er is nog niets te vergelijken');
      const contents = [toContent(adopted.plan), toContent(current.plan)];
      const applied = new Set(snapshots.flatMap((snapshot) => (snapshot.revisionId ? [snapshot.revisionId] : [])));
      return {
        adopted: adopted.plan,
        current: current.plan,
        revisions: (await plans.revisions(planId)).filter((revision) => applied.has(revision.id)),
        changes: diffPlans(contents[0] as PlanContent, contents[1] as PlanContent),
        names: nameLookup(...contents),
        themeOfWorkstream: workstreamThemes(...contents),
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
      const all = [...contents, ...(workingContent ? [workingContent] : [])];
      return {
        kind,
        key,
        label,
        versions,
        pending,
        openRevision: pending.length > 0 ? (revisions.find((revision) => revision.status === 'open') ?? null) : null,
        names: nameLookup(...all),
        themeOfWorkstream: workstreamThemes(...all),
      };
    });
  }

  /** The revisions of a plan, oldest first. */
  async revisions(actor: Actor, planId: string): Promise<PlanRevision[]> {
    return this.read(actor, planId, ({ plans }) => plans.revisions(planId), false);
  }

  /** The changes made after a version, for those who may read the plan (what a 412 answer lists). */
  async changesSince(actor: Actor, planId: string, version: number): Promise<RecordedChange[]> {
    return this.read(actor, planId, ({ plans }) => plans.changesSince(planId, version));
  }

  private async read<T>(
    actor: Actor,
    planId: string,
    work: (repos: Parameters<Parameters<UnitOfWork['read']>[0]>[0], snapshots: PlanSnapshot[]) => Promise<T>,
    withSnapshots = true,
  ): Promise<T> {
    if (!isUuid(planId)) throw new NotFoundError('Plan', planId);
    return this.uow.read(async (repos) => {
      const head = await repos.plans.findHead(planId, planReadScope(actor));
      if (!head) throw new NotFoundError('Plan', planId);
      return work(repos, withSnapshots ? await repos.plans.snapshots(planId) : []);
    });
  }
}

/** Which theme each workstream sits in, over the given versions (the latest wins). */
function workstreamThemes(...contents: PlanContent[]): ThemeOfWorkstream {
  const themes = new Map<string, string>();
  for (const content of contents)
    for (const theme of content.themes) for (const workstream of theme.workstreams) themes.set(workstream.key, theme.key);
  return (workstreamKey) => themes.get(workstreamKey);
}
