/**
 * Log in through a municipality's own identity provider with OpenID Connect, following the
 * NL GOV Assurance profile for OIDC: authorization code flow with PKCE (S256 only), state and
 * nonce checked, the ID token's signature verified against the provider's JWKS.
 *
 * Three steps, no hidden state: `discoverProvider` once at start, `startLogin` before the
 * redirect (the caller keeps state, nonce and codeVerifier in its session), `finishLogin`
 * when the browser comes back. Every failure is an `OidcError` with a Dutch message.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, customFetch, type JWTPayload, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from 'jose';

export type OidcErrorCode =
  | 'discovery_failed'
  | 'invalid_callback'
  | 'state_mismatch'
  | 'provider_error'
  | 'token_exchange_failed'
  | 'invalid_id_token'
  | 'nonce_mismatch';

export class OidcError extends Error {
  /** Free text from the provider (error_description), for the log only: in a callback anyone can write it. */
  readonly detail: string | null;

  constructor(
    readonly code: OidcErrorCode,
    message: string,
    options?: { cause?: unknown; detail?: string | null },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'OidcError';
    this.detail = options?.detail ?? null;
  }
}

export type TokenEndpointAuthMethod = 'client_secret_basic' | 'client_secret_post';

export interface OidcProvider {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  /** Methods the provider accepts at its token endpoint; the discovery default is client_secret_basic. */
  tokenEndpointAuthMethods: string[];
  /** The provider's signing keys, fetched from jwksUri and cached; replace to pin keys. */
  keys: JWTVerifyGetKey;
}

export interface OidcClientConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUri: string;
  scopes: string[];
  /** How to authenticate at the token endpoint; by default client_secret_basic, or client_secret_post when only that is offered. */
  tokenEndpointAuthMethod?: TokenEndpointAuthMethod;
}

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
  name: string | null;
}

export interface LoginStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface LoginCallback {
  /** The full URL the browser came back to, query string included. */
  callbackUrl: string;
  expectedState: string;
  nonce: string;
  codeVerifier: string;
}

export const DEFAULT_SCOPES = ['openid', 'profile', 'email'];

/** The profile allows these; `none` and HMAC algorithms (signed with the client secret) are refused. */
const ID_TOKEN_ALGORITHMS = ['RS256', 'ES256', 'PS256'];
/** Clocks of Koers and the provider may differ this much. */
const CLOCK_TOLERANCE_SECONDS = 60;
/** An ID token is fetched right after it is issued; an older one is a replay. */
const MAX_ID_TOKEN_AGE_SECONDS = 10 * 60;
const REQUEST_TIMEOUT_MS = 10_000;

type FetchImpl = typeof fetch;

/** Reads `${issuer}/.well-known/openid-configuration` and checks that it describes this issuer. */
export async function discoverProvider(issuer: string, fetchImpl: FetchImpl = fetch): Promise<OidcProvider> {
  const broken = (reason: string, cause?: unknown) =>
    new OidcError('discovery_failed', `de identity provider gaf geen geldige configuratie: ${reason}`, { cause });
  const issuerUrl = parseUrl(issuer);
  if (!issuerUrl || !isSecureUrl(issuerUrl)) {
    throw broken(`de issuer ${issuer} is geen https-adres`);
  }
  const discoveryUrl = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetchImpl(discoveryUrl, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new OidcError('discovery_failed', `de identity provider is niet bereikbaar op ${discoveryUrl}`, { cause: error });
  }
  if (!response.ok) throw broken(`${discoveryUrl} antwoordde met HTTP ${response.status}`);
  let document: unknown;
  try {
    document = await response.json();
  } catch (error) {
    throw broken(`${discoveryUrl} gaf geen JSON`, error);
  }
  if (!isRecord(document)) throw broken(`${discoveryUrl} gaf geen JSON-object`);

  if (document.issuer !== issuer) {
    throw broken(`de issuer in het document (${String(document.issuer)}) is niet de ingestelde issuer ${issuer}`);
  }
  const endpoint = (field: string): string => {
    const value = document[field];
    if (typeof value !== 'string' || value === '') throw broken(`${field} ontbreekt`);
    const url = parseUrl(value);
    if (!url) throw broken(`${field} is geen geldig adres: ${value}`);
    if (!isSecureUrl(url)) throw broken(`${field} is geen https-adres: ${value}`);
    return value;
  };
  const authorizationEndpoint = endpoint('authorization_endpoint');
  const tokenEndpoint = endpoint('token_endpoint');
  const jwksUri = endpoint('jwks_uri');

  const challengeMethods = optionalStringList(document, 'code_challenge_methods_supported', broken);
  if (challengeMethods && !challengeMethods.includes('S256')) {
    throw broken(`PKCE met S256 wordt niet ondersteund (wel: ${challengeMethods.join(', ') || 'niets'})`);
  }
  const responseTypes = optionalStringList(document, 'response_types_supported', broken);
  if (responseTypes && !responseTypes.includes('code')) {
    throw broken('de authorization code flow (response_type code) wordt niet ondersteund');
  }
  const authMethods = optionalStringList(document, 'token_endpoint_auth_methods_supported', broken) ?? ['client_secret_basic'];

  return {
    issuer,
    authorizationEndpoint,
    tokenEndpoint,
    jwksUri,
    tokenEndpointAuthMethods: authMethods,
    keys: createRemoteJWKSet(new URL(jwksUri), { [customFetch]: fetchImpl, timeoutDuration: REQUEST_TIMEOUT_MS }),
  };
}

/** The URL to send the browser to, and the secrets the caller must keep in its session until the callback. */
export function startLogin(provider: OidcProvider, client: OidcClientConfig): LoginStart {
  const state = randomToken();
  const nonce = randomToken();
  const codeVerifier = randomToken();
  const url = new URL(provider.authorizationEndpoint);
  const scopes = client.scopes.length > 0 ? client.scopes : DEFAULT_SCOPES;
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', client.clientId);
  url.searchParams.set('redirect_uri', client.redirectUri);
  url.searchParams.set('scope', scopes.includes('openid') ? scopes.join(' ') : ['openid', ...scopes].join(' '));
  url.searchParams.set('state', state);
  url.searchParams.set('nonce', nonce);
  url.searchParams.set('code_challenge', codeChallenge(codeVerifier));
  url.searchParams.set('code_challenge_method', 'S256');
  return { url: url.toString(), state, nonce, codeVerifier };
}

/** Checks the callback, exchanges the code and verifies the ID token; returns who logged in. */
export async function finishLogin(
  provider: OidcProvider,
  client: OidcClientConfig,
  params: LoginCallback,
  fetchImpl: FetchImpl = fetch,
): Promise<OidcIdentity> {
  const callback = parseUrl(params.callbackUrl);
  if (!callback) throw new OidcError('invalid_callback', 'het terugkeeradres van de identity provider is geen geldig adres');
  const query = callback.searchParams;

  // An error answer changes nothing, so it is reported even when the provider left out the state.
  // Only a well-formed error code (RFC 6749 4.1.2.1) goes into the message the user may see.
  const providerError = query.get('error');
  if (providerError !== null) {
    const errorCode = /^[A-Za-z0-9_.-]{1,64}$/.test(providerError) ? providerError : 'onbekende fout';
    throw new OidcError('provider_error', `de identity provider weigerde het inloggen: ${errorCode}`, {
      detail: query.get('error_description'),
    });
  }
  const state = query.get('state');
  // An empty expected state means the session lost it; an empty state in the callback must not then match.
  if (state === null || params.expectedState === '' || !constantTimeEqual(state, params.expectedState)) {
    throw new OidcError('state_mismatch', 'de inlogpoging hoort niet bij deze sessie (state klopt niet); begin opnieuw met inloggen');
  }
  // RFC 9207: when the provider names itself in the callback, it must be the provider we sent the browser to.
  const callbackIssuer = query.get('iss');
  if (callbackIssuer !== null && callbackIssuer !== provider.issuer) {
    throw new OidcError('invalid_callback', 'het antwoord komt van een andere identity provider', { detail: `iss ${callbackIssuer}` });
  }
  const code = query.get('code');
  if (!code) throw new OidcError('invalid_callback', 'de identity provider gaf geen autorisatiecode terug');

  const idToken = await exchangeCode(provider, client, code, params.codeVerifier, fetchImpl);
  const claims = await verifyIdToken(provider, client, idToken);
  if (typeof claims.nonce !== 'string' || params.nonce === '' || !constantTimeEqual(claims.nonce, params.nonce)) {
    throw new OidcError('nonce_mismatch', 'het ID-token hoort niet bij deze inlogpoging (nonce klopt niet)');
  }
  return {
    issuer: provider.issuer,
    subject: claims.sub as string,
    email: typeof claims.email === 'string' && claims.email !== '' ? claims.email : null,
    emailVerified: claims.email_verified === true,
    name: typeof claims.name === 'string' && claims.name !== '' ? claims.name : null,
  };
}

async function exchangeCode(
  provider: OidcProvider,
  client: OidcClientConfig,
  code: string,
  codeVerifier: string,
  fetchImpl: FetchImpl,
): Promise<string> {
  const failed = (reason: string, cause?: unknown) =>
    new OidcError('token_exchange_failed', `het inwisselen van de autorisatiecode mislukte: ${reason}`, { cause });
  const body = new URLSearchParams({
    grant_type: 'authorization_code',
    code,
    redirect_uri: client.redirectUri,
    code_verifier: codeVerifier,
  });
  const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
  if (chooseAuthMethod(provider, client) === 'client_secret_basic') {
    // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
    const credentials = `${formEncode(client.clientId)}:${formEncode(client.clientSecret)}`;
    headers.authorization = `Basic ${Buffer.from(credentials).toString('base64')}`;
  } else {
    body.set('client_id', client.clientId);
    body.set('client_secret', client.clientSecret);
  }

  let response: Response;
  try {
    response = await fetchImpl(provider.tokenEndpoint, {
      method: 'POST',
      headers,
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
  } catch (error) {
    throw failed('de identity provider is niet bereikbaar', error);
  }
  const answer: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const providerCode = isRecord(answer) && typeof answer.error === 'string' ? answer.error : null;
    // Only a well-formed error code reaches the person; free text from the provider does not.
    const code = providerCode && /^[\w.-]{1,64}$/.test(providerCode) ? providerCode : null;
    throw failed(code ?? `HTTP ${response.status}`);
  }
  if (!isRecord(answer)) throw failed('het antwoord is geen JSON-object');
  if (typeof answer.token_type === 'string' && answer.token_type.toLowerCase() !== 'bearer') {
    throw failed(`onverwacht tokentype ${answer.token_type}`);
  }
  if (typeof answer.id_token !== 'string' || answer.id_token === '') throw failed('het antwoord bevat geen id_token');
  return answer.id_token;
}

async function verifyIdToken(provider: OidcProvider, client: OidcClientConfig, idToken: string): Promise<JWTPayload> {
  const invalid = (reason: string, cause?: unknown) => new OidcError('invalid_id_token', `het ID-token is ongeldig: ${reason}`, { cause });
  let claims: JWTPayload;
  try {
    ({ payload: claims } = await jwtVerify(idToken, provider.keys, {
      issuer: provider.issuer,
      audience: client.clientId,
      algorithms: ID_TOKEN_ALGORITHMS,
      clockTolerance: CLOCK_TOLERANCE_SECONDS,
      maxTokenAge: MAX_ID_TOKEN_AGE_SECONDS,
      requiredClaims: ['iss', 'sub', 'aud', 'exp', 'iat'],
    }));
  } catch (error) {
    throw invalid(describeJoseError(error), error);
  }
  if (typeof claims.sub !== 'string' || claims.sub === '') throw invalid('sub ontbreekt');
  const audiences = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
  if (claims.azp !== undefined && claims.azp !== client.clientId) {
    throw invalid(`het token is uitgegeven aan een andere partij (azp ${String(claims.azp)})`);
  }
  if (audiences.length > 1 && claims.azp === undefined) {
    throw invalid('het token heeft meerdere audiences maar geen azp');
  }
  return claims;
}

function describeJoseError(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return `verlopen (${error.claim})`;
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'uitgegeven door een andere identity provider (iss klopt niet)';
    if (error.claim === 'aud') return 'niet bestemd voor Koers (aud klopt niet)';
    return `claim ${error.claim} klopt niet (${error.reason})`;
  }
  if (error instanceof joseErrors.JWSSignatureVerificationFailed) return 'de handtekening klopt niet';
  if (error instanceof joseErrors.JWKSNoMatchingKey) return 'ondertekend met een sleutel die de identity provider niet publiceert';
  if (error instanceof joseErrors.JOSEAlgNotAllowed) return 'ondertekend met een niet-toegestaan algoritme';
  if (error instanceof joseErrors.JWKSTimeout) return 'de sleutels van de identity provider kwamen niet op tijd';
  if (error instanceof joseErrors.JOSEError) return error.message;
  return 'de sleutels van de identity provider konden niet worden opgehaald';
}

function chooseAuthMethod(provider: OidcProvider, client: OidcClientConfig): TokenEndpointAuthMethod {
  if (client.tokenEndpointAuthMethod) return client.tokenEndpointAuthMethod;
  const offered = provider.tokenEndpointAuthMethods;
  return !offered.includes('client_secret_basic') && offered.includes('client_secret_post') ? 'client_secret_post' : 'client_secret_basic';
}

/** The S256 PKCE challenge of a verifier: base64url(SHA-256(verifier)). */
export function codeChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier).digest('base64url');
}

function randomToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Hashing first makes both sides equally long, so their length leaks nothing either. */
function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash('sha256').update(a).digest(), createHash('sha256').update(b).digest());
}

function formEncode(value: string): string {
  return new URLSearchParams({ v: value }).toString().slice(2);
}

function parseUrl(value: string): URL | null {
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/** The profile requires TLS; plain http is allowed only to this machine, for development and tests. */
function isSecureUrl(url: URL): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalStringList(document: Record<string, unknown>, field: string, broken: (reason: string) => OidcError): string[] | null {
  const value = document[field];
  if (value === undefined) return null;
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string')) throw broken(`${field} is geen lijst van teksten`);
  return value;
}
