/**
 * Reading an uploaded Excel workbook (.xlsx): checking the zip archive before unpacking it, and reading the
 * first worksheet as a table.
 */
import { Buffer } from 'node:buffer';
import { inflateRawSync } from 'node:zlib';
import { readSheet } from 'read-excel-file/node';
import { type Cell, formatMegabytes, type Table } from './measurement-cells.js';

/**
 * An .xlsx file is a zip archive; this is how large its contents may be once unpacked. It keeps a small
 * upload that unpacks into gigabytes (a "zip bomb") away from the spreadsheet reader. 10,000 rows of
 * measurements take a few MB.
 */
const MAX_UNZIPPED_BYTES = 50 * 1024 * 1024;

/** The first worksheet as a table, or a Dutch reason why it cannot be read. */
export async function readXlsx(bytes: Uint8Array, name: string): Promise<Table | string> {
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
