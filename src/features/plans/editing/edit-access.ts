/**
 * Whether to offer editing: the links to the edit pages are shown only to
 * those the services would let edit. The services decide again on every
 * request; this only keeps others from seeing links that lead nowhere.
 */
import { mayInAll, municipalitiesWith } from '../../accounts/access.policy.js';
import type { Actor } from '../../accounts/actor.js';

/** May edit a plan of these municipalities (by CBS code): plan:edit in every one of them. */
export function mayEditPlan(actor: Actor | undefined, municipalityCodes: readonly string[]): boolean {
  if (!actor) return false;
  if (actor.kind === 'system' || (actor.kind === 'user' && actor.isAdministrator)) return true;
  if (actor.kind !== 'user' || municipalityCodes.length === 0) return false;
  const ids = municipalityCodes.map((code) => actor.grants.find((grant) => grant.municipalityCode === code)?.municipalityId);
  if (ids.some((id) => id === undefined)) return false;
  return mayInAll(actor, 'plan:edit', ids as string[]);
}

/** May start a plan for at least one municipality. Without an actor (pages rendered on their own) nobody may. */
export function mayStartPlans(actor: Actor | undefined): boolean {
  if (!actor) return false;
  if (actor.kind === 'system' || (actor.kind === 'user' && actor.isAdministrator)) return true;
  return municipalitiesWith(actor, 'plan:edit').length > 0;
}
