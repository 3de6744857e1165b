/**
 * Monitoring a plan: its indicators with their measurements and status
 * against target, refreshing the bound open-data series, measurements entered
 * by hand or by file, written assessments of qualitative themes, the tactical
 * view on the monthly police figures, the figures per wijk and the five BBV
 * indicators. Every call takes an actor; reading follows the plan's scope,
 * writing needs measurement:edit and refreshing opendata:import.
 */
import { BBV_INDICATORS } from '../../catalogue/bbv-indicators.js';
import { type BbvValue, computeBbv } from '../../domain/bbv.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import {
  type CurrentStatus,
  currentStatus,
  type IndicatorStatus,
  type Judgement,
  type Projection,
  pathLine,
  projectedStatus,
  projectTo,
  statusOf,
  type YearValue,
} from '../../domain/indicator-status.js';
import { formatPeriod, type PeriodStatus } from '../../domain/periods.js';
import { monthsAboveBand, type TacticalRow, tacticalRows } from '../../domain/tactical.js';
import type { CbsClient } from '../../opendata/cbs-client.js';
import { assertMayInAll, mayInAll, type Permission } from '../accounts/access.policy.js';
import { type Actor, actorLabel, auditActor } from '../accounts/actor.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import {
  type MeasurementFileIndicator,
  type MeasurementRow,
  measurementTemplateCsv,
  measurementTemplateXlsx,
  parseMeasurementFile,
} from '../measurements/measurement-file.js';
import type { PlanRepository } from '../plans/plan.repository.js';
import type { PlanReader } from '../plans/plan.service.js';
import type { Plan, StoredIndicator, StoredTheme } from '../plans/plan.types.js';
import type { Assessment, Measurement, MeasurementInput, MeasurementRepository, RecordCounts } from './measurement.repository.js';
import type { OpenDataRepository } from './open-data.repository.js';
import { importTable, type PullProgressEvent, type TableImportResult, type TablePull } from './open-data-import.js';
import { categoryKeysOf, describeSeries, type SeriesSpec } from './series.js';
import { POLICE_AREA_TABLES, POLICE_CRIME, POLICE_NUISANCE, POPULATION_TOTAL, POPULATION_YOUTH_12_17 } from './standard-series.js';
import { type Cell, monthTotals, type YearTotal, yearTotals } from './year-totals.js';

export type MonitoringTransact = <T>(
  work: (repos: { measurements: MeasurementRepository; audit: AuditRepository }) => Promise<T>,
) => Promise<T>;

export interface MonitoringDependencies {
  plans: PlanReader;
  planRepository: Pick<PlanRepository, 'municipalityIdsOfPlan' | 'findMunicipalities'>;
  measurements: MeasurementRepository;
  openData: OpenDataRepository;
  transact: MonitoringTransact;
  /** null where no open-data service is configured (refreshing then says so). */
  cbs: CbsClient | null;
}

export interface YearMeasurement {
  year: number;
  value: number | null;
  suppressed: boolean;
  status: IndicatorStatus;
  measurement: Measurement;
}

export interface IndicatorMonitor {
  indicator: StoredIndicator;
  theme: { key: string; name: string; number: number; kind: StoredTheme['kind'] } | null;
  years: YearMeasurement[];
  /** Measurements of months and quarters, newest first. */
  subYear: Measurement[];
  current: CurrentStatus;
  path: YearValue[];
  projection: Projection | null;
  projectedStatus: IndicatorStatus;
  binding: string | null;
}

export interface QualitativeTheme {
  theme: StoredTheme;
  assessments: Assessment[];
  current: Assessment | null;
}

export interface MonitorView {
  plan: Plan;
  indicators: IndicatorMonitor[];
  qualitativeThemes: QualitativeTheme[];
  imports: {
    tableCode: string;
    startedAt: string;
    modified: string;
    status: string;
    unchanged: boolean;
    rowsNew: number;
    rowsChanged: number;
    rowsRemoved: number;
    error: string | null;
  }[];
  may: { edit: boolean; refresh: boolean };
}

export interface RefreshProgress {
  step: number;
  steps: number;
  table: string | null;
  rows: number;
  message: string;
}

export interface RefreshFailure {
  table: string;
  message: string;
}

export interface RefreshResult {
  tables: TableImportResult[];
  measurements: RecordCounts;
  /** Tables that could not be fetched; what was stored of them stays as it was. */
  failures: RefreshFailure[];
}

/** No table at all could be fetched: the refresh failed as a whole. */
export class OpenDataRefreshError extends Error {}

/** A measurement entered by hand: a row of a measurements file without its place in the file. */
export type ManualMeasurement = Omit<MeasurementRow, 'row' | 'indicatorKey'>;

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
  may: { edit: boolean };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class MonitoringService {
  constructor(private readonly deps: MonitoringDependencies) {}

  async monitor(actor: Actor, planId: string): Promise<MonitorView> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const [measurements, assessments, municipalityIds] = await Promise.all([
      this.deps.measurements.currentOfPlan(plan.id),
      this.deps.measurements.currentAssessments(plan.id),
      this.deps.planRepository.municipalityIdsOfPlan(plan.id),
    ]);
    const indicators = allIndicators(plan).map(({ indicator, theme }) => indicatorMonitor(indicator, theme, measurements));
    const qualitativeThemes = plan.themes
      .filter((theme) => theme.indicators.length === 0)
      .map((theme) => {
        const own = assessments.filter((assessment) => assessment.themeId === theme.id).sort((a, b) => a.year - b.year);
        return { theme, assessments: own, current: own.at(-1) ?? null };
      });
    const tableIds = await this.boundTableIds(plan);
    const imports = (await this.deps.openData.importsOfTables(tableIds, 10)).map((record) => ({
      tableCode: record.tableCode,
      startedAt: record.startedAt,
      modified: record.modified,
      status: record.status,
      unchanged: record.unchanged,
      rowsNew: record.rowsNew,
      rowsChanged: record.rowsChanged,
      rowsRemoved: record.rowsRemoved,
      error: record.error,
    }));
    return {
      plan,
      indicators,
      qualitativeThemes,
      imports,
      may: { edit: mayInAll(actor, 'measurement:edit', municipalityIds), refresh: mayInAll(actor, 'opendata:import', municipalityIds) },
    };
  }

  async indicator(
    actor: Actor,
    planId: string,
    indicatorKey: string,
  ): Promise<{ monitor: IndicatorMonitor; history: Measurement[]; plan: Plan; may: { edit: boolean } }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const found = allIndicators(plan).find(({ indicator }) => indicator.key === indicatorKey);
    if (!found) throw new NotFoundError('Indicator', indicatorKey);
    const measurements = await this.deps.measurements.currentOfPlan(plan.id);
    const history = await this.deps.measurements.historyOfIndicator(plan.id, found.indicator.id);
    const municipalityIds = await this.deps.planRepository.municipalityIdsOfPlan(plan.id);
    return {
      plan,
      monitor: indicatorMonitor(found.indicator, found.theme, measurements),
      history,
      may: { edit: mayInAll(actor, 'measurement:edit', municipalityIds) },
    };
  }

  /** Checks that the actor may enter measurements for the plan (before an upload is read). */
  async assertMayEdit(actor: Actor, planId: string): Promise<Plan> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    await this.assertMay(actor, plan, 'measurement:edit', 'metingen invoeren voor dit plan');
    return plan;
  }

  /** Checks that the actor may refresh the plan's open data; the refresh itself may then run as a job. */
  async assertMayRefresh(actor: Actor, planId: string): Promise<Plan> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    assertMayInAll(
      actor,
      'opendata:import',
      await this.deps.planRepository.municipalityIdsOfPlan(plan.id),
      'de cijfers van dit plan vernieuwen',
    );
    return plan;
  }

  /**
   * Fetches every open-data series the plan needs (its bindings, the police
   * figures per wijk and the population) and derives the indicators' yearly
   * measurements from them.
   */
  async refresh(actor: Actor, planId: string, onProgress: (progress: RefreshProgress) => void = () => {}): Promise<RefreshResult> {
    const plan = await this.assertMayRefresh(actor, planId);
    const cbs = this.deps.cbs;
    if (!cbs) throw new ValidationError('Er is geen open-databron ingesteld', []);
    const pulls = pullsOf(plan);
    const steps = pulls.length + 1;
    const tables: TableImportResult[] = [];
    const failures: RefreshFailure[] = [];
    for (const [index, pull] of pulls.entries()) {
      onProgress({ step: index + 1, steps, table: pull.table, rows: 0, message: `Tabel ${pull.table} ophalen` });
      try {
        tables.push(
          await importTable(cbs, this.deps.openData, pull, actorLabel(actor), (event: PullProgressEvent) =>
            onProgress({
              step: index + 1,
              steps,
              table: event.table,
              rows: event.rows,
              message: `Tabel ${event.table}: ${event.rows} rijen`,
            }),
          ),
        );
      } catch (error) {
        // One table that fails (the service is down, a code it does not know) leaves the others and what was stored.
        if (!(error instanceof Error)) throw error;
        failures.push({ table: pull.table, message: error.message });
      }
    }
    if (tables.length === 0 && failures.length > 0) {
      throw new OpenDataRefreshError(
        `Geen enkele tabel kon worden opgehaald. ${failures.map((failure) => `${failure.table}: ${failure.message}`).join(' ')}`,
      );
    }
    onProgress({ step: steps, steps, table: null, rows: 0, message: 'Metingen afleiden' });
    const inputs = await this.derivedMeasurements(plan, tables);
    // Read before the transaction: on PGlite the transaction holds the only connection.
    const municipalityId = await this.firstMunicipalityId(plan);
    const measurements = await this.deps.transact(async ({ measurements: repository, audit }) => {
      const counts = await repository.record(plan.id, inputs, auditActor(actor));
      await audit.record({
        actor: auditActor(actor),
        action: 'opendata.refreshed',
        objectType: 'plan',
        objectId: plan.id,
        municipalityId,
        before: null,
        after: {
          tabellen: tables.map((table) => ({
            tabel: table.table,
            gewijzigd: table.modified,
            ongewijzigd: table.unchanged,
            nieuw: table.rowsNew,
            herzien: table.rowsChanged,
            vervallen: table.rowsRemoved,
          })),
          metingen: counts,
          fouten: failures,
        },
        ip: actor.ip ?? null,
      });
      return counts;
    });
    return { tables, measurements, failures };
  }

  async recordMeasurement(actor: Actor, planId: string, indicatorKey: string, input: ManualMeasurement): Promise<RecordCounts> {
    const { plan, indicator } = await this.editableIndicator(actor, planId, indicatorKey);
    const problems = checkManual(indicator, input);
    if (problems.length > 0) throw new ValidationError('De meting is ongeldig', problems);
    const measurement: MeasurementInput = {
      indicatorId: indicator.id,
      period: input.period,
      ...derivedValue(indicator, input),
      periodStatus: null,
      source: 'manual',
      provenance: {},
      note: input.note,
    };
    return this.recordWithAudit(actor, plan, [measurement], 'measurement.recorded', {
      indicator: indicator.key,
      periode: formatPeriod(input.period),
      waarde: measurement.value,
      afgeschermd: measurement.suppressed,
    });
  }

  /** Reads a CSV or XLSX file of measurements; a file with any bad row is refused whole and nothing is written. */
  async importMeasurementFile(
    actor: Actor,
    planId: string,
    file: { name: string; bytes: Uint8Array },
  ): Promise<RecordCounts & { rows: number }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    await this.assertMay(actor, plan, 'measurement:edit', 'metingen invoeren voor dit plan');
    const indicators = allIndicators(plan).map(({ indicator }) => indicator);
    const parsed = await parseMeasurementFile(file, indicators.map(fileIndicator));
    if (!parsed.ok) {
      throw new ValidationError(
        `Het bestand ${file.name} is niet ingelezen: ${parsed.problems.length === 1 ? 'er is 1 probleem' : `er zijn ${parsed.problems.length} problemen`}`,
        parsed.problems.map((problem) => ({
          path:
            [problem.row === null ? null : `rij ${problem.row}`, problem.column === null ? null : `kolom ${problem.column}`]
              .filter(Boolean)
              .join(', ') || file.name,
          message: problem.reason,
        })),
      );
    }
    const byKey = new Map(indicators.map((indicator) => [indicator.key, indicator]));
    const inputs: MeasurementInput[] = parsed.rows.map((row) => {
      const indicator = byKey.get(row.indicatorKey) as StoredIndicator;
      return {
        indicatorId: indicator.id,
        period: row.period,
        ...derivedValue(indicator, row),
        periodStatus: null,
        source: 'file',
        provenance: { bestand: file.name, rij: row.row },
        note: row.note,
      };
    });
    const counts = await this.recordWithAudit(actor, plan, inputs, 'measurements.imported', { bestand: file.name, rijen: inputs.length });
    return { ...counts, rows: inputs.length };
  }

  async measurementTemplate(
    actor: Actor,
    planId: string,
    format: 'csv' | 'xlsx',
  ): Promise<{ fileName: string; body: Uint8Array | string }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const indicators = allIndicators(plan).map(({ indicator }) => fileIndicator(indicator));
    const years = range(plan.periodStart, plan.periodEnd);
    const fileName = `metingen-${plan.id.slice(0, 8)}.${format}`;
    return format === 'csv'
      ? { fileName, body: measurementTemplateCsv(indicators, years) }
      : { fileName, body: await measurementTemplateXlsx(indicators, years) };
  }

  async recordAssessment(
    actor: Actor,
    planId: string,
    themeKey: string,
    input: { year: number; judgement: Judgement; text: string },
  ): Promise<Assessment> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const theme = plan.themes.find((candidate) => candidate.key === themeKey);
    if (!theme) throw new NotFoundError('Thema', themeKey);
    await this.assertMay(actor, plan, 'measurement:edit', 'een beoordeling schrijven voor dit plan');
    if (theme.indicators.length > 0) {
      throw new ValidationError('Dit thema heeft indicatoren', [
        { path: 'thema', message: 'een thema met indicatoren wordt met metingen gevolgd, niet met een beoordeling' },
      ]);
    }
    const municipalityId = await this.firstMunicipalityId(plan);
    return this.deps.transact(async ({ measurements, audit }) => {
      const assessment = await measurements.recordAssessment(plan.id, { themeId: theme.id, ...input }, auditActor(actor));
      await audit.record({
        actor: auditActor(actor),
        action: 'assessment.recorded',
        objectType: 'plan',
        objectId: plan.id,
        municipalityId,
        before: null,
        after: { thema: theme.key, jaar: input.year, oordeel: input.judgement },
        ip: actor.ip ?? null,
      });
      return assessment;
    });
  }

  async tactical(actor: Actor, planId: string, options: { municipality?: string; code?: string }): Promise<TacticalView> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const municipality = pickMunicipality(plan, options.municipality);
    const table = await this.deps.openData.findTable(POLICE_CRIME.service, POLICE_CRIME.table);
    if (!table) return { plan, municipality, categories: [], selected: null, tableTitle: null };
    const cells = await this.deps.openData.observations(table.id, [municipality.code], null, POLICE_CRIME.topic);
    const codes = [...new Set(cells.map((cell) => cell.categoryKey))].sort(compareCodes);
    const titles = withoutCodePrefix(await this.deps.openData.categoryTitles(table.id));
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

  async districts(
    actor: Actor,
    planId: string,
    options: { municipality?: string; source?: 'misdrijven' | 'overlast'; code?: string; year?: number },
  ): Promise<DistrictView & { codes: { code: string; title: string }[] }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const municipality = pickMunicipality(plan, options.municipality);
    const source = options.source ?? 'misdrijven';
    const series = source === 'overlast' ? POLICE_NUISANCE : POLICE_CRIME;
    const code = options.code ?? series.total;
    const empty = { plan, municipality, source, code, year: null, years: [], districts: [], total: null, codes: [] };
    const table = await this.deps.openData.findTable(series.service, series.table);
    if (!table) return empty;
    const titles = withoutCodePrefix(await this.deps.openData.categoryTitles(table.id));
    const districtKeys = await this.deps.openData.districtsOf(table.id, municipality.code);
    const cells = await this.deps.openData.observations(table.id, [municipality.code, ...districtKeys], [code], series.topic);
    const statuses = await this.deps.openData.periodStatuses(table.id);
    const status = (key: string) => statuses.get(key) ?? null;
    const totalsOf = (region: string) =>
      yearTotals(
        cells.filter((cell) => cell.regionKey === region),
        [code],
        status,
      );
    const municipalTotals = totalsOf(municipality.code);
    const years = municipalTotals.map((total) => total.year);
    const year = options.year !== undefined ? options.year : (years.at(-1) ?? null);
    if (options.year !== undefined && !years.includes(options.year)) throw new NotFoundError('Jaar', String(options.year));
    const codes = [...titles].map(([key, title]) => ({ code: key, title })).sort((a, b) => compareCodes(a.code, b.code));
    if (options.code && !titles.has(options.code)) throw new NotFoundError('Code', options.code);
    const valueIn = (totals: YearTotal[]) => totals.find((total) => total.year === year)?.value ?? null;
    const names = await this.deps.openData.regionTitles(table.id, districtKeys);
    return {
      plan,
      municipality,
      source,
      code,
      year,
      years,
      districts: districtKeys.map((key) => ({ key, name: names.get(key) ?? key, value: valueIn(totalsOf(key)) })),
      total: valueIn(municipalTotals),
      codes,
    };
  }

  async bbv(actor: Actor, planId: string): Promise<BbvView> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const known = await this.deps.planRepository.findMunicipalities(plan.municipalities.map((municipality) => municipality.code));
    const entries = await this.deps.measurements.bbvEntries(known.map((municipality) => municipality.id));
    const crime = await this.deps.openData.findTable(POLICE_CRIME.service, POLICE_CRIME.table);
    const population = await this.deps.openData.findTable(POPULATION_TOTAL.service, POPULATION_TOTAL.table);
    const crimeStatuses = crime ? await this.deps.openData.periodStatuses(crime.id) : new Map();
    const populationStatuses = population ? await this.deps.openData.periodStatuses(population.id) : new Map();
    const years = range(plan.periodStart, plan.periodEnd);
    const municipalities = await Promise.all(
      known.map(async (municipality) => {
        const codes = [...new Set(BBV_INDICATORS.flatMap((indicator) => indicator.crimeCodes))];
        const crimeCells = crime ? await this.deps.openData.observations(crime.id, [municipality.code], codes, POLICE_CRIME.topic) : [];
        const populationCells = population
          ? await this.deps.openData.observations(population.id, [municipality.code], null, POPULATION_TOTAL.topic)
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
    const ids = known.map((municipality) => municipality.id);
    return { plan, municipalities, years, may: { edit: mayInAll(actor, 'measurement:edit', ids) } };
  }

  async recordBbvEntry(actor: Actor, planId: string, input: { municipality: string; year: number; value: number }): Promise<void> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const [municipality] = await this.deps.planRepository.findMunicipalities([input.municipality]);
    if (!municipality || !plan.municipalities.some((candidate) => candidate.code === input.municipality)) {
      throw new ValidationError('De invoer is ongeldig', [
        { path: 'gemeente', message: `gemeente ${input.municipality} hoort niet bij dit plan` },
      ]);
    }
    assertMayInAll(actor, 'measurement:edit', [municipality.id], 'BBV-cijfers invoeren voor deze gemeente');
    await this.deps.transact(async ({ measurements, audit }) => {
      await measurements.recordBbvEntry(
        { municipalityId: municipality.id, indicatorKey: 'verwijzingen-halt', year: input.year, value: input.value },
        auditActor(actor),
      );
      await audit.record({
        actor: auditActor(actor),
        action: 'bbv.recorded',
        objectType: 'plan',
        objectId: plan.id,
        municipalityId: municipality.id,
        before: null,
        after: { gemeente: municipality.code, indicator: 'verwijzingen-halt', jaar: input.year, waarde: input.value },
        ip: actor.ip ?? null,
      });
    });
  }

  private async derivedMeasurements(plan: Plan, tables: TableImportResult[]): Promise<MeasurementInput[]> {
    const inputs: MeasurementInput[] = [];
    const codes = plan.municipalities.map((municipality) => municipality.code);
    for (const { indicator } of allIndicators(plan)) {
      const binding = indicator.binding;
      if (!binding) continue;
      const numerator = await this.seriesTotals(binding.numerator, codes);
      const denominator = binding.denominator ? await this.seriesTotals(binding.denominator, codes) : null;
      for (const total of numerator.totals) {
        const below = denominator?.totals.find((candidate) => candidate.year === total.year);
        if (denominator && !below) continue;
        const importOf = (table: string) => tables.find((candidate) => candidate.table === table);
        const suppressed = total.suppressed || (below?.suppressed ?? false);
        const value =
          suppressed || total.value === null
            ? null
            : below && binding.scale !== null && below.value !== null
              ? (total.value / below.value) * binding.scale
              : total.value;
        inputs.push({
          indicatorId: indicator.id,
          period: { kind: 'year', year: total.year, number: 0 },
          value,
          suppressed,
          numerator: below ? total.value : null,
          denominator: below ? below.value : null,
          periodStatus: worstStatus(total.status, below?.status ?? null),
          source: 'open_data',
          provenance: {
            reeks: describeSeries(binding.numerator),
            tabel: binding.numerator.table,
            gewijzigd: numerator.modified ?? importOf(binding.numerator.table)?.modified ?? null,
            perioden: total.periods,
            ...(binding.denominator && below
              ? {
                  noemer: {
                    reeks: describeSeries(binding.denominator),
                    tabel: binding.denominator.table,
                    gewijzigd: denominator?.modified ?? null,
                    perioden: below.periods,
                  },
                  schaal: binding.scale,
                }
              : {}),
          },
          note: null,
        });
      }
    }
    return inputs;
  }

  /** Yearly totals of a series, summed over the plan's municipalities. */
  private async seriesTotals(spec: SeriesSpec, municipalityCodes: string[]): Promise<{ totals: YearTotal[]; modified: string | null }> {
    const table = await this.deps.openData.findTable(spec.service, spec.table);
    if (!table) return { totals: [], modified: null };
    const dimensionOrder = await this.deps.openData.categoryDimensions(table.id, Object.keys(spec.dimensions));
    const categories = categoryKeysOf(spec, dimensionOrder);
    const statuses = await this.deps.openData.periodStatuses(table.id);
    const perMunicipality = await Promise.all(
      municipalityCodes.map(async (code) =>
        yearTotals(
          (await this.deps.openData.observations(table.id, [code], categories, spec.topic)) as Cell[],
          categories,
          (key) => statuses.get(key) ?? null,
        ),
      ),
    );
    const modified = await this.deps.openData.latestModified(table.id);
    return { totals: sumAcross(perMunicipality), modified };
  }

  private async boundTableIds(plan: Plan): Promise<number[]> {
    const ids: number[] = [];
    for (const pull of pullsOf(plan)) {
      const table = await this.deps.openData.findTable(pull.service, pull.table);
      if (table) ids.push(table.id);
    }
    return ids;
  }

  private async editableIndicator(actor: Actor, planId: string, indicatorKey: string): Promise<{ plan: Plan; indicator: StoredIndicator }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const found = allIndicators(plan).find(({ indicator }) => indicator.key === indicatorKey);
    if (!found) throw new NotFoundError('Indicator', indicatorKey);
    await this.assertMay(actor, plan, 'measurement:edit', 'metingen invoeren voor dit plan');
    return { plan, indicator: found.indicator };
  }

  private async assertMay(actor: Actor, plan: Plan, permission: Permission, what: string): Promise<void> {
    assertMayInAll(actor, permission, await this.deps.planRepository.municipalityIdsOfPlan(plan.id), what);
  }

  private async firstMunicipalityId(plan: Plan): Promise<string | null> {
    return (await this.deps.planRepository.municipalityIdsOfPlan(plan.id))[0] ?? null;
  }

  private async recordWithAudit(
    actor: Actor,
    plan: Plan,
    inputs: MeasurementInput[],
    action: string,
    after: unknown,
  ): Promise<RecordCounts> {
    const municipalityId = await this.firstMunicipalityId(plan);
    return this.deps.transact(async ({ measurements, audit }) => {
      const counts = await measurements.record(plan.id, inputs, auditActor(actor));
      await audit.record({
        actor: auditActor(actor),
        action,
        objectType: 'plan',
        objectId: plan.id,
        municipalityId,
        before: null,
        after: { ...(after as object), ...counts },
        ip: actor.ip ?? null,
      });
      return counts;
    });
  }
}

export function isPlanId(value: string): boolean {
  return UUID.test(value);
}

/** Every indicator of the plan with its theme (null for plan-wide ones), in plan order. */
export function allIndicators(plan: Plan): { indicator: StoredIndicator; theme: IndicatorMonitor['theme'] }[] {
  return [
    ...plan.indicators.map((indicator) => ({ indicator, theme: null })),
    ...plan.themes.flatMap((theme) =>
      theme.indicators.map((indicator) => ({
        indicator,
        theme: { key: theme.key, name: theme.name, number: theme.number, kind: theme.kind },
      })),
    ),
  ];
}

function indicatorMonitor(indicator: StoredIndicator, theme: IndicatorMonitor['theme'], measurements: Measurement[]): IndicatorMonitor {
  const own = measurements.filter((measurement) => measurement.indicatorId === indicator.id);
  const baseline = { value: indicator.baselineValue, year: indicator.baselineYear };
  const target = { comparison: indicator.targetComparison, value: indicator.targetValue, year: indicator.targetYear };
  const yearly = own.filter((measurement) => measurement.period.kind === 'year');
  const known = yearly.flatMap((measurement) =>
    measurement.value === null ? [] : [{ year: measurement.period.year, value: measurement.value }],
  );
  const projection = projectTo(known, indicator.targetYear);
  return {
    indicator,
    theme,
    years: yearly.map((measurement) => ({
      year: measurement.period.year,
      value: measurement.value,
      suppressed: measurement.suppressed,
      status:
        measurement.value === null ? 'no_data' : statusOf(baseline, target, { year: measurement.period.year, value: measurement.value }),
      measurement,
    })),
    subYear: own.filter((measurement) => measurement.period.kind !== 'year').reverse(),
    current: currentStatus(baseline, target, known),
    path: pathLine(baseline, target),
    projection,
    projectedStatus: projectedStatus(baseline, target, projection),
    binding: indicator.binding
      ? [
          describeSeries(indicator.binding.numerator),
          indicator.binding.denominator
            ? `gedeeld door ${describeSeries(indicator.binding.denominator)} × ${indicator.binding.scale}`
            : null,
        ]
          .filter(Boolean)
          .join(', ')
      : null,
  };
}

/** The tables a refresh pulls: the police tables per wijk (whole cube of the municipalities), the population, and every bound table. */
export function pullsOf(plan: Plan): TablePull[] {
  const municipalities = plan.municipalities.map((municipality) => municipality.code);
  const specs: SeriesSpec[] = [POPULATION_TOTAL, POPULATION_YOUTH_12_17];
  for (const { indicator } of allIndicators(plan)) {
    if (!indicator.binding) continue;
    specs.push(indicator.binding.numerator);
    if (indicator.binding.denominator) specs.push(indicator.binding.denominator);
  }
  const pulls = new Map<string, TablePull>();
  for (const series of [POLICE_CRIME, POLICE_NUISANCE]) {
    pulls.set(`${series.service}/${series.table}`, {
      service: series.service,
      table: series.table,
      topics: [series.topic],
      municipalities,
      codes: null,
    });
  }
  // Other tables: one pull per series, so a code the source does not know stops that series only.
  for (const spec of specs) {
    const police = POLICE_AREA_TABLES.includes(spec.table);
    const dimensions = Object.fromEntries(Object.entries(spec.dimensions).sort(([a], [b]) => a.localeCompare(b)));
    const key = police ? `${spec.service}/${spec.table}` : `${spec.service}/${spec.table}/${JSON.stringify(dimensions)}`;
    const pull = pulls.get(key) ?? {
      service: spec.service,
      table: spec.table,
      topics: [],
      municipalities,
      codes: police ? null : dimensions,
    };
    if (!pull.topics.includes(spec.topic)) pull.topics.push(spec.topic);
    pulls.set(key, pull);
  }
  return [...pulls.values()];
}

function sumAcross(perMunicipality: YearTotal[][]): YearTotal[] {
  if (perMunicipality.length === 1) return perMunicipality[0] ?? [];
  const years = [...new Set(perMunicipality.flatMap((totals) => totals.map((total) => total.year)))].sort((a, b) => a - b);
  return years.flatMap((year) => {
    const parts = perMunicipality.map((totals) => totals.find((total) => total.year === year));
    if (parts.some((part) => part === undefined)) return [];
    const present = parts as YearTotal[];
    const suppressed = present.some((part) => part.suppressed);
    return [
      {
        year,
        value: suppressed ? null : present.reduce((sum, part) => sum + (part.value ?? 0), 0),
        suppressed,
        status: present.reduce<PeriodStatus | null>((worst, part) => worstStatus(worst, part.status), null),
        periods: [...new Set(present.flatMap((part) => part.periods))],
      },
    ];
  });
}

function worstStatus(a: PeriodStatus | null, b: PeriodStatus | null): PeriodStatus | null {
  const rank = (status: PeriodStatus | null) =>
    status === 'voorlopig' ? 3 : status === 'nader-voorlopig' ? 2 : status === 'definitief' ? 1 : 0;
  return rank(a) >= rank(b) ? a : b;
}

function fileIndicator(indicator: StoredIndicator): MeasurementFileIndicator {
  return { key: indicator.key, name: indicator.name, unit: indicator.unit };
}

/** For a rate entered as numerator and denominator, the value is derived from them; both are kept. */
function derivedValue(
  indicator: StoredIndicator,
  input: { value: number | null; suppressed: boolean; numerator: number | null; denominator: number | null },
): Pick<MeasurementInput, 'value' | 'suppressed' | 'numerator' | 'denominator'> {
  if (input.suppressed) return { value: null, suppressed: true, numerator: null, denominator: null };
  if (input.numerator !== null && input.denominator !== null) {
    const scale = indicator.unit === 'per_1000_inhabitants' ? 1000 : indicator.unit === 'percentage' ? 100 : 1;
    return {
      value: (input.numerator / input.denominator) * scale,
      suppressed: false,
      numerator: input.numerator,
      denominator: input.denominator,
    };
  }
  return { value: input.value, suppressed: false, numerator: input.numerator, denominator: input.denominator };
}

function checkManual(indicator: StoredIndicator, input: ManualMeasurement): { path: string; message: string }[] {
  const problems: { path: string; message: string }[] = [];
  const hasRate = input.numerator !== null || input.denominator !== null;
  if (input.suppressed && (input.value !== null || hasRate))
    problems.push({ path: 'waarde', message: 'een afgeschermde meting heeft geen waarde' });
  if (!input.suppressed && input.value === null && (input.numerator === null || input.denominator === null)) {
    problems.push({ path: 'waarde', message: 'geef een waarde, of teller en noemer' });
  }
  if ((input.numerator === null) !== (input.denominator === null))
    problems.push({ path: 'noemer', message: 'teller en noemer horen bij elkaar' });
  if (input.denominator !== null && input.denominator <= 0) problems.push({ path: 'noemer', message: 'moet groter dan 0 zijn' });
  if (input.numerator !== null && input.numerator < 0) problems.push({ path: 'teller', message: 'mag niet negatief zijn' });
  const value = input.value;
  if (value !== null) {
    if (indicator.unit === 'percentage' && (value < 0 || value > 100))
      problems.push({ path: 'waarde', message: 'moet een percentage van 0 tot en met 100 zijn' });
    if (indicator.unit === 'grade' && (value < 1 || value > 10))
      problems.push({ path: 'waarde', message: 'moet een rapportcijfer van 1 tot en met 10 zijn' });
    if ((indicator.unit === 'count' || indicator.unit === 'per_1000_inhabitants') && value < 0)
      problems.push({ path: 'waarde', message: 'mag niet negatief zijn' });
  }
  return problems;
}

function pickMunicipality(plan: Plan, code: string | undefined): { code: string; name: string } {
  const found = code ? plan.municipalities.find((municipality) => municipality.code === code) : plan.municipalities[0];
  if (!found) throw new NotFoundError('Gemeente', code ?? '');
  return found;
}

function range(from: number, to: number): number[] {
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
