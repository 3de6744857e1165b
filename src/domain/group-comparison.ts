/**
 * A municipality beside similar ones, per theme of Kernbeleid Veiligheid: the
 * registered crimes of a year summed over the kinds of crime that belong to
 * the theme (POLICE_THEME_LINKS), and apart from them the registered
 * nuisance of the kinds that belong to it, per 1,000 inhabitants, against the
 * reference group's median and quartiles and against the Netherlands, with
 * the municipality's place as a range (reference-group.ts). The group is
 * chosen by size class and urbanisation, picked by hand, or all
 * municipalities. A member without figures for the year is left out of the
 * theme and named. Pure: built from figures a service read.
 */
import { POLICE_THEME_LINKS, type PoliceThemeLink } from '../catalogue/police-theme-map.js';
import { type Comparison, chooseReferenceGroup, compareWithGroup, type MunicipalityFacts, type ReferenceGroup } from './reference-group.js';

export type GroupChoice = { kind: 'auto' } | { kind: 'hand'; codes: readonly string[] } | { kind: 'all' };

/** Registered crime (police SoortMisdrijf) or registered nuisance (Overlast): compared apart, never added up. */
export type FigureSource = PoliceThemeLink['source'];
export const FIGURE_SOURCES: readonly FigureSource[] = ['misdrijven', 'overlast'];

/** The code of the row of all registered crimes or nuisance above the themes. */
export const TOTAL = 'totaal';
/** The total's name per source. */
export const TOTAL_NAMES: Record<FigureSource, string> = {
  misdrijven: 'Alle geregistreerde misdrijven',
  overlast: 'Alle meldingen van overlast',
};

/** The kinds (trimmed codes) whose sum is a theme's figure of a source, per catalogue theme code, and the total's (0.0.0). */
export function codesByTheme(source: FigureSource): Map<string, string[]> {
  const byTheme = new Map<string, string[]>([[TOTAL, ['0.0.0']]]);
  for (const link of POLICE_THEME_LINKS) {
    if (link.source !== source) continue;
    for (const theme of link.themes) byTheme.set(theme, [...(byTheme.get(theme) ?? []), link.code]);
  }
  return byTheme;
}

/** Every kind of a source some theme counts, and the total. */
export function comparedCodes(source: FigureSource): string[] {
  return [...new Set([...codesByTheme(source).values()].flat())].sort();
}

/** The key of a kind in the counts: `misdrijven:1.1.1`, `overlast:E35`. */
export function countKey(source: FigureSource, code: string): string {
  return `${source}:${code}`;
}

export interface GroupComparisonInput {
  target: MunicipalityFacts;
  facts: readonly MunicipalityFacts[];
  choice: GroupChoice;
  /** The catalogue's themes; the totals are added above them. */
  themes: readonly { code: string; name: string }[];
  /** Registrations of the year per region code (GM..., NL01) and countKey (source and trimmed code); absent or null: none known. */
  counts: ReadonlyMap<string, ReadonlyMap<string, number | null>>;
  /** Inhabitants on 1 January of the year per region code, NL01 for the Netherlands. */
  population: ReadonlyMap<string, number>;
}

export interface ThemeComparison {
  source: FigureSource;
  /** The catalogue theme, or TOTAL. */
  code: string;
  name: string;
  /** null when the municipality itself has no figure for the theme. */
  comparison: Comparison | null;
  /** Whether the municipality's rate is clearly above or below the group's median (its 95% interval does not hold it). */
  position: 'above' | 'below' | 'unclear' | null;
  /** Members of the group left out of this theme for want of a figure or a population. */
  without: string[];
}

export interface GroupComparison {
  group: ReferenceGroup;
  themes: ThemeComparison[];
  /** Members with no figures at all for the year: their figures are not pulled yet. */
  notPulled: MunicipalityFacts[];
}

/** Picks the group as the choice says; hand-picked codes that are not known municipalities are the caller's to refuse. */
export function groupOf(target: MunicipalityFacts, facts: readonly MunicipalityFacts[], choice: GroupChoice): ReferenceGroup {
  if (choice.kind === 'auto') return chooseReferenceGroup(target, facts);
  const wanted = choice.kind === 'all' ? null : new Set(choice.codes);
  const members = facts
    .filter((candidate) => candidate.code !== target.code && (wanted === null || wanted.has(candidate.code)))
    .sort((a, b) => a.code.localeCompare(b.code));
  return {
    members,
    sizeClasses: [0, 0],
    urbanisation: [0, 0],
    steps: [choice.kind === 'all' ? 'alle gemeenten van Nederland' : 'met de hand gekozen'],
  };
}

/** Per source, the total and then every theme that has kinds of that source, in the catalogue's order. */
export function compareThemes(input: GroupComparisonInput): GroupComparison {
  const group = groupOf(input.target, input.facts, input.choice);
  const themes = FIGURE_SOURCES.flatMap((source) => {
    const byTheme = codesByTheme(source);
    const count = (region: string, theme: string): number | null => {
      const perCode = input.counts.get(region);
      const codes = byTheme.get(theme) ?? [];
      if (!perCode || codes.length === 0) return null;
      let sum = 0;
      for (const code of codes) {
        const value = perCode.get(countKey(source, code));
        if (value === undefined || value === null) return null;
        sum += value;
      }
      return sum;
    };
    const inputOf = (region: string, theme: string) => {
      const registered = count(region, theme);
      const population = input.population.get(region);
      return registered === null || !population ? null : { code: region, count: registered, population };
    };
    const rows = [{ code: TOTAL, name: TOTAL_NAMES[source] }, ...input.themes.filter((theme) => byTheme.has(theme.code))];
    return rows.map((theme): ThemeComparison => {
      const own = inputOf(input.target.code, theme.code);
      const members = group.members.map((member) => ({ member, figure: inputOf(member.code, theme.code) }));
      const without = members.filter((entry) => entry.figure === null).map((entry) => entry.member.name);
      const base = { source, code: theme.code, name: theme.name, without };
      if (!own) return { ...base, comparison: null, position: null };
      const comparison = compareWithGroup(
        own,
        members.flatMap((entry) => (entry.figure ? [entry.figure] : [])),
        inputOf('NL01', theme.code),
      );
      const position =
        comparison.group.length === 0
          ? null
          : comparison.own.interval[0] > comparison.median
            ? 'above'
            : comparison.own.interval[1] < comparison.median
              ? 'below'
              : 'unclear';
      return { ...base, comparison, position };
    });
  });
  const notPulled = group.members.filter((member) => !input.counts.has(member.code));
  return { group, themes, notPulled };
}
