/**
 * Decoding an uploaded CSV file: the text encoding (UTF-8, UTF-16, Windows-1252), the separator and the
 * quoted fields.
 */
import { Buffer } from 'node:buffer';

export function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((byte, index) => bytes[index] === byte);
}

/**
 * Decodes the bytes of a text file: UTF-8 (with or without byte order mark), UTF-16 with a byte order mark
 * (Excel's "Unicode text"), or else Windows-1252 as Excel saves "CSV (gescheiden door lijstscheidingsteken)".
 * Returns null when the bytes are not text.
 */
export function decodeText(bytes: Uint8Array): string | null {
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
export function parseCsv(text: string): { rows: string[][]; unclosedQuoteRow: number | null } {
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
