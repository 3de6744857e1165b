import { describe, expect, it } from 'vitest';
import { elements, getPage, titleOf, visibleText } from './page-test-helpers.js';
import { FIXTURE_PLAN_ID } from './plan.fixture.js';

const path = `/plannen/${FIXTURE_PLAN_ID}/uitvoeringsplan`;
const bodyRows = (html: string) => elements(elements(html, 'tbody')[0] ?? '', 'tr').map(visibleText);

describe('the implementation plan', () => {
  it('shows every activity with theme, workstream, leads, partners and planning', async () => {
    const { html, text } = await getPage(path);
    expect(text).toContain('6 van 6 activiteiten');
    const rows = bodyRows(html);
    expect(rows).toHaveLength(6);
    expect(rows[2]).toBe(
      'Prioriteit 1: Overlast, geweld op het snijvlak van Zorg & Veiligheid Overige interventies Buurtbemiddeling Omschrijving van buurtbemiddeling. Omvang: 20 casussen per jaar Wethouder Zorg & Welzijn OOV, Sociaal Domein, Servicecentrum MER doorlopend',
    );
    expect(titleOf(html)).toBe('Uitvoeringsplan - Integraal Veiligheidsplan 2019-2022 - Koers');
  });

  it('offers a GET form with a labelled select per filter, a submit button and a reset link', async () => {
    const { html } = await getPage(path);
    expect(html).toContain(`<form class="koers-filter" method="get" action="${path}#resultaat"`);
    for (const name of ['thema', 'trekker', 'partner', 'planning']) {
      expect(html).toContain(`<label class="utrecht-form-label" for="filter-${name}">`);
      expect(html).toContain(`id="filter-${name}" name="${name}"`);
    }
    expect(html).toContain('>Filter toepassen</button>');
    expect(html).toMatch(new RegExp(`href="${path}">Filters wissen</a>`));
  });

  it('offers the planning labels of the plan as choices', async () => {
    const { html } = await getPage(path);
    const planning = elements(html, 'select').find((select) => select.includes('name="planning"')) ?? '';
    expect(elements(planning, 'option').map(visibleText)).toEqual(['Elke planning', 'doorlopend', 'doorlopend/2019 e.v.', '2019 e.v.']);
  });

  it('narrows the table to the activities of the chosen partner and keeps the choice selected', async () => {
    const { html, text } = await getPage(`${path}?thema=&trekker=&partner=politie&planning=`);
    expect(text).toContain('3 van 6 activiteiten');
    const rows = bodyRows(html);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toContain('Politie');
    expect(html).toContain('<option value="politie" selected="">Politie</option>');
  });

  it('combines filters', async () => {
    const { html, text } = await getPage(`${path}?partner=politie&planning=2019+e.v.`);
    expect(text).toContain('1 van 6 activiteiten');
    expect(bodyRows(html)[0]).toContain('Crisisinterventie en opvang');
  });

  it('says so clearly when nothing matches', async () => {
    const { html, text } = await getPage(`${path}?thema=strategisch-1&partner=politie`);
    expect(text).toContain('0 van 6 activiteiten');
    expect(text).toContain('Geen activiteiten gevonden die aan alle gekozen filters voldoen.');
    expect(elements(html, 'table')).toHaveLength(0);
  });

  it('answers 400 naming the parameter whose value the plan does not know', async () => {
    const page = await getPage(`${path}?thema=prioriteit-9&trekker=burgemeester`);
    expect(page.status).toBe(400);
    expect(page.text).toContain('Ongeldig filter');
    expect(page.text).toContain('thema: “prioriteit-9” is geen bekende keuze voor thema in dit plan.');
    expect(page.text).not.toContain('trekker:');
  });
});
