/**
 * Who may do what with the progress of a plan, per activity (the object-level
 * rules of the authorisation matrix):
 * - the coordinator (progress:manage in every municipality of the plan) opens
 *   and closes rounds, reminds, and may report on every activity;
 * - a portfolio holder reports on, and approves, the activities he or she
 *   leads (the role names the portfolio holder; progress:edit and
 *   progress:approve in a municipality of the plan);
 * - a partner reports on the activities its partner takes part in, or one of
 *   its parts (a basic team of the police) does (progress:edit);
 * - administrators and the system may do everything.
 * Reading follows the plan (plan:read).
 */
import type { Plan, StoredActivity } from '../../domain/plan.js';
import { mayInAll } from '../accounts/access.policy.js';
import type { Actor, RoleGrant } from '../accounts/actor.js';

export interface Reporter {
  as: 'coordinator' | 'lead' | 'partner' | 'system';
  /** The portfolio holder or partner key the report is made for. */
  for: string | null;
}

/** True for the coordinator of every municipality of the plan, an administrator and the system. */
export function mayManageProgress(actor: Actor, municipalityIds: string[]): boolean {
  return mayInAll(actor, 'progress:manage', municipalityIds);
}

/** The grants of the actor in the plan's municipalities that carry the permission. */
function grantsWith(actor: Actor, municipalityIds: string[], permission: string): RoleGrant[] {
  if (actor.kind !== 'user') return [];
  return actor.grants.filter(
    (grant) => municipalityIds.includes(grant.municipalityId) && (actor.permissions.get(grant.municipalityId)?.has(permission) ?? false),
  );
}

/** The partner keys an activity reaches: its partners and the partners they are part of. */
function partnerReach(plan: Plan, activity: StoredActivity): Set<string> {
  const parents = new Map(plan.partners.map((partner) => [partner.key, partner.parentKey]));
  const reach = new Set<string>();
  for (const key of activity.partnerKeys) {
    let current: string | null | undefined = key;
    while (current && !reach.has(current)) {
      reach.add(current);
      current = parents.get(current);
    }
  }
  return reach;
}

/** As what the actor may report the progress of the activity; null when the actor may not. */
export function reporterFor(actor: Actor, plan: Plan, municipalityIds: string[], activity: StoredActivity): Reporter | null {
  if (actor.kind === 'system') return { as: 'system', for: null };
  if (mayManageProgress(actor, municipalityIds)) return { as: 'coordinator', for: null };
  const grants = grantsWith(actor, municipalityIds, 'progress:edit');
  const lead = grants.find(
    (grant) => grant.role === 'portefeuillehouder' && grant.portfolioHolderKey && activity.leadKeys.includes(grant.portfolioHolderKey),
  );
  if (lead) return { as: 'lead', for: lead.portfolioHolderKey };
  const reach = partnerReach(plan, activity);
  const partner = grants.find((grant) => grant.role === 'partner' && grant.partnerKey && reach.has(grant.partnerKey));
  if (partner) return { as: 'partner', for: partner.partnerKey };
  return null;
}

/** Whether the actor approves the progress of the activity: a portfolio holder who leads it, an administrator or the system. */
export function mayApprove(actor: Actor, municipalityIds: string[], activity: StoredActivity): boolean {
  if (actor.kind === 'system' || (actor.kind === 'user' && actor.isAdministrator)) return true;
  return grantsWith(actor, municipalityIds, 'progress:approve').some(
    (grant) =>
      grant.role === 'portefeuillehouder' && grant.portfolioHolderKey !== null && activity.leadKeys.includes(grant.portfolioHolderKey),
  );
}

/** What the actor is in the plan, in words for "Mijn acties": the partners and portfolio holders the actor's roles name. */
export function ownParts(actor: Actor, municipalityIds: string[]): { partnerKeys: string[]; portfolioHolderKeys: string[] } {
  if (actor.kind !== 'user') return { partnerKeys: [], portfolioHolderKeys: [] };
  const grants = actor.grants.filter((grant) => municipalityIds.includes(grant.municipalityId));
  return {
    partnerKeys: [...new Set(grants.flatMap((grant) => (grant.partnerKey ? [grant.partnerKey] : [])))],
    portfolioHolderKeys: [...new Set(grants.flatMap((grant) => (grant.portfolioHolderKey ? [grant.portfolioHolderKey] : [])))],
  };
}
