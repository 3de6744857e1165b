/**
 * Reading numbers and periods from the cells of a measurement file: Dutch-style numbers (parseDutchNumber),
 * the period, the value and the optional numerator and denominator, each with its problem for the user.
 */
import { type Period, PeriodError, parsePeriod } from '../../domain/periods.js';
import { type UnitOf, valueRangeProblem } from '../../domain/units.js';
import { type Cell, cellText, describeCell, formatDutchNumber, isEmptyCell, lowerFirst, type Report } from './measurement-cells.js';

export function readPeriodCell(cell: Cell, report: Report): Period | null {
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
export function readValue(cell: Cell, unitOf: UnitOf | null, report: Report): number | 'suppressed' | null | undefined {
  const unit = unitOf?.unit ?? null;
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
  if (unitOf === null) return value;
  const problem = valueRangeProblem(value, unitOf, formatDutchNumber(value));
  if (problem) {
    report('waarde', problem);
    return undefined;
  }
  return value;
}

/** An optional number (teller, noemer): null when empty, undefined when wrong (a problem has been reported). */
export function readOptionalNumber(cell: Cell, column: 'teller' | 'noemer', report: Report): number | null | undefined {
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
