/**
 * Monitoring end to end on both engines: the Maasgouw example refreshed from a
 * local CBS/police server that answers in the real shapes, measurements by
 * hand and by file, status against target, the tactical view, wijken and BBV.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ValidationError } from '../src/domain/errors.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { OpenDataRepository } from '../src/features/monitoring/open-data.repository.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { type FakeCbs, startFakeCbs } from './fake-cbs/fake-cbs-server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const noWait = async () => {};

describe.each(ENGINES)('monitoring on %s', (engine) => {
  let fake: FakeCbs;
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let planId: string;

  beforeAll(async () => {
    fake = await startFakeCbs();
    handle = await createTestDatabase(engine);
    services = createServices(handle, undefined, { baseUrls: fake.baseUrls, sleep: noWait });
    const plan = await loadExampleIfEmpty(services.plans);
    if (!plan) throw new Error('expected an empty database');
    planId = plan.id;
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
    await fake?.close();
  });

  it('refreshes every bound series and derives yearly measurements with their provenance', async () => {
    const steps: string[] = [];
    const result = await services.monitoring.refresh(SYSTEM, planId, (progress) => steps.push(progress.message));
    const tables = result.tables.map((table) => table.table).sort();
    expect(tables).toEqual(['03759ned', '03759ned', '47022NED', '47024NED']);
    const crime = result.tables.find((table) => table.table === '47022NED');
    // 25 region keys (GM1641, 8 wijken, 16 buurten) x 59 crime types x 144 months.
    expect(crime?.rowsReceived).toBe(25 * 59 * 144);
    expect(result.measurements.added).toBeGreaterThan(0);
    expect(steps.at(-1)).toBe('Metingen afleiden');

    const view = await services.monitoring.monitor(SYSTEM, planId);
    const burglary = view.indicators.find((entry) => entry.indicator.key === 'woninginbraken');
    expect(burglary?.years.map((entry) => entry.year)).toEqual([2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    const year2019 = burglary?.years.find((entry) => entry.year === 2019)?.measurement;
    expect(year2019?.source).toBe('open_data');
    expect(year2019?.provenance).toMatchObject({ tabel: '47022NED' });
    expect(year2019?.provenance).toHaveProperty('perioden.length', 12);

    const rate = view.indicators.find((entry) => entry.indicator.key === 'misdrijven-per-1000-inwoners');
    const rate2019 = rate?.years.find((entry) => entry.year === 2019)?.measurement;
    expect(rate2019?.numerator).toBeGreaterThan(0);
    expect(rate2019?.denominator).toBeGreaterThan(20_000);
    expect(rate2019?.value).toBeCloseTo(((rate2019?.numerator ?? 0) / (rate2019?.denominator ?? 1)) * 1000, 9);
    expect(['met', 'on_course', 'attention', 'off_course']).toContain(rate?.current.status);
  }, 120_000);

  it('changes nothing when the same tables are imported again', async () => {
    const result = await services.monitoring.refresh(SYSTEM, planId);
    expect(result.tables.every((table) => table.unchanged)).toBe(true);
    expect(result.measurements).toEqual({ added: 0, replaced: 0, unchanged: expect.any(Number) });
  }, 60_000);

  it('replaces the series of a re-issued table and keeps the previous values as history', async () => {
    fake.reissue('47022NED', {
      modified: '2024-06-01T02:00:00',
      changes: [{ dims: { SoortMisdrijf: '1.1.1 ', WijkenEnBuurten: 'GM1641    ', Perioden: '2019MM01' }, value: 99 }],
    });
    const result = await services.monitoring.refresh(SYSTEM, planId);
    const crime = result.tables.find((table) => table.table === '47022NED');
    expect(crime?.unchanged).toBe(false);
    expect(crime?.rowsChanged).toBe(1);
    expect(result.measurements.replaced).toBeGreaterThanOrEqual(1);
    const { history } = await services.monitoring.indicator(SYSTEM, planId, 'woninginbraken');
    const of2019 = history.filter((measurement) => measurement.period.year === 2019);
    expect(of2019).toHaveLength(2);
    expect(of2019.filter((measurement) => measurement.supersededAt === null)).toHaveLength(1);
  }, 60_000);

  it('keeps a suppressed cell as suppressed, never as zero', async () => {
    const revisions = await handle.db
      .selectFrom('openDataObservation')
      .select(['regionKey', 'value'])
      .where('regionKey', 'like', 'BU%')
      .where('value', 'is', null)
      .limit(1)
      .execute();
    expect(revisions).toHaveLength(1);
  });

  it('refuses a file with a bad row whole, naming row and column, and writes nothing', async () => {
    const before = await services.monitoring.indicator(SYSTEM, planId, 'overlast-buurtbewoners');
    const csv = 'indicator;periode;waarde\noverlast-buurtbewoners;2019;3,1\noverlast-buurtbewoners;2020;120\nonbekend;2020;1\n';
    const attempt = services.monitoring.importMeasurementFile(SYSTEM, planId, {
      name: 'enquete.csv',
      bytes: new TextEncoder().encode(csv),
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    const error = (await attempt.catch((caught: unknown) => caught)) as ValidationError;
    expect(error.problems.map((problem) => problem.path)).toEqual(
      expect.arrayContaining([expect.stringContaining('rij 3'), expect.stringContaining('rij 4')]),
    );
    const after = await services.monitoring.indicator(SYSTEM, planId, 'overlast-buurtbewoners');
    expect(after.history).toHaveLength(before.history.length);
  });

  it('reads a good file and computes the status of a survey indicator', async () => {
    const csv =
      'indicator;periode;waarde;toelichting\noverlast-buurtbewoners;2019;3,4;Veiligheidsmonitor\noverlast-buurtbewoners;2021;2,9;\n';
    const counts = await services.monitoring.importMeasurementFile(SYSTEM, planId, {
      name: 'vm.csv',
      bytes: new TextEncoder().encode(csv),
    });
    expect(counts).toMatchObject({ rows: 2, added: 2 });
    const { monitor } = await services.monitoring.indicator(SYSTEM, planId, 'overlast-buurtbewoners');
    expect(monitor.current).toEqual({ status: 'met', year: 2021, value: 2.9 });
    expect(monitor.projection?.reliable).toBe(false);
  });

  it('shows the last 24 months per crime type with the band of three previous years', async () => {
    const view = await services.monitoring.tactical(SYSTEM, planId, { code: '1.1.1' });
    expect(view.categories).toHaveLength(59);
    expect(view.selected?.rows).toHaveLength(24);
    expect(view.selected?.rows.at(-1)).toMatchObject({ year: 2023, month: 12 });
    expect(view.selected?.rows.every((row) => row.band !== null)).toBe(true);
  });

  it('gives the figures per wijk of a year', async () => {
    const view = await services.monitoring.districts(SYSTEM, planId, { source: 'misdrijven', code: '0.0.0', year: 2022 });
    expect(view.districts).toHaveLength(8);
    expect(view.total).toBeGreaterThan(0);
  });

  it('computes the BBV indicators, with Halt entered by hand', async () => {
    await services.monitoring.recordBbvEntry(SYSTEM, planId, { municipality: 'GM1641', year: 2021, value: 12 });
    const view = await services.monitoring.bbv(SYSTEM, planId);
    const year2021 = view.municipalities[0]?.years[view.years.indexOf(2021)] ?? [];
    expect(year2021.map((value) => value.key)).toEqual([
      'winkeldiefstallen',
      'geweldsmisdrijven',
      'diefstallen-uit-woning',
      'vernielingen',
      'verwijzingen-halt',
    ]);
    for (const value of year2021) expect(value.value, value.missing ?? '').not.toBeNull();
  });

  it('goes on with the other tables when one series names a code the source does not know, and shows why on the monitor', async () => {
    const document = structuredClone(await readExampleDocument()) as any;
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
    const other = await services.plans.importPlan(SYSTEM, document);
    const result = await services.monitoring.refresh(SYSTEM, other.id);
    expect(result.failures).toEqual([{ table: '03759ned', message: expect.stringContaining('99999') }]);
    expect(result.tables.map((table) => table.table)).toContain('47022NED');
    const view = await services.monitoring.monitor(SYSTEM, other.id);
    expect(view.indicators.find((entry) => entry.indicator.key === 'woninginbraken')?.years.length).toBeGreaterThan(0);
    // The unknown code failed before an import began: recorded all the same, with its cause, and the indicator it feeds.
    expect(view.failures).toEqual([
      {
        service: 'opendata',
        tableCode: '03759ned',
        failedAt: expect.any(String),
        message: expect.stringContaining("Onbekende code '99999'"),
        indicators: [{ key: 'overlast-buurtbewoners', name: expect.any(String) }],
      },
    ]);
    expect(view.imports[0]).toMatchObject({ tableCode: '03759ned', status: 'failed', modified: null, error: view.failures[0]?.message });
    // The plans that fetch 03759ned with known codes have no failure.
    expect((await services.monitoring.monitor(SYSTEM, planId)).failures).toEqual([]);

    await services.plans.setPublished(SYSTEM, other.id, true);
    const answer = await createApp(services).request(`/api/v1/plannen/${other.id}/monitor`);
    expect(answer.status).toBe(200);
    const body = (await answer.json()) as { ophaalfouten: unknown[] };
    expect(body.ophaalfouten).toEqual([
      {
        dienst: 'opendata',
        tabel: '03759ned',
        misluktOp: view.failures[0]?.failedAt,
        oorzaak: view.failures[0]?.message,
        indicatoren: ['overlast-buurtbewoners'],
      },
    ]);
  }, 60_000);

  it('records a table the source does not have, before anything of it is known', async () => {
    const document = structuredClone(await readExampleDocument()) as any;
    document.plan.titel = 'Maasgouw met een onbekende tabel';
    document.plan.indicatoren[0].koppeling.noemer.tabel = '99999ned';
    const other = await services.plans.importPlan(SYSTEM, document);
    const result = await services.monitoring.refresh(SYSTEM, other.id);
    expect(result.failures).toEqual([
      { table: '99999ned', message: expect.stringContaining('TableInfos van 99999ned (opendata): niet gevonden (HTTP 404') },
    ]);
    const view = await services.monitoring.monitor(SYSTEM, other.id);
    expect(view.failures).toMatchObject([
      { tableCode: '99999ned', message: result.failures[0]?.message, indicators: [{ key: 'misdrijven-per-1000-inwoners' }] },
    ]);
    expect(await services.monitoring.monitor(SYSTEM, other.id)).toMatchObject({
      imports: expect.arrayContaining([expect.objectContaining({ tableCode: '99999ned', status: 'failed', modified: null })]),
    });
  }, 60_000);

  it('counts only the latest attempt of a pull: a later import of it clears an earlier failure', async () => {
    const repository = new OpenDataRepository(handle);
    const pull = 'opendata/proef GM1641';
    await repository.recordPullFailure({ service: 'opendata', tableCode: 'proef', pull, error: 'eerst mislukt', actorLabel: 'test' });
    expect((await repository.failedPulls([pull])).map((failure) => failure.error)).toEqual(['eerst mislukt']);
    const tableId = await repository.registerTable('opendata', 'proef', 'Proeftabel');
    const importId = await repository.startImport(tableId, { kind: 'all' }, pull, '2024-01-01T00:00:00', 'test');
    await repository.createStaging(importId, tableId);
    await repository.swapIn(importId, tableId, { kind: 'all' }, []);
    expect(await repository.failedPulls([pull])).toEqual([]);
    const again = await repository.startImport(tableId, { kind: 'all' }, pull, '2024-02-01T00:00:00', 'test');
    await repository.failImport(again, 'pagina 3 van proef (opendata): mislukt');
    expect(await repository.failedPulls([pull])).toMatchObject([{ tableCode: 'proef', error: 'pagina 3 van proef (opendata): mislukt' }]);
  });

  it('leaves what is stored untouched when the open-data service breaks down', async () => {
    fake.reissue('47024NED', { modified: '2024-07-01T02:00:00', changes: [] });
    fake.failNext(100, 'status-503');
    const countBefore = await handle.db
      .selectFrom('openDataObservation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(services.monitoring.refresh(SYSTEM, planId)).rejects.toThrow(/^Geen enkele tabel kon worden opgehaald:\n {2}47022NED: /);
    fake.failNext(0, 'status-503');
    const countAfter = await handle.db
      .selectFrom('openDataObservation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(countAfter.n)).toBe(Number(countBefore.n));
  }, 60_000);
});
