#!/usr/bin/env node
// An instrumented copy of the `npm start` path, with a timestamp after each
// step. Spawned by bench/breakdown.ts; prints one JSON line `{"probe": ...}`.
//
// Two ways to load the code, as `npm start` did and does:
// - PROBE_BUNDLE unset: through tsx, like bin/koers.mjs up to 842c3fb;
// - PROBE_BUNDLE=<file>: bench/probe-steps.ts bundled like dist/koers.mjs
//   (scripts/build.mjs, since d6cfe2d), after the same staleness check.
// Then startServer() step by step: open, migrate, example, createApp, listen,
// and the first GET /.
//
// Plain JavaScript on purpose: like bin/koers.mjs, it runs before any loader.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

// Each mark: [key, what happened since the previous mark, performance.now()].
const marks = [['node', 'node started, probe module evaluated', performance.now()]];
const mark = (key, step) => marks.push([key, step, performance.now()]);

// scripts/start.mjs: the dependency check.
const root = fileURLToPath(new URL('..', import.meta.url));
if (!['hono', '@electric-sql/pglite', 'kysely'].every((name) => existsSync(`${root}/node_modules/${name}/package.json`))) {
  throw new Error('run npm install first');
}
mark('deps', 'dependency check of scripts/start.mjs');

const bundle = process.env.PROBE_BUNDLE;
let steps;
if (bundle) {
  const build = await import(pathToFileURL(`${root}/scripts/build.mjs`).href);
  if (typeof build.isBundleStale === 'function') build.isBundleStale();
  mark('build-check', 'is dist/koers.mjs stale? (scripts/build.mjs walks src/)');
  await import('@electric-sql/pglite');
  mark('import-pglite', 'import @electric-sql/pglite');
  await import('pg');
  mark('import-pg', 'import pg');
  steps = await import(pathToFileURL(bundle).href);
  mark('import-bundle', 'import the bundle (Koers, hono, zod, kysely, commander)');
} else {
  const { register } = await import('tsx/esm/api');
  register();
  mark('tsx', 'load and register tsx (bin/koers.mjs)');
  await import('@electric-sql/pglite');
  mark('import-pglite', 'import @electric-sql/pglite');
  await import('pg');
  mark('import-pg', 'import pg');
  await import('kysely');
  mark('import-kysely', 'import kysely (tsx)');
  await import('hono');
  await import('@hono/node-server');
  await import('zod');
  await import('@hono/zod-openapi');
  mark('import-hono', 'import hono, @hono/node-server, zod, @hono/zod-openapi (tsx)');
  steps = await import('./probe-steps.ts');
  mark('import-sources', 'import the Koers sources and commander (tsx compiles src/)');
}

// startServer(), step by step. Experiments (not what Koers does) when asked for:
// PROBE_MIGRATION_CHECK=quick: one query instead of the Migrator when up to date;
// PROBE_TEMPLATE=<tar>: a new database starts from a dump (PGlite loadDataDir) instead of initdb.
const config = steps.readConfig(process.env);
const target = steps.databaseTarget(config);
if (process.env.PROBE_TEMPLATE) target.template = new Blob([await readFile(process.env.PROBE_TEMPLATE)]);
const handle = await steps.createDatabase(target);
// Kysely connects lazily: one trivial query, so the open is counted here and not under migrations.
await handle.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
mark('open', config.databaseUrl ? 'connect to the PostgreSQL server (first query)' : 'open the database (PGlite.create + first query)');
if (process.env.PROBE_MIGRATION_CHECK === 'quick') await steps.migrateIfBehind(handle.db);
else await steps.migrateToLatest(handle.db);
mark('migrate', 'migrateToLatest (runs the migrations on a new database, checks them otherwise)');
const services = steps.createServices(handle);
const example = config.loadExample ? await steps.loadExampleIfEmpty(services.plans) : null;
mark('example', example ? 'loadExampleIfEmpty: loads the Maasgouw example' : 'loadExampleIfEmpty: finds a plan, loads nothing');
const app = steps.createApp(services);
mark('app', 'createApp');
const listener = await new Promise((resolve, reject) => {
  const instance = steps.serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(instance));
  instance.once('error', reject);
});
mark('listen', 'serve() until listening');
const base = `http://${config.host}:${config.port}`;
const first = await fetch(`${base}/`);
await first.text();
if (first.status !== 200) throw new Error(`GET / answered ${first.status}`);
mark('first-request', 'first GET / (the plan list), fetched by the probe itself');
const ready = performance.now();
const second = await fetch(`${base}/`);
await second.text();
mark('second-request', 'second GET / (not part of the start; for comparison)');

// Extra measurements after the start, not part of it.
const closing = performance.now();
await new Promise((resolve) => listener.close(() => resolve(undefined)));
await handle.close();
const closeMs = performance.now() - closing;
const extras = {};
if (process.env.PROBE_DUMP && !config.databaseUrl) {
  // A dump of the database as the first start left it, for the template experiment.
  const { PGlite } = await import('@electric-sql/pglite');
  const raw = await PGlite.create({ dataDir: config.dataDir });
  const dump = await raw.dumpDataDir('none');
  await writeFile(process.env.PROBE_DUMP, Buffer.from(await dump.arrayBuffer()));
  await raw.close();
}
if (!config.databaseUrl && process.env.PROBE_EXTRAS !== 'no') {
  const require = createRequire(import.meta.url);
  const wasmPath = require.resolve('@electric-sql/pglite').replace(/[^/\\]+$/, 'pglite.wasm');
  if (existsSync(wasmPath)) {
    const bytes = await readFile(wasmPath);
    const before = performance.now();
    await WebAssembly.compile(bytes);
    extras.compilePgliteWasmMs = performance.now() - before;
  }
  // The same open and check again in this process, where PGlite's WebAssembly code has run once already.
  let before = performance.now();
  const again = await steps.createDatabase(steps.databaseTarget(config));
  await again.db.selectNoFrom((eb) => eb.val(1).as('one')).execute();
  extras.reopenMs = performance.now() - before;
  before = performance.now();
  await steps.migrateToLatest(again.db);
  extras.migrateAgainMs = performance.now() - before;
  await again.close();
}

process.stdout.write(`${JSON.stringify({ probe: { timeOrigin: performance.timeOrigin, marks, readyMs: ready, closeMs, extras } })}\n`);
process.exit(0);
