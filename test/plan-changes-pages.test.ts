/**
 * The pages of what changed in a plan and the plan as of a date, on every
 * engine of this run: the revisions, one revision item by item, the adopted
 * plan against the current one, an element's history (also of an ended
 * one), and `?peildatum=` on the pages that show the plan, before and after a
 * revision, before the adoption, malformed, and on a concept.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { visibleText } from '../src/features/plans/pages/page-test-helpers.js';
import { createServices } from '../src/server.js';
import { REVISED, revisedExample } from './revised-example.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('the pages of what changed in a plan, on %s', (engine) => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  let planId: string;
  let conceptId: string;
  let themeId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    const services = createServices(handle);
    app = createApp(services);
    planId = await revisedExample(services, { published: true });
    themeId = (await services.plans.getPlan(SYSTEM, planId)).themes[0]!.id;
    conceptId = await services.planLifecycle.startPlan(SYSTEM, {
      municipalityCode: 'GM1641',
      title: 'Concept 2023-2026',
      summary: 'Het volgende plan.',
      periodStart: 2023,
      periodEnd: 2026,
      start: { kind: 'empty' },
    });
    await services.plans.setPublished(SYSTEM, conceptId, true);
  }, 120_000);
  afterAll(() => handle.close());

  const page = async (path: string) => {
    const response = await app.request(path);
    const html = await response.text();
    return { status: response.status, html, text: visibleText(html) };
  };

  it('lists the revisions with their reason, date, decider, status and who opened and closed them, by name only', async () => {
    const { status, text } = await page(`/plannen/${planId}/bijstellingen`);
    expect(status).toBe(200);
    expect(text).toContain('Maasgouw stelde het plan vast op 29 januari 2019 (de gemeenteraad).');
    expect(text).toContain(`Bijstelling 1 ${REVISED.firstReason} 1 juni 2020 het college toegepast`);
    expect(text).toContain(`Bijstelling 2 ${REVISED.secondReason} 1 maart 2021 de gemeenteraad open`);
    expect(text).not.toMatch(/@|</);
  });

  it('shows an applied revision item by item in words, grouped by theme, each linked to its history', async () => {
    const { status, html, text } = await page(`/plannen/${planId}/bijstellingen/1`);
    expect(status).toBe(200);
    expect(text).toContain('Deze bijstelling is toegepast: de wijzigingen gelden vanaf 1 juni 2020.');
    expect(text).toContain('Wat er veranderde: 3 wijzigingen');
    expect(text).toContain('Thema "Overlast, geweld op het snijvlak van Zorg & Veiligheid"');
    expect(text).toContain(`Toegevoegd Activiteit "${REVISED.added}" toegevoegd aan onderdeel "Overige interventies"`);
    expect(text).toMatch(/Gewijzigd Activiteit "Buurtbemiddeling" .*hoeveelheid 20 casussen per jaar 30 zaken per jaar/);
    expect(text).toContain('Verwijderd Indicator "% inwoners dat veel overlast ervaart van buurtbewoners" verwijderd');
    expect(html).toContain(`href="/plannen/${planId}/wijzigingen/activiteiten/buurtbemiddeling"`);
    expect(html).toContain(`href="/plannen/${planId}/wijzigingen/indicatoren/${REVISED.endedIndicator}"`);
  });

  it('shows an open revision as not in force, with only what it changes', async () => {
    const { text } = await page(`/plannen/${planId}/bijstellingen/2`);
    expect(text).toContain('Deze bijstelling staat nog open');
    expect(text).toContain('Wat er veranderde: 1 wijziging');
    expect(text).toContain('frequentie (leeg) elk kwartaal');
  });

  it('compares the adopted plan with the current one, without what an open revision holds', async () => {
    const { status, text } = await page(`/plannen/${planId}/vergelijking`);
    expect(status).toBe(200);
    expect(text).toContain(`Bijstelling 1: ${REVISED.firstReason} (geldt vanaf 1 juni 2020)`);
    expect(text).toContain('Veld Vastgesteld Nu');
    expect(text).toContain(`Activiteit "${REVISED.added}" toegevoegd`);
    expect(text).not.toContain('elk kwartaal');
  });

  it('shows the history of an ended indicator, as adopted and as ended by the revision', async () => {
    const { status, text } = await page(`/plannen/${planId}/wijzigingen/indicatoren/${REVISED.endedIndicator}`);
    expect(status).toBe(200);
    expect(text).toContain('Niet meer in het plan sinds 1 juni 2020.');
    expect(text).toContain('Zoals vastgesteld, geldend vanaf 29 januari 2019');
    expect(text).toContain('Bijstelling 1, geldend vanaf 1 juni 2020');
    expect(text).toContain('Vanaf 1 juni 2020 niet meer in het plan.');
  });

  it('shows the change of an element in an open revision apart, as not yet in force', async () => {
    const { text } = await page(`/plannen/${planId}/wijzigingen/activiteiten/wet-aanpak-woonoverlast`);
    expect(text).toContain('In het plan sinds 29 januari 2019.');
    expect(text).toContain('In bijstelling 2, nog niet in werking');
    expect(text).toContain('frequentie (leeg) elk kwartaal');
  });

  it('answers 404 for a revision, an element or a kind of element that does not exist', async () => {
    for (const path of ['bijstellingen/9', 'bijstellingen/een', 'wijzigingen/dingen/x', 'wijzigingen/activiteiten/bestaat-niet'])
      expect((await page(`/plannen/${planId}/${path}`)).status, path).toBe(404);
  });

  it('shows the plan as it stood before the revision, with a banner, the way back and links that keep the date', async () => {
    const { status, html, text } = await page(`/plannen/${planId}?peildatum=2020-05-31`);
    expect(status).toBe(200);
    expect(text).toContain('U ziet het plan zoals het gold op 31 mei 2020');
    expect(html).toContain(`href="/plannen/${planId}">Naar het huidige plan`);
    expect(html).toContain(`href="/plannen/${planId}/themas/${themeId}?peildatum=2020-05-31"`);
    expect(html).toContain(`href="/plannen/${planId}/uitvoeringsplan?peildatum=2020-05-31"`);
    expect(html).toContain('name="peildatum" value="2020-05-31"');
    const theme = await page(`/plannen/${planId}/themas/${themeId}?peildatum=2020-05-31`);
    expect(theme.text).toContain('% inwoners dat veel overlast ervaart van buurtbewoners');
    const implementation = await page(`/plannen/${planId}/uitvoeringsplan?peildatum=2020-05-31`);
    expect(implementation.text).not.toContain(REVISED.added);
    expect(implementation.html).toContain('<input type="hidden" name="peildatum" value="2020-05-31"');
  });

  it('shows the plan after the revision on a later date, and the current plan without a date', async () => {
    const after = await page(`/plannen/${planId}/uitvoeringsplan?peildatum=2020-06-30`);
    expect(after.text).toContain(REVISED.added);
    expect(after.text).toContain('U ziet het plan zoals het gold op 30 juni 2020');
    const theme = await page(`/plannen/${planId}/themas/${themeId}?peildatum=2020-06-30`);
    expect(theme.text).not.toContain('% inwoners dat veel overlast ervaart van buurtbewoners');
    const current = await page(`/plannen/${planId}`);
    expect(current.text).not.toContain('U ziet het plan zoals het gold');
    expect(current.text).toContain('Het plan op een eerdere datum bekijken');
    expect(current.html).not.toContain('peildatum=');
  });

  it('keeps the date on the monitor, which then shows the indicators of that date', async () => {
    const before = await page(`/plannen/${planId}/monitor?peildatum=2020-05-31`);
    expect(before.status).toBe(200);
    expect(before.text).toContain('U ziet het plan zoals het gold op 31 mei 2020');
    expect(before.html).toContain(`/monitor/indicatoren/${REVISED.endedIndicator}?peildatum=2020-05-31`);
    const now = await page(`/plannen/${planId}/monitor`);
    expect(now.html).not.toContain(`/monitor/indicatoren/${REVISED.endedIndicator}`);
  });

  it('says so for a date before the adoption, a malformed date, and any date of a concept', async () => {
    const early = await page(`/plannen/${planId}/partners?peildatum=2018-12-31`);
    expect(early.status).toBe(404);
    expect(early.text).toContain('Op 31 december 2018 was dit plan nog niet vastgesteld. Het is vastgesteld op 29 januari 2019');
    expect(early.html).toContain(`href="/plannen/${planId}/partners">Naar het huidige plan`);
    const malformed = await page(`/plannen/${planId}?peildatum=2020-02-30`);
    expect(malformed.status).toBe(400);
    expect(malformed.text).toContain('"2020-02-30" is geen bestaande datum; schrijf hem als jjjj-mm-dd');
    const concept = await page(`/plannen/${conceptId}?peildatum=2024-01-01`);
    expect(concept.status).toBe(404);
    expect(concept.text).toContain('Dit plan is een concept: het heeft nog geen geschiedenis');
    const revisions = await page(`/plannen/${conceptId}/bijstellingen`);
    expect(revisions.text).toContain('Dit plan is een concept. Bijstellingen horen bij een vastgesteld plan');
    expect((await page(`/plannen/${conceptId}/vergelijking`)).status).toBe(200);
    expect((await page(`/plannen/${conceptId}`)).text).not.toContain('Het plan op een eerdere datum bekijken');
  });
});
