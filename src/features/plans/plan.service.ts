/** Reading, importing, exporting and publishing whole plans, each for an actor and within what it may see. */

import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Plan, PlanSummary } from '../../domain/plan.js';
import { assertMayInAll, type Permission, planReadScope } from '../accounts/access.policy.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { AuditEvent } from '../audit/audit.repository.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { planContentFromDocument, planContentToDocument, toContent } from './plan-document.mapper.js';
import type { PlanDocument } from './plan-document.schema.js';
import { validatePlanDocument } from './plan-document.validate.js';

export interface PlanReadOptions {
  /** The plan as it stood on this date (yyyy-mm-dd): the adopted plan with the revisions applied by then. */
  asOf?: string;
}

export interface PlanReader {
  listPlans(actor: Actor): Promise<PlanSummary[]>;
  /** The current plan, or the plan as of a date. Throws NotFoundError when no plan has this id, or the actor may not see it. */
  getPlan(actor: Actor, planId: string, options?: PlanReadOptions): Promise<Plan>;
}

/**
 * There is no plan as of the date asked: it was adopted later, or it is a
 * concept, which has no history. A NotFoundError, so the API answers 404.
 */
export class NotInForceError extends NotFoundError {
  constructor(
    planId: string,
    readonly asOf: string,
    readonly concept: boolean,
  ) {
    super(
      'Plan',
      planId,
      concept
        ? 'Dit plan is een concept: het heeft nog geen geschiedenis, dus ook geen stand op een datum'
        : `Op ${formatDutchDate(asOf)} was dit plan nog niet vastgesteld`,
    );
  }
}

export class PlanService implements PlanReader {
  constructor(private readonly uow: UnitOfWork) {}

  listPlans(actor: Actor): Promise<PlanSummary[]> {
    return this.uow.read(({ plans }) => plans.listPlans(planReadScope(actor)));
  }

  /** A plan outside the actor's scope answers as if it did not exist: its existence is not disclosed. */
  async getPlan(actor: Actor, planId: string, options: PlanReadOptions = {}): Promise<Plan> {
    const plan = isUuid(planId) ? await this.uow.read(({ plans }) => plans.findPlan(planId, planReadScope(actor), options)) : undefined;
    if (!plan) throw new NotFoundError('Plan', planId);
    if (plan === 'notYetAdopted' || plan === 'concept') throw new NotInForceError(planId, options.asOf ?? '', plan === 'concept');
    return plan;
  }

  /** What the cache of public pages checks before every answer (see page-cache.ts); undefined unless the plan is published. */
  async publicStamp(planId: string): Promise<{ version: number; monitored: string } | undefined> {
    return isUuid(planId) ? this.uow.read(({ plans }) => plans.publicStamp(planId)) : undefined;
  }

  /** The working copy (every edit, also those of an open revision), for those who may edit the plan. */
  async getWorkingCopy(actor: Actor, planId: string): Promise<Plan> {
    await this.assertMayOnPlan(actor, planId, 'plan:edit', 'dit plan bewerken');
    const plan = await this.uow.read(({ plans }) => plans.findWorkingCopy(planId, planReadScope(actor)));
    if (!plan) throw new NotFoundError('Plan', planId);
    return plan;
  }

  /**
   * Imports a plan document as a new plan. An invalid document is refused whole,
   * with every problem and its JSON path; nothing is written then. The actor
   * needs plan:import in every municipality of the plan.
   */
  async importPlan(actor: Actor, input: unknown): Promise<Plan> {
    const check = validatePlanDocument(input);
    if (!check.ok) throw new ValidationError('Het plandocument is ongeldig', check.problems);
    const municipalityIds = await this.assertKnownMunicipalityNames(check.document);
    assertMayInAll(
      actor,
      'plan:import',
      municipalityIds.length === check.document.plan.gemeenten.length ? municipalityIds : [],
      'een plan voor deze gemeente(n) inlezen',
    );
    const document = check.document;
    const planId = await this.uow.write(async ({ plans, audit }) => {
      const id = await plans.insertPlan(planContentFromDocument(document));
      await audit.record({
        actor: auditActor(actor),
        action: 'plan.imported',
        objectType: 'plan',
        objectId: id,
        municipalityId: (await plans.municipalityIdsOfPlan(id))[0] ?? null,
        before: null,
        after: documentSummary(document),
        ip: actor.ip ?? null,
      });
      return id;
    });
    return this.getPlan(actor, planId);
  }

  async exportPlan(actor: Actor, planId: string): Promise<PlanDocument> {
    return planContentToDocument(toContent(await this.getPlan(actor, planId)));
  }

  /** Makes a plan readable for everyone (or takes that back). */
  async setPublished(actor: Actor, planId: string, published: boolean): Promise<Plan> {
    await this.assertMayOnPlan(actor, planId, 'plan:publish', 'dit plan publiceren');
    const before = await this.getPlan(actor, planId);
    await this.uow.write(async ({ plans, audit }) => {
      await plans.setPublished(planId, published);
      await audit.record({
        actor: auditActor(actor),
        action: published ? 'plan.published' : 'plan.unpublished',
        objectType: 'plan',
        objectId: planId,
        municipalityId: (await plans.municipalityIdsOfPlan(planId))[0] ?? null,
        before: { gepubliceerd: before.published },
        after: { gepubliceerd: published },
        ip: actor.ip ?? null,
      });
    });
    return this.getPlan(actor, planId);
  }

  /** The audit trail of a plan, oldest first, for those who may read audit events of its municipality. */
  async history(actor: Actor, planId: string): Promise<AuditEvent[]> {
    await this.assertMayOnPlan(actor, planId, 'audit:read', 'de geschiedenis van dit plan inzien');
    return this.uow.read(({ audit }) => audit.history('plan', planId));
  }

  async assertMayOnPlan(actor: Actor, planId: string, permission: Permission, what: string): Promise<void> {
    await this.getPlan(actor, planId);
    assertMayInAll(actor, permission, await this.uow.read(({ plans }) => plans.municipalityIdsOfPlan(planId)), what);
  }

  /**
   * A municipality is one tenant: a document may not rename one that Koers
   * already knows. Returns the ids of the municipalities Koers knows already.
   */
  private async assertKnownMunicipalityNames(document: PlanDocument): Promise<string[]> {
    const codes = document.plan.gemeenten.map((municipality) => municipality.code);
    const known = await this.uow.read(({ plans }) => plans.findMunicipalities(codes));
    const problems = document.plan.gemeenten.flatMap((municipality, index) => {
      const stored = known.find((candidate) => candidate.code === municipality.code);
      return stored && stored.name !== municipality.naam
        ? [
            {
              path: `$.plan.gemeenten[${index}].naam`,
              message: `gemeente ${municipality.code} heet in Koers "${stored.name}", niet "${municipality.naam}"`,
            },
          ]
        : [];
    });
    if (problems.length > 0) throw new ValidationError('Het plandocument is ongeldig', problems);
    return known.map((municipality) => municipality.id);
  }
}

function formatDutchDate(isoDate: string): string {
  const [year, month, day] = isoDate.split('-').map(Number);
  if (!year || !month || !day) return isoDate;
  return new Date(Date.UTC(year, month - 1, day)).toLocaleDateString('nl-NL', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
}

/** What the audit trail keeps of an imported document: enough to recognise it, not the whole plan. */
function documentSummary(document: PlanDocument) {
  const plan = document.plan;
  return {
    titel: plan.titel,
    gemeenten: plan.gemeenten.map((municipality) => municipality.code),
    periode: plan.periode,
    status: plan.status,
    themas: plan.themas.length,
    activiteiten: plan.themas.reduce(
      (count, theme) => count + theme.onderdelen.reduce((sum, workstream) => sum + workstream.activiteiten.length, 0),
      0,
    ),
  };
}
