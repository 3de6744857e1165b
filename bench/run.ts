/**
 * `npm run bench`: all benchmarks, one table each, and the targets of the
 * issue checked. `npm run bench -- --write` also rewrites the results section
 * of docs/benchmarks.md. `npm run bench -- --help` lists the options.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { type BreakdownResult, runBreakdown } from './breakdown.js';
import { clearProgress, describeMachine, exportCommit, isMain, type Machine, markdownTable, ms, ROOT, stats, textTable } from './lib.js';
import { type ImportMeasurement, type OpenDataResult, runOpenData } from './open-data.js';
import { type ReadsResult, readsTables, runReads } from './reads.js';
import { type RenderResult, type RenderRow, runRender } from './render.js';
import { runStartup, type StartupResult } from './startup.js';

const TARGETS = { laterStartMs: 3_000, overviewMs: 50, pullToCopy: 0.5, pullPeakRssMb: 300, flatRssMb: 64 };
const BENCHMARKS = ['startup', 'breakdown', 'render', 'opendata', 'reads'];
/** Run when --only is not given: opendata takes about 8 minutes on 2 CPUs and reads about 5, so they run only when named. */
const DEFAULT_BENCHMARKS = 'startup,breakdown,render';
const DOC = join(ROOT, 'docs', 'benchmarks.md');
/** The results sections of docs/benchmarks.md: one for start-up and page times, one for the open-data import. */
const SECTIONS = {
  main: {
    begin: '<!-- bench:results:begin (written by `npm run bench -- --write`; edits between these lines are overwritten) -->',
    end: '<!-- bench:results:end -->',
    title: 'Results',
  },
  opendata: {
    begin:
      '<!-- bench:opendata:begin (written by `npm run bench -- --only opendata --write`; edits between these lines are overwritten) -->',
    end: '<!-- bench:opendata:end -->',
    title: 'Results: open-data import',
  },
  reads: {
    begin: '<!-- bench:reads:begin (written by `npm run bench -- --only reads --write`; edits between these lines are overwritten) -->',
    end: '<!-- bench:reads:end -->',
    title: 'Results: reads and saving under load',
  },
} as const;

const HELP = `npm run bench -- [options]

  --only <list>          startup, breakdown, render, opendata, reads (comma-separated; default
                         startup,breakdown,render: opendata and reads run only when named)
  --first <n>            first starts, each on a new database (BENCH_FIRST, default 3)
  --later <n>            later starts on the same database (BENCH_LATER, default 5)
  --breakdown-runs <n>   later starts of the instrumented probe (BENCH_BREAKDOWN_RUNS, default 3)
  --requests <n>         measured requests per page (BENCH_REQUESTS, default 200)
  --warmup <n>           warm-up requests per page (BENCH_WARMUP, default 20)
  --postgres-url <url>   maintenance database of a PostgreSQL server, to create and drop
                         a benchmark database on (BENCH_POSTGRES_URL,
                         default postgres://postgres@127.0.0.1:5432/postgres)
  --no-postgres          skip the PostgreSQL start, and opendata's PostgreSQL parts
  --no-npm               skip the starts through npm start
  --no-cold              skip the first start of a fresh export (no dist/, empty tsx cache)
  --no-http              skip the page time over HTTP
  --no-experiments       skip the breakdown's experiments (changes that could speed up a start)
  --national-rows <list> opendata: sizes of the national table in rows, comma-separated
                         (BENCH_NATIONAL_ROWS, default 1000000,4000000,10000000)
  --page-size <n>        opendata: rows per page of the fake CBS server (default 10000, as CBS)
  --no-national          opendata: skip the national bulk pulls
  --no-municipal         opendata: skip the Maasgouw imports
  --no-copy              opendata: skip psql \\copy next to the national pulls
  --no-copy-unkeyed      opendata: skip the second \\copy (into a table without a key, then
                         adding the key and attaching it, as the importer does)
  --psql <path>          opendata: the psql to run \\copy with (default psql)
  --importer-tsx         opendata: run the importing process through tsx instead of as a bundle
                         under plain node (the way dist/koers.mjs runs)
  --timeout <ms>         longest wait for one start (BENCH_TIMEOUT, default 180000)
  --ref <commit>         start that commit (exported to a temporary folder) instead of
                         the working tree; the in-process page times and opendata stay on
                         the working tree
  --node-arg <arg>       extra node argument for the started servers, the probe and opendata's
                         importing process (repeatable; e.g. --node-arg=--cpu-prof)
  --reads-seconds <n>    reads: seconds of wrk per measurement (BENCH_READS_SECONDS, default 10)
  --reads-postgres-url <url>  reads: the database to make a schema of its own in
                         (BENCH_READS_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test)
  --json <file>          also write the raw results as JSON
  --write                rewrite the results sections of docs/benchmarks.md that this run
                         measured (start-up and pages; open-data import)
`;

export interface Results {
  machine: Machine;
  ref: string | null;
  nodeArgs: string[];
  warmup: number;
  startup: StartupResult | null;
  breakdown: BreakdownResult | null;
  render: RenderResult | null;
  openData: OpenDataResult | null;
  reads: ReadsResult | null;
}

function count(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0 || parsed > 100_000) throw new Error(`${name}: expected a whole number, got "${value}"`);
  return parsed;
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    allowNegative: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      write: { type: 'boolean', default: false },
      only: { type: 'string', multiple: true },
      first: { type: 'string' },
      later: { type: 'string' },
      'breakdown-runs': { type: 'string' },
      requests: { type: 'string' },
      warmup: { type: 'string' },
      'postgres-url': { type: 'string' },
      postgres: { type: 'boolean', default: true },
      npm: { type: 'boolean', default: true },
      cold: { type: 'boolean', default: true },
      http: { type: 'boolean', default: true },
      experiments: { type: 'boolean', default: true },
      'national-rows': { type: 'string' },
      'page-size': { type: 'string' },
      national: { type: 'boolean', default: true },
      municipal: { type: 'boolean', default: true },
      copy: { type: 'boolean', default: true },
      'copy-unkeyed': { type: 'boolean', default: true },
      psql: { type: 'string' },
      'importer-tsx': { type: 'boolean', default: false },
      timeout: { type: 'string' },
      ref: { type: 'string' },
      'node-arg': { type: 'string', multiple: true },
      'reads-seconds': { type: 'string' },
      'reads-postgres-url': { type: 'string' },
      json: { type: 'string' },
    },
  });
  const env = process.env;
  const only = new Set((values.only ?? [DEFAULT_BENCHMARKS]).flatMap((item) => item.split(',')).map((item) => item.trim()));
  for (const part of only) if (!BENCHMARKS.includes(part)) throw new Error(`--only: unknown benchmark "${part}"`);
  const nationalRows = (values['national-rows'] ?? env.BENCH_NATIONAL_ROWS ?? '1000000,4000000,10000000')
    .split(',')
    .map((item) => item.trim().replaceAll('_', ''))
    .filter(Boolean)
    .map((item) => {
      const rows = Number(item);
      if (!Number.isInteger(rows) || rows < 1 || rows > 1_000_000_000)
        throw new Error(`--national-rows: expected whole numbers, got "${item}"`);
      return rows;
    });
  const pageSize = count(values['page-size'], 10_000, '--page-size');
  if (pageSize < 1) throw new Error('--page-size: at least 1');
  const requests = count(values.requests ?? env.BENCH_REQUESTS, 200, '--requests');
  if (requests < 1) throw new Error('--requests: at least 1');
  return {
    help: values.help ?? false,
    write: values.write ?? false,
    only,
    firstRuns: count(values.first ?? env.BENCH_FIRST, 3, '--first'),
    laterRuns: count(values.later ?? env.BENCH_LATER, 5, '--later'),
    breakdownRuns: count(values['breakdown-runs'] ?? env.BENCH_BREAKDOWN_RUNS, 3, '--breakdown-runs'),
    requests,
    warmup: count(values.warmup ?? env.BENCH_WARMUP, 20, '--warmup'),
    postgresAdminUrl: values['postgres-url'] ?? env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    postgres: values.postgres ?? true,
    npm: values.npm ?? true,
    coldCache: values.cold ?? true,
    http: values.http ?? true,
    experiments: values.experiments ?? true,
    nationalRows,
    pageSize,
    national: values.national ?? true,
    municipal: values.municipal ?? true,
    copy: values.copy ?? true,
    copyUnkeyed: values['copy-unkeyed'] ?? true,
    psql: values.psql ?? 'psql',
    importerLoader: values['importer-tsx'] ? ('tsx' as const) : ('bundle' as const),
    timeoutMs: count(values.timeout ?? env.BENCH_TIMEOUT, 180_000, '--timeout'),
    ref: values.ref ?? null,
    nodeArgs: values['node-arg'] ?? [],
    readsSeconds: Math.max(1, count(values['reads-seconds'] ?? env.BENCH_READS_SECONDS, 10, '--reads-seconds')),
    readsPostgresUrl: values['reads-postgres-url'] ?? env.BENCH_READS_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    json: values.json ?? null,
  };
}

export async function main(argv: string[]): Promise<void> {
  let options: ReturnType<typeof parse>;
  try {
    options = parse(argv);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    console.error(HELP);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    console.log(HELP);
    return;
  }
  const machine = describeMachine();
  const root = options.ref ? exportCommit(options.ref) : ROOT;
  const results: Results = {
    machine,
    ref: options.ref,
    nodeArgs: options.nodeArgs,
    warmup: options.warmup,
    startup: null,
    breakdown: null,
    render: null,
    openData: null,
    reads: null,
  };
  try {
    if (options.only.has('startup')) {
      results.startup = await runStartup({ ...options, root });
    }
    if (options.only.has('breakdown')) {
      results.breakdown = await runBreakdown({
        root,
        laterRuns: Math.max(1, options.breakdownRuns),
        timeoutMs: options.timeoutMs,
        nodeArgs: options.nodeArgs,
        experiments: options.experiments,
      });
    }
    if (options.only.has('render')) {
      results.render = await runRender({
        warmup: options.warmup,
        requests: options.requests,
        http: options.http,
        root,
        timeoutMs: options.timeoutMs,
        nodeArgs: options.nodeArgs,
      });
    }
    if (options.only.has('opendata')) {
      results.openData = await runOpenData({
        municipal: options.municipal,
        national: options.national,
        nationalRows: options.nationalRows,
        copy: options.copy,
        copyUnkeyed: options.copyUnkeyed,
        pageSize: options.pageSize,
        postgres: options.postgres,
        postgresAdminUrl: options.postgresAdminUrl,
        psql: options.psql,
        nodeArgs: options.nodeArgs,
        importerLoader: options.importerLoader,
      });
    }
    if (options.only.has('reads')) {
      results.reads = await runReads({
        seconds: options.readsSeconds,
        postgres: options.postgres,
        postgresUrl: options.readsPostgresUrl,
        timeoutMs: options.timeoutMs,
        nodeArgs: options.nodeArgs,
      });
    }
  } catch (error) {
    clearProgress();
    console.error(`benchmark failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
    return;
  }
  machine.loadAfter = loadavg().map((value) => Math.round(value * 100) / 100);
  clearProgress();
  console.log(report(results, 'text'));
  if (options.json) writeFileSync(options.json, `${JSON.stringify(results, null, 2)}\n`);
  if (options.write) {
    // Each section is rewritten only by a run that measured it: `--only opendata --write` leaves the start-up results alone.
    const none = { startup: null, breakdown: null, render: null, openData: null, reads: null };
    if (results.startup || results.breakdown || results.render)
      writeResults('main', report({ ...results, openData: null, reads: null }, 'markdown'));
    if (results.openData) writeResults('opendata', report({ ...results, ...none, openData: results.openData }, 'markdown'));
    if (results.reads) writeResults('reads', report({ ...results, ...none, reads: results.reads }, 'markdown'));
    console.log(`\nWritten to ${DOC}`);
  }
}

// ---------------------------------------------------------------- the report

type Format = 'text' | 'markdown';

function table(format: Format, header: string[], rows: string[][]): string {
  return format === 'text' ? textTable(header, rows) : markdownTable(header, rows);
}

function heading(format: Format, text: string): string {
  return format === 'text' ? `${text}\n${'='.repeat(text.length)}` : `### ${text}`;
}

const median = (values: number[]) => (values.length ? ms(stats(values).median) : '-');

export function report(results: Results, format: Format): string {
  const { machine } = results;
  const parts: string[] = [];
  const code = results.ref
    ? `commit ${results.ref} (exported; page times in-process from the working tree at ${machine.commit})`
    : `commit ${machine.commit}${machine.workingTreeChanged ? ' plus uncommitted changes' : ''}`;
  const load = `${machine.loadBefore.join(' / ')} before, ${machine.loadAfter?.join(' / ') ?? '?'} after`;
  const facts = [
    ['date', machine.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')],
    ['code', code],
    ['machine', `${machine.cpus} CPUs (nproc; ${machine.cpuModel}), ${machine.memoryGiB} GiB memory, ${machine.platform}`],
    ['node', machine.node],
    ['load average (1/5/15 min)', load],
  ];
  if (results.nodeArgs.length) facts.push(['extra node arguments', results.nodeArgs.join(' ')]);
  parts.push(
    format === 'text'
      ? facts.map(([name, value]) => `${name}: ${value}`).join('\n')
      : facts.map(([name, value]) => `- ${name}: ${value}`).join('\n'),
  );

  const verdicts: string[][] = [];
  const { startup, breakdown, render, openData, reads } = results;
  if (startup) {
    parts.push(heading(format, 'Start-up: spawn to the first 200 on GET /'));
    parts.push(
      table(
        format,
        ['start', 'runs', 'min', 'median', 'max', 'until "Koers draait op" (median)', 'stop after SIGTERM (median)'],
        startup.rows.map((row) => {
          const s = row.samples.length ? stats(row.samples) : null;
          const unclean = row.unclean ? ` (${row.unclean} not clean)` : '';
          const rebuilt = row.rebuilt ? ` [built dist/ first in ${row.rebuilt} of ${row.samples.length}]` : '';
          return [
            `${row.label}${rebuilt}`,
            String(row.samples.length),
            s ? ms(s.min) : '-',
            s ? ms(s.median) : '-',
            s ? ms(s.max) : '-',
            median(row.listening),
            `${median(row.stopping)}${unclean}`,
          ];
        }),
      ),
    );
    if (startup.notes.length) parts.push(startup.notes.map((line) => (format === 'text' ? line : `- ${line}`)).join('\n'));
    const later = startup.rows.find((row) => row.key === 'later');
    if (later?.samples.length) {
      const value = stats(later.samples).median;
      verdicts.push([
        'later start (node scripts/start.mjs) under 3 s',
        `median ${ms(value)}`,
        value < TARGETS.laterStartMs ? 'met' : 'NOT met',
      ]);
    }
    const npmLater = startup.rows.find((row) => row.key === 'npm-later');
    if (npmLater?.samples.length) {
      const value = stats(npmLater.samples).median;
      verdicts.push(['later start through npm start under 3 s', `${ms(value)} (1 run)`, value < TARGETS.laterStartMs ? 'met' : 'NOT met']);
    }
    const first = startup.rows.find((row) => row.key === 'first');
    if (first?.samples.length) verdicts.push(['first start (no target set)', `median ${ms(stats(first.samples).median)}`, '-']);
  }
  if (breakdown) {
    parts.push(
      heading(
        format,
        `Where a start spends its time (bench/start-probe.mjs: the start path, instrumented; code loaded from a ${breakdown.loader})`,
      ),
    );
    const rows = breakdown.steps.map((step) => [step.label, ...breakdown.columns.map((column) => median(column.values[step.key] ?? []))]);
    rows.push(['total: spawn to the first GET / answered', ...breakdown.columns.map((column) => median(column.totals))]);
    parts.push(table(format, ['step', ...breakdown.columns.map((column) => column.short)], rows));
    parts.push(
      breakdown.columns
        .map((column) => (format === 'text' ? `${column.short}: ${column.title}` : `- ${column.short}: ${column.title}`))
        .join('\n'),
    );
    const extras = breakdown.extras;
    const lines = [
      extras.compilePgliteWasmMs.length ? `compiling pglite.wasm alone (WebAssembly.compile): ${median(extras.compilePgliteWasmMs)}` : '',
      extras.reopenMs.length
        ? `opening the same database again in the same process, where PGlite's WebAssembly code has run once: ${median(extras.reopenMs)}; migrateToLatest again: ${median(extras.migrateAgainMs)}`
        : '',
    ].filter(Boolean);
    if (lines.length)
      parts.push(
        lines
          .map((line) =>
            format === 'text' ? `After each later start, in the probe: ${line}` : `- after each later start, in the probe: ${line}`,
          )
          .join('\n'),
      );
  }
  if (render) {
    parts.push(
      heading(format, `Page times: ${render.rows[0]?.stats.n ?? 0} requests each after ${results.warmup} of warm-up, one after the other`),
    );
    const line = (row: RenderRow) => [
      row.label,
      ms(row.firstMs),
      ms(row.stats.median),
      ms(row.stats.p95),
      ms(row.stats.max),
      `${(row.bytes / 1024).toFixed(1)} KiB`,
    ];
    const rows = render.rows.map(line);
    if (render.http) rows.push(line(render.http));
    rows.push([
      'PlanService.getPlan alone (the database read of every plan page)',
      '-',
      ms(render.getPlan.median),
      ms(render.getPlan.p95),
      ms(render.getPlan.max),
      '-',
    ]);
    parts.push(
      table(format, ['page (in-process app.request unless said otherwise)', 'first request', 'median', 'p95', 'max', 'size'], rows),
    );
    const overview = render.rows.find((row) => row.key === 'overview');
    if (overview) {
      verdicts.push([
        'plan overview under 50 ms (in-process)',
        `median ${ms(overview.stats.median)}, p95 ${ms(overview.stats.p95)}`,
        overview.stats.median < TARGETS.overviewMs ? 'met' : 'NOT met',
      ]);
    }
    if (render.http) {
      verdicts.push([
        'plan overview under 50 ms (over HTTP)',
        `median ${ms(render.http.stats.median)}, p95 ${ms(render.http.stats.p95)}`,
        render.http.stats.median < TARGETS.overviewMs ? 'met' : 'NOT met',
      ]);
    }
  }
  if (openData) openDataReport(openData, format, parts, verdicts);
  if (reads) {
    for (const engine of reads.engines) if (engine.skipped) parts.push(`reads on ${engine.engine}: skipped (${engine.skipped})`);
    for (const tableOf of readsTables(reads)) {
      parts.push(heading(format, tableOf.title));
      parts.push(table(format, tableOf.header, tableOf.rows));
    }
  }
  if (verdicts.length) {
    parts.push(heading(format, 'Targets'));
    parts.push(table(format, ['target', 'measured', 'verdict'], verdicts));
  }
  return parts.join('\n\n');
}

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;
const rate = (rows: number, milliseconds: number) => `${Math.round(rows / (milliseconds / 1000)).toLocaleString('en')}`;
const rows = (value: number) => value.toLocaleString('en');

function openDataReport(result: OpenDataResult, format: Format, parts: string[], verdicts: string[][]): void {
  const memory = (m: ImportMeasurement) => `${mb(m.peakRss)} (${mb(m.startRss)})`;
  const cpu = (m: ImportMeasurement) => `${ms(m.cpuMs)} / ${ms(m.serverCpuMs)}`;
  if (result.municipal.length) {
    parts.push(heading(format, `Open-data import: 47022NED of Maasgouw (GM1641), page size ${rows(result.pageSize)}`));
    const lines: string[][] = [];
    for (const row of result.municipal) {
      const engine = row.engine === 'pglite' ? 'PGlite (memory)' : 'PostgreSQL';
      const line = (label: string, m: ImportMeasurement, outcome: string) => [
        `${engine}: ${label}`,
        rows(m.rows),
        ms(m.totalMs),
        rate(m.rows, m.totalMs),
        ms(m.waitingMs),
        ms(m.swapInMs),
        memory(m),
        cpu(m),
        outcome,
      ];
      lines.push(line('first import, empty database', row.first, `${rows(row.first.result.rowsNew)} new`));
      lines.push(
        line(
          `after a re-issue changing ${row.changes} cells`,
          row.revision,
          `${rows(row.revision.result.rowsChanged)} changed, ${rows(row.revision.result.rowsNew)} new`,
        ),
      );
    }
    parts.push(
      table(
        format,
        ['import', 'rows', 'time', 'rows/s', 'waiting for pages', 'swapIn', 'peak RSS (at start)', 'CPU importer / server', 'outcome'],
        lines,
      ),
    );
  }
  if (result.national.length) {
    parts.push(heading(format, `National bulk pull: the whole table into PostgreSQL, page size ${rows(result.pageSize)}`));
    parts.push(
      table(
        format,
        ['rows', 'time', 'rows/s', 'waiting for pages', 'swapIn', 'peak RSS (at start)', 'peak heap', 'CPU importer / server'],
        result.national.map((row) => [
          rows(row.rows),
          ms(row.pull.totalMs),
          rate(row.rows, row.pull.totalMs),
          ms(row.pull.waitingMs),
          ms(row.pull.swapInMs),
          memory(row.pull),
          mb(row.pull.peakHeap),
          cpu(row.pull),
        ]),
      ),
    );
    const copies = result.national.filter((row) => row.copy);
    if (copies.length) {
      parts.push(heading(format, 'The same rows with psql \\copy from a file'));
      parts.push(
        table(
          format,
          [
            'rows',
            'pull: rows/s',
            '\\copy into the partition with its key: time',
            'rows/s',
            'pull / \\copy',
            '\\copy without a key + adding the key and attaching',
            'rows/s',
            'pull / that',
          ],
          copies.map((row) => {
            const copy = row.copy!;
            const unkeyed = copy.unkeyed ? copy.unkeyed.copyMs + copy.unkeyed.keyMs : null;
            return [
              rows(row.rows),
              rate(row.rows, row.pull.totalMs),
              ms(copy.totalMs),
              rate(row.rows, copy.totalMs),
              (copy.totalMs / row.pull.totalMs).toFixed(2),
              copy.unkeyed && unkeyed ? `${ms(copy.unkeyed.copyMs)} + ${ms(copy.unkeyed.keyMs)} = ${ms(unkeyed)}` : '-',
              unkeyed ? rate(row.rows, unkeyed) : '-',
              unkeyed ? (unkeyed / row.pull.totalMs).toFixed(2) : '-',
            ];
          }),
        ),
      );
    }
    const largest = result.national.at(-1)!;
    if (largest.copy) {
      const ratio = largest.copy.totalMs / largest.pull.totalMs;
      verdicts.push([
        `national pull at half or more of psql \\copy's rate (${rows(largest.rows)} rows)`,
        `${rate(largest.rows, largest.pull.totalMs)} against ${rate(largest.rows, largest.copy.totalMs)} rows/s: ${ratio.toFixed(2)}`,
        ratio >= TARGETS.pullToCopy ? 'met' : 'NOT met',
      ]);
    }
    const peaks = result.national.map((row) => row.pull.peakRss / 1024 / 1024);
    const flat = Math.max(...peaks) - Math.min(...peaks) < TARGETS.flatRssMb;
    const under = Math.max(...peaks) < TARGETS.pullPeakRssMb;
    verdicts.push([
      `importer's peak RSS under ${TARGETS.pullPeakRssMb} MB, flat whatever the size (spread under ${TARGETS.flatRssMb} MB)`,
      result.national.map((row) => `${mb(row.pull.peakRss)} at ${rows(row.rows)}`).join(', '),
      under && (flat || peaks.length < 2) ? 'met' : 'NOT met',
    ]);
  }
  const notes = [
    "pull / \\copy: the pull's rate divided by \\copy's (the aim: 0.5 or more). The file for \\copy (COPY text format, the columns of the partition) is written once per size by the fake server's own generator and checked against the pull (row count, sum of the values); only psql is timed.",
    "waiting for pages: the time the import waited for the client's next page (fetch, JSON.parse, cells); swapIn: the staged rows swapped in (primary key and attach for a whole table into an empty one, the revision diff otherwise).",
    `peak RSS, peak heap: of the importing process, sampled every 100 ms; in brackets its RSS when the import began. The importer runs in a new process per database (bench/open-data-importer.ts, loading only the import's code, ${result.importerLoader === 'bundle' ? 'bundled as dist/koers.mjs is and run by plain node' : 'through tsx'}), the fake CBS server in another (bench/fake-cbs-child.ts).`,
    "CPU: CPU time of the importing process / of the fake server during the import (PostgreSQL's own is not counted).",
    ...result.notes,
  ];
  parts.push(notes.map((line) => (format === 'text' ? line : `- ${line}`)).join('\n'));
}

function writeResults(which: keyof typeof SECTIONS, markdown: string): void {
  const { begin: BEGIN, end: END, title } = SECTIONS[which];
  const section = `${BEGIN}\n\n${markdown}\n\n${END}`;
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : '# Benchmarks\n';
  const begin = current.indexOf(BEGIN);
  const end = current.indexOf(END);
  const next =
    begin >= 0 && end > begin
      ? `${current.slice(0, begin)}${section}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n## ${title}\n\n${section}\n`;
  writeFileSync(DOC, next);
}

if (isMain(import.meta.url)) {
  await main(process.argv.slice(2));
  process.exit(process.exitCode ?? 0);
}
