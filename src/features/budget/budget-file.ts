/**
 * The budget as a file to fill in and read back: CSV (semicolons, UTF-8 with
 * a byte order mark) or an Excel workbook, one row per amount, by the stable
 * key of its theme or activity. Reading checks the whole file first: one bad
 * row refuses it all, with every row, column and reason; rows that say what
 * the current line says already are skipped.
 */
import writeXlsxFile from 'write-excel-file/node';
import { formatEuros, MAX_CENTS, MoneyError, parseEuros } from '../../domain/money.js';
import type { Plan } from '../../domain/plan.js';
import { unsafeTextReason } from '../../domain/text.js';
import { type Cell, cellText, columnLetter, describeCell, isEmptyRow } from '../measurements/measurement-cells.js';
import { readSheetFile } from '../measurements/sheet-file.js';
import type { BudgetKind, BudgetSource } from './budget.repository.js';
import type { BudgetView } from './budget.service.js';

export const BUDGET_FILE_COLUMNS = ['voor', 'sleutel', 'naam', 'jaar', 'soort', 'bron', 'bedrag', 'toelichting'] as const;
type Column = (typeof BUDGET_FILE_COLUMNS)[number];
export const BUDGET_FILE_LIMITS = { maxBytes: 5 * 1024 * 1024, maxRows: 10_000 };

const KINDS: Record<string, BudgetKind> = { gepland: 'planned', gerealiseerd: 'realised', gevraagd: 'requested' };
const KIND_NAMES: Record<BudgetKind, string> = { planned: 'gepland', realised: 'gerealiseerd', requested: 'gevraagd' };
const SOURCES: readonly BudgetSource[] = ['programmabegroting', 'ivp-budget', 'extern', 'subsidie'];

export interface BudgetFileRow {
  row: number;
  themeKey: string | null;
  activityKey: string | null;
  year: number;
  kind: BudgetKind;
  source: BudgetSource;
  amountCents: number;
  note: string;
}

export type BudgetFileProblem = { row: number | null; column: string | null; reason: string };
export type BudgetFileResult = { ok: true; rows: BudgetFileRow[]; unchanged: number } | { ok: false; problems: BudgetFileProblem[] };

function fileRows(view: BudgetView): string[][] {
  return view.lines.map((line) => [
    line.activity ? 'activiteit' : 'thema',
    line.activity ? line.activity.key : line.theme.key,
    line.activity ? line.activity.name : line.theme.name,
    String(line.year),
    KIND_NAMES[line.kind],
    line.source,
    formatEuros(line.amountCents).replace(/^€\s*/, ''),
    line.note,
  ]);
}

export function budgetCsv(view: BudgetView): string {
  const quote = (field: string) => (/[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  const lines = [BUDGET_FILE_COLUMNS.join(';'), ...fileRows(view).map((row) => row.map(quote).join(';'))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function budgetXlsx(view: BudgetView): Promise<Uint8Array> {
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });
  const text = (value: string) => ({ value, type: String, format: '@' });
  const wrapped = (value: string) => ({ value, type: String, wrap: true });
  const explanation = [
    [bold('Begroting invullen')],
    [
      wrapped(
        'Elke rij is een bedrag voor een thema of activiteit, een jaar, een soort en een bron. Een nieuw bedrag vervangt het huidige met dezelfde vier; het oude blijft bewaard. Is één rij niet in orde, dan wordt het hele bestand geweigerd, met een lijst van alle fouten.',
      ),
    ],
    [],
    [bold('Kolom'), bold('Wat vult u in')],
    [text('voor'), wrapped('thema of activiteit')],
    [text('sleutel'), wrapped('De sleutel van het thema of de activiteit, zoals prioriteit-1 of buurtbemiddeling.')],
    [text('naam'), wrapped('Ter informatie; wat hier staat, wordt niet gelezen.')],
    [text('jaar'), wrapped(`Een jaar van het plan: ${view.plan.periodStart} tot en met ${view.plan.periodEnd}.`)],
    [
      text('soort'),
      wrapped('gepland, gerealiseerd of gevraagd (extra geld gevraagd in een begrotingsronde; dan is de toelichting verplicht).'),
    ],
    [text('bron'), wrapped(SOURCES.join(', '))],
    [text('bedrag'), wrapped('In euro’s, zoals 12.500 of 1.234,56.')],
    [text('toelichting'), wrapped('Waarvoor het geld is; bij gevraagd de onderbouwing.')],
  ];
  const buffer = await writeXlsxFile([
    {
      sheet: 'Begroting',
      data: [BUDGET_FILE_COLUMNS.map(bold), ...fileRows(view).map((row) => row.map(text))],
      stickyRowsCount: 1,
      columns: [{ width: 12 }, { width: 40 }, { width: 50 }, { width: 8 }, { width: 14 }, { width: 20 }, { width: 16 }, { width: 60 }],
    },
    { sheet: 'Toelichting', data: explanation, columns: [{ width: 16 }, { width: 90 }] },
  ]).toBuffer();
  return new Uint8Array(buffer);
}

export async function parseBudgetFile(file: { name: string; bytes: Uint8Array }, plan: Plan, view: BudgetView): Promise<BudgetFileResult> {
  const read = await readSheetFile(file, BUDGET_FILE_LIMITS.maxBytes);
  if (!read.ok) return { ok: false, problems: [{ row: read.row, column: null, reason: read.reason }] };
  const rows = read.table.rows;
  const headerIndex = rows.findIndex((cells) => !isEmptyRow(cells));
  if (headerIndex === -1) return { ok: false, problems: [{ row: null, column: null, reason: `Het bestand '${file.name}' is leeg.` }] };
  const problems: BudgetFileProblem[] = [];
  const columns = new Map<Column, number>();
  (rows[headerIndex] as Cell[]).forEach((cell, index) => {
    const title = cellText(cell).toLowerCase();
    if (title === '') return;
    const known = BUDGET_FILE_COLUMNS.find((column) => column === title);
    if (!known)
      problems.push({
        row: headerIndex + 1,
        column: columnLetter(index),
        reason: `Rij ${headerIndex + 1}, kolom ${columnLetter(index)}: '${cellText(cell)}' is geen kolom van dit bestand (${BUDGET_FILE_COLUMNS.join(', ')})`,
      });
    else columns.set(known, index);
  });
  for (const required of ['voor', 'sleutel', 'jaar', 'soort', 'bron', 'bedrag'] as const) {
    if (!columns.has(required))
      problems.push({ row: headerIndex + 1, column: null, reason: `Rij ${headerIndex + 1}: de kolom '${required}' ontbreekt` });
  }
  if (problems.length > 0) return { ok: false, problems };
  const data = rows
    .slice(headerIndex + 1)
    .map((cells, index) => ({ row: headerIndex + 2 + index, cells }))
    .filter(({ cells }) => !isEmptyRow(cells));
  if (data.length > BUDGET_FILE_LIMITS.maxRows) {
    return {
      ok: false,
      problems: [{ row: null, column: null, reason: `Het bestand heeft ${data.length} rijen; hoogstens ${BUDGET_FILE_LIMITS.maxRows}.` }],
    };
  }
  const themes = new Set(plan.themes.map((theme) => theme.key));
  const activities = new Set(
    plan.themes.flatMap((theme) => theme.workstreams.flatMap((workstream) => workstream.activities.map((activity) => activity.key))),
  );
  const current = new Map(
    view.lines.map((line) => [
      `${line.activity ? `activiteit:${line.activity.key}` : `thema:${line.theme.key}`}/${line.year}/${line.kind}/${line.source}`,
      line,
    ]),
  );
  const seen = new Map<string, number>();
  const result: BudgetFileRow[] = [];
  let unchanged = 0;
  for (const { row, cells } of data) {
    const before = problems.length;
    const report = (column: Column, message: string) => problems.push({ row, column, reason: `Rij ${row}, kolom '${column}': ${message}` });
    const cell = (column: Column): Cell => {
      const index = columns.get(column);
      return index === undefined ? null : (cells[index] ?? null);
    };
    const target = cellText(cell('voor')).toLowerCase();
    const key = cellText(cell('sleutel'));
    if (target !== 'thema' && target !== 'activiteit') report('voor', `${describeCell(cell('voor'))}: schrijf thema of activiteit`);
    else if (!(target === 'thema' ? themes : activities).has(key))
      report('sleutel', `${describeCell(cell('sleutel'))} is geen ${target} van dit plan`);
    const yearText = cellText(cell('jaar'));
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || year < plan.periodStart || year > plan.periodEnd) {
      report('jaar', `${describeCell(cell('jaar'))} is geen jaar van het plan (${plan.periodStart} tot en met ${plan.periodEnd})`);
    }
    const kind = KINDS[cellText(cell('soort')).toLowerCase()];
    if (!kind) report('soort', `${describeCell(cell('soort'))}: kies gepland, gerealiseerd of gevraagd`);
    const source = SOURCES.find((candidate) => candidate === cellText(cell('bron')).toLowerCase());
    if (!source) report('bron', `${describeCell(cell('bron'))}: kies uit ${SOURCES.join(', ')}`);
    const amountCell = cell('bedrag');
    let amountCents = 0;
    if (typeof amountCell === 'number') {
      amountCents = Math.round(amountCell * 100);
      if (
        !Number.isSafeInteger(amountCents) ||
        amountCents < 0 ||
        amountCents > MAX_CENTS ||
        Math.abs(amountCell * 100 - amountCents) > 1e-6
      ) {
        report('bedrag', `${describeCell(amountCell)} is geen bedrag van 0 of meer in hele centen`);
      }
    } else {
      try {
        amountCents = parseEuros(cellText(amountCell));
      } catch (error) {
        if (!(error instanceof MoneyError)) throw error;
        report('bedrag', error.message);
      }
    }
    const note = cellText(cell('toelichting'));
    const unsafe = unsafeTextReason(note);
    if (unsafe) report('toelichting', `de toelichting ${unsafe}`);
    if (note.length > 2000) report('toelichting', 'hoogstens 2000 tekens');
    if (kind === 'requested' && !note) report('toelichting', 'onderbouw het verzoek om extra geld');
    if (problems.length > before || !kind || !source) continue;
    const identity = `${target}:${key}/${year}/${kind}/${source}`;
    const earlier = seen.get(identity);
    if (earlier !== undefined) {
      report('sleutel', `dit bedrag (zelfde ${target}, jaar, soort en bron) staat ook al in rij ${earlier}`);
      continue;
    }
    seen.set(identity, row);
    const now = current.get(identity);
    if (now && now.amountCents === amountCents && now.note === note) {
      unchanged++;
      continue;
    }
    result.push({
      row,
      themeKey: target === 'thema' ? key : null,
      activityKey: target === 'activiteit' ? key : null,
      year,
      kind,
      source,
      amountCents,
      note,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows: result, unchanged };
}
