/**
 * Progress of the implementation plan: the plan's progress in a period and at
 * a glance, "Mijn acties", reporting on an activity (by form, API or file) and
 * the portfolio holder's review. Every call takes an actor; who may do what
 * per activity is in progress.policy.ts. Each change, its history and its
 * audit event commit in one unit of work. The rounds themselves and the plan's
 * settings for progress are in reporting-rounds.service.ts.
 *
 * Leads and partners report while the period's round is open (the
 * coordinator may report on a period without a round too); a closed round is
 * frozen: nothing of its period can be reported or reviewed any more.
 */
import { ConflictError, type FieldProblem, NotFoundError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import type { Plan, StoredActivity } from '../../domain/plan.js';
import { type ProgressStatus, progressStatuses } from '../../domain/progress.js';
import { type ReportingPeriod, reportingPeriods, timesPerYear } from '../../domain/reporting-periods.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import { recordPlanEvent } from '../audit/plan-audit.js';
import type { Assessment } from '../monitoring/measurement.repository.js';
import type { PlanReader, PlanReadOptions } from '../plans/plan.service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { mayApprove, mayManageProgress, type Reporter, reporterFor } from './progress.policy.js';
import type { ProgressEntry, ProgressEntryInput, ProgressReview, ReportingRound } from './progress.repository.js';
import { parseProgressFile, progressCsv, progressXlsx } from './progress-file.js';
import { ProgressNotices } from './progress-notices.js';
import { APPROVERS, activityOf, entrySummary, MAX_NOTE, periodOf, personName, REPORTERS, refused, validDate } from './progress-support.js';
import { type ActivityProgressRow, buildProgressView, type ProgressView } from './progress-view.js';

export interface ProgressInput {
  status: string;
  note: string;
  /** yyyy-mm-dd; today (within the period) when not given. */
  asOf?: string | null;
  realised?: number | null;
  occurrences?: number | null;
}

export type EntryChannel = ProgressEntryInput['enteredVia'];

export interface ProgressPermissions {
  /** Opens and closes rounds, sets the frequency and statuses, confirms assessments. */
  manage: boolean;
  /** The keys of the activities the actor may report on, and approve. */
  report: Set<string>;
  approve: Set<string>;
}

export type ProgressOverview = ProgressView & {
  may: ProgressPermissions;
  /** The recorded assessment of each theme for the period's year, by theme id. */
  assessments: Map<string, Assessment>;
};

export interface MyActivity {
  row: ActivityProgressRow;
  /** As what the actor reports it (null: the actor only approves it). */
  reporter: Reporter | null;
  approves: boolean;
}

export interface MyRound {
  plan: Plan;
  period: ReportingPeriod;
  round: ReportingRound;
  activities: MyActivity[];
}

/** One activity in one period, for its page. */
export interface ActivityPage {
  plan: Plan;
  period: ReportingPeriod;
  asOf: string;
  round: ReportingRound | null;
  row: ActivityProgressRow;
  statuses: ProgressStatus[];
  /** Every entry of the period, the current one last. */
  history: ProgressEntry[];
  /** As what the actor may report it; null when the actor may not. */
  reporter: Reporter | null;
  approves: boolean;
}

/** The state of the plan at a glance: the period a reference date falls in, and the one before it to compare with. */
export interface Glance {
  view: ProgressView;
  previous: ProgressView | null;
}

export class ProgressService {
  private readonly today: () => string;
  private readonly notices: ProgressNotices;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: PlanReader,
    options: {
      /** Today as yyyy-mm-dd; a test may fix it. */
      today?: () => string;
      /** Whether notifications go out by e-mail too (SMTP is set up). */
      email?: boolean;
    } = {},
  ) {
    this.today = options.today ?? (() => new Date().toISOString().slice(0, 10));
    this.notices = new ProgressNotices(options.email ?? false);
  }

  /** The plan's progress in a period (by default the latest period that has begun), counted to a reference date. */
  async overview(
    actor: Actor,
    planId: string,
    options: { period?: string; asOf?: string; plan?: PlanReadOptions } = {},
  ): Promise<ProgressOverview> {
    const plan = await this.plans.getPlan(actor, planId, options.plan);
    const { frequency, ownStatuses, rounds, municipalityIds, assessments } = await this.uow.read(
      async ({ progress, plans, measurements }) => {
        const [frequency, ownStatuses, rounds, municipalityIds, assessments] = await Promise.all([
          progress.frequency(plan.id),
          progress.ownStatuses(plan.id),
          progress.rounds(plan.id),
          plans.municipalityIdsOfPlan(plan.id),
          measurements.currentAssessments(plan.id),
        ]);
        return { frequency, ownStatuses, rounds, municipalityIds, assessments };
      },
    );
    const periods = reportingPeriods(plan.periodStart, plan.periodEnd, frequency);
    const period = options.period ? periodOf(periods, options.period, 'periode') : this.defaultPeriod(periods, options.asOf);
    const asOf = this.asOfFor(period, options.asOf);
    const round = rounds.find((candidate) => candidate.periodKey === period.key) ?? null;
    const [entries, reviews] = await this.uow.read(({ progress }) =>
      Promise.all([progress.currentEntries(plan.id, period.key), round ? progress.currentReviews(plan.id, [round.id]) : []]),
    );
    const view = buildProgressView({
      plan,
      frequency,
      periods,
      period,
      asOf,
      round,
      ownStatuses,
      entries,
      reviews,
    });
    const report = new Set<string>();
    const approve = new Set<string>();
    for (const row of view.rows) {
      if (reporterFor(actor, plan, municipalityIds, row.activity)) report.add(row.activity.key);
      if (mayApprove(actor, municipalityIds, row.activity)) approve.add(row.activity.key);
    }
    return {
      ...view,
      may: { manage: mayManageProgress(actor, municipalityIds), report, approve },
      assessments: new Map(
        assessments.filter((assessment) => assessment.year === period.year).map((assessment) => [assessment.themeId, assessment]),
      ),
    };
  }

  /**
   * "Stand van zaken" for a plan the caller has read for its actor already
   * (the overview page): the progress in the latest period begun by the
   * reference date (today when not given), and in the period before it.
   */
  async glance(plan: Plan, asOf?: string): Promise<Glance> {
    const [frequency, ownStatuses, rounds] = await this.uow.read(({ progress }) =>
      Promise.all([progress.frequency(plan.id), progress.ownStatuses(plan.id), progress.rounds(plan.id)]),
    );
    const periods = reportingPeriods(plan.periodStart, plan.periodEnd, frequency);
    const period = this.defaultPeriod(periods, asOf);
    const index = periods.indexOf(period);
    const before = index > 0 ? (periods[index - 1] as ReportingPeriod) : null;
    // Only the two periods shown: a plan of ten years has ten times the reports.
    const shown = before ? [period.key, before.key] : [period.key];
    const roundIds = rounds.filter((round) => shown.includes(round.periodKey)).map((round) => round.id);
    const [entries, reviews] = await this.uow.read(({ progress }) =>
      Promise.all([progress.currentEntries(plan.id, shown), progress.currentReviews(plan.id, roundIds)]),
    );
    const build = (chosen: ReportingPeriod, date: string) =>
      buildProgressView({
        plan,
        frequency,
        periods,
        period: chosen,
        asOf: date,
        round: rounds.find((round) => round.periodKey === chosen.key) ?? null,
        ownStatuses,
        entries,
        reviews,
      });
    return { view: build(period, this.asOfFor(period, asOf)), previous: before ? build(before, before.end) : null };
  }

  /**
   * Each activity's status key in the period a reference date falls in (today
   * when not given), for a plan the caller has read for its actor already (the
   * implementation plan's progress filter), with the statuses the plan knows.
   */
  async statusesInPeriod(
    plan: Plan,
    asOf?: string,
  ): Promise<{ period: ReportingPeriod; statuses: ProgressStatus[]; byActivity: Map<string, string> }> {
    const [frequency, ownStatuses] = await this.uow.read(({ progress }) =>
      Promise.all([progress.frequency(plan.id), progress.ownStatuses(plan.id)]),
    );
    const period = this.defaultPeriod(reportingPeriods(plan.periodStart, plan.periodEnd, frequency), asOf);
    const entries = await this.uow.read(({ progress }) => progress.currentEntries(plan.id, period.key));
    const keyOf = new Map(
      plan.themes.flatMap((theme) =>
        theme.workstreams.flatMap((workstream) => workstream.activities.map((activity) => [activity.id, activity.key] as const)),
      ),
    );
    const byActivity = new Map<string, string>();
    for (const entry of entries) {
      const key = keyOf.get(entry.activityId);
      if (key) byActivity.set(key, entry.statusKey);
    }
    return { period, statuses: [...progressStatuses(ownStatuses).values()], byActivity };
  }

  /** The rounds of the plan, each with its period. */
  async rounds(actor: Actor, planId: string): Promise<{ plan: Plan; rounds: (ReportingRound & { period: ReportingPeriod })[] }> {
    const plan = await this.plans.getPlan(actor, planId);
    const [frequency, rounds] = await this.uow.read(({ progress }) => Promise.all([progress.frequency(plan.id), progress.rounds(plan.id)]));
    const periods = reportingPeriods(plan.periodStart, plan.periodEnd, frequency);
    return {
      plan,
      rounds: rounds.flatMap((round) => {
        const period = periods.find((candidate) => candidate.key === round.periodKey);
        return period ? [{ ...round, period }] : [];
      }),
    };
  }

  /**
   * "Mijn acties": in every plan the actor may read, the open rounds with the
   * activities the actor reports on or approves, and where each stands.
   */
  async myRounds(actor: Actor): Promise<MyRound[]> {
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('Log in om uw acties te zien');
    const mine: MyRound[] = [];
    for (const summary of await this.plans.listPlans(actor)) {
      const open = await this.uow.read(({ progress }) => progress.rounds(summary.id));
      for (const round of open.filter((candidate) => candidate.closedAt === null)) {
        const overview = await this.overview(actor, summary.id, { period: round.periodKey });
        const municipalityIds = await this.uow.read(({ plans }) => plans.municipalityIdsOfPlan(summary.id));
        const activities = overview.rows.flatMap((row): MyActivity[] => {
          const reporter = reporterFor(actor, overview.plan, municipalityIds, row.activity);
          // The coordinator follows every activity on the round page; "Mijn acties" lists what the person does as lead or partner.
          const own = reporter && reporter.as !== 'coordinator' && reporter.as !== 'system' ? reporter : null;
          const approves = overview.may.approve.has(row.activity.key) && actor.kind === 'user' && !actor.isAdministrator;
          if (!own && !approves) return [];
          if (row.state === 'not_planned' && !row.entry) return [];
          return [{ row, reporter: own, approves }];
        });
        if (activities.length > 0) mine.push({ plan: overview.plan, period: overview.period, round, activities });
      }
    }
    return mine;
  }

  /** An activity in a period: its row of the overview, its entries, and what the actor may do with it. */
  async activityPage(actor: Actor, planId: string, periodKey: string, activityKey: string): Promise<ActivityPage> {
    const overview = await this.overview(actor, planId, { period: periodKey });
    const row = overview.rows.find((candidate) => candidate.activity.key === activityKey);
    if (!row) throw new NotFoundError('Activiteit', activityKey);
    const [history, municipalityIds] = await this.uow.read(({ progress, plans }) =>
      Promise.all([
        progress.entryHistory(overview.plan.id, row.activity.id, overview.period.key),
        plans.municipalityIdsOfPlan(overview.plan.id),
      ]),
    );
    return {
      plan: overview.plan,
      period: overview.period,
      asOf: overview.asOf,
      round: overview.round,
      row,
      statuses: overview.statuses,
      history,
      reporter: reporterFor(actor, overview.plan, municipalityIds, row.activity),
      approves: overview.may.approve.has(activityKey),
    };
  }

  /** Every entry of an activity in a period, the current one last. */
  async history(
    actor: Actor,
    planId: string,
    activityKey: string,
    periodKey: string,
  ): Promise<{ plan: Plan; activity: StoredActivity; period: ReportingPeriod; entries: ProgressEntry[] }> {
    const plan = await this.plans.getPlan(actor, planId);
    const activity = activityOf(plan, activityKey);
    const frequency = await this.uow.read(({ progress }) => progress.frequency(plan.id));
    const period = periodOf(reportingPeriods(plan.periodStart, plan.periodEnd, frequency), periodKey, 'periode');
    const entries = await this.uow.read(({ progress }) => progress.entryHistory(plan.id, activity.id, period.key));
    return { plan, activity, period, entries };
  }

  /**
   * Records the progress of an activity in a period, superseding the current
   * entry; the round's approval of the entry before no longer counts.
   */
  async record(
    actor: Actor,
    planId: string,
    activityKey: string,
    periodKey: string,
    input: ProgressInput,
    via: EntryChannel,
  ): Promise<ProgressEntry> {
    const plan = await this.plans.getPlan(actor, planId);
    const activity = activityOf(plan, activityKey);
    return this.uow.write(async (repos) => {
      const { progress } = repos;
      const municipalityIds = await repos.plans.municipalityIdsOfPlan(plan.id);
      const reporter = reporterFor(actor, plan, municipalityIds, activity);
      if (!reporter) throw refused(actor, `de voortgang van ${activity.name} melden`, REPORTERS);
      const periods = reportingPeriods(plan.periodStart, plan.periodEnd, await progress.frequency(plan.id));
      const period = periodOf(periods, periodKey, 'periode');
      // Held until the entry commits: the round cannot close in between.
      const round = await progress.roundOf(plan.id, period.key, 'share');
      if (round?.closedAt) throw new ConflictError(`De ronde van ${period.label} is gesloten: de voortgang ligt vast`);
      if (!round && reporter.as !== 'coordinator' && reporter.as !== 'system') {
        throw new ConflictError(`Er is geen rapportageronde geopend voor ${period.label}: de coördinator opent die`);
      }
      const statuses = progressStatuses(await progress.ownStatuses(plan.id));
      const entryInput = this.checkEntry(input, activity, period, statuses);
      await progress.lockActivityPeriod(activity.id, period.key);
      const { entry, before } = await progress.recordEntry(
        plan.id,
        {
          activityId: activity.id,
          periodKey: period.key,
          ...entryInput,
          enteredAs: reporter.as,
          enteredFor: reporter.for,
          enteredFrom: actor.ip ?? null,
          enteredVia: via,
        },
        auditActor(actor),
      );
      await recordPlanEvent(
        repos,
        actor,
        plan,
        municipalityIds,
        before ? 'progress.corrected' : 'progress.recorded',
        before && entrySummary(activity, before),
        entrySummary(activity, entry),
      );
      return entry;
    });
  }

  /**
   * The period's progress as a file to fill in: every activity, or (`mine`)
   * only those the actor may report on.
   */
  async exportFile(
    actor: Actor,
    planId: string,
    periodKey: string,
    format: 'csv' | 'xlsx',
    mine = false,
  ): Promise<{ fileName: string; body: string | Uint8Array }> {
    const view = await this.overview(actor, planId, { period: periodKey });
    const only = mine ? view.may.report : undefined;
    const fileName = `voortgang-${view.period.key}-${view.plan.id.slice(0, 8)}.${format}`;
    return { fileName, body: format === 'csv' ? progressCsv(view, only) : await progressXlsx(view, only) };
  }

  /**
   * Reads a filled-in progress file of a period and records every row that
   * reports something new, as `record` would, all in one unit of work: a file
   * with one bad row, or a row about an activity the actor may not report on,
   * is refused whole with every row, column and reason, and nothing is written.
   */
  /** Refuses, before a file is read, whoever may not report on any activity of the plan. */
  async assertMayReportOnSome(actor: Actor, planId: string): Promise<void> {
    const plan = await this.plans.getPlan(actor, planId);
    const municipalityIds = await this.uow.read(({ plans }) => plans.municipalityIdsOfPlan(plan.id));
    const some = plan.themes.some((theme) =>
      theme.workstreams.some((workstream) => workstream.activities.some((activity) => reporterFor(actor, plan, municipalityIds, activity))),
    );
    if (!some) throw refused(actor, 'voortgang melden voor dit plan', REPORTERS);
  }

  async importFile(
    actor: Actor,
    planId: string,
    periodKey: string,
    file: { name: string; bytes: Uint8Array },
  ): Promise<{ reported: number; unchanged: number }> {
    const view = await this.overview(actor, planId, { period: periodKey });
    if (view.may.report.size === 0) throw refused(actor, 'voortgang melden voor dit plan', REPORTERS);
    const parsed = await parseProgressFile(file, view);
    const problems = parsed.ok
      ? parsed.rows
          .filter((row) => !view.may.report.has(row.activityKey))
          .map((row) => ({
            row: row.row,
            column: 'activiteit',
            reason: `Rij ${row.row}: u mag de voortgang van ${row.activityKey} niet melden`,
          }))
      : parsed.problems;
    if (!parsed.ok || problems.length > 0) {
      throw new ValidationError(
        `Het bestand ${file.name} is niet ingelezen: ${problems.length === 1 ? 'er is 1 probleem' : `er zijn ${problems.length} problemen`}`,
        problems.map((problem) => ({
          path:
            [problem.row === null ? null : `rij ${problem.row}`, problem.column === null ? null : `kolom ${problem.column}`]
              .filter(Boolean)
              .join(', ') || file.name,
          message: problem.reason,
        })),
      );
    }
    const plan = view.plan;
    const period = view.period;
    return this.uow.write(async (repos) => {
      const { progress } = repos;
      const municipalityIds = await repos.plans.municipalityIdsOfPlan(plan.id);
      const round = await progress.roundOf(plan.id, period.key, 'share');
      if (round?.closedAt) throw new ConflictError(`De ronde van ${period.label} is gesloten: de voortgang ligt vast`);
      const statuses = progressStatuses(await progress.ownStatuses(plan.id));
      const byKey = new Map(view.rows.map((row) => [row.activity.key, row.activity]));
      const rowProblems: FieldProblem[] = [];
      const written: { activity: StoredActivity; entry: ProgressEntryInput }[] = [];
      for (const row of parsed.rows) {
        const activity = byKey.get(row.activityKey) as StoredActivity;
        const reporter = reporterFor(actor, plan, municipalityIds, activity);
        if (!reporter) throw refused(actor, `de voortgang van ${activity.name} melden`, REPORTERS);
        if (!round && reporter.as !== 'coordinator' && reporter.as !== 'system') {
          throw new ConflictError(`Er is geen rapportageronde geopend voor ${period.label}: de coördinator opent die`);
        }
        try {
          const checked = this.checkEntry(
            { status: row.status, note: row.note, asOf: row.asOf, realised: row.realised, occurrences: row.occurrences },
            activity,
            period,
            statuses,
          );
          written.push({
            activity,
            entry: {
              activityId: activity.id,
              periodKey: period.key,
              ...checked,
              enteredAs: reporter.as,
              enteredFor: reporter.for,
              enteredFrom: actor.ip ?? null,
              enteredVia: 'file',
            },
          });
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
          for (const problem of error.problems)
            rowProblems.push({ path: `rij ${row.row}, kolom ${problem.path}`, message: problem.message });
        }
      }
      if (rowProblems.length > 0) {
        throw new ValidationError(
          `Het bestand ${file.name} is niet ingelezen: er ${rowProblems.length === 1 ? 'is 1 probleem' : `zijn ${rowProblems.length} problemen`}`,
          rowProblems,
        );
      }
      for (const { activity, entry } of written) {
        await progress.lockActivityPeriod(activity.id, period.key);
        await progress.recordEntry(plan.id, entry, auditActor(actor));
      }
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'progress.imported', null, {
        bestand: file.name,
        periode: period.key,
        gemeld: written.length,
        ongewijzigd: parsed.unchanged,
        activiteiten: written.map(({ activity }) => activity.key),
      });
      return { reported: written.length, unchanged: parsed.unchanged };
    });
  }

  /** The portfolio holder who leads the activity approves its current entry in the open round, or sends it back with a remark. */
  async review(
    actor: Actor,
    planId: string,
    activityKey: string,
    periodKey: string,
    input: { decision: 'approved' | 'sent_back'; remark: string; entryId?: string },
  ): Promise<ProgressReview> {
    const plan = await this.plans.getPlan(actor, planId);
    const activity = activityOf(plan, activityKey);
    const remark = input.remark.trim();
    if (input.decision === 'sent_back' && !remark) {
      throw new ValidationError('De beoordeling is ongeldig', [{ path: 'opmerking', message: 'zeg bij terugsturen wat er anders moet' }]);
    }
    if (remark.length > MAX_NOTE) {
      throw new ValidationError('De beoordeling is ongeldig', [{ path: 'opmerking', message: `hoogstens ${MAX_NOTE} tekens` }]);
    }
    return this.uow.write(async (repos) => {
      const { progress } = repos;
      const municipalityIds = await repos.plans.municipalityIdsOfPlan(plan.id);
      if (!mayApprove(actor, municipalityIds, activity)) throw refused(actor, `de voortgang van ${activity.name} goedkeuren`, APPROVERS);
      const periods = reportingPeriods(plan.periodStart, plan.periodEnd, await progress.frequency(plan.id));
      const period = periodOf(periods, periodKey, 'periode');
      const round = await progress.roundOf(plan.id, period.key, 'share');
      if (!round) throw new ConflictError(`Er is geen rapportageronde geopend voor ${period.label}`);
      if (round.closedAt) throw new ConflictError(`De ronde van ${period.label} is gesloten: de voortgang ligt vast`);
      await progress.lockActivityPeriod(activity.id, period.key);
      const entry = (await progress.currentEntries(plan.id, period.key)).find((candidate) => candidate.activityId === activity.id);
      if (!entry) throw new ConflictError(`Voor ${activity.name} is in ${period.label} nog geen voortgang gemeld`);
      // The entry the person looked at: a newer one came in meanwhile, so the decision would be about something else.
      if (input.entryId && input.entryId !== entry.id) {
        throw new ConflictError(`Intussen is nieuwe voortgang gemeld voor ${activity.name}: bekijk die eerst`);
      }
      const review = await progress.recordReview(
        plan.id,
        { roundId: round.id, activityId: activity.id, entryId: entry.id, decision: input.decision, remark },
        auditActor(actor),
      );
      await this.notices.reviewed(repos, plan, period, activity, entry, input.decision, remark, personName(actor));
      await recordPlanEvent(
        repos,
        actor,
        plan,
        municipalityIds,
        input.decision === 'approved' ? 'progress.approved' : 'progress.sent-back',
        null,
        {
          activiteit: activity.key,
          periode: period.key,
          opmerking: remark || null,
        },
      );
      return review;
    });
  }

  /** The latest period that has begun by the date (today when not given); the first when none has. */
  private defaultPeriod(periods: ReportingPeriod[], on?: string): ReportingPeriod {
    const day = on !== undefined && validDate(on) ? on : this.today();
    return [...periods].reverse().find((period) => period.start <= day) ?? (periods[0] as ReportingPeriod);
  }

  /** The reference date: as given, or today, but never past the period's end. */
  private asOfFor(period: ReportingPeriod, given: string | undefined): string {
    if (given !== undefined) {
      if (!validDate(given))
        throw new ValidationError('De peildatum is ongeldig', [{ path: 'peildatum', message: 'moet een datum zijn als 2020-06-30' }]);
      return given;
    }
    const today = this.today();
    if (today > period.end) return period.end;
    if (today < period.start) return period.start;
    return today;
  }

  private checkEntry(
    input: ProgressInput,
    activity: StoredActivity,
    period: ReportingPeriod,
    statuses: Map<string, ProgressStatus>,
  ): Pick<ProgressEntry, 'statusKey' | 'note' | 'asOf' | 'realised' | 'occurrences'> {
    const problems: FieldProblem[] = [];
    if (!statuses.has(input.status)) problems.push({ path: 'status', message: `kies uit ${[...statuses.keys()].join(', ')}` });
    const note = input.note.trim();
    if (note.length > MAX_NOTE) problems.push({ path: 'toelichting', message: `hoogstens ${MAX_NOTE} tekens` });
    const asOf = input.asOf?.trim() || this.asOfFor(period, undefined);
    if (!validDate(asOf)) problems.push({ path: 'peildatum', message: 'moet een datum zijn als 2020-06-30' });
    else if (asOf < period.start)
      problems.push({ path: 'peildatum', message: `valt voor het begin van ${period.label} (${period.start})` });
    else if (asOf > this.today()) problems.push({ path: 'peildatum', message: 'ligt in de toekomst' });
    const realised = input.realised ?? null;
    if (realised !== null) {
      if (!activity.quantity) problems.push({ path: 'gerealiseerd', message: 'deze activiteit heeft geen gepland aantal' });
      else if (!Number.isFinite(realised) || realised < 0 || realised > 1e9)
        problems.push({ path: 'gerealiseerd', message: 'moet een getal van 0 of meer zijn' });
    }
    const occurrences = input.occurrences ?? null;
    if (occurrences !== null) {
      if (timesPerYear(activity.cadence) === null) problems.push({ path: 'keren', message: 'deze activiteit heeft geen vaste frequentie' });
      else if (!Number.isInteger(occurrences) || occurrences < 0 || occurrences > 100_000)
        problems.push({ path: 'keren', message: 'moet een heel getal van 0 of meer zijn' });
    }
    if (problems.length > 0) throw new ValidationError('De voortgang is ongeldig', problems);
    return { statusKey: input.status, note, asOf, realised, occurrences };
  }
}
