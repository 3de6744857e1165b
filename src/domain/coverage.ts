/**
 * Which themes of the Kernbeleid Veiligheid catalogue a plan covers, and with
 * which of its own themes. A council checks this to see that the plan looked at
 * the whole safety terrain, not only at its priorities.
 */
import { CATALOGUE_EDITIONS, type CatalogueTheme, catalogueEdition } from '../catalogue/kernbeleid-veiligheid.js';
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
  /** Why the plan leaves this theme out on purpose; null when it does not say so. */
  excludedBecause: string | null;
}

export interface CoverageField {
  /** A safety field; number null for the cross-cutting themes (domeinoverstijgend) of later editions. */
  field: { number: number | null; name: string };
  themes: CoverageEntry[];
}

/**
 * The coverage of a plan against the edition of the catalogue it names (the
 * newest edition when Koers does not know the one it names).
 */
export function buildCoverage(plan: Plan): CoverageField[] {
  const edition =
    catalogueEdition(plan.catalogueEdition) ?? (CATALOGUE_EDITIONS.at(-1) as NonNullable<ReturnType<typeof catalogueEdition>>);
  const entry = (catalogueTheme: CatalogueTheme): CoverageEntry => ({
    catalogueTheme,
    coveredBy: plan.themes.filter((theme) => theme.catalogueThemeCodes.includes(catalogueTheme.code)).map(toCoveringTheme),
    excludedBecause: plan.catalogueExclusions.find((exclusion) => exclusion.code === catalogueTheme.code)?.reason ?? null,
  });
  const fields: CoverageField[] = edition.fields.map((field) => ({
    field,
    themes: edition.themes.filter((theme) => theme.fieldNumber === field.number).map(entry),
  }));
  const crossCutting = edition.themes.filter((theme) => theme.fieldNumber === null);
  if (crossCutting.length > 0)
    fields.push({ field: { number: null, name: "Domeinoverstijgende thema's" }, themes: crossCutting.map(entry) });
  return fields;
}

/** The plan's own themes: those that stand outside the catalogue, with the reason. */
export function ownThemes(plan: Plan): (CoveringTheme & { reason: string })[] {
  return plan.themes
    .filter((theme) => theme.catalogueThemeCodes.length === 0)
    .map((theme) => ({ ...toCoveringTheme(theme), reason: theme.outsideCatalogueReason ?? '' }));
}

/** How many catalogue themes the coverage counts, and how many of those some plan theme covers. */
export function coverageCount(coverage: CoverageField[]): { covered: number; total: number } {
  const entries = coverage.flatMap((field) => field.themes);
  return { covered: entries.filter((entry) => entry.coveredBy.length > 0).length, total: entries.length };
}

function toCoveringTheme(theme: StoredTheme): CoveringTheme {
  return { themeId: theme.id, themeKey: theme.key, kind: theme.kind, number: theme.number, name: theme.name };
}
