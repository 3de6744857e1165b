/**
 * Shared by the benchmarks: statistics, free ports, a progress line, and child
 * processes that are always stopped, also when the benchmark itself fails or is
 * interrupted.
 */
import { type ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The checkout this benchmark belongs to. */
export const ROOT = fileURLToPath(new URL('..', import.meta.url));

// ---------------------------------------------------------------- statistics

export interface Stats {
  n: number;
  min: number;
  median: number;
  p95: number;
  max: number;
}

export function stats(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] as number;
  const middle = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 === 1 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
  return { n: sorted.length, min: sorted[0] as number, median, p95: at(0.95), max: sorted[sorted.length - 1] as number };
}

export function ms(value: number): string {
  if (value >= 1000) return `${(value / 1000).toFixed(2)} s`;
  if (value >= 100) return `${value.toFixed(0)} ms`;
  return `${value.toFixed(1)} ms`;
}

// ---------------------------------------------------------------- progress line

let progressShown = false;

/** One line on the terminal, overwritten by the next; nothing when stderr is not a terminal. */
export function progress(text: string): void {
  if (!process.stderr.isTTY) return;
  const width = Math.max(20, (process.stderr.columns ?? 80) - 1);
  process.stderr.write(`\r\x1b[2K${text.slice(0, width)}`);
  progressShown = true;
}

export function clearProgress(): void {
  if (!progressShown) return;
  process.stderr.write('\r\x1b[2K');
  progressShown = false;
}

/** A line that stays, printed above the progress line. */
export function note(text: string): void {
  clearProgress();
  process.stderr.write(`${text}\n`);
}

// ---------------------------------------------------------------- small helpers

export const sleep = (milliseconds: number) => new Promise<void>((resolve) => setTimeout(resolve, milliseconds));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => (port ? resolve(port) : reject(new Error('no free port'))));
    });
  });
}

const temporaryFolders = new Set<string>();

/** A fresh temporary folder, removed when the benchmark ends. */
export function temporaryFolder(label: string): string {
  const folder = mkdtempSync(join(tmpdir(), `koers-bench-${label}-`));
  temporaryFolders.add(folder);
  return folder;
}

export function removeFolder(folder: string): void {
  rmSync(folder, { recursive: true, force: true });
  temporaryFolders.delete(folder);
}

/** The environment for a child: ours without npm's own variables and without Koers settings. */
export function childEnvironment(settings: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (name.startsWith('npm_') || name === 'INIT_CWD' || name === 'NODE') continue;
    if (['PORT', 'HOST', 'DATA_DIR', 'DATABASE_URL', 'LOAD_EXAMPLE', 'NODE_OPTIONS'].includes(name)) continue;
    env[name] = value;
  }
  return { ...env, ...settings };
}

// ---------------------------------------------------------------- child processes

const running = new Set<ChildProcess>();
const exitHooks: (() => void)[] = [];

/** Something synchronous to do when the benchmark process exits, however it exits. */
export function onExit(hook: () => void): () => void {
  installCleanup();
  exitHooks.push(hook);
  return () => {
    const index = exitHooks.indexOf(hook);
    if (index >= 0) exitHooks.splice(index, 1);
  };
}

/** Whether the module with this import.meta.url is the script node was started with. */
export function isMain(moduleUrl: string): boolean {
  return process.argv[1] !== undefined && fileURLToPath(moduleUrl) === resolve(process.argv[1]);
}

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal); // the child leads a process group of its own (detached)
  } catch {
    // already gone
  }
}

let cleanupInstalled = false;
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.on('exit', () => {
    for (const child of running) killGroup(child, 'SIGKILL');
    for (const hook of exitHooks.splice(0)) {
      try {
        hook();
      } catch {
        // best effort
      }
    }
    for (const folder of temporaryFolders) rmSync(folder, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      clearProgress();
      process.stderr.write(`\nbenchmark interrupted (${signal}); stopping child processes\n`);
      process.exit(130);
    });
  }
}

export interface Started {
  child: ChildProcess;
  /** performance.now() just before spawn. */
  spawnedAt: number;
  /** performance.now() when the "Koers draait op" line appeared, if it did. */
  listeningAt: number | null;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  hasExited(): boolean;
}

/** Starts a command in a process group of its own, collecting its output. */
export function start(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Started {
  installCleanup();
  let output = '';
  let listeningAt: number | null = null;
  let exited = false;
  const spawnedAt = performance.now();
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  running.add(child);
  const collect = (chunk: Buffer) => {
    output += chunk.toString('utf8');
    if (listeningAt === null && output.includes('Koers draait op')) listeningAt = performance.now();
    if (output.length > 200_000) output = output.slice(-100_000);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exitedPromise = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = true;
      resolve({ code, signal });
    });
    child.once('error', (error) => {
      exited = true;
      output += `\n${error.message}`;
      resolve({ code: null, signal: null });
    });
  });
  // Forgotten once the whole group is gone (see stop); until then the exit hook may still kill it.
  return {
    child,
    spawnedAt,
    get listeningAt() {
      return listeningAt;
    },
    output: () => output,
    exited: exitedPromise,
    hasExited: () => exited,
  };
}

function groupAlive(child: ChildProcess): boolean {
  if (child.pid === undefined) return false;
  try {
    process.kill(-child.pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a started process and everything it started, the way a terminal's
 * Ctrl-C does: the signal (SIGTERM) goes to its whole process group, so under
 * `npm start` the server gets it too (npm alone would exit and leave the server
 * running). Waits until the whole group is gone; SIGKILL after `graceMs`.
 * Clean: nothing had to be killed, and the process itself exited with code 0
 * (or, for a wrapper such as npm, by the signal it was sent).
 */
export async function stop(
  started: Started,
  graceMs = 15_000,
  { wrapper = false } = {},
): Promise<{ stopMs: number; clean: boolean; code: number | null }> {
  const before = performance.now();
  const { child } = started;
  if (groupAlive(child)) killGroup(child, 'SIGTERM');
  const deadline = before + graceMs;
  await Promise.race([started.exited, sleep(graceMs)]);
  while (groupAlive(child) && performance.now() < deadline) await sleep(20);
  let killed = false;
  if (!started.hasExited() || groupAlive(child)) {
    killed = true;
    killGroup(child, 'SIGKILL');
    await Promise.race([started.exited, sleep(5_000)]);
  }
  running.delete(child);
  const { code, signal } = await Promise.race([started.exited, sleep(1_000).then(() => ({ code: null, signal: null }))]);
  const exitedWell = code === 0 || (wrapper && (signal === 'SIGTERM' || code === 143));
  return { stopMs: performance.now() - before, clean: !killed && exitedWell, code };
}

/**
 * Polls `url` until it answers 200; returns performance.now() at the moment the
 * whole 200 response was read. Fails when the process exits or the deadline passes.
 */
export async function waitFor200(url: string, started: Started, timeoutMs: number): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  let lastProblem = 'no answer';
  while (performance.now() < deadline) {
    if (started.hasExited()) throw new Error(`the process ended before ${url} answered:\n${tail(started.output())}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.min(5_000, deadline - performance.now()))) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
      lastProblem = `status ${response.status}`;
    } catch (error) {
      lastProblem = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    }
    await sleep(20);
  }
  throw new Error(`${url} did not answer 200 within ${timeoutMs} ms (last: ${lastProblem}):\n${tail(started.output())}`);
}

export function tail(text: string, lines = 15): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

// ---------------------------------------------------------------- the machine

export interface Machine {
  date: string;
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  node: string;
  platform: string;
  loadBefore: number[];
  loadAfter?: number[];
  commit: string;
  workingTreeChanged: boolean;
}

export function describeMachine(): Machine {
  let nproc = availableParallelism();
  try {
    nproc = Number(execFileSync('nproc', { encoding: 'utf8' }).trim()) || nproc;
  } catch {
    // nproc missing: keep Node's count
  }
  let commit = 'unknown';
  let workingTreeChanged = false;
  if (existsSync(join(ROOT, '.git'))) {
    try {
      commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
      workingTreeChanged =
        execFileSync('git', ['status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench', ':!docs/benchmarks.md'], {
          cwd: ROOT,
          encoding: 'utf8',
        }).trim() !== '';
    } catch {
      // not a git checkout after all
    }
  }
  return {
    date: new Date().toISOString(),
    cpus: nproc,
    cpuModel: cpus()[0]?.model.trim() ?? 'unknown',
    memoryGiB: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    loadBefore: loadavg().map((value) => Math.round(value * 100) / 100),
    commit,
    workingTreeChanged,
  };
}

// ---------------------------------------------------------------- tables

/** A plain-text table with aligned columns (numbers right-aligned). */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)));
  const line = (cells: string[]) =>
    cells.map((cell, column) => (column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0))).join('  ');
  return [line(header), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export function markdownTable(header: string[], rows: string[][]): string {
  const align = header.map((_, column) => (column === 0 ? ':--' : '--:'));
  const line = (cells: string[]) => `| ${cells.map((cell) => cell.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(align), ...rows.map(line)].join('\n');
}

// ---------------------------------------------------------------- another version of Koers

/**
 * A copy of commit `ref` in a temporary folder (git archive), sharing this
 * checkout's node_modules, with this benchmark's probe copied in: so a start can
 * be measured on an older or newer version without touching the working tree.
 */
export function exportCommit(ref: string): string {
  const folder = temporaryFolder('ref');
  execFileSync('sh', ['-c', 'git archive --format=tar "$1" | tar -x -C "$2"', 'sh', ref, folder], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  execFileSync('ln', ['-s', join(ROOT, 'node_modules'), join(folder, 'node_modules')]);
  execFileSync('mkdir', ['-p', join(folder, 'bench')]);
  for (const file of ['start-probe.mjs', 'probe-steps.ts']) execFileSync('cp', [join(ROOT, 'bench', file), join(folder, 'bench', file)]);
  return folder;
}

// ---------------------------------------------------------------- load

export interface Load {
  what: string;
  requestsPerSecond: number;
  latency: { p50: number; p99: number };
  errors: number;
}

/** wrk in a child process: the server it asks runs in this one, so this process must not block while it waits. */
export async function wrk(url: string, what: string, options: { connections?: number; seconds?: number } = {}): Promise<Load> {
  const { stdout: output } = await promisify(execFile)(
    'wrk',
    ['-t', '2', '-c', String(options.connections ?? 8), '-d', `${options.seconds ?? 10}s`, '--latency', url],
    { encoding: 'utf8' },
  );
  const milliseconds = (text: string | undefined) => {
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
    latency: { p50: milliseconds(/^\s+50%\s+(\S+)/m.exec(output)?.[1]), p99: milliseconds(/^\s+99%\s+(\S+)/m.exec(output)?.[1]) },
    errors: Number(errors) + (socket ? socket.slice(1).reduce((sum, value) => sum + Number(value), 0) : 0),
  };
}
