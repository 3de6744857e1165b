/** The built-in example: the IVP Maasgouw 2019-2022, loaded into an empty database. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Plan } from '../../domain/plan.js';
import { PROJECT_ROOT } from '../../project-root.js';
import { SYSTEM } from '../accounts/actor.js';
import type { PlanService } from './plan.service.js';

export const EXAMPLE_PLAN_PATH = join(PROJECT_ROOT, 'examples', 'maasgouw-2019-2022.plan.json');

export async function readExampleDocument(): Promise<unknown> {
  return JSON.parse(await readFile(EXAMPLE_PLAN_PATH, 'utf8'));
}

/** Imports and publishes the example when the database holds no plan yet; returns the new plan, or null when plans exist. */
export async function loadExampleIfEmpty(plans: PlanService): Promise<Plan | null> {
  if ((await plans.listPlans(SYSTEM)).length > 0) return null;
  const plan = await plans.importPlan(SYSTEM, await readExampleDocument());
  return plans.setPublished(SYSTEM, plan.id, true);
}
