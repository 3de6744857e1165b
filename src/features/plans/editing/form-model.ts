/**
 * The edit forms as data: a form is a list of fields, each named by the path
 * of its value in the element document (`naam`, `planning.vanafJaar`,
 * `hoofdlijnen[0].titel`), so a problem the schema or the plan reports on a
 * path lands beside the field that holds it. This file reads a posted form
 * into a document (numbers the Dutch way, empty optional fields as null),
 * turns a stored document back into the values of the form, and finds the
 * field of a problem. What the fields are, per kind, is in element-forms.ts.
 */
import type { FieldProblem } from '../../../domain/errors.js';
import type { FormFields } from '../../../http/form.js';
import type { Messages } from '../../../web/messages.js';
import { parseDutchNumber } from '../../measurements/measurement-numbers.js';

export interface Choice {
  value: string;
  label: string;
  /** An option group (a theme above its workstreams). */
  group?: string;
}

interface FieldBase {
  /** The path of the value in the document; also the form field's name. */
  name: string;
  label: string;
  hint?: string;
}

export type FieldSpec =
  | (FieldBase & {
      type: 'text' | 'textarea' | 'date';
      /** Empty means null (an optional text); otherwise empty stays '' for the schema to refuse. */
      nullable?: boolean;
      /** Empty leaves the field out of the document (a key Koers makes itself). */
      omitWhenEmpty?: boolean;
    })
  | (FieldBase & { type: 'number'; nullable?: boolean; whole?: boolean })
  | (FieldBase & {
      type: 'select';
      choices: Choice[];
      /** The label of the empty option; with it, empty means null. Without it, the empty option asks to choose. */
      emptyLabel?: string;
      numeric?: boolean;
    })
  | (FieldBase & { type: 'radios'; choices: Choice[] })
  | (FieldBase & { type: 'checkbox' })
  | (FieldBase & {
      type: 'checkboxes';
      choices: Choice[];
      /** The order the stored list had: kept for what stays chosen, so an unchanged form changes nothing. */
      order?: string[];
      /** A long list, shown in a box of its own. */
      many?: boolean;
    })
  | (FieldBase & {
      type: 'group';
      fields: FieldSpec[];
      nullable?: boolean;
      /** Its fields side by side where there is room (a choice and its order). */
      inline?: boolean;
    })
  | (FieldBase & {
      type: 'lines';
      /** The fields of one line, named relative to the line (`titel`). */
      fields: FieldSpec[];
      count: number;
      addLabel: string;
      lineLegend: (number: number) => string;
    })
  | (FieldBase & { type: 'fixed'; value: string; display: string; numeric?: boolean })
  | (FieldBase & { type: 'dimensions' });

/** What a form holds as typed, and the problems found, to show both again. */
export interface FormState {
  values: Record<string, string>;
  problems: FieldProblem[];
}

/** The form field that counts the slots of a list of lines. */
export const lineCountName = (name: string) => `${name}.aantal`;
/** The checkbox of one choice in a list of checkboxes. */
export const choiceName = (name: string, value: string) => `${name}.${value}`;
/** The id of a field's control, for its label and for the links of the error summary. */
export const fieldId = (name: string) => `veld-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
export const lineFieldName = (list: string, index: number, field: string) => `${list}[${index}].${field}`;

const text = (form: FormFields, name: string) => {
  const value = form[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** The fields of a line of a list, with their full names. */
export function lineFields(spec: Extract<FieldSpec, { type: 'lines' }>, index: number): FieldSpec[] {
  return spec.fields.map((field) => ({ ...field, name: lineFieldName(spec.name, index, field.name) }) as FieldSpec);
}

export interface ReadResult {
  values: Record<string, string>;
  document: Record<string, unknown>;
  problems: FieldProblem[];
  /** A list's line as the document numbers it -> as the form does, when empty lines were left out. */
  linePaths: Map<string, string>;
}

/** Reads a posted form into a document with the values as typed; problems of what could not be read (a number that is none). */
export function readForm(m: Messages, specs: FieldSpec[], form: FormFields): ReadResult {
  const result: ReadResult = { values: {}, document: {}, problems: [], linePaths: new Map() };
  for (const spec of specs) {
    const value = readField(m, spec, form, result, result.problems);
    if (value !== undefined) result.document[relativeName(spec.name, '')] = value;
  }
  return result;
}

function relativeName(name: string, parent: string): string {
  return parent === '' ? name : name.slice(parent.length + 1);
}

function readField(m: Messages, spec: FieldSpec, form: FormFields, result: ReadResult, problems: FieldProblem[]): unknown {
  const values = result.values;
  const f = m.editing.form;
  switch (spec.type) {
    case 'text':
    case 'textarea':
    case 'date': {
      const value = text(form, spec.name);
      values[spec.name] = value;
      if (value === '' && spec.omitWhenEmpty) return undefined;
      if (value === '' && spec.nullable) return null;
      if (spec.type === 'date' && value !== '') {
        const date = isoDate(value);
        if (!date) {
          problems.push({ path: spec.name, message: f.notADate(value) });
          return undefined;
        }
        return date;
      }
      return value;
    }
    case 'number': {
      const value = text(form, spec.name);
      values[spec.name] = value;
      if (value === '') {
        if (spec.nullable) return null;
        problems.push({ path: spec.name, message: f.required });
        return undefined;
      }
      const number = parseDutchNumber(value);
      if (number === null || !Number.isFinite(number)) {
        problems.push({ path: spec.name, message: f.notANumber(value) });
        return undefined;
      }
      return number;
    }
    case 'select':
    case 'radios': {
      const value = text(form, spec.name);
      values[spec.name] = value;
      if (value === '') {
        if (spec.type === 'select' && spec.emptyLabel !== undefined) return null;
        problems.push({ path: spec.name, message: f.choose });
        return undefined;
      }
      if (!spec.choices.some((choice) => choice.value === value)) {
        problems.push({ path: spec.name, message: f.chooseFromList });
        return undefined;
      }
      return spec.type === 'select' && spec.numeric ? Number(value) : value;
    }
    case 'checkbox': {
      const checked = text(form, spec.name) !== '';
      values[spec.name] = checked ? 'ja' : '';
      return checked;
    }
    case 'checkboxes': {
      const chosen = spec.choices.map((choice) => choice.value).filter((value) => text(form, choiceName(spec.name, value)) !== '');
      for (const value of chosen) values[choiceName(spec.name, value)] = 'ja';
      const order = spec.order ?? [];
      return [...order.filter((value) => chosen.includes(value)), ...chosen.filter((value) => !order.includes(value))];
    }
    case 'fixed':
      values[spec.name] = spec.value;
      return spec.numeric ? Number(spec.value) : spec.value;
    case 'dimensions': {
      const value = typeof form[spec.name] === 'string' ? (form[spec.name] as string).replace(/\r\n?/g, '\n').trim() : '';
      values[spec.name] = value;
      const dimensions: Record<string, string[]> = {};
      for (const line of value.split('\n').map((candidate) => candidate.trim())) {
        if (line === '') continue;
        const match = /^([^:]+?)\s*:\s*(.*)$/.exec(line);
        if (!match) {
          problems.push({ path: spec.name, message: f.dimensionLine(line) });
          continue;
        }
        dimensions[match[1] as string] = (match[2] as string)
          .split(',')
          .map((code) => code.trim())
          .filter((code) => code !== '');
      }
      return dimensions;
    }
    case 'group': {
      const own: FieldProblem[] = [];
      const group: Record<string, unknown> = {};
      const before = new Set(Object.keys(values));
      for (const field of spec.fields) {
        const value = readField(m, field, form, result, own);
        if (value !== undefined) group[relativeName(field.name, spec.name)] = value;
      }
      const typed = Object.keys(values).filter((name) => !before.has(name) && values[name] !== '');
      if (spec.nullable && typed.length === 0) return null;
      problems.push(...own);
      return group;
    }
    case 'lines': {
      const count = Math.min(Math.max(spec.count, 1), 50);
      values[lineCountName(spec.name)] = String(count);
      const lines: Record<string, unknown>[] = [];
      for (let index = 0; index < count; index++) {
        const own: FieldProblem[] = [];
        const line: Record<string, unknown> = {};
        let typed = false;
        for (const field of lineFields(spec, index)) {
          const value = readField(m, field, form, result, own);
          if (values[field.name] !== '') typed = true;
          if (value !== undefined) line[field.name.slice(`${spec.name}[${index}].`.length)] = value;
        }
        if (!typed) continue;
        result.linePaths.set(`${spec.name}[${lines.length}]`, `${spec.name}[${index}]`);
        problems.push(...own);
        lines.push(line);
      }
      return lines;
    }
  }
}

const MONTHS = ['januari', 'februari', 'maart', 'april', 'mei', 'juni', 'juli', 'augustus', 'september', 'oktober', 'november', 'december'];

/** A date as people write it (29-01-2027, 29-1-2027, 29 januari 2027, 2027-01-29) as 2027-01-29; null when it is no date. */
export function isoDate(text: string): string | null {
  const value = text.trim().toLowerCase();
  let parts: [number, number, number] | null = null;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) parts = [Number(match[1]), Number(match[2]), Number(match[3])];
  match = /^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$/.exec(value);
  if (match) parts = [Number(match[3]), Number(match[2]), Number(match[1])];
  match = /^(\d{1,2})\s+([a-z]+)\s+(\d{4})$/.exec(value);
  if (match) {
    const month = MONTHS.findIndex((name) => name === match?.[2] || name.slice(0, 3) === match?.[2]);
    if (month >= 0) parts = [Number(match[3]), month + 1, Number(match[1])];
  }
  if (!parts) return null;
  const [year, month, day] = parts;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return date.toISOString().slice(0, 10);
}

/** The values a form shows for a stored document. */
export function valuesOf(specs: FieldSpec[], document: Record<string, unknown>): Record<string, string> {
  const values: Record<string, string> = {};
  for (const spec of specs) writeField(spec, document[spec.name], values);
  return values;
}

function writeField(spec: FieldSpec, value: unknown, values: Record<string, string>): void {
  switch (spec.type) {
    case 'text':
    case 'textarea':
    case 'date':
    case 'select':
    case 'radios':
      values[spec.name] = value === null || value === undefined ? '' : String(value);
      return;
    case 'number':
      values[spec.name] = typeof value === 'number' ? String(value).replace('.', ',') : '';
      return;
    case 'checkbox':
      values[spec.name] = value === true ? 'ja' : '';
      return;
    case 'checkboxes':
      for (const chosen of Array.isArray(value) ? value : []) values[choiceName(spec.name, String(chosen))] = 'ja';
      return;
    case 'fixed':
      values[spec.name] = spec.value;
      return;
    case 'dimensions':
      values[spec.name] =
        value && typeof value === 'object'
          ? Object.entries(value as Record<string, string[]>)
              .map(([dimension, codes]) => `${dimension}: ${codes.join(', ')}`)
              .join('\n')
          : '';
      return;
    case 'group': {
      const group = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
      for (const field of spec.fields) writeField(field, group[relativeName(field.name, spec.name)], values);
      return;
    }
    case 'lines': {
      const lines = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      lines.forEach((line, index) => {
        for (const field of lineFields(spec, index)) writeField(field, line[field.name.slice(`${spec.name}[${index}].`.length)], values);
      });
      return;
    }
  }
}

/** Every field a problem can be shown beside: the fields, the groups, and each line's fields. */
export function fieldNames(specs: FieldSpec[]): string[] {
  return specs.flatMap((spec): string[] => {
    if (spec.type === 'group') return [spec.name, ...fieldNames(spec.fields)];
    if (spec.type === 'lines')
      return [spec.name, ...Array.from({ length: spec.count }, (_, index) => fieldNames(lineFields(spec, index))).flat()];
    return [spec.name];
  });
}

/** The field a problem belongs to: the one named by its path or by the longest start of it; undefined for none. */
export function fieldOf(path: string, names: readonly string[]): string | undefined {
  let best: string | undefined;
  for (const name of names) {
    const matches = path === name || path.startsWith(`${name}.`) || path.startsWith(`${name}[`);
    if (matches && (best === undefined || name.length > best.length)) best = name;
  }
  return best;
}

/** A path of the document in the form's numbering of lines (an empty line left out shifts the ones after it). */
export function formPath(path: string, linePaths: ReadonlyMap<string, string>): string {
  for (const [documentPath, form] of linePaths) {
    if (path === documentPath || path.startsWith(`${documentPath}.`) || path.startsWith(`${documentPath}[`))
      return form + path.slice(documentPath.length);
  }
  return path;
}

/** The label of a field by name, for the error summary; a line's field is named with its line. */
export function labelOf(specs: FieldSpec[], name: string): string | undefined {
  for (const spec of specs) {
    if (spec.name === name) return spec.label;
    if (spec.type === 'group') {
      const inner = labelOf(spec.fields, name);
      if (inner) return inner;
    }
    if (spec.type === 'lines') {
      const match = new RegExp(`^${escapeRegExp(spec.name)}\\[(\\d+)\\]\\.(.+)$`).exec(name);
      if (match) {
        const field = spec.fields.find((candidate) => candidate.name === match[2]);
        return `${spec.lineLegend(Number(match[1]) + 1)}, ${(field?.label ?? match[2] ?? '').toLowerCase()}`;
      }
    }
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
