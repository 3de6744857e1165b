import { describe, expect, it } from 'vitest';
import { elements, getPage, titleOf, visibleText } from './page-test-helpers.js';
import { FIXTURE_PLAN_ID, THEME_IDS } from './plan.fixture.js';

const path = `/plannen/${FIXTURE_PLAN_ID}/indicatoren`;

describe('the indicators page', () => {
  it('lists plan-wide indicators first, then each theme’s, in one table', async () => {
    const { html } = await getPage(path);
    const rows = elements(elements(html, 'tbody')[0] ?? '', 'tr').map(visibleText);
    expect(rows).toHaveLength(5);
    expect(rows[0]).toBe(
      'Hele plan Totaal misdrijven per 1.000 inwoners Politie / waarstaatjegemeente.nl per 1.000 inwoners 30,5 (2017) ≤ 28 in 2022 geen',
    );
    expect(rows[3]).toBe(
      'Prioriteit 1: Overlast, geweld op het snijvlak van Zorg & Veiligheid Incidenten overlast personen met verward gedrag Politie aantal 70 (2017) ≤ 50 in 2022 E33',
    );
  });

  it('links the theme of an indicator to the theme page', async () => {
    const { html } = await getPage(path);
    expect(html).toContain(`href="/plannen/${FIXTURE_PLAN_ID}/themas/${THEME_IDS.overlast}"`);
  });

  it('has column headers with scope and its own title', async () => {
    const { html } = await getPage(path);
    expect(html.match(/scope="col"/g)).toHaveLength(7);
    expect(titleOf(html)).toBe('Indicatoren - Integraal Veiligheidsplan 2019-2022 - Koers');
  });
});
