/**
 * Cells as read from an uploaded measurement file (CSV or .xlsx), and the small helpers that show them and
 * numbers the Dutch way in the messages for the user.
 */

/** A cell as read from either format; CSV gives only text and null. */
export type Cell = string | number | boolean | Date | null;

export interface Table {
  /** rows[i] is the row a spreadsheet shows as number i + 1. */
  rows: Cell[][];
}

export type Report = (column: string | null, message: string) => void;

/** 'Het jaar ...' becomes 'het jaar ...', to follow 'Rij 3, kolom 'periode': '. */
export function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

export function cellText(cell: Cell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return `${cell.getUTCDate()}-${cell.getUTCMonth() + 1}-${cell.getUTCFullYear()}`;
  if (typeof cell === 'number') return formatDutchNumber(cell);
  if (typeof cell === 'boolean') return cell ? 'WAAR' : 'ONWAAR';
  return cell.trim();
}

export function isEmptyCell(cell: Cell): boolean {
  return cellText(cell) === '';
}

export function isEmptyRow(cells: readonly Cell[]): boolean {
  return cells.every(isEmptyCell);
}

export function describeCell(cell: Cell): string {
  if (cell instanceof Date) return `de datum ${cellText(cell)}`;
  return `'${cellText(cell)}'`;
}

/** 'A' for the first column, 'AA' for the 27th, as a spreadsheet names them. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** A number the Dutch way, without rounding: 1.234,5. */
export function formatDutchNumber(value: number): string {
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${value < 0 ? '-' : ''}${grouped}${fraction === undefined ? '' : `,${fraction}`}`;
}

export function formatMegabytes(bytes: number): string {
  const megabytes = Math.round((bytes / (1024 * 1024)) * 10) / 10;
  return `${formatDutchNumber(megabytes)} MB`;
}
