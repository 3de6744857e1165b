/**
 * The safety analysis on both engines, against the local CBS test server:
 * the police figures of Maasgouw that a refresh stored, set to known values,
 * come back per theme, per year and per 1,000 inhabitants with the trend
 * they have; the plan's coverage is beside them; before any refresh the page
 * says the figures are not there yet.
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
    }
    const docx = unzipSync((await file('docx')).bytes);
    expect(new TextDecoder().decode(docx['word/document.xml'])).toContain('<w:pStyle w:val="Heading3"/>');
    const odt = unzipSync((await file('odt')).bytes);
    expect(new TextDecoder().decode(odt['content.xml'])).toContain('Veilig winkelgebied: politiecijfers per 1.000 inwoners');
    expect(new TextDecoder().decode((await file('html')).bytes)).toMatch(/^<!DOCTYPE html><html lang="nl">/);
    const csv = new TextDecoder()
      .decode((await file('csv')).bytes)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(csv[0]).toBe('veld;thema;bron;code;soort;jaar;aantal;per 1.000 inwoners');
    expect(csv).toContain('2;2.1;misdrijven;2.5.2;Winkeldiefstal;2017;120;5');
    expect((await app.request(`/plannen/${planId}/analyse/bestand/exe`)).status).toBe(404);
  }, 120_000);
});
