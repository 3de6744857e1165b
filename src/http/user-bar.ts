/**
 * The header of every page shows who is logged in, with links to "Mijn
 * acties", the notifications (with the number unread) and the account. This
 * middleware reads the number for a logged-in person's requests outside the
 * API and the assets and hands it to the layout through the
 * request's context (hono's context storage); nothing is read for anonymous
 * readers, whose pages stay the same for everyone (and may be kept).
 */
import type { MiddlewareHandler } from 'hono';
import { getContext } from 'hono/context-storage';
import type { AppEnv, UserBar } from './app-env.js';

export function userBar(unread: (userId: string) => Promise<number>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.var.actor;
    if (actor.kind === 'user' && !c.req.path.startsWith('/api/') && !c.req.path.startsWith('/assets/')) {
      c.set('userBar', { name: actor.name, unread: await unread(actor.userId) });
    }
    await next();
  };
}

/** The header's links of the request being answered; null outside a request (page tests) or for an anonymous reader. */
export function currentUserBar(): UserBar | null {
  try {
    return getContext<AppEnv>().var.userBar ?? null;
  } catch {
    return null;
  }
}
