/**
 * Prioritisation in the browser: the coordinator scores a few themes beside
 * the police trends fetched from the local CBS test server, sees the proposed
 * ranking, keeps the proposed choice, makes the next plan's concept and opens
 * its was/wordt. Every page on the way (also a form with problems) passes
 * axe-core at desktop and phone width, without CSP violations.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { type FakeCbs, startFakeCbs } from '../test/fake-cbs/fake-cbs-server.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, logIn, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

const PASSWORD = 'een lang wachtwoord voor de test';

describe.skipIf(!hasChromium)('prioritisation in the browser', () => {
  let fake: FakeCbs;
  let server: TestServer;
  let browser: Browser;
  const contexts: Record<number, BrowserContext> = {};

  beforeAll(async () => {
    fake = await startFakeCbs();
    server = await startTestServer({ openData: { baseUrls: fake.baseUrls, sleep: async () => {} } });
    await server.services.monitoring.refresh(SYSTEM, server.planId, () => {});
    const userId = await server.services.auth.createUser({
      name: 'Olga OOV',
      email: 'oov@maasgouw.example',
      password: PASSWORD,
      isAdministrator: false,
    });
    await new AccountRepository(server.handle.db).grantRole(userId, 'GM1641', 'coordinator');
    browser = await launchBrowser();
    for (const width of [1280, 390]) {
      contexts[width] = await browser.newContext({ viewport: { width, height: 900 } });
      await logIn(contexts[width], server.url, 'oov@maasgouw.example', PASSWORD);
    }
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  const prioritisation = () => `${server.url}/plannen/${server.planId}/prioritering`;

  async function visit(width: number, url: string, what: string, status = 200): Promise<{ page: Page; problems: string[] }> {
    const opened = await openPage(contexts[width]!);
    const response = await opened.page.goto(url);
    expect(response?.status(), what).toBe(status);
    await expectSoundPage(opened.page, opened.problems, what);
    return opened;
  }

  for (const width of [1280, 390]) {
    it(`shows the forms with the facts beside each theme at ${width} pixels wide`, async () => {
      const { page } = await visit(width, prioritisation(), `prioritisation at ${width}`);
      const text = await page.locator('main').innerText();
      expect(text).toContain('Vorig plan: prioriteit.');
      expect(text).toContain('De trends komen uit de veiligheidsanalyse over');
      expect(text).toMatch(/Politie, (stijgend|dalend|geen duidelijke verandering)/);
      await page.close();
    }, 60_000);
  }

  it('shows bad input again with the message at its field', async () => {
    const { page, problems } = await visit(1280, prioritisation(), 'prioritisation before a bad weight');
    await page.getByLabel('Gewicht van criterium 1').fill('veel');
    await page.getByRole('button', { name: 'Criteria bewaren' }).click();
    await page.waitForLoadState('load');
    expect(await page.locator('#prioritering-criterium-0-gewicht-fout').innerText()).toBe('een gewicht is een getal, zoals 1 of 1,5');
    await expectSoundPage(page, problems, 'prioritisation with a bad weight');
    await page.close();
  }, 60_000);

  it('lets the coordinator score themes, see the ranking, make the concept and open its was/wordt', async () => {
    const { page, problems } = await visit(1280, prioritisation(), 'prioritisation before scoring');
    const score = (code: string, criterion: string, value: string) =>
      page.getByLabel(`Score van ${code} op ${criterion}`, { exact: true }).selectOption(value);
    await score('3.1', 'omvang en trend van het probleem', '5');
    await score('3.1', 'impact op inwoners', '5');
    await score('5.2', 'omvang en trend van het probleem', '4');
    await score('5.2', 'wens van de raad', '5');
    await score('4.1', 'omvang en trend van het probleem', '2');
    await page.getByLabel('Toelichting bij 3.1').fill('Meer meldingen bij het station.');
    await page.getByRole('button', { name: 'Scores bewaren' }).click();
    await page.waitForURL(/gedaan=scores/);
    const ranking = page.getByRole('table', { name: 'Voorgestelde rangorde van de gescoorde thema’s' });
    expect(await ranking.locator('tbody tr').count()).toBe(3);
    expect(await ranking.locator('tbody tr').first().innerText()).toContain('3.1 Jeugdoverlast');
    expect(await page.locator('.koers-prioritisation-chart svg[role="img"]').count()).toBe(2);
    await expectSoundPage(page, problems, 'prioritisation with scores');

    // The choice is filled in with the proposal: the three scored themes as priorities.
    expect(await page.getByLabel('Keuze voor 3.1').inputValue()).toBe('prioriteit');
    expect(await page.getByLabel('Keuze voor 4.1').inputValue()).toBe('prioriteit');
    await page.getByLabel('Keuze voor 4.1').selectOption('strategisch');
    await page.getByRole('button', { name: 'Keuze bewaren' }).click();
    await page.waitForURL(/gedaan=choice/);

    await page.getByRole('button', { name: 'Maak het concept van het volgende plan' }).click();
    await page.waitForURL(/\/plannen\/[0-9a-f-]{36}$/);
    expect(await page.locator('h1').innerText()).toBe('Integraal Veiligheidsplan 2023-2026');
    const conceptUrl = page.url();
    await page.close();

    for (const width of [1280, 390]) {
      const wasWordt = await visit(width, `${conceptUrl}/was-wordt`, `was/wordt of the concept at ${width}`);
      const text = await wasWordt.page.locator('main').innerText();
      expect(text).toContain('wat het was in Integraal Veiligheidsplan 2019-2022');
      expect(text).toContain('wordt prioriteit');
      expect(text).toContain('vervalt');
      await wasWordt.page.close();
      const done = await visit(width, prioritisation(), `prioritisation after the concept at ${width}`);
      expect(await done.page.locator('main').innerText()).toContain(
        'Van deze prioritering is het concept Integraal Veiligheidsplan 2023-2026 gemaakt.',
      );
      expect(await done.page.locator('main form[method="post"]').count()).toBe(0);
      await done.page.close();
    }
  }, 120_000);
});

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);
