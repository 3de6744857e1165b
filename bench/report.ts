/**
 * The progress report (`npm run bench:report [-- --write]`), with the
 * Maasgouw example and a year's data (test/report-example.ts) on the
 * embedded database:
 *
 * - **All four formats**: HTML, PDF/A, DOCX and ODT made one after the other
 *   from the report model of 2020, as making a version definitive does, in
 *   a process of its own that runs bundled as `koers` does
 *   (bench/report-child.ts, built with scripts/build.mjs's options) and has
 *   the writers loaded, as a running server has them. The first report in
 *   that process (fonts not yet unpacked, V8 not yet warm), then `--runs`
 *   more, each with its own chart images; that process's memory. Plus the
 *   report model itself, read from the database in this process. Aim: the
 *   model and the four formats together under 2 s, the first time too.
 * - **Under load**: wrk with 8 connections for 10 s against the app on a
 *   port: the page of a definitive version (its report rendered once from
 *   the frozen model and kept) and its stored PDF, as an anonymous reader of
 *   the published plan. No aim.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { type BuildOptions, build } from 'esbuild';
import { createApp } from '../src/app.js';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { DOCUMENT_FORMATS } from '../src/features/reports/render/render-report.js';
import { createServices } from '../src/server.js';
import { reportExample } from '../test/report-example.js';
import {
  clearProgress,
  describeMachine,
  isMain,
  type Load,
  markdownTable,
  ms,
  progress,
  ROOT,
  type Stats,
  stats,
  textTable,
  wrk,
} from './lib.js';

const run = promisify(execFile);
const DOC = join(ROOT, 'docs', 'benchmarks.md');
const BEGIN = '<!-- bench:report:begin (written by `npm run bench:report -- --write`; edits between these lines are overwritten) -->';
const END = '<!-- bench:report:end -->';
const AIM_MS = 2000;

interface Rendering {
  total: number;
  formats: Record<string, number>;
  bytes: Record<string, number>;
}

interface ChildResult {
  first: Rendering;
  runs: Rendering[];
  before: number;
  peakAfterFirst: number;
  peak: number;
}

/** Bundles bench/report-child.ts beside the app's own bundle (dist/, not committed) and runs it on the model. */
async function renderInChild(model: unknown, runs: number): Promise<ChildResult> {
  const { BUNDLE_OPTIONS } = (await import(new URL('../scripts/build.mjs', import.meta.url).href)) as { BUNDLE_OPTIONS: BuildOptions };
  mkdirSync(join(ROOT, 'dist'), { recursive: true });
  const folder = mkdtempSync(join(ROOT, 'dist', 'bench-rapport-'));
  try {
    const bundle = join(folder, 'report-child.mjs');
    await build({ ...BUNDLE_OPTIONS, entryPoints: [join(ROOT, 'bench', 'report-child.ts')], outfile: bundle });
    const modelFile = join(folder, 'model.json');
    writeFileSync(modelFile, JSON.stringify(model));
    const { stdout } = await run(process.execPath, [bundle, modelFile, String(runs)], { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
    return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as ChildResult;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      write: { type: 'boolean', default: false },
      runs: { type: 'string', default: '10' },
      load: { type: 'boolean', default: true },
    },
    allowNegative: true,
  });
  const machine = describeMachine();
  progress('database en voorbeeld...');
  const handle = await createDatabase({ engine: 'pglite', dataDir: null });
  await migrateToLatest(handle.db);
  const services = createServices(handle);
  const planId = await reportExample(services, { published: true });

  progress('het rapportagemodel...');
  const modelTimes: number[] = [];
  let model: unknown = null;
  for (let round = 0; round <= Number(values.runs); round++) {
    const started = performance.now();
    model = await services.reports.model(SYSTEM, planId, 2020);
    modelTimes.push(performance.now() - started);
  }
  progress('de vier formaten, in een eigen proces...');
  const child = await renderInChild(model, Number(values.runs));

  const loads: Load[] = [];
  if (values.load) {
    await services.reports.create(SYSTEM, planId, 2020);
    await services.reports.finalise(SYSTEM, planId, 2020, 1);
    const app = createApp(services);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const instance = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(instance));
    });
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/plannen/${planId}/rapportages/2020/versies/1`;
    progress('wrk: pagina van een definitieve versie...');
    loads.push(await wrk(base, 'page of a definitive version (its report rendered once and kept)'));
    progress('wrk: de bewaarde PDF...');
    loads.push(await wrk(`${base}/bestand/pdf`, 'its stored PDF'));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await handle.close();
  clearProgress();

  const firstModel = modelTimes[0] ?? 0;
  const laterModel: Stats = stats(modelTimes.slice(1));
  const together = stats(child.runs.map((rendering, index) => rendering.total + (modelTimes[index + 1] ?? 0)));
  const firstTogether = child.first.total + firstModel;
  const perFormat = (format: string) => stats(child.runs.map((rendering) => rendering.formats[format] ?? 0));
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const header = ['what', 'first', `median of ${child.runs.length}`, `p95 of ${child.runs.length}`, 'aim'];
  const met = firstTogether <= AIM_MS && together.p95 <= AIM_MS;
  const rows = [
    [
      'model + HTML + PDF + DOCX + ODT',
      ms(firstTogether),
      ms(together.median),
      ms(together.p95),
      `${ms(AIM_MS)}: ${met ? 'met' : 'MISSED'}`,
    ],
    ['report model (read from the database)', ms(firstModel), ms(laterModel.median), ms(laterModel.p95), ''],
    ...DOCUMENT_FORMATS.map((format) => [
      `${format.toUpperCase()} (${((child.first.bytes[format] ?? 0) / 1024).toFixed(0)} KiB)`,
      ms(child.first.formats[format] ?? 0),
      ms(perFormat(format).median),
      ms(perFormat(format).p95),
      '',
    ]),
  ];
  const memory = `Memory of the process that makes the files (bundled, writers loaded, from the model without a database): ${mib(child.before)} resident before the first report, peak ${mib(child.peakAfterFirst)} after it, peak ${mib(child.peak)} after all ${child.runs.length + 1}.`;
  const loadHeader = ['under load (wrk, 8 connections, 10 s)', 'requests/s', 'p50', 'p99', 'errors'];
  const loadRows = loads.map((load) => [
    load.what,
    load.requestsPerSecond.toFixed(0),
    ms(load.latency.p50),
    ms(load.latency.p99),
    String(load.errors),
  ]);
  const facts = `${machine.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}, commit ${machine.commit}${machine.workingTreeChanged ? ' plus uncommitted changes' : ''}, ${machine.cpus} CPUs (${machine.cpuModel}), node ${machine.node}, load ${machine.loadBefore.join(' / ')}`;
  console.log(`${facts}\n${textTable(header, rows)}\n${memory}${loads.length ? `\n${textTable(loadHeader, loadRows)}` : ''}`);
  if (values.write) {
    const text = readFileSync(DOC, 'utf8');
    const begin = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (begin < 0 || end < begin) throw new Error(`docs/benchmarks.md has no section between "${BEGIN}" and "${END}"`);
    const markdown = `- ${facts}\n\n${markdownTable(header, rows)}\n\n${memory}\n${loads.length ? `\n${markdownTable(loadHeader, loadRows)}\n` : ''}`;
    writeFileSync(DOC, `${text.slice(0, begin + BEGIN.length)}\n${markdown}\n${text.slice(end)}`);
    console.log(`\nWritten to ${DOC}`);
  }
  if (!met) process.exitCode = 1;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    clearProgress();
    console.error(error);
    process.exitCode = 1;
  });
}
