/**
 * Reading an uploaded file of measurements (CSV or Excel .xlsx) into rows, and
 * the empty templates to fill in. A file is refused whole when any row is bad;
 * the problems then list every bad row and column in plain Dutch, so a policy
 * officer can fix them all in one go. Pure code: no database, no HTTP.
 */
import { formatPeriod, type Period } from '../../domain/periods.js';
import { type MeasurementYears, measurementYearProblem } from '../../domain/plan-years.js';
import { unsafeTextReason } from '../../domain/text.js';
import { type AgeBand, type IndicatorUnit, ratioProblem } from '../../domain/units.js';
import {
  type Cell,
  cellText,
  columnLetter,
  describeCell,
  formatDutchNumber,
  formatMegabytes,
  isEmptyCell,
  isEmptyRow,
  type Report,
  type Table,
} from './measurement-cells.js';
import { readOptionalNumber, readPeriodCell, readValue } from './measurement-numbers.js';
import { decodeText, parseCsv, startsWith } from './measurement-text.js';
import { readXlsx } from './measurement-xlsx.js';

export { parseDutchNumber } from './measurement-numbers.js';

export interface MeasurementFileIndicator {
  key: string;
  name: string;
  unit: IndicatorUnit;
  ageBand: AgeBand | null;
  /** The years the indicator takes measurements for (see plan-years.ts). */
  years: MeasurementYears;
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
    const value = readValue(cell('waarde'), indicator, report);
    const numerator = readOptionalNumber(cell('teller'), 'teller', report);
    const denominator = readOptionalNumber(cell('noemer'), 'noemer', report);
    const noteText = cellText(cell('toelichting'));
    const note = noteText === '' ? null : noteText;
    const noteProblem = unsafeTextReason(noteText);
    if (noteProblem) report('toelichting', `de toelichting ${noteProblem}.`);

    if (numerator !== undefined && denominator !== undefined) checkRatio(value, numerator, denominator, indicator, report);

    if (indicator && period) {
      const outside = measurementYearProblem(period.year, indicator.years);
      if (outside) report('periode', outside);
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
  const notARatio = hasRatio && indicator ? ratioProblem(indicator.key, indicator) : null;
  if (notARatio) {
    report(null, notARatio);
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
      'de waarde is leeg. Vul een getal in, of een punt (.) als de bron het cijfer niet publiceert. Bij cijfers per 1.000 of 10.000 inwoners of jongeren en bij percentages mag u in plaats daarvan teller en noemer invullen.',
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
