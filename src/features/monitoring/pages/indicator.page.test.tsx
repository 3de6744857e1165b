import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../web/messages.js';
import { IndicatorMonitorPage } from './indicator.page.js';
import { crimeMeasurements, measurement, monitorOf, plan, year } from './monitoring.fixture.js';
import { elements, render, rowTexts, sectionById, titleOf, visibleText } from './render-helpers.js';

const m = messagesFor();
const CSRF = 'proef-token';
const monitor = monitorOf('misdrijven', crimeMeasurements);

const history = [
  measurement('misdrijven', {
    period: year(2021),
    value: 28.4,
    source: 'manual',
    provenance: {},
    note: 'Cijfer uit de politierapportage.',
    enteredByLabel: 'Co Ördinator <co@maasgouw.nl>',
    enteredAt: '2024-05-01T12:00:00Z',
  }),
  measurement('misdrijven', {
    period: year(2021),
    value: 28.9,
    source: 'file',
    provenance: { bestand: 'metingen.csv', rij: 4 },
    enteredAt: '2024-04-01T12:00:00Z',
    supersededAt: '2024-05-01T12:00:00Z',
  }),
  measurement('misdrijven', {
    period: year(2021),
    value: 29.1,
    periodStatus: 'voorlopig',
    enteredAt: '2024-03-04T09:15:00Z',
    supersededAt: '2024-04-01T12:00:00Z',
  }),
];

function page(props: Partial<Parameters<typeof IndicatorMonitorPage>[0]> = {}) {
  return render(<IndicatorMonitorPage m={m} plan={plan} monitor={monitor} history={history} mayEdit={false} csrf={CSRF} {...props} />);
}

describe('the indicator page of the monitor', () => {
  it('has the indicator as its one h1 and the monitor in its breadcrumbs', () => {
    const { html } = page();
    expect(elements(html, 'h1').map(visibleText)).toEqual(['Totaal misdrijven per 1.000 inwoners']);
    expect(titleOf(html)).toBe('Totaal misdrijven per 1.000 inwoners - Integraal Veiligheidsplan 2019-2022 - Koers');
    const crumbs = elements(html, 'nav').find((nav) => nav.includes('Kruimelpad')) ?? '';
    expect(visibleText(crumbs)).toBe('Plannen Integraal Veiligheidsplan 2019-2022 Monitor Totaal misdrijven per 1.000 inwoners');
  });

  it('shows the chart and the yearly table, a suppressed year as a dash with its footnote', () => {
    const { html, text } = page();
    expect(html).toMatch(/<svg[^>]*class="koers-chart"/);
    expect(text).toContain('2019 – geen cijfer voetnoot 1 – Geen gegevens');
    expect(text).toContain('Afgeschermd: de bron geeft dit cijfer niet vrij.');
    expect(text).toContain('2021 28,4 per 1.000 inwoners → Op koers voorlopig');
  });

  it('lists the measurements of months and quarters', () => {
    expect(rowTexts(sectionById(page().html, 'per-maand')).slice(1)).toEqual([
      'januari 2022 2,3 per 1.000 inwoners open data, tabel 47022NED, gewijzigd op 3 maart 2024',
    ]);
  });

  it('shows the whole history: who, when, from which source, and what was replaced', () => {
    expect(rowTexts(sectionById(page().html, 'geschiedenis')).slice(1)).toEqual([
      '2021 28,4 per 1.000 inwoners handmatig Co Ördinator <co@maasgouw.nl> 1 mei 2024 om 14:00 Cijfer uit de politierapportage. ja',
      '2021 28,9 per 1.000 inwoners bestand metingen.csv rij 4 systeem (koers-opdracht) 1 april 2024 om 14:00 nee, vervangen op 1 mei 2024 om 14:00',
      '2021 29,1 per 1.000 inwoners open data, tabel 47022NED, gewijzigd op 3 maart 2024 systeem (koers-opdracht) 4 maart 2024 om 10:15 voorlopig nee, vervangen op 1 april 2024 om 14:00',
    ]);
  });

  it('has no form for a reader', () => {
    const { html } = page();
    expect(html).not.toContain('<form');
    expect(html).not.toContain('name="_csrf"');
  });

  it('gives an editor the form to enter a measurement, with labelled fields and the CSRF field', () => {
    const { html } = page({ mayEdit: true });
    const [form] = elements(html, 'form');
    expect(form).toContain('method="post" action="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/indicatoren/misdrijven"');
    expect(form).toContain(`<input type="hidden" name="_csrf" value="${CSRF}"/>`);
    for (const [field, label] of [
      ['periode', 'Periode'],
      ['waarde', 'Waarde'],
      ['teller', 'Teller'],
      ['noemer', 'Noemer'],
      ['afgeschermd', 'Afgeschermd: de bron geeft dit cijfer niet vrij'],
      ['toelichting', 'Toelichting (niet verplicht)'],
    ]) {
      expect(form).toMatch(
        new RegExp(`<label class="utrecht-form-label[^"]*" for="meting-${field}">${label!.replace(/[()]/g, '\\$&')}</label>`),
      );
      expect(form).toContain(`id="meting-${field}" name="${field}"`);
    }
  });

  it('shows a refused measurement again with the problems beside the fields and the values kept', () => {
    const form = {
      values: { periode: '2021-13', waarde: '30,5', teller: '', noemer: '', afgeschermd: 'ja', toelichting: 'Schatting' },
      problems: [
        { path: 'periode', message: "'2021-13' noemt maand 13. Een jaar heeft de maanden 1 tot en met 12." },
        { path: 'waarde', message: 'een afgeschermde meting heeft geen waarde' },
      ],
    };
    const { html } = page({ mayEdit: true, form });
    expect(titleOf(html)).toMatch(/^Fout: /);
    expect(html).toContain('href="#meting-periode"');
    expect(html).toContain('id="meting-periode-fout">&#39;2021-13&#39; noemt maand 13.');
    expect(html).toMatch(
      /id="meting-periode" name="periode" type="text" value="2021-13"[^>]*aria-invalid="true" aria-describedby="meting-periode-hint meting-periode-fout"/,
    );
    expect(html).toContain('value="30,5"');
    expect(html).toMatch(/id="meting-afgeschermd" name="afgeschermd" value="ja" checked=""/);
    expect(html).toContain('Schatting</textarea>');
  });

  it('shows the notice after saving', () => {
    expect(page({ notice: 'De meting is opgeslagen.' }).text).toContain('De meting is opgeslagen.');
  });
});
