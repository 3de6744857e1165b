/**
 * The monitor as the coordinator uses it, in Debian's Chromium against the
 * whole app and a local CBS/police server: refresh the figures (the job page
 * follows the job live), read the monitor, the tactical view, the wijken and
 * the BBV page, enter a measurement and upload a file with a bad row. Every
 * page is checked with axe-core under the app's real CSP.
 */
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { type FakeCbs, startFakeCbs } from '../test/fake-cbs/fake-cbs-server.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, logIn, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

describe.skipIf(!hasChromium)('the monitor in a browser', () => {
  let fake: FakeCbs;
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    fake = await startFakeCbs();
    server = await startTestServer({ openData: { baseUrls: fake.baseUrls, sleep: async () => {} } });
    server.services.jobRunner.start(100);
    const userId = await server.services.auth.createUser({
      name: 'Coördinator OOV',
      email: 'oov@maasgouw.example',
      password: 'veilig wachtwoord 2026',
      isAdministrator: false,
    });
    await new AccountRepository(server.handle.db).grantRole(userId, 'GM1641', 'coordinator');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await logIn(context, server.url, 'oov@maasgouw.example', 'veilig wachtwoord 2026');
  }, 120_000);

  afterAll(async () => {
    await server?.services.jobRunner.stop();
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  const monitorPath = (suffix = '') => `/plannen/${server.planId}/monitor${suffix}`;

  async function visit(path: string): Promise<{ page: Page; problems: string[] }> {
    const opened = await openPage(context);
    const response = await opened.page.goto(server.url + path);
    expect(response?.status(), path).toBe(200);
    await expectSoundPage(opened.page, opened.problems, path);
    return opened;
  }

  it('refreshes the figures, following the job live until it is done', async () => {
    const { page, problems } = await visit(monitorPath());
    expect(await page.locator('main').innerText()).toContain('Geen gegevens');
    await page.getByRole('button', { name: 'Vernieuw cijfers' }).click();
    await expect.poll(() => page.url()).toContain('/monitor/taken/');
    // The page's own script polls the job and reloads the page when it ends.
    await expect.poll(() => page.locator('main').innerText(), { timeout: 60_000 }).toContain('De cijfers zijn vernieuwd.');
    expect(await page.locator('main').innerText()).toContain('47022NED');
    await expectSoundPage(page, problems, 'job page, done');
    await page.close();
  }, 90_000);

  it('shows every indicator with its status in words, its chart and its table', async () => {
    const { page } = await visit(monitorPath());
    const main = page.locator('main');
    expect(await main.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(10);
    const text = await main.innerText();
    expect(text).toMatch(/Gehaald|Op koers|Aandacht|Uit koers/);
    expect(text).toContain('woninginbraken');
    await page.close();
  });

  it('shows the tactical view with 24 months and the wijken of Maasgouw', async () => {
    const tactical = await visit(monitorPath('/tactisch?soort=1.1.1'));
    expect(await tactical.page.locator('main').innerText()).toContain('Diefstal/inbraak woning');
    expect(await tactical.page.locator('main .koers-chart-variant--wide svg[role="img"]').count()).toBe(1);
    await tactical.page.close();

    const districts = await visit(monitorPath('/wijken?bron=misdrijven&code=0.0.0&jaar=2022'));
    const text = await districts.page.locator('main').innerText();
    expect(text).toContain('Wijk 00 Maasbracht');
    expect(text).toContain('Wijk 07 Wessem');
    await districts.page.close();

    const bbv = await visit(monitorPath('/bbv'));
    expect(await bbv.page.locator('main').innerText()).toContain('Winkeldiefstallen per 1.000 inwoners');
    await bbv.page.close();
  });

  it('fits a phone: no sideways scrolling, chart text of at least 12 px', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 800 } });
    for (const path of [
      monitorPath(),
      monitorPath('/indicatoren/woninginbraken'),
      monitorPath('/tactisch?soort=1.1.1'),
      monitorPath('/wijken'),
      monitorPath('/bbv'),
    ]) {
      const page = await phone.newPage();
      await page.goto(server.url + path);
      const measured = await page.evaluate(() => ({
        overflow: document.documentElement.scrollWidth - window.innerWidth,
        tables: [...document.querySelectorAll('.koers-table-container')].filter((frame) => frame.scrollWidth > frame.clientWidth + 1)
          .length,
        smallestChartText: Math.min(
          ...[...document.querySelectorAll<SVGSVGElement>('svg.koers-chart')]
            .filter((svg) => svg.getBoundingClientRect().width > 0)
            .map((svg) => (Number(svg.getAttribute('font-size')) * svg.getBoundingClientRect().width) / svg.viewBox.baseVal.width),
        ),
      }));
      expect(measured.overflow, path).toBe(0);
      expect(measured.tables, path).toBe(0);
      expect(measured.smallestChartText, path).toBeGreaterThanOrEqual(12);
      await page.close();
    }
    await phone.close();
  });

  it('says at the top of the monitor when the figures were fetched and downloads them as CSV', async () => {
    const { page } = await visit(monitorPath());
    expect(await page.locator('section[aria-labelledby="stand"]').innerText()).toContain(
      'De cijfers uit open data zijn het laatst opgehaald op',
    );
    const href = await page
      .getByRole('link', { name: /CSV-bestand/ })
      .first()
      .getAttribute('href');
    const response = await fetch(server.url + (href ?? ''));
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="monitor-/);
    expect(await response.text()).toContain('woninginbraken');
    await page.close();
  });

  it('takes a measurement by hand and shows it with its history', async () => {
    const { page, problems } = await visit(monitorPath('/indicatoren/overlast-buurtbewoners'));
    await page.locator('form input[name="periode"]').fill('2019');
    await page.locator('form input[name="waarde"]').fill('3,2');
    await page.getByRole('button', { name: 'Meting opslaan' }).click();
    await expect.poll(() => page.url()).toContain('opgeslagen=1');
    const text = await page.locator('main').innerText();
    expect(text).toContain('De meting is opgeslagen.');
    expect(text).toContain('3,2');
    await expectSoundPage(page, problems, 'indicator page after saving');
    await page.close();
  });

  it('refuses an uploaded file with a bad row, listing row, column and reason', async () => {
    const file = join(tmpdir(), `koers-metingen-${process.pid}.csv`);
    writeFileSync(file, 'indicator;periode;waarde\noverlast-buurtbewoners;2020;3,1\noverlast-buurtbewoners;2021;honderd\n');
    const { page, problems } = await visit(monitorPath());
    await page.getByLabel('Bestand met metingen').setInputFiles(file);
    await page.getByRole('button', { name: 'Bestand inlezen' }).click();
    await page.waitForURL(/\/metingen\/bestand$/);
    const text = await page.locator('main').innerText();
    expect(text).toContain('Het bestand is niet ingelezen');
    expect(text).toContain('honderd');
    await expectSoundPage(page, problems, 'monitor page with upload problems');
    await page.close();
  });
});
