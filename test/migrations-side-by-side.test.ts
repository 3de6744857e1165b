/**
 * Migrating one schema while other schemas on the same server are made,
 * changed and dropped: test files side by side each have a schema of their
 * own, and a server may hold other schemas too. The migration looks at its own
 * schema only, so what happens elsewhere cannot stop it.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { migrations } from '../src/db/migrations/index.js';
import { TEST_DATABASE_URL } from './test-database.js';

describe.skipIf(!TEST_DATABASE_URL)('migrations beside other schemas on postgres', () => {
  it('bring a schema up to date while other schemas are made, changed and dropped at the same time', async () => {
    const admin = await createDatabase({ engine: 'postgres', url: TEST_DATABASE_URL });
    const schemas: string[] = [];
    let churning = true;
    // Other schemas, each with a table with a serial column whose column is renamed and which is then dropped, over and over.
    const churn = async () => {
      while (churning) {
        const other = `koers_elders_${randomUUID().replaceAll('-', '')}`;
        await sql.raw(`create schema ${other}`).execute(admin.db);
        await sql.raw(`create table ${other}.t (id serial primary key, a text, b text)`).execute(admin.db);
        await sql.raw(`alter table ${other}.t rename column a to c`).execute(admin.db);
        await sql.raw(`drop schema ${other} cascade`).execute(admin.db);
      }
    };
    const churners = [churn(), churn(), churn()];
    try {
      for (let round = 0; round < 6; round++) {
        const schema = `koers_migratie_${randomUUID().replaceAll('-', '')}`;
        schemas.push(schema);
        await sql.raw(`create schema ${schema}`).execute(admin.db);
        const handle = await createDatabase({ engine: 'postgres', url: TEST_DATABASE_URL, schema });
        try {
          const done = await migrateToLatest(handle.db);
          expect(done).toEqual(Object.keys(migrations));
          expect(await migrateToLatest(handle.db)).toEqual([]);
        } finally {
          await handle.close();
        }
      }
    } finally {
      churning = false;
      await Promise.allSettled(churners);
      for (const schema of schemas) await sql.raw(`drop schema if exists ${schema} cascade`).execute(admin.db);
      await admin.close();
    }
  }, 120_000);
});
