import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Misbehaviour, startTestOidcProvider, type TestOidcProvider } from '../../../test/oidc-test-provider.js';
import {
  codeChallenge,
  discoverProvider,
  finishLogin,
  type OidcClientConfig,
  OidcError,
  type OidcProvider,
  startLogin,
} from './oidc-client.js';

const REDIRECT_URI = 'https://koers.maasgouw.nl/inloggen/oidc/terug';

let idp: TestOidcProvider;
let provider: OidcProvider;
let client: OidcClientConfig;

beforeAll(async () => {
  idp = await startTestOidcProvider();
  provider = await discoverProvider(idp.issuer);
  client = {
    issuer: idp.issuer,
    clientId: idp.clientId,
    clientSecret: idp.clientSecret,
    redirectUri: REDIRECT_URI,
    scopes: ['openid', 'profile', 'email'],
  };
});

afterAll(async () => {
  await idp.close();
});

beforeEach(() => {
  idp.misbehave(null);
  idp.setUser({ sub: 'gebruiker-1', email: 'j.jansen@maasgouw.nl', emailVerified: true, name: 'Jan Jansen' });
});

/** What the browser does: open the authorization URL and come back to wherever the provider redirects. */
async function authorize(url: string): Promise<string> {
  const response = await fetch(url, { redirect: 'manual' });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`expected a redirect, got ${response.status}: ${await response.text()}`);
  return location;
}

async function login(overrides: { misbehave?: Misbehaviour; client?: OidcClientConfig; provider?: OidcProvider } = {}) {
  const usedClient = overrides.client ?? client;
  const usedProvider = overrides.provider ?? provider;
  const start = startLogin(usedProvider, usedClient);
  if (overrides.misbehave) idp.misbehave(overrides.misbehave);
  const callbackUrl = await authorize(start.url);
  return finishLogin(usedProvider, usedClient, {
    callbackUrl,
    expectedState: start.state,
    nonce: start.nonce,
    codeVerifier: start.codeVerifier,
  });
}

async function refusal(promise: Promise<unknown>): Promise<OidcError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  if (!(error instanceof OidcError)) throw new Error(`expected an OidcError, got ${String(error)}`);
  return error;
}

/** Comes back to Koers with what startLogin kept in the session; `session` replaces one of those values. */
function finishWith(
  start: ReturnType<typeof startLogin>,
  callbackUrl: string | URL,
  session: { expectedState?: string; nonce?: string; codeVerifier?: string } = {},
) {
  const kept = { expectedState: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier, ...session };
  return finishLogin(provider, client, { callbackUrl: String(callbackUrl), ...kept });
}

describe('a login through the identity provider', () => {
  it('returns the issuer, subject, e-mail address and name of the user who logged in', async () => {
    expect(await login()).toEqual({
      issuer: idp.issuer,
      subject: 'gebruiker-1',
      email: 'j.jansen@maasgouw.nl',
      emailVerified: true,
      name: 'Jan Jansen',
    });
  });

  it('reports a missing e-mail address and name as null and an unconfirmed address as not verified', async () => {
    idp.setUser({ sub: 'gebruiker-2' });
    expect(await login()).toMatchObject({ subject: 'gebruiker-2', email: null, emailVerified: false, name: null });
    idp.setUser({ sub: 'gebruiker-3', email: 'p.peters@maasgouw.nl' });
    expect(await login()).toMatchObject({ email: 'p.peters@maasgouw.nl', emailVerified: false });
  });

  it('authenticates at the token endpoint with client_secret_basic by default, secret with special characters included', async () => {
    idp.tokenRequests.length = 0;
    await login();
    expect(idp.tokenRequests).toEqual([{ authMethod: 'client_secret_basic' }]);
  });

  it('uses client_secret_post when configured or when the provider offers only that', async () => {
    idp.tokenRequests.length = 0;
    await login({ client: { ...client, tokenEndpointAuthMethod: 'client_secret_post' } });
    const postOnly = await startTestOidcProvider({ tokenEndpointAuthMethods: ['client_secret_post'] });
    try {
      const postProvider = await discoverProvider(postOnly.issuer);
      const postClient = { ...client, issuer: postOnly.issuer, clientId: postOnly.clientId, clientSecret: postOnly.clientSecret };
      const start = startLogin(postProvider, postClient);
      const callbackUrl = await authorize(start.url);
      const identity = await finishLogin(postProvider, postClient, {
        callbackUrl,
        expectedState: start.state,
        nonce: start.nonce,
        codeVerifier: start.codeVerifier,
      });
      expect(identity.subject).toBe('gebruiker-1');
      expect(postOnly.tokenRequests).toEqual([{ authMethod: 'client_secret_post' }]);
    } finally {
      await postOnly.close();
    }
    expect(idp.tokenRequests).toEqual([{ authMethod: 'client_secret_post' }]);
  });

  it('is refused with token_exchange_failed when the client secret is wrong', async () => {
    const error = await refusal(login({ client: { ...client, clientSecret: 'fout' } }));
    expect(error.code).toBe('token_exchange_failed');
    expect(error.message).toContain('invalid_client');
  });
});

describe('the authorization URL', () => {
  it('asks for the code flow with an S256 PKCE challenge of 43 characters derived from the verifier', () => {
    const start = startLogin(provider, client);
    const url = new URL(start.url);
    expect(`${url.origin}${url.pathname}`).toBe(provider.authorizationEndpoint);
    const query = url.searchParams;
    expect(query.get('response_type')).toBe('code');
    expect(query.get('client_id')).toBe(client.clientId);
    expect(query.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(query.get('scope')).toBe('openid profile email');
    expect(query.get('code_challenge_method')).toBe('S256');
    expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(query.get('code_challenge')).toBe(codeChallenge(start.codeVerifier));
    expect(query.get('code_challenge')).not.toBe(start.codeVerifier);
    expect(query.get('state')).toBe(start.state);
    expect(query.get('nonce')).toBe(start.nonce);
  });

  it('carries fresh 32-byte random state, nonce and verifier for every login', () => {
    const first = startLogin(provider, client);
    const second = startLogin(provider, client);
    for (const value of [first.state, first.nonce, first.codeVerifier]) {
      expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(value, 'base64url')).toHaveLength(32);
    }
    expect(new Set([first.state, first.nonce, first.codeVerifier, second.state, second.nonce, second.codeVerifier]).size).toBe(6);
  });

  it('always asks for the openid scope and falls back to openid profile email without scopes', () => {
    expect(new URL(startLogin(provider, { ...client, scopes: ['email'] }).url).searchParams.get('scope')).toBe('openid email');
    expect(new URL(startLogin(provider, { ...client, scopes: [] }).url).searchParams.get('scope')).toBe('openid profile email');
  });
});

describe('the callback', () => {
  it('is refused when its state is not the state of this session', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = await authorize(start.url);
    const other = startLogin(provider, client);
    idp.tokenRequests.length = 0;
    const error = await refusal(finishWith(start, callbackUrl, { expectedState: other.state }));
    expect(error.code).toBe('state_mismatch');
    expect(idp.tokenRequests).toHaveLength(0);
  });

  it('is refused when the session lost its state, even if the callback state is empty too', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = new URL(await authorize(start.url));
    callbackUrl.searchParams.set('state', '');
    const error = await refusal(finishWith(start, callbackUrl, { expectedState: '' }));
    expect(error.code).toBe('state_mismatch');
  });

  it('is refused when it carries no state at all', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = new URL(await authorize(start.url));
    callbackUrl.searchParams.delete('state');
    const error = await refusal(finishWith(start, callbackUrl));
    expect(error.code).toBe('state_mismatch');
  });

  it('reports the error code of a provider that denied access, in Dutch', async () => {
    const error = await refusal(login({ misbehave: 'access_denied' }));
    expect(error.code).toBe('provider_error');
    expect(error.message).toContain('access_denied');
    expect(error.message).toContain('de identity provider weigerde het inloggen');
    expect(error.detail).toBe('De gebruiker brak het inloggen af');
  });

  it('keeps free text from the callback out of the message shown to the user', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = new URL(REDIRECT_URI);
    callbackUrl.searchParams.set('error', 'Bel <b>0800-1234</b> voor hulp');
    callbackUrl.searchParams.set('error_description', 'Uw account is geblokkeerd, bel 0800-1234');
    callbackUrl.searchParams.set('state', start.state);
    const error = await refusal(finishWith(start, callbackUrl));
    expect(error.code).toBe('provider_error');
    expect(error.message).toBe('de identity provider weigerde het inloggen: onbekende fout');
    expect(error.detail).toContain('0800-1234');
  });

  it('is refused when it names another issuer than the provider (RFC 9207)', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = new URL(await authorize(start.url));
    callbackUrl.searchParams.set('iss', 'https://andere-idp.example');
    const error = await refusal(finishWith(start, callbackUrl));
    expect(error.code).toBe('invalid_callback');
  });

  it('is refused when it carries no code', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = `${REDIRECT_URI}?state=${encodeURIComponent(start.state)}`;
    const error = await refusal(finishWith(start, callbackUrl));
    expect(error.code).toBe('invalid_callback');
  });
});

describe('the code exchange', () => {
  it('is refused by the provider, as token_exchange_failed, when the verifier does not match the challenge', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = await authorize(start.url);
    const wrongVerifier = startLogin(provider, client).codeVerifier;
    const error = await refusal(finishWith(start, callbackUrl, { codeVerifier: wrongVerifier }));
    expect(error.code).toBe('token_exchange_failed');
    expect(error.message).toContain('invalid_grant');
  });

  it('refuses a code that was already used', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = await authorize(start.url);
    const params = { callbackUrl, expectedState: start.state, nonce: start.nonce, codeVerifier: start.codeVerifier };
    await finishLogin(provider, client, params);
    expect((await refusal(finishLogin(provider, client, params))).code).toBe('token_exchange_failed');
  });

  it('refuses a code exchanged with another redirect URI than the one it was issued for', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = await authorize(start.url);
    const error = await refusal(
      finishLogin(
        provider,
        { ...client, redirectUri: 'https://elders.example/terug' },
        {
          callbackUrl,
          expectedState: start.state,
          nonce: start.nonce,
          codeVerifier: start.codeVerifier,
        },
      ),
    );
    expect(error.code).toBe('token_exchange_failed');
  });

  it('refuses a token answer without an ID token', async () => {
    expect((await refusal(login({ misbehave: 'no_id_token' }))).code).toBe('token_exchange_failed');
  });
});

describe('the ID token', () => {
  it('is refused when its nonce is not the nonce of this login', async () => {
    const error = await refusal(login({ misbehave: 'wrong_nonce' }));
    expect(error.code).toBe('nonce_mismatch');
  });

  it('is refused when the nonce kept in the session is another one', async () => {
    const start = startLogin(provider, client);
    const callbackUrl = await authorize(start.url);
    const error = await refusal(finishWith(start, callbackUrl, { nonce: startLogin(provider, client).nonce }));
    expect(error.code).toBe('nonce_mismatch');
  });

  it.each<[string, Misbehaviour, RegExp]>([
    ['is meant for another client (aud)', 'wrong_audience', /aud/],
    ['comes from another issuer (iss)', 'wrong_issuer', /iss/],
    ['has expired', 'expired', /verlopen/],
    ['claims to be issued in the future', 'issued_in_the_future', /iat/],
    ['is signed by another key under the provider key id', 'foreign_key', /handtekening/],
    ['is signed by a key the provider does not publish', 'unknown_key', /sleutel/],
    ['is signed with HMAC and the client secret', 'symmetric_signature', /algoritme/],
    ['has several audiences but no azp', 'several_audiences_without_azp', /azp/],
    ['was issued to another authorized party (azp)', 'wrong_azp', /azp/],
  ])('is refused as invalid_id_token when it %s', async (_, kind, reason) => {
    const error = await refusal(login({ misbehave: kind }));
    expect(error.code).toBe('invalid_id_token');
    expect(error.message).toMatch(/^het ID-token is ongeldig: /);
    expect(error.message).toMatch(reason);
  });
});

describe('discovery', () => {
  const answer = (document: unknown, status = 200): typeof fetch =>
    (async () => new Response(JSON.stringify(document), { status, headers: { 'content-type': 'application/json' } })) as typeof fetch;
  const valid = {
    issuer: 'https://idp.maasgouw.nl',
    authorization_endpoint: 'https://idp.maasgouw.nl/authorize',
    token_endpoint: 'https://idp.maasgouw.nl/token',
    jwks_uri: 'https://idp.maasgouw.nl/jwks',
    code_challenge_methods_supported: ['S256'],
  };

  it('reads the endpoints of the provider from its openid-configuration', async () => {
    expect(provider).toMatchObject({
      issuer: idp.issuer,
      authorizationEndpoint: `${idp.issuer}/authorize`,
      tokenEndpoint: `${idp.issuer}/token`,
      jwksUri: `${idp.issuer}/jwks`,
      tokenEndpointAuthMethods: ['client_secret_basic', 'client_secret_post'],
    });
  });

  it('asks the well-known address below the issuer', async () => {
    const asked: string[] = [];
    const recording = (async (url: string | URL | Request) => {
      asked.push(String(url));
      return answer(valid)(url);
    }) as typeof fetch;
    await discoverProvider('https://idp.maasgouw.nl', recording);
    expect(asked).toEqual(['https://idp.maasgouw.nl/.well-known/openid-configuration']);
  });

  it('is refused when the document names another issuer', async () => {
    const error = await refusal(discoverProvider('https://idp.maasgouw.nl', answer({ ...valid, issuer: 'https://andere-idp.example' })));
    expect(error.code).toBe('discovery_failed');
    expect(error.message).toMatch(/^de identity provider gaf geen geldige configuratie: /);
    expect(error.message).toContain('https://andere-idp.example');
  });

  it('is refused when the test provider is asked under an issuer with a trailing slash', async () => {
    expect((await refusal(discoverProvider(`${idp.issuer}/`))).code).toBe('discovery_failed');
  });

  it.each(['authorization_endpoint', 'token_endpoint', 'jwks_uri'])('is refused when %s is missing', async (field) => {
    const error = await refusal(discoverProvider('https://idp.maasgouw.nl', answer({ ...valid, [field]: undefined })));
    expect(error.message).toBe(`de identity provider gaf geen geldige configuratie: ${field} ontbreekt`);
  });

  it('is refused when the provider does not support PKCE with S256', async () => {
    const error = await refusal(
      discoverProvider('https://idp.maasgouw.nl', answer({ ...valid, code_challenge_methods_supported: ['plain'] })),
    );
    expect(error.message).toContain('S256');
  });

  it('accepts a document that does not list PKCE methods at all', async () => {
    const { code_challenge_methods_supported: _, ...withoutMethods } = valid;
    await expect(discoverProvider('https://idp.maasgouw.nl', answer(withoutMethods))).resolves.toMatchObject({ issuer: valid.issuer });
  });

  it('is refused when an endpoint is plain http on another machine', async () => {
    const error = await refusal(
      discoverProvider('https://idp.maasgouw.nl', answer({ ...valid, token_endpoint: 'http://idp.maasgouw.nl/token' })),
    );
    expect(error.message).toContain('https');
  });

  it('is refused when the answer is not JSON or not a success', async () => {
    const notJson = (async () => new Response('<html>', { status: 200 })) as typeof fetch;
    expect((await refusal(discoverProvider('https://idp.maasgouw.nl', notJson))).code).toBe('discovery_failed');
    expect((await refusal(discoverProvider('https://idp.maasgouw.nl', answer({}, 500)))).message).toContain('HTTP 500');
  });

  it('reports an unreachable provider', async () => {
    const unreachable = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch;
    const error = await refusal(discoverProvider('https://idp.maasgouw.nl', unreachable));
    expect(error.message).toContain('niet bereikbaar');
  });
});
