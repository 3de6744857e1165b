/**
 * Reading the monitoring forms: the values as typed (to show them again) and
 * what they mean, or the problems per field in plain Dutch. Numbers are read
 * the Dutch way (30,5 and 1.234); a period as people write it (2021, 2021-K1,
 * 2021-03, maart 2021).
 */
import type { FieldProblem } from '../../../domain/errors.js';
import { JUDGEMENTS, type Judgement } from '../../../domain/indicator-status.js';
import { PeriodError, parsePeriod } from '../../../domain/periods.js';
import type { Messages } from '../../../web/messages.js';
import { parseDutchNumber } from '../../measurements/measurement-file.js';
import type { ManualMeasurement } from '../indicator-monitor.js';

export type FormBody = Record<string, unknown>;

export type Parsed<T> =
  | { values: Record<string, string>; input: T; problems: [] }
  | { values: Record<string, string>; input: null; problems: FieldProblem[] };

/** The text of a form field, trimmed; '' when absent or a file. */
export function textOf(form: FormBody, name: string): string {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
}

function valuesOf(form: FormBody, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, textOf(form, name)]));
}

function result<T>(values: Record<string, string>, input: T, problems: FieldProblem[]): Parsed<T> {
  return problems.length > 0 ? { values, input: null, problems } : { values, input, problems: [] };
}

/** A Dutch number, or null when empty; a problem for the field when it is not a number. */
function optionalNumber(m: Messages, text: string, field: string, problems: FieldProblem[]): number | null {
  if (text === '') return null;
  const value = parseDutchNumber(text);
  if (value === null || !Number.isFinite(value)) {
    problems.push({ path: field, message: m.monitoring.form.notANumber(text) });
    return null;
  }
  return value;
}

/** A whole year between 1900 and 2100; undefined (with a problem) otherwise. */
export function readYear(m: Messages, text: string, field: string, problems: FieldProblem[]): number | undefined {
  if (text === '') {
    problems.push({ path: field, message: m.monitoring.form.required });
    return undefined;
  }
  if (!/^\d{4}$/.test(text) || Number(text) < 1900 || Number(text) > 2100) {
    problems.push({ path: field, message: m.monitoring.form.notAYear(text) });
    return undefined;
  }
  return Number(text);
}

export function parseMeasurementForm(m: Messages, form: FormBody): Parsed<ManualMeasurement> {
  const values = valuesOf(form, ['periode', 'waarde', 'teller', 'noemer', 'toelichting']);
  values.afgeschermd = textOf(form, 'afgeschermd') === '' ? '' : 'ja';
  const problems: FieldProblem[] = [];
  let period: ManualMeasurement['period'] | null = null;
  if (values.periode === '') problems.push({ path: 'periode', message: m.monitoring.form.required });
  else {
    try {
      period = parsePeriod(values.periode!);
    } catch (error) {
      if (!(error instanceof PeriodError)) throw error;
      problems.push({ path: 'periode', message: error.message });
    }
  }
  // A percentage may be typed with its sign: 12,5%.
  const value = optionalNumber(m, values.waarde!.replace(/\s?%$/, ''), 'waarde', problems);
  const numerator = optionalNumber(m, values.teller!, 'teller', problems);
  const denominator = optionalNumber(m, values.noemer!, 'noemer', problems);
  const input: ManualMeasurement | null = period && {
    period,
    value,
    suppressed: values.afgeschermd === 'ja',
    numerator,
    denominator,
    note: values.toelichting === '' ? null : values.toelichting!,
  };
  return result(values, input as ManualMeasurement, problems);
}

export function parseAssessmentForm(m: Messages, form: FormBody): Parsed<{ year: number; judgement: Judgement; text: string }> {
  const values = valuesOf(form, ['jaar', 'oordeel', 'tekst']);
  const problems: FieldProblem[] = [];
  const year = readYear(m, values.jaar!, 'jaar', problems);
  const judgement = JUDGEMENTS.find((candidate) => candidate === values.oordeel);
  if (!judgement) problems.push({ path: 'oordeel', message: m.monitoring.form.chooseJudgement });
  if (values.tekst === '') problems.push({ path: 'tekst', message: m.monitoring.form.required });
  return result(values, { year: year ?? 0, judgement: judgement ?? 'met', text: values.tekst! }, problems);
}

export function parseBbvForm(m: Messages, form: FormBody): Parsed<{ municipality: string; year: number; value: number }> {
  const values = valuesOf(form, ['gemeente', 'jaar', 'aantal']);
  const problems: FieldProblem[] = [];
  if (values.gemeente === '') problems.push({ path: 'gemeente', message: m.monitoring.form.required });
  const year = readYear(m, values.jaar!, 'jaar', problems);
  let value: number | null = null;
  if (values.aantal === '') problems.push({ path: 'aantal', message: m.monitoring.form.required });
  else {
    const parsed = parseDutchNumber(values.aantal!);
    if (parsed === null || !Number.isInteger(parsed) || parsed < 0)
      problems.push({ path: 'aantal', message: m.monitoring.form.notACount(values.aantal!) });
    else value = parsed;
  }
  return result(values, { municipality: values.gemeente!, year: year ?? 0, value: value ?? 0 }, problems);
}
