/**
 * Refreshing a plan's open data: pulls every table the plan needs (its
 * bindings, the police figures per wijk, the population) table by table, goes
 * on when one fails, and derives the indicators' yearly measurements from the
 * stored series, summed over the plan's municipalities.
 */
import { ValidationError } from '../../domain/errors.js';
import type { PeriodStatus } from '../../domain/periods.js';
import type { Plan, StoredIndicator } from '../../domain/plan.js';
import { unitScale } from '../../domain/units.js';
import type { CbsClient } from '../../opendata/cbs-client.js';
import { type Actor, actorLabel, auditActor } from '../accounts/actor.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { allIndicators } from './indicator-monitor.js';
import type { MeasurementInput, RecordCounts } from './measurement.repository.js';
import type { OpenDataRepository } from './open-data.repository.js';
import { importTable, type PullProgressEvent, type TableImportResult, type TablePull } from './open-data-import.js';
import { categoryKeysOf, describeSeries, type SeriesSpec } from './series.js';
import { POLICE_AREA_TABLES, POLICE_CRIME, POLICE_NUISANCE, POPULATION_TOTAL, POPULATION_YOUTH_12_17 } from './standard-series.js';
import { type Cell, type YearTotal, yearTotals } from './year-totals.js';

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

/** What a refresh works with: the database and the source. */
export interface RefreshDependencies {
  uow: UnitOfWork;
  /** null where no open-data service is configured (refreshing then says so). */
  cbs: CbsClient | null;
}

/**
 * Fetches every open-data series the plan needs (its bindings, the police
 * figures per wijk and the population) and derives the indicators' yearly
 * measurements from them. The caller has checked that the actor may refresh the plan.
 * When `signal` fires (the job was cancelled, or its instance stops), the refresh
 * stops at the next page or step with the signal's reason: the table being pulled
 * keeps what was stored, and no measurements are derived.
 */
export async function refreshOpenData(
  deps: RefreshDependencies,
  actor: Actor,
  plan: Plan,
  onProgress: (progress: RefreshProgress) => void,
  signal?: AbortSignal,
): Promise<RefreshResult> {
  const cbs = deps.cbs;
  if (!cbs) throw new ValidationError('Er is geen open-databron ingesteld', []);
  const pulls = pullsOf(plan);
  const steps = pulls.length + 1;
  const tables: TableImportResult[] = [];
  const failures: RefreshFailure[] = [];
  for (const [index, pull] of pulls.entries()) {
    signal?.throwIfAborted();
    onProgress({ step: index + 1, steps, table: pull.table, rows: 0, message: `Tabel ${pull.table} ophalen` });
    try {
      tables.push(
        // The pull stages page by page and swaps in with a transaction of its own: it runs outside a unit of work.
        await deps.uow.read(({ openData }) =>
          importTable(
            cbs,
            openData,
            pull,
            actorLabel(actor),
            (event: PullProgressEvent) =>
              onProgress({
                step: index + 1,
                steps,
                table: event.table,
                rows: event.rows,
                message: `Tabel ${event.table}: ${event.rows} rijen`,
              }),
            signal,
          ),
        ),
      );
    } catch (error) {
      // One table that fails (the service is down, a code it does not know) leaves the others and what was stored.
      if (!(error instanceof Error) || signal?.aborted) throw error;
      failures.push({ table: pull.table, message: error.message });
    }
  }
  signal?.throwIfAborted();
  if (tables.length === 0 && failures.length > 0) {
    throw new OpenDataRefreshError(
      `Geen enkele tabel kon worden opgehaald:\n${failures.map((failure) => `  ${failure.table}: ${failure.message}`).join('\n')}`,
    );
  }
  onProgress({ step: steps, steps, table: null, rows: 0, message: 'Metingen afleiden' });
  const inputs = await deps.uow.read(({ openData }) => derivedMeasurements(openData, plan, tables));
  const measurements = await deps.uow.write(async ({ measurements: repository, audit, plans }) => {
    const municipalityId = (await plans.municipalityIdsOfPlan(plan.id))[0] ?? null;
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

/** The indicators' yearly measurements from their bound series as now stored. */
async function derivedMeasurements(openData: OpenDataRepository, plan: Plan, tables: TableImportResult[]): Promise<MeasurementInput[]> {
  const inputs: MeasurementInput[] = [];
  const codes = plan.municipalities.map((municipality) => municipality.code);
  for (const { indicator } of allIndicators(plan)) {
    const binding = indicator.binding;
    if (!binding) continue;
    const numerator = await seriesTotals(openData, binding.numerator, codes);
    const denominator = binding.denominator ? await seriesTotals(openData, binding.denominator, codes) : null;
    for (const total of numerator.totals) {
      const below = denominator?.totals.find((candidate) => candidate.year === total.year);
      if (denominator && !below) continue;
      const importOf = (table: string) => tables.find((candidate) => candidate.table === table);
      const suppressed = total.suppressed || (below?.suppressed ?? false);
      // The scale follows the indicator's unit (the plan document's schaal must agree with it).
      const scale = unitScale(indicator.unit) ?? binding.scale;
      const value =
        suppressed || total.value === null
          ? null
          : below && scale !== null && below.value !== null
            ? (total.value / below.value) * scale
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
                schaal: scale,
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
async function seriesTotals(
  openData: OpenDataRepository,
  spec: SeriesSpec,
  municipalityCodes: string[],
): Promise<{ totals: YearTotal[]; modified: string | null }> {
  const table = await openData.findTable(spec.service, spec.table);
  if (!table) return { totals: [], modified: null };
  const dimensionOrder = await openData.categoryDimensions(table.id, Object.keys(spec.dimensions));
  const categories = categoryKeysOf(spec, dimensionOrder);
  const statuses = await openData.periodStatuses(table.id);
  const perMunicipality = await Promise.all(
    municipalityCodes.map(async (code) =>
      yearTotals(
        (await openData.observations(table.id, [code], categories, spec.topic)) as Cell[],
        categories,
        (key) => statuses.get(key) ?? null,
      ),
    ),
  );
  const modified = await openData.latestModified(table.id);
  return { totals: sumAcross(perMunicipality), modified };
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
    const dimensions = sortedDimensions(spec.dimensions);
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

/** The plan's indicators fed by a pull: their numerator or denominator is a series the pull fetches. */
export function indicatorsFedBy(plan: Plan, pull: TablePull): StoredIndicator[] {
  const fetches = (spec: SeriesSpec) =>
    spec.service === pull.service &&
    spec.table === pull.table &&
    (pull.codes === null || JSON.stringify(sortedDimensions(spec.dimensions)) === JSON.stringify(sortedDimensions(pull.codes)));
  return allIndicators(plan)
    .map(({ indicator }) => indicator)
    .filter(({ binding }) => binding && (fetches(binding.numerator) || (binding.denominator !== null && fetches(binding.denominator))));
}

function sortedDimensions(dimensions: Record<string, string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(dimensions).sort(([a], [b]) => a.localeCompare(b)));
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
