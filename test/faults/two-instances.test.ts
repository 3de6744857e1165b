/**
 * Two Koers processes on one PostgreSQL database: a refresh runs in exactly
 * one of them; a third instance starting meanwhile leaves the running
 * import's staging table alone; when the instance running a refresh is
 * killed, the other takes the job over once its heartbeat is stale and
 * finishes it, and the figures are as before the import until then and as
 * after it at the end, never in between.
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

const STALE_SECONDS = 3;
/** One cell of 47022NED that a re-issue changes. */
const CELL = { SoortMisdrijf: '1.1.1 ', WijkenEnBuurten: 'GM1641    ', Perioden: '2019MM01' };

if (!TEST_DATABASE_URL) console.warn(NO_POSTGRES_MESSAGE);

describe.skipIf(!TEST_DATABASE_URL)('two Koers processes on one PostgreSQL database', () => {
  let cbs: GatedCbs;
  let schema: TestSchema;
  let planId: string;
  const instances: Record<string, KoersProcess> = {};

  beforeAll(async () => {
    await buildKoers();
    cbs = await startGatedCbs();
    schema = await createTestSchema();
    await migrateToLatest(schema.db.db);
    planId = (await loadExampleIfEmpty(createServices(schema.db).plans))!.id;
    for (const name of ['a', 'b']) instances[name] = await startKoers(env(name));
  }, 180_000);

  afterAll(async () => {
    for (const instance of Object.values(instances)) instance.kill('SIGKILL');
    await Promise.all(Object.values(instances).map((instance) => instance.exited));
    await schema?.drop();
    await cbs?.close();
  });

  function env(name: string) {
    return { DATABASE_URL: schema.url(`koers-${name}`), ...cbs.env, LOAD_EXAMPLE: 'false', JOB_STALE_SECONDS: String(STALE_SECONDS) };
  }

  /** The instances that logged starting the job. */
  const startedBy = (jobId: string, message: string) =>
    Object.entries(instances)
      .filter(([, instance]) => instance.logs.some((entry) => entry.msg === message && entry.jobId === jobId))
      .map(([name]) => name);

  const crimeCell = async () => {
    const { rows } = await sql<{ value: number | null }>`
      select o.value from open_data_observation o join open_data_table t on t.id = o.table_id
      where t.table_code = '47022NED' and o.region_key = 'GM1641' and o.category_key like '1.1.1%' and o.period_key = '2019MM01'`.execute(
      schema.db.db,
    );
    return rows[0]?.value;
  };

  it('runs a refresh in one instance only, and a third instance starting meanwhile keeps its staging table', async () => {
    cbs.holdAfter(5);
    const jobId = await enqueueRefresh(schema.db.db, planId);
    await cbs.held();
    await waitFor(
      async () => startedBy(jobId, 'Taak begonnen'),
      (names) => names.length > 0,
      10_000,
    );
    const staged = (await storedState(schema.db.db, jobId)).stagingTables;
    expect(staged).toHaveLength(1);

    instances.c = await startKoers(env('c'));
    await instances.c.waitForLog((entry) => entry.msg.startsWith('Importtabellen nagekeken'));
    // Longer than a job may go without a heartbeat, while no page arrives: the heartbeats keep job and import alive.
    await new Promise((resolve) => setTimeout(resolve, (STALE_SECONDS + 2) * 1000));
    expect((await storedState(schema.db.db, jobId)).stagingTables).toEqual(staged);
    instances.c.kill('SIGTERM');
    expect(await instances.c.exited).toBe(0);
    delete instances.c;

    cbs.release();
    const done = await waitFor(
      () => storedState(schema.db.db, jobId),
      (state) => state.job?.status === 'done',
    );
    expect(done).toMatchObject({ crimeRows: MAASGOUW_CRIME_ROWS, stagingTables: [], job: { attempts: 1, error: null } });
    expect(startedBy(jobId, 'Taak begonnen')).toHaveLength(1);
    expect(startedBy(jobId, 'Taak opnieuw begonnen')).toEqual([]);
  }, 180_000);

  it('lets the other instance take over a refresh whose instance was killed, from the figures before it to the figures after it', async () => {
    const before = await crimeCell();
    cbs.fake.reissue('47022NED', { modified: '2024-06-01T02:00:00', changes: [{ dims: CELL, value: 4242 }] });
    cbs.holdAfter(5);
    const jobId = await enqueueRefresh(schema.db.db, planId);
    await cbs.held();
    const [runner] = await waitFor(
      async () => startedBy(jobId, 'Taak begonnen'),
      (names) => names.length === 1,
      10_000,
    );
    const other = runner === 'a' ? 'b' : 'a';
    instances[runner!]!.kill('SIGKILL');
    await instances[runner!]!.exited;
    delete instances[runner!];

    expect(await storedState(schema.db.db, jobId)).toMatchObject({ crimeRows: MAASGOUW_CRIME_ROWS, job: { status: 'running' } });
    expect(await crimeCell()).toBe(before);

    cbs.release();
    const retried = await instances[other]!.waitForLog((entry) => entry.msg === 'Taak opnieuw begonnen' && entry.jobId === jobId, 30_000);
    expect(retried).toMatchObject({ attempt: 2 });
    const done = await waitFor(
      () => storedState(schema.db.db, jobId),
      (state) => state.job?.status === 'done' && state.stagingTables.length === 0,
    );
    expect(done).toMatchObject({ crimeRows: MAASGOUW_CRIME_ROWS, job: { attempts: 2, error: null } });
    expect(done.job?.message).toBe('Klaar');
    expect(await crimeCell()).toBe(4242);
    expect(done.imports.map((entry) => entry.status)).toEqual(['done', 'failed', 'done']);
    const revisions = await sql<{ previous: number | null }>`
      select previous_value as previous from open_data_revision where new_value = 4242`.execute(schema.db.db);
    expect(revisions.rows).toEqual([{ previous: before }]);
  }, 180_000);
});
