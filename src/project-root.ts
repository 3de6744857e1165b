/**
 * The folder of the Koers checkout (where package.json is), found from this
 * file, so data files and assets are found both from the sources and from the
 * bundle in dist/.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

function findProjectRoot(start: string): string {
  let folder = start;
  for (;;) {
    const manifest = join(folder, 'package.json');
    if (existsSync(manifest) && JSON.parse(readFileSync(manifest, 'utf8')).name === 'koers') return folder;
    const parent = dirname(folder);
    if (parent === folder) throw new Error(`package.json van Koers niet gevonden boven ${start}`);
    folder = parent;
  }
}

export const PROJECT_ROOT = findProjectRoot(dirname(fileURLToPath(import.meta.url)));
