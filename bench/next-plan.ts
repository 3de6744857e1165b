/**
 * Towards the next plan (`npm run bench:next-plan [-- --write]`): the
 * Maasgouw example against the local fake CBS server, which runs in a process
 * of its own (bench/fake-cbs-child.ts) so that its work is not counted here.
 *
 * - **One municipality with a reference group of 30**, on the embedded
 *   database: fetching what the comparison needs (CBS 70072ned for every
 *   municipality, police 47013NED and 47021NED for the 30, Maasgouw and the
 *   Netherlands), the first time and again when the source is unchanged;
 *   then the comparison page, the safety analysis page and the analysis as PDF/A, each
 *   rendered through the app as a reader asks for them (after the plan's
 *   own refresh stored the police figures). Aims: first fetch under 10 s,
 *   unchanged under 1 s, the comparison page p95 under 500 ms, the analysis
 *   page under 1 s, the PDF under 3 s. Then the same two pages and the
 *   regional view of Limburg-Noord under load (wrk, 8 connections, 10 s;
 *   `--no-load` leaves it out): no errors.
 * - **A national comparison** on PostgreSQL (BENCH_DATABASE_URL or
 *   TEST_DATABASE_URL; skipped, and said, without one): Maasgouw against
 *   every municipality: the fetch of 47013NED and 47021NED for the whole
 *   country, then the comparison read and computed, and its page. Aims: the comparison and its
 *   page p95 under 1 s, the fetch under 60 s.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { serve } from '@hono/node-server';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { createDatabase, type DatabaseHandle, migrateToLatest } from '../src/db/create-db.js';
import { chooseReferenceGroup } from '../src/domain/reference-group.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { readKeyFigures } from '../src/features/similar-municipalities/key-figures.js';
import type { CbsBaseUrls } from '../src/opendata/cbs-client.js';
import { createServices } from '../src/server.js';
import {
  clearProgress,
  describeMachine,
  isMain,
  type Load,
  markdownTable,
  ms,
  onExit,
  progress,
  ROOT,
  stats,
  textTable,
  wrk,
} from './lib.js';

const DOC = join(ROOT, 'docs', 'benchmarks.md');
const BEGIN = '<!-- bench:next-plan:begin (written by `npm run bench:next-plan -- --write`; edits between these lines are overwritten) -->';
const END = '<!-- bench:next-plan:end -->';
const MAASGOUW = 'GM1641';

interface Line {
  what: string;
  engine: string;
  n: number;
  median: number;
  p95: number;
  aim: number;
}

async function startFake(): Promise<{ baseUrls: CbsBaseUrls; stop(): Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./fake-cbs-child.ts', import.meta.url)), ['{}'], {
    execArgv: process.execArgv,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const forget = onExit(() => child.kill('SIGKILL'));
  const baseUrls = await new Promise<CbsBaseUrls>((resolve, reject) => {
    child.once('message', (message: { type?: string; baseUrls?: CbsBaseUrls }) =>
      message.type === 'ready' && message.baseUrls ? resolve(message.baseUrls) : reject(new Error(JSON.stringify(message))),
    );
    child.once('exit', (code) => reject(new Error(`the fake CBS server stopped (code ${code})`)));
  });
  return {
    baseUrls,
    async stop() {
      child.send({ type: 'stop' });
      await new Promise((resolve) => child.once('exit', resolve));
      forget();
    },
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await work();
  return { value, ms: performance.now() - start };
}

async function repeat(n: number, label: string, work: () => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    progress(`${label} ${i + 1}/${n}`);
    samples.push((await timed(work)).ms);
  }
  return samples;
}

function line(what: string, engine: string, samples: number[], aim: number): Line {
  const summary = stats(samples);
  return { what, engine, n: summary.n, median: summary.median, p95: summary.p95, aim };
}

async function ok(response: Response): Promise<void> {
  if (response.status !== 200) throw new Error(`status ${response.status}: ${(await response.text()).slice(0, 300)}`);
  await response.arrayBuffer();
}

/** The 30 municipalities nearest Maasgouw in size and urbanisation, from the key figures as a first fetch stores them. */
async function groupOfThirty(baseUrls: CbsBaseUrls): Promise<string[]> {
  const handle = await createDatabase({ engine: 'pglite', dataDir: null });
  await migrateToLatest(handle.db);
  const services = createServices(handle, undefined, { baseUrls });
  const plan = (await loadExampleIfEmpty(services.plans))!;
  await services.similarMunicipalities.pull(SYSTEM, plan.id, {}, () => {});
  const { facts } = await services.uow.read(({ openData }) => readKeyFigures(openData));
  await handle.close();
  const target = facts.find((fact) => fact.code === MAASGOUW);
  if (!target) throw new Error('no key figures of Maasgouw');
  return chooseReferenceGroup(target, facts, { minimum: 30, maximum: 30 }).members.map((member) => member.code);
}

async function groupBenchmark(
  baseUrls: CbsBaseUrls,
  runs: number,
  load: boolean,
): Promise<{ lines: Line[]; facts: string[]; loads: Load[] }> {
  const codes = await groupOfThirty(baseUrls);
  const handle = await createDatabase({ engine: 'pglite', dataDir: null });
  await migrateToLatest(handle.db);
  const services = createServices(handle, undefined, { baseUrls });
  const plan = (await loadExampleIfEmpty(services.plans))!;
  progress('the plan’s own refresh');
  const refresh = await timed(() => services.monitoring.refresh(SYSTEM, plan.id, () => {}));
  const group = { kind: 'hand' as const, codes };
  progress('first fetch of the group');
  const first = await timed(() => services.similarMunicipalities.pull(SYSTEM, plan.id, { group }, () => {}));
  const again = await repeat(5, 'unchanged fetch', () => services.similarMunicipalities.pull(SYSTEM, plan.id, { group }, () => {}));
  const app = createApp(services);
  const comparisonPath = `/plannen/${plan.id}/vergelijkbare-gemeenten?groep=hand&gemeenten=${codes.join(',')}`;
  const analysisPath = `/plannen/${plan.id}/analyse`;
  await ok(await app.request(comparisonPath));
  await ok(await app.request(analysisPath));
  const comparison = await repeat(runs, 'comparison page', async () => ok(await app.request(comparisonPath)));
  const analysis = await repeat(runs, 'analysis page', async () => ok(await app.request(analysisPath)));
  const pdf = await repeat(5, 'analysis PDF', async () => ok(await app.request(`${analysisPath}/bestand/pdf`)));
  const rows = first.value.tables.map((table) => `${table.table} ${table.rowsReceived.toLocaleString('en')} rows`).join(', ');
  const loads: Load[] = [];
  if (load) {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const instance = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(instance));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const [path, what] of [
      [comparisonPath, 'comparison page, group of 30'],
      [analysisPath, 'safety analysis page'],
      ['/regio/veiligheidsregio/limburg-noord', 'regional view of Limburg-Noord'],
    ] as const) {
      progress(`wrk: ${what}`);
      loads.push(await wrk(base + path, what));
    }
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await handle.close();
  return {
    loads,
    lines: [
      line('Fetch for a group of 30, first time', 'PGlite', [first.ms], 10_000),
      line('Fetch for a group of 30, source unchanged', 'PGlite', again, 1_000),
      line('Comparison page, group of 30', 'PGlite', comparison, 500),
      line('Safety analysis page', 'PGlite', analysis, 1_000),
      line('Safety analysis as PDF/A', 'PGlite', pdf, 3_000),
    ],
    facts: [`the plan's own refresh before it: ${ms(refresh.ms)}`, `first fetch: ${rows}`],
  };
}

async function nationalBenchmark(baseUrls: CbsBaseUrls, url: string, runs: number): Promise<{ lines: Line[]; facts: string[] }> {
  const schema = `koers_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = await createDatabase({ engine: 'postgres', url });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  let handle: DatabaseHandle | undefined;
  try {
    handle = await createDatabase({ engine: 'postgres', url, schema });
    await migrateToLatest(handle.db);
    const services = createServices(handle, undefined, { baseUrls });
    const plan = (await loadExampleIfEmpty(services.plans))!;
    const group = { kind: 'all' as const };
    progress('fetching 47013NED for the whole country');
    const pull = await timed(() => services.similarMunicipalities.pull(SYSTEM, plan.id, { group }, () => {}));
    const view = await services.similarMunicipalities.comparison(SYSTEM, plan.id, { group });
    const compare = await repeat(runs, 'national comparison', () => services.similarMunicipalities.comparison(SYSTEM, plan.id, { group }));
    const app = createApp(services);
    const page = await repeat(runs, 'national comparison page', async () =>
      ok(await app.request(`/plannen/${plan.id}/vergelijkbare-gemeenten?groep=alle`)),
    );
    const rows = pull.value.tables.map((table) => `${table.table} ${table.rowsReceived.toLocaleString('en')} rows`).join(', ');
    return {
      lines: [
        line('Fetch for every municipality, first time', 'PostgreSQL', [pull.ms], 60_000),
        line(`National comparison (${view.group.members.length} municipalities), read and computed`, 'PostgreSQL', compare, 1_000),
        line('National comparison page', 'PostgreSQL', page, 1_000),
      ],
      facts: [`national fetch: ${rows}`],
    };
  } finally {
    await handle?.close();
    await sql.raw(`drop schema ${schema} cascade`).execute(admin.db);
    await admin.close();
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      write: { type: 'boolean', default: false },
      runs: { type: 'string', default: '20' },
      load: { type: 'boolean', default: true },
    },
  });
  const runs = Number(values.runs);
  const machine = describeMachine();
  const fake = await startFake();
  const lines: Line[] = [];
  const facts: string[] = [];
  const loads: Load[] = [];
  try {
    const group = await groupBenchmark(fake.baseUrls, runs, values.load ?? true);
    lines.push(...group.lines);
    loads.push(...group.loads);
    facts.push(...group.facts);
    const url = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? '';
    if (url) {
      const national = await nationalBenchmark(fake.baseUrls, url, Math.min(runs, 10));
      lines.push(...national.lines);
      facts.push(...national.facts);
    } else {
      facts.push('national comparison skipped: set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL server');
    }
  } finally {
    clearProgress();
    await fake.stop();
  }
  const header = ['What', 'Engine', 'n', 'Median', 'p95', 'Aim', 'Met'];
  const rows = lines.map((entry) => [
    entry.what,
    entry.engine,
    String(entry.n),
    ms(entry.median),
    ms(entry.p95),
    `< ${ms(entry.aim)}`,
    entry.p95 < entry.aim ? 'yes' : 'NO',
  ]);
  const context = `${machine.date.slice(0, 16).replace('T', ' ')} UTC, commit ${machine.commit}${machine.workingTreeChanged ? ' (with changes)' : ''}, ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load before ${machine.loadBefore.join(' ')}`;
  const loadHeader = ['Under load (wrk, 8 connections, 10 s, PGlite)', 'requests/s', 'p50', 'p99', 'errors'];
  const loadRows = loads.map((entry) => [
    entry.what,
    entry.requestsPerSecond.toFixed(0),
    ms(entry.latency.p50),
    ms(entry.latency.p99),
    String(entry.errors),
  ]);
  console.log(textTable(header, rows));
  if (loads.length > 0) console.log(textTable(loadHeader, loadRows));
  for (const fact of facts) console.log(`- ${fact}`);
  console.log(`- ${context}`);
  if (values.write) {
    const text = readFileSync(DOC, 'utf8');
    const begin = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (begin < 0 || end < begin) throw new Error(`docs/benchmarks.md has no section between "${BEGIN}" and "${END}"`);
    const loadTable = loads.length > 0 ? `\n${markdownTable(loadHeader, loadRows)}\n` : '';
    const markdown = `${markdownTable(header, rows)}\n${loadTable}\n${[...facts, context].map((fact) => `- ${fact}`).join('\n')}\n`;
    writeFileSync(DOC, `${text.slice(0, begin + BEGIN.length)}\n${markdown}\n${text.slice(end)}`);
  }
  if (lines.some((entry) => entry.p95 >= entry.aim) || loads.some((entry) => entry.errors > 0)) process.exitCode = 1;
}

if (isMain(import.meta.url)) await main();
