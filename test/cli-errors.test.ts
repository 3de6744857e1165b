/**
 * What the koers command prints when something goes wrong: the problems of
 * invalid input, and for anything unexpected one plain line and a hint, never
 * a database message or a stack trace unless KOERS_DEBUG=1 asks for them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_PATH } from '../src/features/plans/example-plan.js';
import { runKoers } from './koers-command.js';

const folder = mkdtempSync(join(tmpdir(), 'koers-cli-errors-'));
const env = { ...process.env, DATA_DIR: join(folder, 'data'), DATABASE_URL: '', KOERS_DEBUG: '' };
/** A PostgreSQL server that is not there: nothing listens on port 1. */
const unreachable = { ...env, DATABASE_URL: 'postgres://koers@127.0.0.1:1/koers' };
const STACK_LINE = /^\s+at /m;

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('errors of the koers command', () => {
  it('lists a NUL and a lone surrogate in a plan document as problems with their path, without a database error', async () => {
    const document = JSON.parse(readFileSync(EXAMPLE_PLAN_PATH, 'utf8'));
    document.plan.titel = 'Integraal\u0000Veiligheidsplan';
    document.plan.themas[1].naam = 'Half\ud800teken';
    const file = join(folder, 'met-nul.json');
    writeFileSync(file, JSON.stringify(document));
    const result = await runKoers(env, 'plan', 'import', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('$.plan.titel: bevat een onzichtbaar stuurteken (U+0000)');
    expect(result.stderr).toContain('$.plan.themas[1].naam: bevat een half teken (U+D800)');
    expect(result.stderr).toContain('Er is niets opgeslagen.');
    expect(result.stderr).not.toMatch(STACK_LINE);
    expect(result.stderr).not.toMatch(/encoding|UTF8|0x00/);
  }, 60_000);

  it('says in one line that something unexpected went wrong, with a hint, and the details only with KOERS_DEBUG=1', async () => {
    const plain = await runKoers(unreachable, 'plan', 'list');
    expect(plain.code).toBe(1);
    expect(plain.stderr.trim().split('\n')).toEqual([
      'Fout: er ging onverwacht iets mis (ECONNREFUSED).',
      'Tip: draai de opdracht opnieuw met KOERS_DEBUG=1 voor de technische details, en meld die aan wie Koers beheert.',
    ]);
    const debug = await runKoers({ ...unreachable, KOERS_DEBUG: '1' }, 'plan', 'list');
    expect(debug.code).toBe(1);
    expect(debug.stderr).toContain('ECONNREFUSED');
    expect(debug.stderr).toMatch(STACK_LINE);
  }, 60_000);
});
