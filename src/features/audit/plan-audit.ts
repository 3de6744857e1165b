/** The audit event of a change to a plan (its progress, its reports), written in the change's unit of work. */
import type { Plan } from '../../domain/plan.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { Repositories } from '../unit-of-work.js';

export async function recordPlanEvent(
  repos: Pick<Repositories, 'audit'>,
  actor: Actor,
  plan: Pick<Plan, 'id'>,
  municipalityIds: string[],
  action: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await repos.audit.record({
    actor: auditActor(actor),
    action,
    objectType: 'plan',
    objectId: plan.id,
    municipalityId: municipalityIds[0] ?? null,
    before,
    after,
    ip: actor.ip ?? null,
  });
}
