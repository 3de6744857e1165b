/**
 * The pages towards the next plan in the browser, for a reader of the
 * published plan: the safety analysis after the police figures were fetched
 * from the local CBS test server, with its figures per wijk, and was/wordt.
 * Each passes axe-core at desktop and phone width, without CSP violations.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { type FakeCbs, startFakeCbs } from '../test/fake-cbs/fake-cbs-server.js';
import { startTestServer, type TestServer } from '../test/test-server.js';
import { expectSoundPage, hasChromium, launchBrowser, NO_CHROMIUM_MESSAGE, openPage } from './browser.js';

describe.skipIf(!hasChromium)('the safety analysis in the browser', () => {
  let fake: FakeCbs;
  let server: TestServer;
  let browser: Browser;

  beforeAll(async () => {
    fake = await startFakeCbs();
    server = await startTestServer({ openData: { baseUrls: fake.baseUrls, sleep: async () => {} } });
    await server.services.monitoring.refresh(SYSTEM, server.planId, () => {});
    browser = await launchBrowser();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await fake?.close();
  });

  for (const width of [1280, 390]) {
    it(`reads as a page at ${width} pixels wide`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const { page, problems } = await openPage(context);
      const response = await page.goto(`${server.url}/plannen/${server.planId}/analyse?van=2017&tot=2023`);
      expect(response?.status()).toBe(200);
      await expectSoundPage(page, problems, `analysis at ${width}`);
      const text = await page.locator('main').innerText();
      expect(text).toContain('2.5.2 Winkeldiefstal');
      expect(text).toContain('Veilige woon- en leefomgeving');
      // Per wijk: the bars of the last year beside a table of both years, and why there is no rate per wijk.
      const districts = page.locator('section[aria-labelledby="per-wijk"]');
      await expect
        .poll(() => districts.locator('h3').allInnerTexts())
        .toEqual([
          '0.0.0 Totaal misdrijven',
          '1.1.1 Diefstal/inbraak woning',
          '2.2.1 Vernieling cq. zaakbeschadiging',
          '0.0.0 Totaal registraties overlast',
          'E35 Melding overlast jeugd',
        ]);
      expect(await districts.locator('svg[role="img"]:visible').count()).toBe(5);
      const burglary = districts.locator('table', { hasText: '1.1.1 Diefstal/inbraak woning per wijk, 2017 en 2023' });
      expect(await burglary.locator('tbody tr').count()).toBeGreaterThanOrEqual(9);
      expect(await burglary.locator('tbody th').first().innerText()).toBe('Wijk 00 Maasbracht');
      expect(await districts.innerText()).toContain('Per wijk staat er geen cijfer per 1.000 inwoners');
      expect(text).toContain('Dit plan heeft in Koers geen vorig plan, dus er is geen was/wordt.');
      await context.close();
    }, 60_000);

    it(`shows was/wordt as a page at ${width} pixels wide`, async () => {
      const context = await browser.newContext({ viewport: { width, height: 900 } });
      const { page, problems } = await openPage(context);
      expect((await page.goto(`${server.url}/plannen/${server.planId}/was-wordt`))?.status()).toBe(200);
      await expectSoundPage(page, problems, `was/wordt at ${width}`);
      expect(await page.locator('main').innerText()).toContain('Dit plan heeft in Koers geen vorig plan.');
      await context.close();
    }, 60_000);
  }
});

if (!hasChromium) console.warn(NO_CHROMIUM_MESSAGE);
