/**
 * A plan's life: started (empty, from the Kernbeleid Veiligheid catalogue, or
 * as a copy of the municipality's previous plan), adopted (per municipality,
 * with its date and body), adjusted by revisions (bijstellingen: opened with a
 * reason, a date and who decided, holding any number of changes, then applied
 * or withdrawn), and closed.
 *
 * Each step takes the plan's row, checks the version it was asked on, and
 * commits with the next version, its change log entry and its audit event.
 */
import { CURRENT_EDITION, catalogueEdition, findCatalogueTheme } from '../../catalogue/kernbeleid-veiligheid.js';
import { ConflictError, NotFoundError, ValidationError, VersionRequiredError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import { carryOver } from '../../domain/next-plan.js';
import type { AdoptingBody, MunicipalityRef, PlanContent, RevisionDecider, ThemeContent } from '../../domain/plan.js';
import { changeInWords, diffPlans, type ElementChange, LIFECYCLE_FIELD, nameLookup } from '../../domain/plan-diff.js';
import { assertMayInAll, mayInAll, municipalitiesWith, planReadScope } from '../accounts/access.policy.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { PlanHead, PlanRevision } from './plan.repository.js';
import { planContentToDocument, toContent } from './plan-document.mapper.js';
import { validatePlanDocument } from './plan-document.validate.js';
import { staleError } from './plan-editing.service.js';

export type PlanStart =
  | { kind: 'empty' }
  /**
   * Catalogue theme codes (of the chosen edition) that become priorities and strategic themes, in this order;
   * optionally linked to the earlier plan of the same municipality it follows (its predecessor, for was/wordt).
   */
  | { kind: 'catalogue'; priorities: string[]; strategic: string[]; predecessorId?: string }
  /** A copy of an earlier plan of the same municipality, linked to it as its predecessor. */
  | { kind: 'copy'; planId: string };

export interface StartPlanInput {
  municipalityCode: string;
  title: string;
  summary: string;
  periodStart: number;
  periodEnd: number;
  catalogueEdition?: string;
  start: PlanStart;
}

export class PlanLifecycleService {
  constructor(private readonly uow: UnitOfWork) {}

  /** A new concept plan. The actor needs plan:edit in the municipality. */
  async startPlan(actor: Actor, input: StartPlanInput): Promise<string> {
    const edition = input.catalogueEdition ?? CURRENT_EDITION;
    return this.uow.write(async (repos) => {
      const [municipality] = await repos.plans.findMunicipalities([input.municipalityCode]);
      if (!municipality)
        throw new ValidationError('Deze gemeente kent Koers niet', [
          { path: 'gemeente', message: `${input.municipalityCode} is geen gemeente in Koers` },
        ]);
      assertMayInAll(actor, 'plan:edit', [municipality.id], 'een plan voor deze gemeente beginnen');
      const base: PlanContent = {
        title: input.title,
        subtitle: null,
        municipalities: [{ code: municipality.code, name: municipality.name }],
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        status: 'draft',
        adoptedOn: null,
        adoptions: [],
        catalogueEdition: edition,
        catalogueExclusions: [],
        summary: input.summary,
        budgetNote: null,
        goals: [],
        principles: [],
        fieldContexts: [],
        portfolioHolders: [],
        partners: [],
        indicators: [],
        themes: [],
        meetings: [],
        accountability: [],
        frameworks: [],
      };
      let content = base;
      let predecessorId: string | null = null;
      let lineageOf: Map<string, string> | undefined;
      if (input.start.kind === 'catalogue') {
        content = { ...base, themes: themesFromCatalogue(edition, input.start) };
        if (input.start.predecessorId) predecessorId = await predecessorOf(repos, actor, input.start.predecessorId, municipality.code);
      }
      if (input.start.kind === 'copy') {
        const copied = await copyOf(repos, actor, input.start.planId, municipality.code);
        content = {
          ...carryOver(copied.content, input.periodStart, input.periodEnd),
          title: input.title,
          summary: input.summary,
          catalogueEdition: input.catalogueEdition ?? copied.content.catalogueEdition,
        };
        predecessorId = input.start.planId;
        lineageOf = copied.lineageOf;
      }
      const check = validatePlanDocument(planContentToDocument(content));
      if (!check.ok) throw new ValidationError('Met deze gegevens kan het plan niet beginnen', check.problems);
      const planId = await repos.plans.insertPlan(content, { predecessorId, lineageOf });
      await repos.audit.record({
        actor: auditActor(actor),
        action: 'plan.started',
        objectType: 'plan',
        objectId: planId,
        municipalityId: municipality.id,
        before: null,
        after: {
          titel: content.title,
          periode: { van: content.periodStart, tot: content.periodEnd },
          begin: input.start.kind,
          voorganger: predecessorId,
          themas: content.themes.length,
        },
        ip: actor.ip ?? null,
      });
      return planId;
    });
  }

  /**
   * One municipality adopts the plan. The first adoption freezes the plan as
   * adopted (its snapshot, in force from the adoption date); in a joint plan
   * each further municipality adopts that same plan on its own date.
   */
  adopt(
    actor: Actor,
    planId: string,
    adoption: { municipalityCode: string; adoptedOn: string; body: AdoptingBody },
    expected: number | undefined,
  ) {
    return this.step(actor, planId, expected, async (repos, head) => {
      const municipality = head.municipalities.find((candidate) => candidate.code === adoption.municipalityCode);
      if (!municipality)
        throw new ValidationError('Deze gemeente hoort niet bij het plan', [
          { path: 'gemeente', message: `${adoption.municipalityCode} is geen gemeente van dit plan` },
        ]);
      assertMayInAll(actor, 'plan:edit', [municipality.id], 'de vaststelling van dit plan vastleggen');
      if (head.status === 'closed') throw new ConflictError('Dit plan is afgesloten');
      if (municipality.adoptedOn) throw new ConflictError(`${municipality.name} stelde dit plan al vast op ${municipality.adoptedOn}`);
      const working = await repos.plans.workingCopy(head);
      if (Number(adoption.adoptedOn.slice(0, 4)) > working.periodEnd)
        throw new ValidationError('Deze datum past niet bij het plan', [
          { path: 'datum', message: `ligt na het einde van de planperiode (${working.periodEnd})` },
        ]);
      if (head.adoptedOn && adoption.adoptedOn < head.adoptedOn)
        throw new ValidationError('Deze datum past niet bij het plan', [
          { path: 'datum', message: `ligt voor de eerste vaststelling (${head.adoptedOn}); die blijft de datum van het vastgestelde plan` },
        ]);
      await repos.plans.recordAdoption(planId, municipality.id, { adoptedOn: adoption.adoptedOn, body: adoption.body });
      if (head.status === 'draft') {
        await repos.plans.setStatus(planId, 'adopted', adoption.adoptedOn);
        await repos.plans.insertSnapshot(planId, null, adoption.adoptedOn);
      }
      return {
        action: 'plan.adopted',
        municipalityId: municipality.id,
        details: { gemeente: municipality.code, datum: adoption.adoptedOn, door: adoption.body },
        change: lifecycleChange(
          working.title,
          `Vastgesteld door ${adoption.body === 'council' ? 'de raad' : 'het college'} van ${municipality.name} op ${adoption.adoptedOn}`,
        ),
      };
    });
  }

  /** Opens a revision of an adopted plan: from now on, edits are part of it until it is applied or withdrawn. */
  openRevision(
    actor: Actor,
    planId: string,
    revision: { reason: string; decidedOn: string; decidedBy: RevisionDecider },
    expected: number | undefined,
  ) {
    return this.step(actor, planId, expected, async (repos, head) => {
      assertMayInAll(actor, 'plan:edit', ids(head), 'een bijstelling openen');
      if (head.status !== 'adopted')
        throw new ConflictError(
          head.status === 'draft'
            ? 'Een concept wordt gewoon bewerkt; een bijstelling hoort bij een vastgesteld plan'
            : 'Dit plan is afgesloten',
        );
      const revisions = await repos.plans.revisions(planId);
      const open = revisions.find((candidate) => candidate.status === 'open');
      if (open) throw new ConflictError(`Bijstelling ${open.number} staat nog open: pas die eerst toe of trek haar in`);
      // A plan adopted before revisions existed gets its adoption snapshot now, while the working copy still is the plan as adopted.
      if (head.snapshotCount === 0 && head.adoptedOn) await repos.plans.insertSnapshot(planId, null, head.adoptedOn);
      const inForce = await this.latestEffectiveDate(repos, planId);
      if (inForce && revision.decidedOn < inForce)
        throw new ValidationError('Deze datum past niet bij het plan', [
          { path: 'besluitdatum', message: `ligt voor ${inForce}, de datum van de laatste vaststelling of bijstelling` },
        ]);
      const opened = await repos.plans.openRevision(planId, { ...revision, openedBy: auditActor(actor).label });
      const title = (await repos.plans.workingCopy(head)).title;
      return {
        action: 'revision.opened',
        municipalityId: head.municipalities[0]?.id ?? null,
        details: { bijstelling: opened.number, reden: revision.reason, besluitdatum: revision.decidedOn, besloten: revision.decidedBy },
        change: lifecycleChange(title, `Bijstelling ${opened.number} geopend: ${revision.reason}`),
        revisionId: opened.id,
      };
    });
  }

  /** Applies the open revision: the working copy becomes the current plan, in force from the revision's date. */
  applyRevision(actor: Actor, planId: string, expected: number | undefined) {
    return this.step(actor, planId, expected, async (repos, head) => {
      assertMayInAll(actor, 'plan:edit', ids(head), 'een bijstelling toepassen');
      const open = await this.openRevisionOf(repos, planId);
      const working = await repos.plans.workingCopy(head);
      const current = await repos.plans.findPlan(planId, { all: true });
      const changes = current && typeof current !== 'string' ? diffPlans(toContent(current), toContent(working)) : [];
      if (changes.length === 0)
        throw new ConflictError(`Bijstelling ${open.number} bevat nog geen wijzigingen; trek haar in als ze niet nodig is`);
      await repos.plans.insertSnapshot(planId, open.id, open.decidedOn);
      await repos.plans.closeRevision(open.id, 'applied', auditActor(actor).label);
      return {
        action: 'revision.applied',
        municipalityId: head.municipalities[0]?.id ?? null,
        details: { bijstelling: open.number, wijzigingen: changes.length },
        change: lifecycleChange(working.title, `Bijstelling ${open.number} toegepast, in werking vanaf ${open.decidedOn}`),
        revisionId: open.id,
      };
    });
  }

  /** Withdraws the open revision: the working copy goes back to the current plan; what the revision held is ended. */
  withdrawRevision(actor: Actor, planId: string, expected: number | undefined) {
    return this.step(actor, planId, expected, async (repos, head) => {
      assertMayInAll(actor, 'plan:edit', ids(head), 'een bijstelling intrekken');
      const open = await this.openRevisionOf(repos, planId);
      const working = await repos.plans.workingCopy(head);
      const current = await repos.plans.findPlan(planId, { all: true });
      if (!current || typeof current === 'string') throw new NotFoundError('Plan', planId);
      const undo = diffPlans(toContent(working), toContent(current));
      await repos.plans.syncWorkingCopy(planId, head.version + 1, toContent(current));
      await repos.plans.closeRevision(open.id, 'withdrawn', auditActor(actor).label);
      return {
        action: 'revision.withdrawn',
        municipalityId: head.municipalities[0]?.id ?? null,
        details: { bijstelling: open.number, teruggedraaid: undo.length },
        change: lifecycleChange(working.title, `Bijstelling ${open.number} ingetrokken`),
        extraChanges: undo,
        revisionId: open.id,
      };
    });
  }

  /** Closes an adopted plan at the end of its life: from then on nothing in it changes. */
  closePlan(actor: Actor, planId: string, expected: number | undefined) {
    return this.step(actor, planId, expected, async (repos, head) => {
      assertMayInAll(actor, 'plan:edit', ids(head), 'dit plan afsluiten');
      if (head.status !== 'adopted')
        throw new ConflictError(
          head.status === 'draft' ? 'Een concept wordt niet afgesloten: stel het eerst vast' : 'Dit plan is al afgesloten',
        );
      const open = (await repos.plans.revisions(planId)).find((revision) => revision.status === 'open');
      if (open) throw new ConflictError(`Bijstelling ${open.number} staat nog open: pas die eerst toe of trek haar in`);
      if (head.snapshotCount === 0 && head.adoptedOn) await repos.plans.insertSnapshot(planId, null, head.adoptedOn);
      await repos.plans.setStatus(planId, 'closed', head.adoptedOn);
      const title = (await repos.plans.workingCopy(head)).title;
      return {
        action: 'plan.closed',
        municipalityId: head.municipalities[0]?.id ?? null,
        details: {},
        change: lifecycleChange(title, 'Plan afgesloten'),
      };
    });
  }

  /** The municipalities the actor may start a plan for (plan:edit there), by name; all of them for an administrator. */
  async startableMunicipalities(actor: Actor): Promise<MunicipalityRef[]> {
    const all = actor.kind === 'system' || (actor.kind === 'user' && actor.isAdministrator);
    const ids = all ? null : municipalitiesWith(actor, 'plan:edit');
    if (ids && ids.length === 0) return [];
    const rows = await this.uow.read(({ accounts }) => accounts.listMunicipalities(ids));
    return rows.map((row) => ({ code: row.code, name: row.name }));
  }

  /** The revisions of a plan, oldest first, for those who may read it. */
  async revisions(actor: Actor, planId: string): Promise<PlanRevision[]> {
    if (!isUuid(planId)) throw new NotFoundError('Plan', planId);
    return this.uow.read(async ({ plans }) => {
      const head = await plans.findHead(planId, planReadScope(actor));
      if (!head) throw new NotFoundError('Plan', planId);
      return plans.revisions(planId);
    });
  }

  private async openRevisionOf(repos: Repositories, planId: string): Promise<PlanRevision> {
    const open = (await repos.plans.revisions(planId)).find((revision) => revision.status === 'open');
    if (!open) throw new ConflictError('Er staat geen bijstelling open');
    return open;
  }

  private async latestEffectiveDate(repos: Repositories, planId: string): Promise<string | null> {
    const revisions = (await repos.plans.revisions(planId)).filter((revision) => revision.status === 'applied');
    const head = await repos.plans.findHead(planId, { all: true });
    return (
      [head?.adoptedOn ?? null, ...revisions.map((revision) => revision.decidedOn)]
        .filter((date): date is string => date !== null)
        .sort()
        .at(-1) ?? null
    );
  }

  /** One lifecycle step: lock, check the version, do it, then the next version, its change entry and the audit event. */
  private async step(
    actor: Actor,
    planId: string,
    expected: number | undefined,
    work: (
      repos: Repositories,
      head: PlanHead,
    ) => Promise<{
      action: string;
      municipalityId: string | null;
      details: Record<string, unknown>;
      change: ElementChange;
      extraChanges?: ElementChange[];
      revisionId?: string;
    }>,
  ): Promise<{ version: number }> {
    if (!isUuid(planId)) throw new NotFoundError('Plan', planId);
    if (expected === undefined) throw new VersionRequiredError();
    return this.uow.write(async (repos) => {
      const head = await repos.plans.findHead(planId, planReadScope(actor), { lock: true });
      if (!head) throw new NotFoundError('Plan', planId);
      // Who may not change the plan at all hears that before whether the version is current.
      if (!head.municipalities.some((municipality) => mayInAll(actor, 'plan:edit', [municipality.id])))
        assertMayInAll(actor, 'plan:edit', ids(head), 'dit plan wijzigen');
      if (expected !== head.version) throw staleError(head.version, await repos.plans.changesSince(planId, expected));
      const done = await work(repos, head);
      const version = head.version + 1;
      await repos.plans.setVersion(planId, version);
      const by = auditActor(actor);
      const changes = [done.change, ...(done.extraChanges ?? [])];
      await repos.plans.recordChange(planId, { version, revisionId: done.revisionId ?? null, madeBy: by.label, changes });
      await repos.audit.record({
        actor: by,
        action: done.action,
        objectType: 'plan',
        objectId: planId,
        municipalityId: done.municipalityId,
        before: { versie: head.version },
        after: { versie: version, ...done.details, wijzigingen: changes.slice(0, 25).map((change) => changeInWords(change, nameLookup())) },
        ip: actor.ip ?? null,
      });
      return { version };
    });
  }
}

const ids = (head: PlanHead) => head.municipalities.map((municipality) => municipality.id);

/** A step of the plan's life as an entry of its change log: field `levensloop`, in words. */
function lifecycleChange(title: string, step: string): ElementChange {
  return {
    kind: 'plan',
    change: 'changed',
    key: '',
    label: title,
    parentKey: null,
    fields: [{ field: LIFECYCLE_FIELD, before: null, after: step }],
  };
}

/** The themes a plan starts with when the coordinator picks them from the catalogue: priorities first, then strategic themes. */
export function themesFromCatalogue(edition: string, picks: { priorities: string[]; strategic: string[] }): ThemeContent[] {
  const known = catalogueEdition(edition);
  if (!known)
    throw new ValidationError('Deze editie van het Kernbeleid Veiligheid kent Koers niet', [
      { path: 'editie', message: `"${edition}" is onbekend` },
    ]);
  const problems = [...picks.priorities, ...picks.strategic].flatMap((code, index, all) => {
    if (!findCatalogueTheme(code, edition)) return [{ path: 'themas', message: `${code} is geen thema van editie ${edition}` }];
    if (all.indexOf(code) !== index) return [{ path: 'themas', message: `${code} is zowel prioriteit als strategisch thema gekozen` }];
    return [];
  });
  if (problems.length > 0) throw new ValidationError("Deze keuze van thema's kan niet", problems);
  const theme = (code: string, kind: ThemeContent['kind'], number: number): ThemeContent => {
    const catalogueTheme = findCatalogueTheme(code, edition) as NonNullable<ReturnType<typeof findCatalogueTheme>>;
    const field = known.fields.find((candidate) => candidate.number === catalogueTheme.fieldNumber);
    return {
      key: `${kind === 'priority' ? 'prioriteit' : 'strategisch'}-${number}`,
      kind,
      number,
      paragraph: `${kind === 'priority' ? 'Prioriteit' : 'Strategisch thema'} ${number}`,
      name: catalogueTheme.name,
      catalogueThemeCodes: [code],
      outsideCatalogueReason: null,
      summary: `Kernbeleid Veiligheid ${code}${field ? `, veld ${field.name}` : ', domeinoverstijgend'}${catalogueTheme.note ? ` (${catalogueTheme.note})` : ''}.`,
      approachLines: [],
      goal: `De doelstelling voor ${catalogueTheme.name.toLowerCase()} volgt bij het uitwerken van dit concept.`,
      qualitativeAssessment: 'Beoordeeld op de voortgang van de activiteiten, tot er indicatoren zijn gekozen.',
      previousPlanNote: null,
      indicators: [],
      workstreams: [],
    };
  };
  return [
    ...picks.priorities.map((code, index) => theme(code, 'priority', index + 1)),
    ...picks.strategic.map((code, index) => theme(code, 'strategic', index + 1)),
  ];
}

/** The id of an earlier plan of the municipality that the actor may read, for a plan that follows it without being its copy. */
async function predecessorOf(repos: Repositories, actor: Actor, planId: string, municipalityCode: string): Promise<string> {
  const head = isUuid(planId) ? await repos.plans.findHead(planId, planReadScope(actor)) : undefined;
  if (!head) throw new ValidationError('Dit plan bestaat niet', [{ path: 'voorganger', message: 'kies een plan uit de lijst' }]);
  if (!head.municipalities.some((municipality) => municipality.code === municipalityCode))
    throw new ValidationError('Alleen een plan van dezelfde gemeente kan de voorganger zijn', [
      { path: 'voorganger', message: `dat plan is niet van ${municipalityCode}` },
    ]);
  return head.id;
}

/** The current content of an earlier plan of the same municipality, with the lineage of its indicators. */
async function copyOf(repos: Repositories, actor: Actor, planId: string, municipalityCode: string) {
  if (!isUuid(planId)) throw new ValidationError('Dit plan bestaat niet', [{ path: 'voorganger', message: 'kies een plan uit de lijst' }]);
  const plan = await repos.plans.findPlan(planId, planReadScope(actor));
  if (!plan || typeof plan === 'string')
    throw new ValidationError('Dit plan bestaat niet', [{ path: 'voorganger', message: 'kies een plan uit de lijst' }]);
  if (plan.municipalities.length !== 1 || plan.municipalities[0]?.code !== municipalityCode)
    throw new ValidationError('Alleen een plan van dezelfde gemeente kan worden overgenomen', [
      { path: 'voorganger', message: `"${plan.title}" is niet (alleen) van ${municipalityCode}` },
    ]);
  return { content: toContent(plan), lineageOf: await repos.plans.indicatorLineages(planId) };
}
