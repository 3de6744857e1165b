/**
 * Progress reports (voortgangsrapportages): the model of a plan's year from
 * its own data, the coordinator's texts per version, and the versions
 * themselves. A concept is rendered from the data as they stand; making it
 * definitive renders every format once, and keeps the model, the texts and
 * the files with a checksum, so what was sent to the council can be
 * downloaded unchanged later. A new version follows with a reason.
 *
 * Who may: the coordinator (report:edit in every municipality of the plan)
 * makes and edits reports and sees concepts; whoever may read the plan reads
 * its definitive reports.
 */
import { createHash } from 'node:crypto';
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { changeInWords, themeKeyOfChange } from '../../domain/plan-diff.js';
import { assertMayInAll, mayInAll } from '../accounts/access.policy.js';
import { type Actor, auditActor, nameOfLabel } from '../accounts/actor.js';
import { recordPlanEvent } from '../audit/plan-audit.js';
import type { BudgetService } from '../budget/budget.service.js';
import type { MonitoringService } from '../monitoring/monitoring.service.js';
import type { WasWordtService } from '../next-plan/was-wordt.service.js';
import { wasWordtLines } from '../next-plan/was-wordt-table.js';
import { NotInForceError, type PlanReader, type PlanReadOptions } from '../plans/plan.service.js';
import type { PlanChangesService } from '../plans/plan-changes.service.js';
import type { ProgressService } from '../progress/progress.service.js';
import type { ProgressView } from '../progress/progress-view.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { REPORT_FORMATS, type ReportDocument, renderReport } from './render/render-report.js';
import type { ReportFormat, ReportVersion } from './report.repository.js';
import { buildReportModel, type ReportModel, type ReportRevision } from './report-model.js';
import { defaultTexts, MAX_REPORT_TEXT, type ReportTexts } from './report-texts.js';

export const MAX_REASON = 2000;

export interface ReportsOverview {
  plan: Plan;
  /** The years a report can be made for: the plan's period. */
  years: number[];
  /** The versions the actor may see, newest year and version first. */
  versions: ReportVersion[];
  may: { edit: boolean };
}

/** Called with each step of long work: done of total, and what it does. */
export type ReportProgress = (done: number, total: number, message: string) => void;

/** How many bytes of definitive files are held in memory at most. */
const FROZEN_CACHE_BYTES = 64 * 1024 * 1024;

export class ReportService {
  private readonly today: () => string;
  private readonly frozenFiles = new Map<string, Uint8Array>();
  private frozenBytes = 0;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly deps: {
      plans: PlanReader;
      monitoring: MonitoringService;
      progress: ProgressService;
      budget: BudgetService;
      planChanges: PlanChangesService;
      wasWordt: WasWordtService;
      /** Today as yyyy-mm-dd; a test may fix it. */
      today?: () => string;
    },
  ) {
    this.today = deps.today ?? (() => new Date().toISOString().slice(0, 10));
  }

  async overview(actor: Actor, planId: string): Promise<ReportsOverview> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const [versions, municipalityIds] = await this.uow.read(({ reports, plans }) =>
      Promise.all([reports.versions(plan.id), plans.municipalityIdsOfPlan(plan.id)]),
    );
    const edit = mayInAll(actor, 'report:edit', municipalityIds);
    return {
      plan,
      years: yearsOf(plan),
      versions: edit ? versions : versions.filter((version) => version.status === 'definitief'),
      may: { edit },
    };
  }

  /**
   * The report model of a plan over a year, from the data as they stand. The
   * reference date is the end of the year, or today while the year runs.
   */
  async model(actor: Actor, planId: string, year: number, options: { asOf?: string } = {}): Promise<ReportModel> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    assertYear(plan, year);
    const asOf = options.asOf ?? minDate(this.today(), `${year}-12-31`);
    const read = await this.planReadOn(actor, plan.id, asOf);
    const [monitor, budget, bbv, progress, revisions] = await Promise.all([
      this.deps.monitoring.monitor(actor, plan.id, read),
      this.deps.budget.overview(actor, plan.id, read),
      this.deps.monitoring.bbv(actor, plan.id, read),
      this.progressOfYear(actor, plan.id, year, asOf, read),
      this.revisionsIn(actor, plan.id, year),
    ]);
    // Was/wordt of the plan as the report shows it, against its predecessor as it stands.
    const ofPlan = await this.deps.wasWordt.ofPlan(actor, monitor.plan);
    const wasWordt = ofPlan.predecessor
      ? {
          predecessor: {
            title: ofPlan.predecessor.title,
            periodStart: ofPlan.predecessor.periodStart,
            periodEnd: ofPlan.predecessor.periodEnd,
          },
          lines: wasWordtLines(ofPlan.rows, ofPlan.themeNames),
        }
      : null;
    return buildReportModel({ year, asOf, monitor, progress, budget, bbv, revisions, wasWordt });
  }

  /**
   * The plan a report shows: as it stood on the reference date (the adopted
   * plan with the revisions in force then), so a report over an earlier year
   * shows that year's themes, indicators and activities; a concept, or a
   * plan adopted after that date, as it stands.
   */
  private async planReadOn(actor: Actor, planId: string, asOf: string): Promise<PlanReadOptions> {
    try {
      await this.deps.plans.getPlan(actor, planId, { asOf });
      return { asOf };
    } catch (error) {
      if (error instanceof NotInForceError) return {};
      throw error;
    }
  }

  /** A version as listed (without its model), for whoever may see it. */
  async version(actor: Actor, planId: string, year: number, number: number): Promise<ReportVersion> {
    return this.readableVersion(actor, planId, year, number);
  }

  /** A version with what it shows: a definitive one as frozen, a concept from the data as they stand. */
  async document(actor: Actor, planId: string, year: number, number: number): Promise<ReportDocument & { stored: ReportVersion }> {
    const version = await this.readableVersion(actor, planId, year, number);
    const frozen = version.status === 'definitief' ? await this.uow.read(({ reports }) => reports.frozenModel(version.id)) : null;
    const model = frozen ?? (await this.model(actor, planId, year));
    return { model, texts: version.texts, version: versionLabel(version), stored: version };
  }

  /**
   * What `koers report` writes when no version is named: the newest version
   * of the year if there is one, else the report from the data as they stand
   * with the prefilled texts, outside the versions.
   */
  async newestOrLive(actor: Actor, planId: string, year: number): Promise<ReportDocument & { stored: ReportVersion | null }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    assertYear(plan, year);
    const newest = (await this.uow.read(({ reports }) => reports.versions(plan.id, year)))[0];
    if (newest) return this.document(actor, planId, year, newest.number);
    const model = await this.model(actor, planId, year);
    return { model, texts: defaultTexts(model), version: null, stored: null };
  }

  /** A file of a document as `newestOrLive` or `document` gave it: a definitive version's bytes as kept, anything else rendered now. */
  async fileOf(
    document: ReportDocument & { stored: ReportVersion | null },
    format: ReportFormat,
  ): Promise<{ body: Uint8Array; fileName: string }> {
    if (document.stored?.status === 'definitief') return this.storedFile(document.stored, format);
    return { body: await renderReport(document, format), fileName: fileName(document.model.year, document.version, format) };
  }

  /**
   * A file of a definitive version, as kept. Such files never change, so the
   * latest ones asked are held in memory (up to FROZEN_CACHE_BYTES); the
   * caller has checked that the actor may read the version.
   */
  private async storedFile(version: ReportVersion, format: ReportFormat): Promise<{ body: Uint8Array; fileName: string }> {
    const name = fileName(version.year, versionLabel(version), format);
    const key = `${version.id}:${format}`;
    const kept = this.frozenFiles.get(key);
    if (kept) {
      this.frozenFiles.delete(key);
      this.frozenFiles.set(key, kept);
      return { body: kept, fileName: name };
    }
    const stored = await this.uow.read(({ reports }) => reports.file(version.id, format));
    if (!stored) throw new NotFoundError('Bestand', format, `Bij deze versie is geen ${format} bewaard`);
    this.frozenFiles.set(key, stored.content);
    this.frozenBytes += stored.content.byteLength;
    for (const [oldest, bytes] of this.frozenFiles) {
      if (this.frozenBytes <= FROZEN_CACHE_BYTES) break;
      this.frozenFiles.delete(oldest);
      this.frozenBytes -= bytes.byteLength;
    }
    return { body: stored.content, fileName: name };
  }

  /**
   * A version's file: a definitive version's as it was made (the same bytes
   * every time), a concept's rendered now.
   */
  async file(
    actor: Actor,
    planId: string,
    year: number,
    number: number,
    format: ReportFormat,
  ): Promise<{ body: Uint8Array; fileName: string }> {
    if (!REPORT_FORMATS.includes(format)) throw new NotFoundError('Formaat', format, `Een rapportage is er niet als ${format}`);
    const version = await this.readableVersion(actor, planId, year, number);
    // A definitive version's file is kept as it was made: no model to read or build.
    if (version.status === 'definitief') return this.storedFile(version, format);
    return this.fileOf(await this.document(actor, planId, year, number), format);
  }

  /**
   * Starts a report over a year, or a new version after a definitive one
   * (which needs a reason): a concept with texts prefilled from the data.
   */
  async create(actor: Actor, planId: string, year: number, reason = ''): Promise<ReportVersion> {
    const { plan, municipalityIds } = await this.editable(actor, planId);
    assertYear(plan, year);
    const trimmed = reason.trim();
    if (trimmed.length > MAX_REASON) throw invalid('reden', `De reden is te lang: ten hoogste ${MAX_REASON} tekens`);
    const model = await this.model(actor, planId, year);
    const by = auditActor(actor);
    return this.uow.write(async (repos) => {
      const earlier = await repos.reports.versions(plan.id, year);
      if (earlier.some((version) => version.status === 'concept')) throw conceptExists(year);
      if (earlier.length > 0 && trimmed === '') {
        throw invalid('reden', `Er is al een definitieve rapportage over ${year}: geef de reden voor een nieuwe versie`);
      }
      const previous = earlier[0];
      const texts = previous ? carriedOver(previous.texts, defaultTexts(model)) : defaultTexts(model);
      const created = await repos.reports.addConcept({ planId: plan.id, year, reason: trimmed, texts }, by);
      if (!created) throw conceptExists(year);
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'report.created', null, {
        jaar: year,
        versie: created.number,
        reden: trimmed,
      });
      return created;
    });
  }

  /** Replaces a concept's texts. A definitive version's texts never change. */
  async editTexts(actor: Actor, planId: string, year: number, number: number, texts: ReportTexts): Promise<ReportVersion> {
    const { plan, municipalityIds } = await this.editable(actor, planId);
    const problems: FieldProblem[] = [];
    if (texts.introduction.length > MAX_REPORT_TEXT) problems.push({ path: 'inleiding', message: `Ten hoogste ${MAX_REPORT_TEXT} tekens` });
    const themeKeys = new Set(plan.themes.map((theme) => theme.key));
    for (const [key, text] of Object.entries(texts.themes)) {
      if (!themeKeys.has(key)) problems.push({ path: `themas.${key}`, message: `Dit plan heeft geen thema met de sleutel ${key}` });
      else if (text.length > MAX_REPORT_TEXT) problems.push({ path: `themas.${key}`, message: `Ten hoogste ${MAX_REPORT_TEXT} tekens` });
    }
    if (problems.length > 0) throw new ValidationError('De teksten kunnen zo niet worden bewaard', problems);
    const by = auditActor(actor);
    return this.uow.write(async (repos) => {
      const version = await repos.reports.version(plan.id, year, number);
      if (!version) throw notFound(year, number);
      const merged: ReportTexts = { introduction: texts.introduction, themes: { ...version.texts.themes, ...texts.themes } };
      const updated = await repos.reports.updateTexts(version.id, merged, by);
      if (!updated) throw new ConflictError(`Versie ${number} van de rapportage over ${year} is definitief: de teksten liggen vast`);
      await recordPlanEvent(
        repos,
        actor,
        plan,
        municipalityIds,
        'report.texts-edited',
        { jaar: year, versie: number, teksten: version.texts },
        { jaar: year, versie: number, teksten: merged },
      );
      return updated;
    });
  }

  /**
   * Makes a concept definitive: the model as the data stand now, rendered
   * in every format, kept with a checksum. Rendering happens before the
   * write; the write only takes a version that is still a concept.
   */
  async finalise(actor: Actor, planId: string, year: number, number: number, progress: ReportProgress = () => {}): Promise<ReportVersion> {
    const { plan, municipalityIds } = await this.editable(actor, planId);
    const version = await this.uow.read(({ reports }) => reports.version(plan.id, year, number));
    if (!version) throw notFound(year, number);
    if (version.status === 'definitief') throw new ConflictError(`Versie ${number} van de rapportage over ${year} is al definitief`);
    const steps = REPORT_FORMATS.length + 2;
    progress(0, steps, 'Gegevens verzamelen');
    const model = await this.model(actor, planId, year);
    const by = auditActor(actor);
    const finalisedAt = new Date().toISOString();
    const document: ReportDocument = {
      model,
      texts: version.texts,
      version: { ...versionLabel(version), status: 'definitief', finalisedBy: nameOfLabel(by.label), finalisedAt },
    };
    const files: { format: ReportFormat; content: Uint8Array; sha256: string }[] = [];
    for (const [index, format] of REPORT_FORMATS.entries()) {
      progress(index + 1, steps, `${format.toUpperCase()} maken`);
      const content = await renderReport(document, format);
      files.push({ format, content, sha256: sha256(content) });
    }
    progress(steps - 1, steps, 'Bewaren');
    const checksum = sha256(
      Buffer.from(JSON.stringify({ model, texts: version.texts, files: files.map((file) => [file.format, file.sha256]) })),
    );
    const frozen = await this.uow.write(async (repos) => {
      const done = await repos.reports.finalise(version.id, { model, checksum, files }, by);
      if (!done) throw new ConflictError(`Versie ${number} van de rapportage over ${year} is intussen al definitief gemaakt`);
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'report.finalised', null, {
        jaar: year,
        versie: number,
        controlegetal: checksum,
      });
      return done;
    });
    progress(steps, steps, 'Klaar');
    return frozen;
  }

  /** Throws unless the actor may make the plan's reports; for the job queue before it takes the work. */
  async assertMayEdit(actor: Actor, planId: string): Promise<Plan> {
    return (await this.editable(actor, planId)).plan;
  }

  private async editable(actor: Actor, planId: string): Promise<{ plan: Plan; municipalityIds: string[] }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const municipalityIds = await this.uow.read(({ plans }) => plans.municipalityIdsOfPlan(plan.id));
    assertMayInAll(actor, 'report:edit', municipalityIds, 'de rapportages van dit plan maken');
    return { plan, municipalityIds };
  }

  private async readableVersion(actor: Actor, planId: string, year: number, number: number): Promise<ReportVersion> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const [version, municipalityIds] = await this.uow.read(({ reports, plans }) =>
      Promise.all([reports.version(plan.id, year, number), plans.municipalityIdsOfPlan(plan.id)]),
    );
    // A concept is the coordinator's work in progress: to anyone else it does not exist.
    if (!version || (version.status === 'concept' && !mayInAll(actor, 'report:edit', municipalityIds))) throw notFound(year, number);
    return version;
  }

  /**
   * The progress of the year: the latest period of the year counted to the
   * reference date, or, when nothing was reported for it yet, the latest
   * period of the year with something reported.
   */
  private async progressOfYear(actor: Actor, planId: string, year: number, asOf: string, plan: PlanReadOptions): Promise<ProgressView> {
    const latest = await this.deps.progress.overview(actor, planId, { asOf, plan });
    const ofYear = latest.periods.filter((period) => period.year === year && period.start <= asOf).reverse();
    if (latest.period.year === year && latest.rows.some((row) => row.entry)) return latest;
    for (const period of ofYear) {
      if (period.key === latest.period.key) continue;
      const view = await this.deps.progress.overview(actor, planId, { period: period.key, asOf: minDate(asOf, period.end), plan });
      if (view.rows.some((row) => row.entry)) return view;
    }
    const first = ofYear[0];
    return latest.period.year === year || !first
      ? latest
      : this.deps.progress.overview(actor, planId, { period: first.key, asOf: minDate(asOf, first.end), plan });
  }

  /** The revisions applied to the plan that were decided in the year, with their changes in words. */
  private async revisionsIn(actor: Actor, planId: string, year: number): Promise<ReportRevision[]> {
    const revisions = await this.uow.read(({ plans }) => plans.revisions(planId));
    const inYear = revisions.filter((revision) => revision.status === 'applied' && revision.decidedOn.startsWith(String(year)));
    const result: ReportRevision[] = [];
    for (const revision of inYear) {
      const detail = await this.deps.planChanges.revision(actor, planId, revision.number);
      result.push({
        number: revision.number,
        reason: revision.reason,
        decidedOn: revision.decidedOn,
        decidedBy: DECIDERS[revision.decidedBy],
        changes: detail.changes.map((change) => ({
          revision: revision.number,
          decidedOn: revision.decidedOn,
          themeKey: themeKeyOfChange(change, detail.themeOfWorkstream) ?? null,
          text: changeInWords(change, detail.names),
        })),
      });
    }
    return result;
  }
}

const DECIDERS = {
  council: 'de gemeenteraad',
  executive: 'het college van B en W',
  coordinator: 'de coördinator, binnen het mandaat',
} as const;

/** The name of a report file: voortgangsrapportage-2020-versie-2-concept.pdf. */
export function fileName(year: number, version: ReportDocument['version'], format: ReportFormat): string {
  const which = version ? `-versie-${version.number}${version.status === 'concept' ? '-concept' : ''}` : '-concept';
  const extension = format === 'csv' || format === 'json' ? `gegevens.${format}` : format;
  return `voortgangsrapportage-${year}${which}.${extension}`;
}

function versionLabel(version: ReportVersion): NonNullable<ReportDocument['version']> {
  return {
    number: version.number,
    status: version.status,
    reason: version.reason,
    madeBy: nameOfLabel(version.createdByLabel),
    madeAt: version.createdAt,
    finalisedBy: version.finalisedByLabel ? nameOfLabel(version.finalisedByLabel) : null,
    finalisedAt: version.finalisedAt,
    checksum: version.checksum,
  };
}

/** The texts of the version before, for themes it had; the prefilled text for themes new since. */
function carriedOver(previous: ReportTexts, prefilled: ReportTexts): ReportTexts {
  return {
    introduction: previous.introduction,
    themes: Object.fromEntries(Object.entries(prefilled.themes).map(([key, text]) => [key, previous.themes[key] ?? text])),
  };
}

function yearsOf(plan: Plan): number[] {
  return Array.from({ length: plan.periodEnd - plan.periodStart + 1 }, (_, index) => plan.periodStart + index);
}

function assertYear(plan: Plan, year: number): void {
  if (!Number.isInteger(year) || year < plan.periodStart || year > plan.periodEnd) {
    throw invalid('jaar', `Het plan loopt van ${plan.periodStart} tot en met ${plan.periodEnd}: kies een jaar daarbinnen`);
  }
}

function invalid(path: string, message: string): ValidationError {
  return new ValidationError(message, [{ path, message }]);
}

function conceptExists(year: number): ConflictError {
  return new ConflictError(`Er is al een concept van de rapportage over ${year}: werk dat bij of maak het definitief`);
}

function notFound(year: number, number: number): NotFoundError {
  return new NotFoundError('Rapportage', `${year}/${number}`, `Er is geen versie ${number} van de rapportage over ${year}`);
}

function minDate(a: string, b: string): string {
  return a < b ? a : b;
}

function sha256(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
