/**
 * Writing a plan in Debian's Chromium against the whole app: one whole flow
 * by keyboard alone (start a plan from the catalogue, add a workstream and
 * activities, fix a form's problem through its error summary, reorder with
 * the arrow keys, adopt), the same kind of work with JavaScript off on a
 * phone (open a revision, change, move, remove, apply), and an activity
 * changed in its row with JavaScript, then dragged to another place. Every
 * page is checked with axe-core under the app's real CSP.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, logIn, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

const EMAIL = 'oov@maasgouw.example';
const PASSWORD = 'veilig wachtwoord 2026';

describe.skipIf(!hasChromium)('writing a plan in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let draftId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const userId = await server.services.auth.createUser({
      name: 'Coördinator OOV',
      email: EMAIL,
      password: PASSWORD,
      isAdministrator: false,
    });
    await new AccountRepository(server.handle.db).grantRole(userId, 'GM1641', 'coordinator');
    const document: any = await readExampleDocument();
    draftId = (
      await server.services.plans.importPlan(SYSTEM, {
        ...document,
        plan: { ...document.plan, titel: 'Concept IVP Maasgouw', status: 'concept', vastgesteldOp: null, vaststellingen: [] },
      })
    ).id;
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function loggedIn(options: { width: number; height: number; javaScript?: boolean }): Promise<BrowserContext> {
    const context = await browser.newContext({
      viewport: { width: options.width, height: options.height },
      javaScriptEnabled: options.javaScript ?? true,
      locale: 'nl-NL',
    });
    await logIn(context, server.url, EMAIL, PASSWORD);
    return context;
  }

  /** What a screen reader would call the focused element, roughly: its group's legend, its label or its text. */
  const focusedName = (page: Page) =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element || element === document.body) return '';
      const legend = element.closest('fieldset')?.querySelector('legend')?.textContent ?? '';
      const labels = (element as HTMLInputElement).labels;
      const own =
        element.getAttribute('aria-label') ??
        (labels && labels.length > 0 ? [...labels].map((label) => label.textContent).join(' ') : (element.textContent ?? ''));
      return `${legend} | ${own}`.replace(/\s+/g, ' ').trim();
    });

  /** Presses Tab until the focused element's name matches. */
  async function tabTo(page: Page, name: RegExp, max = 600): Promise<void> {
    for (let count = 0; count < max; count++) {
      await page.keyboard.press('Tab');
      if (name.test(await focusedName(page))) return;
    }
    throw new Error(`no element named ${name} within ${max} presses of Tab`);
  }

  /**
   * axe runs in the page and waits on timers, which do not run with JavaScript
   * off: the page as the browser has it is checked in a page of its own, at the
   * same address and width, with Koers' scripts kept out so it stays as it was.
   */
  async function expectSoundWithoutScript(page: Page, what: string): Promise<void> {
    const html = await page.content();
    const viewport = page.viewportSize() ?? { width: 390, height: 844 };
    const checker = await browser.newContext({ viewport });
    const { page: copy, problems } = await openPage(checker);
    const address = `${server.url}/axe-zonder-script`;
    await copy.route(address, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html }));
    await copy.route(/\/assets\/koers-[a-z]+\.js/, (route) => route.abort());
    await copy.goto(address);
    await expectSoundPage(
      copy,
      problems.filter((problem) => !/koers-[a-z]+\.js/.test(problem)),
      what,
    );
    await checker.close();
  }

  async function expectNotice(page: Page, text: string): Promise<void> {
    try {
      await expect.poll(() => page.locator('main [role="status"]').first().innerText(), { timeout: 10_000 }).toContain(text);
    } catch (error) {
      await page.screenshot({ path: '/tmp/koers/e2e-fail.png', fullPage: true });
      throw new Error(`${page.url()}: ${(await page.locator('main').innerText()).slice(0, 600)}`, { cause: error });
    }
  }

  it('starts a plan from the catalogue, adds a workstream and activities, reorders and adopts, by keyboard alone', async () => {
    const context = await loggedIn({ width: 1280, height: 900 });
    const { page, problems } = await openPage(context);
    await page.goto(`${server.url}/`);
    await tabTo(page, /\| Nieuw plan beginnen$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/plannen\/nieuw$/);
    await expectSoundPage(page, problems, 'start form');

    await tabTo(page, /\| Titel$/);
    await page.keyboard.type('Integraal Veiligheidsplan 2027-2030');
    await tabTo(page, /\| Samenvatting$/);
    await page.keyboard.type('Samen werken aan een veilig Maasgouw.');
    await tabTo(page, /^1\.1 Sociale kwaliteit \| Opnemen als/);
    await page.keyboard.press('ArrowDown');
    await tabTo(page, /^5\.2 Georganiseerde\/ondermijnende criminaliteit \| Opnemen als/);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await tabTo(page, /\| Plan beginnen$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/bewerken\?melding=begonnen/);
    await expectNotice(page, 'Het plan is begonnen');
    await expectSoundPage(page, problems, 'edit page of the new plan');
    const planId = /\/plannen\/([^/]+)\/bewerken/.exec(page.url())?.[1] as string;
    const plan = () => server.services.plans.getWorkingCopy(SYSTEM, planId);
    expect((await plan()).themes.map((theme) => `${theme.kind} ${theme.catalogueThemeCodes.join()}`)).toEqual([
      'priority 1.1',
      'strategic 5.2',
    ]);

    await tabTo(page, /\| Onderdeel toevoegen \(Prioriteit 1: Sociale kwaliteit\)$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/onderdelen\/nieuw/);
    await expectSoundPage(page, problems, 'workstream form');
    await tabTo(page, /\| Naam van het onderdeel$/);
    await page.keyboard.type('Wijkaanpak');
    await page.keyboard.press('Enter');
    await expectNotice(page, 'Onderdeel “Wijkaanpak” toegevoegd.');

    for (const [name, description] of [
      ['Buurtpreventie', 'Buurtpreventieteams lopen elke week een ronde.'],
      ['Wijkschouw', ''],
    ]) {
      await tabTo(page, /\| Activiteit toevoegen \(onderdeel Wijkaanpak\)$/);
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/activiteiten\/nieuw/);
      await tabTo(page, /\| Naam van de activiteit$/);
      await page.keyboard.type(name as string);
      await tabTo(page, /\| Omschrijving$/);
      await page.keyboard.type(description as string);
      await tabTo(page, /\| Opslaan$/);
      await page.keyboard.press('Enter');
      if (description === '') {
        // The problem is named at the top, with a link to the field; the typed name is kept.
        await page.waitForSelector('.koers-error-summary');
        await expectSoundPage(page, problems, 'activity form with a problem');
        expect(await page.locator('#veld-omschrijving-fout').innerText()).toBe('mag niet leeg zijn');
        expect(await page.locator('#veld-naam').inputValue()).toBe(name);
        await tabTo(page, /\| Omschrijving: mag niet leeg zijn$/);
        await page.keyboard.press('Enter');
        // Following the link puts the focus in the field itself.
        expect(await page.evaluate(() => location.hash)).toBe('#veld-omschrijving');
        expect(await focusedName(page)).toBe('| Omschrijving');
        await page.keyboard.type('Eens per jaar met bewoners door de wijk.');
        await tabTo(page, /\| Opslaan$/);
        await page.keyboard.press('Enter');
      }
      await expectNotice(page, `Activiteit “${name}” toegevoegd.`);
    }

    await tabTo(page, /\| Verplaats Wijkschouw$/);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('[data-koers-live]').innerText()).toBe('Wijkschouw staat nu op plaats 1 van 2.');
    const activityKeys = async () => (await plan()).themes[0]?.workstreams[0]?.activities.map((activity) => activity.key);
    await expect.poll(activityKeys).toEqual(['wijkschouw', 'buurtpreventie']);
    expect(await focusedName(page)).toBe('| Verplaats Wijkschouw');

    await tabTo(page, /\| Vaststelling vastleggen$/);
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/vaststellen$/);
    await expectSoundPage(page, problems, 'adoption form');
    await tabTo(page, /\| Datum van vaststelling$/);
    await page.keyboard.type('15-12-2026');
    await tabTo(page, /^Vastgesteld door \| de gemeenteraad$/);
    await page.keyboard.press('Space');
    await tabTo(page, /\| Vaststelling vastleggen$/);
    await page.keyboard.press('Enter');
    await expectNotice(page, 'De vaststelling door Maasgouw is vastgelegd.');
    expect(await page.locator('.koers-edit-status').innerText()).toContain('Vastgesteld.');
    await expectSoundPage(page, problems, 'edit page of the adopted plan');
    expect((await plan()).adoptions).toEqual([{ municipalityCode: 'GM1641', adoptedOn: '2026-12-15', body: 'council' }]);
    await context.close();
  }, 180_000);

  it('opens a revision, changes, moves, removes and applies with JavaScript off, on a phone', async () => {
    const context = await loggedIn({ width: 390, height: 844, javaScript: false });
    const { page, problems } = await openPage(context);
    const planId = server.planId;
    await page.goto(`${server.url}/plannen/${planId}`);
    await page.getByRole('link', { name: 'Bewerken' }).click();
    await page.waitForURL(/\/bewerken$/);
    expect(await page.locator('.koers-edit-status').innerText()).toContain('Dit plan is vastgesteld.');
    expect(await page.locator('.koers-drag-handle').count()).toBe(0);
    await expectSoundWithoutScript(page, 'edit page of an adopted plan, without JavaScript');

    await page.getByRole('link', { name: 'Bijstelling openen' }).click();
    await page.getByLabel('Reden').fill('Meer buurtbemiddeling na de evaluatie');
    await page.getByLabel('Datum van het besluit').fill('1-6-2020');
    await page.getByLabel('het college van B en W').check();
    await expectSoundWithoutScript(page, 'revision form');
    await page.getByRole('button', { name: 'Bijstelling openen' }).click();
    await expectNotice(page, 'Bijstelling 1 is geopend.');

    await page.locator(`a[href="/plannen/${planId}/bewerken/activiteiten/buurtbemiddeling"]`).click();
    await page.getByLabel('Naam van de activiteit').fill('');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    expect(await page.locator('#veld-naam-fout').innerText()).toBe('mag niet leeg zijn');
    await expectSoundWithoutScript(page, 'activity form with a problem, without JavaScript');
    await page.getByLabel('Naam van de activiteit').fill('Buurtbemiddeling Maasgouw');
    await page.getByRole('button', { name: 'Opslaan' }).click();
    await expectNotice(page, 'Activiteit “Buurtbemiddeling Maasgouw” opgeslagen.');

    const frameworks = async () => (await server.services.plans.getWorkingCopy(SYSTEM, planId)).frameworks.map((f) => f.key);
    const [first, second] = await frameworks();
    await page.locator(`#kaders-${first} button[value="omlaag"]`).click();
    await expectNotice(page, 'verplaatst');
    expect((await frameworks()).slice(0, 2)).toEqual([second, first]);
    expect(await page.evaluate(() => document.activeElement?.getAttribute('value'))).toBe('omlaag');

    await page.locator(`a[href="/plannen/${planId}/bewerken/activiteiten/wet-aanpak-woonoverlast/verwijderen"]`).click();
    expect(await page.locator('main').innerText()).toContain('wordt niet gewist, maar vanaf nu beëindigd');
    await expectSoundWithoutScript(page, 'removal page');
    await page.getByRole('button', { name: 'Ja, verwijderen' }).click();
    await expectNotice(page, 'Activiteit verwijderd.');

    await page.getByRole('link', { name: 'Bijstelling 1 bekijken, toepassen of intrekken' }).click();
    const changes = await page.locator('.koers-change-list').innerText();
    expect(changes).toContain(
      'Activiteit "Buurtbemiddeling Maasgouw" gewijzigd: naam van "Buurtbemiddeling" naar "Buurtbemiddeling Maasgouw"',
    );
    expect(changes).toContain('Activiteit "Wet aanpak woonoverlast" verwijderd');
    await expectSoundWithoutScript(page, 'revision page');
    await page.getByRole('button', { name: 'Bijstelling 1 toepassen' }).click();
    await expectNotice(page, 'Bijstelling 1 is toegepast');
    const current = await server.services.plans.getPlan(SYSTEM, planId);
    expect(
      current.themes.flatMap((t) => t.workstreams.flatMap((w) => w.activities)).some((a) => a.name === 'Buurtbemiddeling Maasgouw'),
    ).toBe(true);
    expect(problems, 'CSP violations or script errors').toEqual([]);
    await context.close();
  }, 180_000);

  it('changes an activity in its row with JavaScript, shows its problems there, and drags another into place', async () => {
    const context = await loggedIn({ width: 1280, height: 900 });
    const { page, problems } = await openPage(context);
    const editPage = `${server.url}/plannen/${draftId}/bewerken`;
    await page.goto(editPage);
    const row = page.locator('#activiteiten-buurtbemiddeling');
    await row.locator('a[data-koers-inline-edit]').click();
    await row.locator('form[data-koers-element-form]').waitFor();
    expect(page.url()).toBe(editPage);
    await expectSoundPage(page, problems, 'edit page with a row being changed');

    await row.getByLabel('Naam van de activiteit').fill('');
    await row.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => row.locator('#veld-naam-fout').count()).toBe(1);
    expect(await row.locator('#veld-naam-fout').innerText()).toBe('mag niet leeg zijn');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('koers-error-summary'))).toBe(true);
    await expectSoundPage(page, problems, 'a row with a problem');

    await row.getByLabel('Naam van de activiteit').fill('Buurtbemiddeling met vrijwilligers');
    await row.getByLabel('Hoe vaak').fill('elke week');
    await row.getByRole('button', { name: 'Opslaan' }).click();
    await expect.poll(() => row.locator('form[data-koers-element-form]').count()).toBe(0);
    expect(await row.innerText()).toContain('Buurtbemiddeling met vrijwilligers');
    expect(await row.innerText()).toContain('Frequentie: elke week');
    await expect.poll(() => page.locator('[data-koers-live]').innerText()).toBe('“Buurtbemiddeling met vrijwilligers” opgeslagen.');
    expect(page.url()).toBe(editPage);

    const keys = async () =>
      (await server.services.plans.getWorkingCopy(SYSTEM, draftId)).themes[0]?.workstreams[0]?.activities.map((activity) => activity.key);
    const [first, , third] = (await keys()) as string[];
    // Dragged by its handle onto the top half of the first row. Scrolled at once (not smoothly) so the first row stands
    // just below the top of the window and the third row's handle is in view too, before their places are read.
    await page
      .locator(`#activiteiten-${first}`)
      .evaluate((row) => window.scrollTo({ top: row.getBoundingClientRect().top + window.scrollY - 80, behavior: 'instant' }));
    // The mouse moves in steps, as a hand does: Chromium starts a drag only after the pointer has moved a few pixels.
    const handle = await page.locator(`#activiteiten-${third} .koers-drag-handle`).boundingBox();
    const target = await page.locator(`#activiteiten-${first}`).boundingBox();
    if (!handle || !target) throw new Error('the drag handle or the first row is not on screen');
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2);
    await page.mouse.down();
    await page.mouse.move(handle.x + handle.width / 2, handle.y + handle.height / 2 - 10, { steps: 5 });
    await page.mouse.move(target.x + 20, target.y + 5, { steps: 10 });
    await page.mouse.up();
    await expect
      .poll(() => page.locator(`tbody:has(> #activiteiten-${first}) > tr[data-sleutel]`).first().getAttribute('data-sleutel'), {
        timeout: 15_000,
      })
      .toBe(third);
    await expect.poll(async () => (await keys())?.[0], { timeout: 15_000 }).toBe(third);
    expect(await page.locator('[data-koers-live]').innerText()).toContain('staat nu op plaats 1 van 3.');
    await expectSoundPage(page, problems, 'edit page after a drag');
    await context.close();
  }, 180_000);

  it('keeps the edit pages sound on a phone with JavaScript', async () => {
    const context = await loggedIn({ width: 390, height: 844 });
    const { page, problems } = await openPage(context);
    for (const path of ['bewerken', 'bewerken/activiteiten/nieuw', 'bewerken/themas/prioriteit-1', 'bewerken/indicatoren/woninginbraken']) {
      const response = await page.goto(`${server.url}/plannen/${draftId}/${path}`);
      expect(response?.status(), path).toBe(200);
      await expectSoundPage(page, problems, `${path} on a phone`);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    }
    await page.goto(`${server.url}/plannen/nieuw`);
    await expectSoundPage(page, problems, 'start form on a phone');
    await context.close();
  }, 180_000);
});
