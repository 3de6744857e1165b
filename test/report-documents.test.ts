/**
 * The files of a progress report, made from the Maasgouw example with a
 * year's data: the PDF is PDF/A-2a (the checks that stand in for veraPDF),
 * tagged, in Dutch, titled, with bookmarks from the headings and no empty
 * page; DOCX and ODT have real headings, tables and images and open and
 * convert in LibreOffice; the HTML file is one Dutch document with its
 * styles inside; the data annex holds every value. The HTML page is checked
 * with axe-core in e2e/reports.e2e.test.ts.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { type ReportDocument, renderReport } from '../src/features/reports/render/render-report.js';
import { reportOutline } from '../src/features/reports/render/report-outline.js';
import { defaultTexts } from '../src/features/reports/report-texts.js';
import { PROJECT_ROOT } from '../src/project-root.js';
import { createServices } from '../src/server.js';
import {
  convertWithLibreOffice,
  hasLibreOffice,
  hasPoppler,
  pageInk,
  pdfAProblems,
  pdfBookmarks,
  pdfInfo,
  pdfText,
} from './document-checks.js';
import { reportExample } from './report-example.js';
import { createTestDatabase } from './test-database.js';

let handle: DatabaseHandle;
let document: ReportDocument;
const files: Record<string, Uint8Array> = {};

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  const services = createServices(handle);
  const planId = await reportExample(services);
  const model = await services.reports.model(SYSTEM, planId, 2020);
  document = {
    model,
    texts: {
      ...defaultTexts(model),
      introduction: 'Eerste alinea van de inleiding.\n\nTweede alinea, met “aanhalingstekens” & een ampersand <zo>.',
    },
    version: {
      number: 1,
      status: 'definitief',
      reason: '',
      madeBy: 'Olga OOV',
      madeAt: '2021-04-01T10:00:00Z',
      finalisedBy: 'Olga OOV',
      finalisedAt: '2021-04-12T10:00:00Z',
      checksum: null,
    },
  };
  for (const format of ['html', 'pdf', 'docx', 'odt', 'csv', 'json'] as const) files[format] = await renderReport(document, format);
}, 120_000);
afterAll(() => handle.close());

const TITLE = 'Voortgangsrapportage 2020: Integraal Veiligheidsplan 2019-2022';
const text = (bytes: Uint8Array | undefined) => new TextDecoder().decode(bytes);

describe('the PDF', () => {
  it.skipIf(!hasPoppler)('keeps the PDF/A-2a rules veraPDF would check first, and carries language, title and tags', async () => {
    const pdf = files.pdf as Uint8Array;
    expect(await pdfAProblems(pdf)).toEqual([]);
    const { info, xmp } = await pdfInfo(pdf);
    expect(info).toMatchObject({ Title: TITLE, Tagged: 'yes', 'Page size': expect.stringContaining('A4') });
    expect(xmp).toContain('<pdfaid:part>2</pdfaid:part>');
    expect(Buffer.from(pdf).toString('latin1')).toContain('/Lang (nl-NL)');
  });

  it('has a bookmark for every heading', () => {
    const headings = reportOutline(document)
      .blocks.filter((block) => block.kind === 'heading')
      .map((block) => (block.kind === 'heading' ? block.text : ''));
    const bookmarks = pdfBookmarks(files.pdf as Uint8Array);
    // Titles with letters outside ASCII are written as UTF-16 and not read back here; the rest match one to one.
    const ascii = headings.filter((heading) => /^[\x20-\x7e]*$/.test(heading) && !/[()\\]/.test(heading));
    expect(ascii.length).toBeGreaterThan(60);
    expect(bookmarks).toEqual(expect.arrayContaining(ascii));
    expect(bookmarks).toHaveLength(headings.length);
  });

  it.skipIf(!hasPoppler)(
    'reads as the report: headings, the table of indicators, the charts with their text alternative, on pages that are none of them empty',
    async () => {
      const pdf = files.pdf as Uint8Array;
      const words = await pdfText(pdf);
      for (const expected of [
        'Voortgangsrapportage 2020',
        'Samenvatting',
        'Tweede alinea, met “aanhalingstekens” & een ampersand <zo>.',
        'Nulmeting',
        'Bijlage A. Indicatoren voor de jaarrekening',
        'Figuur: totaal woninginbraken (aantal)',
      ]) {
        expect(words.replace(/\s+/g, ' ')).toContain(expected);
      }
      const ink = await pageInk(pdf);
      expect(ink.length).toBeGreaterThan(5);
      for (const [page, share] of ink.entries()) expect(share, `page ${page + 1}`).toBeGreaterThan(0.005);
    },
  );
});

describe('the example report in docs/examples', () => {
  it.skipIf(!hasPoppler)('is a PDF/A of the Maasgouw plan over 2020 that says its figures are made up, with no empty page', async () => {
    const pdf = new Uint8Array(readFileSync(join(PROJECT_ROOT, 'docs', 'examples', 'voortgangsrapportage-maasgouw-2020.pdf')));
    expect(await pdfAProblems(pdf)).toEqual([]);
    const words = (await pdfText(pdf)).replace(/\s+/g, ' ');
    expect(words).toContain('Voortgangsrapportage 2020');
    expect(words).toContain('Het zijn niet de cijfers van Maasgouw.');
    expect(words).toContain('definitief, versie 1');
    const ink = await pageInk(pdf);
    expect(ink.length).toBeGreaterThan(10);
    for (const [page, share] of ink.entries()) expect(share, `page ${page + 1}`).toBeGreaterThan(0.005);
  });
});

describe('the DOCX', () => {
  const parts = () => unzipSync(files.docx as Uint8Array);

  it('has heading styles, tables with a header row, charts as SVG with a PNG and a description, Dutch, and the title', () => {
    const body = text(parts()['word/document.xml']);
    expect(body.match(/<w:pStyle w:val="Heading1"\/>/g)).toHaveLength(1);
    expect(body.match(/<w:pStyle w:val="Heading2"\/>/g)?.length).toBeGreaterThanOrEqual(18);
    expect(body).toContain('<w:tblHeader/>');
    expect(body.match(/<w:tbl>/g)?.length).toBeGreaterThan(10);
    expect(body).toMatch(/<wp:docPr [^>]*descr="Gemeten 2018 tot en met 2020; laatste waarde 63 in 2020/);
    const media = Object.keys(parts()).filter((name) => name.startsWith('word/media/'));
    expect(media.filter((name) => name.endsWith('.svg')).length).toBe(5);
    expect(media.filter((name) => name.endsWith('.png')).length).toBe(5);
    expect(text(parts()['word/styles.xml'])).toContain('w:val="nl-NL"');
    expect(text(parts()['docProps/core.xml'])).toContain(`<dc:title>${TITLE}</dc:title>`);
  });

  it.skipIf(!hasLibreOffice || !hasPoppler)(
    'opens and converts in LibreOffice, with its headings and tables',
    async () => {
      const converted = await convertWithLibreOffice(files.docx as Uint8Array, 'rapport.docx');
      const words = (await pdfText(converted)).replace(/\s+/g, ' ');
      expect(words).toContain('Voortgangsrapportage 2020');
      expect(words).toContain('Bijlage B. Wijzigingen in het uitvoeringsprogramma');
      expect(words).toContain('Nulmeting');
      expect((await pdfInfo(converted)).info.Pages).toMatch(/^\d+$/);
    },
    120_000,
  );
});

describe('the ODT', () => {
  const parts = () => unzipSync(files.odt as Uint8Array);

  it('starts with its mimetype uncompressed, has outline headings, tables with a header row, SVG and PNG images with a title and description, and Dutch', () => {
    const bytes = files.odt as Uint8Array;
    expect(Buffer.from(bytes.subarray(30, 38)).toString('latin1')).toBe('mimetype');
    expect(Buffer.from(bytes.subarray(38, 77)).toString('latin1')).toBe('application/vnd.oasis.opendocument.text');
    const content = text(parts()['content.xml']);
    expect(content.match(/<text:h text:style-name="Heading_20_2" text:outline-level="2">/g)?.length).toBeGreaterThanOrEqual(18);
    expect(content).toContain('<table:table-header-rows>');
    expect(content).toContain('&amp; een ampersand &lt;zo&gt;.');
    expect(content.match(/draw:mime-type="image\/svg\+xml"/g)).toHaveLength(5);
    expect(content).toContain('<svg:title>totaal woninginbraken (aantal)</svg:title>');
    expect(text(parts()['styles.xml'])).toContain('fo:language="nl" fo:country="NL"');
    expect(text(parts()['meta.xml'])).toContain(`<dc:title>${TITLE}</dc:title>`);
    expect(text(parts()['META-INF/manifest.xml'])).toContain('Pictures/grafiek-prioriteit-3-woninginbraken.png');
  });

  it.skipIf(!hasLibreOffice || !hasPoppler)(
    'opens and converts in LibreOffice, with its headings, tables and charts',
    async () => {
      const converted = await convertWithLibreOffice(files.odt as Uint8Array, 'rapport.odt');
      const words = (await pdfText(converted)).replace(/\s+/g, ' ');
      expect(words).toContain('Voortgangsrapportage 2020');
      expect(words).toContain('Bijlage C. Gegevens');
      expect(words).toContain('Figuur: totaal woninginbraken (aantal)');
      const ink = await pageInk(converted);
      for (const [page, share] of ink.entries()) expect(share, `page ${page + 1}`).toBeGreaterThan(0.005);
    },
    120_000,
  );
});

describe('the HTML file and the data', () => {
  it('is one Dutch document with its title, its styles inside, a table of contents and every chart beside its table', () => {
    const html = text(files.html);
    expect(html).toMatch(/^<!DOCTYPE html><html lang="nl">/);
    expect(html).toContain(`<title>${TITLE}</title>`);
    expect(html).toContain('<style>');
    expect(html).not.toMatch(/<link |<script/);
    expect(html).toContain('<a href="#bijlage-gegevens">Bijlage C. Gegevens</a>');
    expect(html.match(/<figure /g)).toHaveLength(5);
    expect(html.match(/<h1 /g)).toHaveLength(1);
  });

  it('lists every value of the report in CSV and JSON alike', () => {
    const csv = text(files.csv)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const json = JSON.parse(text(files.json));
    expect(csv[0]).toBe('soort;sleutel;wat;periode;waarde;eenheid;bron;herkomst');
    expect(csv).toHaveLength(document.model.data.length + 1);
    expect(json.gegevens).toHaveLength(document.model.data.length);
    expect(csv).toContain(csv.find((line) => line.startsWith('meting;misdrijven-per-1000-inwoners;') && line.includes(';2020;27,6;')));
    expect(
      json.gegevens.find(
        (datum: { sleutel: string; periode: string }) => datum.sleutel === 'misdrijven-per-1000-inwoners' && datum.periode === '2020',
      ).waarde,
    ).toBe(27.6);
    expect(json.ontbreekt).toEqual(document.model.missing);
  });
});
