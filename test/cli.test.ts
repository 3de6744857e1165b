/** The koers command as an administrator runs it, on a data folder of its own. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_PATH } from '../src/features/plans/example-plan.js';
import { KOERS_BIN, runKoers } from './koers-command.js';

const folder = mkdtempSync(join(tmpdir(), 'koers-cli-'));
const env = { ...process.env, DATA_DIR: join(folder, 'data'), DATABASE_URL: '' };

const koers = (...args: string[]) => runKoers(env, ...args);

afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('koers plan import and export', () => {
  it('imports a plan document, lists it, and exports the same document', async () => {
    const imported = await koers('plan', 'import', EXAMPLE_PLAN_PATH);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    const id = /id ([0-9a-f-]{36})/.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();
    expect((await koers('plan', 'list')).stdout).toContain(`${id}  Integraal Veiligheidsplan 2019-2022 (Maasgouw, 2019-2022)`);
    const output = join(folder, 'export.json');
    expect((await koers('plan', 'export', id!, '--output', output)).code).toBe(0);
    expect(JSON.parse(readFileSync(output, 'utf8'))).toEqual(JSON.parse(readFileSync(EXAMPLE_PLAN_PATH, 'utf8')));
  }, 60_000);

  it('updates an existing plan from a document only as a revision allows, and says why not', async () => {
    const id = /^([0-9a-f-]{36})/.exec((await koers('plan', 'list')).stdout)?.[1];
    const document = JSON.parse(readFileSync(EXAMPLE_PLAN_PATH, 'utf8'));
    document.plan.themas[0].onderdelen[0].activiteiten[0].naam = 'Persoonsgerichte aanpak';
    const file = join(folder, 'bijgewerkt.json');
    writeFileSync(file, JSON.stringify(document));
    const result = await koers('plan', 'import', file, '--plan', id!);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Dit plan is vastgesteld: een wijziging hoort bij een bijstelling');
  }, 60_000);

  it('refuses an invalid document, lists each problem with its path and stores nothing', async () => {
    const document = JSON.parse(readFileSync(EXAMPLE_PLAN_PATH, 'utf8'));
    document.plan.periode.van = 'negentien';
    document.plan.themas[0].onderdelen[0].activiteiten[0].trekkers.push('koning');
    const file = join(folder, 'invalid.json');
    writeFileSync(file, JSON.stringify(document));
    const result = await koers('plan', 'import', file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('$.plan.periode.van:');
    expect(result.stderr).toContain('$.plan.themas[0].onderdelen[0].activiteiten[0].trekkers[2]: trekker "koning"');
    expect(result.stderr).toContain('Er is niets opgeslagen.');
    expect((await koers('plan', 'list')).stdout.trim().split('\n')).toHaveLength(1);
  }, 60_000);

  it('says plainly when the file is not JSON or does not exist', async () => {
    const file = join(folder, 'kapot.json');
    writeFileSync(file, '{ "plan": ');
    const broken = await koers('plan', 'import', file);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toContain('is geen geldige JSON');
    const missing = await koers('plan', 'import', join(folder, 'bestaat-niet.json'));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('ENOENT');
  }, 60_000);

  it('refuses a plan document or a file of measurements larger than Koers reads, before reading it', async () => {
    const large = join(folder, 'groot.json');
    writeFileSync(large, Buffer.alloc(6 * 1024 * 1024, 32));
    const plan = await koers('plan', 'import', large);
    expect(plan.code).toBe(1);
    expect(plan.stderr).toContain('een plandocument mag hoogstens 5 MB zijn; dit bestand is 6 MB');
    const measurements = await koers('import', 'metingen', '--plan', '00000000-0000-4000-8000-000000000000', large);
    expect(measurements.code).toBe(1);
    expect(measurements.stderr).toContain('een bestand met metingen mag hoogstens 5 MB zijn');
  }, 60_000);

  it('answers an unknown plan id with a clear message', async () => {
    const result = await koers('plan', 'export', '00000000-0000-4000-8000-000000000000');
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Plan 00000000-0000-4000-8000-000000000000 bestaat niet');
  }, 60_000);
});

describe('koers user', () => {
  const withInput = (input: string, ...args: string[]) =>
    spawnSync(process.execPath, [KOERS_BIN, ...args], { env, input, encoding: 'utf8' });

  it('creates the first administrator with the password from standard input, and refuses a short one', () => {
    const created = withInput(
      'een heel lang wachtwoord\n',
      'user',
      'create',
      '--admin',
      '--email',
      'beheer@maasgouw.nl',
      '--name',
      'Beheer',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Account gemaakt voor beheer@maasgouw.nl (beheerder).');
    const short = withInput('kort\n', 'user', 'create', '--email', 'kort@maasgouw.nl', '--name', 'Kort');
    expect(short.status).toBe(1);
    expect(short.stderr).toContain('wachtwoord: gebruik minstens 12 tekens');
  }, 60_000);

  it('grants a role in a known municipality and ends all sessions of a user', () => {
    const granted = withInput('', 'user', 'grant', '--email', 'beheer@maasgouw.nl', '--gemeente', 'GM1641', '--rol', 'coordinator');
    expect(granted.stdout).toContain('beheer@maasgouw.nl is nu coordinator bij GM1641.');
    const again = withInput('', 'user', 'grant', '--email', 'beheer@maasgouw.nl', '--gemeente', 'GM1641', '--rol', 'coordinator');
    expect(again.status).toBe(0);
    const unknown = withInput('', 'user', 'grant', '--email', 'beheer@maasgouw.nl', '--gemeente', 'GM0001', '--rol', 'rector');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('gemeente: GM0001 is in Koers nog niet bekend');
    expect(unknown.stderr).toContain('rol: kies uit beheerder, coordinator, portefeuillehouder, partner, lezer');
    const ended = withInput('', 'user', 'end-sessions', '--email', 'beheer@maasgouw.nl');
    expect(ended.stdout).toContain('0 sessie(s) van beheer@maasgouw.nl beëindigd.');
  }, 60_000);

  it('prints a one-time link to set a password at the address given, and refuses an address that is none', () => {
    const link = withInput('', 'user', 'password-link', '--email', 'beheer@maasgouw.nl', '--adres', 'https://koers.maasgouw.nl/');
    expect(link.status).toBe(0);
    expect(link.stdout).toMatch(/^https:\/\/koers\.maasgouw\.nl\/wachtwoord-instellen\/[A-Za-z0-9_-]{40,}\n$/);
    expect(link.stderr).toContain('Geldig tot');
    const wrong = withInput('', 'user', 'password-link', '--email', 'beheer@maasgouw.nl', '--adres', 'koers');
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('--adres: geef iets als https://koers.gemeente.nl');
    const nobody = withInput('', 'user', 'password-link', '--email', 'niemand@maasgouw.nl');
    expect(nobody.status).toBe(1);
    expect(nobody.stderr).toContain('e-mail: er is geen account voor niemand@maasgouw.nl');
  }, 60_000);
});
