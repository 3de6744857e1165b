/**
 * What every request carries through the app: the actor, set by the
 * authentication middleware, and the request's logger (with its request id),
 * set by the request log.
 */
import type { Actor } from '../features/accounts/actor.js';
import type { Logger } from '../log.js';

/** The header's links for a logged-in person: Mijn acties, the unread notifications, the account. */
export interface UserBar {
  name: string;
  unread: number;
}

export type AppEnv = {
  Variables: {
    actor: Actor;
    /** The secret of the session this request really has: its cookie, when the session is valid; otherwise null. */
    session: string | null;
    log?: Logger;
    /** For a logged-in person on a page: what the header shows (set by user-bar.ts). */
    userBar?: UserBar;
  };
};
