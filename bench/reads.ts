/**
 * Fast reads under concurrency (issue 9): wrk against a running server, on
 * PGlite and on PostgreSQL, 50 connections.
 *
 * - Uncached: the overview, a theme page, the implementation plan and
 *   GET /api/v1/plannen/{id} for logged-in users (each request the session
 *   cookie of the next of 50 sessions, so no two concurrent requests share a
 *   session), and the overview with ?peildatum; aim 400 requests/s, p99 under
 *   250 ms, no errors.
 * - Cached: the same pages of the published plan for anonymous readers,
 *   against a tiny static file server (bench/static-server.mjs) serving the
 *   very same HTML, measured right after it; aim 0.3 of its throughput, p99
 *   under 100 ms.
 * - Saving one change: the edit form of an activity posted as a browser
 *   posts it (session cookie, CSRF token, the page's version; every field,
 *   the cadence changed), answered 303; each save the next activity; 2
 *   connections; aim p95 under 100 ms.
 *
 * The server is bench/reads-server.ts bundled like dist/koers.mjs. Run alone:
 * `npx tsx bench/reads.ts [--reads-seconds 10] [--no-postgres]`, or through
 * `npm run bench -- --only reads [--write]`.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import {
  childEnvironment,
  freePort,
  isMain,
  note,
  progress,
  ROOT,
  removeFolder,
  type Started,
  sleep,
  start,
  stop,
  tail,
  temporaryFolder,
} from './lib.js';

export const READS_AIMS = { uncachedPerSecond: 400, uncachedP99Ms: 250, cachedRatio: 0.3, cachedP99Ms: 100, saveP95Ms: 100 };
const CONNECTIONS = 50;
/** Two editors saving at the same moment: changes of one plan run one after the other (the plan row is locked). */
const SAVE_CONNECTIONS = 2;

export interface ReadsOptions {
  seconds: number;
  postgres: boolean;
  /** The database to make a schema of its own in, for the PostgreSQL runs. */
  postgresUrl: string;
  timeoutMs: number;
  nodeArgs: string[];
}

export interface WrkResult {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Socket errors, timeouts (wrk's 2 s) and answers with a status of 400 or more. */
  errors: number;
}

export interface ReadsRow {
  key: string;
  label: string;
  kind: 'uncached' | 'cached' | 'save';
  result: WrkResult;
  /** For a cached page: the static server with the same HTML, measured just before. */
  reference?: WrkResult;
  bytes?: number;
}

export interface ReadsEngineResult {
  engine: 'pglite' | 'postgres';
  rows: ReadsRow[];
  skipped?: string;
}

export interface ReadsResult {
  seconds: number;
  wrkThreads: number;
  engines: ReadsEngineResult[];
}

interface Ready {
  planId: string;
  themeId: string;
  sessions: string[];
  /** The CSRF token of each session, in the same order. */
  csrfTokens: string[];
}

/** bench/reads-server.ts bundled with the settings of scripts/build.mjs, as src/cli/run.ts is. */
async function bundleServer(): Promise<string> {
  const { build } = await import('esbuild');
  const { BUNDLE_OPTIONS } = (await import(new URL('../scripts/build.mjs', import.meta.url).href)) as {
    BUNDLE_OPTIONS: import('esbuild').BuildOptions;
  };
  const folder = join(ROOT, 'node_modules', '.cache', 'koers-bench');
  mkdirSync(folder, { recursive: true });
  const outfile = join(folder, `reads-server-${process.pid}.mjs`);
  await build({ ...BUNDLE_OPTIONS, entryPoints: [join(ROOT, 'bench', 'reads-server.ts')], outfile });
  return outfile;
}

async function waitForLine<T>(started: Started, timeoutMs: number): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    const line = started
      .output()
      .split('\n')
      .find((candidate) => candidate.startsWith('{"ready":true'));
    if (line) return JSON.parse(line) as T;
    if (started.hasExited()) throw new Error(`the server ended before it was ready:\n${tail(started.output())}`);
    await sleep(50);
  }
  throw new Error(`the server was not ready within ${timeoutMs} ms:\n${tail(started.output())}`);
}

/** One wrk run; its summary comes from bench/wrk-report.lua. */
export function wrk(url: string, options: { seconds: number; connections: number; env?: Record<string, string> }): WrkResult {
  const threads = wrkThreads(options.connections);
  const run = spawnSync(
    'wrk',
    [
      '-t',
      String(threads),
      '-c',
      String(options.connections),
      '-d',
      `${options.seconds}s`,
      '-s',
      join(ROOT, 'bench', 'wrk-report.lua'),
      url,
    ],
    { encoding: 'utf8', env: { ...process.env, ...options.env }, maxBuffer: 16 * 1024 * 1024 },
  );
  const line = run.stdout.split('\n').find((candidate) => candidate.startsWith('WRK-JSON '));
  if (run.status !== 0 || !line) throw new Error(`wrk failed on ${url}:\n${run.stdout}\n${run.stderr}`);
  const summary = JSON.parse(line.slice('WRK-JSON '.length)) as Record<string, number>;
  const n = (name: string) => summary[name] ?? 0;
  return {
    requests: n('requests'),
    perSecond: n('requests') / (n('durationUs') / 1e6),
    p50Ms: n('p50') / 1000,
    p95Ms: n('p95') / 1000,
    p99Ms: n('p99') / 1000,
    maxMs: n('max') / 1000,
    errors: n('socketErrors') + n('statusErrors') + n('timeouts'),
  };
}

/** One wrk thread: on 2 cores the server keeps one for itself. */
function wrkThreads(connections: number): number {
  return Math.min(connections, Number(process.env.BENCH_WRK_THREADS ?? 1));
}

async function runEngine(engine: 'pglite' | 'postgres', options: ReadsOptions, bundle: string): Promise<ReadsEngineResult> {
  const folder = temporaryFolder(`reads-${engine}`);
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const schema = `koers_bench_reads_${process.pid}`;
  let admin: pg.Client | null = null;
  const forms = join(folder, 'forms.txt');
  const settings: Record<string, string> = { PORT: String(port), DATA_DIR: join(folder, 'data'), BENCH_FORMS: forms };
  if (engine === 'postgres') {
    admin = new pg.Client({ connectionString: options.postgresUrl });
    try {
      await admin.connect();
      await admin.query(`create schema ${schema}`);
    } catch (error) {
      await admin.end().catch(() => {});
      removeFolder(folder);
      return { engine, rows: [], skipped: `no PostgreSQL at ${options.postgresUrl}: ${error instanceof Error ? error.message : error}` };
    }
    Object.assign(settings, { DATABASE_URL: options.postgresUrl, BENCH_SCHEMA: schema });
  }
  progress(`reads ${engine}: starting the server`);
  const { SERVE_NODE_OPTIONS } = (await import(new URL('../scripts/build.mjs', import.meta.url).href)) as { SERVE_NODE_OPTIONS: string[] };
  const server = start(process.execPath, [...SERVE_NODE_OPTIONS, ...options.nodeArgs, bundle], {
    cwd: ROOT,
    env: childEnvironment(settings),
  });
  let reference: Started | null = null;
  try {
    const ready = await waitForLine<Ready>(server, options.timeoutMs);
    const plan = `/plannen/${ready.planId}`;
    const pages = [
      { key: 'overview', label: 'overview', path: plan },
      { key: 'theme', label: 'theme page', path: `${plan}/themas/${ready.themeId}` },
      { key: 'implementation', label: 'implementation plan', path: `${plan}/uitvoeringsplan` },
    ];
    const uncached = [
      ...pages,
      { key: 'api', label: 'GET /api/v1/plannen/{id}', path: `/api/v1${plan}` },
      { key: 'as-of', label: 'overview ?peildatum=2020-07-01', path: `${plan}?peildatum=2020-07-01` },
    ];
    const sessions = { WRK_SESSIONS: ready.sessions.join(',') };
    // Warm: every page once for a user and once anonymously (the cached pages are kept from then on).
    const htmls: string[] = [];
    for (const page of uncached) {
      const asUser = await fetch(base + page.path, { headers: { Cookie: `__Host-koers-sessie=${ready.sessions[0]}` } });
      if (asUser.status !== 200) throw new Error(`${page.path} answered ${asUser.status} for a logged-in user`);
      await asUser.arrayBuffer();
    }
    for (const page of pages) {
      const anonymous = await fetch(base + page.path);
      if (anonymous.status !== 200) throw new Error(`${page.path} answered ${anonymous.status} anonymously`);
      htmls.push(await anonymous.text());
    }
    // A fresh process runs slowly for its first seconds on 2 CPUs (V8 tiers up PGlite's WebAssembly and the hot code):
    // a few seconds of load first, not measured.
    progress(`reads ${engine}: warming up`);
    wrk(base + plan, { seconds: 5, connections: CONNECTIONS, env: sessions });
    wrk(base + plan, { seconds: 2, connections: CONNECTIONS });
    const rows: ReadsRow[] = [];
    for (const page of uncached) {
      progress(`reads ${engine}: ${page.label}, logged in`);
      rows.push({
        key: `uncached-${page.key}`,
        label: `${page.label}, logged in`,
        kind: 'uncached',
        result: wrk(base + page.path, { seconds: options.seconds, connections: CONNECTIONS, env: sessions }),
      });
    }
    const files = htmls.map((html, index) => {
      const file = join(folder, `page-${index}.html`);
      writeFileSync(file, html);
      return file;
    });
    const staticPort = await freePort();
    reference = start(process.execPath, [join(ROOT, 'bench', 'static-server.mjs'), String(staticPort), ...files], {
      cwd: ROOT,
      env: childEnvironment({}),
    });
    await waitForLine(reference, options.timeoutMs);
    for (const [index, page] of pages.entries()) {
      progress(`reads ${engine}: ${page.label}, static server`);
      const staticResult = wrk(`http://127.0.0.1:${staticPort}/${index}`, { seconds: options.seconds, connections: CONNECTIONS });
      progress(`reads ${engine}: ${page.label}, anonymous (kept)`);
      rows.push({
        key: `cached-${page.key}`,
        label: `${page.label}, anonymous`,
        kind: 'cached',
        result: wrk(base + page.path, { seconds: options.seconds, connections: CONNECTIONS }),
        reference: staticResult,
        bytes: Buffer.byteLength(htmls[index] ?? ''),
      });
    }
    progress(`reads ${engine}: saving one change`);
    // The plan's version before and after: every form answered must be a change saved (a form sent back with a
    // problem, a conflict or a login page would not raise it).
    const versionNow = async () => {
      const answer = await fetch(`${base}/api/v1${plan}/werkversie`, { headers: { Cookie: `__Host-koers-sessie=${ready.sessions[0]}` } });
      if (answer.status !== 200) throw new Error(`the working copy answered ${answer.status}`);
      return Number(/"(\d+)"/.exec(answer.headers.get('ETag') ?? '')?.[1]);
    };
    const before = await versionNow();
    const saving = wrk(base, {
      seconds: options.seconds,
      connections: SAVE_CONNECTIONS,
      env: { ...sessions, WRK_CSRF: ready.csrfTokens.join(','), WRK_FORMS: forms },
    });
    const saved = (await versionNow()) - before;
    // wrk stops counting at its end; a save under way then still commits, unanswered.
    if (saved < saving.requests || saved > saving.requests + SAVE_CONNECTIONS)
      throw new Error(`saving: ${saving.requests} forms answered, but the plan's version rose by ${saved}`);
    rows.push({ key: 'save', label: `saving one change (${SAVE_CONNECTIONS} connections)`, kind: 'save', result: saving });
    return { engine, rows };
  } finally {
    if (reference) await stop(reference);
    await stop(server);
    if (admin) {
      await admin.query(`drop schema if exists ${schema} cascade`).catch(() => {});
      await admin.end().catch(() => {});
    }
    removeFolder(folder);
  }
}

export async function runReads(options: ReadsOptions): Promise<ReadsResult> {
  if (spawnSync('wrk', ['--version']).error) throw new Error('reads: wrk is not installed (apt-get install wrk)');
  const bundle = await bundleServer();
  try {
    const engines: ReadsEngineResult[] = [await runEngine('pglite', options, bundle)];
    if (options.postgres) engines.push(await runEngine('postgres', options, bundle));
    else engines.push({ engine: 'postgres', rows: [], skipped: '--no-postgres' });
    for (const engine of engines) if (engine.skipped) note(`reads ${engine.engine}: skipped (${engine.skipped})`);
    return { seconds: options.seconds, wrkThreads: wrkThreads(CONNECTIONS), engines };
  } finally {
    spawnSync('rm', ['-f', bundle]);
  }
}

// ---------------------------------------------------------------- the report

const ms = (value: number) => `${value.toFixed(value >= 100 ? 0 : 1)} ms`;
const rate = (value: number) => value.toFixed(0);

/** The table of one engine, and the verdict of each aim. */
export function readsTables(result: ReadsResult): { title: string; header: string[]; rows: string[][] }[] {
  return result.engines
    .filter((engine) => !engine.skipped)
    .map((engine) => ({
      title: `Reads and saving under load on ${engine.engine === 'pglite' ? 'PGlite' : 'PostgreSQL'} (wrk, ${result.seconds} s each, ${CONNECTIONS} connections, ${result.wrkThreads} wrk thread)`,
      header: ['request', 'requests/s', 'p50', 'p95', 'p99', 'errors', 'aim', 'verdict'],
      rows: engine.rows.map((row) => {
        const r = row.result;
        const line = [row.label, rate(r.perSecond), ms(r.p50Ms), ms(r.p95Ms), ms(r.p99Ms), String(r.errors)];
        if (row.kind === 'uncached') {
          const met = r.perSecond >= READS_AIMS.uncachedPerSecond && r.p99Ms < READS_AIMS.uncachedP99Ms && r.errors === 0;
          return [...line, `≥ ${READS_AIMS.uncachedPerSecond}/s, p99 < ${READS_AIMS.uncachedP99Ms} ms, no errors`, met ? 'met' : 'NOT met'];
        }
        if (row.kind === 'cached' && row.reference) {
          const ratio = r.perSecond / row.reference.perSecond;
          const met = ratio >= READS_AIMS.cachedRatio && r.p99Ms < READS_AIMS.cachedP99Ms && r.errors === 0;
          return [
            ...line,
            `≥ ${READS_AIMS.cachedRatio} of the static server (${rate(row.reference.perSecond)}/s, p99 ${ms(row.reference.p99Ms)}): ${ratio.toFixed(2)}; p99 < ${READS_AIMS.cachedP99Ms} ms`,
            met ? 'met' : 'NOT met',
          ];
        }
        const met = r.p95Ms < READS_AIMS.saveP95Ms && r.errors === 0;
        return [...line, `p95 < ${READS_AIMS.saveP95Ms} ms (median ${ms(r.p50Ms)})`, met ? 'met' : 'NOT met'];
      }),
    }));
}

if (isMain(import.meta.url)) {
  import('./run.js')
    .then(({ main }) => main(['--only', 'reads', ...process.argv.slice(2)]))
    .then(() => process.exit(process.exitCode ?? 0));
}
