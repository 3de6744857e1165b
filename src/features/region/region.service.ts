/**
 * The regional view: for a safety region, a police unit or district, or a set
 * of municipalities picked by hand, the newest plan of each municipality that
 * the reader may read side by side, the priorities they share, their
 * indicators by status, and the police figures per 1,000 inhabitants.
 * Plans are those of `listPlans` for the actor, so a concept shows only to who
 * may read it, and a municipality whose plans the reader may not read looks
 * the same as one without a plan. The police figures are those Koers has
 * stored (tables 47022NED and 03759ned, or where a municipality has none
 * there, 47013NED and 70072ned as a comparison with similar municipalities
 * fetched them), read for all municipalities at once.
 */
import { CATALOGUE_EDITIONS } from '../../catalogue/kernbeleid-veiligheid.js';
import {
  findRegion,
  isRegionKind,
  MUNICIPALITY_NAMES,
  POLICE_DISTRICTS,
  POLICE_UNITS,
  REGION_KINDS,
  type Region,
  SAFETY_REGIONS,
} from '../../catalogue/regions.js';
import { ValidationError } from '../../domain/errors.js';
import type { Actor } from '../accounts/actor.js';
import type { MonitoringService } from '../monitoring/monitoring.service.js';
import type { OpenDataRepository } from '../monitoring/open-data.repository.js';
import type { OpenDataService } from '../monitoring/series.js';
import { categoryKeysOf } from '../monitoring/series.js';
import { POLICE_CRIME, POPULATION_TOTAL } from '../monitoring/standard-series.js';
import { yearTotals } from '../monitoring/year-totals.js';
import type { PlanReader } from '../plans/plan.service.js';
import { CRIME_PER_MUNICIPALITY, KEY_FIGURES } from '../similar-municipalities/similar-municipalities-series.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { buildRegionView, type RegionChoice, type RegionPlanInput, type RegionView } from './region-view.js';

/** The most municipalities a set picked by hand may have: the largest police unit (Oost-Nederland) has 76. */
export const MAX_PICKED = 80;

/** The regions there are to choose from. */
export interface RegionCatalogue {
  safetyRegions: readonly Region[];
  policeUnits: readonly Region[];
  districts: readonly Region[];
  municipalities: ReadonlyMap<string, string>;
}

type YearValues = { year: number; value: number | null }[];

const CATALOGUE_NAMES: ReadonlyMap<string, string> = new Map(
  CATALOGUE_EDITIONS.flatMap((edition) => edition.themes.map((theme) => [theme.code, theme.name] as const)),
);

export class RegionService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly deps: { plans: PlanReader; monitoring: MonitoringService },
  ) {}

  catalogue(): RegionCatalogue {
    return { safetyRegions: SAFETY_REGIONS, policeUnits: POLICE_UNITS, districts: POLICE_DISTRICTS, municipalities: MUNICIPALITY_NAMES };
  }

  /** A region by the kind and key of its address; a ValidationError naming the parameter when there is none. */
  choose(kind: string, key: string): RegionChoice {
    if (!isRegionKind(kind)) {
      throw new ValidationError('Onbekende soort regio', [{ path: 'soort', message: `kies een van: ${REGION_KINDS.join(', ')}` }]);
    }
    const region = findRegion(kind, key);
    if (!region) {
      throw new ValidationError('Onbekende regio', [{ path: 'sleutel', message: `er is geen ${kind} met de sleutel “${key}”` }]);
    }
    return { kind, key: region.key, name: region.name, municipalities: region.municipalities };
  }

  /** A set picked by hand: `GM1641,GM0957` (commas or spaces), every code a municipality of the 2024 map. */
  pick(list: string | undefined): RegionChoice {
    const codes = [
      ...new Set(
        (list ?? '')
          .split(/[\s,]+/)
          .filter((code) => code.length > 0)
          .map((code) => code.toUpperCase()),
      ),
    ];
    const problems = [];
    if (codes.length === 0) problems.push({ path: 'gemeenten', message: 'kies een of meer gemeenten, zoals GM1641,GM0957' });
    if (codes.length > MAX_PICKED)
      problems.push({ path: 'gemeenten', message: `kies hoogstens ${MAX_PICKED} gemeenten (nu ${codes.length})` });
    const unknown = codes.filter((code) => !MUNICIPALITY_NAMES.has(code));
    if (unknown.length > 0) {
      problems.push({
        path: 'gemeenten',
        message: `onbekende gemeentecode${unknown.length === 1 ? '' : 's'}: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ', …' : ''} (een code is GM en vier cijfers, van een gemeente in 2024)`,
      });
    }
    if (problems.length > 0) throw new ValidationError('De gekozen gemeenten zijn ongeldig', problems);
    const sorted = [...codes].sort();
    return { kind: 'eigen', key: sorted.join(','), name: 'Eigen keuze', municipalities: sorted };
  }

  async view(actor: Actor, region: RegionChoice): Promise<RegionView> {
    const wanted = new Set(region.municipalities);
    // Every plan the actor may read, in one read (published ones, and the concepts of the actor's own municipalities).
    const summaries = (await this.deps.plans.listPlans(actor)).filter((plan) =>
      plan.municipalities.some((municipality) => wanted.has(municipality.code)),
    );
    const newest = new Set<string>();
    for (const code of region.municipalities) {
      const first = summaries.find((plan) => plan.municipalities.some((municipality) => municipality.code === code));
      if (first) newest.add(first.id);
    }
    const [plans, figures] = await Promise.all([
      Promise.all(
        summaries.map(async (summary): Promise<RegionPlanInput> => {
          if (!newest.has(summary.id)) return { ...summary, themes: [], statuses: [] };
          // The plan's content is kept per version (plan-cache.ts), so this is one small query per plan shown.
          const plan = await this.deps.plans.getPlan(actor, summary.id);
          const statuses = await this.deps.monitoring.currentStatuses(plan);
          return {
            id: plan.id,
            title: plan.title,
            periodStart: plan.periodStart,
            periodEnd: plan.periodEnd,
            status: plan.status,
            municipalities: plan.municipalities,
            themes: plan.themes.map((theme) => ({
              key: theme.key,
              name: theme.name,
              kind: theme.kind,
              catalogueThemeCodes: theme.catalogueThemeCodes,
            })),
            statuses: [...statuses.values()],
          };
        }),
      ),
      this.uow.read(({ openData }) => storedFigures(openData, region.municipalities)),
    ]);
    return buildRegionView({
      region,
      names: MUNICIPALITY_NAMES,
      plans,
      catalogueNames: CATALOGUE_NAMES,
      crimes: figures.crimes,
      population: figures.population,
    });
  }
}

/** The yearly total of registered crimes and the population of every municipality asked, each table read once for all. */
async function storedFigures(
  openData: OpenDataRepository,
  codes: readonly string[],
): Promise<{ crimes: Map<string, YearValues>; population: Map<string, YearValues> }> {
  const crimes = new Map<string, YearValues>();
  const population = new Map<string, YearValues>();
  const total = [POLICE_CRIME.total];
  await addYearTotals(openData, crimes, POLICE_CRIME, codes, total, POLICE_CRIME.topic, true);
  // Municipalities whose wijk figures are not stored: the yearly figures per gemeente that a comparison with
  // similar municipalities fetched (police 47013NED), when there are any.
  await addYearTotals(openData, crimes, CRIME_PER_MUNICIPALITY, codes, total, CRIME_PER_MUNICIPALITY.topic, true);
  const populationKeys = categoryKeysOf(POPULATION_TOTAL, Object.keys(POPULATION_TOTAL.dimensions));
  await addYearTotals(openData, population, POPULATION_TOTAL, codes, populationKeys, POPULATION_TOTAL.topic, false);
  // The same for the population: CBS's key figures (70072ned) where 03759ned has none.
  await addYearTotals(openData, population, KEY_FIGURES, codes, [''], KEY_FIGURES.population, false);
  return { crimes, population };
}

/**
 * Adds the yearly totals of a table's categories for the municipalities that
 * have none yet in `into`, all read in one query; with `statuses` the years
 * carry the table's period statuses (only their presence matters here).
 */
async function addYearTotals(
  openData: OpenDataRepository,
  into: Map<string, YearValues>,
  table: { service: OpenDataService; table: string },
  codes: readonly string[],
  categories: readonly string[],
  topic: string,
  statuses: boolean,
): Promise<void> {
  const missing = codes.filter((code) => !into.has(code));
  if (missing.length === 0) return;
  const found = await openData.findTable(table.service, table.table);
  if (!found) return;
  const [cells, periodStatuses] = await Promise.all([
    openData.observations(found.id, missing, categories.length === 1 && categories[0] === '' ? null : categories, topic),
    statuses ? openData.periodStatuses(found.id) : Promise.resolve(new Map()),
  ]);
  for (const [code, own] of byRegion(cells)) {
    const totals = yearTotals(own, categories, (key) => periodStatuses.get(key) ?? null);
    if (totals.length > 0)
      into.set(
        code,
        totals.map((entry) => ({ year: entry.year, value: entry.value })),
      );
  }
}

function byRegion<T extends { regionKey: string }>(cells: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const cell of cells) {
    const own = grouped.get(cell.regionKey);
    if (own) own.push(cell);
    else grouped.set(cell.regionKey, [cell]);
  }
  return grouped;
}
