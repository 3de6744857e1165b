import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../web/messages.js';
import { BbvPage } from './bbv.page.js';
import { bbvView, plan } from './monitoring.fixture.js';
import { elements, render, rowTexts, visibleText } from './render-helpers.js';

const m = messagesFor();

describe('the BBV page', () => {
  it('shows per municipality the five indicators by year, with one decimal or a dash', () => {
    const { html } = render(<BbvPage m={m} view={bbvView()} csrf="t" />);
    expect(elements(html, 'h1').map(visibleText)).toEqual(['BBV-indicatoren']);
    expect(visibleText(elements(html, 'caption')[0] ?? '')).toBe('BBV-indicatoren van Maasgouw per jaar');
    const rows = rowTexts(html);
    expect(rows[0]).toBe('Indicator 2019 2020 2021 2022');
    expect(rows[1]).toBe('Winkeldiefstallen per 1.000 inwoners 4,3 4,3 4,3 4,3');
    expect(rows[5]).toBe(
      'Verwijzingen Halt per 10.000 jongeren van 12 tot en met 17 jaar – geen cijfer voetnoot 1 8,3 – geen cijfer voetnoot 1 – geen cijfer voetnoot 1',
    );
    expect(html.match(/scope="col"/g)).toHaveLength(5);
    expect(html.match(/scope="row"/g)).toHaveLength(5);
  });

  it('names a cause once, in one footnote below the table, however many cells it empties', () => {
    const { html } = render(<BbvPage m={m} view={bbvView()} csrf="t" />);
    const notes = elements(html, 'ol').find((list) => list.includes('koers-footnotes'));
    expect(elements(notes ?? '', 'li').map(visibleText)).toEqual(['Het aantal verwijzingen naar Halt over dat jaar is nog niet ingevuld.']);
    expect(notes).toContain('id="bbv-GM1641-noot-1"');
    expect(html.match(/href="#bbv-GM1641-noot-1"/g)).toHaveLength(3);
    expect(html).not.toContain('niet te berekenen');
  });

  it('labels every value with its year, for the cards a phone shows', () => {
    const { html } = render(<BbvPage m={m} view={bbvView()} csrf="t" />);
    const cells = elements(html, 'td');
    expect(cells).toHaveLength(20);
    expect(cells.every((cell) => /data-label="20(19|20|21|22)"/.test(cell))).toBe(true);
  });

  it('has no form for a reader', () => {
    const { html } = render(<BbvPage m={m} view={bbvView(false)} csrf="t" />);
    expect(html).not.toContain('<form');
  });

  it('gives an editor the form for the Halt referrals, with the CSRF field', () => {
    const { html } = render(<BbvPage m={m} view={bbvView(true)} csrf="proef" />);
    const [form] = elements(html, 'form');
    expect(form).toContain(`method="post" action="/plannen/${plan.id}/monitor/bbv"`);
    expect(form).toContain('<input type="hidden" name="_csrf" value="proef"/>');
    expect(form).toContain('<label class="utrecht-form-label" for="halt-gemeente">Gemeente</label>');
    expect(form).toContain('<label class="utrecht-form-label" for="halt-jaar">Jaar</label>');
    expect(form).toContain('<label class="utrecht-form-label" for="halt-aantal">Aantal verwijzingen naar Halt</label>');
    expect(form).toContain('<option value="GM1641">Maasgouw</option>');
  });

  it('shows the form again with the problem beside the count', () => {
    const form = {
      values: { gemeente: 'GM1641', jaar: '2021', aantal: 'twaalf' },
      problems: [{ path: 'aantal', message: '“twaalf” is geen aantal.' }],
    };
    const { html } = render(<BbvPage m={m} view={bbvView(true)} csrf="proef" form={form} />);
    expect(html).toContain('href="#halt-aantal"');
    expect(html).toContain('id="halt-aantal-fout">“twaalf” is geen aantal.');
    expect(html).toContain('value="twaalf"');
    expect(html).toContain('<option value="2021" selected="">2021</option>');
  });
});
