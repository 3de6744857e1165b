/**
 * Whether a cache may keep an answer. Only what anyone may see: a successful
 * answer (200, or 304 to a matching If-None-Match) to a request without a
 * session, a form cookie or an Authorization header, that sets no cookie,
 * outside the pages of logging in, the account and management, and outside a
 * plan's history and jobs. Such an answer gets `Vary: Cookie, Authorization`,
 * so a cache never hands it to a logged-in caller; the pages of a published
 * plan add `Cache-Control: public, no-cache` themselves (page-cache.ts), so a
 * cache asks again with their ETag before every use. Every other answer, error
 * pages included, is `Cache-Control: no-store`. The assets are the same public
 * files for everyone and keep their own long caching.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from './app-env.js';

const PRIVATE_PATHS =
  /^\/(inloggen|uitloggen|account|beheer|wachtwoord-instellen)(\/|$)|^\/plannen\/[^/]+\/(geschiedenis|monitor\/taken)(\/|$)/;
const KOERS_COOKIE = /^__Host-koers-/;

function isPublicAnswer(c: Context<AppEnv>): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  // A 304 confirms a public answer the cache already holds: it keeps the same headers.
  if ((c.res.status !== 200 && c.res.status !== 304) || c.res.headers.has('Set-Cookie')) return false;
  if (c.req.header('Authorization') !== undefined) return false;
  if (Object.keys(getCookie(c)).some((name) => KOERS_COOKIE.test(name))) return false;
  if (c.get('actor') && c.get('actor').kind !== 'anonymous') return false;
  return !PRIVATE_PATHS.test(c.req.path);
}

export function cacheControl(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    if (c.req.path.startsWith('/assets/')) return;
    if (isPublicAnswer(c)) {
      if (!c.res.headers.get('Vary')?.includes('Cookie')) c.res.headers.append('Vary', 'Cookie, Authorization');
    } else c.res.headers.set('Cache-Control', 'no-store');
  };
}
