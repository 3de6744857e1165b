/** An event of an account in the audit trail, recorded in the caller's unit of work (so it commits with the change). */
import type { Repositories } from '../unit-of-work.js';
import { type Actor, auditActor } from './actor.js';

export interface AccountEventInput {
  action: string;
  userId: string;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  municipalityId?: string | null;
}

/** Records an account event in the unit of work's own transaction. */
export function recordAccountEvent(repos: Repositories, by: Actor, event: AccountEventInput) {
  return repos.audit.record({
    actor: auditActor(by),
    action: event.action,
    objectType: 'user',
    objectId: event.userId,
    municipalityId: event.municipalityId ?? null,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: event.ip ?? by.ip ?? null,
  });
}
