/**
 * The budget of a plan: per theme or activity and year, the amounts planned
 * and realised with their source (programmabegroting, IVP-budget, extern,
 * subsidie), and the extra money asked in a budget round, in whole euro
 * cents. Reading follows the plan; the coordinator keeps the lines
 * (budget:edit in every municipality of the plan). A line, its history and
 * its audit event commit together.
 */
import { type FieldProblem, NotFoundError, ValidationError } from '../../domain/errors.js';
import { checkCents, MoneyError, sumCents } from '../../domain/money.js';
import type { Plan, StoredActivity, StoredTheme } from '../../domain/plan.js';
import { assertMayInAll, mayInAll } from '../accounts/access.policy.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { PlanReader, PlanReadOptions } from '../plans/plan.service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { BudgetKind, BudgetLine, BudgetLineInput, BudgetSource } from './budget.repository.js';
import { type BudgetFileProblem, budgetCsv, budgetXlsx, parseBudgetFile } from './budget-file.js';

export const BUDGET_KINDS: readonly BudgetKind[] = ['planned', 'realised', 'requested'];
export const BUDGET_SOURCES: readonly BudgetSource[] = ['programmabegroting', 'ivp-budget', 'extern', 'subsidie'];

export interface BudgetLineRequest {
  /** The key of a theme, or of an activity: exactly one. */
  themeKey?: string | null;
  activityKey?: string | null;
  year: number;
  kind: string;
  source: string;
  amountCents: number;
  note?: string;
}

/** The amounts of one theme (its own lines and its activities' lines together) in one year, per kind. */
export interface BudgetCell {
  year: number;
  theme: StoredTheme;
  planned: number;
  realised: number;
  requested: number;
}

export interface BudgetView {
  plan: Plan;
  years: number[];
  /** The current lines, each with what it is for. */
  lines: (BudgetLine & { theme: StoredTheme; activity: StoredActivity | null })[];
  /** Per year and theme with any line; and per year for the plan. */
  cells: BudgetCell[];
  totals: { year: number; planned: number; realised: number; requested: number }[];
  may: { edit: boolean };
}

export class BudgetService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly plans: PlanReader,
  ) {}

  /** With `read.asOf`, the themes and activities of the plan as it stood that day (the amounts are all there are). */
  async overview(actor: Actor, planId: string, read: PlanReadOptions = {}): Promise<BudgetView> {
    const plan = await this.plans.getPlan(actor, planId, read);
    const [lines, municipalityIds] = await this.uow.read(({ budget, plans }) =>
      Promise.all([budget.currentLines(plan.id), plans.municipalityIdsOfPlan(plan.id)]),
    );
    const themeOf = new Map<string, { theme: StoredTheme; activity: StoredActivity | null }>();
    for (const theme of plan.themes) {
      themeOf.set(theme.id, { theme, activity: null });
      for (const workstream of theme.workstreams)
        for (const activity of workstream.activities) themeOf.set(activity.id, { theme, activity });
    }
    // Lines of an element that left the plan stay stored, but the overview shows the plan as it is.
    const shown = lines.flatMap((line) => {
      const found = themeOf.get(line.activityId ?? line.themeId ?? '');
      return found ? [{ ...line, ...found }] : [];
    });
    const years = Array.from({ length: plan.periodEnd - plan.periodStart + 1 }, (_, index) => plan.periodStart + index);
    const sum = (selected: typeof shown, kind: BudgetKind) =>
      sumCents(selected.filter((line) => line.kind === kind).map((line) => line.amountCents));
    const cells: BudgetCell[] = [];
    for (const year of years) {
      for (const theme of plan.themes) {
        const own = shown.filter((line) => line.year === year && line.theme.id === theme.id);
        if (own.length > 0)
          cells.push({ year, theme, planned: sum(own, 'planned'), realised: sum(own, 'realised'), requested: sum(own, 'requested') });
      }
    }
    const totals = years.map((year) => {
      const own = shown.filter((line) => line.year === year);
      return { year, planned: sum(own, 'planned'), realised: sum(own, 'realised'), requested: sum(own, 'requested') };
    });
    return { plan, years, lines: shown, cells, totals, may: { edit: mayInAll(actor, 'budget:edit', municipalityIds) } };
  }

  /** The current lines as a file to fill in and read back. */
  async exportFile(actor: Actor, planId: string, format: 'csv' | 'xlsx'): Promise<{ fileName: string; body: string | Uint8Array }> {
    const view = await this.overview(actor, planId);
    const fileName = `begroting-${view.plan.id.slice(0, 8)}.${format}`;
    return { fileName, body: format === 'csv' ? budgetCsv(view) : await budgetXlsx(view) };
  }

  /** Refuses, before a file is read, whoever may not keep the plan's budget. */
  async assertMayEdit(actor: Actor, planId: string): Promise<void> {
    const plan = await this.plans.getPlan(actor, planId);
    const municipalityIds = await this.uow.read(({ plans }) => plans.municipalityIdsOfPlan(plan.id));
    assertMayInAll(actor, 'budget:edit', municipalityIds, 'de begroting van dit plan bijhouden');
  }

  /**
   * Reads a filled-in budget file and records every row that changes an
   * amount, all in one unit of work with one audit event: a file with one bad
   * row is refused whole, with every row, column and reason, and nothing is
   * written.
   */
  async importFile(
    actor: Actor,
    planId: string,
    file: { name: string; bytes: Uint8Array },
  ): Promise<{ recorded: number; unchanged: number }> {
    await this.assertMayEdit(actor, planId);
    const view = await this.overview(actor, planId);
    const parsed = await parseBudgetFile(file, view.plan, view);
    if (!parsed.ok) throw fileProblems(file, parsed.problems);
    const plan = view.plan;
    return this.uow.write(async (repos) => {
      const municipalityIds = await repos.plans.municipalityIdsOfPlan(plan.id);
      assertMayInAll(actor, 'budget:edit', municipalityIds, 'de begroting van dit plan bijhouden');
      for (const row of parsed.rows) {
        const input = checkLine(plan, { ...row });
        await repos.budget.record(plan.id, input.line, auditActor(actor));
      }
      await repos.audit.record({
        actor: auditActor(actor),
        action: 'budget.imported',
        objectType: 'plan',
        objectId: plan.id,
        municipalityId: municipalityIds[0] ?? null,
        before: null,
        after: { bestand: file.name, vastgelegd: parsed.rows.length, ongewijzigd: parsed.unchanged },
        ip: actor.ip ?? null,
      });
      return { recorded: parsed.rows.length, unchanged: parsed.unchanged };
    });
  }

  async record(actor: Actor, planId: string, request: BudgetLineRequest): Promise<BudgetLine> {
    const plan = await this.plans.getPlan(actor, planId);
    return this.uow.write(async (repos) => {
      const municipalityIds = await repos.plans.municipalityIdsOfPlan(plan.id);
      assertMayInAll(actor, 'budget:edit', municipalityIds, 'de begroting van dit plan bijhouden');
      const input = checkLine(plan, request);
      const { line, before } = await repos.budget.record(plan.id, input.line, auditActor(actor));
      await repos.audit.record({
        actor: auditActor(actor),
        action: 'budget.recorded',
        objectType: 'plan',
        objectId: plan.id,
        municipalityId: municipalityIds[0] ?? null,
        before: before ? { bedragInCenten: before.amountCents, toelichting: before.note } : null,
        after: {
          [input.activityKey ? 'activiteit' : 'thema']: input.activityKey ?? input.themeKey,
          jaar: line.year,
          soort: line.kind,
          bron: line.source,
          bedragInCenten: line.amountCents,
        },
        ip: actor.ip ?? null,
      });
      return line;
    });
  }
}

/** The problems of a file as field problems: where (row and column) and why. */
function fileProblems(file: { name: string }, problems: BudgetFileProblem[]): ValidationError {
  return new ValidationError(
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

/** The line asked for, checked against the plan, with every problem at once. */
function checkLine(plan: Plan, request: BudgetLineRequest): { line: BudgetLineInput; themeKey: string | null; activityKey: string | null } {
  const problems: FieldProblem[] = [];
  const themeKey = request.themeKey?.trim() || null;
  const activityKey = request.activityKey?.trim() || null;
  let themeId: string | null = null;
  let activityId: string | null = null;
  if ((themeKey === null) === (activityKey === null)) {
    problems.push({ path: 'voor', message: 'kies een thema of een activiteit (één van de twee)' });
  } else if (themeKey) {
    themeId = plan.themes.find((theme) => theme.key === themeKey)?.id ?? null;
    if (!themeId) throw new NotFoundError('Thema', themeKey);
  } else if (activityKey) {
    activityId =
      plan.themes
        .flatMap((theme) => theme.workstreams.flatMap((workstream) => workstream.activities))
        .find((activity) => activity.key === activityKey)?.id ?? null;
    if (!activityId) throw new NotFoundError('Activiteit', activityKey);
  }
  if (!Number.isInteger(request.year) || request.year < plan.periodStart || request.year > plan.periodEnd) {
    problems.push({ path: 'jaar', message: `kies een jaar van het plan: ${plan.periodStart} tot en met ${plan.periodEnd}` });
  }
  const kind = BUDGET_KINDS.find((candidate) => candidate === request.kind);
  if (!kind) problems.push({ path: 'soort', message: `kies uit ${BUDGET_KINDS.join(', ')}` });
  const source = BUDGET_SOURCES.find((candidate) => candidate === request.source);
  if (!source) problems.push({ path: 'bron', message: `kies uit ${BUDGET_SOURCES.join(', ')}` });
  let amountCents = 0;
  try {
    amountCents = checkCents(request.amountCents);
  } catch (error) {
    if (!(error instanceof MoneyError)) throw error;
    problems.push({ path: 'bedrag', message: error.message });
  }
  const note = (request.note ?? '').trim();
  if (note.length > 2000) problems.push({ path: 'toelichting', message: 'hoogstens 2000 tekens' });
  if (kind === 'requested' && !note) problems.push({ path: 'toelichting', message: 'onderbouw het verzoek om extra geld' });
  if (problems.length > 0 || !kind || !source) throw new ValidationError('De begrotingsregel is ongeldig', problems);
  return { line: { themeId, activityId, year: request.year, kind, source, amountCents, note }, themeKey, activityKey };
}
