/**
 * The safety analysis on both engines, against the local CBS test server:
 * the police figures of Maasgouw that a refresh stored, set to known values,
 * come back per theme, per year and per 1,000 inhabitants with the trend
 * they have; the plan's coverage is beside them; woninginbraak per wijk, set
 * to known values with one wijk withheld, comes back with each wijk's share;
 * before any refresh the page says the figures are not there yet.
 */
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { hasPoppler, pdfAProblems, pdfText } from './document-checks.js';
import { type FakeCbs, startFakeCbs } from './fake-cbs/fake-cbs-server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const noWait = async () => {};

/**
 * Woninginbraak (1.1.1) a month per wijk of Maasgouw: in 2017 Maasbracht 3,
 * Linne 2, the other four 1 and Beegden and Wessem 0, the municipality 10 (so
 * one a month in no known wijk); in 2021 the municipality 8 and Stevensweert
 * withheld in March.
 */
const BURGLARY: Record<number, Record<string, (month: number) => number | null>> = {
  2017: {
    GM1641: () => 10,
    WK164100: () => 3,
    WK164101: () => 2,
    WK164102: () => 1,
    WK164103: () => 1,
    WK164104: () => 1,
    WK164105: () => 1,
    WK164106: () => 0,
    WK164107: () => 0,
  },
  2021: {
    GM1641: () => 8,
    WK164100: () => 2,
    WK164101: () => 2,
    WK164102: (month) => (month === 3 ? null : 1),
    WK164103: () => 1,
    WK164104: () => 1,
    WK164105: () => 1,
    WK164106: () => 0,
    WK164107: () => 0,
  },
};

describe.each(ENGINES)('the safety analysis on %s', (engine) => {
  let fake: FakeCbs;
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let planId: string;

  beforeAll(async () => {
    fake = await startFakeCbs();
    handle = await createTestDatabase(engine);
    services = createServices(handle, undefined, { baseUrls: fake.baseUrls, sleep: noWait });
    planId = (await loadExampleIfEmpty(services.plans))!.id;
    // Shoplifting (2.5.2) in Maasgouw: 10 a month in 2017, then 20% more each year; 24,000 inhabitants (30,000 in 2021).
    for (let year = 2017; year <= 2021; year++) {
      const monthly = 10 * 1.2 ** (year - 2017);
      for (let month = 1; month <= 12; month++) {
        fake.setCell(
          '47022NED',
          { SoortMisdrijf: '2.5.2', WijkenEnBuurten: 'GM1641', Perioden: `${year}MM${String(month).padStart(2, '0')}` },
          monthly,
        );
      }
      fake.setCell(
        '03759ned',
        { Geslacht: 'T001038', Leeftijd: '10000', BurgerlijkeStaat: 'T001019', RegioS: 'GM1641', Perioden: `${year}JJ00` },
        year === 2021 ? 30_000 : 24_000,
      );
    }
    for (const [year, regions] of Object.entries(BURGLARY)) {
      for (const [region, perMonth] of Object.entries(regions)) {
        for (let month = 1; month <= 12; month++) {
          fake.setCell(
            '47022NED',
            { SoortMisdrijf: '1.1.1', WijkenEnBuurten: region, Perioden: `${year}MM${String(month).padStart(2, '0')}` },
            perMonth(month),
          );
        }
      }
    }
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
    await fake?.close();
  });

  it('says on the page that the police figures are not there before a refresh', async () => {
    const view = await services.analysis.analysis(SYSTEM, planId);
    expect(view.available).toBeNull();
    const html = await (await createApp(services).request(`/plannen/${planId}/analyse`)).text();
    expect(html).toContain('De cijfers van de politie zijn nog niet opgehaald.');
  });

  it('gives the stored figures per theme, per year and per 1,000 inhabitants, with their trend', async () => {
    await services.monitoring.refresh(SYSTEM, planId, () => {});
    // A survey figure entered by hand: it stands with the theme its indicator belongs to.
    await services.monitoring.recordMeasurement(SYSTEM, planId, 'overlast-rondhangende-jongeren', {
      period: { kind: 'year', year: 2019, number: 0 },
      value: 12,
      suppressed: false,
      numerator: null,
      denominator: null,
      note: null,
    });
    const view = await services.analysis.analysis(SYSTEM, planId, { from: 2017, to: 2021 });
    expect(view.available).toEqual({ from: 2012, to: 2023 });
    const shops = view.fields.flatMap((field) => field.themes).find((theme) => theme.code === '2.1');
    const shoplifting = shops?.series.find((series) => series.code === '2.5.2');
    expect(shoplifting?.title).toBe('Winkeldiefstal');
    const counts = [120, 144, 172.8, 207.36, 248.832];
    shoplifting?.values.forEach((value, index) => {
      expect(value.count).toBeCloseTo(counts[index] as number, 6);
    });
    expect(shoplifting?.values.at(-1)?.rate).toBeCloseTo((248.832 / 30_000) * 1000, 9);
    // Per inhabitant the last year falls back (30,000 inhabitants), so the rate's trend is less than 20% a year.
    expect(shoplifting?.trend).toMatchObject({ kind: 'trend', perPopulation: true, years: [2017, 2021], n: 5 });
    expect(shoplifting?.trend.kind === 'trend' && shoplifting.trend.yearlyChange).toBeLessThan(0.2);
    expect(shops?.plan?.themes.map((theme) => theme.key)).toEqual(['strategisch-3']);
    const youth = view.fields.flatMap((field) => field.themes).find((theme) => theme.code === '3.1');
    const survey = youth?.plan?.measured.find((indicator) => indicator.name.includes('rondhangende jongeren'));
    expect(survey?.values.find((value) => value.year === 2019)?.value).toBe(12);
    expect(survey?.source).toBe('Veiligheidsmonitor');
  }, 120_000);

  it("gives woninginbraak per wijk in the first and the last year with each wijk's share, a withheld wijk withheld, and the rest", async () => {
    const view = await services.analysis.analysis(SYSTEM, planId, { from: 2017, to: 2021 });
    expect(view.districts.years).toEqual({ first: 2017, last: 2021 });
    // No population per wijk is stored (03759ned is per gemeente): counts and shares, no rates.
    expect(view.districts.perPopulation).toBe(false);
    expect(view.districts.kinds.map((kind) => `${kind.source}:${kind.code}`)).toEqual([
      'misdrijven:0.0.0',
      'misdrijven:1.1.1',
      'misdrijven:2.2.1',
      'overlast:0.0.0',
      'overlast:E35',
    ]);
    const burglary = view.districts.kinds.find((kind) => kind.code === '1.1.1');
    expect(burglary?.title).toBe('Diefstal/inbraak woning');
    expect(burglary?.districts).toHaveLength(8);
    const wijk = (key: string) => burglary?.districts.find((row) => row.key === key);
    expect(wijk('WK164100')?.name).toBe('Wijk 00 Maasbracht');
    // 3 x 12 = 36 of 10 x 12 = 120: 30%; in 2021 2 x 12 = 24 of 8 x 12 = 96: 25%.
    expect(wijk('WK164100')?.first).toEqual({ count: 36, suppressed: false, share: 0.3, rate: null });
    expect(wijk('WK164100')?.last).toEqual({ count: 24, suppressed: false, share: 0.25, rate: null });
    expect(wijk('WK164106')?.first).toEqual({ count: 0, suppressed: false, share: 0, rate: null });
    // Stevensweert: 12 in 2017 (10%); withheld in March 2021, so withheld for 2021, never 11.
    expect(wijk('WK164102')?.first.share).toBeCloseTo(0.1, 12);
    expect(wijk('WK164102')?.last).toEqual({ count: null, suppressed: true, share: null, rate: null });
    expect(burglary?.withheld).toEqual(['Wijk 02 Stevensweert']);
    // 120 - (36 + 24 + 12 x 4 + 0 + 0) = 12 in no known wijk; unknown in 2021, with a wijk withheld.
    expect(burglary?.rest).toEqual({ first: 12, last: null });
    expect(burglary?.municipality.last.count).toBe(96);
  });

  it('shows the analysis as a page, with the trend in words and the method', async () => {
    const response = await createApp(services).request(`/plannen/${planId}/analyse?van=2017&tot=2021`);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('2.5.2 Winkeldiefstal');
    expect(html).toContain('Log-lineaire (Poisson-)regressie');
    expect(html).toContain('Metingen van de indicatoren van het plan bij Jeugdoverlast, per jaar');
    expect(html).toMatch(/stijgt|daalt|geen duidelijke verandering/);
    // Each theme with figures draws them per 1,000 inhabitants, the chart described in words, beside its table.
    expect(html).toContain('Veilig winkelgebied: politiecijfers per 1.000 inwoners');
    expect(html).toMatch(/Winkeldiefstal van 5,0 in 2017 naar 8,3 in 2021/);
    expect(html).toContain(`/plannen/${planId}/analyse/bestand/pdf?gemeente=GM1641&amp;van=2017&amp;tot=2021`);
    // Per wijk: the table with the shares, the bars of the last year, and why there is no rate per wijk.
    expect(html).toContain('1.1.1 Diefstal/inbraak woning per wijk, 2017 en 2021');
    expect(html).toContain('Per wijk staat er geen cijfer per 1.000 inwoners');
    expect(html).toMatch(/<th[^>]*>Wijk 00 Maasbracht<\/th><td[^>]*>36<\/td><td[^>]*>30,0%<\/td><td[^>]*>24<\/td><td[^>]*>25,0%<\/td>/);
    expect(html).toContain('Afgeschermd in Wijk 02 Stevensweert');
    expect(html).toContain('1.1.1 Diefstal/inbraak woning per wijk, 2021</title>');
    // The example plan has no predecessor: one sentence says there is no was/wordt.
    expect(html).toContain('Dit plan heeft in Koers geen vorig plan, dus er is geen was/wordt.');
    expect((await createApp(services).request(`/plannen/${planId}/analyse?gemeente=GM0000`)).status).toBe(404);
    expect((await createApp(services).request(`/plannen/${planId}/analyse?van=2021&tot=2017`)).status).toBe(400);
  });

  it('makes the analysis a document in the formats of the progress report: a PDF/A with its charts, DOCX, ODT and HTML', async () => {
    const app = createApp(services);
    const file = async (format: string) => {
      const response = await app.request(`/plannen/${planId}/analyse/bestand/${format}?van=2017&tot=2021`);
      expect(response.status, format).toBe(200);
      return { bytes: new Uint8Array(await response.arrayBuffer()), disposition: response.headers.get('Content-Disposition') };
    };
    const pdf = await file('pdf');
    expect(pdf.disposition).toContain('veiligheidsanalyse-GM1641-2017-2021.pdf');
    if (hasPoppler) {
      expect(await pdfAProblems(pdf.bytes)).toEqual([]);
      const words = (await pdfText(pdf.bytes)).replace(/\s+/g, ' ');
      expect(words).toContain('Veiligheidsanalyse Maasgouw');
      expect(words).toContain('2.5.2 Winkeldiefstal');
      expect(words).toContain('Winkeldiefstal van 5,0 in 2017 naar 8,3 in 2021');
      expect(words).toContain('1.1.1 Diefstal/inbraak woning per wijk, 2017 en 2021');
      expect(words).toContain('Dit plan heeft in Koers geen vorig plan, dus er is geen was/wordt.');
    }
    const docx = unzipSync((await file('docx')).bytes);
    expect(new TextDecoder().decode(docx['word/document.xml'])).toContain('<w:pStyle w:val="Heading3"/>');
    const odt = unzipSync((await file('odt')).bytes);
    const content = new TextDecoder().decode(odt['content.xml']);
    expect(content).toContain('Veilig winkelgebied: politiecijfers per 1.000 inwoners');
    expect(content).toContain('Niet in een bekende wijk');
    expect(new TextDecoder().decode((await file('html')).bytes)).toMatch(/^<!DOCTYPE html><html lang="nl">/);
    const csv = new TextDecoder()
      .decode((await file('csv')).bytes)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toBe('veld;thema;bron;code;soort;gebied;naam gebied;jaar;aantal;per 1.000 inwoners;aandeel van de gemeente');
    expect(csv).toContain('2;2.1;misdrijven;2.5.2;Winkeldiefstal;GM1641;Maasgouw;2017;120;5;');
    expect(csv).toContain(';1.3;misdrijven;1.1.1;Diefstal/inbraak woning;WK164100;Wijk 00 Maasbracht;2017;36;;0,3');
    expect(csv).toContain(';1.3;misdrijven;1.1.1;Diefstal/inbraak woning;WK164102;Wijk 02 Stevensweert;2021;;;');
    expect((await app.request(`/plannen/${planId}/analyse/bestand/exe`)).status).toBe(404);
  }, 120_000);
  it('reads the figures again once an import changed them, and not before', async () => {
    const youth = (view: Awaited<ReturnType<typeof services.analysis.analysis>>) =>
      view.fields
        .flatMap((field) => field.themes)
        .find((theme) => theme.code === '3.1')
        ?.series.find((series) => series.source === 'overlast' && series.code === 'E35')?.values[0]?.count;
    const before = youth(await services.analysis.analysis(SYSTEM, planId, { from: 2017, to: 2021 }));
    expect(before).not.toBe(120);
    // The police re-issue their nuisance table with youth nuisance of 2017 at 10 a month; until it is fetched, the analysis shows what is stored.
    fake.reissue('47024NED', {
      modified: '2024-04-30T02:00:00',
      changes: Array.from({ length: 12 }, (_, index) => ({
        dims: { Overlast: 'E35', WijkenEnBuurten: 'GM1641', Perioden: `2017MM${String(index + 1).padStart(2, '0')}` },
        value: 10,
      })),
    });
    expect(youth(await services.analysis.analysis(SYSTEM, planId, { from: 2017, to: 2021 }))).toBe(before);
    await services.monitoring.refresh(SYSTEM, planId, () => {});
    expect(youth(await services.analysis.analysis(SYSTEM, planId, { from: 2017, to: 2021 }))).toBe(120);
  }, 120_000);
});
