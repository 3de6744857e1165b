/**
 * The only file that knows which PostgreSQL engine runs: the embedded PGlite
 * (a folder on disk, or memory for tests) or a PostgreSQL server (DATABASE_URL).
 * Both get the same dialect, the same migrations and the same value types:
 * dates as 'YYYY-MM-DD' strings, numeric as number, timestamps as ISO strings.
 */
import { mkdirSync } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { migrations } from './migrations/index.js';
import { PgliteDialect } from './pglite-dialect.js';
import type { Database } from './schema.js';

export type DatabaseTarget =
  /** dataDir null: in memory; template: a dump to start from (tests). */
  | { engine: 'pglite'; dataDir: string | null; template?: Blob }
  /** schema: a schema of its own instead of public (tests side by side on one server). */
  | { engine: 'postgres'; url: string; schema?: string };

export interface DatabaseHandle {
  db: Kysely<Database>;
  engine: DatabaseTarget['engine'];
  /**
   * COPY ... FROM STDIN on a connection of its own, fed with text-format
   * lines; only on a PostgreSQL server (PGlite has no streaming COPY).
   * Commits on its own: use it for staging tables, not inside a transaction.
   */
  copyFrom: ((statement: string, lines: AsyncIterable<string>) => Promise<void>) | null;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082, timestamptz: 1184, timestamp: 1114 } as const;
const toIso = (value: string) => new Date(value).toISOString();

/** Opens the database; `dataDir: null` is an in-memory PGlite (tests). */
export async function createDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === 'pglite') {
    const db = new Kysely<Database>({ dialect: await pgliteDialect(target.dataDir, target.template), plugins: [new CamelCasePlugin()] });
    return { db, engine: target.engine, copyFrom: null, close: () => db.destroy() };
  }
  const pool = postgresPool(target.url, target.schema);
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return { db, engine: target.engine, copyFrom: (statement, lines) => copyFrom(pool, statement, lines), close: () => db.destroy() };
}

async function copyFrom(pool: pg.Pool, statement: string, lines: AsyncIterable<string>): Promise<void> {
  const client = await pool.connect();
  try {
    await pipeline(Readable.from(lines), client.query(copyStreams.from(statement)));
  } finally {
    client.release();
  }
}

async function pgliteDialect(dataDir: string | null, template?: Blob) {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = await PGlite.create({
    dataDir: dataDir ?? undefined,
    loadDataDir: template,
    parsers: {
      [OID.int8]: Number,
      [OID.numeric]: Number,
      [OID.date]: (value: string) => value,
      [OID.timestamptz]: toIso,
      [OID.timestamp]: toIso,
    },
  });
  return new PgliteDialect(pglite);
}

function postgresPool(url: string, schema?: string) {
  const types = {
    getTypeParser(oid: number, format?: 'text' | 'binary') {
      if (oid === OID.int8 || oid === OID.numeric) return Number;
      if (oid === OID.date) return (value: string) => value;
      if (oid === OID.timestamptz || oid === OID.timestamp) return toIso;
      return pg.types.getTypeParser(oid, format);
    },
  };
  const pool = new pg.Pool({ connectionString: url, max: 10, types, options: schema ? `-c search_path=${schema}` : undefined });
  // A connection the server ends (a restart, a failover, pg_terminate_backend) emits 'error', on the pool while it is idle
  // and on the client while it is checked out; unheard, that ends the process. Queries under way fail on their own, and
  // the pool replaces the connection when it is next needed.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

/** Brings the schema up to date; throws with the failing migration's name. */
export async function migrateToLatest(db: Kysely<Database>): Promise<string[]> {
  // Named explicitly: the migrator would otherwise take a migration table of another schema for its own.
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: rows[0]?.schema });
  const { error, results } = await migrator.migrateToLatest();
  if (error) {
    const failed = results?.find((result) => result.status === 'Error');
    throw new Error(`Migratie ${failed?.migrationName ?? '?'} mislukt: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
