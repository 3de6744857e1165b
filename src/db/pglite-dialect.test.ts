/**
 * The embedded database's count of statements that may change data
 * (DatabaseHandle.writeCount): a kept page trusts a stamp only while it stands
 * still, so anything that may write must move it, and plain reads must not.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDatabase, type DatabaseHandle } from './create-db.js';

describe('the write count of the embedded database', () => {
  let handle: DatabaseHandle;
  beforeAll(async () => {
    handle = await createDatabase({ engine: 'pglite', dataDir: null });
    await sql`create table t (n integer)`.execute(handle.db);
  });
  afterAll(() => handle.close());

  const moved = async (statement: () => Promise<unknown>) => {
    const before = handle.writeCount?.() ?? Number.NaN;
    await statement();
    return (handle.writeCount?.() ?? Number.NaN) - before;
  };

  it('stands still for reads and for a transaction that only reads', async () => {
    expect(await moved(() => sql`select count(*) from t where n > ${1}`.execute(handle.db))).toBe(0);
    expect(await moved(() => sql`  SELECT 1`.execute(handle.db))).toBe(0);
    expect(await moved(() => handle.transaction((trx) => sql`select * from t for update`.execute(trx)))).toBe(0);
  });

  it('moves for every statement that may change data, also one hidden behind a read', async () => {
    expect(await moved(() => sql`insert into t (n) values (${1})`.execute(handle.db))).toBe(1);
    expect(await moved(() => sql`update t set n = n + 1`.execute(handle.db))).toBe(1);
    expect(await moved(() => sql`with gone as (delete from t returning n) select count(*) from gone`.execute(handle.db))).toBe(1);
    expect(await moved(() => sql.raw('select 1; insert into t (n) values (2)').execute(handle.db))).toBe(1);
    expect(await moved(() => handle.transaction((trx) => sql`insert into t (n) values (${3})`.execute(trx)))).toBeGreaterThanOrEqual(1);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('the write count on a PostgreSQL server', () => {
  it('is not kept, since other processes write too', async () => {
    const handle = await createDatabase({ engine: 'postgres', url: process.env.TEST_DATABASE_URL ?? '' });
    try {
      expect(handle.writeCount).toBeNull();
    } finally {
      await handle.close();
    }
  });
});
