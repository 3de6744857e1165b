/**
 * What an operator relies on, over HTTP: one log line per request with its
 * id (sent back in X-Request-Id), unexpected errors logged with their cause,
 * no secret in any line; and the health checks a process manager or load
 * balancer asks, on both engines.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import { createDatabase, type DatabaseHandle } from '../src/db/create-db.js';
import { createLogger } from '../src/log.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

function appWithLog(handle: DatabaseHandle, options: { trustProxy?: boolean; isStopping?: () => boolean } = {}) {
  const lines: string[] = [];
  const app = createApp(createServices(handle), { log: createLogger({ format: 'json', write: (line) => lines.push(line) }), ...options });
  return { app, lines, entries: () => lines.map((line) => JSON.parse(line)) };
}

describe('the request log', () => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  it('writes one line per request with its id, method, path, status and duration, and sends the id back', async () => {
    const { app, entries } = appWithLog(handle);
    const response = await app.request('/api/v1/plannen?zoek=iets');
    expect(response.status).toBe(200);
    const requestId = response.headers.get('X-Request-Id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(entries()).toEqual([
      {
        time: expect.any(String),
        level: 'info',
        msg: 'Verzoek',
        requestId,
        method: 'GET',
        path: '/api/v1/plannen',
        status: 200,
        durationMs: expect.any(Number),
      },
    ]);
  });

  it('takes an incoming request id only behind a proxy of our own', async () => {
    const direct = appWithLog(handle);
    const fromAnyone = await direct.app.request('/gezondheid', { headers: { 'X-Request-Id': 'van-buiten-1' } });
    expect(fromAnyone.headers.get('X-Request-Id')).not.toBe('van-buiten-1');
    const proxied = appWithLog(handle, { trustProxy: true });
    const fromProxy = await proxied.app.request('/gezondheid', { headers: { 'X-Request-Id': 'van-proxy-1' } });
    expect(fromProxy.headers.get('X-Request-Id')).toBe('van-proxy-1');
    expect(proxied.entries()[0]).toMatchObject({ requestId: 'van-proxy-1' });
  });

  it('never logs a password, token, cookie, query or a secret in the path', async () => {
    const { app, lines } = appWithLog(handle);
    await app.request('/inloggen', {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: '__Host-koers-csrf=csrf-geheim' },
      body: 'email=a%40example.org&wachtwoord=mijn-geheime-wachtwoord&_csrf=csrf-geheim',
    });
    await app.request('/api/v1/plannen', { headers: { Authorization: 'Bearer koers_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' } });
    await app.request('/inloggen/oidc/terug?code=autorisatiecode&state=toestand');
    await app.request('/wachtwoord-instellen/Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6');
    const all = lines.join('\n');
    for (const secret of ['mijn-geheime-wachtwoord', 'csrf-geheim', 'koers_AAAA', 'autorisatiecode', 'toestand', 'Zm9vYmFy']) {
      expect(all).not.toContain(secret);
    }
    expect(all).toContain('"path":"/wachtwoord-instellen/[verborgen]"');
    expect(lines).toHaveLength(4);
  });

  it('logs an unexpected error with the request id and its cause, and answers a generic 500', async () => {
    const { app, entries } = appWithLog(handle);
    app.get('/kapot', () => {
      throw new Error('Lezen mislukt', { cause: new Error('verbinding verbroken') });
    });
    const response = await app.request('/kapot');
    expect(response.status).toBe(500);
    expect(await response.text()).not.toContain('verbinding verbroken');
    const [error, request] = entries();
    expect(error).toMatchObject({
      level: 'error',
      msg: 'Onverwachte fout',
      requestId: response.headers.get('X-Request-Id'),
      path: '/kapot',
      err: { message: 'Lezen mislukt', cause: { message: 'verbinding verbroken' } },
    });
    expect(request).toMatchObject({ level: 'error', msg: 'Verzoek', status: 500 });
  });
});

describe.each(ENGINES)('the health checks on %s', (engine) => {
  let handle: DatabaseHandle;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  it('answers that the process lives and the database is ready, without login and never cached', async () => {
    const { app } = appWithLog(handle);
    const live = await app.request('/gezondheid');
    expect(live.status).toBe(200);
    expect(live.headers.get('Cache-Control')).toBe('no-store');
    expect(await live.json()).toEqual({ status: 'ok' });
    const ready = await app.request('/gezondheid/gereed');
    expect(ready.status).toBe(200);
    expect(ready.headers.get('Cache-Control')).toBe('no-store');
    expect(await ready.json()).toEqual({ status: 'gereed' });
  });

  it('is not ready while the instance stops', async () => {
    const { app } = appWithLog(handle, { isStopping: () => true });
    const ready = await app.request('/gezondheid/gereed');
    expect(ready.status).toBe(503);
    expect(await ready.json()).toEqual({ status: 'niet gereed', reden: 'Koers wordt gestopt' });
    expect((await app.request('/gezondheid')).status).toBe(200);
  });

  it('is not ready when a migration is missing, or the database has one this version does not know', async () => {
    const { app } = appWithLog(handle);
    await sql`update kysely_migration set name = '9999-van-later' where name = '0006-reliable-jobs'`.execute(handle.db);
    try {
      const answer = await app.request('/gezondheid/gereed');
      expect(answer.status).toBe(503);
      const body = await answer.json();
      expect(body.reden).toBe('migraties nog niet uitgevoerd: 0006-reliable-jobs');
      await sql`insert into kysely_migration (name, timestamp) values ('0006-reliable-jobs', now()::text)`.execute(handle.db);
      const newer = await (await app.request('/gezondheid/gereed')).json();
      expect(newer.reden).toBe('de database heeft migraties die deze versie van Koers niet kent: 9999-van-later');
    } finally {
      await sql`delete from kysely_migration where name = '9999-van-later'`.execute(handle.db);
      await sql`insert into kysely_migration (name, timestamp) select '0006-reliable-jobs', now()::text
        where not exists (select 1 from kysely_migration where name = '0006-reliable-jobs')`.execute(handle.db);
    }
    expect((await app.request('/gezondheid/gereed')).status).toBe(200);
  });
});

describe('the health checks without a database', () => {
  it('are not ready on a database that was never migrated, or that is gone, while the process still lives', async () => {
    const empty = await createDatabase({ engine: 'pglite', dataDir: null });
    const { app } = appWithLog(empty);
    const fresh = await app.request('/gezondheid/gereed');
    expect(fresh.status).toBe(503);
    expect((await fresh.json()).reden).toBe('de database is nog niet gemigreerd');
    await empty.close();
    const gone = await app.request('/gezondheid/gereed');
    expect(gone.status).toBe(503);
    expect((await gone.json()).reden).toBe('de database is niet bereikbaar');
    expect((await app.request('/gezondheid')).status).toBe(200);
  }, 60_000);
});
