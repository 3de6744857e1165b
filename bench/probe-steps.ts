/**
 * What bench/start-probe.mjs calls, step by step: the pieces `startServer` is
 * made of, and the CLI around it (so the same code is loaded as by `koers serve`).
 * The probe loads this file through tsx, or as a bundle built like dist/koers.mjs.
 */
import { type Kysely, sql } from 'kysely';
import { migrateToLatest } from '../src/db/create-db.js';
import { migrations } from '../src/db/migrations/index.js';
import type { Database } from '../src/db/schema.js';

export { serve } from '@hono/node-server';
export { createApp } from '../src/app.js';
export { runCli } from '../src/cli/main.js';
export { readConfig } from '../src/config.js';
export { createDatabase, migrateToLatest } from '../src/db/create-db.js';
export { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
export { createServices, databaseTarget } from '../src/server.js';

/**
 * Experiment (not in Koers): one query to see whether the newest migration has
 * run, and Kysely's Migrator only when it has not. The Migrator itself always
 * introspects the catalogue, creates its tables "if not exists", takes its lock
 * and reads the migration table, which on a freshly opened PGlite costs more
 * than the one query.
 */
export async function migrateIfBehind(db: Kysely<Database>): Promise<'up to date' | 'migrated'> {
  const newest = Object.keys(migrations).sort().at(-1);
  try {
    const { rows } = await sql<{ name: string | null }>`select max(name) as name from kysely_migration`.execute(db);
    if (newest !== undefined && rows[0]?.name === newest) return 'up to date';
  } catch {
    // no migration table yet: a new database
  }
  await migrateToLatest(db);
  return 'migrated';
}
