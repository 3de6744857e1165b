/** Reading, importing and exporting whole plans. */
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { PlanRepository } from './plan.repository.js';
import type { Plan, PlanSummary } from './plan.types.js';
import { planContentFromDocument, planContentToDocument, toContent } from './plan-document.mapper.js';
import type { PlanDocument } from './plan-document.schema.js';
import { validatePlanDocument } from './plan-document.validate.js';

export interface PlanReader {
  listPlans(): Promise<PlanSummary[]>;
  /** Throws NotFoundError when no plan has this id. */
  getPlan(planId: string): Promise<Plan>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PlanService implements PlanReader {
  constructor(private readonly plans: PlanRepository) {}

  listPlans(): Promise<PlanSummary[]> {
    return this.plans.listPlans();
  }

  async getPlan(planId: string): Promise<Plan> {
    const plan = UUID.test(planId) ? await this.plans.findPlan(planId) : undefined;
    if (!plan) throw new NotFoundError('Plan', planId);
    return plan;
  }

  /**
   * Imports a plan document as a new plan. An invalid document is refused whole,
   * with every problem and its JSON path; nothing is written then.
   */
  async importPlan(input: unknown): Promise<Plan> {
    const check = validatePlanDocument(input);
    if (!check.ok) throw new ValidationError('Het plandocument is ongeldig', check.problems);
    await this.assertKnownMunicipalityNames(check.document);
    const planId = await this.plans.insertPlan(planContentFromDocument(check.document));
    return this.getPlan(planId);
  }

  async exportPlan(planId: string): Promise<PlanDocument> {
    return planContentToDocument(toContent(await this.getPlan(planId)));
  }

  /** A municipality is one tenant: a document may not rename one that Koers already knows. */
  private async assertKnownMunicipalityNames(document: PlanDocument): Promise<void> {
    const known = await this.plans.findMunicipalities(document.plan.gemeenten.map((municipality) => municipality.code));
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
  }
}
