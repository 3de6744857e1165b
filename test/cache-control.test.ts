/**
 * Which answers a cache may keep: only what anyone may see. Every answer to a
 * logged-in caller, or to a request with a session cookie or an API token, the
 * account and management pages, the page that shows a new API token, a plan's
 * history, drafts and error pages are `Cache-Control: no-store`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

let handle: DatabaseHandle;
let app: ReturnType<typeof createApp>;
let published: string;
let draft: string;
let coordinator: { session: string; token: string };
let beheerder: string;

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  const services = createServices(handle);
  app = createApp(services);
  published = (await loadExampleIfEmpty(services.plans))!.id;
  const example = (await readExampleDocument()) as any;
  draft = (await services.plans.importPlan(SYSTEM, { ...example, plan: { ...example.plan, titel: 'Concept Maasgouw' } })).id;
  const accounts = new AccountRepository(handle.db);
  const user = async (email: string, role: 'coordinator' | 'beheerder') => {
    const id = await services.auth.createUser({ name: role, email, password: 'een lang wachtwoord', isAdministrator: false });
    await accounts.grantRole(id, 'GM1641', role);
    return id;
  };
  const coordinatorId = await user('oov@maasgouw.example', 'coordinator');
  coordinator = {
    session: (await services.auth.openSession(coordinatorId, '127.0.0.1')).sessionToken,
    token: (await services.auth.createApiToken(coordinatorId, 'cache')).token,
  };
  beheerder = (await services.auth.openSession(await user('beheer@maasgouw.example', 'beheerder'), '127.0.0.1')).sessionToken;
}, 60_000);
afterAll(() => handle.close());

const withSession = (session: string) => ({ headers: { Cookie: `__Host-koers-sessie=${session}` } });
const withToken = (token: string) => ({ headers: { Authorization: `Bearer ${token}` } });

async function cacheOf(
  path: string,
  init: RequestInit = {},
): Promise<{ status: number; cacheControl: string | null; vary: string | null }> {
  const response = await app.request(path, init);
  return { status: response.status, cacheControl: response.headers.get('Cache-Control'), vary: response.headers.get('Vary') };
}

describe('caching of answers', () => {
  it('lets a cache keep the public pages and API of a published plan for anonymous visitors, apart from logged-in callers', async () => {
    for (const path of [
      '/',
      `/plannen/${published}`,
      `/plannen/${published}/uitvoeringsplan`,
      '/api/v1/plannen',
      `/api/v1/plannen/${published}`,
    ]) {
      const answer = await cacheOf(path);
      expect(answer.status, path).toBe(200);
      // The pages of the plan are kept by Koers itself and ask a cache to check their ETag before every use (page-cache.ts).
      expect(answer.cacheControl, path).toBe(path.startsWith('/plannen/') ? 'public, no-cache' : null);
      expect(answer.vary, path).toContain('Cookie');
      expect(answer.vary, path).toContain('Authorization');
    }
  });

  it('forbids storing the login page, drafts and error pages, even for anonymous visitors', async () => {
    for (const path of [
      '/inloggen',
      `/plannen/${draft}`,
      `/api/v1/plannen/${draft}`,
      '/bestaat-niet',
      '/wachtwoord-instellen/onbekende-link',
      `/plannen/${published}/geschiedenis`,
    ]) {
      expect((await cacheOf(path)).cacheControl, path).toBe('no-store');
    }
  });

  it('forbids storing any answer to a logged-in caller: pages, account, beheer, history, drafts and errors', async () => {
    const session = withSession(coordinator.session);
    for (const path of [
      '/',
      `/plannen/${published}`,
      `/plannen/${draft}`,
      `/plannen/${draft}/geschiedenis`,
      '/account',
      '/plannen/00000000-0000-4000-8000-000000000000',
      `/api/v1/plannen/${draft}`,
    ]) {
      expect((await cacheOf(path, session)).cacheControl, path).toBe('no-store');
    }
    expect((await cacheOf('/beheer/gebruikers', withSession(beheerder))).cacheControl).toBe('no-store');
    // A cookie of a session that no longer exists is no reason to cache either.
    expect((await cacheOf(`/plannen/${published}`, withSession('verlopen'))).cacheControl).toBe('no-store');
  });

  it('forbids storing the page that shows a new API token', async () => {
    const session = withSession(coordinator.session);
    const account = await (await app.request('/account', session)).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(account)?.[1] ?? '';
    const response = await app.request('/account/api-tokens', {
      method: 'POST',
      headers: { ...session.headers, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, naam: 'script' }).toString(),
    });
    expect(response.status).toBe(201);
    expect(await response.text()).toContain('koers_');
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('forbids storing API answers to a caller with a token or a session cookie', async () => {
    for (const init of [withToken(coordinator.token), withSession(coordinator.session)]) {
      expect((await cacheOf('/api/v1/plannen', init)).cacheControl).toBe('no-store');
      expect((await cacheOf(`/api/v1/plannen/${published}`, init)).cacheControl).toBe('no-store');
    }
  });

  it('keeps the long caching of the assets, which are the same for everyone', async () => {
    const page = await (await app.request('/', withSession(coordinator.session))).text();
    const stylesheet = /href="(\/assets\/[^"]+)"/.exec(page)?.[1] ?? '';
    expect((await cacheOf(stylesheet, withSession(coordinator.session))).cacheControl).toContain('max-age');
  });
});
