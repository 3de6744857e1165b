/**
 * A coordinator cancels "Vernieuw cijfers", on both engines: a waiting
 * refresh through the API at once; a running one from its job page, after
 * which the refresh stops at its next page and leaves the stored figures as
 * they were.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { type FakeCbs, startFakeCbs } from './fake-cbs/fake-cbs-server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('cancelling a refresh on %s', (engine) => {
  let fake: FakeCbs;
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let app: ReturnType<typeof createApp>;
  let planId: string;
  let token: string;
  let cookie: string;
  /** Called before each data page is fetched, with the number of data pages asked so far. */
  let beforeDataPage: (pages: number) => Promise<void> = async () => {};
  let dataPages = 0;

  beforeAll(async () => {
    fake = await startFakeCbs({ pageSize: 10_000 });
    handle = await createTestDatabase(engine);
    const fetchImpl: typeof fetch = async (input, init) => {
      if (String(input).includes('/TypedDataSet')) await beforeDataPage(++dataPages);
      return fetch(input, init);
    };
    services = createServices(
      handle,
      undefined,
      { baseUrls: fake.baseUrls, fetchImpl, sleep: async () => {} },
      { jobs: { staleSeconds: 5, maxAttempts: 3 } },
    );
    app = createApp(services);
    planId = (await loadExampleIfEmpty(services.plans))!.id;
    const userId = await services.auth.createUser({
      name: 'Coördinator OOV',
      email: `oov-${engine}@maasgouw.example`,
      password: 'veilig wachtwoord 2026',
      isAdministrator: false,
    });
    await new AccountRepository(handle.db).grantRole(userId, 'GM1641', 'coordinator');
    token = (await services.auth.createApiToken(userId, 'test')).token;
    cookie = `__Host-koers-sessie=${(await services.auth.openSession(userId, '127.0.0.1')).sessionToken}`;
  }, 120_000);

  afterAll(async () => {
    await handle?.close();
    await fake?.close();
  });

  const api = (path: string, method = 'GET') =>
    app.request(`/api/v1/plannen/${planId}${path}`, { method, headers: { Authorization: `Bearer ${token}` } });

  const crimeRows = async () =>
    Number(
      (
        await sql<{ count: string }>`
          select count(*) as count from open_data_observation o join open_data_table t on t.id = o.table_id
          where t.table_code = '47022NED'`.execute(handle.db)
      ).rows[0]?.count ?? 0,
    );

  it('gives everyone who asks at the same moment the same refresh, never two', async () => {
    const answers = await Promise.all(Array.from({ length: 10 }, () => api('/vernieuwingen', 'POST')));
    expect(answers.map((answer) => answer.status)).toEqual(Array(10).fill(202));
    const ids = new Set(await Promise.all(answers.map(async (answer) => ((await answer.json()) as { id: string }).id)));
    expect(ids.size).toBe(1);
    const waiting = await handle.db.selectFrom('job').select('id').where('status', 'in', ['queued', 'running']).execute();
    expect(waiting).toHaveLength(1);
    expect((await api(`/vernieuwingen/${[...ids][0]}/annuleren`, 'POST')).status).toBe(200);
  });

  it('cancels a waiting refresh at once through the API', async () => {
    const started = await api('/vernieuwingen', 'POST');
    expect(started.status).toBe(202);
    const { id } = await started.json();
    const cancelled = await api(`/vernieuwingen/${id}/annuleren`, 'POST');
    expect(cancelled.status).toBe(200);
    expect(await cancelled.json()).toMatchObject({ id, status: 'cancelled', annuleringGevraagd: true, klaar: expect.any(String) });
    expect(await services.jobRunner.runPending()).toBe(0);
    expect(dataPages).toBe(0);
  });

  it('stops a running refresh at its next page when the coordinator cancels it on the job page, and keeps the figures as they were', async () => {
    const started = await api('/vernieuwingen', 'POST');
    const { id } = await started.json();
    const jobPage = `/plannen/${planId}/monitor/taken/${id}`;
    beforeDataPage = async (pages) => {
      if (pages !== 3) return;
      const html = await (await app.request(jobPage, { headers: { Cookie: cookie } })).text();
      const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
      const form = new URLSearchParams({ _csrf: csrf });
      const answer = await app.request(`${jobPage}/annuleren`, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(answer.status).toBe(303);
      expect(answer.headers.get('Location')).toBe(jobPage);
    };

    expect(await services.jobRunner.runPending()).toBe(1);

    // The cancel reaches the refresh in this process at once: the page under way is the last.
    expect(dataPages).toBe(3);
    const job = await (await api(`/vernieuwingen/${id}`)).json();
    expect(job).toMatchObject({ status: 'cancelled', annuleringGevraagd: true, uitkomst: null });
    expect(await crimeRows()).toBe(0);
    const staging = await sql`select 1 from pg_tables where schemaname = current_schema() and tablename like 'open_data_staging_%'`.execute(
      handle.db,
    );
    expect(staging.rows).toEqual([]);
    const imports = await handle.db.selectFrom('openDataImport').select(['status', 'error']).execute();
    expect(imports).toEqual([{ status: 'failed', error: 'Geannuleerd' }]);
    expect(await handle.db.selectFrom('measurement').selectAll().execute()).toEqual([]);
    const page = await (await app.request(jobPage, { headers: { Cookie: cookie } })).text();
    expect(page).toContain('Status: geannuleerd.');
    expect(page).toContain('Het vernieuwen is geannuleerd.');
  }, 120_000);
});
