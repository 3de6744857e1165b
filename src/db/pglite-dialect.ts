/**
 * A Kysely dialect for PGlite, the embedded PostgreSQL. PGlite is one
 * connection, so connections are handed out one at a time: a transaction holds
 * it until it commits or rolls back, and other queries wait their turn. A query
 * that asks for the connection from inside the transaction that holds it would
 * wait forever: it fails at once instead (see `holdingConnection`).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { PGlite } from '@electric-sql/pglite';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  PostgresAdapter,
  PostgresQueryCompiler,
  type QueryResult,
} from 'kysely';
import { CurrentSchemaIntrospector } from './current-schema-introspector.js';

/**
 * Marks the code running inside a transaction on a PGlite database
 * (`DatabaseHandle.transaction` sets it): a query from there that does not go
 * through the transaction is a bug, reported instead of a hang.
 */
export const holdingConnection = new AsyncLocalStorage<PGlite>();

export class QueryOutsideTransactionError extends Error {
  constructor() {
    super(
      'Een query buiten de lopende transactie om zou op de ingebedde database eeuwig wachten: gebruik de repositories van de transactie',
    );
  }
}

/**
 * Statements that never change data: one read, or a bound of a transaction, alone. Anything else counts as a
 * change, also a read followed by another statement (or a semicolon inside a text: counted, to be safe).
 */
const CHANGES_NOTHING = /^\s*(select|begin|commit|rollback|show)\b[^;]*;?\s*$/i;

/**
 * How many statements that may change data have run on this database. The
 * embedded database belongs to one process (the folder is locked), so this
 * process sees every change: while the count stands still, nothing read before
 * can have changed.
 */
export interface WriteCount {
  count: number;
}

class PgliteConnection implements DatabaseConnection {
  constructor(
    private readonly pglite: PGlite,
    private readonly writes: WriteCount,
  ) {}

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    // Counted before it runs: whoever compares the count afterwards never takes a changed database for the one before.
    if (!CHANGES_NOTHING.test(compiledQuery.sql)) this.writes.count++;
    // A query without parameters may hold several statements (migrations): only
    // exec() takes those; its last result is the answer.
    const result =
      compiledQuery.parameters.length === 0
        ? ((await this.pglite.exec(compiledQuery.sql)).at(-1) ?? { rows: [], affectedRows: 0 })
        : await this.pglite.query<R>(compiledQuery.sql, [...compiledQuery.parameters]);
    const numAffectedRows = result.affectedRows === undefined ? undefined : BigInt(result.affectedRows);
    return { rows: result.rows as R[], numAffectedRows };
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered on PGlite
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('PGlite does not support streaming queries');
  }
}

class PgliteDriver implements Driver {
  private readonly connection: PgliteConnection;
  private queue: Promise<void> = Promise.resolve();
  private releaseCurrent: (() => void) | null = null;

  constructor(
    private readonly pglite: PGlite,
    writes: WriteCount,
  ) {
    this.connection = new PgliteConnection(pglite, writes);
  }

  async init(): Promise<void> {
    await this.pglite.waitReady;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    if (holdingConnection.getStore() === this.pglite) throw new QueryOutsideTransactionError();
    const previous = this.queue;
    let release!: () => void;
    this.queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.releaseCurrent = release;
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.releaseCurrent;
    this.releaseCurrent = null;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.queue;
    await this.pglite.close();
  }
}

export class PgliteDialect implements Dialect {
  /** See WriteCount. */
  readonly writes: WriteCount = { count: 0 };

  constructor(private readonly pglite: PGlite) {}

  createAdapter() {
    return new PostgresAdapter();
  }

  createDriver(): Driver {
    return new PgliteDriver(this.pglite, this.writes);
  }

  createIntrospector(db: Kysely<unknown>) {
    return new CurrentSchemaIntrospector(db);
  }

  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}
