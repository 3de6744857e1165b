/**
 * A small OpenID Connect identity provider on a real port on 127.0.0.1, for tests of the login
 * flow without network. It behaves like a strict provider (client authentication, single-use
 * codes, PKCE S256, redirect_uri bound to the code) and can be told to misbehave once, so
 * that tests can show the client refuses what it should refuse.
 *
 * `/authorize` does not show a login page: it logs in the configured user at once and
 * redirects back, so a test follows one redirect by hand to get the callback URL.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from 'jose';

export interface TestUser {
  sub: string;
  email?: string;
  emailVerified?: boolean;
  name?: string;
}

/**
 * What goes wrong in the next login, once:
 * - `access_denied`: /authorize sends the browser back with error=access_denied.
 * - the others change the ID token the next /token request returns.
 */
export type Misbehaviour =
  | 'access_denied'
  | 'wrong_nonce'
  | 'wrong_audience'
  | 'wrong_issuer'
  | 'expired'
  | 'issued_in_the_future'
  | 'foreign_key'
  | 'unknown_key'
  | 'symmetric_signature'
  | 'several_audiences_without_azp'
  | 'wrong_azp'
  | 'no_id_token';

export interface TestOidcProviderOptions {
  clientId?: string;
  clientSecret?: string;
  user?: TestUser;
  /** What the discovery document advertises and /token accepts. */
  tokenEndpointAuthMethods?: string[];
  /** What the discovery document advertises; /authorize accepts only S256 regardless. */
  codeChallengeMethods?: string[];
}

export interface TestOidcProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  setUser(user: TestUser): void;
  misbehave(kind: Misbehaviour | null): void;
  /** How each /token request authenticated the client, in order. */
  tokenRequests: { authMethod: 'client_secret_basic' | 'client_secret_post' | 'none' }[];
  close(): Promise<void>;
}

interface IssuedCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  user: TestUser;
}

const KEY_ID = 'test-key-1';

export async function startTestOidcProvider(options: TestOidcProviderOptions = {}): Promise<TestOidcProvider> {
  const clientId = options.clientId ?? 'koers-test';
  const clientSecret = options.clientSecret ?? 'test geheim: met & en =';
  const authMethods = options.tokenEndpointAuthMethods ?? ['client_secret_basic', 'client_secret_post'];
  const challengeMethods = options.codeChallengeMethods ?? ['S256'];
  let user: TestUser = options.user ?? { sub: 'gebruiker-1', email: 'j.jansen@maasgouw.nl', emailVerified: true, name: 'Jan Jansen' };
  let pending: Misbehaviour | null = null;
  let issuer = '';
  const codes = new Map<string, IssuedCode>();
  const tokenRequests: TestOidcProvider['tokenRequests'] = [];

  const signing = await generateKeyPair('RS256', { extractable: true });
  const foreign = await generateKeyPair('RS256');
  const publicJwk = { ...(await exportJWK(signing.publicKey)), kid: KEY_ID, alg: 'RS256', use: 'sig' };

  const takeMisbehaviour = (kinds: Misbehaviour[]): Misbehaviour | null => {
    if (pending === null || !kinds.includes(pending)) return null;
    const kind = pending;
    pending = null;
    return kind;
  };

  const app = new Hono();

  app.get('/.well-known/openid-configuration', (c) =>
    c.json({
      issuer,
      authorization_endpoint: `${issuer}/authorize`,
      token_endpoint: `${issuer}/token`,
      jwks_uri: `${issuer}/jwks`,
      response_types_supported: ['code'],
      grant_types_supported: ['authorization_code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'profile', 'email'],
      code_challenge_methods_supported: challengeMethods,
      token_endpoint_auth_methods_supported: authMethods,
    }),
  );

  app.get('/jwks', (c) => c.json({ keys: [publicJwk] }));

  app.get('/authorize', (c) => {
    const query = c.req.query();
    // Never redirect to an address the client did not prove it owns.
    if (query.client_id !== clientId) return c.text('onbekende client_id', 400);
    const redirectUri = query.redirect_uri;
    if (!redirectUri) return c.text('redirect_uri ontbreekt', 400);
    const back = (params: Record<string, string>) => {
      const url = new URL(redirectUri);
      for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
      if (query.state !== undefined) url.searchParams.set('state', query.state);
      return c.redirect(url.toString(), 302);
    };
    if (takeMisbehaviour(['access_denied']))
      return back({ error: 'access_denied', error_description: 'De gebruiker brak het inloggen af' });
    if (query.response_type !== 'code') return back({ error: 'unsupported_response_type' });
    if (!query.scope?.split(' ').includes('openid')) return back({ error: 'invalid_scope', error_description: 'openid ontbreekt' });
    if (query.code_challenge_method !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(query.code_challenge ?? '')) {
      return back({ error: 'invalid_request', error_description: 'PKCE met S256 is verplicht' });
    }
    const code = randomBytes(24).toString('base64url');
    codes.set(code, { clientId, redirectUri, codeChallenge: query.code_challenge!, nonce: query.nonce ?? null, user });
    return back({ code, iss: issuer });
  });

  app.post('/token', async (c) => {
    const form = await c.req.parseBody();
    const field = (name: string) => (typeof form[name] === 'string' ? form[name] : undefined);
    const refuse = (error: string, description: string, status: 400 | 401 = 400) =>
      c.json({ error, error_description: description }, status, { 'cache-control': 'no-store' });

    const authorization = c.req.header('authorization');
    let presented: { id: string; secret: string } | null = null;
    let authMethod: TestOidcProvider['tokenRequests'][number]['authMethod'] = 'none';
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      const formDecode = (value: string) => decodeURIComponent(value.replaceAll('+', ' '));
      if (colon > 0) presented = { id: formDecode(decoded.slice(0, colon)), secret: formDecode(decoded.slice(colon + 1)) };
      authMethod = 'client_secret_basic';
    } else if (field('client_secret') !== undefined) {
      presented = { id: field('client_id') ?? '', secret: field('client_secret') ?? '' };
      authMethod = 'client_secret_post';
    }
    tokenRequests.push({ authMethod });
    if (authMethod === 'none') return refuse('invalid_client', 'clientauthenticatie ontbreekt', 401);
    if (authMethod === 'client_secret_basic' && field('client_secret') !== undefined) {
      return refuse('invalid_request', 'gebruik één manier van clientauthenticatie');
    }
    if (!authMethods.includes(authMethod)) return refuse('invalid_client', `${authMethod} wordt niet geaccepteerd`, 401);
    if (!presented || presented.id !== clientId || presented.secret !== clientSecret) {
      return refuse('invalid_client', 'onbekende client of verkeerd geheim', 401);
    }
    if (field('grant_type') !== 'authorization_code') return refuse('unsupported_grant_type', 'alleen authorization_code');

    const code = field('code') ?? '';
    const issued = codes.get(code);
    codes.delete(code);
    if (!issued) return refuse('invalid_grant', 'onbekende of al gebruikte code');
    if (issued.clientId !== presented.id) return refuse('invalid_grant', 'de code is voor een andere client');
    if (field('redirect_uri') !== issued.redirectUri) return refuse('invalid_grant', 'redirect_uri verschilt van die bij /authorize');
    const verifier = field('code_verifier') ?? '';
    if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || createHash('sha256').update(verifier).digest('base64url') !== issued.codeChallenge) {
      return refuse('invalid_grant', 'code_verifier past niet bij de code_challenge');
    }

    const kind = takeMisbehaviour([
      'wrong_nonce',
      'wrong_audience',
      'wrong_issuer',
      'expired',
      'issued_in_the_future',
      'foreign_key',
      'unknown_key',
      'symmetric_signature',
      'several_audiences_without_azp',
      'wrong_azp',
      'no_id_token',
    ]);
    const accessToken = randomBytes(24).toString('base64url');
    if (kind === 'no_id_token') return c.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 300 });
    const idToken = await signIdToken(issued, kind);
    return c.json({ access_token: accessToken, token_type: 'Bearer', expires_in: 300, id_token: idToken }, 200, {
      'cache-control': 'no-store',
    });
  });

  async function signIdToken(issued: IssuedCode, kind: Misbehaviour | null): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: JWTPayload = {
      iss: kind === 'wrong_issuer' ? 'https://andere-idp.example' : issuer,
      sub: issued.user.sub,
      aud: issued.clientId,
      iat: now,
      exp: now + 300,
      auth_time: now,
    };
    if (issued.nonce !== null) claims.nonce = kind === 'wrong_nonce' ? 'een-andere-nonce' : issued.nonce;
    if (issued.user.email !== undefined) {
      claims.email = issued.user.email;
      claims.email_verified = issued.user.emailVerified ?? false;
    }
    if (issued.user.name !== undefined) claims.name = issued.user.name;
    if (kind === 'wrong_audience') claims.aud = 'een-andere-client';
    if (kind === 'several_audiences_without_azp') claims.aud = [issued.clientId, 'een-andere-client'];
    if (kind === 'wrong_azp') {
      claims.aud = [issued.clientId, 'een-andere-client'];
      claims.azp = 'een-andere-client';
    }
    if (kind === 'expired') {
      claims.iat = now - 3600;
      claims.exp = now - 1800;
    }
    if (kind === 'issued_in_the_future') {
      claims.iat = now + 3600;
      claims.exp = now + 7200;
    }
    if (kind === 'symmetric_signature') {
      return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', kid: KEY_ID }).sign(new TextEncoder().encode(clientSecret));
    }
    const key = kind === 'foreign_key' || kind === 'unknown_key' ? foreign.privateKey : signing.privateKey;
    const kid = kind === 'unknown_key' ? 'onbekende-sleutel' : KEY_ID;
    return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(key);
  }

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(instance));
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    clientId,
    clientSecret,
    setUser(next) {
      user = next;
    },
    misbehave(kind) {
      pending = kind;
    },
    tokenRequests,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
