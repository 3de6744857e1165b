/**
 * The importing process of bench/open-data.ts: a fresh process per database
 * that loads only the import's code, so that its RSS is the importer's own and
 * starts from the same baseline whatever was measured before. Bundled by
 * bench/open-data.ts as dist/koers.mjs is (or run through tsx). Started with
 * fork(); talks over the IPC channel:
 *
 *   child -> parent  { type: 'ready' }                              database open (and migrated)
 *   parent -> child  { type: 'import', baseUrls, pull, expectedRows } answered { type: 'progress', rows } while
 *                                                                   it runs, then { type: 'measured', measurement }
 *   parent -> child  { type: 'stop' }                               closes the database and exits
 *   child -> parent  { type: 'failed', message }                    on any error
 *
 * argv[2]: JSON of { engine: 'pglite' } (a new in-memory database, migrated here)
 * or { engine: 'postgres', url } (a database the parent created and migrated).
 */
import { createDatabase, type DatabaseHandle, migrateToLatest } from '../src/db/create-db.js';
import { OpenDataRepository } from '../src/features/monitoring/open-data.repository.js';
import { importTable, type TableImportResult, type TablePull } from '../src/features/monitoring/open-data-import.js';
import { type CbsBaseUrls, CbsClient } from '../src/opendata/cbs-client.js';

export type ImporterTarget = { engine: 'pglite' } | { engine: 'postgres'; url: string };

export interface ImportMeasurement {
  engine: 'pglite' | 'postgres';
  rows: number;
  /** importTable, call to return (ms). */
  totalMs: number;
  /** Of which: the time the import waited for the client's next page (fetch, JSON.parse, cells) (ms). */
  waitingMs: number;
  /** Of which: swapIn, the staged rows swapped in (primary key and attach, or the revision diff) (ms). */
  swapInMs: number;
  /** RSS of the importing process when the import began, and its peak during the import (bytes). */
  startRss: number;
  peakRss: number;
  /** Peak V8 heap in use during the import (bytes). */
  peakHeap: number;
  /** CPU time of the importing process during the import (ms). */
  cpuMs: number;
  /** Filled in by the parent: the fake server's CPU time and peak RSS during the import. */
  serverCpuMs: number;
  serverPeakRss: number;
  tableId: number;
  result: Pick<TableImportResult, 'rowsReceived' | 'rowsNew' | 'rowsChanged' | 'rowsRemoved'>;
}

export type ImporterRequest = { type: 'import'; baseUrls: CbsBaseUrls; pull: TablePull; expectedRows: number } | { type: 'stop' };

const ACTOR = 'benchmark';

async function measureImport(handle: DatabaseHandle, engine: ImporterTarget['engine'], request: ImporterRequest & { type: 'import' }) {
  const client = new CbsClient({ baseUrls: request.baseUrls });
  // Timed from outside, so that the source stays as it is: the client's page generator and swapIn.
  let waitingMs = 0;
  const cells = client.cells.bind(client);
  client.cells = async function* (...args) {
    const pages = cells(...args);
    for (;;) {
      const before = performance.now();
      const next = await pages.next();
      waitingMs += performance.now() - before;
      if (next.done) return;
      yield next.value;
    }
  };
  const repository = new OpenDataRepository(handle);
  let swapInMs = 0;
  const swapIn = repository.swapIn.bind(repository);
  repository.swapIn = async (...args) => {
    const before = performance.now();
    try {
      return await swapIn(...args);
    } finally {
      swapInMs = performance.now() - before;
    }
  };

  const startRss = process.memoryUsage().rss;
  let peakRss = startRss;
  let peakHeap = process.memoryUsage().heapUsed;
  const sample = () => {
    const usage = process.memoryUsage();
    peakRss = Math.max(peakRss, usage.rss);
    peakHeap = Math.max(peakHeap, usage.heapUsed);
  };
  const timer = setInterval(sample, 100);
  const cpu = process.cpuUsage();
  const before = performance.now();
  let shown = 0;
  let result: TableImportResult;
  try {
    result = await importTable(client, repository, request.pull, ACTOR, (event) => {
      if (event.rows - shown >= 100_000) {
        shown = event.rows;
        process.send?.({ type: 'progress', rows: event.rows });
      }
    });
  } finally {
    clearInterval(timer);
  }
  const totalMs = performance.now() - before;
  const used = process.cpuUsage(cpu);
  sample();
  if (result.unchanged || result.rowsReceived !== request.expectedRows) {
    throw new Error(`expected ${request.expectedRows} rows, received ${result.rowsReceived}${result.unchanged ? ' (unchanged)' : ''}`);
  }
  const stored = await repository.countObservations(result.tableId);
  if (stored !== request.expectedRows) throw new Error(`${stored} rows stored, expected ${request.expectedRows}`);
  const measurement: ImportMeasurement = {
    engine,
    rows: result.rowsReceived,
    totalMs,
    waitingMs,
    swapInMs,
    startRss,
    peakRss,
    peakHeap,
    cpuMs: (used.user + used.system) / 1000,
    serverCpuMs: 0,
    serverPeakRss: 0,
    tableId: result.tableId,
    result: {
      rowsReceived: result.rowsReceived,
      rowsNew: result.rowsNew,
      rowsChanged: result.rowsChanged,
      rowsRemoved: result.rowsRemoved,
    },
  };
  return measurement;
}

async function main(): Promise<void> {
  const target = JSON.parse(process.argv[2] ?? '{}') as ImporterTarget;
  const handle =
    target.engine === 'pglite'
      ? await createDatabase({ engine: 'pglite', dataDir: null })
      : await createDatabase({ engine: 'postgres', url: target.url });
  if (target.engine === 'pglite') await migrateToLatest(handle.db);
  let queue = Promise.resolve();
  process.on('message', (request: ImporterRequest) => {
    queue = queue.then(async () => {
      try {
        if (request.type === 'import') {
          process.send?.({ type: 'measured', measurement: await measureImport(handle, target.engine, request) });
        } else if (request.type === 'stop') {
          await handle.close();
          process.exit(0);
        }
      } catch (error) {
        process.send?.({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    });
  });
  process.on('disconnect', () => process.exit(0));
  process.send?.({ type: 'ready' });
}

main().catch((error) => {
  process.send?.({ type: 'failed', message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exit(1);
});
