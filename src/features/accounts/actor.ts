/**
 * Who is asking: nobody (anonymous), a person with roles per municipality, or
 * the system itself (the koers command on the server). Every service call
 * takes an actor; the policy in access.policy.ts decides what it may do.
 */
import type { RoleCode } from '../../db/schema.js';

export interface RoleGrant {
  municipalityId: string;
  municipalityCode: string;
  role: RoleCode;
  /** For the partner role: the organisation the person reports for. */
  partnerName: string | null;
}

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system' }
  | {
      kind: 'user';
      userId: string;
      name: string;
      email: string;
      isAdministrator: boolean;
      grants: RoleGrant[];
      /** Permissions per municipality id, from the roles as stored. */
      permissions: Map<string, Set<string>>;
    };

export const ANONYMOUS: Actor = { kind: 'anonymous' };
export const SYSTEM: Actor = { kind: 'system' };

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return `${actor.name} <${actor.email}>`;
  return actor.kind === 'system' ? 'systeem (koers-opdracht)' : 'anoniem';
}
