/**
 * The only file that knows which PostgreSQL engine runs: the embedded PGlite
 * (a folder on disk, or memory for tests) or a PostgreSQL server (DATABASE_URL).
 * Both get the same dialect, the same migrations and the same value types:
 * dates as 'YYYY-MM-DD' strings, numeric as number, timestamps as ISO strings.
 */
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { PGlite } from '@electric-sql/pglite';
import { CamelCasePlugin, Kysely, Migrator, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import copyStreams from 'pg-copy-streams';
import { CurrentSchemaIntrospector } from './current-schema-introspector.js';
import { migrations } from './migrations/index.js';
import { holdingConnection, PgliteDialect } from './pglite-dialect.js';
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
  /**
   * Runs work in one transaction (READ COMMITTED). On PGlite, a query from
   * inside the work that goes around the transaction fails at once instead of
   * waiting forever for the connection the transaction holds.
   */
  transaction<T>(work: (trx: Transaction<Database>) => Promise<T>): Promise<T>;
  /**
   * On the embedded database: how many statements that may change data have
   * run on it (counted before each runs). It belongs to this process alone, so
   * while the count stands still nothing read earlier has changed. Null on a
   * server, where other processes write too.
   */
  writeCount: (() => number) | null;
  close(): Promise<void>;
}

const OID = { int8: 20, numeric: 1700, date: 1082, timestamptz: 1184, timestamp: 1114 } as const;
const toIso = (value: string) => new Date(value).toISOString();

/** Opens the database; `dataDir: null` is an in-memory PGlite (tests). */
export async function createDatabase(target: DatabaseTarget): Promise<DatabaseHandle> {
  if (target.engine === 'pglite') {
    const unlock = target.dataDir ? lockDataDir(target.dataDir) : () => {};
    let pglite: PGlite;
    try {
      pglite = await openPglite(target.dataDir, target.template);
    } catch (error) {
      unlock();
      throw error;
    }
    const dialect = new PgliteDialect(pglite);
    const db = new Kysely<Database>({ dialect, plugins: [new CamelCasePlugin()] });
    return {
      db,
      engine: target.engine,
      copyFrom: null,
      writeCount: () => dialect.writes.count,
      transaction: (work) => db.transaction().execute((trx) => holdingConnection.run(pglite, () => work(trx))),
      close: async () => {
        try {
          await db.destroy();
        } finally {
          unlock();
        }
      },
    };
  }
  const pool = postgresPool(target.url, target.schema);
  const db = new Kysely<Database>({ dialect: new ServerDialect({ pool }), plugins: [new CamelCasePlugin()] });
  return {
    db,
    engine: target.engine,
    copyFrom: (statement, lines) => copyFrom(pool, statement, lines),
    writeCount: null,
    transaction: (work) => db.transaction().execute(work),
    close: () => db.destroy(),
  };
}

/** PostgreSQL as Kysely speaks it, with the migrator's questions answered for the current schema only. */
class ServerDialect extends PostgresDialect {
  override createIntrospector(db: Kysely<unknown>) {
    return new CurrentSchemaIntrospector(db);
  }
}

async function copyFrom(pool: pg.Pool, statement: string, lines: AsyncIterable<string>): Promise<void> {
  const client = await pool.connect();
  try {
    await pipeline(Readable.from(lines), client.query(copyStreams.from(statement)));
  } finally {
    client.release();
  }
}

/** Thrown when the embedded database's folder is in use by another process. */
export class DataDirInUseError extends Error {}

/**
 * The embedded database belongs to one process at a time: two processes on
 * one folder would corrupt it. A lock file holds the owner's process id; a
 * lock whose process is gone (stopped with kill -9, say) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'koers.lock');
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(readFileSync(file, 'utf8').trim());
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) {
        throw new DataDirInUseError(
          `De ingebedde database in ${dataDir} is in gebruik door een ander Koers-proces (pid ${owner}). ` +
            'Stop dat eerst (bijvoorbeeld koers serve met Ctrl+C) en probeer het dan opnieuw; ' +
            'wie meer processen tegelijk wil laten werken, gebruikt een PostgreSQL-server (DATABASE_URL).',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new DataDirInUseError(`De ingebedde database in ${dataDir} kon niet worden vergrendeld`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function openPglite(dataDir: string | null, template?: Blob): Promise<PGlite> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  return PGlite.create({
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
    const what = failed ? `Migratie ${failed.migrationName} mislukt` : 'De migraties konden niet beginnen';
    throw new Error(`${what}: ${error instanceof Error ? error.message : String(error)}`);
  }
  return (results ?? []).filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
