/**
 * `kill -9` of a Koers process in the middle of an import, on both engines:
 * the stored figures stay as they were before the import, the job is taken
 * over when its heartbeat has gone stale after the restart and finishes, and
 * the staging table the killed process left is dropped. Killed in the middle
 * of the swap of a re-issued table, the database holds the old cells or the
 * new ones, never a mix.
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
  ENGINES,
  enqueueRefresh,
  type GatedCbs,
  type KoersProcess,
  MAASGOUW_CRIME_ROWS,
  NO_POSTGRES_MESSAGE,
  onlyPlanId,
  pgliteStorage,
  postgresStorage,
  type Storage,
  type StoredState,
  startGatedCbs,
  startKoers,
  storedState,
  type TestSchema,
  waitFor,
} from './koers-process.js';

const STALE_SECONDS = 3;
/** One cell of 47022NED that a re-issue changes. */
const CELL = { SoortMisdrijf: '1.1.1 ', WijkenEnBuurten: 'GM1641    ', Perioden: '2019MM01' };

describe.each(ENGINES)('kill -9 in the middle of an import on %s', (engine) => {
  let cbs: GatedCbs;
  let storage: Storage;
  let koers: KoersProcess | null = null;
  let jobId: string;

  beforeAll(async () => {
    await buildKoers();
    cbs = await startGatedCbs();
    storage = engine === 'pglite' ? await pgliteStorage() : await postgresStorage();
    // The plan, and a refresh waiting for a runner, before any Koers process starts.
    jobId = await storage.withDatabase(async (handle) => {
      await migrateToLatest(handle.db);
      const plan = await loadExampleIfEmpty(createServices(handle).plans);
      return enqueueRefresh(handle.db, plan?.id ?? (await onlyPlanId(handle.db)));
    });
  }, 120_000);

  afterAll(async () => {
    koers?.kill('SIGKILL');
    await koers?.exited;
    await storage?.close();
    await cbs?.close();
  });

  const env = () => ({ ...storage.env, ...cbs.env, LOAD_EXAMPLE: 'false', JOB_STALE_SECONDS: String(STALE_SECONDS) });
  const state = () => storage.withDatabase((handle) => storedState(handle.db, jobId));

  it('keeps the figures as before the import, and the job runs again after the restart to the figures after it', async () => {
    cbs.holdAfter(5);
    koers = await startKoers(env());
    await cbs.held();
    koers.kill('SIGKILL');
    expect(await koers.exited).toBeNull();

    const afterKill: StoredState = await state();
    expect(afterKill).toMatchObject({ crimeRows: 0, measurements: 0, job: { status: 'running', attempts: 1 } });
    expect(afterKill.stagingTables).toHaveLength(1);
    expect(afterKill.imports).toEqual([{ status: 'running', error: null }]);

    cbs.release();
    koers = await startKoers(env());
    const retried = await koers.waitForLog((entry) => entry.msg === 'Taak opnieuw begonnen', 60_000);
    expect(retried).toMatchObject({ jobId, attempt: 2 });
    await koers.waitForLog((entry) => entry.msg === 'Taak klaar' && entry.jobId === jobId, 120_000);
    if (engine === 'pglite') {
      koers.kill('SIGTERM');
      expect(await koers.exited).toBe(0);
      koers = null;
    }

    const done = await waitFor(state, (current) => current.stagingTables.length === 0, 30_000);
    expect(done).toMatchObject({ crimeRows: MAASGOUW_CRIME_ROWS, job: { status: 'done', attempts: 2, error: null } });
    expect(done.measurements).toBeGreaterThan(0);
    expect(done.imports).toEqual([
      { status: 'failed', error: expect.stringContaining('afgebroken') },
      { status: 'done', error: null },
    ]);
  }, 240_000);
});

if (!TEST_DATABASE_URL) console.warn(NO_POSTGRES_MESSAGE);

describe.skipIf(!TEST_DATABASE_URL)('kill -9 during the swap of a re-issued table on postgres', () => {
  let cbs: GatedCbs;
  let schema: TestSchema;
  let koers: KoersProcess | null = null;
  let planId: string;

  beforeAll(async () => {
    await buildKoers();
    cbs = await startGatedCbs();
    schema = await createTestSchema();
    await migrateToLatest(schema.db.db);
    planId = (await loadExampleIfEmpty(createServices(schema.db).plans))!.id;
  }, 120_000);

  afterAll(async () => {
    koers?.kill('SIGKILL');
    await koers?.exited;
    await schema?.drop();
    await cbs?.close();
  });

  const env = () => ({
    DATABASE_URL: schema.url('koers-wissel'),
    ...cbs.env,
    LOAD_EXAMPLE: 'false',
    JOB_STALE_SECONDS: String(STALE_SECONDS),
  });
  const cell = async () =>
    (
      await sql<{ value: number | null }>`
        select o.value from open_data_observation o join open_data_table t on t.id = o.table_id
        where t.table_code = '47022NED' and o.region_key = 'GM1641' and o.category_key like '1.1.1%' and o.period_key = '2019MM01'`.execute(
        schema.db.db,
      )
    ).rows[0]?.value;
  const revisions = async () =>
    (
      await sql<{ previous: number | null }>`select previous_value as previous from open_data_revision where new_value = 4343`.execute(
        schema.db.db,
      )
    ).rows;

  it('leaves the old figures or the new ones, and the retried job ends with the new ones, revised once', async () => {
    koers = await startKoers(env());
    const first = await enqueueRefresh(schema.db.db, planId);
    await waitFor(
      () => storedState(schema.db.db, first),
      (state) => state.job?.status === 'done',
    );
    const before = await cell();
    cbs.fake.reissue('47022NED', { modified: '2024-08-01T02:00:00', changes: [{ dims: CELL, value: 4343 }] });

    const jobId = await enqueueRefresh(schema.db.db, planId);
    // The swap compares staged and stored cells in one transaction: kill the process as soon as it is seen doing that.
    await waitFor(
      async () => {
        const { rows } = await sql<{ query: string }>`
          select query from pg_stat_activity where application_name = 'koers-wissel' and state = 'active'`.execute(schema.db.db);
        const job = await schema.db.db.selectFrom('job').select('status').where('id', '=', jobId).executeTakeFirst();
        if (job?.status === 'done') throw new Error('the refresh ended before its swap was seen');
        return rows.some((row) => row.query.includes('open_data_revision'));
      },
      (swapping) => swapping,
      60_000,
      5,
    );
    koers.kill('SIGKILL');
    await koers.exited;

    const afterKill = await storedState(schema.db.db, jobId);
    expect(afterKill.crimeRows).toBe(MAASGOUW_CRIME_ROWS);
    const value = await cell();
    // Old cells and no revision, or new cells with their revision: never a mix.
    expect([before, 4343]).toContain(value);
    expect(await revisions()).toEqual(value === 4343 ? [{ previous: before }] : []);

    koers = await startKoers(env());
    await waitFor(
      () => storedState(schema.db.db, jobId),
      (state) => state.job?.status === 'done' && state.stagingTables.length === 0,
    );
    expect(await cell()).toBe(4343);
    expect(await revisions()).toEqual([{ previous: before }]);
    expect((await storedState(schema.db.db, jobId)).crimeRows).toBe(MAASGOUW_CRIME_ROWS);
  }, 240_000);
});
