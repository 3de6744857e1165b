/**
 * Sets the actor of every request: from a personal API token (Authorization:
 * Bearer), or from the session cookie; anonymous otherwise. The API accepts the
 * session cookie for reading only, so a form on another site can never make a
 * logged-in browser change anything through the API.
 */

import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie } from 'hono/cookie';
import { UnauthenticatedError } from '../domain/errors.js';
import { ANONYMOUS } from '../features/accounts/actor.js';
import type { AuthService } from '../features/accounts/auth.service.js';
import type { AppEnv } from './app-env.js';

export const SESSION_COOKIE = '__Host-koers-sessie';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function sessionTokenOf(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE);
}

/**
 * The client's address: the socket's, as anyone can forge a header; behind a
 * proxy of our own (trustProxy), the last address that proxy added to
 * X-Forwarded-For.
 */
export function clientIp(c: Context, trustProxy: boolean): string | null {
  if (trustProxy) {
    const forwarded = c.req.header('X-Forwarded-For')?.split(',').at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

export function authenticate(auth: AuthService, { trustProxy }: { trustProxy: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const ip = clientIp(c, trustProxy);
    c.set('actor', { ...ANONYMOUS, ip });
    c.set('session', null);
    // The assets are the same public files for everyone: no database is asked for who asks for them.
    if (c.req.path.startsWith('/assets/')) return next();
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('Authorization') ?? '')?.[1];
    if (bearer) {
      const actor = await auth.actorForApiToken(bearer);
      if (!actor) throw new UnauthenticatedError('Het API-token is onbekend of ingetrokken');
      c.set('actor', { ...actor, ip });
      return next();
    }
    const sessionToken = sessionTokenOf(c);
    const apiWrite = c.req.path.startsWith('/api/') && !SAFE_METHODS.has(c.req.method);
    if (sessionToken && !apiWrite) {
      const actor = await auth.actorForSession(sessionToken);
      if (actor) {
        c.set('actor', { ...actor, ip });
        c.set('session', sessionToken);
      } else deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true });
    }
    return next();
  };
}
