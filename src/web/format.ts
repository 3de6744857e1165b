/**
 * Numbers and dates as Dutch readers expect them (nl-NL): 30,5 and 1.000,
 * 3,5% and 29 januari 2019. Every figure on a page goes through here.
 */
import type { IndicatorContent, IndicatorUnit, TargetComparison } from '../domain/plan.js';

// useGrouping true means "always" in current Intl: four-digit numbers get their dot too (1.000).
const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 2, useGrouping: true });
const oneDecimal = new Intl.NumberFormat('nl-NL', { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: true });
const dateFormat = new Intl.DateTimeFormat('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('nl-NL', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Amsterdam' });

const COMPARISON_SIGNS: Record<TargetComparison, string> = { at_most: '≤', at_least: '≥' };

export function formatNumber(value: number): string {
  return numberFormat.format(value);
}

/** 4,3 and 1.234,0: rates such as the BBV figures are shown with one decimal. */
export function formatOneDecimal(value: number): string {
  return oneDecimal.format(value);
}

/** A value in its unit; only a percentage carries its sign, other units are named beside the figure. */
export function formatIndicatorValue(value: number, unit: IndicatorUnit): string {
  return unit === 'percentage' ? `${formatNumber(value)}%` : formatNumber(value);
}

/** The baseline with its year in parentheses: "30,5 (2017)". */
export function formatBaseline(indicator: Pick<IndicatorContent, 'baselineValue' | 'baselineYear' | 'unit'>): string {
  return `${formatIndicatorValue(indicator.baselineValue, indicator.unit)} (${indicator.baselineYear})`;
}

/** The target with its comparison: "≤ 28", "≥ 7,5", "≤ 3%". */
export function formatTarget(indicator: Pick<IndicatorContent, 'targetComparison' | 'targetValue' | 'unit'>): string {
  return `${COMPARISON_SIGNS[indicator.targetComparison]} ${formatIndicatorValue(indicator.targetValue, indicator.unit)}`;
}

/** The sign of a target's comparison: "≤" for at most, "≥" for at least. */
export function comparisonSign(comparison: TargetComparison): string {
  return COMPARISON_SIGNS[comparison];
}

/** An ISO date (2019-01-29) as "29 januari 2019". */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) throw new RangeError(`geen geldige datum: ${isoDate}`);
  return dateFormat.format(date);
}

/** An ISO timestamp as "28 november 2026 om 16:22" (Dutch time); a text that is no date stays as it is. */
export function formatDateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
}

/** A name as the start of a heading or a cell: "totaal misdrijven" as "Totaal misdrijven". */
export function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase('nl-NL') + text.slice(1);
}

export function formatPeriod(start: number, end: number): string {
  return start === end ? String(start) : `${start}-${end}`;
}
