/**
 * What the fault tests run: real Koers processes (`node bin/koers.mjs serve`)
 * on a schema of their own on the PostgreSQL server (or a PGlite folder),
 * reading their JSON log from standard output; and the local CBS server
 * behind a gate that can hold a data page, so a process can be killed at a
 * known point of an import.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Kysely, sql } from 'kysely';
import { createDatabase, type DatabaseHandle } from '../../src/db/create-db.js';
import type { Database } from '../../src/db/schema.js';
import { JobRepository } from '../../src/features/jobs/job.repository.js';
import { REFRESH_JOB } from '../../src/features/monitoring/refresh-jobs.js';
import type { CbsBaseUrls } from '../../src/opendata/cbs-client.js';
import { type FakeCbs, type FakeCbsOptions, startFakeCbs } from '../fake-cbs/fake-cbs-server.js';
import { KOERS_BIN } from '../koers-command.js';
import { TEST_DATABASE_URL } from '../test-database.js';

export const NO_POSTGRES_MESSAGE =
  'Fouttests met twee processen op één PostgreSQL-server overgeslagen: TEST_DATABASE_URL is niet gezet (zet bijv. TEST_DATABASE_URL=postgres://postgres@127.0.0.1:5432/test).';

/** Maasgouw (GM1641, 8 wijken, 16 buurten) in 47022NED: 59 crime types, 144 months. */
export const MAASGOUW_CRIME_ROWS = 25 * 59 * 144;
/** Rows per page of the local CBS server: 47022NED for Maasgouw comes in 22 pages. */
export const PAGE_SIZE = 10_000;

export interface LogEntry {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface KoersProcess {
  url: string;
  child: ChildProcess;
  logs: LogEntry[];
  stderr: () => string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  waitForLog(predicate: (entry: LogEntry) => boolean, timeoutMs?: number): Promise<LogEntry>;
  kill(signal: NodeJS.Signals): void;
}

/** Builds dist/koers.mjs once, so the first start of a process is not slowed by a build. */
export async function buildKoers(): Promise<void> {
  await promisify(execFile)(process.execPath, [new URL('../../scripts/build.mjs', import.meta.url).pathname]);
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `koers serve` and resolves once it listens; its log lines are parsed as they come. */
export async function startKoers(env: Record<string, string>): Promise<KoersProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, [KOERS_BIN, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_FORMAT: 'json',
      LOG_LEVEL: 'debug',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogEntry[] = [];
  const waiters: { predicate: (entry: LogEntry) => boolean; resolve: (entry: LogEntry) => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (chunk: string) => {
    buffer += chunk;
    for (let newline = buffer.indexOf('\n'); newline >= 0; newline = buffer.indexOf('\n')) {
      const line = buffer.slice(0, newline);
      buffer = buffer.slice(newline + 1);
      let entry: LogEntry;
      try {
        entry = JSON.parse(line) as LogEntry;
      } catch {
        entry = { level: 'tekst', msg: line };
      }
      logs.push(entry);
      for (const waiter of [...waiters]) {
        if (waiter.predicate(entry)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(entry);
        }
      }
    }
  });
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const waitForLog = (predicate: (entry: LogEntry) => boolean, timeoutMs = 60_000) => {
    const found = logs.find(predicate);
    if (found) return Promise.resolve(found);
    return new Promise<LogEntry>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`log line not seen in ${timeoutMs} ms; stderr: ${stderr}`)), timeoutMs);
      waiters.push({
        predicate,
        resolve: (entry) => {
          clearTimeout(timer);
          resolve(entry);
        },
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`koers serve stopped (${code}) before the log line came; stderr: ${stderr}`));
      });
    });
  };
  const process_: KoersProcess = {
    url: `http://127.0.0.1:${port}`,
    child,
    logs,
    stderr: () => stderr,
    exited,
    waitForLog,
    kill: (signal) => {
      child.kill(signal);
    },
  };
  await waitForLog((entry) => entry.msg.startsWith('Koers draait op'), 90_000);
  return process_;
}

/** A schema of its own on the PostgreSQL server, with the DATABASE_URL a Koers process uses for it. */
export interface TestSchema {
  schema: string;
  /** DATABASE_URL for a process; `name` becomes its application_name, to find its connections. */
  url(name: string): string;
  /** A connection of the test itself, on the same schema. */
  db: DatabaseHandle;
  drop(): Promise<void>;
}

export async function createTestSchema(): Promise<TestSchema> {
  const schema = `koers_fout_${randomUUID().replaceAll('-', '')}`;
  const admin = await createDatabase({ engine: 'postgres', url: TEST_DATABASE_URL });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  await admin.close();
  const db = await createDatabase({ engine: 'postgres', url: TEST_DATABASE_URL, schema });
  const separator = TEST_DATABASE_URL.includes('?') ? '&' : '?';
  return {
    schema,
    url: (name) =>
      `${TEST_DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}&application_name=${encodeURIComponent(name)}`,
    db,
    async drop() {
      await db.close();
      const cleanup = await createDatabase({ engine: 'postgres', url: TEST_DATABASE_URL });
      await sql.raw(`drop schema ${schema} cascade`).execute(cleanup.db);
      await cleanup.close();
    },
  };
}

/** The local CBS server behind a gate: data pages pass until `holdFrom` is set, then wait for `release`. */
export interface GatedCbs {
  fake: FakeCbs;
  baseUrls: CbsBaseUrls;
  /** Environment for a Koers process to use this server. */
  env: Record<string, string>;
  /** Data pages answered (or held) so far. */
  dataRequests(): number;
  /** From the `count`-th data request on (counting from now), hold every data page. */
  holdAfter(count: number): void;
  /** Resolves when a data page is being held. */
  held(): Promise<void>;
  release(): void;
  close(): Promise<void>;
}

export async function startGatedCbs(options: FakeCbsOptions = { pageSize: PAGE_SIZE }): Promise<GatedCbs> {
  const fake = await startFakeCbs(options);
  let requests = 0;
  let holdFrom = Number.POSITIVE_INFINITY;
  let gate: Promise<void> | null = null;
  let open = () => {};
  let heldNow: () => void = () => {};
  let heldSignal = new Promise<void>((resolve) => {
    heldNow = resolve;
  });
  const isData = (url: string) => url.includes('/TypedDataSet') || url.includes('/Observations');
  const upstream = new URL(fake.origin);
  const server: Server = createServer(async (req, res) => {
    res.on('error', () => {});
    if (isData(req.url ?? '')) {
      requests++;
      if (requests >= holdFrom && gate) {
        heldNow();
        await gate;
      }
    }
    // The answer is read whole: its next-page links name the local server, and must name this gate instead.
    const forward = httpRequest(
      { hostname: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          const body = Buffer.from(Buffer.concat(chunks).toString('utf8').replaceAll(fake.origin, origin), 'utf8');
          const headers = { ...answer.headers, 'content-length': String(body.length) };
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers);
          res.end(body);
        });
      },
    );
    forward.on('error', () => res.destroy());
    req.pipe(forward);
  });
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrls = Object.fromEntries(
    Object.entries(fake.baseUrls).map(([service, url]) => [service, url.replace(fake.origin, origin)]),
  ) as unknown as CbsBaseUrls;
  return {
    fake,
    baseUrls,
    env: {
      KOERS_CBS_OPENDATA_URL: baseUrls.opendata,
      KOERS_CBS_DATADERDEN_URL: baseUrls.dataderden,
      KOERS_CBS_DATASETS_URL: baseUrls.datasets,
    },
    dataRequests: () => requests,
    holdAfter(count) {
      holdFrom = requests + count + 1;
      gate = new Promise<void>((resolve) => {
        open = resolve;
      });
      heldSignal = new Promise<void>((resolve) => {
        heldNow = resolve;
      });
    },
    held: () => heldSignal,
    release() {
      holdFrom = Number.POSITIVE_INFINITY;
      open();
      gate = null;
    },
    async close() {
      open();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await fake.close();
    },
  };
}

/** Polls `read` until `done` holds for its value; the last value otherwise, in the error. */
export async function waitFor<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 90_000, everyMs = 250): Promise<T> {
  const until = Date.now() + timeoutMs;
  let value = await read();
  while (!done(value)) {
    if (Date.now() > until) throw new Error(`not reached in ${timeoutMs} ms; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
    value = await read();
  }
  return value;
}

/** What the fault tests look at in the database. */
export interface StoredState {
  job: { status: string; attempts: number; error: string | null; message: string | null; result: unknown } | undefined;
  crimeRows: number;
  stagingTables: string[];
  imports: { status: string; error: string | null }[];
  measurements: number;
}

export async function storedState(db: Kysely<Database>, jobId: string): Promise<StoredState> {
  const job = await db
    .selectFrom('job')
    .select(['status', 'attempts', 'error', 'message', 'result'])
    .where('id', '=', jobId)
    .executeTakeFirst();
  const crime = await db
    .selectFrom('openDataObservation')
    .innerJoin('openDataTable', 'openDataTable.id', 'openDataObservation.tableId')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('openDataTable.tableCode', '=', '47022NED')
    .executeTakeFirstOrThrow();
  const staging = await sql<{ name: string }>`
    select tablename as name from pg_tables where schemaname = current_schema() and tablename like 'open_data_staging_%'`.execute(db);
  const imports = await db
    .selectFrom('openDataImport')
    .innerJoin('openDataTable', 'openDataTable.id', 'openDataImport.tableId')
    .select(['openDataImport.status', 'openDataImport.error'])
    .where('openDataTable.tableCode', '=', '47022NED')
    .orderBy('openDataImport.startedAt')
    .execute();
  const measurements = await db
    .selectFrom('measurement')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return {
    job,
    crimeRows: Number(crime.count),
    stagingTables: staging.rows.map((row) => row.name),
    imports,
    measurements: Number(measurements.count),
  };
}

/** Queues "Vernieuw cijfers" for the plan, as the monitor page does. */
export async function enqueueRefresh(db: Kysely<Database>, planId: string): Promise<string> {
  const job = await new JobRepository(db).enqueue({
    kind: REFRESH_JOB,
    planId,
    payload: { planId },
    createdBy: null,
    createdByLabel: 'fouttest',
  });
  return job.id;
}

export async function onlyPlanId(db: Kysely<Database>): Promise<string> {
  const row = await db.selectFrom('plan').select('id').executeTakeFirstOrThrow();
  return row.id;
}

/** One engine: where its database is, and how the test looks into it (PGlite only while no process has it open). */
export interface Storage {
  env: Record<string, string>;
  withDatabase<T>(work: (handle: DatabaseHandle) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export async function pgliteStorage(): Promise<Storage> {
  const folder = mkdtempSync(join(tmpdir(), 'koers-fout-'));
  return {
    env: { DATA_DIR: folder },
    async withDatabase(work) {
      const handle = await createDatabase({ engine: 'pglite', dataDir: folder });
      try {
        return await work(handle);
      } finally {
        await handle.close();
      }
    },
    async close() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

export async function postgresStorage(): Promise<Storage> {
  const schema: TestSchema = await createTestSchema();
  return {
    env: { DATABASE_URL: schema.url('koers-fouttest') },
    withDatabase: (work) => work(schema.db),
    close: () => schema.drop(),
  };
}

/** PGlite always; the PostgreSQL server when TEST_DATABASE_URL is set. */
export const ENGINES = TEST_DATABASE_URL ? (['pglite', 'postgres'] as const) : (['pglite'] as const);
