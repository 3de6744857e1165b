/**
 * What an actor may do, asked before every action. Reading is scoped per
 * municipality: anonymous visitors see published plans only; a user sees the
 * plans of the municipalities where a role gives plan:read, plus published
 * ones; administrators and the system see everything.
 */
import { ForbiddenError, UnauthenticatedError } from '../../domain/errors.js';
import type { Actor } from './actor.js';

export type Permission =
  | 'plan:read'
  | 'plan:edit'
  | 'plan:publish'
  | 'plan:import'
  | 'users:manage'
  | 'audit:read'
  | 'progress:edit'
  | 'progress:approve'
  | 'progress:manage'
  | 'budget:edit'
  | 'report:edit'
  | 'measurement:edit'
  | 'opendata:import';

/** Which plans an actor may read, for the repository to filter on. */
export type PlanScope = { all: true } | { all: false; municipalityIds: string[] };

export function planReadScope(actor: Actor): PlanScope {
  if (actor.kind === 'system' || (actor.kind === 'user' && actor.isAdministrator)) return { all: true };
  if (actor.kind === 'anonymous') return { all: false, municipalityIds: [] };
  return { all: false, municipalityIds: municipalitiesWith(actor, 'plan:read') };
}

export function municipalitiesWith(actor: Actor, permission: Permission): string[] {
  if (actor.kind !== 'user') return [];
  return [...actor.permissions].filter(([, permissions]) => permissions.has(permission)).map(([municipalityId]) => municipalityId);
}

/** True when the actor holds the permission in every one of the municipalities (a joint plan needs all of them). */
export function mayInAll(actor: Actor, permission: Permission, municipalityIds: string[]): boolean {
  if (actor.kind === 'system' || (actor.kind === 'user' && actor.isAdministrator)) return true;
  if (actor.kind !== 'user' || municipalityIds.length === 0) return false;
  return municipalityIds.every((id) => actor.permissions.get(id)?.has(permission) ?? false);
}

export function assertMayInAll(actor: Actor, permission: Permission, municipalityIds: string[], what: string): void {
  if (mayInAll(actor, permission, municipalityIds)) return;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError(`Log in om ${what}`);
  throw new ForbiddenError(`U mag ${what} niet`);
}
