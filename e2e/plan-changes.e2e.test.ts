/**
 * The pages of what changed in a plan as a person uses them, in Debian's
 * Chromium at desktop and phone width: a revision, the comparison of the
 * adopted and the current plan, an element's history and the plan as of a
 * date, each checked with axe-core and the app's real Content-Security-Policy;
 * and a date picked in the form, by keyboard.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REVISED, revisedExample } from '../test/revised-example.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

const WIDTHS = [
  { name: 'desktop', width: 1280 },
  { name: 'phone', width: 390 },
] as const;

describe.skipIf(!hasChromium)('the pages of what changed in a plan, in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let planId: string;
  const contexts: Record<string, BrowserContext> = {};

  beforeAll(async () => {
    server = await startTestServer();
    planId = await revisedExample(server.services, { published: true });
    browser = await launchBrowser();
    for (const { name, width } of WIDTHS) contexts[name] = await browser.newContext({ viewport: { width, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function visit(width: string, path: string): Promise<Page> {
    const { page, problems } = await openPage(contexts[width]!);
    const response = await page.goto(server.url + path);
    expect(response?.status(), path).toBe(200);
    await expectSoundPage(page, problems, `${path} (${width})`);
    return page;
  }

  /** Whether the page needs no sideways scrolling at this width. */
  const fitsWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

  for (const { name } of WIDTHS) {
    it(`shows a revision item by item at ${name} width`, async () => {
      const page = await visit(name, `/plannen/${planId}/bijstellingen/1`);
      const text = await page.locator('main').innerText();
      expect(text).toContain(REVISED.firstReason);
      expect(text).toContain(`Activiteit "${REVISED.added}" toegevoegd`);
      expect(await fitsWidth(page)).toBe(true);
      await page.close();
    });

    it(`compares the adopted and the current plan at ${name} width`, async () => {
      const page = await visit(name, `/plannen/${planId}/vergelijking`);
      expect(await page.locator('main').innerText()).toContain('Vastgesteld en huidig plan');
      expect(await fitsWidth(page)).toBe(true);
      await page.close();
    });

    it(`shows the history of an ended indicator and of a changed activity at ${name} width`, async () => {
      const ended = await visit(name, `/plannen/${planId}/wijzigingen/indicatoren/${REVISED.endedIndicator}`);
      expect(await ended.locator('main').innerText()).toContain('Niet meer in het plan sinds 1 juni 2020.');
      await ended.close();
      const changed = await visit(name, `/plannen/${planId}/wijzigingen/activiteiten/buurtbemiddeling`);
      expect(await changed.locator('main').innerText()).toContain('Bijstelling 1, geldend vanaf 1 juni 2020');
      expect(await fitsWidth(changed)).toBe(true);
      await changed.close();
    });

    it(`shows the plan as of a date with its banner at ${name} width`, async () => {
      const page = await visit(name, `/plannen/${planId}/uitvoeringsplan?peildatum=2020-05-31`);
      expect(await page.locator('main').innerText()).toContain('U ziet het plan zoals het gold op 31 mei 2020');
      expect(await fitsWidth(page)).toBe(true);
      await page.close();
    });
  }

  it('lets a keyboard user pick a date in the form and come back to the current plan', async () => {
    const page = await visit('desktop', `/plannen/${planId}/partners`);
    const summary = page.locator('.koers-as-of summary');
    await summary.focus();
    await page.keyboard.press('Enter');
    await page.locator('#peildatum').focus();
    await page.keyboard.type('05312020');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.url()).toContain('/partners?peildatum=2020-05-31');
    expect(await page.locator('main').innerText()).toContain('U ziet het plan zoals het gold op 31 mei 2020');
    await page.getByRole('link', { name: 'Naar het huidige plan' }).click();
    await expect.poll(() => page.url()).toBe(`${server.url}/plannen/${planId}/partners`);
    await page.close();
  });
});
