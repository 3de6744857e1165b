/**
 * The safety analysis (veiligheidsanalyse) of a plan's municipality: the
 * police figures Koers has pulled (tables 47022NED and 47024NED, and the
 * population of 03759ned), grouped by Kernbeleid Veiligheid theme with their
 * trend, beside what the plan did on each theme. Whoever may read the plan
 * may read its analysis.
 */
import { catalogueEdition } from '../../catalogue/kernbeleid-veiligheid.js';
import { POLICE_THEME_LINKS } from '../../catalogue/police-theme-map.js';
import { DISTRICT_KINDS, type DistrictKindInput } from '../../domain/district-figures.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { type AnalysisPlanTheme, buildSafetyAnalysis, type SafetyAnalysis, type YearFigure } from '../../domain/safety-analysis.js';
import { unitInWords } from '../../domain/units.js';
import type { Actor } from '../accounts/actor.js';
import { KeptFigures } from '../monitoring/kept-figures.js';
import type { MonitoringService } from '../monitoring/monitoring.service.js';
import type { OpenDataRepository } from '../monitoring/open-data.repository.js';
import { districtFigures } from '../monitoring/police-figures.js';
import { categoryKeysOf } from '../monitoring/series.js';
import { POLICE_CRIME, POLICE_NUISANCE, POPULATION_TOTAL } from '../monitoring/standard-series.js';
import { type YearTotal, yearTotals } from '../monitoring/year-totals.js';
import type { WasWordtOfPlan, WasWordtService } from '../next-plan/was-wordt.service.js';
import type { PlanReader } from '../plans/plan.service.js';
import type { ProgressService } from '../progress/progress.service.js';
import type { UnitOfWork } from '../unit-of-work.js';

/** How many years an analysis looks back by default, the last year with police figures included. */
export const DEFAULT_SPAN = 7;

export interface AnalysisView extends SafetyAnalysis {
  plan: Plan;
  /** The years the stored police figures cover; empty before they are pulled. */
  available: { from: number; to: number } | null;
  /** Was/wordt against the plan before this one (no predecessor: none). */
  wasWordt: WasWordtOfPlan;
}

/** The tables whose cells the analysis reads. */
const SOURCE_TABLES = [POLICE_CRIME, POLICE_NUISANCE, POPULATION_TOTAL].map((spec) => ({ service: spec.service, table: spec.table }));

/** How many municipalities' stored figures are kept in memory. */
const KEPT_MUNICIPALITIES = 32;

type StoredFigures = { figures: Awaited<ReturnType<typeof policeFigures>>; districts: DistrictKindInput[] };

export class AnalysisService {
  /** A municipality's figures as read, kept while no import changes their tables. */
  private readonly kept = new KeptFigures<StoredFigures>(KEPT_MUNICIPALITIES);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deps: { plans: PlanReader; monitoring: MonitoringService; progress: ProgressService; wasWordt: WasWordtService },
  ) {}

  /**
   * The police figures and population of a municipality, per year and per
   * wijk. Reading and summing some ten thousand cells is most of an
   * analysis's time, so they are kept while the tables' data stamp (one small
   * query) says no import changed them, also one by another instance.
   */
  private async storedFigures(openData: OpenDataRepository, municipalityCode: string): Promise<StoredFigures> {
    return this.kept.get(municipalityCode, await openData.dataStamp(SOURCE_TABLES), async () => {
      const [figures, districts] = await Promise.all([
        policeFigures(openData, municipalityCode),
        districtKinds(openData, municipalityCode),
      ]);
      return { figures, districts };
    });
  }

  async analysis(actor: Actor, planId: string, options: { municipality?: string; from?: number; to?: number } = {}): Promise<AnalysisView> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const municipality = options.municipality
      ? plan.municipalities.find((candidate) => candidate.code === options.municipality)
      : plan.municipalities[0];
    if (!municipality)
      throw new NotFoundError('Gemeente', options.municipality ?? '', `Dit plan is niet van gemeente ${options.municipality}`);
    const { figures, districts } = await this.uow.read(({ openData }) => this.storedFigures(openData, municipality.code));
    const available = figures.years.length > 0 ? { from: Math.min(...figures.years), to: Math.max(...figures.years) } : null;
    const to = options.to ?? available?.to ?? plan.periodStart - 1;
    const from = options.from ?? to - DEFAULT_SPAN + 1;
    if (!Number.isInteger(from) || !Number.isInteger(to) || from > to || to - from > 30) {
      throw new ValidationError('De jaren zijn ongeldig', [
        { path: 'van', message: 'kies een beginjaar voor het eindjaar, hoogstens 30 jaar ervoor' },
      ]);
    }
    const edition = catalogueEdition(plan.catalogueEdition) ?? catalogueEdition('2017');
    const [statuses, progress, monitor, wasWordt] = await Promise.all([
      this.deps.monitoring.currentStatuses(plan),
      this.deps.progress.overview(actor, plan.id),
      this.deps.monitoring.monitor(actor, plan.id),
      this.deps.wasWordt.ofPlan(actor, plan),
    ]);
    const planThemes: AnalysisPlanTheme[] = plan.themes.map((theme) => {
      const rows = progress.rows.filter((row) => row.theme.id === theme.id && row.state !== 'not_planned');
      return {
        key: theme.key,
        name: theme.name,
        kind: theme.kind,
        catalogueThemeCodes: theme.catalogueThemeCodes,
        indicatorStatuses: theme.indicators.map((indicator) => statuses.get(indicator.key) ?? 'no_data'),
        measured: monitor.indicators
          .filter((entry) => entry.theme?.key === theme.key)
          .map((entry) => ({
            name: entry.indicator.name,
            unit: unitInWords(entry.indicator),
            source: entry.indicator.source,
            values: entry.years.map((year) => ({ year: year.year, value: year.value })),
          })),
        activities: {
          total: rows.length,
          done: rows.filter((row) => row.status?.meaning === 'done').length,
          behind: rows.filter((row) => row.status?.meaning === 'delayed' || row.status?.meaning === 'stopped').length,
          notReported: rows.filter((row) => row.entry === null).length,
        },
      };
    });
    const analysis = buildSafetyAnalysis({
      municipality,
      years: { from, to },
      fields: (edition?.fields ?? []).map((field) => ({ number: field.number, name: field.name })),
      themes: (edition?.themes ?? []).map((theme) => ({ code: theme.code, name: theme.name, fieldNumber: theme.fieldNumber })),
      police: figures.police,
      policeTitles: figures.titles,
      population: figures.population,
      plan: { title: plan.title, themes: planThemes },
      districts,
      // CBS gives the population (03759ned) per gemeente only: no rates per wijk.
      districtPopulation: null,
    });
    return { ...analysis, plan, available, wasWordt };
  }
}

/** The yearly police figures of a municipality per kind of crime and nuisance, its population, and the codes' titles. */
async function policeFigures(
  openData: OpenDataRepository,
  municipalityCode: string,
): Promise<{ police: Map<string, YearFigure[]>; titles: Map<string, string>; population: YearFigure[]; years: number[] }> {
  const police = new Map<string, YearFigure[]>();
  const titles = new Map<string, string>();
  const years = new Set<number>();
  for (const [source, spec] of [
    ['misdrijven', POLICE_CRIME],
    ['overlast', POLICE_NUISANCE],
  ] as const) {
    const table = await openData.findTable(spec.service, spec.table);
    if (!table) continue;
    const codes = POLICE_THEME_LINKS.filter((link) => link.source === source && link.themes.length > 0).map((link) => link.code);
    const [cells, statuses, codeTitles] = await Promise.all([
      openData.observations(table.id, [municipalityCode], codes, spec.topic),
      openData.periodStatuses(table.id),
      openData.categoryTitles(table.id),
    ]);
    for (const code of codes) {
      const totals = yearTotals(cells, [code], (key) => statuses.get(key) ?? null);
      if (totals.length === 0) continue;
      police.set(
        `${source}:${code}`,
        totals.map((total) => ({ year: total.year, value: total.value })),
      );
      for (const total of totals) years.add(total.year);
      const title = codeTitles.get(code);
      titles.set(`${source}:${code}`, title?.startsWith(`${code} `) ? title.slice(code.length + 1) : (title ?? code));
    }
  }
  const populationTable = await openData.findTable(POPULATION_TOTAL.service, POPULATION_TOTAL.table);
  const population = populationTable
    ? yearTotals(
        await openData.observations(populationTable.id, [municipalityCode], null, POPULATION_TOTAL.topic),
        categoryKeysOf(POPULATION_TOTAL, Object.keys(POPULATION_TOTAL.dimensions)),
        () => null,
      ).map((total) => ({ year: total.year, value: total.value }))
    : [];
  return { police, titles, population, years: [...years].sort((a, b) => a - b) };
}

/** The kinds of DISTRICT_KINDS per wijk of the municipality, as the police tables hold them; none before they are pulled. */
async function districtKinds(openData: OpenDataRepository, municipalityCode: string): Promise<DistrictKindInput[]> {
  const kinds: DistrictKindInput[] = [];
  const years = (totals: YearTotal[] | undefined) =>
    (totals ?? []).map((total) => ({ year: total.year, value: total.value, suppressed: total.suppressed }));
  for (const source of ['misdrijven', 'overlast'] as const) {
    const codes = DISTRICT_KINDS.filter((kind) => kind.source === source).map((kind) => kind.code);
    const figures = await districtFigures(openData, source, municipalityCode, codes);
    if (!figures) continue;
    for (const code of codes.filter((candidate) => figures.titles.has(candidate))) {
      kinds.push({
        source,
        code,
        title: figures.titles.get(code) ?? code,
        municipality: years(figures.municipality.get(code)),
        districts: figures.districts.map((district) => ({
          key: district.key,
          name: district.name,
          values: years(district.totals.get(code)),
        })),
      });
    }
  }
  return kinds;
}
