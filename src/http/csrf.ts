/**
 * CSRF protection for every state-changing form. First the browser's own word:
 * a form sent from another origin (the Origin header, or the Referer when
 * Origin is absent) is refused. Then the token, the main check: the form
 * carries a value another site cannot know. With a valid session it is derived
 * from the session's secret; otherwise it is a random cookie repeated in the
 * form (double submit).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ForbiddenError } from '../domain/errors.js';
import { equalSecrets, hashSecret, newSecret } from '../features/accounts/secret-token.js';
import type { AppEnv } from './app-env.js';
import { readForm } from './form.js';

export const CSRF_FIELD = '_csrf';
const CSRF_COOKIE = '__Host-koers-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The token of the session this request really has (set by authenticate), or of the pre-login cookie. */
function expectedToken(c: Context<AppEnv>): string | undefined {
  const session = c.get('session');
  return session ? hashSecret(`csrf:${session}`) : getCookie(c, CSRF_COOKIE);
}

/** The token to put in a form on this page (sets the pre-login cookie when needed). */
export function csrfTokenFor(c: Context<AppEnv>): string {
  const token = expectedToken(c);
  if (token) return token;
  const fresh = newSecret();
  setCookie(c, CSRF_COOKIE, fresh, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  return fresh;
}

/**
 * The origin the browser sent this request to. Behind a proxy of our own
 * (trustProxy), Koers itself sees the proxy's address, so the host and scheme
 * are the ones the proxy forwards (the last X-Forwarded-Host and
 * X-Forwarded-Proto, falling back to Host and the connection's scheme). Another
 * site cannot make a browser send these headers, so trusting them here helps
 * no attacker.
 */
export function ownOrigin(c: Context, trustProxy: boolean): string {
  const url = new URL(c.req.url);
  if (!trustProxy) return url.origin;
  const last = (name: string) => c.req.header(name)?.split(',').at(-1)?.trim() || undefined;
  return originOf(`${last('X-Forwarded-Proto') ?? url.protocol.slice(0, -1)}://${last('X-Forwarded-Host') ?? url.host}`);
}

/** The origin of an address; 'null' (which matches nothing) when it is none. */
function originOf(address: string): string {
  try {
    return new URL(address).origin;
  } catch {
    return 'null';
  }
}

/** Refuses a form of another origin. Without Origin and Referer (some privacy tools strip both), the token decides. */
function assertSameOrigin(c: Context, trustProxy: boolean): void {
  const origin = c.req.header('Origin');
  const sender = origin !== undefined ? originOf(origin) : c.req.header('Referer') && originOf(c.req.header('Referer') ?? '');
  if (sender && sender !== ownOrigin(c, trustProxy)) {
    throw new ForbiddenError(
      'Dit formulier is niet vanuit Koers zelf verstuurd en is daarom geweigerd. Open de pagina in Koers en probeer het opnieuw.',
    );
  }
}

/** Refuses a form post (outside /api) from another origin or without the right token, before any handler runs. */
export function csrfProtection({ trustProxy }: { trustProxy: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/api/')) return next();
    assertSameOrigin(c, trustProxy);
    const sent = (await readForm(c))[CSRF_FIELD];
    const expected = expectedToken(c);
    if (!expected || typeof sent !== 'string' || !sent || !equalSecrets(sent, expected)) {
      throw new ForbiddenError('Het formulier is verlopen of komt niet van Koers. Laad de pagina opnieuw en probeer het nog eens.');
    }
    return next();
  };
}
