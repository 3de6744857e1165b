/**
 * Was/wordt as a table of words, for the plan's documents (the progress
 * report and the safety analysis): per theme what it was, what it becomes,
 * the change in words and the coordinator's note. The page shows the same
 * columns (was-wordt.pages.tsx).
 */
import type { ThemeKind } from '../../domain/plan.js';
import type { WasWordtChange, WasWordtRow } from '../../domain/was-wordt.js';
import type { wasWordtNl } from './was-wordt.messages.js';

type Texts = typeof wasWordtNl;

/** A row as a document keeps it: with the theme's name, so a frozen report needs no catalogue to be read. */
export interface WasWordtLine {
  code: string;
  name: string;
  outsideCatalogue: boolean;
  was: ThemeKind | null;
  wordt: ThemeKind | null;
  change: WasWordtChange;
  notes: string[];
}

export function wasWordtLines(rows: readonly WasWordtRow[], themeNames: ReadonlyMap<string, string>): WasWordtLine[] {
  return rows.map((row) => ({
    code: row.code,
    name: row.outsideCatalogue ? '' : (themeNames.get(row.code) ?? ''),
    outsideCatalogue: row.outsideCatalogue,
    was: row.was,
    wordt: row.wordt,
    change: row.change,
    notes: row.notes,
  }));
}

export function wasWordtLabel(t: Texts, line: Pick<WasWordtLine, 'code' | 'name' | 'outsideCatalogue'>): string {
  return line.outsideCatalogue ? t.outsideCatalogue(line.code) : `${line.code} ${line.name}`.trim();
}

export function wasWordtTable(
  t: Texts,
  lines: readonly WasWordtLine[],
): { caption: string; columns: { label: string }[]; rows: string[][] } {
  const kind = (value: ThemeKind | null) => (value === null ? t.absent : t.kinds[value]);
  return {
    caption: t.caption,
    columns: [{ label: t.theme }, { label: t.was }, { label: t.wordt }, { label: t.change }, { label: t.note }],
    rows: lines.map((line) => [
      wasWordtLabel(t, line),
      kind(line.was),
      kind(line.wordt),
      t.changes[line.change],
      line.notes.join(' ') || t.noNote,
    ]),
  };
}
