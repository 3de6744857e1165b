#!/usr/bin/env node
// `npm start`: installs the dependencies on a fresh clone, builds when needed, then serves the web app.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const needed = ['hono', '@electric-sql/pglite', 'esbuild', 'kysely'];
if (!needed.every((name) => existsSync(`${root}/node_modules/${name}/package.json`))) {
  console.log('Eerste start: afhankelijkheden installeren (npm install)...');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
const { BUNDLE, buildIfStale } = await import('./build.mjs');
await buildIfStale();
process.argv = [process.argv[0], process.argv[1], 'serve'];
await import(BUNDLE);
