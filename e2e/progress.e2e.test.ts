/**
 * A whole reporting round of the Maasgouw example in Debian's Chromium: the
 * coordinator opens round 2019, the police and the safety region report, the
 * police is reminded, the mayor approves, and the roll-up and the overview's
 * Stand van zaken change. Every page is checked with axe-core under the app's
 * real CSP, at desktop width and at phone width.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RoleCode } from '../src/db/schema.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, logIn, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

const PASSWORD = 'veilig wachtwoord 2026';
const PEOPLE: Record<string, { name: string; role: RoleCode; partnerKey?: string; portfolioHolderKey?: string }> = {
  coordinator: { name: 'Coördinator OOV', role: 'coordinator' },
  politie: { name: 'Wijkagent Maasgouw', role: 'partner', partnerKey: 'politie' },
  veiligheidsregio: { name: 'Adviseur Veiligheidsregio', role: 'partner', partnerKey: 'veiligheidsregio' },
  burgemeester: { name: 'Burgemeester Maasgouw', role: 'portefeuillehouder', portfolioHolderKey: 'burgemeester' },
};

describe.skipIf(!hasChromium)('a reporting round in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  const contexts: Record<string, BrowserContext> = {};

  beforeAll(async () => {
    server = await startTestServer();
    const accounts = new AccountRepository(server.handle.db);
    browser = await launchBrowser();
    for (const [who, person] of Object.entries(PEOPLE)) {
      const email = `${who}@maasgouw.example`;
      const userId = await server.services.auth.createUser({ name: person.name, email, password: PASSWORD, isAdministrator: false });
      await accounts.grantRole(userId, 'GM1641', person.role, {
        partnerKey: person.partnerKey ?? null,
        portfolioHolderKey: person.portfolioHolderKey ?? null,
      });
      contexts[who] = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await logIn(contexts[who], server.url, email, PASSWORD);
    }
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const progressPath = () => `/plannen/${server.planId}/voortgang?periode=2019&peildatum=2019-12-31`;

  async function visit(who: string, path: string, what = path): Promise<Page> {
    const { page, problems } = await openPage(contexts[who]!);
    const response = await page.goto(server.url + path);
    expect(response?.status(), what).toBe(200);
    await expectSoundPage(page, problems, what);
    return page;
  }

  it('lets the coordinator open round 2019 with the deadline a month after the year', async () => {
    const page = await visit('coordinator', progressPath(), 'progress page before the round');
    expect(await page.locator('main').innerText()).toContain('Voor 2019 is nog geen rapportageronde geopend');
    await page.getByRole('button', { name: 'Ronde openen' }).click();
    await page.waitForURL(/gedaan=ronde-geopend/);
    const text = await page.locator('main').innerText();
    expect(text).toContain('De ronde van 2019 is geopend.');
    expect(text).toContain('Meld uiterlijk 31 januari 2020');
    await page.close();
  }, 60_000);

  it('lets two partners report from Mijn acties, each only on their own activities', async () => {
    const mine = await visit('politie', '/mijn-acties', 'Mijn acties of the police');
    expect(await mine.locator('header').innerText()).toContain('Berichten (1 nieuw)');
    const text = await mine.locator('main').innerText();
    expect(text).toContain('Burgernet');
    expect(text).not.toContain('Buurtbemiddeling');
    await mine.getByRole('link', { name: 'Burgernet', exact: true }).click();
    await mine.getByLabel('Status').selectOption({ label: 'Doorlopend' });
    await mine.getByLabel('Peildatum').fill('2019-12-31');
    await mine.getByLabel('Toelichting').fill('Burgernet draait in alle kernen.');
    await mine.getByRole('button', { name: 'Melding opslaan' }).click();
    await mine.waitForURL(/gedaan=gemeld/);
    expect(await mine.locator('main').innerText()).toContain('Uw melding is opgeslagen.');
    await mine.close();

    const form = await visit(
      'veiligheidsregio',
      `/plannen/${server.planId}/voortgang/2019/overkoepelend`,
      'activity page of the safety region',
    );
    await form.getByLabel('Status').selectOption({ label: 'Vertraagd' });
    await form.getByLabel('Toelichting').fill('De regionale afspraken lopen later.');
    await form.getByRole('button', { name: 'Melding opslaan' }).click();
    await form.waitForURL(/gedaan=gemeld/);
    await form.close();

    // A report without a status is refused with the reason beside the field, and nothing is stored.
    const bad = await visit('veiligheidsregio', `/plannen/${server.planId}/voortgang/2019/regionale-samenwerking-binnen-de-vr`);
    await bad.getByRole('button', { name: 'Melding opslaan' }).click();
    expect(await bad.locator('.koers-error-summary').innerText()).toContain('status: kies uit');
    await bad.close();
  }, 90_000);

  it('lets the coordinator remind the police, who sees it in the header', async () => {
    const page = await visit('coordinator', progressPath(), 'progress page in the round');
    await page
      .locator('details', { hasText: /^Politie:/ })
      .first()
      .locator('summary')
      .click();
    await page.getByRole('button', { name: 'Herinnering sturen aan Politie' }).click();
    await page.waitForURL(/gedaan=herinnerd/);
    expect(await page.locator('main').innerText()).toContain('Herinnering gestuurd aan 1 persoon.');
    await page.close();
    const messages = await visit('politie', '/berichten', 'notifications of the police');
    expect(await messages.locator('header').innerText()).toContain('Berichten (2 nieuw)');
    expect(await messages.locator('main').innerText()).toContain('Herinnering: voortgang over 2019 melden');
    await messages.close();
  }, 60_000);

  it('lets the mayor approve what he leads from Mijn acties', async () => {
    const mine = await visit('burgemeester', '/mijn-acties', 'Mijn acties of the mayor');
    const row = mine.locator('tr', { hasText: 'Burgernet' });
    expect(await row.innerText()).toContain('Beoordelen');
    await row.getByRole('link', { name: 'Burgernet' }).click();
    await mine.getByRole('button', { name: 'Goedkeuren' }).click();
    await mine.waitForURL(/gedaan=goedgekeurd/);
    expect(await mine.locator('main').innerText()).toContain('Goedgekeurd door Burgemeester Maasgouw');
    await mine.close();
  }, 60_000);

  it('shows the changed roll-up on the progress page and in Stand van zaken, also on a phone', async () => {
    const page = await visit('coordinator', progressPath(), 'progress page after the round');
    const burgernet = page.locator('tr', { hasText: 'Burgernet' });
    expect(await burgernet.innerText()).toContain('Goedgekeurd');
    expect(await page.locator('svg.koers-bar[role="img"]').first().getAttribute('aria-label')).toContain('1 doorlopend');
    await page.close();

    for (const path of [`/plannen/${server.planId}/begroting`, `/plannen/${server.planId}/zoeken?q=politie`, '/berichten']) {
      await (await visit('coordinator', path, `${path} at desktop width`)).close();
    }
    const overview = await visit('coordinator', `/plannen/${server.planId}?peildatum=2019-12-31`, 'overview with Stand van zaken');
    const glance = await overview.locator('#stand-van-zaken').locator('..').innerText();
    expect(glance).toContain('Stand van zaken');
    expect(glance).toContain('Doorlopend 1');
    // The safety region's activity is behind: its card names it.
    expect(glance).toContain('Overkoepelend');
    await overview.close();

    const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, storageState: await contexts.politie!.storageState() });
    for (const path of [
      '/mijn-acties',
      '/berichten',
      progressPath(),
      `/plannen/${server.planId}?peildatum=2019-12-31`,
      `/plannen/${server.planId}/begroting`,
      `/plannen/${server.planId}/zoeken?q=buurt`,
      `/plannen/${server.planId}/voortgang/2019/buurtbemiddeling`,
    ]) {
      const { page: small, problems } = await openPage(phone);
      expect((await small.goto(server.url + path))?.status()).toBe(200);
      await expectSoundPage(small, problems, `${path} at phone width`);
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} fits the phone`).toBeLessThanOrEqual(0);
      await small.close();
    }
    await phone.close();
  }, 90_000);
});
