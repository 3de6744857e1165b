/** Reading, importing and exporting whole plans. */
import type { Plan, PlanSummary } from './plan.types.js';

export interface PlanReader {
  listPlans(): Promise<PlanSummary[]>;
  /** Throws NotFoundError when no plan has this id. */
  getPlan(planId: string): Promise<Plan>;
}
