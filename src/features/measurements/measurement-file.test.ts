/**
 * Tests for reading uploaded measurement files (CSV and .xlsx) and for the templates.
 * Fixtures: a CSV as Excel with Dutch settings saves it (Windows-1252, semicolons, CRLF) and a small
 * .xlsx laid out as Excel writes it (shared strings, a date-formatted cell, a second sheet).
 */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import readXlsxFile, { readSheet } from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import writeXlsxFile, { type SheetData } from 'write-excel-file/node';
import {
  type FileProblem,
  MEASUREMENT_COLUMNS,
  MEASUREMENT_FILE_LIMITS,
  type MeasurementFileIndicator,
  type ParseResult,
  parseDutchNumber,
  parseMeasurementFile,
} from './measurement-file.js';
import { measurementTemplateCsv, measurementTemplateXlsx } from './measurement-template.js';

/** Measured from the baseline year 2017 to the plan's end in 2024. */
const YEARS = { from: 2017, to: 2024 };
const INDICATORS: MeasurementFileIndicator[] = [
  {
    key: 'misdrijven-per-1000-inwoners',
    name: 'Geregistreerde misdrijven per 1.000 inwoners',
    unit: 'per_1000_inhabitants',
    ageBand: null,
    years: YEARS,
  },
  { key: 'woninginbraken', name: 'Woninginbraken', unit: 'count', ageBand: null, years: YEARS },
  { key: 'veiligheidsgevoel', name: 'Rapportcijfer veiligheid in de buurt', unit: 'grade', ageBand: null, years: YEARS },
  { key: 'slachtofferschap', name: 'Slachtofferschap traditionele criminaliteit', unit: 'percentage', ageBand: null, years: YEARS },
  {
    key: 'halt-per-10000-jongeren',
    name: 'Verwijzingen naar Halt per 10.000 jongeren',
    unit: 'per_10000_youths',
    ageBand: { from: 12, to: 17 },
    years: YEARS,
  },
];

const HEADER = 'indicator;periode;waarde;teller;noemer;toelichting';

const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`./fixtures/${name}`, import.meta.url)));
const utf8 = (text: string) => new TextEncoder().encode(text);
const csv = (...lines: string[]) => utf8(`${lines.join('\n')}\n`);
const parse = (bytes: Uint8Array, name = 'metingen.csv') => parseMeasurementFile({ name, bytes }, INDICATORS);

function rowsOf(result: ParseResult) {
  if (!result.ok) throw new Error(`expected rows, got problems:\n${result.problems.map((p) => p.reason).join('\n')}`);
  return result.rows;
}

function problemsOf(result: ParseResult): FileProblem[] {
  if (result.ok) throw new Error('expected problems, got rows');
  return result.problems;
}

async function xlsx(rows: unknown[][]): Promise<Uint8Array> {
  return new Uint8Array(await writeXlsxFile(rows as SheetData, { dateFormat: 'dd-mm-yyyy' }).toBuffer());
}

describe('parseMeasurementFile: CSV', () => {
  it('reads realistic rows with semicolons', async () => {
    const result = await parse(
      csv(
        HEADER,
        'misdrijven-per-1000-inwoners;2019;29,8;;;',
        'woninginbraken;2019-03;6;;;',
        'woninginbraken;2019-K2;.;;;Minder dan 5, niet gepubliceerd',
        'misdrijven-per-1000-inwoners;2020;;1.234;45.551;Waarde volgt uit teller en noemer',
      ),
    );
    expect(result).toEqual({
      ok: true,
      format: 'csv',
      rows: [
        {
          row: 2,
          indicatorKey: 'misdrijven-per-1000-inwoners',
          period: { kind: 'year', year: 2019, number: 0 },
          value: 29.8,
          suppressed: false,
          numerator: null,
          denominator: null,
          note: null,
        },
        {
          row: 3,
          indicatorKey: 'woninginbraken',
          period: { kind: 'month', year: 2019, number: 3 },
          value: 6,
          suppressed: false,
          numerator: null,
          denominator: null,
          note: null,
        },
        {
          row: 4,
          indicatorKey: 'woninginbraken',
          period: { kind: 'quarter', year: 2019, number: 2 },
          value: null,
          suppressed: true,
          numerator: null,
          denominator: null,
          note: 'Minder dan 5, niet gepubliceerd',
        },
        {
          row: 5,
          indicatorKey: 'misdrijven-per-1000-inwoners',
          period: { kind: 'year', year: 2020, number: 0 },
          value: null,
          suppressed: false,
          numerator: 1234,
          denominator: 45551,
          note: 'Waarde volgt uit teller en noemer',
        },
      ],
    });
  });

  it('reads the CSV Excel saves with Dutch settings (Windows-1252, CRLF, quoted fields), skipping the empty row', async () => {
    const rows = rowsOf(await parse(fixture('metingen-excel-windows-1252.csv')));
    expect(rows.map((row) => row.row)).toEqual([2, 3, 4, 6, 7, 8]);
    expect(rows[1]).toMatchObject({ value: 27.1, numerator: 1234, denominator: 45551, note: 'Bron: politie; cijfers herzien' });
    expect(rows[3]).toMatchObject({ period: { kind: 'month', year: 2019, number: 4 }, suppressed: true, note: 'Geheim (< 5) – CBS' });
    expect(rows[4]?.note).toBe('Veiligheidsmonitor: "rapportcijfer"');
    expect(rows[5]?.note).toBe('Café-overlast genoemd, kosten € 1.200');
  });

  it('reads UTF-8 with a byte order mark, commas as separator, and quoted fields with line breaks', async () => {
    const text = [
      'Indicator , Periode,WAARDE,toelichting',
      'woninginbraken,2019,"12","Eerste regel',
      'tweede regel, met ""aanhalingstekens"""',
      'veiligheidsgevoel,2019,"7,1",',
    ].join('\r\n');
    const rows = rowsOf(await parse(utf8(`\uFEFF${text}`)));
    expect(rows).toMatchObject([
      { row: 2, indicatorKey: 'woninginbraken', value: 12, note: 'Eerste regel\r\ntweede regel, met "aanhalingstekens"' },
      { row: 3, indicatorKey: 'veiligheidsgevoel', value: 7.1 },
    ]);
  });

  it('reads tab-separated text, and UTF-16 as Excel saves "Unicode-tekst"', async () => {
    const text = 'indicator\tperiode\twaarde\r\nwoninginbraken\t2019 maart\t6\r\n';
    expect(rowsOf(await parse(utf8(text)))).toMatchObject([{ row: 2, value: 6, period: { kind: 'month', number: 3 } }]);
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(rowsOf(await parse(utf16, 'metingen.txt'))).toMatchObject([{ row: 2, value: 6 }]);
  });

  it('refuses a note with half a UTF-16 character, naming row and column', async () => {
    const text = 'indicator\tperiode\twaarde\ttoelichting\r\nwoninginbraken\t2019\t6\tbijna\ud800\r\n';
    const utf16 = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
    expect(problemsOf(await parse(utf16, 'metingen.txt'))).toEqual([
      {
        row: 2,
        column: 'toelichting',
        reason: expect.stringMatching(/^Rij 2, kolom 'toelichting': de toelichting bevat een half teken \(U\+D800\)/),
      },
    ]);
  });

  it("follows Excel's sep= line and leaves it out of the row numbers", async () => {
    const rows = rowsOf(await parse(csv('sep=,', 'indicator,periode,waarde', 'woninginbraken,2019,"1.234"')));
    expect(rows).toMatchObject([{ row: 2, value: 1234 }]);
  });

  it('matches indicator keys without regard to case and reads StatLine period labels', async () => {
    const rows = rowsOf(await parse(csv(HEADER, 'Woninginbraken;2019 1e kwartaal;6;;;', 'WONINGINBRAKEN;2019MM04;3;;;')));
    expect(rows).toMatchObject([
      { indicatorKey: 'woninginbraken', period: { kind: 'quarter', number: 1 } },
      { indicatorKey: 'woninginbraken', period: { kind: 'month', number: 4 } },
    ]);
  });

  it('accepts a percentage written with its sign', async () => {
    expect(rowsOf(await parse(csv(HEADER, 'slachtofferschap;2019;12,5%;;;')))).toMatchObject([{ value: 12.5 }]);
  });

  it('refuses a quote that is never closed, naming the row where it starts', async () => {
    const problems = problemsOf(await parse(csv(HEADER, 'woninginbraken;2019;6;;;ok', 'woninginbraken;2020;7;;;"niet afgesloten')));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ row: 3 });
    expect(problems[0]?.reason).toContain('Rij 3');
  });
});

describe('parseMeasurementFile: problems per row', () => {
  it('collects every problem in the file, with row and column', async () => {
    const problems = problemsOf(
      await parse(
        csv(
          HEADER,
          'misdrijven-per-1000-inwoners;2019;29,8;;;', // 2: fine
          'inbraken;2019;6;;;', // 3: unknown indicator
          'woninginbraken;2019-13;6;;;', // 4: bad period
          'woninginbraken;2019;zes;;;', // 5: bad number
          'woninginbraken;2020;-3;;;', // 6: negative count
          'slachtofferschap;2019;120;;;', // 7: percentage above 100
          'veiligheidsgevoel;2019;11;;;', // 8: grade above 10
          'misdrijven-per-1000-inwoners;2020;;1.234;0;', // 9: denominator 0
          'misdrijven-per-1000-inwoners;2019;30,1;;;', // 10: same as row 2
          'woninginbraken;2021;;;;', // 11: empty value
          'misdrijven-per-1000-inwoners;2021;;1.234;;', // 12: numerator without denominator
          'woninginbraken;2022;6;3;10;', // 13: numerator and denominator for a count
          ';2023;6;;;', // 14: no indicator
          'veiligheidsgevoel;;7;;;', // 15: no period
          'slachtofferschap;2020;;60;50;', // 16: numerator above denominator for a percentage
          'woninginbraken;2023;x;;;', // 17: CBS sign for secret
          'misdrijven-per-1000-inwoners;2022;.;1.234;45.551;', // 18: suppressed but with numerator and denominator
          'misdrijven-per-1000-inwoners;2023;28;-5;45.551;', // 19: negative numerator
        ),
      ),
    );
    const where = problems.map((problem) => [problem.row, problem.column]);
    expect(where).toEqual([
      [3, 'indicator'],
      [4, 'periode'],
      [5, 'waarde'],
      [6, 'waarde'],
      [7, 'waarde'],
      [8, 'waarde'],
      [9, 'noemer'],
      [10, null],
      [11, 'waarde'],
      [12, 'noemer'],
      [13, null],
      [14, 'indicator'],
      [15, 'periode'],
      [16, 'teller'],
      [17, 'waarde'],
      [18, null],
      [19, 'teller'],
    ]);
    const reason = (row: number) => problems.find((problem) => problem.row === row)?.reason;
    expect(reason(3)).toBe(
      "Rij 3, kolom 'indicator': de indicator 'inbraken' is onbekend. Gebruik de code van een indicator uit het plan, bijvoorbeeld 'misdrijven-per-1000-inwoners'. De codes staan in het sjabloon.",
    );
    expect(reason(4)).toBe("Rij 4, kolom 'periode': '2019-13' noemt maand 13. Een jaar heeft de maanden 1 tot en met 12.");
    expect(reason(5)).toContain("'zes' is geen getal");
    expect(reason(6)).toContain('-3 is negatief');
    expect(reason(7)).toContain('120 ligt niet tussen 0 en 100');
    expect(reason(8)).toContain('11 ligt niet tussen 1 en 10');
    expect(reason(9)).toContain('groter zijn dan 0');
    expect(reason(10)).toBe(
      "Rij 10: indicator 'misdrijven-per-1000-inwoners' met periode 2019 staat ook al in rij 2. Elke indicator mag per periode maar één keer voorkomen; haal een van beide rijen weg.",
    );
    expect(reason(11)).toContain('de waarde is leeg');
    expect(reason(13)).toContain('is een aantal');
    expect(reason(17)).toContain('punt (.)');
    for (const problem of problems) expect(problem.reason).toMatch(/^Rij \d+/);
  });

  it('refuses a period before the baseline year or after the plan, naming the years allowed', async () => {
    const problems = problemsOf(
      await parse(
        csv(HEADER, 'woninginbraken;2016;6;;;', 'woninginbraken;2017;6;;;', 'woninginbraken;2025-03;6;;;', 'woninginbraken;2024-K4;6;;;'),
      ),
    );
    expect(problems).toEqual([
      {
        row: 2,
        column: 'periode',
        reason:
          "Rij 2, kolom 'periode': 2016 ligt voor het jaar van de nulmeting (2017). Metingen van deze indicator gaan over 2017 tot en met 2024.",
      },
      {
        row: 4,
        column: 'periode',
        reason:
          "Rij 4, kolom 'periode': 2025 ligt na het einde van het plan (2024). Metingen van deze indicator gaan over 2017 tot en met 2024.",
      },
    ]);
  });

  it('takes a numerator and denominator for a rate per youths, and names its unit when the value is wrong', async () => {
    expect(rowsOf(await parse(csv(HEADER, 'halt-per-10000-jongeren;2021;;14;1.612;')))).toMatchObject([
      { value: null, numerator: 14, denominator: 1612 },
    ]);
    expect(problemsOf(await parse(csv(HEADER, 'halt-per-10000-jongeren;2021;-2;;;')))[0]?.reason).toBe(
      "Rij 2, kolom 'waarde': -2 is negatief. Een cijfer per 10.000 jongeren van 12 tot en met 17 jaar kan niet kleiner zijn dan 0.",
    );
  });

  it('names the key when the name of an indicator was used', async () => {
    const problems = problemsOf(await parse(csv(HEADER, 'Woninginbraken ;2019;6;;;', 'woninginbraken inbraak;2019;6;;;')));
    expect(problems).toHaveLength(1);
    expect(problems[0]?.reason).not.toContain('naam');
    const byName = problemsOf(await parse(csv(HEADER, 'Rapportcijfer veiligheid in de buurt;2019;7;;;')));
    expect(byName[0]?.reason).toContain("Vul de code in: 'veiligheidsgevoel'");
  });

  it('explains a period that Excel turned into a date', async () => {
    const problems = problemsOf(await parse(csv(HEADER, 'woninginbraken;mrt-19;6;;;', 'woninginbraken;1-3-2019;6;;;')));
    expect(problems.map((problem) => problem.row)).toEqual([2, 3]);
    for (const problem of problems) expect(problem.reason).toContain('datum');
  });

  it('refuses values in a column without a name', async () => {
    const problems = problemsOf(
      await parse(
        csv('indicator;periode;waarde;', 'woninginbraken;2019;6;', 'woninginbraken;2020;7;extra', 'woninginbraken;2021;8;;verder'),
      ),
    );
    expect(problems).toEqual([
      { row: 3, column: 'D', reason: expect.stringContaining("'extra'") },
      { row: 4, column: 'E', reason: expect.stringContaining("'verder'") },
    ]);
  });
});

describe('parseMeasurementFile: the file as a whole', () => {
  it('needs the columns indicator, periode and waarde; teller, noemer and toelichting may be left out', async () => {
    expect(rowsOf(await parse(csv('indicator;periode;waarde', 'woninginbraken;2019;6')))).toHaveLength(1);
    const problems = problemsOf(await parse(csv('indicator;jaar;waarde;bron;waarde', 'woninginbraken;2019;6;CBS;6')));
    expect(problems.map((problem) => problem.column)).toEqual(['B', 'D', 'waarde', 'periode']);
    expect(problems[0]?.reason).toContain("kolomnaam 'jaar' is onbekend");
    expect(problems[2]?.reason).toContain('kolom C en E');
    expect(problems[3]?.reason).toContain("de kolom 'periode' ontbreekt");
  });

  it('says so when the header row is missing', async () => {
    const problems = problemsOf(await parse(csv('woninginbraken;2019;6;;;')));
    expect(problems).toEqual([{ row: 1, column: null, reason: expect.stringContaining('kolomnamen') }]);
  });

  it('refuses an empty file, a file of empty lines and a file with only the header', async () => {
    for (const bytes of [new Uint8Array(), utf8('\uFEFF\r\n;;;\r\n')]) {
      const problems = problemsOf(await parse(bytes));
      expect(problems).toEqual([{ row: null, column: null, reason: expect.stringContaining("'metingen.csv' is leeg") }]);
    }
    expect(problemsOf(await parse(csv(HEADER)))[0]?.reason).toContain('geen metingen');
  });

  it('refuses a file that is too large', async () => {
    const problems = problemsOf(await parse(new Uint8Array(MEASUREMENT_FILE_LIMITS.maxBytes + 1)));
    expect(problems).toEqual([{ row: null, column: null, reason: expect.stringContaining('te groot: 5 MB') }]);
  });

  it('refuses more rows than the limit in one problem', async () => {
    const lines = Array.from(
      { length: MEASUREMENT_FILE_LIMITS.maxRows + 1 },
      (_, index) => `woninginbraken;${1900 + (index % 200)};${index};;;`,
    );
    const problems = problemsOf(await parse(csv(HEADER, ...lines)));
    expect(problems).toEqual([{ row: null, column: null, reason: expect.stringContaining('10.001 rijen') }]);
  });

  it('refuses what is not text, with one clear problem', async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(problemsOf(await parse(png, 'grafiek.csv'))).toEqual([
      { row: null, column: null, reason: expect.stringContaining("'grafiek.csv' is geen CSV-bestand en geen Excel-werkmap") },
    ]);
    const xls = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect(problemsOf(await parse(xls, 'metingen.xls'))[0]?.reason).toContain('oud Excel-bestand (.xls)');
  });

  it('decides the format by content, not by the name', async () => {
    const fromText = await parse(csv(HEADER, 'woninginbraken;2019;6;;;'), 'metingen.xlsx');
    expect(fromText).toMatchObject({ ok: true, format: 'csv' });
    const fromExcel = await parse(
      await xlsx([
        ['indicator', 'periode', 'waarde'],
        ['woninginbraken', 2019, 6],
      ]),
      'metingen.csv',
    );
    expect(fromExcel).toMatchObject({ ok: true, format: 'xlsx' });
  });
});

describe('parseMeasurementFile: Excel', () => {
  it('reads a workbook as Excel writes it: shared strings, numeric cells, a date cell as the month, text numbers', async () => {
    const result = await parse(fixture('metingen-excel.xlsx'), 'metingen-excel.xlsx');
    expect(result).toMatchObject({ ok: true, format: 'xlsx' });
    expect(rowsOf(result)).toEqual([
      expect.objectContaining({
        row: 2,
        indicatorKey: 'misdrijven-per-1000-inwoners',
        period: { kind: 'year', year: 2019, number: 0 },
        value: 29.8,
      }),
      expect.objectContaining({ row: 3, indicatorKey: 'woninginbraken', period: { kind: 'month', year: 2019, number: 3 }, value: 6 }),
      expect.objectContaining({ row: 5, period: { kind: 'quarter', year: 2019, number: 1 }, value: 7.2, note: 'Bron: Veiligheidsmonitor' }),
      expect.objectContaining({ row: 6, value: null, numerator: 1234, denominator: 45551 }),
    ]);
  });

  it('reports problems with the row numbers Excel shows', async () => {
    const bytes = await xlsx([
      [],
      ['indicator', 'periode', 'waarde', 'toelichting'],
      ['woninginbraken', new Date(Date.UTC(2019, 2, 15)), 6, null],
      ['woninginbraken', 2019.5, '6,5', null],
      [],
      ['veiligheidsgevoel', '2019', '.', 42],
      ['veiligheidsgevoel', 2020, true, null],
    ]);
    const problems = problemsOf(await parse(bytes, 'metingen.xlsx'));
    expect(problems.map((problem) => [problem.row, problem.column])).toEqual([
      [3, 'periode'],
      [4, 'periode'],
      [7, 'waarde'],
    ]);
    expect(problems[0]?.reason).toContain('15-3-2019');
  });

  it('refuses a damaged workbook and a zip that is not a workbook', async () => {
    const damaged = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...utf8('kapot')]);
    expect(problemsOf(await parse(damaged, 'kapot.xlsx'))[0]?.reason).toContain('kan niet worden gelezen');
    const other = storedZip([['word/document.xml', utf8('<w:document/>')]]);
    expect(problemsOf(await parse(other, 'brief.xlsx'))[0]?.reason).toContain('geen Excel-werkmap');
    const ods = storedZip([
      ['mimetype', utf8('application/vnd.oasis.opendocument.spreadsheet')],
      ['content.xml', utf8('<office:document-content/>')],
    ]);
    expect(problemsOf(await parse(ods, 'metingen.ods'))[0]?.reason).toContain('OpenDocument');
  });

  it('refuses a small workbook that unpacks into a huge one', async () => {
    const bomb = storedZip([['xl/workbook.xml', new Uint8Array(60 * 1024 * 1024)]], { deflate: true, declaredSize: 100 });
    expect(bomb.length).toBeLessThan(MEASUREMENT_FILE_LIMITS.maxBytes);
    expect(problemsOf(await parse(bomb, 'bom.xlsx'))[0]?.reason).toContain('uitgepakt groter dan 50 MB');
  });
});

describe('parseDutchNumber', () => {
  it.each([
    ['30', 30],
    ['30,5', 30.5],
    ['23.712', 23712],
    ['1.234,5', 1234.5],
    ['1.234.567', 1234567],
    ['30.5', 30.5],
    ['0.25', 0.25],
    ['0.125', 0.125],
    ['1234.567', 1234.567],
    ['-3', -3],
    ['−2,5', -2.5],
    ['+4', 4],
  ])('reads %j as %d', (text, value) => {
    expect(parseDutchNumber(text)).toBe(value);
  });

  it.each(['', '.', 'zes', '1,2,3', '1.23,4', '12.34.5', '1,234.5', '1 234', '1E3', ',5', '30,', '12%'])('refuses %j', (text) => {
    expect(parseDutchNumber(text)).toBeNull();
  });
});

describe('templates', () => {
  const indicators = INDICATORS.slice(0, 2);

  it('writes a CSV template for Excel: BOM, semicolons, CRLF, one row per indicator per year', () => {
    expect(measurementTemplateCsv(indicators, [2019, 2020])).toBe(
      `\uFEFF${[
        HEADER,
        'misdrijven-per-1000-inwoners;2019;;;;',
        'misdrijven-per-1000-inwoners;2020;;;;',
        'woninginbraken;2019;;;;',
        'woninginbraken;2020;;;;',
      ].join('\r\n')}\r\n`,
    );
  });

  it('reads a filled-in CSV template back', async () => {
    const template = measurementTemplateCsv(indicators, [2019, 2020]);
    const unfilled = problemsOf(await parse(utf8(template)));
    expect(unfilled.map((problem) => [problem.row, problem.column])).toEqual([
      [2, 'waarde'],
      [3, 'waarde'],
      [4, 'waarde'],
      [5, 'waarde'],
    ]);
    const values = ['29,8', '27,1', '312', '.'];
    let index = 0;
    const filled = template.replace(/;;;;\r\n/g, () => `;${values[index++]};;;\r\n`);
    expect(rowsOf(await parse(utf8(filled)))).toMatchObject([
      { row: 2, value: 29.8 },
      { row: 3, value: 27.1 },
      { row: 4, value: 312 },
      { row: 5, value: null, suppressed: true },
    ]);
  });

  it('writes an Excel template with the sheets Metingen and Toelichting', async () => {
    const bytes = await measurementTemplateXlsx(indicators, [2019]);
    expect(bytes).toBeInstanceOf(Uint8Array);
    const sheets = await readXlsxFile(Buffer.from(bytes));
    expect(sheets.map((sheet) => sheet.sheet)).toEqual(['Metingen', 'Toelichting']);
    expect(sheets[0]?.data).toEqual([
      [...MEASUREMENT_COLUMNS],
      ['misdrijven-per-1000-inwoners', '2019', null, null, null, null],
      ['woninginbraken', '2019', null, null, null, null],
    ]);
    const explanation = sheets[1]?.data.flat().filter((cell) => typeof cell === 'string') ?? [];
    for (const column of MEASUREMENT_COLUMNS) expect(explanation).toContain(column);
    expect(explanation).toContain('woninginbraken');
    expect(explanation).toContain('per 1.000 inwoners');
    const youths = await readXlsxFile(Buffer.from(await measurementTemplateXlsx(INDICATORS.slice(4), [2019])));
    expect(youths[1]?.data.flat()).toContain('per 10.000 jongeren van 12 tot en met 17 jaar');
  });

  it('reads a filled-in Excel template back', async () => {
    const template = await measurementTemplateXlsx(indicators, [2019, 2020]);
    const data = await readSheet(Buffer.from(template));
    const filled = data.map((cells, index) => (index === 0 ? cells : [cells[0], cells[1], index * 10.5, null, null, `rij ${index + 1}`]));
    const rows = rowsOf(await parse(await xlsx(filled), 'ingevuld.xlsx'));
    expect(rows).toHaveLength(4);
    expect(rows[3]).toMatchObject({
      row: 5,
      indicatorKey: 'woninginbraken',
      period: { kind: 'year', year: 2020, number: 0 },
      value: 42,
      note: 'rij 5',
    });
  });

  it('refuses a year outside 1900-2100', () => {
    expect(() => measurementTemplateCsv(indicators, [1850])).toThrow('1900');
  });
});

/** A minimal zip archive (no checksums; the reader is stopped before it would check them). */
function storedZip(entries: [string, Uint8Array][], options: { deflate?: boolean; declaredSize?: number } = {}): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = options.deflate ? deflateRawSync(content) : Buffer.from(content);
    const nameBytes = Buffer.from(name);
    const size = options.declaredSize ?? content.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(options.deflate ? 8 : 0, 8);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(options.deflate ? 8 : 0, 10);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, data);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}
