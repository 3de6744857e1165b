/**
 * Logging in through the municipality's own identity provider (OpenID Connect,
 * NL GOV profile): /inloggen/oidc sends the browser there with PKCE, state and
 * nonce kept in a short-lived __Host- cookie; /inloggen/oidc/terug checks the
 * answer and opens a Koers session.
 */
import { Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { ForbiddenError, ValidationError } from '../../domain/errors.js';
import type { AppEnv } from '../../http/app-env.js';
import { SESSION_COOKIE, sessionTokenOf } from '../../http/authenticate.js';
import type { AuthService } from './auth.service.js';
import {
  DEFAULT_SCOPES,
  discoverProvider,
  finishLogin,
  type OidcClientConfig,
  OidcError,
  type OidcProvider,
  startLogin,
} from './oidc-client.js';

export interface OidcSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  name: string;
}

const FLOW_COOKIE = '__Host-koers-oidc';
const FLOW_MINUTES = 10;

interface Flow {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export function createOidcRoutes(
  auth: AuthService,
  settings: OidcSettings,
  sessionHours: number,
  fetchImpl: typeof fetch = fetch,
): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  const client: OidcClientConfig = { ...settings, scopes: DEFAULT_SCOPES };
  // The provider's configuration is asked once and kept; a failed discovery is asked again next time.
  let provider: Promise<OidcProvider> | null = null;
  const discover = () => {
    provider ??= discoverProvider(settings.issuer, fetchImpl).catch((error: unknown) => {
      provider = null;
      throw error;
    });
    return provider;
  };

  routes.get('/inloggen/oidc', async (c) => {
    const start = startLogin(await discover(), client);
    const flow: Flow = { state: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier };
    setCookie(c, FLOW_COOKIE, Buffer.from(JSON.stringify(flow)).toString('base64url'), {
      path: '/',
      secure: true,
      httpOnly: true,
      sameSite: 'Lax',
      maxAge: FLOW_MINUTES * 60,
    });
    return c.redirect(start.url, 302);
  });

  routes.get('/inloggen/oidc/terug', async (c) => {
    const flow = readFlow(getCookie(c, FLOW_COOKIE));
    deleteCookie(c, FLOW_COOKIE, { path: '/', secure: true });
    try {
      const identity = await finishLogin(
        await discover(),
        client,
        { callbackUrl: c.req.url, expectedState: flow.state, nonce: flow.nonce, codeVerifier: flow.codeVerifier },
        fetchImpl,
      );
      const { sessionToken } = await auth.loginWithIdentity(identity, c.var.actor.ip ?? 'onbekend', sessionTokenOf(c));
      setCookie(c, SESSION_COOKIE, sessionToken, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAge: sessionHours * 3600 });
      return c.redirect('/account', 303);
    } catch (error) {
      if (error instanceof OidcError) throw new ForbiddenError(`Inloggen via ${settings.name} is niet gelukt: ${error.message}`);
      throw error;
    }
  });

  return routes;
}

function readFlow(cookie: string | undefined): Flow {
  try {
    const flow = JSON.parse(Buffer.from(cookie ?? '', 'base64url').toString('utf8')) as Partial<Flow>;
    if (typeof flow.state === 'string' && typeof flow.nonce === 'string' && typeof flow.codeVerifier === 'string') return flow as Flow;
  } catch {
    // handled below
  }
  throw new ValidationError('Het inloggen is verlopen of niet hier begonnen. Begin opnieuw bij Inloggen.', [
    { path: FLOW_COOKIE, message: 'ontbreekt of is onleesbaar' },
  ]);
}
