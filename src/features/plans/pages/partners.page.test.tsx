import { describe, expect, it } from 'vitest';
import { elements, getPage, titleOf, visibleText } from './page-test-helpers.js';
import { FIXTURE_PLAN_ID } from './plan.fixture.js';

const path = `/plannen/${FIXTURE_PLAN_ID}/partners`;

describe('the partners page', () => {
  it('groups partners: core partners, other external partners, partnerships, municipal departments', async () => {
    const { html } = await getPage(path);
    expect(elements(html, 'h2').map(visibleText)).toEqual([
      'Kernpartners',
      'Andere externe partners',
      'Samenwerkingsverbanden',
      'Gemeentelijke afdelingen',
    ]);
  });

  it('links every partner to its own page, with its kind and number of activities, and shows no tables', async () => {
    const { html, text } = await getPage(path);
    expect(html).toContain(`href="/plannen/${FIXTURE_PLAN_ID}/partners/politie"`);
    expect(html).toContain(`href="/plannen/${FIXTURE_PLAN_ID}/partners/sociaal-domein"`);
    expect(text).toContain('RIEC Limburg samenwerkingsverband · 1 activiteit');
    expect(html).not.toContain('<table');
  });

  it('has its own title', async () => {
    expect(titleOf((await getPage(path)).html)).toBe('Partners - Integraal Veiligheidsplan 2019-2022 - Koers');
  });
});

describe('the page of one partner', () => {
  it('shows a partner’s description, parts and the organisation it belongs to, linked to their pages', async () => {
    const politie = await getPage(`${path}/politie`);
    expect(elements(politie.html, 'h1').map(visibleText)).toEqual(['Politie']);
    expect(politie.text).toContain('Politie-eenheid Limburg. Onderdelen: Basisteam Roerstreek en Midden-Limburg');
    expect(politie.html).toContain(`href="/plannen/${FIXTURE_PLAN_ID}/partners/basisteam"`);
    const basisteam = await getPage(`${path}/basisteam`);
    expect(basisteam.text).toContain('Onderdeel van: Politie');
  });

  it('lists the activities a partner takes part in, with theme and planning', async () => {
    const { html } = await getPage(`${path}/riec`);
    const [table] = elements(html, 'table');
    expect(visibleText(elements(table ?? '', 'caption')[0] ?? '')).toBe('Activiteiten met RIEC Limburg');
    expect(elements(table ?? '', 'tr').map(visibleText)).toContain(
      'Casusbespreking en -aanpak Prioriteit 2: Georganiseerde, ondermijnende criminaliteit doorlopend',
    );
  });

  it('says so for a partner without activities, and names the meetings a partner joins', async () => {
    expect((await getPage(`${path}/halt`)).text).toContain('Geen activiteiten in het uitvoeringsplan.');
    expect((await getPage(`${path}/politie`)).text).toContain('Neemt deel aan: Driehoeksoverleg');
  });

  it('has a title and breadcrumb through the partners page', async () => {
    const { html } = await getPage(`${path}/politie`);
    expect(titleOf(html)).toBe('Politie - Partners - Integraal Veiligheidsplan 2019-2022 - Koers');
    expect(html).toContain(
      `<a class="utrecht-link utrecht-link--html-a utrecht-breadcrumb-nav__link" href="/plannen/${FIXTURE_PLAN_ID}/partners">Partners</a>`,
    );
  });

  it('answers 404 for a partner the plan does not have', async () => {
    expect((await getPage(`${path}/onbekend`)).status).toBe(404);
  });
});
