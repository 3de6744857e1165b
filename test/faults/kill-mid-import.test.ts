/**
 * `kill -9` of a Koers process in the middle of an import, on both engines:
 * the stored figures stay as they were before the import, the job is taken
 * over when its heartbeat has gone stale after the restart and finishes, and
 * the staging table the killed process left is dropped.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/create-db.js';
import { loadExampleIfEmpty } from '../../src/features/plans/example-plan.js';
import { createServices } from '../../src/server.js';
import {
  buildKoers,
  ENGINES,
  enqueueRefresh,
  type GatedCbs,
  type KoersProcess,
  MAASGOUW_CRIME_ROWS,
  onlyPlanId,
  pgliteStorage,
  postgresStorage,
  type Storage,
  type StoredState,
  startGatedCbs,
  startKoers,
  storedState,
  waitFor,
} from './koers-process.js';

const STALE_SECONDS = 3;

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
