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
    expect(elements(html, 'h3').map(visibleText)).toEqual([
      'Servicecentrum MER',
      'Politie',
      'Basisteam Roerstreek en Midden-Limburg',
      'Veiligheidshuis Midden-Limburg',
      'Halt',
      'RIEC Limburg',
      'OOV',
      'Sociaal Domein',
    ]);
  });

  it('gives each partner an anchor named by its key', async () => {
    const { html } = await getPage(path);
    expect(html).toContain('<h3 class="utrecht-heading-3" id="politie">');
    expect(html).toContain('<h3 class="utrecht-heading-3" id="sociaal-domein">');
  });

  it('shows a partner’s description, parts and the organisation it belongs to', async () => {
    const { text } = await getPage(path);
    expect(text).toContain('Politie externe partner Politie-eenheid Limburg. Onderdelen: Basisteam Roerstreek en Midden-Limburg');
    expect(text).toContain('Basisteam Roerstreek en Midden-Limburg externe partner Onderdeel van: Politie');
  });

  it('lists the activities a partner takes part in, with theme and planning', async () => {
    const { html } = await getPage(path);
    const riec = elements(html, 'table').find((table) => table.includes('RIEC Limburg')) ?? '';
    expect(visibleText(elements(riec, 'caption')[0] ?? '')).toBe('Activiteiten waarin RIEC Limburg meedoet (1 activiteit)');
    expect(elements(riec, 'tr').map(visibleText)).toContain(
      'Prioriteit 2: Georganiseerde, ondermijnende criminaliteit Casusbespreking en -aanpak doorlopend',
    );
  });

  it('says so for a partner without activities, and names the meetings a partner joins', async () => {
    const { text } = await getPage(path);
    expect(text).toContain('Halt externe partner Doet niet mee aan activiteiten van het uitvoeringsplan.');
    expect(text).toContain('Neemt deel aan: Driehoeksoverleg');
    expect(text).toContain('Neemt deel aan: Zorg- en veiligheidsoverleg');
  });

  it('has its own title', async () => {
    expect(titleOf((await getPage(path)).html)).toBe('Partners - Integraal Veiligheidsplan 2019-2022 - Koers');
  });
});
