/**
 * SIGTERM in the middle of an import, on both engines: Koers stops taking
 * requests, hands the running refresh back to the queue (its staging table
 * dropped, the stored figures as they were), closes the database, logs each
 * step and exits 0; the next start runs the refresh. When the job cannot stop
 * within SHUTDOWN_TIMEOUT_SECONDS (its page does not arrive), it is handed
 * back all the same, and its staging table is dropped once stale.
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
  pgliteStorage,
  postgresStorage,
  type Storage,
  startGatedCbs,
  startKoers,
  storedState,
  waitFor,
} from './koers-process.js';

describe.each(ENGINES)('SIGTERM in the middle of an import on %s', (engine) => {
  let cbs: GatedCbs;
  let storage: Storage;
  let koers: KoersProcess | null = null;
  let planId: string;

  beforeAll(async () => {
    await buildKoers();
    cbs = await startGatedCbs();
    storage = engine === 'pglite' ? await pgliteStorage() : await postgresStorage();
    planId = await storage.withDatabase(async (handle) => {
      await migrateToLatest(handle.db);
      return (await loadExampleIfEmpty(createServices(handle).plans))!.id;
    });
  }, 120_000);

  afterAll(async () => {
    koers?.kill('SIGKILL');
    await koers?.exited;
    await storage?.close();
    await cbs?.close();
  });

  const env = { LOAD_EXAMPLE: 'false', JOB_STALE_SECONDS: '3', SHUTDOWN_TIMEOUT_SECONDS: '3' };
  const state = (jobId: string) => storage.withDatabase((handle) => storedState(handle.db, jobId));
  const enqueue = () => storage.withDatabase((handle) => enqueueRefresh(handle.db, planId));

  /** Runs Koers until the job is done, and stops it again. */
  async function runToTheEnd(jobId: string) {
    koers = await startKoers({ ...storage.env, ...cbs.env, ...env });
    await koers.waitForLog((entry) => entry.msg === 'Taak klaar' && entry.jobId === jobId, 120_000);
    koers.kill('SIGTERM');
    expect(await koers.exited).toBe(0);
    koers = null;
  }

  it('hands the running refresh back, logs each step, exits 0, and the next start runs it', async () => {
    const jobId = await enqueue();
    cbs.holdAfter(5);
    koers = await startKoers({ ...storage.env, ...cbs.env, ...env });
    await cbs.held();
    koers.kill('SIGTERM');
    // The page under way arrives; at the next one the refresh sees that Koers stops.
    setTimeout(() => cbs.release(), 300);
    expect(await koers.exited).toBe(0);
    const messages = koers.logs.map((entry) => entry.msg);
    for (const step of [
      'Koers stopt: geen nieuwe verzoeken meer; lopende verzoeken en een lopende taak krijgen tijd om af te ronden',
      'Lopende taak wordt teruggegeven aan de wachtrij',
      'Taak teruggegeven aan de wachtrij',
      'Webserver gesloten',
      'Taken gestopt',
    ]) {
      expect(messages).toContain(step);
    }
    expect(messages.at(-1)).toBe('Database gesloten; Koers is gestopt');
    koers = null;

    const handedBack = await state(jobId);
    expect(handedBack).toMatchObject({ crimeRows: 0, stagingTables: [], job: { status: 'queued', attempts: 0 } });
    expect(handedBack.job?.message).toBe('In de wachtrij gezet: de instantie die de taak uitvoerde werd gestopt');
    expect(handedBack.imports).toEqual([{ status: 'failed', error: 'Koers wordt gestopt' }]);

    await runToTheEnd(jobId);
    expect(await state(jobId)).toMatchObject({ crimeRows: MAASGOUW_CRIME_ROWS, job: { status: 'done', attempts: 1 } });
  }, 240_000);

  it('hands the job back when it cannot stop in time, and its staging table goes once stale', async () => {
    cbs.fake.reissue('47022NED', { modified: '2024-07-01T02:00:00' });
    const jobId = await enqueue();
    cbs.holdAfter(5);
    koers = await startKoers({ ...storage.env, ...cbs.env, ...env });
    await cbs.held();
    koers.kill('SIGTERM');
    expect(await koers.exited).toBe(0);
    const messages = koers.logs.map((entry) => entry.msg);
    expect(messages).toContain('De taak stopte niet op tijd; hij wordt toch teruggegeven');
    // On a PostgreSQL server the COPY into staging still waits for its page: the pool is left, the process ends all the same.
    expect(messages.at(-1)).toBe(
      engine === 'postgres'
        ? 'Database niet netjes gesloten: een verbinding was nog bezig; Koers stopt toch'
        : 'Database gesloten; Koers is gestopt',
    );
    koers = null;
    cbs.release();

    const handedBack = await state(jobId);
    expect(handedBack).toMatchObject({ crimeRows: MAASGOUW_CRIME_ROWS, job: { status: 'queued', attempts: 0 } });
    expect(handedBack.stagingTables).toHaveLength(1);

    await runToTheEnd(jobId);
    const done = await waitFor(
      () => state(jobId),
      (current) => current.stagingTables.length === 0,
      30_000,
    );
    expect(done).toMatchObject({ crimeRows: MAASGOUW_CRIME_ROWS, job: { status: 'done', attempts: 1 } });
  }, 240_000);
});
