/** What every request carries through the app: the actor, set by the authentication middleware. */
import type { Actor } from '../features/accounts/actor.js';

export type AppEnv = { Variables: { actor: Actor } };
