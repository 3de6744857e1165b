/**
 * Reading an uploaded sheet, CSV or Excel workbook (.xlsx), into a table of
 * cells: the checks every upload shares (empty, too large, an old .xls, an
 * unclosed quote), each said in Dutch with the file's name. The measurement,
 * progress and budget files each check their own columns and rows after it.
 */
import { formatMegabytes, type Table } from './measurement-cells.js';
import { decodeText, parseCsv, startsWith } from './measurement-text.js';
import { readXlsx } from './measurement-xlsx.js';

export type SheetRead = { ok: true; table: Table } | { ok: false; row: number | null; reason: string };

export async function readSheetFile(file: { name: string; bytes: Uint8Array }, maxBytes: number): Promise<SheetRead> {
  const name = `'${file.name}'`;
  const fail = (reason: string, row: number | null = null): SheetRead => ({ ok: false, row, reason });
  if (file.bytes.length === 0) return fail(`Het bestand ${name} is leeg.`);
  if (file.bytes.length > maxBytes) {
    return fail(
      `Het bestand ${name} is te groot: ${formatMegabytes(file.bytes.length)}. Een bestand mag hoogstens ${formatMegabytes(maxBytes)} zijn.`,
    );
  }
  if (startsWith(file.bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const read = await readXlsx(file.bytes, name);
    return typeof read === 'string' ? fail(read) : { ok: true, table: read };
  }
  if (startsWith(file.bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return fail(
      `Het bestand ${name} is een oud Excel-bestand (.xls) of heeft een wachtwoord. Sla het op als Excel-werkmap (.xlsx) zonder wachtwoord, of als CSV.`,
    );
  }
  const text = decodeText(file.bytes);
  if (text === null) return fail(`Het bestand ${name} is geen CSV-bestand en geen Excel-werkmap (.xlsx).`);
  const csv = parseCsv(text);
  if (csv.unclosedQuoteRow !== null) {
    return fail(`Rij ${csv.unclosedQuoteRow}: een tekst tussen aanhalingstekens (") wordt niet afgesloten.`, csv.unclosedQuoteRow);
  }
  return { ok: true, table: { rows: csv.rows } };
}
