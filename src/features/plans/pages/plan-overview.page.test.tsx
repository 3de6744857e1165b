import { describe, expect, it } from 'vitest';
import { renderDocument } from '../../../web/layout.js';
import { messagesFor } from '../../../web/messages.js';
import { elements, getPage, titleOf, visibleText } from './page-test-helpers.js';
import { FIXTURE_PLAN_ID, fixturePlan, THEME_IDS } from './plan.fixture.js';
import { PlanOverviewPage } from './plan-overview.page.js';

const path = `/plannen/${FIXTURE_PLAN_ID}`;

describe('the plan overview', () => {
  it('shows the facts of the plan in words and Dutch dates', async () => {
    const { text } = await getPage(path);
    expect(text).toContain('de basis verstevigd, burgers en ondernemers in positie');
    expect(text).toContain('Periode 2019-2022');
    expect(text).toContain('Status Vastgesteld');
    expect(text).toContain('Vastgesteld op 29 januari 2019');
  });

  it('lists the strategic goals and the working principles', async () => {
    const { text } = await getPage(path);
    expect(text).toContain('Strategische doelstellingen');
    expect(text).toContain('De basis verstevigd');
    expect(text).toContain('Rode draden');
    expect(text).toContain('Informatiegestuurd werken');
  });

  it('shows the plan-wide indicators with baseline and target', async () => {
    const { text } = await getPage(path);
    expect(text).toContain('Totaal misdrijven per 1.000 inwoners');
    expect(text).toContain('30,5 (2017)');
    expect(text).toContain('≤ 28 in 2022');
    expect(text).toContain('≥ 7,5 in 2022');
  });

  it('links the priorities and strategic themes with their catalogue codes', async () => {
    const { html, text } = await getPage(path);
    expect(text).toContain('Prioriteit 2: Georganiseerde, ondermijnende criminaliteit');
    expect(text).toContain('Strategisch thema 1: Leefbaarheid en sociale veiligheid');
    expect(text).toContain('Kernbeleid Veiligheid 1.1, 1.3');
    expect(html).toContain(`href="${path}/themas/${THEME_IDS.ondermijning}"`);
  });

  it('shows the starting point per safety field and the frameworks the plan builds on', async () => {
    const { text } = await getPage(path);
    expect(text).toContain('Uitgangssituatie per veiligheidsveld');
    expect(text).toContain('1. Veilige woon- en leefomgeving Het rapportcijfer voor de buurt steeg van 7,3 naar 7,5.');
    expect(text).toContain('Beleidsplan politie-eenheid regionaal Bepaalt mede de inzet van de politie.');
  });

  it('shows meetings with their partners and the moments of accountability', async () => {
    const { html, text } = await getPage(path);
    expect(text).toContain('Zorg- en veiligheidsoverleg elke vier maanden');
    expect(html).toContain(`href="${path}/partners/mer"`);
    expect(text).toContain('Voortgangsrapportage jaarlijks, tweede kwartaal gemeenteraad');
  });

  it('navigates to every other page of the plan', async () => {
    const { html } = await getPage(path);
    for (const page of ['dekking', 'uitvoeringsplan', 'partners', 'indicatoren']) expect(html).toContain(`href="${path}/${page}"`);
    expect(html).toContain(`href="${path}" aria-current="page"`);
  });

  it('has its own title', async () => {
    expect(titleOf((await getPage(path)).html)).toBe('Integraal Veiligheidsplan 2019-2022 - Koers');
  });

  it('answers 404 with a page for an unknown plan', async () => {
    const page = await getPage('/plannen/00000000-0000-4000-8000-999999999999');
    expect(page.status).toBe(404);
    expect(page.text).toContain('Plan niet gevonden');
  });

  it('opens with a table of contents of its own sections', async () => {
    const { html } = await getPage(path);
    const [contents] = elements(html, 'nav').filter((nav) => nav.includes('inhoudsopgave'));
    expect(elements(contents ?? '', 'li').map(visibleText)).toEqual([
      'Strategische doelstellingen',
      'Rode draden',
      'Indicatoren voor het hele plan',
      'Prioriteiten',
      "Strategische thema's",
      'Uitgangssituatie per veiligheidsveld',
      'Overleggen',
      'Verantwoording',
      'Kaders',
      'Begroting',
    ]);
    for (const id of ['doelstellingen', 'plan-indicatoren', 'begroting']) {
      expect(contents).toContain(`href="#${id}"`);
      expect(html).toContain(`id="${id}"`);
    }
  });

  it('says Gemeente for one municipality and Gemeenten for several', async () => {
    expect((await getPage(path)).text).toContain('Gemeente Maasgouw');
    const joint = { ...fixturePlan, municipalities: [...fixturePlan.municipalities, { code: 'GM1669', name: 'Roerdalen' }] };
    const text = visibleText(renderDocument(<PlanOverviewPage m={messagesFor()} plan={joint} />));
    expect(text).toContain('Gemeenten Maasgouw, Roerdalen');
  });
});
