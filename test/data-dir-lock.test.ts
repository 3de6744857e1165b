/** The embedded database belongs to one process at a time: a second opening is refused with a clear message, a stale lock is taken over. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createDatabase, DataDirInUseError } from '../src/db/create-db.js';
import { runKoers } from './koers-command.js';

const folder = mkdtempSync(join(tmpdir(), 'koers-lock-'));
const dataDir = join(folder, 'data');
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('the lock on the embedded database folder', () => {
  it('refuses another process, and another opening in the same process, while the folder is in use; lets them in afterwards', async () => {
    const first = await createDatabase({ engine: 'pglite', dataDir });
    const env = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' };
    const refused = await runKoers(env, 'plan', 'list');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`De ingebedde database in ${dataDir} is in gebruik door een ander Koers-proces (pid ${process.pid})`);
    expect(refused.stderr).not.toMatch(/\n\s+at /);
    await expect(createDatabase({ engine: 'pglite', dataDir })).rejects.toBeInstanceOf(DataDirInUseError);
    await first.close();
    const allowed = await runKoers(env, 'plan', 'list');
    expect(allowed.code).toBe(0);
  }, 60_000);

  it('takes over a lock left by a process that is gone (stopped with kill -9)', async () => {
    // No process has this id.
    writeFileSync(join(dataDir, 'koers.lock'), '2147483646');
    const again = await createDatabase({ engine: 'pglite', dataDir });
    await again.close();
  }, 60_000);
});
