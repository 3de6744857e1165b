/**
 * The backups and restores of docs/operations.md, with the commands shown
 * there: the PGlite folder copied while Koers is stopped, and a PostgreSQL
 * database with pg_dump and pg_restore. After a restore the data are those of
 * the backup, the audit trail verifies, and Koers starts ready.
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runKoers } from '../koers-command.js';
import { TEST_DATABASE_URL } from '../test-database.js';
import { buildKoers, NO_POSTGRES_MESSAGE, startKoers } from './koers-process.js';

const EXAMPLE = new URL('../../examples/maasgouw-2019-2022.plan.json', import.meta.url).pathname;
const shell = (command: string, env: Record<string, string>) =>
  promisify(execFile)('bash', ['-c', command], { env: { PATH: process.env.PATH ?? '', ...env } });

/** Starts Koers on the database, checks it is ready, and stops it with SIGTERM. */
async function serveOnce(env: Record<string, string>) {
  const koers = await startKoers({ ...env, LOAD_EXAMPLE: 'true' });
  const ready = await fetch(`${koers.url}/gezondheid/gereed`);
  koers.kill('SIGTERM');
  expect(await koers.exited).toBe(0);
  return ready.status;
}

async function planTitles(env: Record<string, string>): Promise<string[]> {
  const listed = await runKoers({ PATH: process.env.PATH ?? '', ...env }, 'plan', 'list');
  expect(listed.code).toBe(0);
  return listed.stdout.trim().split('\n').sort();
}

async function auditVerify(env: Record<string, string>): Promise<string> {
  const verified = await runKoers({ PATH: process.env.PATH ?? '', ...env }, 'audit', 'verify');
  expect(verified.code).toBe(0);
  return verified.stdout.trim();
}

describe('a backup and restore of the embedded database (PGlite)', () => {
  let folder: string;

  beforeAll(async () => {
    await buildKoers();
    folder = mkdtempSync(join(tmpdir(), 'koers-backup-'));
  }, 120_000);

  afterAll(() => {
    rmSync(folder, { recursive: true, force: true });
  });

  it('copies the stopped DATA_DIR and puts it back, with the data of the moment of the backup', async () => {
    const env = { DATA_DIR: join(folder, 'data') };
    expect(await serveOnce(env)).toBe(200);
    const before = await planTitles(env);
    const trailBefore = await auditVerify(env);

    await shell('tar -C "$BASE" -czf "$BASE/koers-data.tar.gz" data', { BASE: folder });
    expect((await runKoers({ PATH: process.env.PATH ?? '', ...env }, 'plan', 'import', EXAMPLE)).code).toBe(0);
    expect(await planTitles(env)).toHaveLength(before.length + 1);

    await shell('rm -rf "$BASE/data" && tar -C "$BASE" -xzf "$BASE/koers-data.tar.gz"', { BASE: folder });
    expect(await planTitles(env)).toEqual(before);
    expect(await auditVerify(env)).toBe(trailBefore);
    expect(await serveOnce(env)).toBe(200);
  }, 180_000);
});

if (!TEST_DATABASE_URL) console.warn(NO_POSTGRES_MESSAGE);

describe.skipIf(!TEST_DATABASE_URL)('a backup and restore of a PostgreSQL database (pg_dump, pg_restore)', () => {
  let folder: string;
  let database: string;
  let databaseUrl: string;

  beforeAll(async () => {
    await buildKoers();
    folder = mkdtempSync(join(tmpdir(), 'koers-backup-'));
    database = `koers_backup_${randomUUID().replaceAll('-', '')}`;
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
    await shell(`psql "$ADMIN_URL" -c "create database ${database}"`, { ADMIN_URL: TEST_DATABASE_URL });
  }, 120_000);

  afterAll(async () => {
    await shell(`psql "$ADMIN_URL" -c "drop database if exists ${database}"`, { ADMIN_URL: TEST_DATABASE_URL });
    rmSync(folder, { recursive: true, force: true });
  });

  it('dumps the database and restores it into an empty one, with the data of the moment of the dump', async () => {
    const env = { DATABASE_URL: databaseUrl };
    expect(await serveOnce(env)).toBe(200);
    const before = await planTitles(env);
    const trailBefore = await auditVerify(env);

    await shell('pg_dump --format=custom --file="$BASE/koers.dump" "$DATABASE_URL"', { BASE: folder, ...env });
    expect((await runKoers({ PATH: process.env.PATH ?? '', ...env }, 'plan', 'import', EXAMPLE)).code).toBe(0);
    expect(await planTitles(env)).toHaveLength(before.length + 1);

    await shell(`psql "$ADMIN_URL" -c "drop database ${database}" -c "create database ${database}"`, { ADMIN_URL: TEST_DATABASE_URL });
    await shell('pg_restore --no-owner --dbname="$DATABASE_URL" "$BASE/koers.dump"', { BASE: folder, ...env });
    expect(await planTitles(env)).toEqual(before);
    expect(await auditVerify(env)).toBe(trailBefore);
    expect(await serveOnce(env)).toBe(200);
  }, 180_000);
});
