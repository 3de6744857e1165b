/**
 * The progress report (`npm run bench:report [-- --write]`), on the embedded
 * database with the Maasgouw example and a year's data
 * (test/report-example.ts):
 *
 * - **All four formats**: the report model of 2020, then HTML, PDF/A, DOCX
 *   and ODT made from it, one after the other, as making a version
 *   definitive does. The first time in a process (fonts unpacked, the chart
 *   rasteriser's WebAssembly loaded) and then `--runs` times; the peak
 *   resident memory of the process, and how much the first report added to
 *   it. Aim: all four together under 2 s.
 * - **Under load**: wrk with 8 connections for 10 s against the app on a
 *   port: the page of a definitive version (made from its frozen model) and
 *   its stored PDF. No aim; the numbers show what a council evening asks.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { serve } from '@hono/node-server';
import { createApp } from '../src/app.js';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { forgetChartImages } from '../src/features/reports/render/chart-images.js';
import { DOCUMENT_FORMATS, renderReport } from '../src/features/reports/render/render-report.js';
import { defaultTexts } from '../src/features/reports/report-texts.js';
import { createServices } from '../src/server.js';
import { reportExample } from '../test/report-example.js';
import { clearProgress, describeMachine, isMain, markdownTable, ms, progress, ROOT, stats, textTable } from './lib.js';

const DOC = join(ROOT, 'docs', 'benchmarks.md');
const BEGIN = '<!-- bench:report:begin (written by `npm run bench:report -- --write`; edits between these lines are overwritten) -->';
const END = '<!-- bench:report:end -->';
const AIM_MS = 2000;

interface Timing {
  total: number;
  model: number;
  formats: Record<string, number>;
  bytes: Record<string, number>;
}

async function oneReport(services: ReturnType<typeof createServices>, planId: string): Promise<Timing> {
  // Each run as a new report: no chart image made before.
  forgetChartImages();
  const started = performance.now();
  const model = await services.reports.model(SYSTEM, planId, 2020);
  const modelDone = performance.now();
  const document = { model, texts: defaultTexts(model), version: null };
  const formats: Record<string, number> = {};
  const bytes: Record<string, number> = {};
  for (const format of DOCUMENT_FORMATS) {
    const before = performance.now();
    bytes[format] = (await renderReport(document, format)).byteLength;
    formats[format] = performance.now() - before;
  }
  return { total: performance.now() - started, model: modelDone - started, formats, bytes };
}

interface Load {
  what: string;
  requestsPerSecond: number;
  latency: { p50: number; p99: number };
  errors: number;
}

/** wrk in a child process: the server it asks runs in this one, so this process must not block while it waits. */
async function wrk(url: string, what: string): Promise<Load> {
  const { stdout: output } = await promisify(execFile)('wrk', ['-t', '2', '-c', '8', '-d', '10s', '--latency', url], { encoding: 'utf8' });
  const seconds = (text: string | undefined) => {
    const match = /([\d.]+)(us|ms|s)/.exec(text ?? '');
    if (!match) return Number.NaN;
    const value = Number(match[1]);
    return match[2] === 'us' ? value / 1000 : match[2] === 's' ? value * 1000 : value;
  };
  const errors = /Non-2xx or 3xx responses: (\d+)/.exec(output)?.[1] ?? '0';
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(output);
  return {
    what,
    requestsPerSecond: Number(/Requests\/sec:\s+([\d.]+)/.exec(output)?.[1] ?? Number.NaN),
    latency: { p50: seconds(/^\s+50%\s+(\S+)/m.exec(output)?.[1]), p99: seconds(/^\s+99%\s+(\S+)/m.exec(output)?.[1]) },
    errors: Number(errors) + (socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0),
  };
}

/**
 * The child of `--alleen-maken <model.json>`: renders the four formats once
 * from a model, without a database, and prints its memory: what making a
 * report takes beside the app.
 */
async function renderOnly(modelFile: string): Promise<void> {
  const model = JSON.parse(readFileSync(modelFile, 'utf8'));
  const before = process.memoryUsage().rss;
  const document = { model, texts: defaultTexts(model), version: null };
  for (const format of DOCUMENT_FORMATS) await renderReport(document, format);
  console.log(JSON.stringify({ before, peak: process.resourceUsage().maxRSS * 1024 }));
}

function renderOnlyInChild(model: unknown): { before: number; peak: number } {
  const folder = mkdtempSync(join(tmpdir(), 'koers-bench-rapport-'));
  try {
    const file = join(folder, 'model.json');
    writeFileSync(file, JSON.stringify(model));
    const output = execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--alleen-maken', file], {
      encoding: 'utf8',
    });
    return JSON.parse(output.trim().split('\n').at(-1) ?? '{}');
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
      'alleen-maken': { type: 'string' },
    },
    allowNegative: true,
  });
  if (values['alleen-maken']) return renderOnly(values['alleen-maken']);
  const machine = describeMachine();
  progress('database en voorbeeld...');
  const handle = await createDatabase({ engine: 'pglite', dataDir: null });
  await migrateToLatest(handle.db);
  const services = createServices(handle);
  const planId = await reportExample(services, { published: true });
  const rssBefore = process.memoryUsage().rss;

  progress('eerste rapportage...');
  const first = await oneReport(services, planId);
  const peakAfterFirst = process.resourceUsage().maxRSS * 1024;
  const runs: Timing[] = [];
  for (let run = 0; run < Number(values.runs); run++) {
    progress(`rapportage ${run + 1}/${values.runs}...`);
    runs.push(await oneReport(services, planId));
  }
  const peak = process.resourceUsage().maxRSS * 1024;
  progress('geheugen van het maken alleen...');
  const alone = renderOnlyInChild(await services.reports.model(SYSTEM, planId, 2020));

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
    loads.push(await wrk(base, 'page of a definitive version (HTML from its frozen model)'));
    progress('wrk: de bewaarde PDF...');
    loads.push(await wrk(`${base}/bestand/pdf`, 'its stored PDF'));
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  await handle.close();
  clearProgress();

  const totals = stats(runs.map((run) => run.total));
  const perFormat = (format: string) => stats(runs.map((run) => run.formats[format] ?? 0)).median;
  const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
  const header = ['what', 'first in the process', `median of ${runs.length}`, `p95 of ${runs.length}`, 'aim'];
  const rows = [
    [
      'model + HTML + PDF + DOCX + ODT',
      ms(first.total),
      ms(totals.median),
      ms(totals.p95),
      `${ms(AIM_MS)}: ${first.total <= AIM_MS && totals.p95 <= AIM_MS ? 'met' : 'MISSED'}`,
    ],
    ['report model (database reads included)', ms(first.model), ms(stats(runs.map((run) => run.model)).median), '', ''],
    ...DOCUMENT_FORMATS.map((format) => [
      `${format.toUpperCase()} (${((first.bytes[format] ?? 0) / 1024).toFixed(0)} KiB)`,
      ms(first.formats[format] ?? 0),
      ms(perFormat(format)),
      '',
      '',
    ]),
  ];
  const memory = `Resident memory of this process (the app on the embedded database, the example loaded): ${mib(rssBefore)} before the first report, peak ${mib(peakAfterFirst)} after it, peak ${mib(peak)} after all ${runs.length + 1}. Making the four files alone, in a process of its own from the model without a database: ${mib(alone.before)} with the code loaded, peak ${mib(alone.peak)}.`;
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
  if (first.total > AIM_MS || totals.p95 > AIM_MS) process.exitCode = 1;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    clearProgress();
    console.error(error);
    process.exitCode = 1;
  });
}
