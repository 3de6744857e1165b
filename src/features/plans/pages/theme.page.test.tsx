import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../../web/layout.js';
import { messagesFor } from '../../../web/messages.js';
import { elements, getPage, titleOf, visibleText } from './page-test-helpers.js';
import { FIXTURE_PLAN_ID, fixturePlan, THEME_IDS } from './plan.fixture.js';
import { ThemePage } from './theme.page.js';

const themePath = (themeId: string) => `/plannen/${FIXTURE_PLAN_ID}/themas/${themeId}`;

describe('a theme page', () => {
  it('names the kind, number and paragraph of the theme above its name', async () => {
    const { html, text } = await getPage(themePath(THEME_IDS.overlast));
    expect(text).toContain('Prioriteit 1 · paragraaf 5.1 Overlast, geweld op het snijvlak van Zorg & Veiligheid');
    expect(titleOf(html)).toBe(
      'Prioriteit 1: Overlast, geweld op het snijvlak van Zorg & Veiligheid - Integraal Veiligheidsplan 2019-2022 - Koers',
    );
  });

  it('names its catalogue themes, approach, goal for the end year and the was/wordt note', async () => {
    const { text } = await getPage(themePath(THEME_IDS.overlast));
    expect(text).toContain('1.1 Sociale kwaliteit');
    expect(text).toContain('Hoofdlijnen van de aanpak Casusaanpak: Per persoon en huishouden een integrale aanpak.');
    expect(text).toContain('Doelstelling 2022 Minder overlast van personen met verward gedrag.');
    expect(text).toContain('Was strategisch thema, wordt prioriteit.');
  });

  it('says why a theme of its own stands outside the catalogue', () => {
    const [theme] = fixturePlan.themes;
    const own = { ...theme!, catalogueThemeCodes: [], outsideCatalogueReason: 'Drugsafval in het buitengebied vraagt een eigen aanpak.' };
    const html = renderDocument(<ThemePage m={messagesFor()} plan={{ ...fixturePlan, themes: [own] }} theme={own} />);
    expect(visibleText(html)).toContain(
      'Eigen thema, buiten het Kernbeleid Veiligheid: Drugsafval in het buitengebied vraagt een eigen aanpak.',
    );
  });

  it('shows its indicators with baseline and target in Dutch notation', async () => {
    const { html } = await getPage(themePath(THEME_IDS.overlast));
    const rows = elements(html, 'tr').map(visibleText);
    expect(rows).toContain(
      'Inwoners die veel overlast ervaren van buurtbewoners Geschiedenis van "Inwoners die veel overlast ervaren van buurtbewoners" Veiligheidsmonitor percentage 3,5% (2017) ≤ 3% in 2022',
    );
    expect(rows).toContain(
      'Incidenten overlast personen met verward gedrag Geschiedenis van "Incidenten overlast personen met verward gedrag" Politie aantal 70 (2017) ≤ 50 in 2022',
    );
  });

  it('says a theme without indicators is judged qualitatively, and how', async () => {
    const { html, text } = await getPage(themePath(THEME_IDS.ondermijning));
    expect(text).toContain('Voor dit thema zijn geen meetbare indicatoren. Het wordt kwalitatief beoordeeld');
    expect(text).toContain('Beoordeeld aan de hand van de ondermijningsbeelden van het RIEC.');
    expect(html).not.toContain('Nulmeting');
  });

  it('groups the activities by workstream with leads, linked partners and planning', async () => {
    const { html } = await getPage(themePath(THEME_IDS.overlast));
    expect(elements(html, 'h3').map(visibleText)).toEqual(['Casusaanpak', 'Overige interventies']);
    const rows = elements(html, 'tr').map(visibleText);
    expect(rows).toContain(
      'Crisisinterventie en opvang Omschrijving van crisisinterventie en opvang. Geschiedenis van "Crisisinterventie en opvang" Burgemeester, Wethouder Zorg & Welzijn OOV, Politie 2019 e.v.',
    );
    expect(html).toContain(`href="/plannen/${FIXTURE_PLAN_ID}/partners/politie"`);
  });

  it('shows the quantity, cadence and group label of an activity', async () => {
    expect((await getPage(themePath(THEME_IDS.overlast))).text).toContain('Omvang: 20 casussen per jaar');
    expect((await getPage(themePath(THEME_IDS.leefbaarheid))).text).toContain('Frequentie: elke kern 1x per jaar');
    expect((await getPage(themePath(THEME_IDS.leefbaarheid))).text).toContain('doorlopend/2019 e.v.');
    expect((await getPage(themePath(THEME_IDS.ondermijning))).text).toContain('Handhaving Integrale handhaving met het Flexteam');
  });

  it('writes thousands with a dot', async () => {
    expect((await getPage(themePath(THEME_IDS.leefbaarheid))).text).toContain('1.250 (2017)');
  });

  it('answers 404 for a theme id the plan does not have', async () => {
    const page = await getPage(themePath('00000000-0000-4000-8000-999999999999'));
    expect(page.status).toBe(404);
    expect(page.text).toContain('Thema niet gevonden');
  });
});

describe('a theme page beside the monitor', () => {
  const m = messagesFor();
  const theme = fixturePlan.themes.find((candidate) => candidate.id === THEME_IDS.overlast)!;

  it('links each indicator to its page in the monitor, its name starting with a capital', async () => {
    const { html } = await getPage(themePath(THEME_IDS.overlast));
    const [table] = elements(html, 'table');
    expect(table).toContain(`href="/plannen/${FIXTURE_PLAN_ID}/monitor/indicatoren/overlast-buurtbewoners"`);
    expect(html).toContain(`href="/plannen/${FIXTURE_PLAN_ID}/monitor">Alle indicatoren van het plan in de monitor</a>`);
  });

  it('shows each indicator’s status now when the monitor is known', () => {
    const statuses = new Map([['overlast-buurtbewoners', 'on_course' as const]]);
    const html = renderDocument(<ThemePage m={m} plan={fixturePlan} theme={theme} statuses={statuses} />);
    const rows = elements(elements(html, 'table')[0] ?? '', 'tr').map(visibleText);
    expect(rows[0]).toBe('Indicator Status nu Bron Eenheid Nulmeting Streefwaarde');
    expect(rows[1]).toContain('Geschiedenis van "Inwoners die veel overlast ervaren van buurtbewoners" → Op koers');
    expect(rows[2]).toContain('Geschiedenis van "Incidenten overlast personen met verward gedrag" – Geen gegevens');
  });
});
