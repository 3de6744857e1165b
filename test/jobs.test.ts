/**
 * Background jobs on both engines: a job belongs to the runner that claimed
 * it, beats on its own timer, is taken over when its instance goes quiet (and
 * failed with the reason after its last attempt), can be cancelled, and keeps
 * time by the database's clock. A progress write that fails never ends the
 * job or the process.
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { type ClaimedJob, JobRepository, type JobSettings } from '../src/features/jobs/job.repository.js';
import { type JobHandler, JobRunner } from '../src/features/jobs/job-runner.js';
import type { MonitoringService } from '../src/features/monitoring/monitoring.service.js';
import { REFRESH_JOB, RefreshJobs } from '../src/features/monitoring/refresh-jobs.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import type { Repositories, UnitOfWork } from '../src/features/unit-of-work.js';
import { createLogger } from '../src/log.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const SETTINGS: JobSettings = { staleSeconds: 2, maxAttempts: 3 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(ENGINES)('background jobs on %s', (engine) => {
  let handle: DatabaseHandle;
  let jobs: JobRepository;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    jobs = new JobRepository(handle.db, SETTINGS);
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  afterEach(async () => {
    vi.useRealTimers();
    await handle.db.deleteFrom('job').execute();
  });

  const enqueue = (kind = 'test-job') => jobs.enqueue({ kind, planId: null, payload: {}, createdBy: null, createdByLabel: 'test' });

  /** Makes the job look as if its instance went quiet long ago. */
  const silence = (id: string) =>
    sql`update job set heartbeat_at = now() - interval '1 hour' where id = ${id}`.execute(handle.db).then(() => undefined);

  it('queues one job of a kind per plan, however many ask at the same moment in transactions of their own', async () => {
    const plan = (await loadExampleIfEmpty(createServices(handle).plans)) ?? (await createServices(handle).plans.listPlans(SYSTEM))[0]!;
    const ask = () =>
      handle.db.transaction().execute((trx) =>
        new JobRepository(trx, SETTINGS).enqueue({
          kind: 'test-job',
          planId: plan.id,
          payload: {},
          createdBy: null,
          createdByLabel: 'test',
        }),
      );
    const queued = await Promise.all(Array.from({ length: 10 }, ask));
    expect(new Set(queued.map((job) => job.id)).size).toBe(1);
    // Once that job has ended, the next one is queued anew.
    await handle.db
      .updateTable('job')
      .set({ status: 'done', finishedAt: new Date().toISOString() })
      .where('id', '=', queued[0]!.id)
      .execute();
    expect((await ask()).id).not.toBe(queued[0]!.id);
  });

  it('keeps a failed progress write from ending the job or the process, and logs it', async () => {
    const lines: string[] = [];
    const failing = new JobRepository(handle.db, SETTINGS);
    failing.progress = async () => {
      throw new Error('verbinding verbroken');
    };
    // The refresh job's own handler, with a refresh that reports progress and finishes.
    const monitoring = {
      refresh: async (_actor: unknown, _planId: string, onProgress: (progress: object) => void) => {
        onProgress({ step: 1, steps: 2, table: '47022NED', rows: 0, message: 'Tabel 47022NED ophalen' });
        await sleep(50);
        onProgress({ step: 2, steps: 2, table: null, rows: 0, message: 'Metingen afleiden' });
        return { tables: [], measurements: { added: 0, replaced: 0, unchanged: 0 }, failures: [] };
      },
    } as unknown as MonitoringService;
    // The handler's own bookkeeping goes through the runner's repository; the unit of work only hands out that one here.
    const only = (work: (repos: Repositories) => Promise<unknown>) => work({ jobs: failing } as unknown as Repositories);
    const refreshJobs = new RefreshJobs(monitoring, { read: only, write: only } as UnitOfWork);
    const job = await failing.enqueue({
      kind: REFRESH_JOB,
      planId: null,
      payload: { planId: 'p' },
      createdBy: null,
      createdByLabel: 'test',
    });
    const runner = new JobRunner(failing, refreshJobs.handlers(), {
      log: createLogger({ format: 'json', write: (line) => lines.push(line) }),
    });

    expect(await runner.runPending()).toBe(1);
    await sleep(50);

    expect((await jobs.find(job.id))?.status).toBe('done');
    expect(lines.map((line) => JSON.parse(line))).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'Voortgang van de taak niet opgeslagen',
        err: expect.objectContaining({ message: 'verbinding verbroken' }),
      }),
    );
  });

  it('beats on its own timer while the handler reports nothing, so no other runner takes the job over', async () => {
    const job = await enqueue();
    const beats: string[] = [];
    const quiet: JobHandler = async () => {
      for (let i = 0; i < 6; i++) {
        await sleep(500);
        beats.push((await jobs.find(job.id))?.heartbeatAt ?? '');
        expect(await new JobRepository(handle.db, SETTINGS).claimNext()).toBeUndefined();
      }
      return { klaar: true };
    };
    await new JobRunner(jobs, { 'test-job': quiet }).runPending();

    expect(new Set(beats).size).toBeGreaterThanOrEqual(4);
    expect(await jobs.find(job.id)).toMatchObject({ status: 'done', attempts: 1, result: { klaar: true } });
  }, 20_000);

  it('lets only the runner that holds the job record its progress and result', async () => {
    const job = await enqueue();
    const first = (await jobs.claimNext()) as ClaimedJob;
    await silence(job.id);
    const second = (await jobs.claimNext()) as ClaimedJob;
    expect(second).toMatchObject({ id: job.id, attempts: 2 });
    expect(second.owner).not.toBe(first.owner);
    expect(second.message).toMatch(/^Opnieuw begonnen/);

    expect(await jobs.progress(first, 9, 9, 'oude uitvoering')).toBe('lost');
    expect(await jobs.finish(second, { van: 'tweede' })).toBe(true);
    expect(await jobs.finish(first, { van: 'eerste' })).toBe(false);
    expect(await jobs.fail(first, 'eerste faalt')).toBe(false);

    expect(await jobs.find(job.id)).toMatchObject({ status: 'done', result: { van: 'tweede' }, error: null, owner: null });
  });

  it('stops a runner whose job was taken over at its next heartbeat, without touching the new result', async () => {
    const job = await enqueue();
    let stoppedBy: unknown = null;
    const handler: JobHandler = async (_job, { signal }) => {
      await silence(job.id);
      const other = (await new JobRepository(handle.db, SETTINGS).claimNext()) as ClaimedJob;
      await jobs.finish(other, { van: 'overnemer' });
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      stoppedBy = signal.reason;
      throw signal.reason;
    };
    await new JobRunner(jobs, { 'test-job': handler }).runPending();
    expect(stoppedBy).toMatchObject({ kind: 'lost' });
    expect(await jobs.find(job.id)).toMatchObject({ status: 'done', result: { van: 'overnemer' } });
  });

  it('fails a job whose instance went quiet on each of its attempts, with the reason', async () => {
    const job = await enqueue();
    for (let attempt = 1; attempt <= SETTINGS.maxAttempts; attempt++) {
      expect(await jobs.claimNext()).toMatchObject({ id: job.id, attempts: attempt });
      await silence(job.id);
    }
    expect(await jobs.claimNext()).toBeUndefined();
    const failed = await jobs.find(job.id);
    expect(failed).toMatchObject({ status: 'failed', owner: null });
    expect(failed?.error).toContain('3 keer begonnen');
    expect(failed?.finishedAt).not.toBeNull();
  });

  // PGlite runs inside the process and takes its time from the process's clock: there is one clock there by construction.
  it.skipIf(engine === 'pglite')(
    'keeps time by the database: an instance with a wrong clock neither loses its job nor finishes it in the past',
    async () => {
      const job = await enqueue();
      const claimed = (await jobs.claimNext()) as ClaimedJob;
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date('2001-01-01T00:00:00Z'));
      expect(await jobs.progress(claimed, 1, 2, 'bezig')).toBe('held');
      expect(await jobs.claimNext()).toBeUndefined();
      await jobs.finish(claimed, null);
      vi.useRealTimers();
      const { rows } = await sql<{ now: string }>`select now() as now`.execute(handle.db);
      const finished = await jobs.find(job.id);
      const databaseNow = Date.parse(rows[0]!.now);
      expect(Math.abs(Date.parse(finished!.heartbeatAt!) - databaseNow)).toBeLessThan(60_000);
      expect(Math.abs(Date.parse(finished!.finishedAt!) - databaseNow)).toBeLessThan(60_000);
    },
  );

  it('cancels a waiting job at once', async () => {
    const job = await enqueue();
    expect(await jobs.requestCancel(job.id)).toMatchObject({ status: 'cancelled', message: 'Geannuleerd' });
    expect(await jobs.claimNext()).toBeUndefined();
    expect((await jobs.requestCancel(job.id))?.status).toBe('cancelled');
  });

  it('cancels a running job at its next step: the handler stops and the job is recorded as cancelled', async () => {
    const job = await enqueue();
    let steps = 0;
    const handler: JobHandler = async (_job, { signal, progress }) => {
      for (; steps < 100; steps++) {
        signal.throwIfAborted();
        if (steps === 3)
          expect(await jobs.requestCancel(job.id)).toMatchObject({ status: 'running', cancelRequestedAt: expect.any(String) });
        progress(steps, 100, `stap ${steps}`);
        await sleep(100);
      }
      return 'nooit';
    };
    await new JobRunner(jobs, { 'test-job': handler }, { heartbeatMs: 100 }).runPending();
    expect(steps).toBeLessThan(10);
    expect(await jobs.find(job.id)).toMatchObject({ status: 'cancelled', result: null, owner: null });
  });

  it('stops a job this process runs at its very next step when the cancel is asked here, without waiting for a write', async () => {
    const job = await enqueue();
    let steps = 0;
    // A heartbeat far away and no progress reported: only the runner itself can tell the handler.
    const runner = new JobRunner(
      jobs,
      {
        'test-job': async (_job, { signal }) => {
          for (; steps < 100; steps++) {
            signal.throwIfAborted();
            if (steps === 3) {
              await jobs.requestCancel(job.id);
              runner.cancelRunning(job.id);
            }
            await sleep(1);
          }
          return 'nooit';
        },
      },
      { heartbeatMs: 60_000 },
    );
    runner.cancelRunning('00000000-0000-4000-8000-000000000000');
    await runner.runPending();
    expect(steps).toBe(4);
    expect(await jobs.find(job.id)).toMatchObject({ status: 'cancelled', result: null, owner: null });
  });

  it('finishes a cancel asked of a job whose instance went quiet', async () => {
    const job = await enqueue();
    await jobs.claimNext();
    await silence(job.id);
    expect(await jobs.requestCancel(job.id)).toMatchObject({ status: 'cancelled' });
  });

  it('hands a running job back to the queue when the runner stops, and another runner runs it', async () => {
    const job = await enqueue();
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const slow: JobHandler = async (_job, { signal }) => {
      started();
      await new Promise((resolve) => signal.addEventListener('abort', resolve));
      throw signal.reason;
    };
    const runner = new JobRunner(jobs, { 'test-job': slow });
    runner.start(50);
    await running;
    await runner.stop(5000);
    expect(await jobs.find(job.id)).toMatchObject({ status: 'queued', owner: null, attempts: 0 });
    expect((await jobs.find(job.id))?.message).toContain('werd gestopt');

    await new JobRunner(jobs, { 'test-job': async () => 'opnieuw' }).runPending();
    expect(await jobs.find(job.id)).toMatchObject({ status: 'done', result: 'opnieuw', attempts: 1 });
  });
});
