import { describe, expect, it } from 'vitest';
import { elements, getPage, titleOf, visibleText } from './page-test-helpers.js';
import { FIXTURE_PLAN_ID, THEME_IDS } from './plan.fixture.js';

const path = `/plannen/${FIXTURE_PLAN_ID}/dekking`;
const rowOf = (html: string, code: string) =>
  elements(html, 'tr')
    .map(visibleText)
    .find((row) => row.startsWith(`${code} `)) ?? '';

describe('the coverage page', () => {
  it('has a table for each of the five safety fields with captions and column headers', async () => {
    const { html, text } = await getPage(path);
    expect(elements(html, 'table')).toHaveLength(5);
    expect(elements(html, 'caption')).toHaveLength(5);
    expect(text).toContain('Veld 4: Fysieke veiligheid');
    expect(html).toContain('scope="col">Prioriteit</th>');
    expect(html).toContain('scope="col">Strategisch thema</th>');
  });

  it('names the covering priority by number and name, linked to its page', async () => {
    const { html } = await getPage(path);
    expect(rowOf(html, '5.2')).toBe(
      '5.2 Georganiseerde/ondermijnende criminaliteit Prioriteit 2: Georganiseerde, ondermijnende criminaliteit geen',
    );
    expect(html).toContain(`href="/plannen/${FIXTURE_PLAN_ID}/themas/${THEME_IDS.ondermijning}"`);
  });

  it('puts a strategic theme in the strategic column', async () => {
    const { html } = await getPage(path);
    expect(rowOf(html, '1.4')).toBe('1.4 Subjectieve veiligheid geen Strategisch thema 1: Leefbaarheid en sociale veiligheid');
  });

  it('says "Niet gedekt" in words for a catalogue theme no plan theme covers', async () => {
    const { html } = await getPage(path);
    expect(rowOf(html, '4.2')).toBe('4.2 Brandveiligheid Niet gedekt');
  });

  it('counts the covered catalogue themes', async () => {
    const { text, html } = await getPage(path);
    expect(text).toContain("5 van de 22 thema's gedekt");
    expect(titleOf(html)).toBe('Dekking Kernbeleid Veiligheid - Integraal Veiligheidsplan 2019-2022 - Koers');
  });
});

describe('the coverage page against the plan edition', () => {
  it('reads the 2022 edition with its cross-cutting themes, and shows why a theme is left out', async () => {
    const { buildCoverage } = await import('../../../domain/coverage.js');
    const { renderDocument } = await import('../../../web/layout.js');
    const { messagesFor } = await import('../../../web/messages.js');
    const { CoveragePage } = await import('./coverage.page.js');
    const { fixturePlan } = await import('./plan.fixture.js');
    const plan = {
      ...fixturePlan,
      catalogueEdition: '2022',
      catalogueExclusions: [{ code: '2.5', reason: 'Er is nauwelijks toerisme in de gemeente.' }],
    };
    const html = renderDocument(<CoveragePage m={messagesFor()} plan={plan} coverage={buildCoverage(plan)} />);
    expect(elements(html, 'table')).toHaveLength(6);
    expect(visibleText(html)).toContain("Domeinoverstijgende thema's");
    expect(rowOf(html, 'D.1')).toBe('D.1 Gedigitaliseerde criminaliteit domeinoverstijgend thema Niet gedekt');
    expect(rowOf(html, '2.5')).toBe('2.5 Veilig toerisme Bewust weggelaten: Er is nauwelijks toerisme in de gemeente.');
  });
});
