/**
 * The safety picture (veiligheidsanalyse) of a municipality over a span of
 * years, per field and theme of Kernbeleid Veiligheid: the police figures of
 * each theme (by POLICE_THEME_LINKS), counted and per 1,000 inhabitants, with
 * their trend (trend.ts), and what the current plan did on the theme: which
 * of its themes cover it, their indicators by status and their activities'
 * progress; and a few kinds per wijk (district-figures.ts). Where a figure
 * or the population is missing, the analysis says so. Pure: built from
 * figures a service read.
 */
import { POLICE_THEME_LINKS, type PoliceThemeLink } from '../catalogue/police-theme-map.js';
import { buildDistrictFigures, type DistrictFigures, type DistrictKindInput } from './district-figures.js';
import type { IndicatorStatus } from './indicator-status.js';
import type { ThemeKind } from './plan.js';
import { type Trend, trendOf } from './trend.js';

export interface YearFigure {
  year: number;
  /** null when the source suppressed it or has none. */
  value: number | null;
}

export interface AnalysisPlanTheme {
  key: string;
  name: string;
  kind: ThemeKind;
  catalogueThemeCodes: readonly string[];
  indicatorStatuses: readonly IndicatorStatus[];
  /** The theme's indicators with what was measured per year: the survey figures entered, and the figures derived from open data. */
  measured?: readonly { name: string; unit: string; source: string; values: readonly YearFigure[] }[];
  /** The activities of the theme in the latest period, by how they stand. */
  activities: { total: number; done: number; behind: number; notReported: number };
}

export interface AnalysisInput {
  municipality: { code: string; name: string };
  years: { from: number; to: number };
  fields: readonly { number: number; name: string }[];
  themes: readonly { code: string; name: string; fieldNumber: number | null }[];
  /** Police year totals by `${source}:${trimmed code}`. */
  police: ReadonlyMap<string, readonly YearFigure[]>;
  /** The titles of the police codes, by the same key. */
  policeTitles: ReadonlyMap<string, string>;
  population: readonly YearFigure[];
  plan: { title: string; themes: readonly AnalysisPlanTheme[] } | null;
  /** The kinds read per wijk (district-figures.ts); none when the source has no wijken. */
  districts?: readonly DistrictKindInput[];
  /** Inhabitants per wijk key and year; null when no population per wijk is stored. */
  districtPopulation?: ReadonlyMap<string, readonly YearFigure[]> | null;
}

export interface AnalysisSeries {
  source: PoliceThemeLink['source'];
  code: string;
  title: string;
  values: { year: number; count: number | null; rate: number | null }[];
  trend: Trend;
}

export interface AnalysisTheme {
  code: string;
  name: string;
  series: AnalysisSeries[];
  plan: {
    themes: { key: string; name: string; kind: ThemeKind }[];
    indicators: Partial<Record<IndicatorStatus, number>>;
    activities: { total: number; done: number; behind: number; notReported: number };
    /** The plan's indicators on the theme, their values in the analysis's years. */
    measured: { name: string; unit: string; source: string; values: { year: number; value: number | null }[] }[];
  } | null;
  /** What the analysis cannot say about the theme, and why. */
  missing: string[];
}

export interface SafetyAnalysis {
  municipality: { code: string; name: string };
  years: { from: number; to: number };
  fields: { number: number | null; name: string; themes: AnalysisTheme[] }[];
  /** Years without a population figure: no rates for them. */
  missingPopulation: number[];
  /** The figures per wijk in the first and the last year of the span. */
  districts: DistrictFigures;
}

export function buildSafetyAnalysis(input: AnalysisInput): SafetyAnalysis {
  const years = Array.from({ length: input.years.to - input.years.from + 1 }, (_, index) => input.years.from + index);
  const population = new Map(input.population.map((figure) => [figure.year, figure.value]));
  const missingPopulation = years.filter((year) => !(typeof population.get(year) === 'number' && (population.get(year) as number) > 0));

  const themeOf = (code: string, name: string): AnalysisTheme => {
    const links = POLICE_THEME_LINKS.filter((link) => link.themes.includes(code));
    const missing: string[] = [];
    const series: AnalysisSeries[] = [];
    for (const link of links) {
      const key = `${link.source}:${link.code}`;
      const figures = input.police.get(key);
      const title = input.policeTitles.get(key) ?? link.code;
      if (!figures || figures.every((figure) => figure.value === null)) {
        missing.push(`${title}: geen cijfers van de politie over ${input.years.from}-${input.years.to}`);
        continue;
      }
      const byYear = new Map(figures.map((figure) => [figure.year, figure.value]));
      const values = years.map((year) => {
        const count = byYear.get(year) ?? null;
        const inhabitants = population.get(year);
        return {
          year,
          count,
          rate: count !== null && typeof inhabitants === 'number' && inhabitants > 0 ? (count / inhabitants) * 1000 : null,
        };
      });
      series.push({
        source: link.source,
        code: link.code,
        title,
        values,
        trend: trendOf(
          values.flatMap((value) =>
            value.count === null ? [] : [{ year: value.year, count: value.count, population: population.get(value.year) ?? null }],
          ),
        ),
      });
    }
    if (links.length === 0) missing.push('de politie registreert niets dat bij dit thema hoort');
    const covering = input.plan?.themes.filter((theme) => theme.catalogueThemeCodes.includes(code)) ?? [];
    const indicators: Partial<Record<IndicatorStatus, number>> = {};
    for (const status of covering.flatMap((theme) => theme.indicatorStatuses)) indicators[status] = (indicators[status] ?? 0) + 1;
    const activities = covering.reduce(
      (sum, theme) => ({
        total: sum.total + theme.activities.total,
        done: sum.done + theme.activities.done,
        behind: sum.behind + theme.activities.behind,
        notReported: sum.notReported + theme.activities.notReported,
      }),
      { total: 0, done: 0, behind: 0, notReported: 0 },
    );
    if (input.plan && covering.length === 0) missing.push(`${input.plan.title} heeft geen thema dat dit thema dekt`);
    return {
      code,
      name,
      series,
      plan: input.plan
        ? {
            themes: covering.map((theme) => ({ key: theme.key, name: theme.name, kind: theme.kind })),
            indicators,
            activities,
            measured: covering.flatMap((theme) =>
              (theme.measured ?? []).map((indicator) => {
                const byYear = new Map(indicator.values.map((value) => [value.year, value.value]));
                return { ...indicator, values: years.map((year) => ({ year, value: byYear.get(year) ?? null })) };
              }),
            ),
          }
        : null,
      missing,
    };
  };

  const fields: SafetyAnalysis['fields'] = input.fields.map((field) => ({
    number: field.number,
    name: field.name,
    themes: input.themes.filter((theme) => theme.fieldNumber === field.number).map((theme) => themeOf(theme.code, theme.name)),
  }));
  const crossCutting = input.themes.filter((theme) => theme.fieldNumber === null);
  if (crossCutting.length > 0) {
    fields.push({
      number: null,
      name: 'Domeinoverstijgende thema’s',
      themes: crossCutting.map((theme) => themeOf(theme.code, theme.name)),
    });
  }
  const districts = buildDistrictFigures(
    input.districts ?? [],
    { first: input.years.from, last: input.years.to },
    input.districtPopulation ?? null,
  );
  return { municipality: input.municipality, years: input.years, fields, missingPopulation, districts };
}
