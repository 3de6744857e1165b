import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../../web/messages.js';
import { MonitorPage } from './monitor.page.js';
import { fileProblemRows } from './monitor-sections.js';
import { indicatorAnchor } from './monitor-urls.js';
import { monitorView, plan } from './monitoring.fixture.js';
import { elements, render, rowTexts, sectionById, titleOf, visibleText } from './render-helpers.js';

const m = messagesFor();
const CSRF = 'proef-token';

function page(props: Partial<Parameters<typeof MonitorPage>[0]> = {}) {
  return render(<MonitorPage m={m} view={monitorView()} csrf={CSRF} currentYear={2021} {...props} />);
}

describe('the monitor page', () => {
  it('has one h1, its own title, breadcrumbs and links to the other monitor pages', () => {
    const { html } = page();
    expect(html.match(/<h1[\s>]/g)).toHaveLength(1);
    expect(titleOf(html)).toBe('Monitor - Integraal Veiligheidsplan 2019-2022 - Koers');
    expect(html).toContain('aria-label="Kruimelpad"');
    const nav = elements(html, 'nav').find((candidate) => candidate.includes('Onderdelen van de monitor')) ?? '';
    expect(nav).toContain('href="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/tactisch"');
    expect(nav).toContain('href="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/wijken"');
    expect(nav).toContain('href="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/bbv"');
  });

  it('says every status in words, with a symbol beside the colour', () => {
    const overview = rowTexts(sectionById(page().html, 'overzicht'));
    expect(overview[1]).toContain(
      'Totaal misdrijven per 1.000 inwoners Hele plan → Op koers 28,4 per 1.000 inwoners in 2021 ≤ 28 per 1.000 inwoners in 2022',
    );
    expect(overview[2]).toContain('Gehaald');
    expect(overview[3]).toContain('Geen gegevens');
    expect(overview[4]).toContain('Aandacht');
    expect(overview[5]).toContain('Uit koers');
    expect(page().html).toContain('<span class="koers-status__symbol" aria-hidden="true">✓</span>');
  });

  it('shows an indicator with baseline, target, projection, chart and the same figures in a table', () => {
    const section = sectionById(page().html, indicatorAnchor('misdrijven'));
    const text = visibleText(section);
    expect(text).toContain('Nulmeting 30,5 (2017)');
    expect(text).toContain('Streefwaarde ≤ 28 per 1.000 inwoners in 2022');
    expect(text).toContain('Prognose voor 2022');
    expect(text).toContain(
      'Bron van de cijfers Politie, geregistreerde misdrijven (CBS-tabel 47022NED) per 1.000 van CBS, bevolking op 1 januari (CBS-tabel 03759ned)',
    );
    expect(section).toContain('href="https://data.politie.nl/#/Politie/nl/dataset/47022NED/table"');
    expect(section).toContain('href="https://opendata.cbs.nl/statline/#/CBS/nl/dataset/03759ned/table"');
    const details = elements(section, 'details')[0] ?? '';
    expect(visibleText(details)).toContain('Codes en onderwerpen 47022NED GeregistreerdeMisdrijven, SoortMisdrijf 0.0.0');
    expect(section).toMatch(/<svg[^>]*class="koers-chart"/);
    expect(text).toContain('Metingen per jaar: Totaal misdrijven per 1.000 inwoners');
    expect(rowTexts(section).slice(1)).toEqual([
      '2018 30,1 per 1.000 inwoners ! Aandacht',
      '2019 – geen cijfer voetnoot 1 – Geen gegevens',
      '2020 29,2 per 1.000 inwoners ! Aandacht',
      '2021 28,4 per 1.000 inwoners → Op koers voorlopig',
    ]);
    expect(section).toContain('href="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/indicatoren/misdrijven"');
  });

  it('says once, at the top, when the figures were fetched and why some are missing', () => {
    const state = visibleText(sectionById(page().html, 'stand'));
    expect(state).toContain('De cijfers uit open data zijn het laatst opgehaald op 4 maart 2024 om 10:15.');
    expect(state).toContain('1 indicator heeft nog geen meting:');
    expect(state).toContain('Nog niet ingevoerd: deze cijfers worden met de hand of met een bestand ingevoerd.');
    expect(state).toContain('Nog niet beoordeeld: Prioriteit 2:');
    expect(state).not.toContain('looptijd');
  });

  it('says that the plan’s period is over once it is, and that the source could not be reached', () => {
    const view = monitorView();
    view.imports = [{ ...view.imports[0]!, status: 'failed', startedAt: '2024-04-01T08:00:00Z', error: 'time-out' }, ...view.imports];
    view.failures = [
      {
        service: 'dataderden',
        tableCode: '47022NED',
        failedAt: '2024-04-01T08:00:00Z',
        message: 'time-out',
        indicators: [{ key: 'misdrijven', name: 'Totaal misdrijven per 1.000 inwoners' }],
      },
    ];
    view.indicators = view.indicators.map((monitor) =>
      monitor.indicator.key === 'misdrijven' ? { ...monitor, current: { ...monitor.current, value: null, year: null } } : monitor,
    );
    const state = visibleText(sectionById(render(<MonitorPage m={m} view={view} csrf={CSRF} currentYear={2023} />).html, 'stand'));
    expect(state).toContain('De looptijd van dit plan (2019-2022) is voorbij.');
    expect(state).toContain('Tabel 47022NED kon bij de laatste poging niet worden opgehaald (time-out).');
    expect(state).toContain('De bron was bij de laatste poging niet bereikbaar.');
  });

  it('says that the last attempts failed, not that nothing was ever fetched, when no recent import succeeded', () => {
    const view = monitorView();
    view.imports = view.imports.map((record) => ({ ...record, status: 'failed', error: 'time-out' }));
    const state = visibleText(sectionById(render(<MonitorPage m={m} view={view} csrf={CSRF} currentYear={2021} />).html, 'stand'));
    expect(state).toContain('De laatste pogingen om cijfers uit open data op te halen zijn mislukt.');
    view.imports = [];
    const empty = visibleText(sectionById(render(<MonitorPage m={m} view={view} csrf={CSRF} currentYear={2021} />).html, 'stand'));
    expect(empty).toContain('Er zijn nog geen cijfers uit open data opgehaald.');
  });

  it('shows a missing latest figure or projection as a dash with one footnote per cause', () => {
    const { html } = page();
    const overview = sectionById(html, 'overzicht');
    expect(rowTexts(overview)[3]).toContain('– geen cijfer voetnoot 1');
    const notes = elements(overview, 'ol').map(visibleText);
    expect(notes).toEqual([
      'Nog niet ingevoerd: deze cijfers worden met de hand of met een bestand ingevoerd. Nog geen prognose: er is nog geen meting.',
    ]);
  });

  it('links each indicator’s theme to the theme’s page', () => {
    const { html } = page();
    const overview = sectionById(html, 'overzicht');
    const theme = plan.themes.find((candidate) => candidate.key === 'prioriteit-1')!;
    expect(overview).toContain(`href="/plannen/${plan.id}/themas/${theme.id}"`);
    expect(html).toContain('>Doelen en activiteiten van Prioriteit 1:');
  });

  it('gives the caveat only where the projection rests on fewer than three measurements', () => {
    const caveat = 'minder dan drie metingen: de lijn is een ruwe schatting';
    expect(visibleText(sectionById(page().html, indicatorAnchor('verward-gedrag')))).toContain(caveat);
    expect(visibleText(sectionById(page().html, indicatorAnchor('meldingen-openbare-ruimte')))).toContain(caveat);
    expect(visibleText(sectionById(page().html, indicatorAnchor('misdrijven')))).not.toContain(caveat);
  });

  it('writes numbers the Dutch way', () => {
    const text = visibleText(sectionById(page().html, indicatorAnchor('meldingen-openbare-ruimte')));
    expect(text).toContain('1.234');
    expect(text).toContain('1.300 in 2020');
  });

  it('shows a qualitative theme as not yet assessed, or with its current assessment', () => {
    expect(visibleText(sectionById(page().html, 'thema-prioriteit-2'))).toContain('Nog niet beoordeeld.');
    const assessed = visibleText(
      sectionById(
        render(<MonitorPage m={m} view={monitorView(undefined, true)} csrf={CSRF} currentYear={2021} />).html,
        'thema-prioriteit-2',
      ),
    );
    expect(assessed).toContain('Oordeel over 2021 → Op koers');
    expect(assessed).toContain('De informatiepositie is op orde');
    expect(assessed).toContain('Eerdere beoordelingen');
    expect(assessed).toContain('2020 ! Aandacht Het ondermijningsbeeld is nog onvolledig.');
  });

  it('shows anonymous visitors everything readable but no forms', () => {
    const { html, text } = page();
    expect(html).not.toContain('<form');
    expect(html).not.toContain('name="_csrf"');
    expect(text).not.toContain('Vernieuw cijfers');
    expect(text).not.toContain('Sjabloon downloaden');
  });

  it('gives editors the forms, each with the CSRF field', () => {
    const { html, text } = render(<MonitorPage m={m} view={monitorView({ edit: true, refresh: true })} csrf={CSRF} currentYear={2021} />);
    const forms = elements(html, 'form');
    expect(forms).toHaveLength(3);
    for (const form of forms) expect(form).toContain(`<input type="hidden" name="_csrf" value="${CSRF}"/>`);
    expect(forms[0]).toContain('action="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/themas/prioriteit-2/beoordeling"');
    expect(forms[1]).toContain('action="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/vernieuwen"');
    expect(visibleText(forms[1]!)).toBe('Vernieuw cijfers');
    expect(forms[2]).toContain('enctype="multipart/form-data"');
    expect(forms[2]).toContain('accept=".csv,.xlsx"');
    expect(forms[2]).toMatch(/<label class="utrecht-form-label" for="bestand">Bestand met metingen<\/label>/);
    expect(html).toContain('href="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/sjabloon.csv"');
    expect(html).toContain('href="/plannen/6f1c1a52-3d1e-4b7a-9a43-0f5c2b7f6e01/monitor/sjabloon.xlsx"');
    expect(text).toContain('47022NED 4 maart 2024 om 10:15 3 maart 2024 1.234 nieuw, 5 herzien, 0 vervallen geen');
    expect(text).toContain('03759ned 4 maart 2024 om 10:14 30 juni 2023 ongewijzigd geen');
  });

  it('names each table whose latest fetch failed, with its cause and the indicators that need it', () => {
    const base = monitorView({ edit: false, refresh: true });
    const cause = 'TableInfos van 99999ned (opendata): niet gevonden (HTTP 404); bestaat de tabel op deze dienst?';
    const view = {
      ...base,
      imports: [
        {
          tableCode: '99999ned',
          startedAt: '2024-03-04T09:16:00Z',
          modified: null,
          status: 'failed' as const,
          unchanged: false,
          rowsNew: 0,
          rowsChanged: 0,
          rowsRemoved: 0,
          error: cause,
        },
        ...base.imports,
      ],
      failures: [
        {
          service: 'opendata' as const,
          tableCode: '99999ned',
          failedAt: '2024-03-04T09:16:00Z',
          message: cause,
          indicators: [{ key: 'misdrijven', name: 'Totaal misdrijven per 1.000 inwoners' }],
        },
      ],
    };
    const text = visibleText(sectionById(render(<MonitorPage m={m} view={view} csrf={CSRF} currentYear={2021} />).html, 'vernieuwen'));
    expect(text).toContain('Deze tabellen konden de laatste keer niet worden opgehaald.');
    expect(text).toContain(
      `Tabel 99999ned, 4 maart 2024 om 10:16: ${cause} Cijfers van deze tabel zijn nodig voor: Totaal misdrijven per 1.000 inwoners.`,
    );
    expect(text).toContain(`99999ned 4 maart 2024 om 10:16 onbekend mislukt ${cause}`);
  });

  it('shows only the refresh form to someone who may refresh but not edit', () => {
    const { html } = render(<MonitorPage m={m} view={monitorView({ edit: false, refresh: true })} csrf={CSRF} currentYear={2021} />);
    expect(elements(html, 'form')).toHaveLength(1);
    expect(html).not.toContain('multipart/form-data');
  });

  it('lists every problem of a refused file with its row and column', () => {
    const upload = {
      message: 'Het bestand metingen.csv is niet ingelezen: er zijn 3 problemen',
      problems: [
        { path: 'rij 3, kolom waarde', message: "rij 3, kolom waarde: 'abc' is geen getal." },
        { path: 'rij 5', message: "rij 5: de indicator 'onbekend' hoort niet bij dit plan." },
        { path: 'metingen.csv', message: 'het bestand is leeg.' },
      ],
    };
    const { html, text } = render(
      <MonitorPage m={m} view={monitorView({ edit: true, refresh: false })} csrf={CSRF} currentYear={2021} upload={upload} />,
    );
    expect(titleOf(html)).toMatch(/^Fout: Monitor/);
    expect(text).toContain('Het bestand metingen.csv is niet ingelezen: er zijn 3 problemen. Er is niets opgeslagen.');
    const summary = elements(html, 'div').find((candidate) => candidate.includes('koers-error-summary')) ?? '';
    expect(summary).toContain('role="alert"');
    expect(rowTexts(html).filter((row) => /^(Rij|3 |5 |hele)/.test(row))).toEqual([
      'Rij Kolom Wat is er mis',
      "3 waarde rij 3, kolom waarde: 'abc' is geen getal.",
      "5 hele rij rij 5: de indicator 'onbekend' hoort niet bij dit plan.",
      'hele bestand hele bestand het bestand is leeg.',
    ]);
    expect(html).toContain('aria-invalid="true"');
  });

  it('shows an assessment form again with its problems beside the fields and the text kept', () => {
    const assessment = {
      themeKey: 'prioriteit-2',
      values: { jaar: 'twintig', oordeel: 'on_course', tekst: 'Goed op weg.' },
      problems: [{ path: 'jaar', message: '“twintig” is geen jaartal. Schrijf bijvoorbeeld 2021.' }],
    };
    const { html } = render(
      <MonitorPage m={m} view={monitorView({ edit: true, refresh: false })} csrf={CSRF} currentYear={2021} assessment={assessment} />,
    );
    expect(html).toContain('href="#beoordeling-prioriteit-2-jaar"');
    expect(html).toMatch(/id="beoordeling-prioriteit-2-jaar-fout">“twintig” is geen jaartal/);
    expect(html).toMatch(/id="beoordeling-prioriteit-2-jaar" name="jaar" type="text" value="twintig"/);
    expect(html).toContain('<option value="on_course" selected="">Op koers</option>');
    expect(html).toContain('Goed op weg.</textarea>');
  });

  it('shows a notice after a redirect', () => {
    expect(page({ notice: 'De beoordeling is opgeslagen.' }).html).toMatch(/role="status"[\s\S]*De beoordeling is opgeslagen\./);
  });
});

describe('fileProblemRows', () => {
  it('reads row and column back from the place the service names', () => {
    expect(
      fileProblemRows([
        { path: 'rij 12, kolom noemer', message: 'a' },
        { path: 'kolom G', message: 'b' },
        { path: 'rij 2', message: 'c' },
        { path: 'data.xlsx', message: 'd' },
      ]),
    ).toEqual([
      { row: 12, column: 'noemer', reason: 'a' },
      { row: null, column: 'G', reason: 'b' },
      { row: 2, column: null, reason: 'c' },
      { row: null, column: null, reason: 'd' },
    ]);
  });
});
