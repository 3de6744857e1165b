/**
 * Page times, steady state.
 *
 * In-process: the app built exactly as `startServer` builds it (createDatabase
 * on a PGlite folder, migrateToLatest, createServices, loadExampleIfEmpty,
 * createApp), asked with `app.request()`: no network, no sockets. Each route:
 * one first request (timed on its own), a warm-up, then the measured requests,
 * one after the other. Every answer must be 200, or the benchmark fails.
 *
 * Over HTTP: the plan overview from a server started the way `npm start` starts
 * it (node scripts/start.mjs), fetched one request after the other: what a
 * user's browser waits for, minus the network.
 *
 * Run alone: `npx tsx bench/render.ts [options of bench/run.ts]`.
 */

import { join } from 'node:path';
import { createApp } from '../src/app.js';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import type { Plan } from '../src/domain/plan.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import {
  childEnvironment,
  freePort,
  isMain,
  progress,
  removeFolder,
  type Stats,
  start,
  stats,
  stop,
  temporaryFolder,
  waitFor200,
} from './lib.js';

export interface RenderOptions {
  warmup: number;
  requests: number;
  http: boolean;
  /** The checkout whose server the HTTP measurement starts. */
  root: string;
  timeoutMs: number;
  /** Extra arguments for node when starting the server for the HTTP measurement. */
  nodeArgs: string[];
}

export interface RenderRow {
  key: string;
  label: string;
  path: string;
  /** The first request of this route after the app was built (ms). */
  firstMs: number;
  stats: Stats;
  /** Size of the answer body in bytes. */
  bytes: number;
}

export interface RenderResult {
  rows: RenderRow[];
  /** The plan overview over real HTTP, null when not measured. */
  http: RenderRow | null;
  /** PlanService.getPlan alone (the database part of every plan page). */
  getPlan: Stats;
}

interface Route {
  key: string;
  label: string;
  path: string;
}

function routesFor(plan: Plan): Route[] {
  const activityCount = (theme: Plan['themes'][number]) =>
    theme.workstreams.reduce((sum, workstream) => sum + workstream.activities.length, 0);
  const theme = [...plan.themes].sort((a, b) => activityCount(b) - activityCount(a))[0];
  if (!theme) throw new Error('the example plan has no themes');
  const base = `/plannen/${plan.id}`;
  return [
    { key: 'overview', label: 'plan overview', path: base },
    { key: 'theme', label: `theme page (${theme.key})`, path: `${base}/themas/${theme.id}` },
    { key: 'implementation', label: 'implementation plan, all activities', path: `${base}/uitvoeringsplan` },
    {
      key: 'implementation-filtered',
      label: `implementation plan, thema=${theme.key}`,
      path: `${base}/uitvoeringsplan?thema=${encodeURIComponent(theme.key)}`,
    },
    { key: 'partners', label: 'partners page', path: `${base}/partners` },
    { key: 'api-activities', label: 'API: activiteiten (JSON)', path: `/api/v1${base}/activiteiten` },
    { key: 'plan-list', label: 'plan list (GET /, the start-up probe)', path: '/' },
  ];
}

type Ask = (path: string) => Promise<{ status: number; body: ArrayBuffer }>;

async function measure(route: Route, ask: Ask, options: RenderOptions, tag: string): Promise<RenderRow> {
  const once = async () => {
    const before = performance.now();
    const { status, body } = await ask(route.path);
    const elapsed = performance.now() - before;
    if (status !== 200) {
      const text = new TextDecoder().decode(body).slice(0, 500);
      throw new Error(`GET ${route.path} (${route.label}) answered ${status}, not 200:\n${text}`);
    }
    return { elapsed, bytes: body.byteLength };
  };
  progress(`${tag}: ${route.label}, first request`);
  const first = await once();
  for (let index = 0; index < options.warmup; index++) await once();
  const samples: number[] = [];
  for (let index = 1; index <= options.requests; index++) {
    if (index % 20 === 0 || index === options.requests) progress(`${tag}: ${route.label} ${index}/${options.requests}`);
    samples.push((await once()).elapsed);
  }
  return { ...route, firstMs: first.elapsed, stats: stats(samples), bytes: first.bytes };
}

export async function runRender(options: RenderOptions): Promise<RenderResult> {
  // The app as startServer builds it, on a PGlite folder of its own.
  progress('render: building the app (PGlite, migrations, example)');
  const folder = temporaryFolder('render');
  const handle = await createDatabase({ engine: 'pglite', dataDir: join(folder, 'data') });
  const rows: RenderRow[] = [];
  let getPlan: Stats;
  try {
    await migrateToLatest(handle.db);
    const services = createServices(handle);
    const plan = await loadExampleIfEmpty(services.plans);
    if (!plan) throw new Error('the new database should have been empty');
    const app = createApp(services);
    const ask: Ask = async (path) => {
      const response = await app.request(path);
      return { status: response.status, body: await response.arrayBuffer() };
    };
    for (const route of routesFor(plan)) rows.push(await measure(route, ask, options, 'render'));

    progress('render: getPlan alone');
    for (let index = 0; index < options.warmup; index++) await services.plans.getPlan(SYSTEM, plan.id);
    const samples: number[] = [];
    for (let index = 0; index < options.requests; index++) {
      const before = performance.now();
      await services.plans.getPlan(SYSTEM, plan.id);
      samples.push(performance.now() - before);
    }
    getPlan = stats(samples);
  } finally {
    await handle.close();
    removeFolder(folder);
  }

  const http = options.http ? await overviewOverHttp(options) : null;
  return { rows, http, getPlan };
}

/** The plan overview from a real server process, as a browser asks for it (one request after the other). */
async function overviewOverHttp(options: RenderOptions): Promise<RenderRow> {
  progress('render: starting a server for the HTTP measurement');
  const folder = temporaryFolder('http');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = childEnvironment({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(folder, 'data'), LOAD_EXAMPLE: 'true' });
  const server = start(process.execPath, [...options.nodeArgs, 'scripts/start.mjs'], { cwd: options.root, env });
  try {
    await waitFor200(`${base}/`, server, options.timeoutMs);
    const list = (await (await fetch(`${base}/api/v1/plannen`)).json()) as { plannen?: { id: string }[] };
    const id = list.plannen?.[0]?.id;
    if (!id) throw new Error(`GET /api/v1/plannen listed no plan: ${JSON.stringify(list).slice(0, 300)}`);
    const ask: Ask = async (path) => {
      const response = await fetch(`${base}${path}`);
      return { status: response.status, body: await response.arrayBuffer() };
    };
    return await measure(
      { key: 'overview-http', label: 'plan overview over HTTP (fetch)', path: `/plannen/${id}` },
      ask,
      options,
      'render http',
    );
  } finally {
    await stop(server);
    removeFolder(folder);
  }
}

// Not awaited at the top level: run.ts imports this module, which must finish loading first.
if (isMain(import.meta.url)) {
  import('./run.js')
    .then(({ main }) => main(['--only', 'render', ...process.argv.slice(2)]))
    .then(() => process.exit(process.exitCode ?? 0));
}
