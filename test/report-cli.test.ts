/**
 * `koers report` on the embedded database: the example's report over a year
 * written to files (a concept outside the versions while there is none), a
 * definitive version made from the command line and written as kept, bad
 * formats refused with the ones there are, and a format that cannot be
 * written named with its reason while the others are written.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseFormats } from '../src/cli/report.js';
import { EXAMPLE_PLAN_PATH } from '../src/features/plans/example-plan.js';
import { runKoers } from './koers-command.js';

const folder = mkdtempSync(join(tmpdir(), 'koers-report-cli-'));
const env = { ...process.env, DATA_DIR: join(folder, 'data'), DATABASE_URL: '', KOERS_DEBUG: '' };
const koers = (...args: string[]) => runKoers(env, ...args);
let planId: string;

beforeAll(async () => {
  const imported = await koers('plan', 'import', EXAMPLE_PLAN_PATH);
  planId = /id ([0-9a-f-]{36})/.exec(imported.stdout)?.[1] ?? '';
}, 120_000);
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('koers report', () => {
  it('writes the report over a year in the formats asked, each file named with its size and checksum', async () => {
    const out = join(folder, 'concept');
    const result = await koers('report', '--plan', planId, '--jaar', '2019', '--formaat', 'pdf,odt,csv', '--uit', out);
    expect(result.code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      'voortgangsrapportage-2019-concept.gegevens.csv',
      'voortgangsrapportage-2019-concept.odt',
      'voortgangsrapportage-2019-concept.pdf',
    ]);
    const pdf = readFileSync(join(out, 'voortgangsrapportage-2019-concept.pdf'));
    expect(pdf.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
    expect(result.stdout).toContain(`sha256 ${createHash('sha256').update(pdf).digest('hex')}`);
    expect(result.stdout).toContain('Dit is een concept buiten de versies');
    expect(result.stderr).toContain('[##############################] 3/3 klaar');
  }, 120_000);

  it('makes a definitive version from the command line and writes it as kept, then follows it only with a reason', async () => {
    const out = join(folder, 'definitief');
    const made = await koers('report', '--plan', planId, '--jaar', '2020', '--formaat', 'html', '--uit', out, '--definitief');
    expect(made.code).toBe(0);
    const checksum = /controlegetal ([0-9a-f]{64})/.exec(made.stdout)?.[1];
    expect(checksum).toBeDefined();
    expect(readdirSync(out)).toEqual(['voortgangsrapportage-2020-versie-1.html']);
    const first = readFileSync(join(out, 'voortgangsrapportage-2020-versie-1.html'));
    expect(first.toString('utf8')).toContain('definitief, versie 1');
    // The newest version is the definitive one: the same bytes again.
    const again = await koers('report', '--plan', planId, '--jaar', '2020', '--formaat', 'html', '--uit', join(folder, 'opnieuw'));
    expect(again.code).toBe(0);
    expect(readFileSync(join(folder, 'opnieuw', 'voortgangsrapportage-2020-versie-1.html')).equals(first)).toBe(true);

    const refused = await koers('report', '--plan', planId, '--jaar', '2020', '--uit', out, '--definitief');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('geef de reden voor een nieuwe versie');
    const second = await koers(
      'report',
      '--plan',
      planId,
      '--jaar',
      '2020',
      '--formaat',
      'json',
      '--uit',
      out,
      '--definitief',
      '--reden',
      'Nieuwe cijfers',
    );
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('Versie 2 van de rapportage over 2020 is definitief');
  }, 180_000);

  it('refuses unknown formats and years outside the plan with the reason, and writes nothing', async () => {
    const out = join(folder, 'fout');
    const formats = await koers('report', '--plan', planId, '--jaar', '2019', '--formaat', 'pdf,rtf', '--uit', out);
    expect(formats.code).toBe(1);
    expect(formats.stderr).toContain('onbekend: rtf; kies uit html, pdf, docx, odt, csv, json');
    const year = await koers('report', '--plan', planId, '--jaar', '2030', '--uit', out);
    expect(year.code).toBe(1);
    expect(year.stderr).toContain('Het plan loopt van 2019 tot en met 2022');
    expect(existsSync(out)).toBe(false);
    expect(parseFormats(' PDF, pdf ,docx')).toEqual(['pdf', 'docx']);
  }, 60_000);

  it('names a format it could not write with its reason, writes the others and ends with exit code 1', async () => {
    const out = join(folder, 'half');
    // A folder where the PDF should go: that file cannot be written.
    mkdirSync(join(out, 'voortgangsrapportage-2021-concept.pdf'), { recursive: true });
    const result = await koers('report', '--plan', planId, '--jaar', '2021', '--formaat', 'html,pdf,csv', '--uit', out);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Fout: 1 formaat kon niet worden gemaakt; de andere zijn geschreven:');
    expect(result.stderr).toMatch(/ {2}pdf: .*EISDIR/);
    expect(existsSync(join(out, 'voortgangsrapportage-2021-concept.html'))).toBe(true);
    expect(existsSync(join(out, 'voortgangsrapportage-2021-concept.gegevens.csv'))).toBe(true);
  }, 60_000);
});
