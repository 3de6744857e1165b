/**
 * A municipality beside similar ones, per theme of Kernbeleid Veiligheid: the
 * registered crimes of a year summed over the kinds of crime that belong to
 * the theme (POLICE_THEME_LINKS), per 1,000 inhabitants, against the
 * reference group's median and quartiles and against the Netherlands, with
 * the municipality's place as a range (reference-group.ts). The group is
 * chosen by size class and urbanisation, picked by hand, or all
 * municipalities. A member without figures for the year is left out of the
 * theme and named. Pure: built from figures a service read.
 */
import { POLICE_THEME_LINKS } from '../catalogue/police-theme-map.js';
import { type Comparison, chooseReferenceGroup, compareWithGroup, type MunicipalityFacts, type ReferenceGroup } from './reference-group.js';

export type GroupChoice = { kind: 'auto' } | { kind: 'hand'; codes: readonly string[] } | { kind: 'all' };

/** The row of all registered crimes (SoortMisdrijf 0.0.0) above the themes. */
export const ALL_CRIME = { code: 'totaal', name: 'Alle geregistreerde misdrijven' } as const;

/** The kinds of crime (trimmed SoortMisdrijf codes) whose sum is a theme's figure, per catalogue theme code, and ALL_CRIME's total. */
export function crimeCodesByTheme(): Map<string, string[]> {
  const byTheme = new Map<string, string[]>([[ALL_CRIME.code, ['0.0.0']]]);
  for (const link of POLICE_THEME_LINKS) {
    if (link.source !== 'misdrijven') continue;
    for (const theme of link.themes) byTheme.set(theme, [...(byTheme.get(theme) ?? []), link.code]);
  }
  return byTheme;
}

/** Every kind of crime some theme counts. */
export function comparedCrimeCodes(): string[] {
  return [...new Set([...crimeCodesByTheme().values()].flat())].sort();
}

export interface GroupComparisonInput {
  target: MunicipalityFacts;
  facts: readonly MunicipalityFacts[];
  choice: GroupChoice;
  themes: readonly { code: string; name: string }[];
  /** Registered crimes of the year per region code (GM..., NL01) and trimmed crime code; absent or null: none known. */
  counts: ReadonlyMap<string, ReadonlyMap<string, number | null>>;
  /** Inhabitants on 1 January of the year per region code, NL01 for the Netherlands. */
  population: ReadonlyMap<string, number>;
}

export interface ThemeComparison {
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

export function compareThemes(input: GroupComparisonInput): GroupComparison {
  const group = groupOf(input.target, input.facts, input.choice);
  const codesByTheme = crimeCodesByTheme();
  const themeCount = (region: string, theme: string): number | null => {
    const perCode = input.counts.get(region);
    const codes = codesByTheme.get(theme) ?? [];
    if (!perCode || codes.length === 0) return null;
    let sum = 0;
    for (const code of codes) {
      const value = perCode.get(code);
      if (value === undefined || value === null) return null;
      sum += value;
    }
    return sum;
  };
  const inputOf = (region: string, theme: string) => {
    const count = themeCount(region, theme);
    const population = input.population.get(region);
    return count === null || !population ? null : { code: region, count, population };
  };
  const themes = input.themes
    .filter((theme) => codesByTheme.has(theme.code))
    .map((theme): ThemeComparison => {
      const own = inputOf(input.target.code, theme.code);
      const members = group.members.map((member) => ({ member, figure: inputOf(member.code, theme.code) }));
      const without = members.filter((entry) => entry.figure === null).map((entry) => entry.member.name);
      if (!own) return { code: theme.code, name: theme.name, comparison: null, position: null, without };
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
      return { code: theme.code, name: theme.name, comparison, position, without };
    });
  const notPulled = group.members.filter((member) => !input.counts.has(member.code));
  return { group, themes, notPulled };
}
