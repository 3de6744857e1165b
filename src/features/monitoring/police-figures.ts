/**
 * The police figures of a plan's municipalities: the tactical view on the
 * monthly figures per kind of crime, the figures per wijk (district) and the
 * five BBV indicators (crime and Halt referrals per inhabitants).
 */
import { BBV_INDICATORS } from '../../catalogue/bbv-indicators.js';
import { type BbvValue, computeBbv } from '../../domain/bbv.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { monthsAboveBand, type TacticalRow, tacticalRows } from '../../domain/tactical.js';
import type { PlanRepository } from '../plans/plan.repository.js';
import type { MeasurementRepository } from './measurement.repository.js';
import type { OpenDataRepository } from './open-data.repository.js';
import { categoryKeysOf } from './series.js';
import { POLICE_CRIME, POLICE_NUISANCE, POPULATION_TOTAL, POPULATION_YOUTH_12_17 } from './standard-series.js';
import { monthTotals, type YearTotal, yearTotals } from './year-totals.js';

export interface TacticalView {
  plan: Plan;
  municipality: { code: string; name: string };
  categories: { code: string; title: string; latest: TacticalRow | null; flagged: number }[];
  selected: { code: string; title: string; rows: TacticalRow[] } | null;
  tableTitle: string | null;
}

export interface DistrictView {
  plan: Plan;
  municipality: { code: string; name: string };
  source: 'misdrijven' | 'overlast';
  code: string;
  year: number | null;
  years: number[];
  /** Per wijk its key (WK164100), its name as the source gives it, and the figure (null: suppressed or absent). */
  districts: { key: string; name: string; value: number | null }[];
  total: number | null;
}

export interface BbvView {
  plan: Plan;
  municipalities: { id: string; code: string; name: string; years: BbvValue[][] }[];
  years: number[];
  /** edit: the actor may enter the Halt referrals of at least one municipality; municipalities: the codes of those. */
  may: { edit: boolean; municipalities: string[] };
}

/** What the BBV view reads: the stored open data, the entered BBV figures and the plan's municipalities. */
export interface BbvSources {
  openData: OpenDataRepository;
  measurements: Pick<MeasurementRepository, 'bbvEntries'>;
  planRepository: Pick<PlanRepository, 'findMunicipalities'>;
}

/** The monthly police figures of one municipality per kind of crime, with the months above the band flagged; one kind selected. */
export async function tacticalView(
  openData: OpenDataRepository,
  plan: Plan,
  options: { municipality?: string; code?: string },
): Promise<TacticalView> {
  const municipality = pickMunicipality(plan, options.municipality);
  const table = await openData.findTable(POLICE_CRIME.service, POLICE_CRIME.table);
  if (!table) return { plan, municipality, categories: [], selected: null, tableTitle: null };
  const cells = await openData.observations(table.id, [municipality.code], null, POLICE_CRIME.topic);
  const codes = [...new Set(cells.map((cell) => cell.categoryKey))].sort(compareCodes);
  const titles = withoutCodePrefix(await openData.categoryTitles(table.id));
  const categories = codes.map((code) => {
    const rows = tacticalRows(monthTotals(cells, [code]));
    return { code, title: titles.get(code) ?? code, latest: rows.at(-1) ?? null, flagged: monthsAboveBand(rows) };
  });
  const selectedCode =
    options.code && codes.includes(options.code) ? options.code : codes.includes(POLICE_CRIME.total) ? POLICE_CRIME.total : codes[0];
  const selected = selectedCode
    ? { code: selectedCode, title: titles.get(selectedCode) ?? selectedCode, rows: tacticalRows(monthTotals(cells, [selectedCode])) }
    : null;
  if (options.code && selectedCode !== options.code) throw new NotFoundError('Soort misdrijf', options.code);
  return { plan, municipality, categories, selected, tableTitle: table.title };
}

/** One police figure of one year for every wijk of a municipality, with the codes that can be chosen. */
export async function districtView(
  openData: OpenDataRepository,
  plan: Plan,
  options: { municipality?: string; source?: 'misdrijven' | 'overlast'; code?: string; year?: number },
): Promise<DistrictView & { codes: { code: string; title: string }[] }> {
  const municipality = pickMunicipality(plan, options.municipality);
  const source = options.source ?? 'misdrijven';
  const series = source === 'overlast' ? POLICE_NUISANCE : POLICE_CRIME;
  const code = options.code ?? series.total;
  const empty = { plan, municipality, source, code, year: null, years: [], districts: [], total: null, codes: [] };
  const figures = await districtFigures(openData, source, municipality.code, [code]);
  if (!figures) return empty;
  const { titles } = figures;
  const municipalTotals = figures.municipality.get(code) ?? [];
  const years = municipalTotals.map((total) => total.year);
  const year = options.year !== undefined ? options.year : (years.at(-1) ?? null);
  if (options.year !== undefined && !years.includes(options.year)) throw new NotFoundError('Jaar', String(options.year));
  const codes = [...titles].map(([key, title]) => ({ code: key, title })).sort((a, b) => compareCodes(a.code, b.code));
  if (options.code && !titles.has(options.code)) throw new NotFoundError('Code', options.code);
  const valueIn = (totals: YearTotal[]) => totals.find((total) => total.year === year)?.value ?? null;
  return {
    plan,
    municipality,
    source,
    code,
    year,
    years,
    districts: figures.districts.map((district) => ({
      key: district.key,
      name: district.name,
      value: valueIn(district.totals.get(code) ?? []),
    })),
    total: valueIn(municipalTotals),
    codes,
  };
}

/**
 * The yearly police figures of some codes of one source, for a municipality
 * and each of its wijken, with the wijken's names as the source gives them
 * and the titles of every code (without the code in front); null before the
 * table is pulled. A year with a withheld cell is withheld (yearTotals).
 */
export async function districtFigures(
  openData: OpenDataRepository,
  source: 'misdrijven' | 'overlast',
  municipalityCode: string,
  codes: readonly string[],
): Promise<{
  municipality: Map<string, YearTotal[]>;
  districts: { key: string; name: string; totals: Map<string, YearTotal[]> }[];
  titles: Map<string, string>;
} | null> {
  const series = source === 'overlast' ? POLICE_NUISANCE : POLICE_CRIME;
  const table = await openData.findTable(series.service, series.table);
  if (!table) return null;
  const titles = withoutCodePrefix(await openData.categoryTitles(table.id));
  const districtKeys = await openData.districtsOf(table.id, municipalityCode);
  const cells = await openData.observations(table.id, [municipalityCode, ...districtKeys], [...codes], series.topic);
  const statuses = await openData.periodStatuses(table.id);
  const status = (key: string) => statuses.get(key) ?? null;
  const totalsOf = (region: string) => {
    const own = cells.filter((cell) => cell.regionKey === region);
    return new Map(codes.map((code) => [code, yearTotals(own, [code], status)]));
  };
  const names = await openData.regionTitles(table.id, districtKeys);
  return {
    municipality: totalsOf(municipalityCode),
    districts: districtKeys.map((key) => ({ key, name: names.get(key) ?? key, totals: totalsOf(key) })),
    titles,
  };
}

/** The five BBV indicators per municipality of the plan and each year of its period; whether the actor may edit is for the caller to add. */
export async function bbvView(sources: BbvSources, plan: Plan): Promise<Omit<BbvView, 'may'>> {
  const known = await sources.planRepository.findMunicipalities(plan.municipalities.map((municipality) => municipality.code));
  const entries = await sources.measurements.bbvEntries(known.map((municipality) => municipality.id));
  const crime = await sources.openData.findTable(POLICE_CRIME.service, POLICE_CRIME.table);
  const population = await sources.openData.findTable(POPULATION_TOTAL.service, POPULATION_TOTAL.table);
  const crimeStatuses = crime ? await sources.openData.periodStatuses(crime.id) : new Map();
  const populationStatuses = population ? await sources.openData.periodStatuses(population.id) : new Map();
  const years = range(plan.periodStart, plan.periodEnd);
  const municipalities = await Promise.all(
    known.map(async (municipality) => {
      const codes = [...new Set(BBV_INDICATORS.flatMap((indicator) => indicator.crimeCodes))];
      const crimeCells = crime ? await sources.openData.observations(crime.id, [municipality.code], codes, POLICE_CRIME.topic) : [];
      const populationCells = population
        ? await sources.openData.observations(population.id, [municipality.code], null, POPULATION_TOTAL.topic)
        : [];
      const inhabitants = yearTotals(
        populationCells,
        categoryKeysOf(POPULATION_TOTAL, Object.keys(POPULATION_TOTAL.dimensions)),
        (key) => populationStatuses.get(key) ?? null,
      );
      const youths = yearTotals(
        populationCells,
        categoryKeysOf(POPULATION_YOUTH_12_17, Object.keys(POPULATION_YOUTH_12_17.dimensions)),
        (key) => populationStatuses.get(key) ?? null,
      );
      const countsPerCode = new Map(codes.map((code) => [code, yearTotals(crimeCells, [code], (key) => crimeStatuses.get(key) ?? null)]));
      return {
        ...municipality,
        years: years.map((year) =>
          computeBbv({
            year,
            countsByCode: new Map(
              codes.flatMap((code) => {
                const total = countsPerCode.get(code)?.find((candidate) => candidate.year === year);
                return total ? [[code, total.value] as const] : [];
              }),
            ),
            haltReferrals:
              entries.find(
                (entry) => entry.municipalityId === municipality.id && entry.year === year && entry.indicatorKey === 'verwijzingen-halt',
              )?.value ?? null,
            inhabitants: inhabitants.find((total) => total.year === year)?.value ?? null,
            youths12to17: youths.find((total) => total.year === year)?.value ?? null,
          }),
        ),
      };
    }),
  );
  return { plan, municipalities, years };
}

function pickMunicipality(plan: Plan, code: string | undefined): { code: string; name: string } {
  const found = code ? plan.municipalities.find((municipality) => municipality.code === code) : plan.municipalities[0];
  if (!found) throw new NotFoundError('Gemeente', code ?? '');
  return found;
}

/** The whole numbers from `from` to `to`, both included. */
export function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);
}

/** The police write the code in the title ("1.1.1 Diefstal/inbraak woning"); pages show code and title side by side. */
function withoutCodePrefix(titles: Map<string, string>): Map<string, string> {
  return new Map([...titles].map(([code, title]) => [code, title.startsWith(`${code} `) ? title.slice(code.length + 1) : title]));
}

/** Codes like 1.2.10 sort after 1.2.9; the total 0.0.0 first. */
export function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, 'nl', { numeric: true });
}
