/**
 * Amounts of money: always whole euro cents (a safe integer), never a
 * floating-point number of euros. Read the way people in the Netherlands
 * write them ("€ 12.500", "1.234,56", "750,-") and shown the same way.
 */

export class MoneyError extends Error {}

/** The largest amount Koers takes: a thousand million euros, well within exact integers. */
export const MAX_CENTS = 100_000_000_000;

/**
 * Cents from an amount as typed: an optional euro sign, dots between
 * thousands, a comma before at most two decimals, or ",-" for whole euros.
 * A point followed by exactly three digits groups thousands; followed by one
 * or two digits it is read as the decimal point (as in 12.50). Negative
 * amounts are refused.
 */
export function parseEuros(text: string): number {
  const trimmed = text.trim().replace(/^€\s*/, '').replace(/\s+/g, '').replace(/,-$/, '');
  if (trimmed === '') throw new MoneyError('geef een bedrag, zoals 12.500 of 1.234,56');
  if (trimmed.startsWith('-')) throw new MoneyError(`${text.trim()} is negatief: een bedrag is 0 of meer`);
  let whole: string;
  let fraction = '';
  const comma = /^(\d{1,3}(?:\.\d{3})*|\d+),(\d{1,2})$/.exec(trimmed);
  const point = /^(\d+)\.(\d{1,2})$/.exec(trimmed);
  const grouped = /^(\d{1,3}(?:\.\d{3})+|\d+)$/.exec(trimmed);
  if (comma) {
    whole = (comma[1] as string).replaceAll('.', '');
    fraction = comma[2] as string;
  } else if (point) {
    whole = point[1] as string;
    fraction = point[2] as string;
  } else if (grouped) {
    whole = (grouped[1] as string).replaceAll('.', '');
  } else {
    throw new MoneyError(`${text.trim()} is geen bedrag; schrijf het als 12.500 of 1.234,56 (hoogstens twee cijfers achter de komma)`);
  }
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (!Number.isSafeInteger(cents) || cents > MAX_CENTS)
    throw new MoneyError(`${text.trim()} is groter dan Koers aanneemt (hoogstens € 1.000.000.000)`);
  return cents;
}

/** Checks cents given as a number (the API): a whole number from 0 up to MAX_CENTS. */
export function checkCents(cents: number): number {
  if (!Number.isSafeInteger(cents) || cents < 0 || cents > MAX_CENTS) {
    throw new MoneyError(`${cents} is geen bedrag in centen: een heel getal van 0 tot en met ${MAX_CENTS}`);
  }
  return cents;
}

const euros = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR', minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** "€ 1.234,56"; whole euros as "€ 12.500,00". */
export function formatEuros(cents: number): string {
  // Whole cents divided by 100 are exact enough to format: the number is never computed with.
  return euros.format(cents / 100).replace(/\u00a0/g, ' ');
}

/** Sums cents exactly. */
export function sumCents(amounts: readonly number[]): number {
  let total = 0;
  for (const amount of amounts) total += amount;
  if (!Number.isSafeInteger(total)) throw new MoneyError('de som is groter dan een bedrag kan zijn');
  return total;
}
