/** Logging in through the pages, CSRF on every form, 429 on too many attempts, and tenant isolation of plans. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { ANONYMOUS, SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

let handle: DatabaseHandle;
let services: ReturnType<typeof createServices>;
let app: ReturnType<typeof createApp>;
let publishedPlanId: string;
let draftOfMaasgouw: string;
let draftOfElsewhere: string;
let readerId: string;

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle);
  app = createApp(services);
  publishedPlanId = (await loadExampleIfEmpty(services.plans))!.id;
  const example = (await readExampleDocument()) as any;
  draftOfMaasgouw = (await services.plans.importPlan(SYSTEM, { ...example, plan: { ...example.plan, titel: 'Concept Maasgouw' } })).id;
  const elsewhere = {
    ...example,
    plan: { ...example.plan, titel: 'Concept Roerdalen', gemeenten: [{ code: 'GM1669', naam: 'Roerdalen' }], vaststellingen: undefined },
  };
  draftOfElsewhere = (await services.plans.importPlan(SYSTEM, elsewhere)).id;
  readerId = await services.auth.createUser({
    name: 'Raadslid Maasgouw',
    email: 'raad@maasgouw.example',
    password: 'raadslid wachtwoord',
    isAdministrator: false,
  });
  await new AccountRepository(handle.db).grantRole(readerId, 'GM1641', 'lezer');
});
afterAll(() => handle.close());

/** The cookies a response sets, as name -> value, plus their attributes for checking. */
function cookiesOf(response: Response): Map<string, { value: string; attributes: string }> {
  const cookies = new Map<string, { value: string; attributes: string }>();
  for (const line of response.headers.getSetCookie()) {
    const [pair = '', ...attributes] = line.split(';');
    const [name = '', value = ''] = pair.split('=');
    cookies.set(name.trim(), { value, attributes: attributes.join(';') });
  }
  return cookies;
}

async function loginForm(): Promise<{ csrf: string; cookie: string }> {
  const page = await app.request('/inloggen');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const cookie = cookiesOf(page).get('__Host-koers-csrf')?.value ?? '';
  return { csrf, cookie };
}

function postForm(path: string, fields: Record<string, string>, cookie: string) {
  return app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

async function logIn(email: string, password: string): Promise<string> {
  const { csrf, cookie } = await loginForm();
  const response = await postForm('/inloggen', { _csrf: csrf, email, wachtwoord: password }, `__Host-koers-csrf=${cookie}`);
  expect(response.status).toBe(303);
  return cookiesOf(response).get('__Host-koers-sessie')!.value;
}

describe('logging in', () => {
  it('sets a __Host- session cookie that is Secure, HttpOnly and SameSite', async () => {
    const { csrf, cookie } = await loginForm();
    const response = await postForm(
      '/inloggen',
      { _csrf: csrf, email: 'raad@maasgouw.example', wachtwoord: 'raadslid wachtwoord' },
      `__Host-koers-csrf=${cookie}`,
    );
    expect(response.status).toBe(303);
    const session = cookiesOf(response).get('__Host-koers-sessie');
    expect(session?.value).toMatch(/^[\w-]{43}$/);
    expect(session?.attributes).toMatch(/Path=\//);
    expect(session?.attributes).toMatch(/Secure/);
    expect(session?.attributes).toMatch(/HttpOnly/);
    expect(session?.attributes).toMatch(/SameSite=Lax/);
    const account = await app.request('/account', { headers: { Cookie: `__Host-koers-sessie=${session?.value}` } });
    const accountPage = await account.text();
    expect(accountPage).toContain('Ingelogd als Raadslid Maasgouw');
    // The account's own history, from the audit trail, in words: no event codes.
    expect(accountPage).toMatch(/<th class="utrecht-table__header-cell" scope="row">Ingelogd<\/th>/);
    expect(accountPage).not.toContain('session.started');
  });

  it('refuses a login form without its CSRF token', async () => {
    const { cookie } = await loginForm();
    const response = await postForm(
      '/inloggen',
      { email: 'raad@maasgouw.example', wachtwoord: 'raadslid wachtwoord' },
      `__Host-koers-csrf=${cookie}`,
    );
    expect(response.status).toBe(403);
    expect(cookiesOf(response).has('__Host-koers-sessie')).toBe(false);
  });

  it('refuses a logout posted from elsewhere (no token), and logs out with it', async () => {
    const session = await logIn('raad@maasgouw.example', 'raadslid wachtwoord');
    const cookie = `__Host-koers-sessie=${session}`;
    expect((await postForm('/uitloggen', {}, cookie)).status).toBe(403);
    const accountPage = await (await app.request('/account', { headers: { Cookie: cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(accountPage)?.[1] ?? '';
    expect((await postForm('/uitloggen', { _csrf: csrf }, cookie)).status).toBe(303);
    expect((await app.request('/account', { headers: { Cookie: cookie } })).status).toBe(303);
  });

  it('says plainly when the password is wrong, and answers 429 with Retry-After after too many tries', async () => {
    const { csrf, cookie } = await loginForm();
    let last: Response | undefined;
    for (let attempt = 0; attempt < 6; attempt++) {
      last = await postForm(
        '/inloggen',
        { _csrf: csrf, email: 'raad@maasgouw.example', wachtwoord: `fout ${attempt}` },
        `__Host-koers-csrf=${cookie}`,
      );
      if (attempt === 0) {
        expect(last.status).toBe(401);
        expect(await last.text()).toContain('Het e-mailadres of het wachtwoord klopt niet');
      }
    }
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('Retry-After'))).toBeGreaterThan(0);
  });
});

describe('API tokens on the account page', () => {
  it('makes a token shown once, which works in the API until it is revoked on the same page', async () => {
    const { sessionToken } = await services.auth.openSession(readerId, '10.3.0.1');
    const cookie = `__Host-koers-sessie=${sessionToken}`;
    const csrfOf = async () =>
      /name="_csrf" value="([^"]+)"/.exec(await (await app.request('/account', { headers: { Cookie: cookie } })).text())?.[1] ?? '';
    const created = await postForm('/account/api-tokens', { _csrf: await csrfOf(), naam: 'rapportscript' }, cookie);
    expect(created.status).toBe(201);
    const token = /<code class="koers-secret">(koers_[\w-]+)<\/code>/.exec(await created.text())?.[1] ?? '';
    expect(token).not.toBe('');
    const asToken = { headers: { Authorization: `Bearer ${token}` } };
    expect((await app.request(`/api/v1/plannen/${draftOfMaasgouw}`, asToken)).status).toBe(200);
    const page = await (await app.request('/account', { headers: { Cookie: cookie } })).text();
    expect(page).not.toContain(token);
    const revokeAction = /action="(\/account\/api-tokens\/[^"]+\/intrekken)"/.exec(page)?.[1] ?? '';
    expect((await postForm(revokeAction, { _csrf: await csrfOf() }, cookie)).status).toBe(303);
    expect((await app.request(`/api/v1/plannen/${draftOfMaasgouw}`, asToken)).status).toBe(401);
  });
});

describe('publishing a plan', () => {
  it('lets a coordinator of the municipality publish a draft, which anonymous readers then see, and records it', async () => {
    const coordinatorId = await services.auth.createUser({
      name: 'Coördinator',
      email: 'oov@maasgouw.example',
      password: 'coordinator wachtwoord',
      isAdministrator: false,
    });
    await new AccountRepository(handle.db).grantRole(coordinatorId, 'GM1641', 'coordinator');
    const { token } = await services.auth.createApiToken(coordinatorId, 'publiceren');
    const publish = (planId: string, as: string) =>
      app.request(`/api/v1/plannen/${planId}/publicatie`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${as}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({ gepubliceerd: true }),
      });
    expect((await publish(draftOfElsewhere, token)).status).toBe(404);
    const response = await publish(draftOfMaasgouw, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ gepubliceerd: true });
    expect((await app.request(`/api/v1/plannen/${draftOfMaasgouw}`)).status).toBe(200);
    const history = await services.plans.history(SYSTEM, draftOfMaasgouw);
    expect(history.at(-1)).toMatchObject({
      action: 'plan.published',
      actor: { id: coordinatorId },
      before: { gepubliceerd: false },
      after: { gepubliceerd: true },
    });
    // Back to a draft, so the isolation tests below see it as one.
    await services.plans.setPublished(SYSTEM, draftOfMaasgouw, false);
  });
});

describe('tenant isolation of plans', () => {
  it('shows anonymous visitors the published plan only', async () => {
    const list = await (await app.request('/api/v1/plannen')).json();
    expect(list.plannen.map((plan: { id: string }) => plan.id)).toEqual([publishedPlanId]);
    expect((await app.request(`/api/v1/plannen/${draftOfMaasgouw}`)).status).toBe(404);
    expect((await app.request(`/plannen/${draftOfMaasgouw}`)).status).toBe(404);
  });

  it('shows a reader of Maasgouw the drafts of Maasgouw, never those of another municipality', async () => {
    // Opened directly: the login test above has used up this account's attempts on purpose.
    const { sessionToken } = await services.auth.openSession(readerId, '10.2.0.1');
    const cookie = { Cookie: `__Host-koers-sessie=${sessionToken}` };
    const list = await (await app.request('/api/v1/plannen', { headers: cookie })).json();
    expect(list.plannen.map((plan: { id: string }) => plan.id).sort()).toEqual([publishedPlanId, draftOfMaasgouw].sort());
    expect((await app.request(`/plannen/${draftOfMaasgouw}`, { headers: cookie })).status).toBe(200);
    expect((await app.request(`/plannen/${draftOfElsewhere}`, { headers: cookie })).status).toBe(404);
    expect((await app.request(`/api/v1/plannen/${draftOfElsewhere}/document`, { headers: cookie })).status).toBe(404);
  });

  it('keeps the filter in the data layer: the service refuses an out-of-scope plan for any caller', async () => {
    await expect(services.plans.getPlan(ANONYMOUS, draftOfElsewhere)).rejects.toMatchObject({ name: 'NotFoundError' });
    await expect(services.plans.exportPlan(ANONYMOUS, draftOfMaasgouw)).rejects.toMatchObject({ name: 'NotFoundError' });
  });
});

describe('sessions the browser had', () => {
  // The tests before used up the failed attempts of this (unknown) client address.
  beforeAll(() => handle.db.deleteFrom('loginAttempt').execute());

  async function csrfOn(path: string, session: string): Promise<string> {
    const page = await app.request(path, { headers: { Cookie: `__Host-koers-sessie=${session}` } });
    return /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  }

  it('ends the session the browser had when someone logs in on it', async () => {
    const before = await logIn('raad@maasgouw.example', 'raadslid wachtwoord');
    const csrf = await csrfOn('/inloggen', before);
    const response = await postForm(
      '/inloggen',
      { _csrf: csrf, email: 'raad@maasgouw.example', wachtwoord: 'raadslid wachtwoord' },
      `__Host-koers-sessie=${before}`,
    );
    expect(response.status).toBe(303);
    const after = cookiesOf(response).get('__Host-koers-sessie')!.value;
    expect(after).not.toBe(before);
    expect(await services.auth.actorForSession(before)).toBeUndefined();
    expect(await services.auth.actorForSession(after)).toMatchObject({ kind: 'user' });
  });

  it('logs out everywhere, and revokes every API token only when asked', async () => {
    const keep = await services.auth.createApiToken(readerId, 'blijft');
    const first = await logIn('raad@maasgouw.example', 'raadslid wachtwoord');
    expect(await csrfOn('/account', first)).not.toBe('');
    expect(await (await app.request('/account', { headers: { Cookie: `__Host-koers-sessie=${first}` } })).text()).toContain(
      'Trek ook al mijn API-tokens in',
    );
    await postForm('/account/overal-uitloggen', { _csrf: await csrfOn('/account', first) }, `__Host-koers-sessie=${first}`);
    expect(await services.auth.actorForSession(first)).toBeUndefined();
    expect(await services.auth.actorForApiToken(keep.token)).toMatchObject({ kind: 'user' });
    const second = await logIn('raad@maasgouw.example', 'raadslid wachtwoord');
    await postForm(
      '/account/overal-uitloggen',
      { _csrf: await csrfOn('/account', second), 'ook-tokens': 'ja' },
      `__Host-koers-sessie=${second}`,
    );
    expect(await services.auth.actorForSession(second)).toBeUndefined();
    expect(await services.auth.actorForApiToken(keep.token)).toBeUndefined();
  });

  it('answers 404, not 500, for a token id that is no UUID', async () => {
    const session = await logIn('raad@maasgouw.example', 'raadslid wachtwoord');
    const response = await postForm(
      '/account/api-tokens/geen-uuid/intrekken',
      { _csrf: await csrfOn('/account', session) },
      `__Host-koers-sessie=${session}`,
    );
    expect(response.status).toBe(404);
  });
});
