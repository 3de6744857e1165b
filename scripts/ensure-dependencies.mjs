// Installs the dependencies when a fresh clone has none yet (npm start and npm test both call this).
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const needed = ['hono', '@electric-sql/pglite', 'esbuild', 'kysely', 'vitest'];

export function ensureDependencies() {
  if (needed.every((name) => existsSync(`${root}/node_modules/${name}/package.json`))) return;
  console.log('Eerste keer: afhankelijkheden installeren (npm install)...');
  execSync('npm install --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
}
