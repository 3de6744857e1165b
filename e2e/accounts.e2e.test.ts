/**
 * Logging in and the account page as a person uses them, in Chromium with the
 * app's real cookies and CSP; every page checked with axe-core.
 */
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

describe.skipIf(!hasChromium)('accounts in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startTestServer();
    const userId = await server.services.auth.createUser({
      name: 'Coördinator OOV',
      email: 'oov@maasgouw.example',
      password: 'veilig wachtwoord 2026',
      isAdministrator: false,
    });
    await new AccountRepository(server.handle.db).grantRole(userId, 'GM1641', 'coordinator');
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('logs in with e-mail and password, shows the account, makes a token and logs out', async () => {
    const { page, problems } = await openPage(context);
    await page.goto(`${server.url}/inloggen`);
    await expectSoundPage(page, problems, 'login page');
    await page.getByLabel('E-mailadres').fill('oov@maasgouw.example');
    await page.getByLabel('Wachtwoord').fill('veilig wachtwoord 2026');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/account`);
    expect(await page.locator('main').innerText()).toContain('Ingelogd als Coördinator OOV');
    await expectSoundPage(page, problems, 'account page');

    await page.getByLabel('Naam van het nieuwe token').fill('rapportscript');
    await page.getByRole('button', { name: 'Token maken' }).click();
    expect(await page.locator('code').innerText()).toMatch(/^koers_/);
    await expectSoundPage(page, problems, 'account page with a new token');

    await page.goto(`${server.url}/plannen/${server.planId}/geschiedenis`);
    expect(await page.locator('main').innerText()).toContain('Plan ingelezen');
    await expectSoundPage(page, problems, 'history page');

    await page.goto(`${server.url}/account`);
    await page.getByRole('button', { name: 'Uitloggen', exact: true }).click();
    await page.goto(`${server.url}/account`);
    await expect.poll(() => page.url()).toBe(`${server.url}/inloggen`);
    await page.close();
  });

  it('says plainly when the password is wrong, with the e-mail address kept', async () => {
    const { page, problems } = await openPage(context);
    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill('oov@maasgouw.example');
    await page.getByLabel('Wachtwoord').fill('niet het wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Het e-mailadres of het wachtwoord klopt niet');
    expect(await page.getByLabel('E-mailadres').inputValue()).toBe('oov@maasgouw.example');
    await expectSoundPage(page, problems, 'login page with an error');
    await page.close();
  });

  it('shows the beheerder the users of the municipality, in an accessible page', async () => {
    const id = await server.services.auth.createUser({
      name: 'Beheerder',
      email: 'beheer@maasgouw.example',
      password: 'beheer wachtwoord 2026',
      isAdministrator: false,
    });
    await new AccountRepository(server.handle.db).grantRole(id, 'GM1641', 'beheerder');
    const { page, problems } = await openPage(context);
    await page.goto(`${server.url}/inloggen`);
    await page.getByLabel('E-mailadres').fill('beheer@maasgouw.example');
    await page.getByLabel('Wachtwoord').fill('beheer wachtwoord 2026');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/account`);
    await page.goto(`${server.url}/beheer/gebruikers`);
    expect(await page.locator('main').innerText()).toContain('oov@maasgouw.example');
    await expectSoundPage(page, problems, 'user management page');
    // A new person: the page shows the link for the first password once.
    await page.getByLabel('Naam', { exact: true }).fill('Raadslid Maasgouw');
    await page.getByLabel('E-mailadres').fill('raad@maasgouw.example');
    await page.getByLabel('Rol', { exact: true }).selectOption('lezer');
    await page.getByRole('button', { name: 'Rol geven' }).click();
    const link = (await page.locator('code.koers-secret').innerText()).trim();
    expect(link).toMatch(/\/wachtwoord-instellen\//);
    await expectSoundPage(page, problems, 'user management page with a new link');
    await page.close();
    // The person opens the link in a browser of their own and chooses a password.
    const own = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const { page: personal, problems: personalProblems } = await openPage(own);
    await personal.goto(link);
    await expectSoundPage(personal, personalProblems, 'set-password page');
    await personal.getByLabel('Nieuw wachtwoord').fill('mijn eigen wachtwoord');
    await personal.getByLabel('Nog een keer').fill('iets anders ingetikt');
    await personal.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    expect(await personal.locator('main').innerText()).toContain('tik twee keer hetzelfde wachtwoord');
    await expectSoundPage(personal, personalProblems, 'set-password page with an error');
    await personal.getByLabel('Nieuw wachtwoord').fill('mijn eigen wachtwoord');
    await personal.getByLabel('Nog een keer').fill('mijn eigen wachtwoord');
    await personal.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    expect(await personal.locator('h1').innerText()).toBe('Uw wachtwoord is ingesteld');
    await personal.getByRole('link', { name: /Log nu in/ }).click();
    await personal.getByLabel('E-mailadres').fill('raad@maasgouw.example');
    await personal.getByLabel('Wachtwoord').fill('mijn eigen wachtwoord');
    await personal.getByRole('button', { name: 'Inloggen' }).click();
    await expect.poll(() => personal.url()).toBe(`${server.url}/account`);
    await own.close();
  });
});
