/**
 * What the plan API's routes share: the services they call, reading the plan
 * (as of `?peildatum`), and the version a change is made on (If-Match,
 * required: after checking who asks, its absence is a 428).
 */
import type { Context } from 'hono';
import type { ZodType, z } from 'zod';
import { NotFoundError, UnauthenticatedError, VersionRequiredError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { ELEMENT_NAMES, type ElementKind } from '../../domain/plan-elements.js';
import type { AppEnv } from '../../http/app-env.js';
import { parseInput } from '../../http/json-input.js';
import { ifMatchVersion } from '../../http/version-headers.js';
import type { PlanService } from './plan.service.js';
import type { PlanChangesService } from './plan-changes.service.js';
import type { PlanEditingService, VersionCheck } from './plan-editing.service.js';
import type { PlanLifecycleService } from './plan-lifecycle.service.js';
import { PeildatumQuery } from './plan-write.schema.js';

export interface PlanApiServices {
  plans: PlanService;
  planEditing: PlanEditingService;
  planLifecycle: PlanLifecycleService;
  planChanges: PlanChangesService;
}

export type ApiContext = Context<AppEnv>;

/** Path parameters as the schema reads them; a malformed one is a 400 naming it. */
export function pathParams<T extends ZodType>(c: ApiContext, schema: T): z.output<T> {
  return parseInput(schema, c.req.param(), 'Het verzoek bevat ongeldige waarden');
}

/** The plan as the actor may read it: current, or as of `?peildatum` (a 404 before its adoption). */
export async function readPlan(c: ApiContext, plans: PlanService, planId: string): Promise<Plan> {
  const { peildatum } = parseInput(PeildatumQuery, { peildatum: c.req.query('peildatum') }, 'Het verzoek bevat ongeldige waarden');
  return plans.getPlan(c.var.actor, planId, { asOf: peildatum });
}

/**
 * The version a change is made on, from If-Match, compared exactly by the
 * service. Without If-Match the answer is 428, but only to who may make the
 * change: anyone else learns first that they must log in (401), that the
 * plan is not there for them (404) or that they may not (403).
 */
export async function changeVersion(c: ApiContext, plans: PlanService, planId: string, what = 'dit plan wijzigen'): Promise<VersionCheck> {
  const actor = c.var.actor;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError(`Log in met een API-token (Authorization: Bearer) om ${what}`);
  const expected = ifMatchVersion(c.req.header('If-Match'));
  if (expected === undefined) {
    await plans.assertMayOnPlan(actor, planId, 'plan:edit', what);
    throw new VersionRequiredError();
  }
  return { expected, match: 'exact' };
}

export function elementNotFound(kind: ElementKind, key: string): NotFoundError {
  return new NotFoundError(ELEMENT_NAMES[kind].one, key, `${ELEMENT_NAMES[kind].one} "${key}" bestaat niet in dit plan`);
}
