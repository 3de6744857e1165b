/**
 * Reading an uploaded file of measurements (CSV or Excel .xlsx) into rows, and
 * the empty templates to fill in. A file is refused whole when any row is bad;
 * the problems then list every bad row and column in plain Dutch, so a policy
 * officer can fix them all in one go. Pure code: no database, no HTTP.
 */
import { Buffer } from 'node:buffer';
import { inflateRawSync } from 'node:zlib';
import { readSheet } from 'read-excel-file/node';
import writeXlsxFile from 'write-excel-file/node';
import { formatPeriod, type Period, PeriodError, parsePeriod } from '../../domain/periods.js';
import type { IndicatorUnit } from '../plans/plan.types.js';

export interface MeasurementFileIndicator {
  key: string;
  name: string;
  unit: IndicatorUnit;
}

export interface MeasurementRow {
  /** 1-based row number in the file as a spreadsheet shows it. */
  row: number;
  indicatorKey: string;
  period: Period;
  /**
   * Null when the source suppressed the figure (`suppressed`), or when the row gives only a numerator
   * and denominator: the service derives the value from those (per 1,000 inhabitants or percentage).
   */
  value: number | null;
  suppressed: boolean;
  numerator: number | null;
  denominator: number | null;
  note: string | null;
}

export interface FileProblem {
  /** 1-based row as a spreadsheet shows it; null for the file as a whole. */
  row: number | null;
  /** One of MEASUREMENT_COLUMNS, or a column letter ('G') for a column that is not one of them. */
  column: string | null;
  /** Dutch, for the user; says what is wrong and where (row and column), so it can be shown on its own. */
  reason: string;
}

export type ParseResult = { ok: true; rows: MeasurementRow[]; format: 'csv' | 'xlsx' } | { ok: false; problems: FileProblem[] };

export const MEASUREMENT_FILE_LIMITS: { maxBytes: number; maxRows: number } = {
  maxBytes: 5 * 1024 * 1024,
  maxRows: 10_000,
};

export const MEASUREMENT_COLUMNS: readonly string[] = ['indicator', 'periode', 'waarde', 'teller', 'noemer', 'toelichting'];

type ColumnName = 'indicator' | 'periode' | 'waarde' | 'teller' | 'noemer' | 'toelichting';

const REQUIRED_COLUMNS: readonly ColumnName[] = ['indicator', 'periode', 'waarde'];

/**
 * An .xlsx file is a zip archive; this is how large its contents may be once unpacked. It keeps a small
 * upload that unpacks into gigabytes (a "zip bomb") away from the spreadsheet reader. 10,000 rows of
 * measurements take a few MB.
 */
const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/** A cell as read from either format; CSV gives only text and null. */
type Cell = string | number | boolean | Date | null;

interface Table {
  /** rows[i] is the row a spreadsheet shows as number i + 1. */
  rows: Cell[][];
}

const UNIT_LABELS: Record<IndicatorUnit, string> = {
  count: 'aantal',
  per_1000_inhabitants: 'per 1.000 inwoners',
  percentage: 'percentage',
  grade: 'rapportcijfer',
};

const UNIT_RANGES: Record<IndicatorUnit, string> = {
  count: '0 of meer',
  per_1000_inhabitants: '0 of meer',
  percentage: '0 tot en met 100',
  grade: '1 tot en met 10',
};

/** Units whose value is a ratio, so a numerator and denominator can go with it. */
const RATIO_UNITS: readonly IndicatorUnit[] = ['per_1000_inhabitants', 'percentage'];

// ---------------------------------------------------------------------------
// Reading a file
// ---------------------------------------------------------------------------

export async function parseMeasurementFile(
  file: { name: string; bytes: Uint8Array },
  indicators: readonly MeasurementFileIndicator[],
): Promise<ParseResult> {
  const { bytes } = file;
  const name = `'${file.name}'`;
  const fail = (reason: string): ParseResult => ({ ok: false, problems: [{ row: null, column: null, reason }] });

  if (bytes.length === 0) return fail(`Het bestand ${name} is leeg.`);
  if (bytes.length > MEASUREMENT_FILE_LIMITS.maxBytes) {
    return fail(
      `Het bestand ${name} is te groot: ${formatMegabytes(bytes.length)}. Een bestand mag hoogstens ${formatMegabytes(MEASUREMENT_FILE_LIMITS.maxBytes)} zijn. Verdeel de metingen over meer bestanden.`,
    );
  }

  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const table = await readXlsx(bytes, name);
    return typeof table === 'string' ? fail(table) : parseTable(table, indicators, 'xlsx', name);
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fail(
      `Het bestand ${name} is een oud Excel-bestand (.xls) of een Excel-bestand met een wachtwoord. Sla het in Excel op als Excel-werkmap (.xlsx) zonder wachtwoord, of als CSV, en probeer het opnieuw.`,
    );
  }
  const text = decodeText(bytes);
  if (text === null) {
    return fail(
      `Het bestand ${name} is geen CSV-bestand en geen Excel-werkmap (.xlsx). Sla de metingen op als .xlsx of als CSV en probeer het opnieuw.`,
    );
  }
  const csv = parseCsv(text);
  if (csv.unclosedQuoteRow !== null) {
    return {
      ok: false,
      problems: [
        {
          row: csv.unclosedQuoteRow,
          column: null,
          reason: `Rij ${csv.unclosedQuoteRow}: hier begint een tekst tussen aanhalingstekens (") die niet wordt afgesloten. Daardoor is de rest van het bestand niet te lezen. Voeg het sluitende aanhalingsteken toe.`,
        },
      ],
    };
  }
  return parseTable({ rows: csv.rows }, indicators, 'csv', name);
}

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/** Checks the header and every row of a table, from either format. */
function parseTable(table: Table, indicators: readonly MeasurementFileIndicator[], format: 'csv' | 'xlsx', name: string): ParseResult {
  const headerIndex = table.rows.findIndex((cells) => !isEmptyRow(cells));
  if (headerIndex === -1) {
    return {
      ok: false,
      problems: [{ row: null, column: null, reason: `Het bestand ${name} is leeg: er staan geen kolomnamen en geen metingen in.` }],
    };
  }

  const header = readHeader(table.rows[headerIndex]!, headerIndex + 1);
  if (header.problems.length > 0) return { ok: false, problems: header.problems };

  const dataRows: { row: number; cells: Cell[] }[] = [];
  for (let index = headerIndex + 1; index < table.rows.length; index++) {
    const cells = table.rows[index]!;
    if (!isEmptyRow(cells)) dataRows.push({ row: index + 1, cells });
  }
  if (dataRows.length === 0) {
    return {
      ok: false,
      problems: [
        { row: null, column: null, reason: `Het bestand ${name} bevat geen metingen: onder de kolomnamen staan geen ingevulde rijen.` },
      ],
    };
  }
  if (dataRows.length > MEASUREMENT_FILE_LIMITS.maxRows) {
    return {
      ok: false,
      problems: [
        {
          row: null,
          column: null,
          reason: `Het bestand ${name} bevat ${formatDutchNumber(dataRows.length)} rijen met metingen. Dat zijn er te veel: hoogstens ${formatDutchNumber(MEASUREMENT_FILE_LIMITS.maxRows)} per bestand. Verdeel de metingen over meer bestanden.`,
        },
      ],
    };
  }

  // Cells outside these columns (under an empty header cell, or right of the header) must be empty.
  const named = new Set(header.columns.values());
  const byKey = new Map(indicators.map((indicator) => [indicator.key.toLowerCase(), indicator]));
  const problems: FileProblem[] = [];
  const rows: MeasurementRow[] = [];
  const firstRowOf = new Map<string, number>();

  for (const { row, cells } of dataRows) {
    const problemsBefore = problems.length;
    const report = (column: string | null, message: string) =>
      problems.push({ row, column, reason: column === null ? `Rij ${row}: ${message}` : `Rij ${row}, kolom '${column}': ${message}` });
    const cell = (column: ColumnName): Cell => {
      const index = header.columns.get(column);
      return index === undefined ? null : (cells[index] ?? null);
    };

    cells.forEach((content, index) => {
      if (!named.has(index) && !isEmptyCell(content)) {
        report(
          columnLetter(index),
          `hier staat ${describeCell(content)}, maar de kolom heeft geen naam. Zet de waarde in de goede kolom of haal hem weg.`,
        );
      }
    });

    const indicator = readIndicator(cell('indicator'), byKey, indicators, report);
    const period = readPeriodCell(cell('periode'), report);
    const value = readValue(cell('waarde'), indicator?.unit ?? null, report);
    const numerator = readOptionalNumber(cell('teller'), 'teller', report);
    const denominator = readOptionalNumber(cell('noemer'), 'noemer', report);
    const noteText = cellText(cell('toelichting'));
    const note = noteText === '' ? null : noteText;

    if (numerator !== undefined && denominator !== undefined) checkRatio(value, numerator, denominator, indicator, report);

    if (indicator && period) {
      const key = `${indicator.key}\u0000${formatPeriod(period)}`;
      const first = firstRowOf.get(key);
      if (first === undefined) firstRowOf.set(key, row);
      else {
        report(
          null,
          `indicator '${indicator.key}' met periode ${formatPeriod(period)} staat ook al in rij ${first}. Elke indicator mag per periode maar één keer voorkomen; haal een van beide rijen weg.`,
        );
      }
    }

    if (
      problems.length === problemsBefore &&
      indicator &&
      period &&
      value !== undefined &&
      numerator !== undefined &&
      denominator !== undefined
    ) {
      // An empty value with a numerator and denominator stays null here: the service derives it
      // (numerator / denominator × 1,000 or × 100, by the unit), so the rule lives in one place.
      rows.push({
        row,
        indicatorKey: indicator.key,
        period,
        value: value === 'suppressed' || value === null ? null : value,
        suppressed: value === 'suppressed',
        numerator,
        denominator,
        note,
      });
    }
  }

  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, format };
}

type Report = (column: string | null, message: string) => void;

/** Maps our column names to their index; empty header cells are allowed (nothing may stand below them). */
function readHeader(cells: Cell[], row: number): { columns: Map<ColumnName, number>; problems: FileProblem[] } {
  const columns = new Map<ColumnName, number>();
  const problems: FileProblem[] = [];
  const allowed = `De kolommen heten: ${MEASUREMENT_COLUMNS.join(', ')}.`;

  cells.forEach((cell, index) => {
    const text = cellText(cell).toLowerCase();
    if (text === '') return;
    if (!MEASUREMENT_COLUMNS.includes(text)) {
      problems.push({
        row,
        column: columnLetter(index),
        reason: `Rij ${row}, kolom ${columnLetter(index)}: de kolomnaam '${cellText(cell)}' is onbekend. ${allowed}`,
      });
      return;
    }
    const name = text as ColumnName;
    const earlier = columns.get(name);
    if (earlier !== undefined) {
      problems.push({
        row,
        column: name,
        reason: `Rij ${row}: de kolom '${name}' staat er twee keer in (kolom ${columnLetter(earlier)} en ${columnLetter(index)}). Haal één van beide weg.`,
      });
      return;
    }
    columns.set(name, index);
  });

  if (columns.size === 0) {
    // Probably no header at all: one clear problem instead of one per cell.
    const reason = `Rij ${row}: hier horen de kolomnamen te staan, maar er staat geen enkele bekende kolomnaam. De eerste rij moet de kolomnamen bevatten: indicator, periode en waarde, en eventueel teller, noemer en toelichting.`;
    return { columns, problems: [{ row, column: null, reason }] };
  }
  for (const required of REQUIRED_COLUMNS) {
    if (!columns.has(required)) {
      problems.push({
        row,
        column: required,
        reason: `Rij ${row}: de kolom '${required}' ontbreekt. De eerste rij moet de kolomnamen bevatten: indicator, periode en waarde, en eventueel teller, noemer en toelichting.`,
      });
    }
  }
  return { columns, problems };
}

function readIndicator(
  cell: Cell,
  byKey: ReadonlyMap<string, MeasurementFileIndicator>,
  indicators: readonly MeasurementFileIndicator[],
  report: Report,
): MeasurementFileIndicator | null {
  const text = cellText(cell);
  if (text === '') {
    report('indicator', 'de indicator is leeg. Vul de code van de indicator in.');
    return null;
  }
  const indicator = byKey.get(text.toLowerCase());
  if (indicator) return indicator;
  const byName = indicators.find((candidate) => candidate.name.trim().toLowerCase() === text.toLowerCase());
  if (byName) {
    report('indicator', `'${text}' is de naam van een indicator. Vul de code in: '${byName.key}'.`);
  } else {
    const example = indicators[0] ? ` bijvoorbeeld '${indicators[0].key}'` : '';
    report(
      'indicator',
      `de indicator '${text}' is onbekend. Gebruik de code van een indicator uit het plan,${example}. De codes staan in het sjabloon.`,
    );
  }
  return null;
}

function readPeriodCell(cell: Cell, report: Report): Period | null {
  const examples = 'Schrijf een jaar (2019), een kwartaal (2019-K1) of een maand (2019-03).';
  if (isEmptyCell(cell)) {
    report('periode', `de periode is leeg. ${examples}`);
    return null;
  }
  if (cell instanceof Date) {
    // Excel turns a typed '2019-03' or 'mrt 2019' into the date 1 March 2019; read that as the month.
    const shown = `${cell.getUTCDate()}-${cell.getUTCMonth() + 1}-${cell.getUTCFullYear()}`;
    if (cell.getUTCDate() === 1) return tryPeriod(`${cell.getUTCFullYear()}-${cell.getUTCMonth() + 1}`, report);
    report('periode', `hier staat de datum ${shown}, maar een periode is geen dag. ${examples}`);
    return null;
  }
  if (typeof cell === 'number') {
    if (Number.isInteger(cell)) return tryPeriod(String(cell), report);
    report('periode', `${formatDutchNumber(cell)} is geen periode. ${examples}`);
    return null;
  }
  const text = cellText(cell);
  // What Excel makes of '2019-03' when it saves a CSV: 'mrt-19', or a full date.
  if (/^[a-z]{3}-\d{2}$/i.test(text) || /^\d{1,2}-\d{1,2}-\d{4}$|^\d{4}-\d{1,2}-\d{1,2}$/.test(text)) {
    report(
      'periode',
      `'${text}' is geen periode; Excel heeft de periode waarschijnlijk in een datum veranderd. ${examples} Maak de cel in Excel eerst 'Tekst', of gebruik het Excel-sjabloon.`,
    );
    return null;
  }
  return tryPeriod(text, report);
}

function tryPeriod(text: string, report: Report): Period | null {
  try {
    return parsePeriod(text);
  } catch (error) {
    if (!(error instanceof PeriodError)) throw error;
    report('periode', lowerFirst(error.message));
    return null;
  }
}

/**
 * The value: a number, 'suppressed' for exactly '.', null when empty (allowed only with numerator and
 * denominator, checked in checkRatio), or undefined when it is wrong (a problem has been reported).
 */
function readValue(cell: Cell, unit: IndicatorUnit | null, report: Report): number | 'suppressed' | null | undefined {
  if (isEmptyCell(cell)) return null;
  if (typeof cell === 'string' && cell.trim() === '.') return 'suppressed';
  let value: number | null;
  if (typeof cell === 'number') value = cell;
  else if (typeof cell === 'string') {
    // A percentage may carry its sign: '12,5%'.
    const text = cell.trim();
    value = unit === 'percentage' && /^[^%]+\s?%$/.test(text) ? parseDutchNumber(text.replace(/\s?%$/, '')) : parseDutchNumber(text);
  } else value = null;

  if (value === null || !Number.isFinite(value)) {
    report(
      'waarde',
      notANumber(cell, 'Vul een getal in, zoals 29,8 of 1.234. Gebruik een punt (.) als de bron het cijfer niet publiceert.'),
    );
    return undefined;
  }
  if (unit === null) return value;
  const shown = formatDutchNumber(value);
  if ((unit === 'count' || unit === 'per_1000_inhabitants') && value < 0) {
    report(
      'waarde',
      `${shown} is negatief. ${unit === 'count' ? 'Een aantal' : 'Een cijfer per 1.000 inwoners'} kan niet kleiner zijn dan 0.`,
    );
    return undefined;
  }
  if (unit === 'percentage' && (value < 0 || value > 100)) {
    report('waarde', `${shown} ligt niet tussen 0 en 100. Een percentage is 0 tot en met 100; schrijf 12,5 voor 12,5%.`);
    return undefined;
  }
  if (unit === 'grade' && (value < 1 || value > 10)) {
    report('waarde', `${shown} ligt niet tussen 1 en 10. Een rapportcijfer is 1 tot en met 10.`);
    return undefined;
  }
  return value;
}

/** An optional number (teller, noemer): null when empty, undefined when wrong (a problem has been reported). */
function readOptionalNumber(cell: Cell, column: 'teller' | 'noemer', report: Report): number | null | undefined {
  if (isEmptyCell(cell)) return null;
  const value = typeof cell === 'number' ? cell : typeof cell === 'string' ? parseDutchNumber(cell.trim()) : null;
  if (value === null || !Number.isFinite(value)) {
    report(column, notANumber(cell, 'Vul een getal in, zoals 23.712, of laat de cel leeg.'));
    return undefined;
  }
  if (column === 'teller' && value < 0) {
    report(column, `de teller is ${formatDutchNumber(value)}. Een teller kan niet kleiner zijn dan 0.`);
    return undefined;
  }
  if (column === 'noemer' && value <= 0) {
    report(column, `de noemer is ${formatDutchNumber(value)}. Een noemer moet groter zijn dan 0, anders valt er niet door te delen.`);
    return undefined;
  }
  return value;
}

/** How the value, numerator and denominator of one row fit together. */
function checkRatio(
  value: number | 'suppressed' | null | undefined,
  numerator: number | null,
  denominator: number | null,
  indicator: MeasurementFileIndicator | null,
  report: Report,
): void {
  const unit = indicator?.unit ?? null;
  const hasRatio = numerator !== null || denominator !== null;
  if (hasRatio && indicator && !RATIO_UNITS.includes(indicator.unit)) {
    report(
      null,
      `teller en noemer horen alleen bij cijfers per 1.000 inwoners en percentages. De indicator '${indicator.key}' is een ${UNIT_LABELS[indicator.unit]}; laat teller en noemer leeg.`,
    );
    return;
  }
  if (hasRatio && (numerator === null || denominator === null)) {
    report(numerator === null ? 'teller' : 'noemer', 'vul teller en noemer allebei in, of laat ze allebei leeg.');
    return;
  }
  if (value === 'suppressed' && hasRatio) {
    report(
      null,
      'de waarde is een punt (.), dus niet gepubliceerd, maar teller en noemer zijn wel ingevuld. Laat teller en noemer leeg, of vul in plaats van de punt de waarde in.',
    );
    return;
  }
  if (value === null && !hasRatio) {
    report(
      'waarde',
      'de waarde is leeg. Vul een getal in, of een punt (.) als de bron het cijfer niet publiceert. Bij cijfers per 1.000 inwoners en percentages mag u in plaats daarvan teller en noemer invullen.',
    );
    return;
  }
  if (unit === 'percentage' && numerator !== null && denominator !== null && numerator > denominator) {
    report(
      'teller',
      `de teller (${formatDutchNumber(numerator)}) is groter dan de noemer (${formatDutchNumber(denominator)}); dan komt het percentage boven 100.`,
    );
  }
}

function notANumber(cell: Cell, advice: string): string {
  if (typeof cell === 'string' && /^[x*-]$|^\u2013$/i.test(cell.trim())) {
    return `'${cell.trim()}' is geen getal. Vul het cijfer in; gebruik een punt (.) als de bron het cijfer niet publiceert.`;
  }
  return `${describeCell(cell)} is geen getal. ${advice}`;
}

/**
 * Reads a number as StatLine exports it and Dutch people type it. Returns null when the text is not one.
 * - A comma is the decimal separator: '30,5'. Dots before it separate thousands, in groups of three: '1.234,5'.
 * - Without a comma, dots are thousands separators when they can be: '23.712' is 23712, '1.234.567' is 1234567.
 * - A single dot that cannot separate thousands is a decimal point: '30.5', '0.25' and '0.125' (no number of
 *   thousands starts with 0), '1234.5'. So a decimal point is only read as such when it is unambiguous;
 *   '12.345' is always twelve thousand three hundred forty-five.
 * - An optional sign in front ('-', '+', or the minus sign '−'). No spaces, no exponent ('1E3').
 */
export function parseDutchNumber(text: string): number | null {
  const match = /^([+\-\u2212]?)(.+)$/.exec(text.trim());
  if (!match) return null;
  const sign = match[1] === '' || match[1] === '+' ? 1 : -1;
  const body = match[2]!;
  let plain: string | null = null;
  if (/^\d+$/.test(body)) plain = body;
  else if (/^\d+,\d+$/.test(body)) plain = body.replace(',', '.');
  else if (/^[1-9]\d{0,2}(\.\d{3})+(,\d+)?$/.test(body)) plain = body.replaceAll('.', '').replace(',', '.');
  else if (/^\d+\.\d+$/.test(body)) plain = body; // one dot that cannot be a thousands separator (see above)
  return plain === null ? null : sign * Number(plain);
}

// ---------------------------------------------------------------------------
// Text and CSV
// ---------------------------------------------------------------------------

/**
 * Decodes the bytes of a text file: UTF-8 (with or without byte order mark), UTF-16 with a byte order mark
 * (Excel's "Unicode text"), or else Windows-1252 as Excel saves "CSV (gescheiden door lijstscheidingsteken)".
 * Returns null when the bytes are not text.
 */
function decodeText(bytes: Uint8Array): string | null {
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) text = Buffer.from(bytes.subarray(2)).toString('utf16le');
  else if (startsWith(bytes, [0xfe, 0xff])) text = Buffer.from(bytes.subarray(2)).swap16().toString('utf16le');
  else if (bytes.includes(0)) return null;
  else if (startsWith(bytes, [0xef, 0xbb, 0xbf])) text = new TextDecoder('utf-8').decode(bytes.subarray(3));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      text = decodeWindows1252(bytes);
    }
  }
  if (text.endsWith('\u001a')) text = text.slice(0, -1); // old DOS end-of-file mark
  // Text has no control characters other than tab and line breaks.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for them is the point
  return /[\u0000-\u0008\u000b-\u000c\u000e-\u001f\u007f]/.test(text) ? null : text;
}

/** Windows-1252 differs from Latin-1 in 0x80-0x9F (€, quotes, dashes); Node's TextDecoder reads it as Latin-1. */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let text = '';
  for (const byte of bytes) text += byte >= 0x80 && byte < 0xa0 ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte);
  return text;
}

/**
 * Splits CSV text into rows of fields. The separator (semicolon, comma or tab) is the one the header line
 * uses most, or the one named by an Excel 'sep=;' line. Fields may be quoted, with "" for a quote inside
 * and line breaks inside; lines end in CRLF, LF or CR. Row i + 1 is the row a spreadsheet shows, counting
 * empty lines but not a 'sep=' line (Excel hides it).
 */
function parseCsv(text: string): { rows: string[][]; unclosedQuoteRow: number | null } {
  let input = text;
  let separator: string | null = null;
  const sepLine = /^sep=([;,\t|])[ \t]*(\r\n|\n|\r|$)/i.exec(input);
  if (sepLine) {
    separator = sepLine[1]!;
    input = input.slice(sepLine[0].length);
  }
  if (separator === null) {
    const headerLine = input.split(/\r\n|\n|\r/).find((line) => line.trim() !== '') ?? '';
    const count = (character: string) => headerLine.split(character).length - 1;
    separator = [';', '\t', ','].reduce((best, candidate) => (count(candidate) > count(best) ? candidate : best));
  }

  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let index = 0;
  let atFieldStart = true;
  let quotedStartRow: number | null = null;

  const endField = () => {
    row.push(field);
    field = '';
    atFieldStart = true;
  };
  const endRow = () => {
    endField();
    rows.push(row);
    row = [];
  };

  while (index < input.length) {
    const character = input[index]!;
    if (atFieldStart && character === '"') {
      // A quoted field: read to the closing quote; "" is a quote inside.
      quotedStartRow = rows.length + 1;
      index++;
      for (;;) {
        if (index >= input.length) return { rows, unclosedQuoteRow: quotedStartRow };
        const inner = input[index]!;
        if (inner === '"') {
          if (input[index + 1] === '"') {
            field += '"';
            index += 2;
            continue;
          }
          index++;
          break;
        }
        field += inner;
        index++;
      }
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (character === separator) {
      endField();
      index++;
    } else if (character === '\r' || character === '\n') {
      endRow();
      index += character === '\r' && input[index + 1] === '\n' ? 2 : 1;
    } else {
      // Text after a closing quote is kept, as Excel does.
      field += character;
      index++;
    }
  }
  if (field !== '' || row.length > 0 || !atFieldStart) endRow();
  return { rows, unclosedQuoteRow: null };
}

// ---------------------------------------------------------------------------
// Excel
// ---------------------------------------------------------------------------

/** The first worksheet as a table, or a Dutch reason why it cannot be read. */
async function readXlsx(bytes: Uint8Array, name: string): Promise<Table | string> {
  const archive = inspectZip(bytes);
  if (archive === 'damaged') return unreadableXlsx(name);
  if (archive === 'too-large') {
    return `Het Excel-bestand ${name} is uitgepakt groter dan ${formatMegabytes(MAX_UNZIPPED_BYTES)}. Zoveel ruimte hebben metingen niet nodig. Kopieer alleen de metingen naar een nieuwe werkmap, of gebruik het sjabloon.`;
  }
  if (!archive.includes('xl/workbook.xml')) {
    if (archive.includes('content.xml')) {
      return `Het bestand ${name} is een OpenDocument-rekenblad (.ods). Sla het op als Excel-werkmap (.xlsx) of als CSV en probeer het opnieuw.`;
    }
    return `Het bestand ${name} is geen Excel-werkmap (.xlsx) en geen CSV-bestand. Sla de metingen op als .xlsx of als CSV en probeer het opnieuw.`;
  }
  try {
    const data = await readSheet(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { rows: data.map((cells) => cells.map(toCell)) };
  } catch {
    return unreadableXlsx(name);
  }
}

function unreadableXlsx(name: string): string {
  return `Het Excel-bestand ${name} kan niet worden gelezen; het is misschien beschadigd. Open het in Excel, sla het opnieuw op als Excel-werkmap (.xlsx) en probeer het nog eens.`;
}

function toCell(value: unknown): Cell {
  if (value instanceof Date || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/**
 * Checks a zip archive before the spreadsheet reader unpacks it: the central directory must be sound, the
 * entries must follow each other without hidden data between them, and together they may unpack to at most
 * MAX_UNZIPPED_BYTES, counted by really inflating them (the sizes in a zip can lie). Returns the entry names.
 */
function inspectZip(bytes: Uint8Array): string[] | 'damaged' | 'too-large' {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  try {
    let end = -1;
    for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
      if (u32(at) === 0x06054b50) {
        end = at;
        break;
      }
    }
    if (end === -1) return 'damaged';
    const count = u16(end + 10);
    const directoryStart = u32(end + 16);
    const entries: { name: string; offset: number; dataStart: number; compressed: number; size: number; method: number; flags: number }[] =
      [];
    let at = directoryStart;
    for (let index = 0; index < count; index++) {
      if (u32(at) !== 0x02014b50) return 'damaged';
      const nameLength = u16(at + 28);
      const offset = u32(at + 42);
      if (u32(offset) !== 0x04034b50) return 'damaged';
      entries.push({
        name: Buffer.from(bytes.subarray(at + 46, at + 46 + nameLength)).toString('utf8'),
        flags: u16(at + 8),
        method: u16(at + 10),
        compressed: u32(at + 20),
        size: u32(at + 24),
        offset,
        dataStart: offset + 30 + u16(offset + 26) + u16(offset + 28),
      });
      at += 46 + nameLength + u16(at + 30) + u16(at + 32);
    }

    let total = 0;
    let expectedOffset = 0;
    for (const entry of entries.sort((a, b) => a.offset - b.offset)) {
      if (entry.offset !== expectedOffset) return 'damaged';
      const data = bytes.subarray(entry.dataStart, entry.dataStart + entry.compressed);
      if (data.length !== entry.compressed) return 'damaged';
      const budget = MAX_UNZIPPED_BYTES - total;
      if (entry.size > budget) return 'too-large';
      let size: number;
      if (entry.method === 0) size = data.length;
      else if (entry.method === 8) {
        try {
          size = inflateRawSync(data, { maxOutputLength: Math.max(1, budget) }).length;
        } catch (error) {
          return (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too-large' : 'damaged';
        }
      } else return 'damaged';
      total += size;
      let next = entry.dataStart + entry.compressed;
      // An optional data descriptor (flag bit 3) follows the data, with or without its signature.
      if (entry.flags & 0x08) next += next + 4 <= bytes.length && u32(next) === 0x08074b50 ? 16 : 12;
      expectedOffset = next;
    }
    if (expectedOffset !== directoryStart) return 'damaged';
    return entries.map((entry) => entry.name);
  } catch {
    return 'damaged';
  }
}

// ---------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------

function templateRows(indicators: readonly MeasurementFileIndicator[], years: readonly number[]): [string, string][] {
  const periods = years.map((year) => formatPeriod({ kind: 'year', year, number: 0 }));
  return indicators.flatMap((indicator) => periods.map((period): [string, string] => [indicator.key, period]));
}

/** A CSV template: the header and one row per indicator per year, with semicolons and UTF-8 with BOM so Excel opens it well. */
export function measurementTemplateCsv(indicators: readonly MeasurementFileIndicator[], years: readonly number[]): string {
  const quoteField = (field: string) => (/[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  const lines = [
    MEASUREMENT_COLUMNS.join(';'),
    ...templateRows(indicators, years).map(([key, period]) => [quoteField(key), period, '', '', '', ''].join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** An Excel template: the sheet 'Metingen' to fill in and the sheet 'Toelichting' explaining the columns. */
export async function measurementTemplateXlsx(
  indicators: readonly MeasurementFileIndicator[],
  years: readonly number[],
): Promise<Uint8Array> {
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });
  const text = (value: string) => ({ value, type: String, format: '@' });
  const wrapped = (value: string) => ({ value, type: String, wrap: true });

  const measurements = [
    MEASUREMENT_COLUMNS.map(bold),
    // The period is a text cell, so Excel leaves '2019-03' alone instead of turning it into a date.
    ...templateRows(indicators, years).map(([key, period]) => [text(key), text(period), null, null, null, null]),
  ];

  const explanation = [
    [bold('Metingen invullen')],
    [
      wrapped(
        'Vul op het blad Metingen per indicator en periode de waarde in. Elke rij is één meting. Is één rij niet in orde, dan wordt het hele bestand geweigerd; u krijgt dan een lijst van alle fouten, met rij en kolom.',
      ),
    ],
    [],
    [bold('Kolom'), bold('Verplicht'), bold('Wat vult u in')],
    [text('indicator'), text('ja'), wrapped('De code van de indicator. De codes staan hieronder.')],
    [
      text('periode'),
      text('ja'),
      wrapped('Een jaar (2019), een kwartaal (2019-K1) of een maand (2019-03). Elke indicator mag per periode maar één keer voorkomen.'),
    ],
    [
      text('waarde'),
      text('ja, tenzij teller en noemer zijn ingevuld'),
      wrapped(
        'Het cijfer, als getal: decimalen met een komma (29,8). Een percentage als getal van 0 tot en met 100 (12,5), niet als Excel-percentage. Vul een punt (.) in als de bron het cijfer niet publiceert.',
      ),
    ],
    [
      text('teller'),
      text('nee'),
      wrapped(
        'Alleen bij cijfers per 1.000 inwoners en percentages: het aantal waarover het cijfer gaat, bijvoorbeeld het aantal misdrijven. Vul teller en noemer allebei in of allebei niet. Laat u de waarde leeg, dan rekent Koers die uit teller en noemer uit.',
      ),
    ],
    [
      text('noemer'),
      text('nee'),
      wrapped('Alleen met een teller: waardoor gedeeld wordt, bijvoorbeeld het aantal inwoners. Groter dan 0.'),
    ],
    [text('toelichting'), text('nee'), wrapped('Een korte opmerking bij het cijfer, bijvoorbeeld de bron of een bijzonderheid.')],
    [],
    [
      wrapped(
        `Lege rijen worden overgeslagen. Een bestand mag hoogstens ${formatDutchNumber(MEASUREMENT_FILE_LIMITS.maxRows)} metingen bevatten en hoogstens ${formatMegabytes(MEASUREMENT_FILE_LIMITS.maxBytes)} groot zijn.`,
      ),
    ],
    [],
    [bold('Code'), bold('Indicator'), bold('Eenheid'), bold('Toegestane waarden')],
    ...indicators.map((indicator) => [
      text(indicator.key),
      wrapped(indicator.name),
      text(UNIT_LABELS[indicator.unit]),
      text(UNIT_RANGES[indicator.unit]),
    ]),
  ];

  const buffer = await writeXlsxFile([
    {
      sheet: 'Metingen',
      data: measurements,
      stickyRowsCount: 1,
      columns: [{ width: 36 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 48 }],
    },
    { sheet: 'Toelichting', data: explanation, columns: [{ width: 36 }, { width: 40 }, { width: 70 }, { width: 20 }] },
  ]).toBuffer();
  return new Uint8Array(buffer);
}

// ---------------------------------------------------------------------------
// Small helpers
// ---------------------------------------------------------------------------

/** 'Het jaar ...' becomes 'het jaar ...', to follow 'Rij 3, kolom 'periode': '. */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return `${cell.getUTCDate()}-${cell.getUTCMonth() + 1}-${cell.getUTCFullYear()}`;
  if (typeof cell === 'number') return formatDutchNumber(cell);
  if (typeof cell === 'boolean') return cell ? 'WAAR' : 'ONWAAR';
  return cell.trim();
}

function isEmptyCell(cell: Cell): boolean {
  return cellText(cell) === '';
}

function isEmptyRow(cells: readonly Cell[]): boolean {
  return cells.every(isEmptyCell);
}

function describeCell(cell: Cell): string {
  if (cell instanceof Date) return `de datum ${cellText(cell)}`;
  return `'${cellText(cell)}'`;
}

/** 'A' for the first column, 'AA' for the 27th, as a spreadsheet names them. */
function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A number the Dutch way, without rounding: 1.234,5. */
function formatDutchNumber(value: number): string {
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
}

function formatMegabytes(bytes: number): string {
  const megabytes = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${formatDutchNumber(megabytes)} MB`;
}
