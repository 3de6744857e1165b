/**
 * Start-up time: from spawning `node scripts/start.mjs` (what `npm start`
 * runs) to the first 200 answer on `GET /`.
 *
 * - first start: a fresh DATA_DIR, so the PGlite database is created,
 *   migrated and the Maasgouw example loaded;
 * - later start: the same DATA_DIR again;
 * - once on a fresh export of the commit: no dist/ yet, an empty TMPDIR (tsx's cache);
 * - once each through `npm start` itself (npm's own overhead included);
 * - once each on a PostgreSQL server (DATABASE_URL), when one is reachable.
 *
 * Each start is stopped with SIGTERM to its process group and should exit
 * cleanly (flagged in the results when not) before the next.
 * Run alone: `npx tsx bench/startup.ts [options of bench/run.ts]`.
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import pg from 'pg';
import {
  childEnvironment,
  exportCommit,
  freePort,
  isMain,
  note,
  onExit,
  progress,
  removeFolder,
  sleep,
  start,
  stop,
  temporaryFolder,
  waitFor200,
} from './lib.js';

export interface StartupOptions {
  /** The checkout to start (this one, or an exported commit). */
  root: string;
  /** The commit exported to `root`, when not the working tree. */
  ref: string | null;
  firstRuns: number;
  laterRuns: number;
  npm: boolean;
  coldCache: boolean;
  postgres: boolean;
  /** A maintenance database URL of the PostgreSQL server, to create and drop the benchmark database. */
  postgresAdminUrl: string;
  timeoutMs: number;
  /** Extra arguments for node before the script (experiments, e.g. --liftoff-only). */
  nodeArgs: string[];
}

export type StartupKey = 'first' | 'later' | 'first-cold' | 'npm-first' | 'npm-later' | 'pg-first' | 'pg-later';

export interface StartupRow {
  key: StartupKey;
  label: string;
  /** Spawn to the first 200 on GET /, per run (ms). */
  samples: number[];
  /** Spawn to the "Koers draait op" line, per run (ms). */
  listening: number[];
  /** SIGTERM to exit, per run (ms). */
  stopping: number[];
  /** Runs that did not exit with code 0 after SIGTERM. */
  unclean: number;
  /** Runs in which `npm start` rebuilt dist/ first (a source had changed). */
  rebuilt: number;
}

export interface StartupResult {
  rows: StartupRow[];
  notes: string[];
}

interface OneStart {
  totalMs: number;
  listeningMs: number | null;
  stopMs: number;
  clean: boolean;
  rebuilt: boolean;
}

/** The line scripts/start.mjs prints when it rebuilds dist/koers.mjs first. */
const REBUILD_LINE = 'Koers bouwen';

async function startOnce(
  options: StartupOptions,
  how: { viaNpm: boolean; dataDir?: string; databaseUrl?: string; tmpdir?: string; root?: string },
): Promise<OneStart> {
  const root = how.root ?? options.root;
  const port = await freePort();
  const settings: Record<string, string> = { PORT: String(port), HOST: '127.0.0.1', LOAD_EXAMPLE: 'true' };
  if (how.dataDir) settings.DATA_DIR = how.dataDir;
  if (how.databaseUrl) settings.DATABASE_URL = how.databaseUrl;
  if (how.tmpdir) Object.assign(settings, { TMPDIR: how.tmpdir, TMP: how.tmpdir, TEMP: how.tmpdir });
  const env = childEnvironment(settings);
  const started = how.viaNpm
    ? start('npm', ['start', '--silent'], { cwd: root, env })
    : start(process.execPath, [...options.nodeArgs, 'scripts/start.mjs'], { cwd: root, env });
  try {
    const answeredAt = await waitFor200(`http://127.0.0.1:${port}/`, started, options.timeoutMs);
    const totalMs = answeredAt - started.spawnedAt;
    const listeningMs = started.listeningAt === null ? null : started.listeningAt - started.spawnedAt;
    const stopped = await stop(started, 15_000, { wrapper: how.viaNpm });
    if (!stopped.clean) note(`  warning: the server did not exit cleanly after SIGTERM (exit code ${stopped.code})`);
    return { totalMs, listeningMs, stopMs: stopped.stopMs, clean: stopped.clean, rebuilt: started.output().includes(REBUILD_LINE) };
  } catch (error) {
    await stop(started, 2_000, { wrapper: how.viaNpm });
    throw error;
  }
}

function row(key: StartupKey, label: string): StartupRow {
  return { key, label, samples: [], listening: [], stopping: [], unclean: 0, rebuilt: 0 };
}

function record(target: StartupRow, run: OneStart): void {
  target.samples.push(run.totalMs);
  if (run.listeningMs !== null) target.listening.push(run.listeningMs);
  target.stopping.push(run.stopMs);
  if (!run.clean) target.unclean += 1;
  if (run.rebuilt) target.rebuilt += 1;
}

export async function runStartup(options: StartupOptions): Promise<StartupResult> {
  const notes: string[] = [];
  const rows: StartupRow[] = [];
  const pause = () => sleep(300); // let the file system settle between runs

  // One untimed start first: warms the OS file cache and the compile cache, as on any machine that ran Koers before.
  progress('startup: warming up (one untimed start)');
  const warmup = temporaryFolder('warmup');
  await startOnce(options, { viaNpm: false, dataDir: join(warmup, 'data') });
  removeFolder(warmup);
  await pause();

  const first = row('first', 'first start (node scripts/start.mjs, new PGlite database)');
  const later = row('later', 'later start (node scripts/start.mjs, existing PGlite database)');
  rows.push(first, later);
  let dataDir = '';
  for (let run = 1; run <= options.firstRuns; run++) {
    progress(`startup: first start ${run}/${options.firstRuns}`);
    if (dataDir) removeFolder(join(dataDir, '..'));
    dataDir = join(temporaryFolder('first'), 'data');
    record(first, await startOnce(options, { viaNpm: false, dataDir }));
    await pause();
  }
  if (!dataDir) dataDir = join(temporaryFolder('later'), 'data');
  if (options.firstRuns === 0 && options.laterRuns > 0) await startOnce(options, { viaNpm: false, dataDir }); // the database to start again
  for (let run = 1; run <= options.laterRuns; run++) {
    progress(`startup: later start ${run}/${options.laterRuns}`);
    record(later, await startOnce(options, { viaNpm: false, dataDir }));
    await pause();
  }
  removeFolder(join(dataDir, '..'));

  if (options.coldCache) {
    // As on a fresh clone with its dependencies installed: no dist/ yet, nothing in tsx's cache.
    const ref = options.ref ?? 'HEAD';
    progress(`startup: first start of a fresh export of ${ref}`);
    const cold = row('first-cold', `first start of a fresh export of ${ref} (no dist/ yet, empty TMPDIR for tsx's cache)`);
    rows.push(cold);
    const copy = exportCommit(ref);
    const tmp = temporaryFolder('tmp');
    record(cold, await startOnce(options, { viaNpm: false, dataDir: join(temporaryFolder('cold'), 'data'), tmpdir: tmp, root: copy }));
    removeFolder(tmp);
    removeFolder(copy);
    await pause();
  }

  if (options.npm) {
    const npmFirst = row('npm-first', 'first start through npm start');
    const npmLater = row('npm-later', 'later start through npm start');
    rows.push(npmFirst, npmLater);
    const npmData = join(temporaryFolder('npm'), 'data');
    progress('startup: npm start, first start');
    record(npmFirst, await startOnce(options, { viaNpm: true, dataDir: npmData }));
    await pause();
    progress('startup: npm start, later start');
    record(npmLater, await startOnce(options, { viaNpm: true, dataDir: npmData }));
    removeFolder(join(npmData, '..'));
    await pause();
  }

  if (options.postgres) {
    progress('startup: PostgreSQL server');
    const server = await postgresDatabase(options.postgresAdminUrl);
    if ('skipped' in server) {
      notes.push(`PostgreSQL server: skipped, ${server.skipped}`);
    } else {
      try {
        const pgFirst = row('pg-first', 'first start on PostgreSQL (DATABASE_URL, empty database)');
        const pgLater = row('pg-later', 'later start on PostgreSQL (DATABASE_URL, same database)');
        rows.push(pgFirst, pgLater);
        progress('startup: PostgreSQL server, first start');
        record(pgFirst, await startOnce(options, { viaNpm: false, databaseUrl: server.url }));
        await pause();
        progress('startup: PostgreSQL server, later start');
        record(pgLater, await startOnce(options, { viaNpm: false, databaseUrl: server.url }));
      } finally {
        await server.drop();
      }
    }
  }
  return { rows, notes };
}

/** A fresh database on the server at `adminUrl`, dropped afterwards (also when the benchmark is interrupted). */
export async function postgresDatabase(adminUrl: string): Promise<{ url: string; drop(): Promise<void> } | { skipped: string }> {
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  try {
    await admin.connect();
  } catch (error) {
    await admin.end().catch(() => {});
    return { skipped: `no server reachable at ${redact(adminUrl)} (${error instanceof Error ? error.message || error.name : error})` };
  }
  const name = `koers_bench_${process.pid}_${Date.now().toString(36)}`;
  try {
    await admin.query(`create database ${name}`);
  } catch (error) {
    await admin.end().catch(() => {});
    return { skipped: `could not create a database on ${redact(adminUrl)} (${error instanceof Error ? error.message : error})` };
  }
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const dropSql = `drop database if exists ${name} with (force)`;
  // When interrupted: drop it from a short-lived child, since exit handlers cannot wait.
  const forget = onExit(() => {
    execFileSync(
      process.execPath,
      [
        '-e',
        `const pg=require('pg');const c=new pg.Client(process.argv[1]);c.connect().then(()=>c.query(process.argv[2])).finally(()=>c.end())`,
        adminUrl,
        dropSql,
      ],
      {
        cwd: new URL('..', import.meta.url),
        stdio: 'ignore',
        timeout: 10_000,
      },
    );
  });
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
      await client.connect();
      try {
        await client.query(dropSql);
      } finally {
        await client.end();
      }
      forget();
    },
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
}

// Not awaited at the top level: run.ts imports this module, which must finish loading first.
if (isMain(import.meta.url)) {
  import('./run.js')
    .then(({ main }) => main(['--only', 'startup', ...process.argv.slice(2)]))
    .then(() => process.exit(process.exitCode ?? 0));
}
