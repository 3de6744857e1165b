/**
 * Progress reports in the browser: the coordinator makes the report over
 * 2020, writes its introduction, makes it definitive (a background job with
 * a live status) and downloads the PDF; a resident sees the definitive
 * version of the published plan, never the concept. Every page passes
 * axe-core at desktop and phone width, without CSP violations.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { addReportData } from '../test/report-example.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, logIn, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

const PASSWORD = 'een lang wachtwoord voor de test';

describe.skipIf(!hasChromium)('progress reports in the browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: Record<string, BrowserContext> = {};

  beforeAll(async () => {
    server = await startTestServer();
    await addReportData(server.services, server.planId);
    const accounts = new AccountRepository(server.handle.db);
    const userId = await server.services.auth.createUser({
      name: 'Olga OOV',
      email: 'oov@maasgouw.example',
      password: PASSWORD,
      isAdministrator: false,
    });
    await accounts.grantRole(userId, 'GM1641', 'coordinator');
    browser = await launchBrowser();
    for (const [who, width] of [
      ['coordinator', 1280],
      ['coordinator-telefoon', 390],
      ['inwoner', 1280],
      ['inwoner-telefoon', 390],
    ] as const) {
      contexts[who] = await browser.newContext({ viewport: { width, height: 900 } });
      if (who.startsWith('coordinator')) {
        await logIn(contexts[who], server.url, 'oov@maasgouw.example', PASSWORD);
      }
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const reports = () => `/plannen/${server.planId}/rapportages`;
  const version = () => `${reports()}/2020/versies/1`;

  async function visit(who: string, path: string, what: string): Promise<Page> {
    const { page, problems } = await openPage(contexts[who]!);
    const response = await page.goto(server.url + path);
    expect(response?.status(), what).toBe(200);
    await expectSoundPage(page, problems, what);
    return page;
  }

  it('lets the coordinator make the report over 2020, read as a page at both widths', async () => {
    const page = await visit('coordinator', reports(), 'reports page');
    expect(await page.locator('main').innerText()).toContain('Er zijn nog geen rapportages.');
    await page.getByLabel('Jaar').selectOption('2020');
    await page.getByRole('button', { name: 'Rapportage maken' }).click();
    await page.waitForURL(/versies\/1\?gedaan=gemaakt/);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Het concept is gemaakt.');
    expect(text).toContain('Dit is een concept: het volgt de gegevens zoals ze nu zijn.');
    expect(text).toContain('Wat achterloopt');
    expect(await page.locator('figure svg[role="img"]').count()).toBeGreaterThanOrEqual(5);
    await page.close();
    await (await visit('coordinator', version(), 'concept at desktop width')).close();
    await (await visit('coordinator-telefoon', version(), 'concept at phone width')).close();
  }, 90_000);

  it('keeps the introduction the coordinator writes, and refuses a text that is too long with the reason beside it', async () => {
    const page = await visit('coordinator', `${version()}/teksten`, 'texts form');
    await page.getByLabel('Inleiding').fill('In 2020 lag de nadruk op woninginbraak.\n\nDe cijfers staan hieronder.');
    await page.getByRole('button', { name: 'Teksten bewaren' }).click();
    await page.waitForURL(/gedaan=bewaard/);
    expect(await page.locator('main').innerText()).toContain('In 2020 lag de nadruk op woninginbraak.');
    await page.close();
    const phone = await visit('coordinator-telefoon', `${version()}/teksten`, 'texts form at phone width');
    await phone.getByLabel('Inleiding').fill('x'.repeat(20_001));
    await phone.getByRole('button', { name: 'Teksten bewaren' }).click();
    expect(await phone.locator('.koers-error-summary').innerText()).toContain('Ten hoogste 20000 tekens');
    await phone.close();
  }, 60_000);

  it('makes the report definitive with a live status, and gives its PDF', async () => {
    const page = await visit('coordinator', version(), 'concept before finalising');
    await page.getByRole('button', { name: 'Definitief maken' }).click();
    await page.waitForURL(/rapportages\/taken\//);
    await expectSoundPage(page, [], 'job page while it waits');
    await server.services.jobRunner.runPending();
    // The page polls its job and loads itself again when the job has ended (koers-job.js), as it does for a user.
    await page.locator('main', { hasText: 'De rapportage is definitief.' }).waitFor({ timeout: 20_000 });
    await page.getByRole('link', { name: 'Naar de definitieve rapportage' }).click();
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Controlegetal \(SHA-256\): [0-9a-f]{64}/);
    expect(text).not.toContain('Definitief maken');
    const pdf = await page.request.get(`${server.url}${version()}/bestand/pdf`);
    expect(pdf.status()).toBe(200);
    expect(pdf.headers()['content-disposition']).toContain('voortgangsrapportage-2020-versie-1.pdf');
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.close();
  }, 90_000);

  it('gives an HTML file that passes axe-core on its own, at both widths', async () => {
    const { page } = await openPage(contexts.coordinator!);
    const file = await page.request.get(`${server.url}${version()}/bestand/html`);
    expect(file.status()).toBe(200);
    const html = await file.text();
    for (const who of ['coordinator', 'coordinator-telefoon']) {
      const { page: reader, problems } = await openPage(contexts[who]!);
      await reader.setContent(html);
      await expectSoundPage(reader, problems, `HTML file (${who})`);
      expect(await reader.locator('nav a').count()).toBeGreaterThan(15);
      await reader.close();
    }
    await page.close();
  }, 60_000);

  it('shows a resident the definitive report of the published plan, at both widths, and never a concept', async () => {
    await server.services.reports.create({ kind: 'system' }, server.planId, 2021);
    const list = await visit('inwoner', reports(), 'reports page of a resident');
    const text = await list.locator('main').innerText();
    expect(text).toContain('Rapportage 2020, versie 1');
    expect(text).not.toContain('Rapportage 2021');
    expect(text).not.toContain('Rapportage maken');
    await list.getByRole('link', { name: 'Rapportage 2020, versie 1' }).click();
    expect(await list.locator('main').innerText()).toContain('In 2020 lag de nadruk op woninginbraak.');
    await list.close();
    await (await visit('inwoner-telefoon', version(), 'definitive report at phone width')).close();
    const { page } = await openPage(contexts.inwoner!);
    expect((await page.goto(`${server.url}${reports()}/2021/versies/1`))?.status()).toBe(404);
    await page.close();
  }, 60_000);
});

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);
