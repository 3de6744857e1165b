/** What every request carries through the app, set by the authentication middleware. */
import type { Actor } from '../features/accounts/actor.js';

export type AppEnv = {
  Variables: {
    actor: Actor;
    /** The secret of the session this request really has: its cookie, when the session is valid; otherwise null. */
    session: string | null;
  };
};
