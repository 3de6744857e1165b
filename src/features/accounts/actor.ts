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
  /** For the partner role: the key of the partner (in the municipality's plans) the person reports for. */
  partnerKey: string | null;
  /** For the portfolio holder role: the key of the portfolio holder whose activities the person leads, if set. */
  portfolioHolderKey: string | null;
}

/** Where the request came from, for the audit trail (null on the command line). */
type Origin = { ip?: string | null };

export type Actor =
  | ({ kind: 'anonymous' } & Origin)
  /** The system; a background job runs as the system on behalf of the person who started it. */
  | ({ kind: 'system'; onBehalfOf?: { id: string | null; label: string } } & Origin)
  | ({
      kind: 'user';
      userId: string;
      name: string;
      email: string;
      isAdministrator: boolean;
      grants: RoleGrant[];
      /** Permissions per municipality id, from the roles as stored. */
      permissions: Map<string, Set<string>>;
    } & Origin);

export const ANONYMOUS: Actor = { kind: 'anonymous' };
export const SYSTEM: Actor = { kind: 'system' };

/** The actor as the audit trail names it. */
export function auditActor(actor: Actor): { id: string | null; label: string } {
  if (actor.kind === 'system' && actor.onBehalfOf) return actor.onBehalfOf;
  return { id: actor.kind === 'user' ? actor.userId : null, label: actorLabel(actor) };
}

/** The name in a label actorLabel wrote: "Jan Jansen <jan@example.nl>" as "Jan Jansen", for what is shown or published beyond Koers. */
export function nameOfLabel(label: string): string {
  return label.replace(/\s*<[^>]*>$/, '');
}

export function actorLabel(actor: Actor): string {
  if (actor.kind === 'user') return `${actor.name} <${actor.email}>`;
  if (actor.kind === 'system') return actor.onBehalfOf ? `${actor.onBehalfOf.label} (taak)` : 'systeem (koers-opdracht)';
  return 'anoniem';
}
