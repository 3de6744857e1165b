import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../web/messages.js';
import { DistrictsPage } from './districts.page.js';
import { districtView, plan } from './monitoring.fixture.js';
import { elements, render, rowTexts, sectionById, visibleText } from './render-helpers.js';

const m = messagesFor();

describe('the wijk page', () => {
  it('has a GET form with labelled selects for source, type and year', () => {
    const { html } = render(<DistrictsPage m={m} view={districtView()} mayRefresh={false} />);
    expect(elements(html, 'h1').map(visibleText)).toEqual(['Cijfers per wijk']);
    const [form] = elements(html, 'form');
    expect(form).toContain(`method="get" action="/plannen/${plan.id}/monitor/wijken"`);
    expect(form).not.toContain('_csrf');
    expect(form).toContain('<label class="utrecht-form-label" for="wijken-bron">Bron</label>');
    expect(form).toContain('<label class="utrecht-form-label" for="wijken-code">Soort</label>');
    expect(form).toContain('<label class="utrecht-form-label" for="wijken-jaar">Jaar</label>');
    expect(form).toContain('<option value="misdrijven" selected="">Geregistreerde misdrijven</option>');
    expect(form).toContain('<option value="0.0.0" selected="">0.0.0 Misdrijven, totaal</option>');
    expect(form).toContain('<option value="2023" selected="">2023</option>');
    expect(form).toContain('<input type="hidden" name="vorige-bron" value="misdrijven"/>');
  });

  it('shows the figure per wijk in a table and a chart, a withheld figure as a dash with its footnote, and the municipal total', () => {
    const section = sectionById(render(<DistrictsPage m={m} view={districtView()} mayRefresh={false} />).html, 'per-wijk');
    expect(section).toMatch(/<svg[^>]*class="koers-chart"/);
    expect(rowTexts(section)).toEqual([
      'Wijk Aantal',
      'Wijk 00 Maasbracht 1.234',
      'Wijk 01 Linne – geen cijfer voetnoot 1',
      'Wijk 02 Stevensweert 87',
      'Hele gemeente Maasgouw 1.400',
    ]);
    expect(visibleText(section)).toContain('Geregistreerde misdrijven: Misdrijven, totaal, per wijk in 2023');
    expect(visibleText(section)).toContain('Afgeschermd: de bron geeft dit cijfer niet vrij.');
  });

  it('offers the table as CSV with the same choice of source, type, year and municipality', () => {
    const { html } = render(<DistrictsPage m={m} view={districtView()} mayRefresh={false} />);
    expect(html).toContain(
      `href="/plannen/${plan.id}/monitor/wijken.csv?bron=misdrijven&amp;code=0.0.0&amp;jaar=2023&amp;gemeente=GM1641" download`,
    );
  });

  it('says when there are no figures per wijk yet', () => {
    const { text, html } = render(<DistrictsPage m={m} view={districtView(false)} mayRefresh={true} />);
    expect(text).toContain('Er zijn nog geen politiecijfers per wijk.');
    expect(html).toContain(`href="/plannen/${plan.id}/monitor#vernieuwen">Vernieuw cijfers</a>`);
    expect(html).not.toContain('<svg');
  });
});
