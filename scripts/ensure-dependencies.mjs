// Installs the dependencies when a fresh clone has none yet (npm start and npm test both call this),
// and tells the koers command which of the packages it needs are missing.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const needed = ['hono', '@electric-sql/pglite', 'esbuild', 'kysely', 'vitest'];

/** What the koers command loads beside its bundle (see BUNDLE_OPTIONS.external), and esbuild to build the bundle. */
export const COMMAND_DEPENDENCIES = ['@electric-sql/pglite', 'pg', '@node-rs/argon2', 'pdfkit', '@resvg/resvg-wasm', 'esbuild'];

/** The packages of `names` that are not installed in the checkout's node_modules. */
export function missingDependencies(names = needed) {
  return names.filter((name) => !existsSync(`${root}/node_modules/${name}/package.json`));
}

export function ensureDependencies() {
  if (missingDependencies().length === 0) return;
  console.log('Eerste keer: afhankelijkheden installeren (npm install)...');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
