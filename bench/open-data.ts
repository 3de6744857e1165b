/**
 * Open-data import: how fast `importTable` pulls a police table from the local
 * fake CBS server (test/fake-cbs) into Koers, and how much memory it takes.
 *
 * - Municipal import: every 47022NED cell of Maasgouw (GM1641 with its 8 wijken
 *   and 16 buurten, 59 crime types, 144 months: 212,400 rows) into PGlite in
 *   memory and into a new PostgreSQL database; a first import into the empty
 *   database, then, after the server re-issued the table with a few changed
 *   cells, a second import (the revision path of swapIn).
 * - National bulk pull: the fake server's synthetic national table of N rows
 *   (bulk mode), the whole table (municipalities: null) into a new PostgreSQL
 *   database, at several sizes to show that memory does not grow with N. Side
 *   by side: `psql \copy` of the same rows, written once to a file in COPY text
 *   format by the fake server's own generator, into the same kind of table (the
 *   table's partition of open_data_observation, with its primary key), in
 *   another new database; and into a table without a key, then adding the key
 *   and attaching it as the partition (what swapIn does): the floor under any
 *   importer that ends with the same table.
 *
 * The fake server runs in a child process (bench/fake-cbs-child.ts), and so
 * does the importer (bench/open-data-importer.ts, a fresh one per database,
 * loading only the import's code, bundled as dist/koers.mjs is and run by plain
 * node; through tsx with --importer-tsx): the memory and CPU time reported for
 * the import are the importer's own, and every size starts from the same baseline.
 * Peak RSS is sampled every 100 ms. Each import is checked: the rows stored
 * must be the rows served (count, and for the national pull the sum of the
 * values, against the file for \copy).
 * Run alone: `npx tsx bench/open-data.ts [options of bench/run.ts]`.
 */
import { execFile, fork } from 'node:child_process';
import { createWriteStream, mkdirSync, rmdirSync, rmSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { OpenDataRepository } from '../src/features/monitoring/open-data.repository.js';
import type { TablePull } from '../src/features/monitoring/open-data-import.js';
import type { CbsBaseUrls } from '../src/opendata/cbs-client.js';
import { CubeSelection } from '../test/fake-cbs/cube.js';
import type { FakeCbsOptions } from '../test/fake-cbs/fake-cbs-server.js';
import { planFilter } from '../test/fake-cbs/odata-filter.js';
import { createTables } from '../test/fake-cbs/tables.js';
import type { FakeChildRequest, FakeChildUsage } from './fake-cbs-child.js';
import { isMain, note, onExit, progress, ROOT, removeFolder, temporaryFolder } from './lib.js';
import type { ImporterRequest, ImporterTarget, ImportMeasurement } from './open-data-importer.js';
import { postgresDatabase } from './startup.js';

export interface OpenDataOptions {
  municipal: boolean;
  national: boolean;
  /** Sizes of the national table, in rows; the comparison with \copy is made at each. */
  nationalRows: number[];
  /** psql \copy of the same rows next to each national pull. */
  copy: boolean;
  /** Also \copy into a table without a key, then add the key and attach it (as swapIn does). */
  copyUnkeyed: boolean;
  /** Rows per page of the fake server (the real services: 10,000). */
  pageSize: number;
  /** Whether the PostgreSQL parts run at all (the municipal import on PGlite runs regardless). */
  postgres: boolean;
  /** A maintenance database URL of the PostgreSQL server, to create and drop the benchmark databases. */
  postgresAdminUrl: string;
  psql: string;
  /** Extra node arguments for the importing process (e.g. --cpu-prof). */
  nodeArgs: string[];
  /** How the importing process loads its code: bundled as dist/koers.mjs and run by plain node (as Koers runs), or through tsx. */
  importerLoader: 'bundle' | 'tsx';
}

export interface MunicipalRow {
  engine: 'pglite' | 'postgres';
  first: ImportMeasurement;
  revision: ImportMeasurement;
  /** Cells the re-issue changed. */
  changes: number;
}

export interface CopyMeasurement {
  rows: number;
  /** psql -c "\copy ..." into the partition with its primary key, spawn to exit (ms). */
  totalMs: number;
  fileBytes: number;
  /** \copy into a table without a key (ms), then adding the key and attaching it as the partition (ms); null: not measured. */
  unkeyed: { copyMs: number; keyMs: number } | null;
}

export interface NationalRow {
  rows: number;
  pull: ImportMeasurement;
  copy: CopyMeasurement | null;
}

export interface OpenDataResult {
  pageSize: number;
  importerLoader: 'bundle' | 'tsx';
  municipal: MunicipalRow[];
  national: NationalRow[];
  notes: string[];
}

export type { ImportMeasurement } from './open-data-importer.js';

const MUNICIPAL_TABLE = '47022NED';
const NATIONAL_TABLE = 'BULK47022';
const TOPIC = 'GeregistreerdeMisdrijven';
/** The cells the re-issue of 47022NED changes: all in Maasgouw, each to a value no cell has. */
const CHANGES: { dims: Record<string, string>; value: number | null }[] = [
  { dims: { SoortMisdrijf: '0.0.0', WijkenEnBuurten: 'GM1641', Perioden: '2023MM09' }, value: 4242 },
  { dims: { SoortMisdrijf: '1.1.1', WijkenEnBuurten: 'WK164100', Perioden: '2020MM01' }, value: 4243 },
  { dims: { SoortMisdrijf: '1.1.1', WijkenEnBuurten: 'BU16410000', Perioden: '2012MM01' }, value: 4244 },
  { dims: { SoortMisdrijf: '0.0.0', WijkenEnBuurten: 'BU16410700', Perioden: '2023MM12' }, value: 4245 },
  { dims: { SoortMisdrijf: '1.1.2', WijkenEnBuurten: 'WK164107', Perioden: '2018MM06' }, value: 4246 },
];
/** GM1641 with its 8 wijken and 16 buurten, 59 crime types, 144 months. */
const MAASGOUW_ROWS = 25 * 59 * 144;

interface Sums {
  count: number;
  values: number;
  sum: number;
}

export async function runOpenData(options: OpenDataOptions): Promise<OpenDataResult> {
  if (options.importerLoader === 'tsx')
    return measureAll({ ...options, importer: fileURLToPath(new URL('./open-data-importer.ts', import.meta.url)) });
  progress('opendata: bundling the importer');
  const importer = await buildImporterBundle();
  try {
    return await measureAll({ ...options, importer: importer.file });
  } finally {
    importer.remove();
  }
}

async function measureAll(options: OpenDataOptions & { importer: string }): Promise<OpenDataResult> {
  const result: OpenDataResult = {
    pageSize: options.pageSize,
    importerLoader: options.importerLoader,
    municipal: [],
    national: [],
    notes: [],
  };
  let postgres = options.postgres;
  if (postgres) {
    const probe = await postgresDatabase(options.postgresAdminUrl);
    if ('skipped' in probe) {
      result.notes.push(`PostgreSQL: skipped, ${probe.skipped}`);
      postgres = false;
    } else await probe.drop();
  }
  if (options.municipal) {
    if (postgres) result.municipal.push(await municipal('postgres', options));
    result.municipal.push(await municipal('pglite', options));
  }
  if (options.national && postgres) {
    for (const rows of [...options.nationalRows].sort((a, b) => a - b)) result.national.push(await national(rows, options));
  } else if (options.national) {
    result.notes.push('National bulk pull: skipped, it needs a PostgreSQL server.');
  }
  return result;
}

// ---------------------------------------------------------------- municipal import

async function municipal(engine: 'pglite' | 'postgres', options: OpenDataOptions & { importer: string }): Promise<MunicipalRow> {
  const tag = `opendata: Maasgouw on ${engine === 'pglite' ? 'PGlite' : 'PostgreSQL'}`;
  progress(`${tag}, opening a new database`);
  const fake = await startFakeChild({ pageSize: options.pageSize });
  const database = engine === 'postgres' ? await postgresBenchDatabase(options.postgresAdminUrl) : null;
  try {
    const importer = await startImporter(
      options.importer,
      database ? { engine: 'postgres', url: database.url } : { engine: 'pglite' },
      options.nodeArgs,
    );
    try {
      const pull: TablePull = { service: 'dataderden', table: MUNICIPAL_TABLE, topics: [TOPIC], municipalities: ['GM1641'], codes: null };
      await database?.checkpoint();
      const first = await importer.measure(fake, pull, MAASGOUW_ROWS, `${tag}, first import`);
      await fake.reissue(MUNICIPAL_TABLE, '2024-03-31T02:00:00', CHANGES);
      await database?.checkpoint();
      const revision = await importer.measure(fake, pull, MAASGOUW_ROWS, `${tag}, import after the re-issue`);
      if (first.result.rowsNew !== MAASGOUW_ROWS)
        throw new Error(`${tag}: the first import should have added every row: ${JSON.stringify(first.result)}`);
      if (revision.result.rowsChanged !== CHANGES.length || revision.result.rowsNew !== 0 || revision.result.rowsRemoved !== 0) {
        throw new Error(`${tag}: the second import should have changed ${CHANGES.length} cells: ${JSON.stringify(revision.result)}`);
      }
      return { engine, first, revision, changes: CHANGES.length };
    } finally {
      await importer.stop();
    }
  } finally {
    await database?.drop();
    await fake.stop();
  }
}

// ---------------------------------------------------------------- national bulk pull

async function national(rows: number, options: OpenDataOptions & { importer: string }): Promise<NationalRow> {
  const tag = `opendata: national pull of ${count(rows)} rows`;
  progress(`${tag}, starting the fake server`);
  const fake = await startFakeChild({ pageSize: options.pageSize, bulk: { table: NATIONAL_TABLE, rows } });
  let pull: ImportMeasurement;
  let sums: Sums;
  const database = await postgresBenchDatabase(options.postgresAdminUrl);
  try {
    const importer = await startImporter(options.importer, { engine: 'postgres', url: database.url }, options.nodeArgs);
    try {
      await database.checkpoint();
      const tablePull: TablePull = { service: 'dataderden', table: NATIONAL_TABLE, topics: [TOPIC], municipalities: null, codes: null };
      pull = await importer.measure(fake, tablePull, rows, tag);
    } finally {
      await importer.stop();
    }
    sums = await database.sums(pull.tableId);
  } finally {
    await database.drop();
    await fake.stop();
  }
  const copy = options.copy ? await psqlCopy(rows, options, sums) : null;
  return { rows, pull, copy };
}

/**
 * The national table written once to a file by the fake server's generator (not timed), then
 * loaded with psql's \copy into a new database, twice:
 * - into the table's partition of open_data_observation, with its primary key (the comparison of the issue);
 * - into a table without a key, shaped as the importer's staging table, after which one statement
 *   adds the primary key and attaches it as the partition, as swapIn does for a whole table: the
 *   same end state by the fastest way the server offers, the floor under any importer.
 */
async function psqlCopy(rows: number, options: OpenDataOptions, imported: Sums): Promise<CopyMeasurement> {
  const tag = `opendata: psql \\copy of ${count(rows)} rows`;
  const folder = temporaryFolder('copy');
  const file = join(folder, 'observations.tsv');
  const columns = '(table_id, region_key, category_key, period_key, topic, value)';
  const psql = (url: string, ...commands: string[]) =>
    run(options.psql, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, ...commands.flatMap((command) => ['-c', command])]);
  const timed = async (work: () => Promise<void>) => {
    const before = performance.now();
    await work();
    return performance.now() - before;
  };
  try {
    const keyed = await postgresBenchDatabase(options.postgresAdminUrl);
    let totalMs: number;
    let written: Sums;
    try {
      const tableId = await registerTable(keyed.url);
      progress(`${tag}, writing the file`);
      written = await writeNationalTsv(file, rows, tableId);
      if (written.count !== imported.count || written.values !== imported.values || written.sum !== imported.sum) {
        throw new Error(`${tag}: the file does not hold the rows the pull stored: ${JSON.stringify({ written, imported })}`);
      }
      await keyed.checkpoint();
      progress(`${tag}, into the partition with its primary key`);
      totalMs = await timed(() => psql(keyed.url, `\\copy open_data_observation_${tableId} ${columns} from '${file}'`));
      await checkStored(keyed, tableId, written, tag);
    } finally {
      await keyed.drop();
    }
    let unkeyed: CopyMeasurement['unkeyed'] = null;
    if (options.copyUnkeyed) {
      const database = await postgresBenchDatabase(options.postgresAdminUrl);
      try {
        const tableId = await registerTable(database.url);
        const partition = `open_data_observation_${tableId}`;
        const staging = 'open_data_staging_bench';
        await psql(
          database.url,
          `create table ${staging} (
            table_id integer not null default ${tableId} check (table_id = ${tableId}),
            region_key text not null, category_key text not null, period_key text not null, topic text not null,
            value double precision)`,
        );
        await database.checkpoint();
        progress(`${tag}, into a table without a key`);
        const copyMs = await timed(() => psql(database.url, `\\copy ${staging} ${columns} from '${file}'`));
        progress(`${tag}, adding the key and attaching`);
        const keyMs = await timed(() =>
          psql(
            database.url,
            `alter table ${staging} add primary key (table_id, region_key, category_key, period_key, topic);
             drop table ${partition};
             alter table ${staging} rename to ${partition};
             alter table open_data_observation attach partition ${partition} for values in (${tableId})`,
          ),
        );
        await checkStored(database, tableId, written, tag);
        unkeyed = { copyMs, keyMs };
      } finally {
        await database.drop();
      }
    }
    return { rows, totalMs, fileBytes: statSync(file).size, unkeyed };
  } finally {
    removeFolder(folder);
  }
}

/** Registers the national table in a new benchmark database (with its partition, as the importer does); its id. */
async function registerTable(url: string): Promise<number> {
  const handle = await createDatabase({ engine: 'postgres', url });
  try {
    return await new OpenDataRepository(handle).registerTable('dataderden', NATIONAL_TABLE, 'national table for \\copy');
  } finally {
    await handle.close();
  }
}

async function checkStored(database: PostgresBenchDatabase, tableId: number, expected: Sums, tag: string): Promise<void> {
  const stored = await database.sums(tableId);
  if (stored.count !== expected.count || stored.values !== expected.values || stored.sum !== expected.sum) {
    throw new Error(`${tag}: stored ${JSON.stringify(stored)}, expected ${JSON.stringify(expected)}`);
  }
}

/**
 * The national table in COPY text format, straight from the fake server's table
 * (the same cube walk and value function the server renders its pages from), as
 * importTable stores it: trimmed codes, the topic without its suffix.
 */
async function writeNationalTsv(file: string, rows: number, tableId: number): Promise<Sums> {
  const table = createTables({ bulk: { table: NATIONAL_TABLE, rows } }).find((candidate) => candidate.id === NATIONAL_TABLE);
  if (!table) throw new Error(`the fake server has no table ${NATIONAL_TABLE}`);
  const [crimes, regions, periods] = table.dimensions.map((dimension) => dimension.codes.map((code) => code.trim())) as [
    string[],
    string[],
    string[],
  ];
  const value = table.topics[0]!.value!;
  const plan = planFilter(
    null,
    table.dimensions.map((dimension) => ({ key: dimension.key, values: dimension.codes })),
  );
  const selection = new CubeSelection(table, plan, new Map(), 'bench');
  const out = createWriteStream(file);
  const sums = { count: 0, values: 0, sum: 0 };
  const prefix = `${tableId}\t`;
  const suffix = `\t${TOPIC}\t`;
  for (let skip = 0; ; skip += 100_000) {
    let chunk = '';
    const { more } = selection.page(skip, 100_000, (_id, index) => {
      const cell = value(index);
      sums.count++;
      if (cell !== null) {
        sums.values++;
        sums.sum += cell;
      }
      chunk += `${prefix}${regions[index[1]!]}\t${crimes[index[0]!]}\t${periods[index[2]!]}${suffix}${cell === null ? '\\N' : String(cell)}\n`;
    });
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    if (!more) break;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return sums;
}

// ---------------------------------------------------------------- databases

interface PostgresBenchDatabase {
  url: string;
  /** A CHECKPOINT, so that one run does not pay for the writes of the one before. */
  checkpoint(): Promise<void>;
  /** Count, non-null count and sum of the values of a table. */
  sums(tableId: number): Promise<Sums>;
  drop(): Promise<void>;
}

/** A new database on the server, migrated, dropped afterwards (also when the benchmark is interrupted). */
async function postgresBenchDatabase(adminUrl: string): Promise<PostgresBenchDatabase> {
  const server = await postgresDatabase(adminUrl);
  if ('skipped' in server) throw new Error(`PostgreSQL: ${server.skipped}`);
  const handle = await createDatabase({ engine: 'postgres', url: server.url });
  try {
    await migrateToLatest(handle.db);
  } finally {
    await handle.close();
  }
  const query = async <T>(url: string, text: string): Promise<T[]> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  };
  return {
    url: server.url,
    async checkpoint() {
      try {
        await query(adminUrl, 'checkpoint');
      } catch (error) {
        note(`  note: CHECKPOINT failed (${error instanceof Error ? error.message : error}); measuring without it`);
      }
    },
    async sums(tableId) {
      const [row] = await query<{ count: string; values: string; sum: string | null }>(
        server.url,
        `select count(*) as count, count(value) as values, sum(value) as sum from open_data_observation where table_id = ${Number(tableId)}`,
      );
      return { count: Number(row?.count ?? 0), values: Number(row?.values ?? 0), sum: Number(row?.sum ?? 0) };
    },
    drop: () => server.drop(),
  };
}

// ---------------------------------------------------------------- child processes

interface Child {
  /** The next message of this type; rejects on a 'failed' message or when the child exits. */
  answer<T>(type: string, onOther?: (message: { type?: string } & Record<string, unknown>) => void): Promise<T>;
  send(message: unknown): void;
  /** Sends `stop` and waits for the exit (SIGKILL after 5 s). */
  stop(): Promise<void>;
}

/** Forks `script` with `execArgv`: by default this process's own (tsx's loader flags), without a profiler's or inspector's. */
function forkChild(
  script: string,
  args: string[],
  execArgv = process.execArgv.filter((arg) => !/^--(cpu-prof|heap-prof|inspect|prof)/.test(arg)),
): Child {
  const child = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const forget = onExit(() => child.kill('SIGKILL'));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    answer<T>(type: string, onOther?: (message: { type?: string } & Record<string, unknown>) => void) {
      return new Promise<T>((resolve, reject) => {
        const onMessage = (message: { type?: string } & Record<string, unknown>) => {
          if (message?.type === 'failed') {
            done();
            reject(new Error(`${script}: ${String(message.message)}`));
          } else if (message?.type === type) {
            done();
            resolve(message as T);
          } else onOther?.(message);
        };
        const onChildExit = (code: number | null) => {
          done();
          reject(new Error(`${script} exited (code ${code}) before answering ${type}`));
        };
        const done = () => {
          child.off('message', onMessage);
          child.off('exit', onChildExit);
        };
        child.on('message', onMessage);
        child.once('exit', onChildExit);
      });
    },
    send: (message) => child.send(message as object),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        child.send({ type: 'stop' });
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      forget();
    },
  };
}

interface FakeChild {
  baseUrls: CbsBaseUrls;
  reissue(table: string, modified: string, changes: typeof CHANGES): Promise<void>;
  /** The server's CPU time and peak RSS since the previous call. */
  usage(): Promise<FakeChildUsage>;
  stop(): Promise<void>;
}

async function startFakeChild(options: FakeCbsOptions): Promise<FakeChild> {
  const child = forkChild(fileURLToPath(new URL('./fake-cbs-child.ts', import.meta.url)), [JSON.stringify(options)]);
  const { baseUrls } = await child.answer<{ baseUrls: CbsBaseUrls }>('ready');
  const send = (message: FakeChildRequest) => child.send(message);
  return {
    baseUrls,
    async reissue(table, modified, changes) {
      const done = child.answer('reissued');
      send({ type: 'reissue', table, modified, changes });
      await done;
    },
    async usage() {
      const done = child.answer<FakeChildUsage>('usage');
      send({ type: 'usage' });
      return done;
    },
    stop: () => child.stop(),
  };
}

interface Importer {
  measure(fake: FakeChild, pull: TablePull, expectedRows: number, tag: string): Promise<ImportMeasurement>;
  stop(): Promise<void>;
}

/**
 * The importing process: the bundle under plain node, as dist/koers.mjs runs, or the source
 * through tsx; with the extra node arguments (e.g. --cpu-prof).
 */
async function startImporter(script: string, target: ImporterTarget, nodeArgs: string[]): Promise<Importer> {
  const tsx = script.endsWith('.ts') ? process.execArgv.filter((arg) => !/^--(cpu-prof|heap-prof|inspect|prof)/.test(arg)) : [];
  const child = forkChild(script, [JSON.stringify(target)], [...tsx, ...nodeArgs]);
  await child.answer('ready');
  return {
    async measure(fake, pull, expectedRows, tag) {
      await fake.usage(); // resets the server's counters
      progress(tag);
      const measured = child.answer<{ measurement: ImportMeasurement }>('measured', (message) => {
        if (message.type === 'progress') progress(`${tag}: ${count(Number(message.rows))} of ${count(expectedRows)} rows`);
      });
      child.send({ type: 'import', baseUrls: fake.baseUrls, pull, expectedRows } satisfies ImporterRequest);
      const { measurement } = await measured;
      const server = await fake.usage();
      return { ...measurement, serverCpuMs: server.cpuMs, serverPeakRss: server.peakRss };
    },
    stop: () => child.stop(),
  };
}

/**
 * bench/open-data-importer.ts bundled with the settings of scripts/build.mjs, so that the importer
 * runs as Koers does from dist/koers.mjs: plain node, no tsx loader (whose thread and caches
 * would add some 50 MB to every RSS measured).
 */
async function buildImporterBundle(): Promise<{ file: string; remove(): void }> {
  const { build } = await import('esbuild');
  const { BUNDLE_OPTIONS } = (await import(new URL('../scripts/build.mjs', import.meta.url).href)) as {
    BUNDLE_OPTIONS: import('esbuild').BuildOptions;
  };
  // Inside the checkout, so the bundle finds node_modules (PGlite, pg) as dist/koers.mjs does.
  const folder = join(ROOT, 'node_modules', '.cache', 'koers-bench');
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `open-data-importer-${process.pid}.mjs`);
  const remove = () => {
    rmSync(file, { force: true });
    try {
      rmdirSync(dirname(file)); // only when empty: another run may be using it
    } catch {
      // not empty, or gone
    }
  };
  const forget = onExit(remove);
  await build({ ...BUNDLE_OPTIONS, entryPoints: [join(ROOT, 'bench', 'open-data-importer.ts')], outfile: file });
  return {
    file,
    remove() {
      remove();
      forget();
    },
  };
}

// ---------------------------------------------------------------- small helpers

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { maxBuffer: 1 << 20 }, (error, _stdout, stderr) => {
      if (error) reject(new Error(`${command} failed: ${stderr.trim() || error.message}`));
      else resolve();
    });
  });
}

function count(value: number): string {
  return value.toLocaleString('en');
}

// Not awaited at the top level: run.ts imports this module, which must finish loading first.
if (isMain(import.meta.url)) {
  import('./run.js')
    .then(({ main }) => main(['--only', 'opendata', ...process.argv.slice(2)]))
    .then(() => process.exit(process.exitCode ?? 0));
}
