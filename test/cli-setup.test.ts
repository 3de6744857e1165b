/**
 * The koers command before anything else: on a clone whose dependencies are
 * not installed it says what to do instead of failing with a stack trace, and
 * the README lists every command it has, with every option.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { koersProgram } from '../src/cli/main.js';

const root = new URL('..', import.meta.url).pathname;
const clone = mkdtempSync(join(tmpdir(), 'koers-clone-'));

afterAll(() => rmSync(clone, { recursive: true, force: true }));

describe('koers on a clone without dependencies', () => {
  it('asks for npm install or npm start instead of a stack trace', async () => {
    for (const file of ['bin/koers.mjs', 'scripts/build.mjs', 'scripts/ensure-dependencies.mjs', 'package.json']) {
      cpSync(join(root, file), join(clone, file), { recursive: true });
    }
    const result = await promisify(execFile)(process.execPath, [join(clone, 'bin/koers.mjs'), 'plan', 'list'], { env: {} }).then(
      () => ({ code: 0, stderr: '' }),
      (error: { code: number; stderr: string }) => ({ code: error.code, stderr: error.stderr }),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(
      'Fout: Koers mist pakketten waar het op draait (@electric-sql/pglite, pg, @node-rs/argon2, pdfkit, @resvg/resvg-wasm, esbuild).\n' +
        'Installeer ze eerst met "npm install" in de map van Koers, of start Koers met "npm start" (dat installeert ze zelf), en probeer het dan opnieuw.\n',
    );
  });
});

/** Every command that does something (not a group, not help), by its full name, with its long options. */
function leafCommands(command: Command, path: string[] = []): { name: string; options: string[] }[] {
  return command.commands.flatMap((sub) => {
    const name = [...path, sub.name()];
    if (sub.commands.length > 0) return leafCommands(sub, name);
    return [{ name: name.join(' '), options: sub.options.flatMap((option) => (option.long ? [option.long] : [])) }];
  });
}

describe('the README', () => {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const rows = readme.split('\n').filter((line) => line.startsWith('| `koers '));

  it('lists every command of koers in its table, with every option', () => {
    const commands = leafCommands(koersProgram());
    expect(commands.map((command) => command.name)).toContain('user password-link');
    for (const command of commands) {
      const start = `| \`koers ${command.name}`;
      // The name whole: "koers plan import" is not a row of "koers plan im...".
      const row = rows.find((line) => line.startsWith(start) && /^[ `]/.test(line.slice(start.length)));
      expect(row, `koers ${command.name} in the README`).toBeDefined();
      for (const option of command.options) expect(row, `${option} of koers ${command.name}`).toContain(option);
    }
    expect(rows).toHaveLength(commands.length);
  });
});
