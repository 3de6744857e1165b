/**
 * Where the start-up time goes: runs bench/start-probe.mjs, an instrumented
 * copy of the start path that stamps the time after each step. One first start
 * on a fresh DATA_DIR, then later starts on the same folder; per step the median.
 *
 * The code is loaded the way the checkout's `npm start` loads it: from a
 * bundle when scripts/build.mjs exists (the probe gets a bundle of
 * bench/probe-steps.ts built with the same esbuild settings as dist/koers.mjs),
 * otherwise through tsx. With a bundle, later starts through tsx are measured
 * too, for comparison with the old start path.
 */
import { existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { childEnvironment, freePort, progress, removeFolder, sleep, start, stop, tail, temporaryFolder } from './lib.js';

export interface BreakdownOptions {
  root: string;
  laterRuns: number;
  timeoutMs: number;
  nodeArgs: string[];
  /** Also measure the changes that could make a start faster (more probe runs). */
  experiments: boolean;
}

export interface BreakdownColumn {
  /** Column heading. */
  short: string;
  title: string;
  /** Per step key: one value per run (ms). */
  values: Record<string, number[]>;
  /** Spawn to the first GET / answered, per run (ms). */
  totals: number[];
}

export interface BreakdownResult {
  loader: 'bundle' | 'tsx';
  /** Steps in start order, over all columns. */
  steps: { key: string; label: string }[];
  columns: BreakdownColumn[];
  /** Measured after the later starts, in the same process (ms per run). */
  extras: { compilePgliteWasmMs: number[]; reopenMs: number[]; migrateAgainMs: number[] };
}

interface ProbeOutput {
  timeOrigin: number;
  marks: [string, string, number][];
  readyMs: number;
  closeMs: number;
  extras: { compilePgliteWasmMs?: number; reopenMs?: number; migrateAgainMs?: number };
}

interface ProbeRun {
  steps: [string, string, number][];
  total: number;
  extras: ProbeOutput['extras'];
}

interface ProbeVariant {
  env?: Record<string, string>;
  nodeArgs?: string[];
}

async function probeOnce(options: BreakdownOptions, dataDir: string, bundle: string | null, variant: ProbeVariant = {}): Promise<ProbeRun> {
  const port = await freePort();
  const settings: Record<string, string> = {
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    LOAD_EXAMPLE: 'true',
    ...variant.env,
  };
  if (bundle) settings.PROBE_BUNDLE = bundle;
  const env = childEnvironment(settings);
  for (const name of ['PROBE_BUNDLE', 'PROBE_MIGRATION_CHECK', 'PROBE_TEMPLATE', 'PROBE_DUMP', 'PROBE_EXTRAS'])
    if (!(name in settings)) delete env[name];
  const nodeArgs = [...options.nodeArgs, ...(variant.nodeArgs ?? [])];
  const spawnEpoch = performance.timeOrigin + performance.now();
  const probe = start(process.execPath, [...nodeArgs, join(options.root, 'bench', 'start-probe.mjs')], { cwd: options.root, env });
  const finished = await Promise.race([probe.exited, sleep(options.timeoutMs).then(() => null)]);
  await stop(probe, 1_000); // it ends by itself; this stops whatever is left when it did not
  if (finished === null) throw new Error(`the start probe did not finish within ${options.timeoutMs} ms:\n${tail(probe.output())}`);
  const line = probe
    .output()
    .split('\n')
    .find((candidate) => candidate.startsWith('{"probe":'));
  if (finished.code !== 0 || !line) throw new Error(`the start probe failed (exit code ${finished.code}):\n${tail(probe.output())}`);
  const output = (JSON.parse(line) as { probe: ProbeOutput }).probe;
  // The first step also holds the time from spawn() to the child's clock starting.
  const offset = output.timeOrigin - spawnEpoch;
  const steps: [string, string, number][] = [];
  let previous = -offset;
  for (const [key, label, at] of output.marks) {
    steps.push([key, label, at - previous]);
    previous = at;
  }
  return { steps, total: output.readyMs + offset, extras: output.extras };
}

/** bench/probe-steps.ts bundled with the settings of scripts/build.mjs, as src/cli/run.ts is. */
async function buildProbeBundle(root: string): Promise<string> {
  const { build } = await import('esbuild');
  const buildScript = new URL('../scripts/build.mjs', import.meta.url).href;
  const { BUNDLE_OPTIONS } = (await import(buildScript)) as { BUNDLE_OPTIONS: import('esbuild').BuildOptions };
  // Inside the checkout, so the bundle finds node_modules (PGlite, pg) and the project root as dist/koers.mjs does.
  const folder = join(root, 'node_modules', '.cache', 'koers-bench');
  mkdirSync(folder, { recursive: true });
  const outfile = join(folder, `probe-${process.pid}.mjs`);
  await build({ ...BUNDLE_OPTIONS, entryPoints: [join(root, 'bench', 'probe-steps.ts')], outfile });
  return outfile;
}

function addRun(result: BreakdownResult, column: BreakdownColumn, run: ProbeRun): void {
  for (const [key, label, value] of run.steps) {
    const known = result.steps.find((step) => step.key === key);
    if (!known) {
      // Keep start order: after the step that precedes it in this run.
      const before = run.steps.findIndex(([candidate]) => candidate === key) - 1;
      const anchor = before >= 0 ? result.steps.findIndex((step) => step.key === run.steps[before]?.[0]) : -1;
      result.steps.splice(anchor + 1, 0, { key, label });
    } else if (key === 'example' && known.label !== label) {
      known.label = 'loadExampleIfEmpty: loads the example (first start) / finds a plan (later start)';
    }
    column.values[key] = [...(column.values[key] ?? []), value];
  }
  column.totals.push(run.total);
}

export async function runBreakdown(options: BreakdownOptions): Promise<BreakdownResult> {
  const usesBundle = existsSync(join(options.root, 'scripts', 'build.mjs'));
  const bundle = usesBundle ? await buildProbeBundle(options.root) : null;
  const loader = usesBundle ? 'bundle' : 'tsx';
  const result: BreakdownResult = { loader, steps: [], columns: [], extras: { compilePgliteWasmMs: [], reopenMs: [], migrateAgainMs: [] } };
  const folder = temporaryFolder('breakdown');
  const dataDir = join(folder, 'data');
  try {
    const first: BreakdownColumn = { short: 'first', title: `first start, ${loader} (1 run)`, values: {}, totals: [] };
    const later: BreakdownColumn = {
      short: 'later',
      title: `later start, ${loader} (median of ${options.laterRuns})`,
      values: {},
      totals: [],
    };
    result.columns.push(first, later);
    progress(`breakdown: first start (probe, ${loader})`);
    const dump = options.experiments ? join(folder, 'template.tar') : null;
    addRun(result, first, await probeOnce(options, dataDir, bundle, dump ? { env: { PROBE_DUMP: dump } } : {}));
    for (let run = 1; run <= options.laterRuns; run++) {
      await sleep(300);
      progress(`breakdown: later start ${run}/${options.laterRuns} (probe, ${loader})`);
      const probe = await probeOnce(options, dataDir, bundle);
      addRun(result, later, probe);
      for (const name of ['compilePgliteWasmMs', 'reopenMs', 'migrateAgainMs'] as const) {
        const value = probe.extras[name];
        if (value !== undefined) result.extras[name].push(value);
      }
    }
    const variants: { short: string; title: string; useBundle: boolean; variant: ProbeVariant; freshData?: boolean }[] = [];
    const quiet = { PROBE_EXTRAS: 'no' };
    if (bundle)
      variants.push({
        short: 'later, tsx',
        title: 'later start through tsx, as before d6cfe2d',
        useBundle: false,
        variant: { env: quiet },
      });
    if (options.experiments) {
      variants.push(
        {
          short: 'E1',
          title: 'experiment: later start, one-query migration check',
          useBundle: true,
          variant: { env: { ...quiet, PROBE_MIGRATION_CHECK: 'quick' } },
        },
        {
          short: 'E2',
          title: 'experiment: later start, node --liftoff-only',
          useBundle: true,
          variant: { env: quiet, nodeArgs: ['--liftoff-only'] },
        },
        {
          short: 'E3',
          title: 'experiment: later start, E1 and E2 together',
          useBundle: true,
          variant: { env: { ...quiet, PROBE_MIGRATION_CHECK: 'quick' }, nodeArgs: ['--liftoff-only'] },
        },
        {
          short: 'E4',
          title: 'experiment: first start from a dump of a new database (PGlite loadDataDir) instead of initdb',
          useBundle: true,
          variant: { env: { ...quiet, PROBE_TEMPLATE: dump ?? '' } },
          freshData: true,
        },
      );
    }
    for (const { short, title, useBundle, variant, freshData } of variants) {
      const column: BreakdownColumn = { short, title: `${title} (median of ${options.laterRuns})`, values: {}, totals: [] };
      result.columns.push(column);
      for (let run = 1; run <= options.laterRuns; run++) {
        await sleep(300);
        progress(`breakdown: ${title} ${run}/${options.laterRuns}`);
        const where = freshData ? join(temporaryFolder('template'), 'data') : dataDir;
        addRun(result, column, await probeOnce(options, where, useBundle ? bundle : null, variant));
        if (freshData) removeFolder(join(where, '..'));
      }
    }
    return result;
  } finally {
    removeFolder(folder);
    if (bundle) {
      rmSync(bundle, { force: true });
      try {
        rmdirSync(dirname(bundle)); // only when empty: another run may be using it
      } catch {
        // not empty, or gone
      }
    }
  }
}
