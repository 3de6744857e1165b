/** Logging in to Koers through a municipality's identity provider, against the local test provider. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { createServices } from '../src/server.js';
import { startTestOidcProvider, type TestOidcProvider } from './oidc-test-provider.js';
import { createTestDatabase } from './test-database.js';

const KOERS = 'http://koers.test';
let handle: DatabaseHandle;
let provider: TestOidcProvider;
let app: ReturnType<typeof createApp>;
let services: ReturnType<typeof createServices>;

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  provider = await startTestOidcProvider({
    user: { sub: 'ambtenaar-7', email: 'j.jansen@maasgouw.nl', emailVerified: true, name: 'Jan Jansen' },
  });
  services = createServices(handle);
  await services.auth.createUser({
    name: 'Jan Jansen',
    email: 'j.jansen@maasgouw.nl',
    password: 'een lang wachtwoord',
    isAdministrator: false,
  });
  app = createApp(services, {
    oidc: {
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      redirectUri: `${KOERS}/inloggen/oidc/terug`,
      name: 'Maasgouw',
    },
  });
});
afterAll(async () => {
  await provider.close();
  await handle.close();
});

const cookieOf = (response: Response, name: string) =>
  response.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .find((pair) => pair.startsWith(`${name}=`));

/** Starts at Koers, lets the provider answer, and returns the callback URL and the flow cookie. */
async function throughProvider(): Promise<{ callback: URL; flowCookie: string }> {
  const start = await app.request(`${KOERS}/inloggen/oidc`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('Location') ?? '');
  expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
  const answer = await fetch(authorize, { redirect: 'manual' });
  return { callback: new URL(answer.headers.get('Location') ?? ''), flowCookie: cookieOf(start, '__Host-koers-oidc') ?? '' };
}

describe('logging in through OpenID Connect', () => {
  it('offers the identity provider on the login page', async () => {
    expect(await (await app.request('/inloggen')).text()).toContain('Inloggen via Maasgouw');
  });

  it('opens a session for the account with the verified e-mail address, and links the identity', async () => {
    const { callback, flowCookie } = await throughProvider();
    const back = await app.request(callback.href, { headers: { Cookie: flowCookie } });
    expect(back.status).toBe(303);
    expect(back.headers.get('Location')).toBe('/account');
    const session = cookieOf(back, '__Host-koers-sessie');
    expect(await (await app.request('/account', { headers: { Cookie: session ?? '' } })).text()).toContain('Ingelogd als Jan Jansen');
    const linked = await handle.db
      .selectFrom('userAccount')
      .select(['oidcSubject'])
      .where('email', '=', 'j.jansen@maasgouw.nl')
      .executeTakeFirstOrThrow();
    expect(linked.oidcSubject).toBe('ambtenaar-7');
  });

  it('ends a password someone else set (and its sessions and tokens) when the account is linked to the identity provider', async () => {
    // Someone chose the password of this account before its owner ever logged in, and kept a session and a token.
    const plantedId = await services.auth.createUser({
      name: 'Piet Pieters',
      email: 'p.pieters@maasgouw.nl',
      password: 'door een ander gekozen',
      isAdministrator: false,
    });
    const planted = await services.auth.login('p.pieters@maasgouw.nl', 'door een ander gekozen', '10.5.0.1');
    const token = await services.auth.createApiToken(plantedId, 'achterdeur');
    provider.setUser({ sub: 'ambtenaar-8', email: 'p.pieters@maasgouw.nl', emailVerified: true, name: 'Piet Pieters' });
    const { callback, flowCookie } = await throughProvider();
    const back = await app.request(callback.href, { headers: { Cookie: flowCookie } });
    expect(back.status).toBe(303);
    await expect(services.auth.login('p.pieters@maasgouw.nl', 'door een ander gekozen', '10.5.0.2')).rejects.toThrow();
    expect(await services.auth.actorForSession(planted.sessionToken)).toBeUndefined();
    expect(await services.auth.actorForApiToken(token.token)).toBeUndefined();
    // The owner's own session through the identity provider works.
    const session = cookieOf(back, '__Host-koers-sessie');
    expect(await (await app.request('/account', { headers: { Cookie: session ?? '' } })).text()).toContain('Ingelogd als Piet Pieters');
  });

  it('refuses an answer whose state is not the one Koers sent', async () => {
    const { callback, flowCookie } = await throughProvider();
    callback.searchParams.set('state', 'vervalst');
    const back = await app.request(callback.href, { headers: { Cookie: flowCookie } });
    expect(back.status).toBe(403);
    expect(cookieOf(back, '__Host-koers-sessie')).toBeUndefined();
  });

  it('refuses an ID token with another nonce', async () => {
    provider.misbehave('wrong_nonce');
    const { callback, flowCookie } = await throughProvider();
    expect((await app.request(callback.href, { headers: { Cookie: flowCookie } })).status).toBe(403);
  });

  it('refuses a callback that did not start here (no flow cookie)', async () => {
    const { callback } = await throughProvider();
    expect((await app.request(callback.href)).status).toBe(400);
  });

  it('refuses a person without a Koers account, saying so', async () => {
    provider.setUser({ sub: 'onbekend-1', email: 'iemand@elders.nl', emailVerified: true, name: 'Iemand' });
    const { callback, flowCookie } = await throughProvider();
    const back = await app.request(callback.href, { headers: { Cookie: flowCookie } });
    expect(back.status).toBe(403);
    expect(await back.text()).toContain('geen actief account voor iemand@elders.nl');
  });

  it('never links an administrator of Koers by e-mail alone', async () => {
    await services.auth.createUser({ name: 'Beheer', email: 'beheer@maasgouw.nl', password: 'een lang wachtwoord', isAdministrator: true });
    provider.setUser({ sub: 'overname-1', email: 'beheer@maasgouw.nl', emailVerified: true, name: 'Beheer' });
    const { callback, flowCookie } = await throughProvider();
    expect((await app.request(callback.href, { headers: { Cookie: flowCookie } })).status).toBe(403);
  });
});
