/**
 * The regional view in the browser, for a resident: the choice of a region,
 * and Veiligheidsregio Limburg-Noord with the published plans of Maasgouw and
 * Venlo after their police figures were fetched from the local CBS test
 * server. Each passes axe-core at desktop and phone width, without CSP
 * violations or sideways scrolling; the form to pick municipalities is a
 * plain GET form.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { type FakeCbs, startFakeCbs } from '../test/fake-cbs/fake-cbs-server.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

describe.skipIf(!hasChromium)('the regional view in the browser', () => {
  let fake: FakeCbs;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeCbs();
    server = await startTestServer({ openData: { baseUrls: fake.baseUrls, sleep: async () => {} } });
    const example = (await readExampleDocument()) as any;
    const venlo = await server.services.plans.importPlan(SYSTEM, {
      ...example,
      plan: { ...example.plan, titel: 'Veiligheidsplan Venlo', gemeenten: [{ code: 'GM0983', naam: 'Venlo' }], vaststellingen: undefined },
    });
    await server.services.plans.setPublished(SYSTEM, venlo.id, true);
    await server.services.monitoring.refresh(SYSTEM, server.planId, () => {});
    await server.services.monitoring.refresh(SYSTEM, venlo.id, () => {});
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  for (const width of [1280, 390]) {
    it(`offers the regions and a form to pick municipalities at ${width} pixels wide`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const { page, problems } = await openPage(context);
      expect((await page.goto(`${server.url}/regio`))?.status()).toBe(200);
      await expectSoundPage(page, problems, `region choice at ${width}`);
      await page.fill('#gemeenten', 'GM1641, GM0983');
      await page.getByRole('button', { name: 'Toon' }).click();
      await page.waitForURL(/\/regio\/eigen\?gemeenten=/);
      expect(await page.locator('h1').innerText()).toContain('Eigen keuze: Venlo, Maasgouw');
      await expectSoundPage(page, problems, `picked municipalities at ${width}`);
      await context.close();
    }, 60_000);

    it(`shows a safety region's plans side by side at ${width} pixels wide`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const { page, problems } = await openPage(context);
      expect((await page.goto(`${server.url}/regio/veiligheidsregio/limburg-noord`))?.status()).toBe(200);
      await expectSoundPage(page, problems, `region at ${width}`);
      const text = await page.locator('main').innerText();
      expect(text).toContain('Veiligheidsplan Venlo');
      expect(text).toContain('Gedeelde prioriteiten');
      expect(text).toContain('Roermond');
      await context.close();
    }, 60_000);
  }

  it('links from the plan list and from a plan to the regional view of its safety region', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const { page } = await openPage(context);
    await page.goto(`${server.url}/`);
    await page.getByRole('link', { name: 'Plannen van gemeenten in een regio naast elkaar' }).click();
    await page.waitForURL(/\/regio$/);
    await page.goto(`${server.url}/plannen/${server.planId}`);
    await page.getByRole('link', { name: 'Regionaal beeld van Veiligheidsregio Limburg-Noord' }).click();
    await page.waitForURL(/\/regio\/veiligheidsregio\/limburg-noord$/);
    await context.close();
  }, 60_000);
});

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);
