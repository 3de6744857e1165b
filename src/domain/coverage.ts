/**
 * Which themes of the Kernbeleid Veiligheid catalogue a plan covers, and with
 * which of its own themes. A council checks this to see that the plan looked at
 * the whole safety terrain, not only at its priorities.
 */
import { CATALOGUE_THEMES, type CatalogueTheme, SAFETY_FIELDS, type SafetyField } from '../catalogue/kernbeleid-veiligheid.js';
import type { Plan, StoredTheme, ThemeKind } from './plan.js';

export interface CoveringTheme {
  themeId: string;
  themeKey: string;
  kind: ThemeKind;
  number: number;
  name: string;
}

export interface CoverageEntry {
  catalogueTheme: CatalogueTheme;
  /** The plan's themes that cover this catalogue theme, in plan order; empty when none does. */
  coveredBy: CoveringTheme[];
}

export interface CoverageField {
  field: SafetyField;
  themes: CoverageEntry[];
}

export function buildCoverage(plan: Plan): CoverageField[] {
  return SAFETY_FIELDS.map((field) => ({
    field,
    themes: CATALOGUE_THEMES.filter((theme) => theme.fieldNumber === field.number).map((catalogueTheme) => ({
      catalogueTheme,
      coveredBy: plan.themes.filter((theme) => theme.catalogueThemeCodes.includes(catalogueTheme.code)).map(toCoveringTheme),
    })),
  }));
}

/** How many catalogue themes the coverage counts, and how many of those some plan theme covers. */
export function coverageCount(coverage: CoverageField[]): { covered: number; total: number } {
  const entries = coverage.flatMap((field) => field.themes);
  return { covered: entries.filter((entry) => entry.coveredBy.length > 0).length, total: entries.length };
}

function toCoveringTheme(theme: StoredTheme): CoveringTheme {
  return { themeId: theme.id, themeKey: theme.key, kind: theme.kind, number: theme.number, name: theme.name };
}
