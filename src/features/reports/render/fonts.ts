/**
 * The fonts every generated document embeds: Noto Sans (regular, bold and
 * italic) from the @fontsource package the web app already serves, so a
 * report looks the same on every machine and a PDF/A carries its fonts.
 * The package holds WOFF files; the rasteriser of chart images wants plain
 * TrueType, which `woffToSfnt` unpacks (WOFF 1.0 is an sfnt with each table
 * zlib-compressed).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { inflateSync } from 'node:zlib';

export type FontStyle = 'regular' | 'bold' | 'italic';

export const FONT_FAMILY = 'Noto Sans';

const FILES: Record<FontStyle, string> = {
  regular: 'noto-sans-latin-400-normal.woff',
  bold: 'noto-sans-latin-700-normal.woff',
  italic: 'noto-sans-latin-400-italic.woff',
};

let fontDirectory: string | undefined;
const woffCache = new Map<FontStyle, Buffer>();
const sfntCache = new Map<FontStyle, Uint8Array>();

function directory(): string {
  fontDirectory ??= join(dirname(createRequire(import.meta.url).resolve('@fontsource/noto-sans/package.json')), 'files');
  return fontDirectory;
}

/** The font as WOFF, as the package ships it. */
function woffFont(style: FontStyle): Buffer {
  let font = woffCache.get(style);
  if (!font) {
    font = readFileSync(join(directory(), FILES[style]));
    woffCache.set(style, font);
  }
  return font;
}

/** The font as TrueType (sfnt), unpacked once per process: pdfkit and the chart rasteriser read it. */
export function trueTypeFont(style: FontStyle): Uint8Array {
  let font = sfntCache.get(style);
  if (!font) {
    font = woffToSfnt(woffFont(style));
    sfntCache.set(style, font);
  }
  return font;
}

/** Unpacks a WOFF 1.0 file into the sfnt (TrueType or OpenType) it wraps. */
export function woffToSfnt(woff: Uint8Array): Uint8Array {
  const input = Buffer.from(woff.buffer, woff.byteOffset, woff.byteLength);
  if (input.readUInt32BE(0) !== 0x774f4646) throw new Error('geen WOFF-bestand');
  const flavor = input.readUInt32BE(4);
  const numTables = input.readUInt16BE(12);
  const tables: { tag: number; checksum: number; data: Buffer }[] = [];
  for (let index = 0; index < numTables; index++) {
    const entry = 44 + index * 20;
    const tag = input.readUInt32BE(entry);
    const offset = input.readUInt32BE(entry + 4);
    const compressedLength = input.readUInt32BE(entry + 8);
    const originalLength = input.readUInt32BE(entry + 12);
    const checksum = input.readUInt32BE(entry + 16);
    const stored = input.subarray(offset, offset + compressedLength);
    const data = compressedLength < originalLength ? inflateSync(stored) : Buffer.from(stored);
    if (data.length !== originalLength) throw new Error('WOFF-tabel heeft een onverwachte lengte');
    tables.push({ tag, checksum, data });
  }
  let searchRange = 1;
  let entrySelector = 0;
  while (searchRange * 2 <= numTables) {
    searchRange *= 2;
    entrySelector++;
  }
  const headerLength = 12 + numTables * 16;
  const padded = (length: number) => (length + 3) & ~3;
  const total = headerLength + tables.reduce((sum, table) => sum + padded(table.data.length), 0);
  const output = Buffer.alloc(total);
  output.writeUInt32BE(flavor, 0);
  output.writeUInt16BE(numTables, 4);
  output.writeUInt16BE(searchRange * 16, 6);
  output.writeUInt16BE(entrySelector, 8);
  output.writeUInt16BE(numTables * 16 - searchRange * 16, 10);
  let offset = headerLength;
  tables.forEach((table, index) => {
    const entry = 12 + index * 16;
    output.writeUInt32BE(table.tag, entry);
    output.writeUInt32BE(table.checksum, entry + 4);
    output.writeUInt32BE(offset, entry + 8);
    output.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(output, offset);
    offset += padded(table.data.length);
  });
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}
