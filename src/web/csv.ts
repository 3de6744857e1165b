/**
 * Tables as CSV files that Dutch Excel opens as they are: semicolons between
 * fields, a decimal comma and no thousands separator, UTF-8 with a byte order
 * mark, lines ending in CRLF. Text that Excel would take for a formula gets a
 * leading apostrophe, so a downloaded file cannot run anything.
 */
import type { Context } from 'hono';

export type CsvValue = string | number | null;

const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6, useGrouping: false });

function field(value: CsvValue): string {
  if (value === null) return '';
  if (typeof value === 'number') return numberFormat.format(value);
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv(columns: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [columns, ...rows].map((row) => row.map(field).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** The CSV as a download named `fileName`; like the page it comes from, never kept by a shared cache. */
export function csvDownload(c: Context, fileName: string, csv: string): Response {
  return c.body(csv, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${fileName.replace(/[^A-Za-z0-9._-]/g, '-')}"`,
    'Cache-Control': 'private, no-store',
  });
}
