/**
 * The progress of a period as a file to fill in and read back: CSV (semicolons,
 * UTF-8 with a byte order mark, for Dutch Excel) or an Excel workbook, one row
 * per activity, by its stable key. Reading checks the whole file first: one
 * bad row refuses it all, with every row, column and reason; rows whose
 * status is left empty are skipped (nothing to report), and so are rows that
 * say what the current report says already.
 */
import writeXlsxFile from 'write-excel-file/node';
import { unsafeTextReason } from '../../domain/text.js';
import {
  type Cell,
  cellText,
  columnLetter,
  describeCell,
  formatDutchNumber,
  isEmptyCell,
  isEmptyRow,
  type Table,
} from '../measurements/measurement-cells.js';
import { parseDutchNumber } from '../measurements/measurement-numbers.js';
import { readSheetFile } from '../measurements/sheet-file.js';
import type { ProgressView } from './progress-view.js';

export const PROGRESS_FILE_COLUMNS = [
  'activiteit',
  'naam',
  'thema',
  'status',
  'toelichting',
  'peildatum',
  'gerealiseerd',
  'keren',
] as const;
type Column = (typeof PROGRESS_FILE_COLUMNS)[number];

export const PROGRESS_FILE_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 5_000 };

export interface FileProblem {
  row: number | null;
  column: string | null;
  reason: string;
}

export interface ProgressFileRow {
  row: number;
  activityKey: string;
  status: string;
  note: string;
  asOf: string | null;
  realised: number | null;
  occurrences: number | null;
}

export type ProgressFileResult = { ok: true; rows: ProgressFileRow[]; unchanged: number } | { ok: false; problems: FileProblem[] };

/** The rows of the file: every activity of the view, or those `only` names, with its current report. */
function fileRows(view: ProgressView, only?: ReadonlySet<string>): string[][] {
  return view.rows
    .filter((row) => (only ? only.has(row.activity.key) : true) && (row.state !== 'not_planned' || row.entry !== null))
    .map((row) => [
      row.activity.key,
      row.activity.name,
      row.theme.key,
      row.entry?.statusKey ?? '',
      row.entry?.note ?? '',
      row.entry?.asOf ?? '',
      row.entry?.realised === null || row.entry?.realised === undefined ? '' : formatDutchNumber(row.entry.realised),
      row.entry?.occurrences === null || row.entry?.occurrences === undefined ? '' : String(row.entry.occurrences),
    ]);
}

export function progressCsv(view: ProgressView, only?: ReadonlySet<string>): string {
  const quote = (field: string) => (/[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  const lines = [PROGRESS_FILE_COLUMNS.join(';'), ...fileRows(view, only).map((row) => row.map(quote).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The sheet "Voortgang" to fill in, and "Toelichting" with the columns and the statuses. */
export async function progressXlsx(view: ProgressView, only?: ReadonlySet<string>): Promise<Uint8Array> {
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });
  const text = (value: string) => ({ value, type: String, format: '@' });
  const wrapped = (value: string) => ({ value, type: String, wrap: true });
  const progress = [PROGRESS_FILE_COLUMNS.map(bold), ...fileRows(view, only).map((row) => row.map(text))];
  const explanation = [
    [bold(`Voortgang ${view.period.label} melden`)],
    [
      wrapped(
        'Vul op het blad Voortgang per activiteit de status in, met een toelichting en zo nodig de peildatum, het gerealiseerde aantal en hoe vaak de activiteit plaatsvond. Laat de status leeg bij een activiteit waarover u niets meldt. Is één rij niet in orde, dan wordt het hele bestand geweigerd, met een lijst van alle fouten.',
      ),
    ],
    [],
    [bold('Kolom'), bold('Wat vult u in')],
    [text('activiteit'), wrapped('De sleutel van de activiteit: laat die staan.')],
    [text('naam, thema'), wrapped('Ter informatie; wat hier staat, wordt niet gelezen.')],
    [text('status'), wrapped(`De sleutel van een status: ${view.statuses.map((status) => `${status.key} (${status.label})`).join(', ')}.`)],
    [text('toelichting'), wrapped('Wat er is gedaan of waarom het achterloopt.')],
    [text('peildatum'), wrapped(`Op welke dag de stand gold, zoals ${view.period.end}. Leeg: de dag van inlezen.`)],
    [text('gerealiseerd'), wrapped('Alleen bij een activiteit met een gepland aantal: het aantal tot nu toe.')],
    [text('keren'), wrapped('Alleen bij een activiteit met een vaste frequentie: hoe vaak zij tot nu toe plaatsvond.')],
  ];
  const buffer = await writeXlsxFile([
    {
      sheet: 'Voortgang',
      data: progress,
      stickyRowsCount: 1,
      columns: [{ width: 40 }, { width: 50 }, { width: 16 }, { width: 14 }, { width: 60 }, { width: 12 }, { width: 12 }, { width: 8 }],
    },
    { sheet: 'Toelichting', data: explanation, columns: [{ width: 16 }, { width: 90 }] },
  ]).toBuffer();
  return new Uint8Array(buffer);
}

/** Reads a filled-in file against the view it is for (the period, its activities and statuses). */
export async function parseProgressFile(file: { name: string; bytes: Uint8Array }, view: ProgressView): Promise<ProgressFileResult> {
  const read = await readSheetFile(file, PROGRESS_FILE_LIMITS.maxBytes);
  if (!read.ok) return { ok: false, problems: [{ row: read.row, column: null, reason: read.reason }] };
  return readTable(read.table, view, `'${file.name}'`);
}

function readTable(table: Table, view: ProgressView, name: string): ProgressFileResult {
  const headerIndex = table.rows.findIndex((cells) => !isEmptyRow(cells));
  if (headerIndex === -1) return { ok: false, problems: [{ row: null, column: null, reason: `Het bestand ${name} is leeg.` }] };
  const columns = new Map<Column, number>();
  const problems: FileProblem[] = [];
  (table.rows[headerIndex] as Cell[]).forEach((cell, index) => {
    const title = cellText(cell).toLowerCase();
    if (title === '') return;
    const known = PROGRESS_FILE_COLUMNS.find((column) => column === title);
    if (!known)
      problems.push({
        row: headerIndex + 1,
        column: columnLetter(index),
        reason: `Rij ${headerIndex + 1}, kolom ${columnLetter(index)}: '${cellText(cell)}' is geen kolom van dit bestand (${PROGRESS_FILE_COLUMNS.join(', ')})`,
      });
    else if (columns.has(known))
      problems.push({
        row: headerIndex + 1,
        column: columnLetter(index),
        reason: `Rij ${headerIndex + 1}: de kolom '${known}' staat er twee keer in`,
      });
    else columns.set(known, index);
  });
  for (const required of ['activiteit', 'status'] as const) {
    if (!columns.has(required))
      problems.push({ row: headerIndex + 1, column: null, reason: `Rij ${headerIndex + 1}: de kolom '${required}' ontbreekt` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const dataRows = table.rows
    .slice(headerIndex + 1)
    .map((cells, index) => ({ row: headerIndex + 2 + index, cells }))
    .filter(({ cells }) => !isEmptyRow(cells));
  if (dataRows.length > PROGRESS_FILE_LIMITS.maxRows) {
    return {
      ok: false,
      problems: [
        {
          row: null,
          column: null,
          reason: `Het bestand ${name} heeft ${formatDutchNumber(dataRows.length)} rijen; hoogstens ${formatDutchNumber(PROGRESS_FILE_LIMITS.maxRows)}.`,
        },
      ],
    };
  }
  const byKey = new Map(view.rows.map((row) => [row.activity.key, row]));
  const statuses = new Set(view.statuses.map((status) => status.key));
  const seen = new Map<string, number>();
  const rows: ProgressFileRow[] = [];
  let unchanged = 0;
  for (const { row, cells } of dataRows) {
    const report = (column: Column | null, message: string) =>
      problems.push({ row, column, reason: column === null ? `Rij ${row}: ${message}` : `Rij ${row}, kolom '${column}': ${message}` });
    const cell = (column: Column): Cell => {
      const index = columns.get(column);
      return index === undefined ? null : (cells[index] ?? null);
    };
    const key = cellText(cell('activiteit'));
    const status = cellText(cell('status')).toLowerCase();
    if (status === '') continue; // Nothing reported on this activity.
    const activity = byKey.get(key);
    if (!activity) {
      report(
        'activiteit',
        key ? `${describeCell(cell('activiteit'))} is geen activiteit van dit plan` : 'de sleutel van de activiteit ontbreekt',
      );
      continue;
    }
    const earlier = seen.get(key);
    if (earlier !== undefined) report('activiteit', `${key} staat ook al in rij ${earlier}`);
    seen.set(key, row);
    if (!statuses.has(status))
      report('status', `${describeCell(cell('status'))} is geen status van dit plan; kies uit ${[...statuses].join(', ')}`);
    const note = cellText(cell('toelichting'));
    const unsafe = unsafeTextReason(note);
    if (unsafe) report('toelichting', `de toelichting ${unsafe}`);
    if (note.length > 10_000) report('toelichting', 'hoogstens 10.000 tekens');
    const asOfCell = cell('peildatum');
    let asOf: string | null = null;
    if (asOfCell instanceof Date) asOf = asOfCell.toISOString().slice(0, 10);
    else if (!isEmptyCell(asOfCell)) {
      const typed = cellText(asOfCell);
      const dutch = /^(\d{1,2})-(\d{1,2})-(\d{4})$/.exec(typed);
      asOf = dutch ? `${dutch[3]}-${(dutch[2] as string).padStart(2, '0')}-${(dutch[1] as string).padStart(2, '0')}` : typed;
      if (!/^\d{4}-\d{2}-\d{2}$/.test(asOf) || Number.isNaN(Date.parse(`${asOf}T00:00:00Z`)))
        report('peildatum', `${describeCell(asOfCell)} is geen datum; schrijf 2019-12-31 of 31-12-2019`);
    }
    const number = (column: 'gerealiseerd' | 'keren'): number | null => {
      const value = cell(column);
      if (isEmptyCell(value)) return null;
      const parsed = typeof value === 'number' ? value : parseDutchNumber(cellText(value));
      if (parsed === null || !Number.isFinite(parsed) || parsed < 0) {
        report(column, `${describeCell(value)} is geen getal van 0 of meer`);
        return null;
      }
      return parsed;
    };
    const realised = number('gerealiseerd');
    if (realised !== null && !activity.activity.quantity) report('gerealiseerd', `${activity.activity.name} heeft geen gepland aantal`);
    const occurrences = number('keren');
    if (occurrences !== null && (!Number.isInteger(occurrences) || activity.expectedOccurrences === null)) {
      report(
        'keren',
        activity.expectedOccurrences === null ? `${activity.activity.name} heeft geen vaste frequentie` : 'moet een heel getal zijn',
      );
    }
    const current = activity.entry;
    if (
      current &&
      current.statusKey === status &&
      current.note === note &&
      (asOf === null || current.asOf === asOf) &&
      current.realised === realised &&
      current.occurrences === occurrences
    ) {
      unchanged++;
      continue;
    }
    rows.push({ row, activityKey: key, status, note, asOf, realised, occurrences });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows, unchanged };
}
