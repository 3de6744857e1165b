/**
 * How a plan's municipality stands beside similar municipalities: the
 * reference group chosen from CBS's size and urbanisation figures (or picked
 * by hand, or the whole country), and per theme the registered crime per
 * 1,000 inhabitants against the group and the Netherlands (group-comparison.ts).
 *
 * Reading uses only what Koers has stored. Pulling the figures the group
 * needs is a background job ("Haal cijfers op") that imports the tables the
 * way a plan's refresh does: only when the source changed, with history and
 * progress, one table failing leaving the other.
 */
import { catalogueEdition } from '../../catalogue/kernbeleid-veiligheid.js';
import { NotFoundError, ValidationError } from '../../domain/errors.js';
import { comparedCodes, compareThemes, countKey, type GroupChoice, type GroupComparison, groupOf } from '../../domain/group-comparison.js';
import { isUuid } from '../../domain/ids.js';
import type { Plan } from '../../domain/plan.js';
import type { MunicipalityFacts } from '../../domain/reference-group.js';
import type { CbsClient } from '../../opendata/cbs-client.js';
import { type Actor, actorLabel, auditActor } from '../accounts/actor.js';
import type { JobHandler } from '../jobs/job-runner.js';
import { type JobView, jobView } from '../jobs/job-view.js';
import { KeptFigures } from '../monitoring/kept-figures.js';
import type { MonitoringService } from '../monitoring/monitoring.service.js';
import type { OpenDataRepository } from '../monitoring/open-data.repository.js';
import { importTable, type TableImportResult, type TablePull } from '../monitoring/open-data-import.js';
import type { PlanReader } from '../plans/plan.service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { type KeyFigures, readKeyFigures, resolveNames, yearOf } from './key-figures.js';
import {
  CRIME_PER_MUNICIPALITY,
  KEY_FIGURES,
  keyFiguresPull,
  NETHERLANDS,
  NUISANCE_PER_MUNICIPALITY,
  PER_MUNICIPALITY,
  policePull,
} from './similar-municipalities-series.js';

/** The code of all registered crime (SoortMisdrijf) or nuisance (Overlast). */
const ALL_CODE = '0.0.0';

export const SIMILAR_MUNICIPALITIES_PULL_JOB = 'similar-municipalities-pull';

export interface ComparisonOptions {
  municipality?: string;
  year?: number;
  group?: GroupChoice;
}

export interface ComparisonView extends GroupComparison {
  plan: Plan;
  municipality: { code: string; name: string };
  choice: GroupChoice;
  /** The municipality's own size and urbanisation; null before the key figures are pulled. */
  target: MunicipalityFacts | null;
  /** The year compared, and every year with a figure of the municipality; null and empty before the figures are pulled. */
  year: number | null;
  years: number[];
  /** 'voorlopig' when the police still call the year's figures provisional. */
  yearStatus: string | null;
  /** What is stored: the key figures (size and urbanisation), the crime figures, the nuisance figures. */
  stored: { keyFigures: boolean; crime: boolean; nuisance: boolean };
  /** Every municipality with key figures, by name, for picking a group by hand. */
  municipalities: { code: string; name: string }[];
}

export interface ComparisonPullResult {
  tables: TableImportResult[];
  failures: { table: string; message: string }[];
  members: number;
}

export class SimilarMunicipalitiesService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly deps: { plans: PlanReader; monitoring: MonitoringService; cbs: CbsClient | null },
  ) {}

  /** Every municipality's key figures as last read, kept while no import changes 70072ned. */
  private readonly kept = new KeptFigures<KeyFigures>(1);

  /** The key figures, read again only when an import changed the table (one small query says so, whichever instance imported). */
  private async keyFigures(openData: OpenDataRepository): Promise<KeyFigures> {
    const stamp = await openData.dataStamp([{ service: KEY_FIGURES.service, table: KEY_FIGURES.table }]);
    return this.kept.get(KEY_FIGURES.table, stamp, () => readKeyFigures(openData));
  }

  plan(actor: Actor, planId: string): Promise<Plan> {
    return this.deps.plans.getPlan(actor, planId);
  }

  /** Whether the actor may fetch the comparison's figures: whoever may refresh the plan's figures. */
  async mayPull(actor: Actor, planId: string): Promise<boolean> {
    try {
      await this.deps.monitoring.assertMayRefresh(actor, planId);
      return this.deps.cbs !== null;
    } catch (error) {
      if (error instanceof NotFoundError) throw error;
      return false;
    }
  }

  async comparison(actor: Actor, planId: string, options: ComparisonOptions = {}): Promise<ComparisonView> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const municipality = municipalityOf(plan, options.municipality);
    const requested = options.group ?? { kind: 'auto' };
    const edition = catalogueEdition(plan.catalogueEdition) ?? catalogueEdition('2017');
    const themes = (edition?.themes ?? []).map((theme) => ({ code: theme.code, name: theme.name }));
    return this.uow.read(async ({ openData }) => {
      const keyFigures = await this.keyFigures(openData);
      const municipalities = keyFigures.facts
        .map((fact) => ({ code: fact.code, name: fact.name }))
        .sort((a, b) => a.name.localeCompare(b.name, 'nl'));
      const choice = resolveNames(requested, keyFigures.facts);
      const target = keyFigures.facts.find((fact) => fact.code === municipality.code) ?? null;
      const crimeTable = await openData.findTable(CRIME_PER_MUNICIPALITY.service, CRIME_PER_MUNICIPALITY.table);
      const nuisanceTable = await openData.findTable(NUISANCE_PER_MUNICIPALITY.service, NUISANCE_PER_MUNICIPALITY.table);
      const empty = {
        group: { members: [], sizeClasses: [0, 0] as [number, number], urbanisation: [0, 0] as [number, number], steps: [] },
        themes: [],
        notPulled: [],
      };
      const base = {
        plan,
        municipality,
        choice,
        target,
        municipalities,
        stored: { keyFigures: keyFigures.facts.length > 0, crime: Boolean(crimeTable), nuisance: Boolean(nuisanceTable) },
      };
      if (!target) return { ...base, ...empty, year: null, years: [], yearStatus: null };
      const group = groupOf(target, keyFigures.facts, choice);
      const regions = [target.code, ...group.members.map((member) => member.code), NETHERLANDS];
      // The years come from the municipality's own total of crime; then only the year compared is read, of every region.
      const own = crimeTable ? await openData.observations(crimeTable.id, [target.code], [ALL_CODE], CRIME_PER_MUNICIPALITY.topic) : [];
      const statuses = crimeTable ? await openData.periodStatuses(crimeTable.id) : new Map();
      const years = [...new Set(own.filter((cell) => cell.value !== null).flatMap((cell) => yearOf(cell.periodKey) ?? []))].sort(
        (a, b) => a - b,
      );
      const definitive = years.filter((year) => (statuses.get(`${year}JJ00`) ?? 'definitief') === 'definitief');
      const year = options.year ?? definitive.at(-1) ?? years.at(-1) ?? null;
      if (options.year !== undefined && !years.includes(options.year) && years.length > 0) {
        throw new ValidationError('Voor dit jaar zijn er geen cijfers', [
          { path: 'jaar', message: `kies een jaar van ${years[0]} tot en met ${years.at(-1)}` },
        ]);
      }
      if (year === null || !crimeTable) return { ...base, ...empty, group, year: null, years, yearStatus: null };
      const period = `${year}JJ00`;
      const counts = new Map<string, Map<string, number | null>>();
      for (const [source, table] of [
        ['misdrijven', crimeTable],
        ['overlast', nuisanceTable],
      ] as const) {
        if (!table) continue;
        const { topic } = PER_MUNICIPALITY[source];
        const cells =
          choice.kind === 'all'
            ? [
                ...(await openData.observationsOfLevel(table.id, 'GM', topic, period)),
                ...(await openData.observations(table.id, [NETHERLANDS], comparedCodes(source), topic, period)),
              ]
            : await openData.observations(table.id, regions, comparedCodes(source), topic, period);
        for (const cell of cells) {
          const perCode = counts.get(cell.regionKey) ?? new Map<string, number | null>();
          perCode.set(countKey(source, cell.categoryKey), cell.value);
          counts.set(cell.regionKey, perCode);
        }
      }
      const population = new Map<string, number>();
      for (const [region, perYear] of keyFigures.population) {
        const value = perYear.get(year);
        if (value !== undefined) population.set(region, value);
      }
      const comparison = compareThemes({ target, facts: keyFigures.facts, choice, themes, counts, population });
      return { ...base, ...comparison, year, years, yearStatus: statuses.get(period) ?? null };
    });
  }

  /** Queues the pull of the figures the comparison needs; a pull already waiting or running for the plan is the one returned. */
  async startPull(actor: Actor, planId: string, options: ComparisonOptions = {}): Promise<{ jobId: string }> {
    const plan = await this.deps.monitoring.assertMayRefresh(actor, planId);
    const municipality = municipalityOf(plan, options.municipality);
    const requested = options.group ?? { kind: 'auto' };
    // Names are looked up in the key figures; before those are stored the job looks them up once it has fetched them.
    const facts = requested.kind === 'hand' ? (await this.uow.read(({ openData }) => this.keyFigures(openData))).facts : [];
    const group =
      requested.kind === 'hand' && (facts.length > 0 || requested.codes.length === 0) ? resolveNames(requested, facts) : requested;
    const by = auditActor(actor);
    return this.uow.write(async ({ jobs }) => {
      const job = await jobs.enqueue({
        kind: SIMILAR_MUNICIPALITIES_PULL_JOB,
        planId: plan.id,
        payload: { planId: plan.id, municipality: municipality.code, group },
        createdBy: by.id,
        createdByLabel: by.label,
      });
      return { jobId: job.id };
    });
  }

  /** A pull of the plan, for whoever may pull. */
  async job(actor: Actor, planId: string, jobId: string): Promise<JobView> {
    await this.deps.monitoring.assertMayRefresh(actor, planId);
    const job = isUuid(jobId) ? await this.uow.read(({ jobs }) => jobs.find(jobId)) : undefined;
    if (!job || job.planId !== planId || job.kind !== SIMILAR_MUNICIPALITIES_PULL_JOB) throw new NotFoundError('Taak', jobId);
    return jobView(job);
  }

  /**
   * Pulls the key figures of every municipality, chooses the group from them,
   * then pulls the crime figures of the municipality, its group and the
   * Netherlands. A table that fails leaves what was stored of it; when both
   * fail, the pull fails. Recorded in the audit trail.
   */
  async pull(
    actor: Actor,
    planId: string,
    options: ComparisonOptions,
    onProgress: (done: number, total: number, message: string) => void,
    signal?: AbortSignal,
  ): Promise<ComparisonPullResult> {
    const plan = await this.deps.monitoring.assertMayRefresh(actor, planId);
    const cbs = this.deps.cbs;
    if (!cbs) throw new ValidationError('Er is geen open-databron ingesteld', []);
    const municipality = municipalityOf(plan, options.municipality);
    const tables: TableImportResult[] = [];
    const failures: { table: string; message: string }[] = [];
    const run = async (step: number, pull: TablePull) => {
      signal?.throwIfAborted();
      onProgress(step, 4, `Tabel ${pull.table} ophalen`);
      try {
        tables.push(
          await this.uow.read(({ openData }) =>
            importTable(
              cbs,
              openData,
              pull,
              actorLabel(actor),
              (event) => onProgress(step, 4, `Tabel ${event.table}: ${event.rows} rijen`),
              signal,
            ),
          ),
        );
      } catch (error) {
        if (!(error instanceof Error) || signal?.aborted) throw error;
        failures.push({ table: pull.table, message: error.message });
      }
    };
    await run(0, keyFiguresPull());
    onProgress(1, 4, 'Vergelijkbare gemeenten kiezen');
    const keyFigures = await this.uow.read(({ openData }) => readKeyFigures(openData));
    const target = keyFigures.facts.find((fact) => fact.code === municipality.code);
    if (!target) {
      throw new ValidationError(
        failures.length > 0
          ? `De kerncijfers konden niet worden opgehaald: ${failures.map((failure) => failure.message).join('; ')}`
          : `CBS-tabel ${KEY_FIGURES.table} heeft geen inwonertal of stedelijkheid van ${municipality.name}`,
        [],
      );
    }
    let choice: GroupChoice;
    try {
      choice = resolveNames(options.group ?? { kind: 'auto' }, keyFigures.facts);
    } catch (error) {
      // A job has no form to show the fields at: the reasons go into its message.
      if (!(error instanceof ValidationError)) throw error;
      throw new ValidationError(`${error.message}: ${error.problems.map((problem) => problem.message).join('; ')}`, []);
    }
    const members = groupOf(target, keyFigures.facts, choice).members.map((member) => member.code);
    const regions = choice.kind === 'all' ? null : [target.code, ...members];
    await run(2, policePull('misdrijven', regions));
    await run(3, policePull('overlast', regions));
    signal?.throwIfAborted();
    if (tables.length === 0) {
      throw new Error(
        `Geen enkele tabel kon worden opgehaald:\n${failures.map((failure) => `  ${failure.table}: ${failure.message}`).join('\n')}`,
      );
    }
    await this.uow.write(async ({ audit, plans }) => {
      const municipalityId = (await plans.municipalityIdsOfPlan(plan.id))[0] ?? null;
      await audit.record({
        actor: auditActor(actor),
        action: 'similar-municipalities.pulled',
        objectType: 'plan',
        objectId: plan.id,
        municipalityId,
        before: null,
        after: {
          gemeente: municipality.code,
          groep: choice.kind,
          gemeenten: members.length,
          tabellen: tables.map((table) => ({
            tabel: table.table,
            ongewijzigd: table.unchanged,
            nieuw: table.rowsNew,
            herzien: table.rowsChanged,
          })),
          fouten: failures,
        },
        ip: actor.ip ?? null,
      });
    });
    onProgress(4, 4, 'Klaar');
    return { tables, failures, members: members.length };
  }

  handlers(): Record<string, JobHandler> {
    return {
      [SIMILAR_MUNICIPALITIES_PULL_JOB]: async (job, { signal, progress, log }) => {
        const payload = job.payload as { planId: string; municipality: string; group: GroupChoice };
        const actor: Actor = { kind: 'system', onBehalfOf: { id: job.createdBy, label: job.createdByLabel } };
        const result = await this.pull(
          actor,
          payload.planId,
          { municipality: payload.municipality, group: payload.group },
          (done, total, message) => progress(done, total, message),
          signal,
        );
        for (const failure of result.failures) log.warn('Tabel niet opgehaald', { table: failure.table, reason: failure.message });
        return {
          gemeenten: result.members,
          tabellen: result.tables.map((table) => ({
            tabel: table.table,
            titel: table.title,
            ongewijzigd: table.unchanged,
            rijen: table.rowsReceived,
            nieuw: table.rowsNew,
            herzien: table.rowsChanged,
            vervallen: table.rowsRemoved,
          })),
          fouten: result.failures.map((failure) => ({ tabel: failure.table, melding: failure.message })),
        };
      },
    };
  }
}

function municipalityOf(plan: Plan, code: string | undefined): { code: string; name: string } {
  const found = code ? plan.municipalities.find((candidate) => candidate.code === code) : plan.municipalities[0];
  if (!found) throw new NotFoundError('Gemeente', code ?? '', `Dit plan is niet van gemeente ${code}`);
  return found;
}
