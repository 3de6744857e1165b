/**
 * Was/wordt: for a plan and the plan before it, per catalogue theme what it
 * was and what it becomes (priority, strategic, or not in the plan), and per
 * theme outside the catalogue the same by its key. Generated from the two
 * plans' themes and the catalogue codes they cover; the coordinator's text
 * per row is kept beside it (a theme's `previousPlanNote`). Pure.
 */
import type { ThemeKind } from './plan.js';

export interface WasWordtTheme {
  key: string;
  name: string;
  kind: ThemeKind;
  catalogueThemeCodes: readonly string[];
  previousPlanNote?: string | null;
}

export type WasWordtChange = 'still_priority' | 'still_strategic' | 'became_priority' | 'became_strategic' | 'dropped' | 'new';

export interface WasWordtRow {
  /** The catalogue theme, or for a theme outside the catalogue its key. */
  code: string;
  outsideCatalogue: boolean;
  was: ThemeKind | null;
  wordt: ThemeKind | null;
  change: WasWordtChange;
  /** The plan themes that covered it, before and now. */
  previousThemes: string[];
  nextThemes: string[];
  /** What the coordinator wrote about it in the next plan, if anything. */
  notes: string[];
}

export const CHANGE_IN_WORDS: Record<WasWordtChange, string> = {
  still_priority: 'blijft prioriteit',
  still_strategic: 'blijft strategisch thema',
  became_priority: 'wordt prioriteit',
  became_strategic: 'wordt strategisch thema',
  dropped: 'vervalt',
  new: 'nieuw',
};

/** A catalogue theme covered by a priority counts as priority, whatever else covers it. */
function strongest(kinds: ThemeKind[]): ThemeKind | null {
  if (kinds.includes('priority')) return 'priority';
  return kinds.length > 0 ? 'strategic' : null;
}

export function wasWordt(
  previous: readonly WasWordtTheme[],
  next: readonly WasWordtTheme[],
  catalogueOrder: readonly string[] = [],
): WasWordtRow[] {
  const byCode = new Map<string, { previous: WasWordtTheme[]; next: WasWordtTheme[]; outside: boolean }>();
  const entry = (code: string, outside: boolean) => {
    let found = byCode.get(code);
    if (!found) {
      found = { previous: [], next: [], outside };
      byCode.set(code, found);
    }
    return found;
  };
  for (const [side, themes] of [
    ['previous', previous],
    ['next', next],
  ] as const) {
    for (const theme of themes) {
      if (theme.catalogueThemeCodes.length === 0) entry(theme.key, true)[side].push(theme);
      for (const code of theme.catalogueThemeCodes) entry(code, false)[side].push(theme);
    }
  }
  const rows: WasWordtRow[] = [...byCode].map(([code, sides]) => {
    const was = strongest(sides.previous.map((theme) => theme.kind));
    const wordt = strongest(sides.next.map((theme) => theme.kind));
    const change: WasWordtChange =
      was === null
        ? 'new'
        : wordt === null
          ? 'dropped'
          : was === wordt
            ? wordt === 'priority'
              ? 'still_priority'
              : 'still_strategic'
            : wordt === 'priority'
              ? 'became_priority'
              : 'became_strategic';
    return {
      code,
      outsideCatalogue: sides.outside,
      was,
      wordt,
      change,
      previousThemes: sides.previous.map((theme) => theme.name),
      nextThemes: sides.next.map((theme) => theme.name),
      notes: [...new Set(sides.next.flatMap((theme) => (theme.previousPlanNote ? [theme.previousPlanNote] : [])))],
    };
  });
  const position = (row: WasWordtRow) => {
    const index = catalogueOrder.indexOf(row.code);
    return row.outsideCatalogue ? Number.MAX_SAFE_INTEGER : index < 0 ? Number.MAX_SAFE_INTEGER - 1 : index;
  };
  return rows.sort((a, b) => position(a) - position(b) || a.code.localeCompare(b.code, 'nl', { numeric: true }));
}
