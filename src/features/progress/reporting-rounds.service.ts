/**
 * Reporting rounds and the plan's settings for progress, for the coordinator
 * (progress:manage in every municipality of the plan): opening a round for a
 * period with a deadline, reminding a partner or portfolio holder of what is
 * still due, closing a round (after which its period is frozen), the
 * reporting frequency, the plan's own statuses, and the judgement of a theme
 * that is followed by its activities. Each change with its notifications and
 * audit event in one unit of work.
 */
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../domain/errors.js';
import { JUDGEMENTS, type Judgement } from '../../domain/indicator-status.js';
import { assessmentYearProblem } from '../../domain/plan-years.js';
import { BUILT_IN_PROGRESS_STATUSES, type ProgressMeaning, type ProgressStatus, progressStatuses } from '../../domain/progress.js';
import { REPORTING_FREQUENCIES, type ReportingFrequency, reportingPeriods } from '../../domain/reporting-periods.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import { recordPlanEvent } from '../audit/plan-audit.js';
import type { Assessment } from '../monitoring/measurement.repository.js';
import type { PlanReader } from '../plans/plan.service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { mayManageProgress } from './progress.policy.js';
import type { ReportingRound } from './progress.repository.js';
import type { ProgressService } from './progress.service.js';
import { ProgressNotices } from './progress-notices.js';
import { assertManage, MAX_NOTE, periodOf, refused, validDate } from './progress-support.js';

export class ReportingRoundService {
  private readonly notices: ProgressNotices;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: PlanReader,
    /** The plan's progress as the coordinator sees it: what a reminder and a theme's judgement are about. */
    private readonly progress: ProgressService,
    /** Whether notifications go out by e-mail too (SMTP is set up). */
    options: { email?: boolean } = {},
  ) {
    this.notices = new ProgressNotices(options.email ?? false);
  }

  /** The coordinator opens the round of a period, with a deadline (by default a month after the period). */
  async openRound(actor: Actor, planId: string, periodKey: string, deadline?: string | null): Promise<ReportingRound> {
    const plan = await this.plans.getPlan(actor, planId);
    return this.uow.write(async (repos) => {
      const municipalityIds = await assertManage(repos, actor, plan, 'een rapportageronde openen');
      const periods = reportingPeriods(plan.periodStart, plan.periodEnd, await repos.progress.frequency(plan.id));
      const period = periodOf(periods, periodKey, 'periode');
      const due = deadline?.trim() || period.suggestedDeadline;
      if (!validDate(due))
        throw new ValidationError('De ronde is ongeldig', [{ path: 'deadline', message: 'moet een datum zijn als 2020-01-31' }]);
      if (due < period.start) {
        throw new ValidationError('De ronde is ongeldig', [
          { path: 'deadline', message: `valt voor het begin van ${period.label} (${period.start})` },
        ]);
      }
      const round = await repos.progress.openRound(plan.id, period.key, due, auditActor(actor));
      if (!round) throw new ConflictError(`Voor ${period.label} is al een rapportageronde geopend`);
      const told = await this.notices.roundOpened(repos, plan, municipalityIds, period, due);
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'round.opened', null, {
        periode: period.key,
        deadline: due,
        bericht: told,
      });
      return round;
    });
  }

  /**
   * The coordinator reminds the people of one partner or portfolio holder of
   * the activities they have not reported on in the open round; returns how
   * many people were reminded.
   */
  async remind(
    actor: Actor,
    planId: string,
    periodKey: string,
    responsible: { partnerKey?: string; portfolioHolderKey?: string },
  ): Promise<{ reminded: number; due: number }> {
    const overview = await this.progress.overview(actor, planId, { period: periodKey });
    const plan = overview.plan;
    const { partnerKey, portfolioHolderKey } = responsible;
    const name = partnerKey
      ? plan.partners.find((partner) => partner.key === partnerKey)?.name
      : plan.portfolioHolders.find((holder) => holder.key === portfolioHolderKey)?.name;
    const due = overview.rows.filter(
      (row) =>
        row.state === 'due' &&
        (partnerKey ? row.activity.partnerKeys.includes(partnerKey) : row.activity.leadKeys.includes(portfolioHolderKey ?? '')),
    ).length;
    return this.uow.write(async (repos) => {
      const municipalityIds = await assertManage(repos, actor, plan, 'een herinnering sturen');
      if (!name) {
        throw new ValidationError('De herinnering is ongeldig', [
          {
            path: partnerKey ? 'partner' : 'trekker',
            message: `${partnerKey ?? portfolioHolderKey ?? '(leeg)'} is geen partner of trekker van dit plan`,
          },
        ]);
      }
      const round = await repos.progress.roundOf(plan.id, overview.period.key, 'share');
      if (!round || round.closedAt)
        throw new ConflictError(`Er is geen open ronde voor ${overview.period.label}: er valt niets te herinneren`);
      if (due === 0) throw new ConflictError(`${name} heeft voor alle activiteiten van ${overview.period.label} gemeld`);
      const reminded = await this.notices.reminder(repos, plan, municipalityIds, overview.period, round.deadline, responsible, due);
      if (reminded === 0) {
        throw new ConflictError(`Geen account is gekoppeld aan ${name}: een beheerder koppelt eerst iemand aan deze partner of trekker`);
      }
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'round.reminded', null, {
        periode: overview.period.key,
        partner: partnerKey ?? null,
        trekker: portfolioHolderKey ?? null,
        openstaand: due,
        herinnerd: reminded,
      });
      return { reminded, due };
    });
  }

  /** The coordinator closes the round of a period: from then on its progress is frozen. */
  async closeRound(actor: Actor, planId: string, periodKey: string): Promise<ReportingRound> {
    const plan = await this.plans.getPlan(actor, planId);
    return this.uow.write(async (repos) => {
      const municipalityIds = await assertManage(repos, actor, plan, 'een rapportageronde sluiten');
      const round = await repos.progress.roundOf(plan.id, periodKey, 'update');
      if (!round) throw new NotFoundError('Rapportageronde', periodKey);
      if (!(await repos.progress.closeRound(round.id, auditActor(actor))))
        throw new ConflictError(`De ronde van ${periodKey} is al gesloten`);
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'round.closed', null, { periode: periodKey });
      return (await repos.progress.roundOf(plan.id, periodKey)) as ReportingRound;
    });
  }

  /** The coordinator sets how often the plan reports; only while no progress has been reported in it. */
  async setFrequency(actor: Actor, planId: string, frequency: string): Promise<ReportingFrequency> {
    const plan = await this.plans.getPlan(actor, planId);
    const chosen = REPORTING_FREQUENCIES.find((candidate) => candidate === frequency);
    if (!chosen) {
      throw new ValidationError('De rapportagefrequentie is ongeldig', [
        { path: 'frequentie', message: 'kies jaar, halfjaar of kwartaal' },
      ]);
    }
    return this.uow.write(async (repos) => {
      const municipalityIds = await assertManage(repos, actor, plan, 'de rapportagefrequentie instellen');
      const before = await repos.progress.frequency(plan.id);
      if (before === chosen) return chosen;
      if ((await repos.progress.countEntries(plan.id)) > 0 || (await repos.progress.rounds(plan.id)).length > 0) {
        throw new ConflictError('Er is al voortgang gemeld of een ronde geopend in de huidige perioden: de frequentie ligt vast');
      }
      await repos.progress.setFrequency(plan.id, chosen);
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'progress.frequency-set', { frequentie: before }, { frequentie: chosen });
      return chosen;
    });
  }

  /** The coordinator adds a status of the plan's own, with the meaning of a built-in one. */
  async addStatus(actor: Actor, planId: string, input: { key: string; label: string; meaning: string }): Promise<ProgressStatus> {
    const plan = await this.plans.getPlan(actor, planId);
    const problems: FieldProblem[] = [];
    const key = input.key.trim();
    const label = input.label.trim();
    if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(key))
      problems.push({ path: 'sleutel', message: 'kleine letters, cijfers en streepjes, zoals in-voorbereiding' });
    if (!label || label.length > 100) problems.push({ path: 'naam', message: 'geef een naam van hoogstens 100 tekens' });
    const meaning = BUILT_IN_PROGRESS_STATUSES.find((status) => status.key === input.meaning)?.meaning as ProgressMeaning | undefined;
    if (!meaning) {
      problems.push({
        path: 'betekenis',
        message: `kies de betekenis uit ${BUILT_IN_PROGRESS_STATUSES.map((status) => status.key).join(', ')}`,
      });
    }
    if (problems.length > 0 || !meaning) throw new ValidationError('De status is ongeldig', problems);
    return this.uow.write(async (repos) => {
      const municipalityIds = await assertManage(repos, actor, plan, 'voortgangsstatussen toevoegen');
      const known = progressStatuses(await repos.progress.ownStatuses(plan.id));
      if (known.has(key) || key === 'niet-gerapporteerd') throw new ConflictError(`De status ${key} bestaat al`);
      const status = { key, label, meaning };
      await repos.progress.addStatus(plan.id, status);
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'progress.status-added', null, {
        sleutel: key,
        naam: label,
        betekenis: input.meaning,
      });
      return status;
    });
  }

  /**
   * The coordinator confirms the assessment the roll-up proposes for a theme
   * judged by its activities, or overrides it with a reason; kept as the
   * theme's assessment of the period's year, beside what was proposed.
   */
  async assessTheme(
    actor: Actor,
    planId: string,
    themeKey: string,
    periodKey: string,
    input: { judgement: string; reason: string },
  ): Promise<Assessment> {
    const plan = await this.plans.getPlan(actor, planId);
    const municipalityIds = await this.uow.read(({ plans }) => plans.municipalityIdsOfPlan(plan.id));
    if (!mayManageProgress(actor, municipalityIds)) throw refused(actor, 'een thema beoordelen', 'dat doet de coördinator');
    const overview = await this.progress.overview(actor, planId, { period: periodKey });
    const themed = overview.themes.find((candidate) => candidate.theme.key === themeKey);
    if (!themed) throw new NotFoundError('Thema', themeKey);
    if (themed.theme.indicators.length > 0) {
      throw new ValidationError('Dit thema heeft indicatoren', [
        { path: 'thema', message: 'een thema met indicatoren wordt met metingen gevolgd' },
      ]);
    }
    const judgement = JUDGEMENTS.find((candidate) => candidate === input.judgement) as Judgement | undefined;
    const proposal = themed.progress.proposal;
    const reason = input.reason.trim();
    const problems: FieldProblem[] = [];
    if (!judgement) problems.push({ path: 'oordeel', message: `kies uit ${JUDGEMENTS.join(', ')}` });
    if (judgement && judgement !== proposal && !reason) {
      problems.push({ path: 'toelichting', message: 'geef de reden waarom het oordeel afwijkt van het voorstel' });
    }
    if (reason.length > MAX_NOTE) problems.push({ path: 'toelichting', message: `hoogstens ${MAX_NOTE} tekens` });
    const outside = assessmentYearProblem(overview.period.year, plan);
    if (outside) problems.push({ path: 'periode', message: outside });
    if (problems.length > 0 || !judgement) throw new ValidationError('De beoordeling is ongeldig', problems);
    const text = reason || `Het voorstel uit de voortgang van de activiteiten (${overview.period.label}) is bevestigd.`;
    return this.uow.write(async (repos) => {
      const municipalityIds = await assertManage(repos, actor, plan, 'een thema beoordelen');
      const assessment = await repos.measurements.recordAssessment(
        plan.id,
        { themeId: themed.theme.id, year: overview.period.year, judgement, text, proposedJudgement: proposal },
        auditActor(actor),
      );
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'assessment.recorded', null, {
        thema: themeKey,
        jaar: overview.period.year,
        oordeel: judgement,
        voorstel: proposal,
      });
      return assessment;
    });
  }
}
