// Bundles the sources into dist/koers.mjs (one file, fast to start) when any
// source is newer than the bundle. Packages with files of their own beside
// their code (PGlite's WebAssembly, pg, the native argon2) stay outside the bundle.
import { existsSync, readdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = join(root, 'dist', 'koers.mjs');
/** The options of node that `npm start` and the systemd unit of docs/operations.md serve with; the benchmarks use them too. */
export const SERVE_NODE_OPTIONS = ['--max-semi-space-size=64'];

function newestChange(folder) {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestChange(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** How Koers is bundled (the benchmarks bundle their probe the same way). */
export const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  // Packages that read files of their own at run time (pdfkit its font metrics, resvg its WebAssembly) stay outside the bundle.
  external: ['@electric-sql/pglite', 'pg', '@node-rs/argon2', 'pdfkit', '@resvg/resvg-wasm'],
  // Bundled CommonJS code may call require(); give the ES module one.
  banner: { js: "import { createRequire as __koersRequire } from 'node:module'; const require = __koersRequire(import.meta.url);" },
  jsx: 'automatic',
  jsxImportSource: 'hono/jsx',
  logLevel: 'warning',
};

export function isBundleStale() {
  if (!existsSync(BUNDLE)) return true;
  // The sources, the installed packages, and how the bundle is made (this file).
  const sources = Math.max(
    newestChange(join(root, 'src')),
    statSync(join(root, 'package-lock.json')).mtimeMs,
    statSync(fileURLToPath(import.meta.url)).mtimeMs,
  );
  return statSync(BUNDLE).mtimeMs < sources;
}

export async function buildIfStale({ quiet = false } = {}) {
  if (!isBundleStale()) return;
  if (!quiet) console.log('Koers bouwen (dist/koers.mjs)...');
  const { build } = await import('esbuild');
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  await build({ ...BUNDLE_OPTIONS, entryPoints: [join(root, 'src', 'cli', 'run.ts')], outfile: temporary });
  renameSync(temporary, BUNDLE);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildIfStale();
