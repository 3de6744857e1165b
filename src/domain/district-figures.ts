/**
 * The police figures of a municipality per wijk (district), for the safety
 * analysis: for a few kinds of crime and nuisance, each wijk's figure in the
 * first and the last year of the span, its share of the municipality's total
 * and, where a population per wijk is known, per 1,000 inhabitants. A figure
 * the police withheld for privacy (null) stays withheld, never zero, and then
 * no share or rest can be reckoned from it. The police's "wijk onbekend" is
 * not a wijk: what the police could not place in a known wijk is the rest of
 * the municipality's total. Pure: built from figures a service read.
 */

/** The kinds shown per wijk: where it matters most which part of a municipality carries it. */
export const DISTRICT_KINDS: readonly { source: 'misdrijven' | 'overlast'; code: string }[] = [
  { source: 'misdrijven', code: '0.0.0' },
  { source: 'misdrijven', code: '1.1.1' },
  { source: 'misdrijven', code: '2.2.1' },
  { source: 'overlast', code: '0.0.0' },
  { source: 'overlast', code: 'E35' },
];

export interface DistrictYear {
  year: number;
  /** null when the police withheld it (suppressed) or have none. */
  value: number | null;
  /** True when the police withheld the figure to protect privacy. */
  suppressed: boolean;
}

export interface DistrictKindInput {
  source: 'misdrijven' | 'overlast';
  code: string;
  title: string;
  /** The municipality's own yearly figures of the kind. */
  municipality: readonly DistrictYear[];
  /** Per wijk of the municipality (in the source's order) its key, its name and yearly figures. */
  districts: readonly { key: string; name: string; values: readonly DistrictYear[] }[];
}

export interface DistrictCell {
  count: number | null;
  suppressed: boolean;
  /** The wijk's part of the municipality's total in the year, 0 to 1; null without both figures. */
  share: number | null;
  /** Per 1,000 inhabitants of the wijk; null without its population. */
  rate: number | null;
}

export interface DistrictRow {
  key: string;
  name: string;
  first: DistrictCell;
  last: DistrictCell;
}

export interface DistrictKind {
  source: 'misdrijven' | 'overlast';
  code: string;
  title: string;
  municipality: { first: DistrictCell; last: DistrictCell };
  districts: DistrictRow[];
  /**
   * What the police registered in the municipality but not in a known wijk
   * (their "wijk onbekend"), per year; null when a wijk's figure or the
   * total is withheld or missing, or the wijken add up to more than the total.
   */
  rest: { first: number | null; last: number | null };
  /** The wijken whose figure the police withheld in the first or the last year, by name. */
  withheld: string[];
}

export interface DistrictFigures {
  years: { first: number; last: number };
  /** True when a population per wijk was given for both years: then the cells have rates. */
  perPopulation: boolean;
  kinds: DistrictKind[];
}

/** The police's "wijk onbekend" and the like: a code that holds what could not be placed, not a wijk. */
export function isUnknownDistrict(key: string, name: string): boolean {
  return /^WK0000/.test(key) || /onbekend/i.test(name);
}

export function buildDistrictFigures(
  inputs: readonly DistrictKindInput[],
  years: { first: number; last: number },
  /** Inhabitants per wijk key and year; null or empty when no population per wijk is known. */
  population: ReadonlyMap<string, readonly { year: number; value: number | null }[]> | null = null,
): DistrictFigures {
  const inhabitants = (key: string, year: number) => {
    const value = population?.get(key)?.find((figure) => figure.year === year)?.value;
    return typeof value === 'number' && value > 0 ? value : null;
  };
  const perPopulation = Boolean(population && population.size > 0);
  const kinds = inputs
    .filter((input) => input.districts.some((district) => !isUnknownDistrict(district.key, district.name)))
    .map((input): DistrictKind => {
      const known = input.districts.filter((district) => !isUnknownDistrict(district.key, district.name));
      const figureIn = (values: readonly DistrictYear[], year: number): DistrictYear =>
        values.find((figure) => figure.year === year) ?? { year, value: null, suppressed: false };
      const totalIn = (year: number) => figureIn(input.municipality, year);
      const cell = (figure: DistrictYear, total: number | null, key: string | null): DistrictCell => ({
        count: figure.value,
        suppressed: figure.value === null && figure.suppressed,
        share: figure.value !== null && total !== null && total > 0 ? figure.value / total : null,
        rate:
          figure.value !== null && key !== null && inhabitants(key, figure.year) !== null
            ? (figure.value / (inhabitants(key, figure.year) as number)) * 1000
            : null,
      });
      const restIn = (year: number) => {
        const total = totalIn(year).value;
        const parts = known.map((district) => figureIn(district.values, year).value);
        if (total === null || parts.some((part) => part === null)) return null;
        const rest = total - parts.reduce<number>((sum, part) => sum + (part ?? 0), 0);
        // The wijken add up to more than the total: the tables were counted apart, and nothing is left to place.
        return rest < 0 ? null : rest;
      };
      const first = totalIn(years.first);
      const last = totalIn(years.last);
      return {
        source: input.source,
        code: input.code,
        title: input.title,
        municipality: { first: cell(first, first.value, null), last: cell(last, last.value, null) },
        districts: known.map((district) => ({
          key: district.key,
          name: district.name,
          first: cell(figureIn(district.values, years.first), first.value, district.key),
          last: cell(figureIn(district.values, years.last), last.value, district.key),
        })),
        rest: { first: restIn(years.first), last: restIn(years.last) },
        withheld: known
          .filter((district) => [years.first, years.last].some((year) => figureIn(district.values, year).suppressed))
          .map((district) => district.name),
      };
    });
  return { years, perPopulation, kinds };
}
