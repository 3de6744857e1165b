/**
 * The monitoring commands as an administrator runs them on the server: fetch
 * the open data of the Maasgouw example from a local CBS/police server, read
 * a file of measurements, enter one by hand and read the status, the tactical
 * view and the BBV figures.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_PLAN_PATH } from '../src/features/plans/example-plan.js';
import { type FakeCbs, startFakeCbs } from './fake-cbs/fake-cbs-server.js';
import { runKoers } from './koers-command.js';

const folder = mkdtempSync(join(tmpdir(), 'koers-monitor-cli-'));
let fake: FakeCbs;
let env: NodeJS.ProcessEnv;
let planId: string;

const koers = (...args: string[]) => runKoers(env, ...args);

beforeAll(async () => {
  fake = await startFakeCbs();
  env = {
    ...process.env,
    DATA_DIR: join(folder, 'data'),
    DATABASE_URL: '',
    KOERS_CBS_OPENDATA_URL: fake.baseUrls.opendata,
    KOERS_CBS_DATADERDEN_URL: fake.baseUrls.dataderden,
    KOERS_CBS_DATASETS_URL: fake.baseUrls.datasets,
  };
  const imported = await koers('plan', 'import', EXAMPLE_PLAN_PATH);
  planId = /id ([0-9a-f-]{36})/.exec(imported.stdout)?.[1] ?? '';
}, 120_000);

afterAll(async () => {
  await fake?.close();
  rmSync(folder, { recursive: true, force: true });
});

describe('koers import and koers monitor', () => {
  it('fetches the open data of a plan, and a second time finds nothing changed', async () => {
    const first = await koers('import', 'cbs', '--plan', planId);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('47022NED  212.400 rijen: 212.400 nieuw, 0 herzien, 0 vervallen');
    expect(first.stdout).toMatch(/metingen: \d+ nieuw, 0 vervangen, 0 ongewijzigd/);
    const second = await koers('import', 'cbs', '--plan', planId);
    expect(second.stdout).toContain('47022NED  ongewijzigd sinds de vorige import');
    expect(second.stdout).toMatch(/metingen: 0 nieuw, 0 vervangen, \d+ ongewijzigd/);
    const status = await koers('monitor', 'status', '--plan', planId);
    expect(status.stdout).toMatch(/(gehaald|op-koers|aandacht|uit-koers) +woninginbraken: \d+ in 2023/);
    expect(status.stdout).toContain('kwalitatief    prioriteit-2: nog niet beoordeeld');
  }, 120_000);

  it('refuses a file with a bad row and names it; a measurement by hand is stored', async () => {
    const file = join(folder, 'metingen.csv');
    writeFileSync(file, 'indicator;periode;waarde\noverlast-buurtbewoners;2019;3,1\noverlast-buurtbewoners;2020;drie\n');
    const refused = await koers('import', 'metingen', '--plan', planId, file);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('rij 3');
    expect(refused.stderr).toContain('Er is niets opgeslagen.');
    const entered = await koers(
      'monitor',
      'meting',
      '--plan',
      planId,
      '--indicator',
      'overlast-buurtbewoners',
      '--periode',
      '2021',
      '--waarde',
      '2,8',
    );
    expect(entered.code, entered.stderr).toBe(0);
    const status = await koers('monitor', 'status', '--plan', planId);
    expect(status.stdout).toContain('gehaald        overlast-buurtbewoners: 2,8% in 2021');
  }, 120_000);

  it('reads numbers as forms and files do, and shows every year the Dutch way', async () => {
    const enter = (indicator: string, period: string, ...value: string[]) =>
      koers('monitor', 'meting', '--plan', planId, '--indicator', indicator, '--periode', period, ...value);
    for (const [indicator, period, value] of [
      ['overlast-verward-gedrag', '2021', '48'],
      ['overlast-verward-gedrag', '2022', '1.000'],
      ['overlast-buurtbewoners', '2021', '2,8'],
      ['overlast-buurtbewoners', '2022', '30,5'],
    ] as const) {
      expect((await enter(indicator, period, '--waarde', value)).code).toBe(0);
    }
    const status = await koers('monitor', 'status', '--plan', planId, '--alle-jaren');
    expect(status.stdout).toMatch(
      /overlast-verward-gedrag: .*\n(?: {17}\d{4} .*\n)* {17}2021 {2}48 {2}gehaald\n {17}2022 {2}1\.000 {2}uit-koers\n/,
    );
    expect(status.stdout).toMatch(
      /uit-koers {6}overlast-buurtbewoners: 30,5% in 2022\n(?: {17}\d{4} .*\n)* {17}2021 {2}2,8% {2}gehaald\n {17}2022 {2}30,5% {2}uit-koers\n/,
    );
    expect(status.stdout).toMatch(
      /misdrijven-per-1000-inwoners: \d+,\d+ per 1\.000 inwoners in \d{4}\n(?: {17}\d{4} {2}\d+(,\d+)? per 1\.000 inwoners {2}\S+\n)+/,
    );
  }, 120_000);

  it('refuses a measurement outside the plan, or a numerator and denominator for a count, with the reason', async () => {
    const early = await koers(
      'monitor',
      'meting',
      '--plan',
      planId,
      '--indicator',
      'woninginbraken',
      '--periode',
      '2016',
      '--waarde',
      '60',
    );
    expect(early.code).toBe(1);
    expect(early.stderr).toContain('periode: 2016 ligt voor het jaar van de nulmeting (2017)');
    const late = await koers(
      'monitor',
      'meting',
      '--plan',
      planId,
      '--indicator',
      'woninginbraken',
      '--periode',
      '2023-03',
      '--waarde',
      '6',
    );
    expect(late.stderr).toContain('periode: 2023 ligt na het einde van het plan (2022)');
    const ratio = await koers(
      'monitor',
      'meting',
      '--plan',
      planId,
      '--indicator',
      'woninginbraken',
      '--periode',
      '2021',
      '--teller',
      '3',
      '--noemer',
      '10',
    );
    expect(ratio.code).toBe(1);
    expect(ratio.stderr).toContain("De indicator 'woninginbraken' is een aantal; laat teller en noemer leeg.");
    const assessment = await koers(
      'monitor',
      'beoordeling',
      '--plan',
      planId,
      '--thema',
      'prioriteit-2',
      '--jaar',
      '2023',
      '--oordeel',
      'aandacht',
      '--tekst',
      'Na de planperiode.',
    );
    expect(assessment.code).toBe(1);
    expect(assessment.stderr).toContain('jaar: 2023 ligt buiten de planperiode 2019-2022');
  }, 120_000);

  it('shows the tactical view and the BBV indicators', async () => {
    const tactical = await koers('monitor', 'tactisch', '--plan', planId, '--soort', '1.1.1');
    expect(tactical.stdout.split('\n')[0]).toBe('1.1.1 Diefstal/inbraak woning');
    expect(tactical.stdout.trim().split('\n')).toHaveLength(25);
    await koers('monitor', 'halt', '--plan', planId, '--gemeente', 'GM1641', '--jaar', '2021', '--aantal', '14');
    const bbv = await koers('monitor', 'bbv', '--plan', planId);
    expect(bbv.stdout).toMatch(/2021 {2}Verwijzingen Halt per 10\.000 jongeren van 12 tot en met 17 jaar: \d+,\d\n/);
    expect(bbv.stdout).toMatch(/2022 {2}Verwijzingen Halt .*: - \(aantal verwijzingen Halt over 2022 is niet ingevuld\)/);
  }, 120_000);

  it('names every table that could not be fetched and why, and exits with 1, when the other tables came in', async () => {
    const document = JSON.parse(readFileSync(EXAMPLE_PLAN_PATH, 'utf8'));
    document.plan.titel = 'Maasgouw met een onbekende code';
    document.plan.themas[0].indicatoren[0].koppeling = {
      teller: {
        dienst: 'opendata',
        tabel: '03759ned',
        onderwerp: 'BevolkingOp1Januari',
        dimensies: { Geslacht: ['T001038'], Leeftijd: ['99999'], BurgerlijkeStaat: ['T001019'] },
      },
      noemer: null,
      schaal: null,
    };
    const file = join(folder, 'onbekende-code.plan.json');
    writeFileSync(file, JSON.stringify(document));
    const otherId = /id ([0-9a-f-]{36})/.exec((await koers('plan', 'import', file)).stdout)?.[1] ?? '';
    const result = await koers('import', 'cbs', '--plan', otherId);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('47022NED  ongewijzigd sinds de vorige import');
    expect(result.stderr).toContain('Fout: 1 tabel kon niet worden opgehaald; wat eerder van een tabel was opgeslagen, blijft staan:');
    expect(result.stderr).toMatch(/\n {2}03759ned: .*99999/);
    const status = await koers('monitor', 'status', '--plan', otherId);
    expect(status.stdout).toMatch(/ophaalfout {5}tabel 03759ned: .*99999/);
  }, 120_000);
});
