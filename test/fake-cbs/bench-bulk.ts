/**
 * Benchmark of the fake CBS server's bulk mode: streams a synthetic national table
 * (default 10 million rows) page by page, once reading raw pages and once through
 * CbsClient.cells(), and reports rows per second and the server's peak memory.
 * The server runs in a child process so that its rate and memory are its own.
 *
 *   npx tsx test/fake-cbs/bench-bulk.ts [rows] [pageSize]
 */
import { fork } from 'node:child_process';
import { Agent, get } from 'node:http';
import { fileURLToPath } from 'node:url';
import { CbsClient } from '../../src/opendata/cbs-client.js';
import { startFakeCbs } from './fake-cbs-server.js';

const TABLE = 'BULK47022';

interface ServerReady {
  baseUrls: Record<'opendata' | 'dataderden' | 'datasets', string>;
}
interface ServerMemory {
  peakRssMb: number;
  peakHeapMb: number;
  startRssMb: number;
}

const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function serve(rows: number, pageSize: number): Promise<void> {
  const fake = await startFakeCbs({ pageSize, bulk: { table: TABLE, rows } });
  const start = process.memoryUsage();
  let peakRss = start.rss;
  let peakHeap = start.heapUsed;
  setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 50).unref();
  process.send?.({ baseUrls: fake.baseUrls } satisfies ServerReady);
  process.on('message', async (message) => {
    if (message === 'memory')
      process.send?.({ peakRssMb: mb(peakRss), peakHeapMb: mb(peakHeap), startRssMb: mb(start.rss) } satisfies ServerMemory);
    if (message === 'stop') {
      await fake.close();
      process.exit(0);
    }
  });
}

/** Reads every page with node:http as bytes (no decoding): the server's own rate. */
async function rawPass(first: string): Promise<{ rows: number; bytes: number; pages: number }> {
  const marker = Buffer.from('"odata.nextLink":"');
  let url: string | null = first;
  let rows = 0;
  let bytes = 0;
  let pages = 0;
  const agent = new Agent({ keepAlive: true });
  while (url) {
    const body = await new Promise<Buffer>((resolve, reject) => {
      get(url!, { agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks)));
        response.on('error', reject);
      }).on('error', reject);
    });
    bytes += body.length;
    pages++;
    const at = body.lastIndexOf(marker);
    const next = at < 0 ? null : body.toString('utf8', at + marker.length, body.indexOf('"', at + marker.length));
    rows += next
      ? Number(new URL(next).searchParams.get('$skip')) - rows
      : (JSON.parse(body.toString('utf8')) as { value: unknown[] }).value.length;
    url = next;
  }
  agent.destroy();
  return { rows, bytes, pages };
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 10_000_000);
  const pageSize = Number(process.argv[3] ?? 10_000);
  const child = fork(fileURLToPath(import.meta.url), ['--serve', String(rows), String(pageSize)], { execArgv: process.execArgv });
  const ask = <T>(message?: string) =>
    new Promise<T>((resolve) => {
      child.once('message', (answer) => resolve(answer as T));
      if (message) child.send(message);
    });
  const { baseUrls } = await ask<ServerReady>();
  const feed = `${baseUrls.dataderden}/ODataFeed/odata/${TABLE}/TypedDataSet?$format=json&$select=SoortMisdrijf,WijkenEnBuurten,Perioden,GeregistreerdeMisdrijven_1`;

  let started = performance.now();
  const raw = await rawPass(feed);
  let seconds = (performance.now() - started) / 1000;
  console.log(
    `raw (http):  ${raw.rows.toLocaleString('en')} rows, ${raw.pages} pages, ${(raw.bytes / 1e6).toFixed(0)} MB in ${seconds.toFixed(1)} s = ${Math.round(raw.rows / seconds).toLocaleString('en')} rows/s`,
  );

  const client = new CbsClient({ baseUrls });
  started = performance.now();
  let cells = 0;
  let clientPeakHeap = 0;
  for await (const page of client.cells('dataderden', TABLE, { topics: ['GeregistreerdeMisdrijven_1'] })) {
    cells += page.length;
    clientPeakHeap = Math.max(clientPeakHeap, process.memoryUsage().heapUsed);
  }
  seconds = (performance.now() - started) / 1000;
  console.log(
    `CbsClient:   ${cells.toLocaleString('en')} cells in ${seconds.toFixed(1)} s = ${Math.round(cells / seconds).toLocaleString('en')} rows/s, client peak heap ${mb(clientPeakHeap)} MB`,
  );

  const memory = await ask<ServerMemory>('memory');
  console.log(`server:      rss ${memory.startRssMb} MB at start, peak rss ${memory.peakRssMb} MB, peak heap ${memory.peakHeapMb} MB`);
  child.send('stop');
}

if (process.argv[2] === '--serve') await serve(Number(process.argv[3]), Number(process.argv[4]));
else await main();
