/** The built-in example: the IVP Maasgouw 2019-2022, loaded into an empty database. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../project-root.js';
import type { PlanService } from './plan.service.js';
import type { Plan } from './plan.types.js';

export const EXAMPLE_PLAN_PATH = join(PROJECT_ROOT, 'examples', 'maasgouw-2019-2022.plan.json');

export async function readExampleDocument(): Promise<unknown> {
  return JSON.parse(await readFile(EXAMPLE_PLAN_PATH, 'utf8'));
}

/** Imports the example when the database holds no plan yet; returns the new plan, or null when plans exist. */
export async function loadExampleIfEmpty(plans: PlanService): Promise<Plan | null> {
  if ((await plans.listPlans()).length > 0) return null;
  return plans.importPlan(await readExampleDocument());
}
