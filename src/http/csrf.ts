/**
 * CSRF protection for every state-changing form: the form carries a token that
 * another site cannot know. Logged in, it is derived from the secret session
 * cookie; before login, it is a random cookie repeated in the form (double submit).
 */
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import { ForbiddenError, ValidationError } from '../domain/errors.js';
import { equalSecrets, hashSecret, newSecret } from '../features/accounts/secret-token.js';
import type { AppEnv } from './app-env.js';
import { sessionTokenOf } from './authenticate.js';

export const CSRF_FIELD = '_csrf';
const CSRF_COOKIE = '__Host-koers-csrf';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const MAX_FORM_BYTES = 64 * 1024;
/** Forms that upload a file may be larger: the measurements file (at most 5 MB, plus the form around it). */
const UPLOAD_FORMS: { path: RegExp; maxBytes: number }[] = [
  { path: /^\/plannen\/[^/]+\/monitor\/metingen\/bestand$/, maxBytes: 5 * 1024 * 1024 + 64 * 1024 },
];

/** The token to put in a form on this page (sets the pre-login cookie when needed). */
export function csrfTokenFor(c: Context): string {
  const session = sessionTokenOf(c);
  if (session) return hashSecret(`csrf:${session}`);
  let token = getCookie(c, CSRF_COOKIE);
  if (!token) {
    token = newSecret();
    setCookie(c, CSRF_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
  }
  return token;
}

/** Refuses a form post (outside /api) without the right token, before any handler runs. */
export function csrfProtection(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method) || c.req.path.startsWith('/api/')) return next();
    // Forms of Koers are small; a large body is refused before it is read.
    const limit = UPLOAD_FORMS.find((form) => form.path.test(c.req.path))?.maxBytes ?? MAX_FORM_BYTES;
    if (Number(c.req.header('Content-Length') ?? 0) > limit) {
      throw new ValidationError('Het formulier is te groot', [{ path: 'formulier', message: 'te veel gegevens' }]);
    }
    const form = await c.req.parseBody();
    const sent = typeof form[CSRF_FIELD] === 'string' ? (form[CSRF_FIELD] as string) : '';
    const session = sessionTokenOf(c);
    const expected = session ? hashSecret(`csrf:${session}`) : (getCookie(c, CSRF_COOKIE) ?? '');
    if (!expected || !sent || !equalSecrets(sent, expected)) {
      throw new ForbiddenError('Het formulier is verlopen of komt niet van Koers. Laad de pagina opnieuw en probeer het nog eens.');
    }
    return next();
  };
}
