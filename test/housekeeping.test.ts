/**
 * What the runner cleans up, on both engines: ended sessions, login attempts
 * past their retention, jobs finished long ago, and staging tables of imports
 * whose process stopped, while a running import's staging table, live
 * sessions, recent attempts and jobs stay.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { cleanUp, RETENTION } from '../src/features/jobs/housekeeping.js';
import { JobRepository } from '../src/features/jobs/job.repository.js';
import { type ImportScope, OpenDataRepository } from '../src/features/monitoring/open-data.repository.js';
import { silentLogger } from '../src/log.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const STALE_SECONDS = 60;

describe.each(ENGINES)('clean-up on %s', (engine) => {
  let handle: DatabaseHandle;
  let openData: OpenDataRepository;
  let jobs: JobRepository;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    openData = new OpenDataRepository(handle, STALE_SECONDS);
    jobs = new JobRepository(handle.db, { staleSeconds: STALE_SECONDS, maxAttempts: 3 });
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
  });

  const stagingTables = async () =>
    (
      await sql<{ name: string }>`
        select tablename as name from pg_tables where schemaname = current_schema() and tablename like 'open_data_staging_%'`.execute(
        handle.db,
      )
    ).rows.map((row) => row.name);

  it("drops the staging table of an import whose process stopped, and keeps a running import's, records the stopped one as failed", async () => {
    const tableId = await openData.registerTable('dataderden', '47022NED', 'Misdrijven');
    const scope: ImportScope = { kind: 'municipalities', codes: ['GM1641'], categories: null };
    const running = await openData.startImport(tableId, scope, 'dataderden/47022NED GM1641', '2024-01-01T00:00:00', 'instantie A');
    const stopped = await openData.startImport(tableId, scope, 'dataderden/47022NED GM1641', '2024-01-01T00:00:00', 'instantie B');
    await openData.createStaging(running, tableId);
    await openData.createStaging(stopped, tableId);
    await sql`update open_data_import set heartbeat_at = now() - interval '1 hour' where id = ${stopped}`.execute(handle.db);

    const dropped = await openData.dropAbandonedStaging();

    expect(dropped).toEqual([`open_data_staging_${stopped.replaceAll('-', '')}`]);
    expect(await stagingTables()).toEqual([`open_data_staging_${running.replaceAll('-', '')}`]);
    const imports = await handle.db.selectFrom('openDataImport').select(['id', 'status', 'error']).execute();
    expect(imports.find((row) => row.id === stopped)).toMatchObject({ status: 'failed', error: expect.stringContaining('afgebroken') });
    expect(imports.find((row) => row.id === running)).toMatchObject({ status: 'running', error: null });
    await openData.failImport(running, 'klaar met de test');
  });

  it('keeps a running import alive by its heartbeat while it lasts', async () => {
    const quick = new OpenDataRepository(handle, 1);
    const tableId = await quick.registerTable('dataderden', '47024NED', 'Overlast');
    const importId = await quick.startImport(tableId, { kind: 'all' }, 'dataderden/47024NED alles', '2024-01-01T00:00:00', 'test');
    await quick.createStaging(importId, tableId);
    const stop = quick.keepImportAlive(importId);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await quick.dropAbandonedStaging()).toEqual([]);
    stop();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await quick.dropAbandonedStaging()).toEqual([`open_data_staging_${importId.replaceAll('-', '')}`]);
  }, 10_000);

  it('removes ended sessions, old login attempts and long-finished jobs, and keeps the rest', async () => {
    const accounts = new AccountRepository(handle.db);
    const userId = await accounts.createUser({
      name: 'Test',
      email: `opruimen-${engine}@example.org`,
      passwordHash: null,
      isAdministrator: false,
    });
    const session = (tokenHash: string) => ({ tokenHash, userId, absoluteHours: 1, ip: null });
    await accounts.insertSession(session('a'.repeat(64)));
    await accounts.insertSession(session('b'.repeat(64)));
    await accounts.insertSession(session('c'.repeat(64)));
    // b: idle too long; c: past its absolute end.
    await sql`update user_session set last_seen_at = now() - interval '2 hours' where token_hash = ${'b'.repeat(64)}`.execute(handle.db);
    await sql`update user_session set created_at = now() - interval '2 days', expires_at = now() - interval '1 minute' where token_hash = ${'c'.repeat(64)}`.execute(
      handle.db,
    );
    await sql`
      insert into login_attempt (ip, account, attempted_at, succeeded) values
        ('192.0.2.1', 'oud@example.org', now() - make_interval(days => ${RETENTION.loginAttemptDays + 1}), false),
        ('192.0.2.1', 'recent@example.org', now() - interval '1 day', false)`.execute(handle.db);
    const oldJob = await jobs.enqueue({ kind: 'test-job', planId: null, payload: {}, createdBy: null, createdByLabel: 'test' });
    const recentJob = await jobs.enqueue({ kind: 'test-job', planId: null, payload: {}, createdBy: null, createdByLabel: 'test' });
    const waitingJob = await jobs.enqueue({ kind: 'test-job', planId: null, payload: {}, createdBy: null, createdByLabel: 'test' });
    await sql`update job set status = 'done', finished_at = now() - make_interval(days => ${RETENTION.finishedJobDays + 1}) where id = ${oldJob.id}`.execute(
      handle.db,
    );
    await sql`update job set status = 'failed', error = 'x', finished_at = now() - interval '1 day' where id = ${recentJob.id}`.execute(
      handle.db,
    );

    const counts = await cleanUp({
      accounts: new AccountRepository(handle.db),
      jobs,
      sessionIdleMinutes: 30,
      log: silentLogger,
    });

    expect(counts).toEqual({ sessions: 2, loginAttempts: 1, jobs: 1 });
    const sessions = await handle.db.selectFrom('userSession').select('tokenHash').execute();
    expect(sessions.map((row) => row.tokenHash)).toEqual(['a'.repeat(64)]);
    const attempts = await handle.db.selectFrom('loginAttempt').select('account').execute();
    expect(attempts.map((row) => row.account)).toEqual(['recent@example.org']);
    const left = await handle.db.selectFrom('job').select('id').execute();
    expect(left.map((row) => row.id).sort()).toEqual([recentJob.id, waitingJob.id].sort());
  });
});
