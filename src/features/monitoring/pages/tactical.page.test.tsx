import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../web/messages.js';
import { plan, tacticalView } from './monitoring.fixture.js';
import { elements, render, rowTexts, sectionById, visibleText } from './render-helpers.js';
import { TacticalPage } from './tactical.page.js';

const m = messagesFor();

describe('the tactical page', () => {
  it('explains the band in one sentence and has one h1', () => {
    const { html, text } = render(<TacticalPage m={m} view={tacticalView()} mayRefresh={false} />);
    expect(elements(html, 'h1').map(visibleText)).toEqual(['Tactisch beeld']);
    expect(text).toContain('De bandbreedte loopt van het laagste tot het hoogste cijfer van dezelfde maand in de drie jaren ervoor');
  });

  it('lists every crime type with its latest month and links that choose it', () => {
    const section = sectionById(render(<TacticalPage m={m} view={tacticalView()} mayRefresh={false} />).html, 'soorten');
    expect(rowTexts(section)).toEqual([
      'Soort misdrijf Laatste maand Cijfer Zelfde maand vorig jaar Maanden boven de bandbreedte (laatste 24)',
      '0.0.0 Misdrijven, totaal (gekozen) december 2023 100 105 ▲ 1 maand',
      '1.1.1 Diefstal/inbraak woning december 2023 4 6 geen',
    ]);
    expect(section).toContain(`href="/plannen/${plan.id}/monitor/tactisch?soort=1.1.1#gekozen"`);
    expect(section).toContain('aria-current="page"');
    expect(section).toContain('scope="row"');
  });

  it('shows the chosen type as a chart and a table of 24 months, a month above the band flagged in words and with a marker', () => {
    const section = sectionById(render(<TacticalPage m={m} view={tacticalView()} mayRefresh={false} />).html, 'gekozen');
    expect(section).toMatch(/<svg[^>]*class="koers-chart"/);
    const rows = rowTexts(section);
    expect(rows).toHaveLength(25);
    expect(rows[0]).toBe('Maand Cijfer Zelfde maand vorig jaar Verschil met vorig jaar Bandbreedte Boven de bandbreedte?');
    expect(rows[1]).toBe(
      'januari 2022 100 – geen cijfer voetnoot 1 – geen cijfer voetnoot 2 – geen cijfer voetnoot 3 – geen cijfer voetnoot 3',
    );
    expect(rows[15]).toBe('maart 2023 1.234 100 +1.134 (+1.134%) 90 tot 120 ▲ ja, boven de bandbreedte');
    expect(rows[16]).toBe('april 2023 – geen cijfer voetnoot 1 110 – geen cijfer voetnoot 2 90 tot 120 nee');
    expect(elements(section, 'ol').map(visibleText)).toContain(
      'De politie heeft over die maand geen cijfer gepubliceerd, of schermt het af. ' +
        'Geen verschil te geven: van een van beide maanden is er geen cijfer. ' +
        'Geen bandbreedte: er zijn te weinig cijfers van dezelfde maand in de drie jaren ervoor.',
    );
    expect(rows[17]).toBe('mei 2023 100 105 -5 (-4,8%) 90 tot 120 nee');
    expect(section).toContain('<span class="koers-above-band__marker" aria-hidden="true">▲</span>');
  });

  it('says when there are no police figures yet, and points to refreshing only for those who may', () => {
    const empty = render(<TacticalPage m={m} view={tacticalView(false)} mayRefresh={false} />);
    expect(empty.text).toContain('Er zijn nog geen politiecijfers per maand.');
    expect(empty.text).not.toContain('Vernieuw cijfers');
    const allowed = render(<TacticalPage m={m} view={tacticalView(false)} mayRefresh={true} />);
    expect(allowed.html).toContain(`href="/plannen/${plan.id}/monitor#vernieuwen">Vernieuw cijfers</a>`);
  });
});
