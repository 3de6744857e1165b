/**
 * The plan pages as a person uses them: in Debian's Chromium, against the whole
 * app with the Maasgouw example, with the app's real Content-Security-Policy.
 * Every page is checked with axe-core; the filters are used like a user would.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);

describe.skipIf(!hasChromium)('plan pages in a browser', () => {
  let server: TestServer;
  let browser: Browser;
  let context: BrowserContext;

  beforeAll(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const planPath = (suffix = '') => `/plannen/${server.planId}${suffix}`;

  /** Opens a page and checks what every page must do: status, one h1, no CSP violation, no serious axe finding. */
  async function visit(path: string, expectedStatus = 200): Promise<Page> {
    const { page, problems } = await openPage(context);
    const response = await page.goto(server.url + path);
    expect(response?.status(), path).toBe(expectedStatus);
    await expectSoundPage(page, problems, path);
    return page;
  }

  const rowsOf = (page: Page) => page.locator('section[aria-labelledby="resultaat"] tbody tr');
  const countLine = async (page: Page) =>
    (await page.locator('section[aria-labelledby="resultaat"] .koers-result-count').textContent()) ?? '';

  it('lists the plans and opens a plan from the list', async () => {
    const page = await visit('/');
    expect(await page.title()).toBe('Integrale veiligheidsplannen - Koers');
    await page.getByRole('link', { name: 'Integraal Veiligheidsplan 2019-2022' }).click();
    await expect.poll(() => page.url()).toContain(planPath());
    await page.close();
  });

  it('lets a keyboard user skip to the content first', async () => {
    const page = await visit('/');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Direct naar de inhoud');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('inhoud');
    await page.close();
  });

  it('shows the overview with goals, principles, plan-wide indicators and themes', async () => {
    const page = await visit(planPath());
    const text = await page.locator('main').innerText();
    expect(text).toContain('29 januari 2019');
    expect(text).toContain('30,5 (2017)');
    expect(text).toContain('≤ 28 in 2022');
    expect(await page.locator('section[aria-labelledby="themas-priority"] li').count()).toBe(3);
    expect(await page.locator('section[aria-labelledby="themas-strategic"] li').count()).toBe(10);
    await page.close();
  });

  it('shows the coverage of all 22 catalogue themes', async () => {
    const page = await visit(planPath('/dekking'));
    expect(await page.locator('table').count()).toBe(5);
    expect(await page.locator('tbody tr').count()).toBe(22);
    expect(await page.locator('main').innerText()).toMatch(/\d+ van de 22 thema's gedekt/);
    await page.close();
  });

  it('shows a priority with its indicators in Dutch notation and its activities per workstream', async () => {
    const overview = await visit(planPath());
    // The themes section (Stand van zaken above it links to the themes too).
    await overview
      .locator('section[aria-labelledby="themas-priority"]')
      .getByRole('link', { name: /^Prioriteit 1:/ })
      .click();
    await overview.waitForURL(/\/themas\//);
    const page = await visit(new URL(overview.url()).pathname);
    await overview.close();
    const text = await page.locator('main').innerText();
    expect(text).toContain('3,5% (2017)');
    expect(text).toContain('≤ 3% in 2022');
    expect(text).toContain('Doelstelling 2022');
    expect(await page.locator('h3').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('shows that priority 2 is judged qualitatively, with no indicator table', async () => {
    const overview = await visit(planPath());
    const href = await overview
      .locator('section[aria-labelledby="themas-priority"]')
      .getByRole('link', { name: /^Prioriteit 2:/ })
      .getAttribute('href');
    await overview.close();
    const page = await visit(href ?? '');
    const section = page.locator('section[aria-labelledby="indicatoren"]');
    expect(await section.innerText()).toContain('kwalitatief beoordeeld');
    expect(await section.locator('table').count()).toBe(0);
    await page.close();
  });

  it('narrows the implementation plan to one partner, combines filters and resets', async () => {
    const page = await visit(planPath('/uitvoeringsplan'));
    const total = await rowsOf(page).count();
    expect(await countLine(page)).toBe(`${total} van ${total} activiteiten`);

    await page.getByLabel('Partner').selectOption({ label: 'Politie' });
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.waitForURL(/partner=politie/);
    const byPartner = await rowsOf(page).count();
    expect(byPartner).toBeGreaterThan(0);
    expect(byPartner).toBeLessThan(total);
    for (const partners of await rowsOf(page).locator('td:nth-child(5)').allInnerTexts()) expect(partners).toMatch(/\bPolitie\b/);
    expect(await countLine(page)).toBe(`${byPartner} van ${total} activiteiten`);

    await page.getByLabel('Thema').selectOption({ label: 'Prioriteit 3: Woninginbraak en andere vermogenscriminaliteit' });
    await page.getByRole('button', { name: 'Filter toepassen' }).click();
    await page.waitForURL(/thema=prioriteit-3/);
    const combined = await rowsOf(page).count();
    expect(combined).toBeGreaterThan(0);
    expect(combined).toBeLessThan(byPartner);
    for (const theme of await rowsOf(page).locator('td:nth-child(1)').allInnerTexts()) expect(theme).toContain('Prioriteit 3');
    expect(await page.getByLabel('Partner').inputValue()).toBe('politie');

    await page.getByRole('link', { name: 'Filters wissen' }).click();
    await page.waitForURL((url) => url.search === '');
    expect(await rowsOf(page).count()).toBe(total);
    expect(await page.getByLabel('Thema').inputValue()).toBe('');
    await page.close();
  });

  it('says so when no activity matches, and refuses an unknown filter value with a 400 page', async () => {
    const empty = await visit(planPath('/uitvoeringsplan?thema=strategisch-8&partner=halt'));
    expect(await empty.locator('main').innerText()).toContain('Geen activiteiten gevonden');
    await empty.close();
    const invalid = await visit(planPath('/uitvoeringsplan?trekker=niemand'), 400);
    expect(await invalid.locator('main').innerText()).toContain('trekker');
    await invalid.close();
  });

  it('lists the partners, each linking to a page of its own with its activities', async () => {
    const list = await visit(planPath('/partners'));
    expect(await list.locator('main table').count()).toBe(0);
    await list.getByRole('link', { name: 'Politie', exact: true }).click();
    await list.waitForURL(/\/partners\/politie$/);
    await list.close();
    const page = await visit(planPath('/partners/politie'));
    expect(await page.locator('h1').innerText()).toBe('Politie');
    expect(await page.locator('main tbody tr').count()).toBeGreaterThan(0);
    await page.close();
  });

  it('links an activity’s partner to the partner’s page', async () => {
    const page = await visit(planPath('/uitvoeringsplan?partner=politie'));
    const href = await page
      .locator('main tbody a', { hasText: /^Politie$/ })
      .first()
      .getAttribute('href');
    expect(href).toBe(planPath('/partners/politie'));
    await page.close();
  });

  it('downloads the filtered implementation plan as a CSV file for Excel', async () => {
    const page = await visit(planPath('/uitvoeringsplan?partner=politie'));
    const href = await page.getByRole('link', { name: /CSV-bestand/ }).getAttribute('href');
    expect(href).toBe(planPath('/uitvoeringsplan.csv?partner=politie'));
    const response = await fetch(server.url + (href ?? ''));
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = (await response.text()).trim().split('\r\n');
    expect(rows.length - 1).toBe(await rowsOf(page).count());
    await page.close();
  });

  it('shows every table on a phone without sideways scrolling', async () => {
    const phone = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const overview = await phone.newPage();
    await overview.goto(server.url + planPath());
    const themeHref = await overview
      .getByRole('link', { name: /^Prioriteit 1:/ })
      .first()
      .getAttribute('href');
    await overview.close();
    for (const path of [
      '/',
      planPath(),
      planPath('/dekking'),
      themeHref ?? '',
      planPath('/uitvoeringsplan'),
      planPath('/partners/politie'),
      planPath('/indicatoren'),
    ]) {
      const page = await phone.newPage();
      await page.goto(server.url + path);
      const overflow = await page.evaluate(() => ({
        page: document.documentElement.scrollWidth - window.innerWidth,
        tables: [...document.querySelectorAll('.koers-table-container')].filter((frame) => frame.scrollWidth > frame.clientWidth + 1)
          .length,
      }));
      expect(overflow, path).toEqual({ page: 0, tables: 0 });
      await page.close();
    }
    await phone.close();
  });

  it('prints without navigation or forms, with the address after each link', async () => {
    const page = await visit(planPath('/uitvoeringsplan'));
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('nav.koers-plan-nav').isVisible()).toBe(false);
    expect(await page.locator('nav.utrecht-breadcrumb-nav').isVisible()).toBe(false);
    expect(await page.locator('form').first().isVisible()).toBe(false);
    expect(await page.locator('main table').isVisible()).toBe(true);
    await page.goto(server.url + planPath());
    const after = await page.evaluate(() => {
      const link = document.querySelector('section[aria-labelledby="themas-priority"] a');
      return link ? getComputedStyle(link, '::after').content : '';
    });
    expect(after).toMatch(/^" \(\/plannen\/[^"]+\/themas\/[^"]+\)"$/);
    await page.close();
  });

  it('loads the theme’s fonts, with fallbacks, draws a select as a select and keeps form headings below the title', async () => {
    const page = await visit(planPath('/uitvoeringsplan'));
    const styles = await page.evaluate(() => {
      const style = (selector: string) => getComputedStyle(document.querySelector(selector)!);
      return {
        heading: style('h1').fontFamily,
        text: style('main p').fontFamily,
        select: style('select').backgroundImage,
        title: Number.parseFloat(style('h1').fontSize),
        formHeading: Number.parseFloat(style('form h2').fontSize),
        sectionHeading: Number.parseFloat(style('#resultaat').fontSize),
      };
    });
    expect(styles.heading).toMatch(/^"Noto Serif", .*Georgia.*serif$/);
    expect(styles.text).toMatch(/^"Noto Sans", system-ui, .*sans-serif$/);
    expect(styles.select).toMatch(/^url\("data:image\/svg\+xml/);
    expect(styles.formHeading).toBeLessThan(styles.sectionHeading);
    expect(styles.formHeading).toBeLessThan(styles.title);
    // The fonts themselves are served and loaded, not only named.
    const loaded = await page.evaluate(async () => {
      const faces = [
        ...(await document.fonts.load('16px "Noto Sans"')),
        ...(await document.fonts.load('700 16px "Noto Sans"')),
        ...(await document.fonts.load('700 32px "Noto Serif"')),
      ];
      return faces.filter((face) => face.status === 'loaded').map((face) => `${face.family} ${face.weight}`);
    });
    expect(loaded).toEqual(['Noto Sans 400', 'Noto Sans 700', 'Noto Serif 700']);
    await page.close();
  });

  it('shows every indicator of the plan in one table', async () => {
    const page = await visit(planPath('/indicatoren'));
    expect(await page.locator('tbody tr').count()).toBe(10);
    const text = await page.locator('main').innerText();
    expect(text).toContain('10,5% (2017)');
    expect(text).toContain('≥ 7,5 in 2022');
    await page.close();
  });

  it('answers an unknown address with an accessible 404 page', async () => {
    const page = await visit('/bestaat-niet', 404);
    expect(await page.locator('h1').innerText()).toBe('Pagina niet gevonden');
    await page.close();
  });
});
