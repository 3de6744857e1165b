/**
 * Runs once before the suite: builds a migrated PGlite database and keeps a dump
 * of it, so each test file starts its own database from the dump in under a
 * second instead of initialising PostgreSQL anew.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely } from 'kysely';
import { migrateToLatest } from '../src/db/create-db.js';
import { PgliteDialect } from '../src/db/pglite-dialect.js';
import type { Database } from '../src/db/schema.js';

export default async function setup({ provide }: { provide: (key: 'pgliteTemplate', value: string) => void }) {
  const folder = mkdtempSync(join(tmpdir(), 'koers-test-'));
  const pglite = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PgliteDialect(pglite), plugins: [new CamelCasePlugin()] });
  await migrateToLatest(db);
  const dump = await pglite.dumpDataDir('none');
  const file = join(folder, 'template.tar');
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.destroy();
  provide('pgliteTemplate', file);
  return () => rmSync(folder, { recursive: true, force: true });
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
  }
}
