/**
 * Databases for tests, on both engines. PGlite always; the PostgreSQL server
 * when TEST_DATABASE_URL is set, each test file in a schema of its own so files
 * can run side by side.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle, migrateToLatest } from '../src/db/create-db.js';

export type Engine = 'pglite' | 'postgres';

export const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL ?? '';

/** The engines this run tests on: PGlite, plus the server when TEST_DATABASE_URL is set. */
export const ENGINES: Engine[] = TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

export async function createTestDatabase(engine: Engine = 'pglite'): Promise<DatabaseHandle> {
  if (engine === 'pglite') {
    const template = new Blob([readFileSync(inject('pgliteTemplate'))]);
    return createDatabase({ engine: 'pglite', dataDir: null, template });
  }
  const schema = `koers_test_${randomUUID().replaceAll('-', '')}`;
  const admin = await createDatabase({ engine: 'postgres', url: TEST_DATABASE_URL });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  await admin.close();
  const handle = await createDatabase({ engine: 'postgres', url: TEST_DATABASE_URL, schema });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async close() {
      await handle.close();
      const cleanup = await createDatabase({ engine: 'postgres', url: TEST_DATABASE_URL });
      await sql.raw(`drop schema ${schema} cascade`).execute(cleanup.db);
      await cleanup.close();
    },
  };
}
