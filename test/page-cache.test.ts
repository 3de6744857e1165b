/**
 * Fast reads of plan pages, on every engine of this run: every page carries an
 * ETag and answers 304 to it; pages of published plans are kept in memory for
 * anonymous readers only, within their bound; and a change of the plan (here
 * made by another instance), a new measurement or the end of publication is
 * seen at the next request, never an old page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { PlanPageCache } from '../src/features/plans/page-cache.js';
import { toContent } from '../src/features/plans/plan-document.mapper.js';
import { findElementDocument } from '../src/features/plans/plan-element-documents.js';
import { createServices } from '../src/server.js';
import { REVISED, revisedExample } from './revised-example.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('answers of plan pages from memory, on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  /** Another instance on the same database: its own caches, its own changes. */
  let other: ReturnType<typeof createServices>;
  let cache: PlanPageCache;
  let app: ReturnType<typeof createApp>;
  let planId: string;
  let session: string;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    other = createServices(handle);
    cache = new PlanPageCache(services.plans, { entries: 4, bytes: 8 * 1024 * 1024 }, services.databaseWriteCount);
    app = createApp(services, { planPageCache: cache });
    planId = await revisedExample(services, { published: true });
    const userId = await services.auth.createUser({
      name: 'Coördinator',
      email: 'oov@maasgouw.example',
      password: 'een lang wachtwoord',
      isAdministrator: false,
    });
    await new AccountRepository(handle.db).grantRole(userId, 'GM1641', 'coordinator');
    session = (await services.auth.openSession(userId, '127.0.0.1')).sessionToken;
  }, 120_000);
  afterAll(() => handle.close());

  const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });
  const loggedIn = () => ({ Cookie: `__Host-koers-sessie=${session}` });

  it('keeps the page of a published plan for an anonymous reader, with its ETag, a public Cache-Control and 304', async () => {
    const before = cache.size.entries;
    const first = await get(`/plannen/${planId}/partners`);
    expect(first.status).toBe(200);
    const etag = first.headers.get('ETag') ?? '';
    expect(etag).toMatch(/^"\d+-[\w-]+"$/);
    expect(first.headers.get('Cache-Control')).toBe('public, no-cache');
    expect(first.headers.get('Vary')).toBe('Cookie, Authorization');
    expect(cache.size.entries).toBe(before + 1);
    const again = await get(`/plannen/${planId}/partners`);
    expect(again.headers.get('ETag')).toBe(etag);
    expect(await again.text()).toBe(await first.text());
    const unchanged = await get(`/plannen/${planId}/partners`, { 'If-None-Match': etag });
    expect(unchanged.status).toBe(304);
    expect(await unchanged.text()).toBe('');
    expect(unchanged.headers.get('ETag')).toBe(etag);
    expect(unchanged.headers.get('Cache-Control')).toBe('public, no-cache');
    // Another page or another query is another page.
    const other = await get(`/plannen/${planId}/partners?peildatum=2020-05-31`);
    expect(other.headers.get('ETag')).not.toBe(etag);
  });

  it('never answers a logged-in reader from memory: an ETag of its own, no-store, and 304 only to that ETag', async () => {
    const anonymous = (await get(`/plannen/${planId}/partners`)).headers.get('ETag') ?? '';
    const before = cache.size.entries;
    const response = await get(`/plannen/${planId}/partners`, loggedIn());
    expect(response.status).toBe(200);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
    const own = response.headers.get('ETag') ?? '';
    expect(own).not.toBe(anonymous);
    expect(own.split('-')[0]).toBe(anonymous.split('-')[0]);
    expect((await get(`/plannen/${planId}/partners`, { ...loggedIn(), 'If-None-Match': anonymous })).status).toBe(200);
    const unchanged = await get(`/plannen/${planId}/partners`, { ...loggedIn(), 'If-None-Match': own });
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('Cache-Control')).toBe('no-store');
    // A cookie of a session that does not exist is no anonymous reader either.
    await get(`/plannen/${planId}/indicatoren`, { Cookie: '__Host-koers-sessie=verlopen' });
    expect(cache.size.entries).toBe(before);
  });

  it('shows a change of the plan made by another instance at the next request', async () => {
    const path = `/plannen/${planId}/uitvoeringsplan`;
    const before = await get(path);
    const etag = before.headers.get('ETag') ?? '';
    expect(await before.text()).not.toContain('elk kwartaal');
    const version = (await other.plans.getWorkingCopy(SYSTEM, planId)).version;
    await other.planLifecycle.applyRevision(SYSTEM, planId, version);
    const after = await get(path, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect(after.headers.get('ETag')).toMatch(new RegExp(`^"${version + 1}-`));
    expect(await after.text()).toContain('elk kwartaal');
  });

  it('shows a new measurement at the next request, though the plan itself did not change', async () => {
    const plan = await services.plans.getPlan(SYSTEM, planId);
    const theme = plan.themes.find((candidate) => candidate.indicators.some((indicator) => indicator.key === 'woninginbraken'))!;
    const path = `/plannen/${planId}/themas/${theme.id}`;
    const before = await get(path);
    const etag = before.headers.get('ETag') ?? '';
    const html = await before.text();
    await other.monitoring.recordMeasurement(SYSTEM, planId, 'woninginbraken', {
      period: { kind: 'year', year: 2020, number: 0 },
      value: 1,
      suppressed: false,
      numerator: null,
      denominator: null,
      note: null,
    });
    const after = await get(path, { 'If-None-Match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('ETag')).not.toBe(etag);
    expect(await after.text()).not.toBe(html);
  });

  it('stops answering an anonymous reader at once when the plan is no longer published, and keeps nothing of it', async () => {
    const path = `/plannen/${planId}/dekking`;
    const etag = (await get(path)).headers.get('ETag') ?? '';
    await other.plans.setPublished(SYSTEM, planId, false);
    try {
      const gone = await get(path, { 'If-None-Match': etag });
      expect(gone.status).toBe(404);
      expect(gone.headers.get('Cache-Control')).toBe('no-store');
      const before = cache.size.entries;
      const own = await get(path, loggedIn());
      expect(own.status).toBe(200);
      expect(own.headers.get('Cache-Control')).toBe('no-store');
      expect(cache.size.entries).toBe(before);
    } finally {
      await other.plans.setPublished(SYSTEM, planId, true);
    }
  });

  it('keeps no more pages than its bound, the least recently used going first', async () => {
    for (const path of [
      '',
      '/dekking',
      '/partners',
      '/indicatoren',
      '/uitvoeringsplan',
      `/wijzigingen/indicatoren/${REVISED.endedIndicator}`,
    ])
      expect((await get(`/plannen/${planId}${path}`)).status).toBe(200);
    expect(cache.size.entries).toBe(4);
    expect(cache.size.bytes).toBeGreaterThan(0);
  });

  it('shows a logged-in reader every change of a concept in the implementation plan at once, filtered or not', async () => {
    const conceptId = await services.planLifecycle.startPlan(SYSTEM, {
      municipalityCode: 'GM1641',
      title: 'Integraal Veiligheidsplan 2023-2026',
      summary: 'Het vervolg.',
      periodStart: 2023,
      periodEnd: 2026,
      start: { kind: 'copy', planId },
    });
    const all = `/plannen/${conceptId}/uitvoeringsplan`;
    const filtered = `${all}?partner=mer`;
    const page = async (path: string) => {
      const response = await get(path, loggedIn());
      expect(response.status, path).toBe(200);
      return response.text();
    };
    expect(await page(all)).toContain('Buurtbemiddeling');
    expect(await page(filtered)).toContain('Buurtbemiddeling');
    const concept = toContent(await services.plans.getWorkingCopy(SYSTEM, conceptId));
    const document = findElementDocument(concept, 'activity', 'buurtbemiddeling');
    const { version } = await other.plans.getWorkingCopy(SYSTEM, conceptId);
    await other.planEditing.updateElement(
      SYSTEM,
      conceptId,
      'activity',
      'buurtbemiddeling',
      { ...document!, naam: 'Bemiddeling tussen buren', omschrijving: 'Vrijwilligers bemiddelen bij ruzie tussen buren.' },
      {
        expected: version,
        match: 'exact',
      },
    );
    for (const path of [all, filtered]) {
      const html = await page(path);
      expect(html, path).toContain('Bemiddeling tussen buren');
      expect(html, path).toContain('Vrijwilligers bemiddelen bij ruzie tussen buren.');
      expect(html, path).not.toContain('Buurtbemiddeling gaat door');
    }
    // The adopted plan, read before and after, still shows its own table.
    expect(await page(`/plannen/${planId}/uitvoeringsplan`)).toContain('Buurtbemiddeling gaat door');
  });

  it("on the embedded database asks the plan's stamp again only once something was written; on a server every time", async () => {
    let asked = 0;
    const counting = {
      publicStamp: (id: string) => {
        asked++;
        return services.plans.publicStamp(id);
      },
    };
    const own = new PlanPageCache(counting, undefined, services.databaseWriteCount);
    const ownApp = createApp(services, { planPageCache: own });
    const path = `/plannen/${planId}/partners`;
    const first = await ownApp.request(path);
    expect(first.status).toBe(200);
    const html = await first.text();
    const afterFirst = asked;
    for (let index = 0; index < 5; index++) expect(await (await ownApp.request(path)).text()).toBe(html);
    expect(asked - afterFirst).toBe(engine === 'pglite' ? 0 : 5);
    await other.plans.setPublished(SYSTEM, planId, false);
    try {
      expect((await ownApp.request(path)).status).toBe(404);
    } finally {
      await other.plans.setPublished(SYSTEM, planId, true);
    }
    const again = await ownApp.request(path);
    expect(again.status).toBe(200);
    expect(await again.text()).toBe(html);
  });
});
