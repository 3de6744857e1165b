/**
 * The PostgreSQL server drops every connection of a Koers process in the
 * middle of a refresh (pg_terminate_backend, as a restart of the server or a
 * failover does): the process stays up and ready, the table being pulled
 * keeps the figures it had, the job ends with the table and the reason, and
 * the next refresh fetches it.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/create-db.js';
import { loadExampleIfEmpty } from '../../src/features/plans/example-plan.js';
import { createServices } from '../../src/server.js';
import { TEST_DATABASE_URL } from '../test-database.js';
import {
  buildKoers,
  createTestSchema,
  enqueueRefresh,
  type GatedCbs,
  type KoersProcess,
  MAASGOUW_CRIME_ROWS,
  NO_POSTGRES_MESSAGE,
  startGatedCbs,
  startKoers,
  storedState,
  type TestSchema,
  waitFor,
} from './koers-process.js';

if (!TEST_DATABASE_URL) console.warn(NO_POSTGRES_MESSAGE);

describe.skipIf(!TEST_DATABASE_URL)('the PostgreSQL server dropping the connections in the middle of a refresh', () => {
  let cbs: GatedCbs;
  let schema: TestSchema;
  let koers: KoersProcess;
  let planId: string;

  beforeAll(async () => {
    await buildKoers();
    cbs = await startGatedCbs();
    schema = await createTestSchema();
    await migrateToLatest(schema.db.db);
    planId = (await loadExampleIfEmpty(createServices(schema.db).plans))!.id;
    koers = await startKoers({ DATABASE_URL: schema.url('koers-verbroken'), ...cbs.env, LOAD_EXAMPLE: 'false', JOB_STALE_SECONDS: '3' });
  }, 180_000);

  afterAll(async () => {
    koers?.kill('SIGKILL');
    await koers?.exited;
    await schema?.drop();
    await cbs?.close();
  });

  const terminateConnections = async () => {
    const { rows } = await sql<{ terminated: boolean }>`
      select pg_terminate_backend(pid) as terminated from pg_stat_activity where application_name = 'koers-verbroken'`.execute(
      schema.db.db,
    );
    return rows.length;
  };

  it('keeps the process up and the figures as they were, and the job says which table failed and why', async () => {
    cbs.holdAfter(5);
    const jobId = await enqueueRefresh(schema.db.db, planId);
    await cbs.held();
    expect(await terminateConnections()).toBeGreaterThan(0);
    cbs.release();

    const ended = await waitFor(
      () => storedState(schema.db.db, jobId),
      // The staging table goes when the failure is recorded, or, when that failed too, once the import's heartbeat is stale.
      (state) => (state.job?.status === 'done' || state.job?.status === 'failed') && state.stagingTables.length === 0,
    );
    expect(ended).toMatchObject({ crimeRows: 0, stagingTables: [] });
    expect(ended.imports).toEqual([{ status: 'failed', error: expect.stringMatching(/terminating connection|afgebroken/) }]);
    expect(ended.job).toMatchObject({
      status: 'done',
      result: { fouten: [{ tabel: '47022NED', melding: 'terminating connection due to administrator command' }] },
    });

    expect(koers.logs).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'Tabel niet opgehaald',
        jobId,
        table: '47022NED',
        reason: 'terminating connection due to administrator command',
      }),
    );
    expect(koers.child.exitCode).toBeNull();
    expect((await fetch(`${koers.url}/gezondheid`)).status).toBe(200);
    expect((await fetch(`${koers.url}/gezondheid/gereed`)).status).toBe(200);
    expect(koers.logs.filter((entry) => entry.level === 'error' && entry.msg.startsWith('Onverwachte fout'))).toEqual([]);
  }, 180_000);

  it('fetches the table at the next refresh', async () => {
    const jobId = await enqueueRefresh(schema.db.db, planId);
    const done = await waitFor(
      () => storedState(schema.db.db, jobId),
      (state) => state.job?.status === 'done',
    );
    expect(done).toMatchObject({ crimeRows: MAASGOUW_CRIME_ROWS, stagingTables: [], job: { result: { fouten: [] } } });
  }, 180_000);
});
