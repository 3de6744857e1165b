/**
 * Monitoring a plan: its indicators with their measurements and status
 * against target, refreshing the bound open-data series, measurements entered
 * by hand or by file, written assessments of qualitative themes, the tactical
 * view on the monthly police figures, the figures per wijk and the five BBV
 * indicators. Every call takes an actor; reading follows the plan's scope,
 * writing needs measurement:edit and refreshing opendata:import. The work
 * itself is in indicator-monitor.ts (one indicator's read model and entry
 * checks), open-data-refresh.ts (the refresh) and police-figures.ts (the
 * tactical, wijk and BBV views); this class reads the plan, checks access and
 * records with an audit entry.
 */

import { SharedReads } from '../../db/shared-reads.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import type { IndicatorStatus, Judgement } from '../../domain/indicator-status.js';
import { formatPeriod } from '../../domain/periods.js';
import type { Plan, StoredIndicator, StoredTheme } from '../../domain/plan.js';
import { assessmentYearProblem } from '../../domain/plan-years.js';
import type { CbsClient } from '../../opendata/cbs-client.js';
import { assertMayInAll, mayInAll, type Permission } from '../accounts/access.policy.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import { parseMeasurementFile } from '../measurements/measurement-file.js';
import { measurementTemplateCsv, measurementTemplateXlsx } from '../measurements/measurement-template.js';
import type { PlanReader, PlanReadOptions } from '../plans/plan.service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { type FetchFailure, type FetchRecord, latestFetches } from './fetch-state.js';
import {
  allIndicators,
  checkManual,
  derivedValue,
  fileIndicator,
  type IndicatorMonitor,
  indicatorMonitor,
  type ManualMeasurement,
} from './indicator-monitor.js';
import type { Assessment, Measurement, MeasurementInput, RecordCounts } from './measurement.repository.js';
import { type RefreshProgress, type RefreshResult, refreshOpenData } from './open-data-refresh.js';
import { type BbvView, bbvView, type DistrictView, districtView, range, type TacticalView, tacticalView } from './police-figures.js';

export interface MonitoringDependencies {
  uow: UnitOfWork;
  plans: PlanReader;
  /** null where no open-data service is configured (refreshing then says so). */
  cbs: CbsClient | null;
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
  /** The latest attempts to fetch the plan's tables, newest first; a fetch that failed before its import began has no Modified date. */
  imports: FetchRecord[];
  /** The plan's tables whose latest fetch failed: what they hold stays as it was, or is missing. */
  failures: FetchFailure[];
  may: { edit: boolean; refresh: boolean };
}

export class MonitoringService {
  private readonly currentMeasurements = new SharedReads<Measurement[]>();
  private readonly statusesOf = new WeakMap<Measurement[], WeakMap<object, Map<string, IndicatorStatus>>>();

  constructor(private readonly deps: MonitoringDependencies) {}

  /** With `read.asOf`, the plan's indicators and themes as they stood on that date (the measurements are all there are). */
  async monitor(actor: Actor, planId: string, read: PlanReadOptions = {}): Promise<MonitorView> {
    const plan = await this.deps.plans.getPlan(actor, planId, read);
    const [measurements, assessments, municipalityIds] = await this.deps.uow.read(({ measurements, plans }) =>
      Promise.all([measurements.currentOfPlan(plan.id), measurements.currentAssessments(plan.id), plans.municipalityIdsOfPlan(plan.id)]),
    );
    const indicators = allIndicators(plan).map(({ indicator, theme }) => indicatorMonitor(indicator, theme, measurements));
    const qualitativeThemes = plan.themes
      .filter((theme) => theme.indicators.length === 0)
      .map((theme) => {
        const own = assessments.filter((assessment) => assessment.themeId === theme.id).sort((a, b) => a.year - b.year);
        return { theme, assessments: own, current: own.at(-1) ?? null };
      });
    const { imports, failures } = await this.deps.uow.read(({ openData }) => latestFetches(openData, plan));
    return {
      plan,
      indicators,
      qualitativeThemes,
      imports,
      failures,
      may: { edit: mayInAll(actor, 'measurement:edit', municipalityIds), refresh: mayInAll(actor, 'opendata:import', municipalityIds) },
    };
  }

  /**
   * Each indicator's status now, by key, for a plan the caller has read for its
   * actor already (the overview and theme pages): the plan's current
   * measurements in one query, shared by the requests for the plan that
   * arrive together (see shared-read.ts).
   */
  async currentStatuses(plan: Plan): Promise<Map<string, IndicatorStatus>> {
    const measurements = await this.currentMeasurements.read(plan.id, () =>
      this.deps.uow.read(({ measurements }) => measurements.currentOfPlan(plan.id)),
    );
    // The requests that shared one read of the measurements share the statuses too, per content of the plan (the
    // plan cache hands out one content per version or snapshot; its themes are the same array in every copy).
    const byContent = this.statusesOf.get(measurements) ?? new WeakMap<object, Map<string, IndicatorStatus>>();
    this.statusesOf.set(measurements, byContent);
    const known = byContent.get(plan.themes);
    if (known) return known;
    const statuses = new Map(
      allIndicators(plan).map(({ indicator, theme }) => [indicator.key, indicatorMonitor(indicator, theme, measurements).current.status]),
    );
    byContent.set(plan.themes, statuses);
    return statuses;
  }

  async indicator(
    actor: Actor,
    planId: string,
    indicatorKey: string,
    read: PlanReadOptions = {},
  ): Promise<{ monitor: IndicatorMonitor; history: Measurement[]; plan: Plan; may: { edit: boolean } }> {
    const plan = await this.deps.plans.getPlan(actor, planId, read);
    const found = allIndicators(plan).find(({ indicator }) => indicator.key === indicatorKey);
    if (!found) throw new NotFoundError('Indicator', indicatorKey);
    const [measurements, history, municipalityIds] = await this.deps.uow.read((repos) =>
      Promise.all([
        repos.measurements.currentOfPlan(plan.id),
        repos.measurements.historyOfIndicator(plan.id, found.indicator.id),
        repos.plans.municipalityIdsOfPlan(plan.id),
      ]),
    );
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
    assertMayInAll(actor, 'opendata:import', await this.municipalityIdsOf(plan), 'de cijfers van dit plan vernieuwen');
    return plan;
  }

  /**
   * Fetches every open-data series the plan needs (its bindings, the police
   * figures per wijk and the population) and derives the indicators' yearly
   * measurements from them. When `signal` fires, it stops at the next page or step.
   */
  async refresh(
    actor: Actor,
    planId: string,
    onProgress: (progress: RefreshProgress) => void = () => {},
    signal?: AbortSignal,
  ): Promise<RefreshResult> {
    const plan = await this.assertMayRefresh(actor, planId);
    return refreshOpenData(this.deps, actor, plan, onProgress, signal);
  }

  async recordMeasurement(actor: Actor, planId: string, indicatorKey: string, input: ManualMeasurement): Promise<RecordCounts> {
    const { plan, indicator } = await this.editableIndicator(actor, planId, indicatorKey);
    const problems = checkManual(indicator, plan, input);
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
    const parsed = await parseMeasurementFile(
      file,
      indicators.map((indicator) => fileIndicator(indicator, plan)),
    );
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
    const indicators = allIndicators(plan).map(({ indicator }) => fileIndicator(indicator, plan));
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
    const outside = assessmentYearProblem(input.year, plan);
    if (outside) throw new ValidationError('De beoordeling is ongeldig', [{ path: 'jaar', message: outside }]);
    const municipalityId = await this.firstMunicipalityId(plan);
    return this.deps.uow.write(async ({ measurements, audit }) => {
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

  async tactical(
    actor: Actor,
    planId: string,
    options: { municipality?: string; code?: string },
    read: PlanReadOptions = {},
  ): Promise<TacticalView> {
    const plan = await this.deps.plans.getPlan(actor, planId, read);
    return this.deps.uow.read(({ openData }) => tacticalView(openData, plan, options));
  }

  async districts(
    actor: Actor,
    planId: string,
    options: { municipality?: string; source?: 'misdrijven' | 'overlast'; code?: string; year?: number },
    read: PlanReadOptions = {},
  ): Promise<DistrictView & { codes: { code: string; title: string }[] }> {
    const plan = await this.deps.plans.getPlan(actor, planId, read);
    return this.deps.uow.read(({ openData }) => districtView(openData, plan, options));
  }

  async bbv(actor: Actor, planId: string, read: PlanReadOptions = {}): Promise<BbvView> {
    const plan = await this.deps.plans.getPlan(actor, planId, read);
    const figures = await this.deps.uow.read((repos) =>
      bbvView({ openData: repos.openData, measurements: repos.measurements, planRepository: repos.plans }, plan),
    );
    // Halt referrals are the municipality's own figure: entered for each municipality by those who may edit its measurements.
    const editable = figures.municipalities.filter((municipality) => mayInAll(actor, 'measurement:edit', [municipality.id]));
    return { ...figures, may: { edit: editable.length > 0, municipalities: editable.map((municipality) => municipality.code) } };
  }

  async recordBbvEntry(actor: Actor, planId: string, input: { municipality: string; year: number; value: number }): Promise<void> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const [municipality] = await this.deps.uow.read(({ plans }) => plans.findMunicipalities([input.municipality]));
    if (!municipality || !plan.municipalities.some((candidate) => candidate.code === input.municipality)) {
      throw new ValidationError('De invoer is ongeldig', [
        { path: 'gemeente', message: `gemeente ${input.municipality} hoort niet bij dit plan` },
      ]);
    }
    assertMayInAll(actor, 'measurement:edit', [municipality.id], 'BBV-cijfers invoeren voor deze gemeente');
    await this.deps.uow.write(async ({ measurements, audit }) => {
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

  private async editableIndicator(actor: Actor, planId: string, indicatorKey: string): Promise<{ plan: Plan; indicator: StoredIndicator }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const found = allIndicators(plan).find(({ indicator }) => indicator.key === indicatorKey);
    if (!found) throw new NotFoundError('Indicator', indicatorKey);
    await this.assertMay(actor, plan, 'measurement:edit', 'metingen invoeren voor dit plan');
    return { plan, indicator: found.indicator };
  }

  private async assertMay(actor: Actor, plan: Plan, permission: Permission, what: string): Promise<void> {
    assertMayInAll(actor, permission, await this.municipalityIdsOf(plan), what);
  }

  private async firstMunicipalityId(plan: Plan): Promise<string | null> {
    return (await this.municipalityIdsOf(plan))[0] ?? null;
  }

  private municipalityIdsOf(plan: Plan): Promise<string[]> {
    return this.deps.uow.read(({ plans }) => plans.municipalityIdsOfPlan(plan.id));
  }

  private async recordWithAudit(
    actor: Actor,
    plan: Plan,
    inputs: MeasurementInput[],
    action: string,
    after: unknown,
  ): Promise<RecordCounts> {
    const municipalityId = await this.firstMunicipalityId(plan);
    return this.deps.uow.write(async ({ measurements, audit }) => {
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
