/**
 * Prioritisation (prioritering) towards the next plan, kept with the plan it
 * is prepared from: the coordinator scores each Kernbeleid Veiligheid theme on
 * the municipality's weighted criteria, Koers proposes a ranking with its
 * reasons (src/domain/prioritisation.ts), the coordinator chooses the
 * priorities and strategic themes, and that choice becomes the concept of the
 * next plan, linked to this one as its predecessor.
 *
 * Who may: whoever may read the plan reads its prioritisation; the
 * coordinator (plan:edit in every municipality of the plan) changes it and
 * makes the concept. A change names the version it was made on; a stale one
 * is refused (409). Once the concept is made, the prioritisation stays as it
 * was: it is what the concept was made from.
 */
import { type CatalogueTheme, CURRENT_EDITION, catalogueEdition } from '../../catalogue/kernbeleid-veiligheid.js';
import { ConflictError, type FieldProblem, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { FigureSource } from '../../domain/group-comparison.js';
import type { Plan } from '../../domain/plan.js';
import { DEFAULT_CRITERIA, type RankedTheme, rankThemes, scoreProblems } from '../../domain/prioritisation.js';
import type { Trend } from '../../domain/trend.js';
import { assertMayInAll, mayInAll } from '../accounts/access.policy.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { AnalysisService } from '../analysis/analysis.service.js';
import { recordPlanEvent } from '../audit/plan-audit.js';
import type { PlanReader } from '../plans/plan.service.js';
import type { PlanLifecycleService } from '../plans/plan-lifecycle.service.js';
import type { SimilarMunicipalitiesService } from '../similar-municipalities/similar-municipalities.service.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { PrioritisationContent, StoredPrioritisation } from './prioritisation.repository.js';

export type { PrioritisationContent } from './prioritisation.repository.js';

export const MAX_CRITERIA = 20;
export const MAX_CRITERION_NAME = 100;
export const MAX_NOTE = 2000;
export const MAX_TITLE = 200;
/** How many of the highest ranked themes the proposal makes priorities, and how many after them strategic themes. */
export const PROPOSED_PRIORITIES = 3;
export const PROPOSED_STRATEGIC = 7;

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface PrioritisationState extends PrioritisationContent {
  catalogueEdition: string;
  /** 0 before the first save. */
  version: number;
  conceptPlanId: string | null;
  updatedByLabel: string | null;
  updatedAt: string | null;
}

/** What helps to score a theme: what the plan made of it, and the trend of its police figures. */
export interface ThemeFacts {
  previous: 'priority' | 'strategic' | null;
  /** Per police series of the theme its trend; empty when the police register nothing for it or no figures are stored. */
  trends: { title: string; trend: Trend }[];
  /** The theme's registered crime and nuisance per 1,000 inhabitants against similar municipalities, when their figures are stored. */
  group: { source: FigureSource; year: number; position: 'above' | 'below' | 'unclear' }[];
}

export interface PrioritisationView {
  plan: Plan;
  state: PrioritisationState;
  /** The themes of the edition per field of Kernbeleid Veiligheid, cross-cutting themes last (field number null). */
  fields: { number: number | null; name: string; themes: CatalogueTheme[] }[];
  ranking: RankedTheme[];
  /** The choice the ranking suggests: the highest ranked themes as priorities, the next ones as strategic themes. */
  proposal: { priorities: string[]; strategic: string[] };
  facts: Record<string, ThemeFacts>;
  /** Whether the safety analysis could give trends, and over which years. */
  analysis: { available: true; from: number; to: number } | { available: false };
  conceptDefaults: { title: string; periodStart: number; periodEnd: number };
  /** The concept made from this prioritisation, when there is one the actor may read. */
  concept: { id: string; title: string } | null;
  may: { edit: boolean };
}

export interface ConceptInput {
  title?: string;
  periodStart?: number;
  periodEnd?: number;
}

export class PrioritisationService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly deps: {
      plans: PlanReader;
      lifecycle: PlanLifecycleService;
      analysis: AnalysisService;
      similarMunicipalities?: SimilarMunicipalitiesService;
    },
  ) {}

  /** The prioritisation as stored (or the starting point: the default criteria, nothing scored), its ranking and the facts beside it. */
  async view(actor: Actor, planId: string, options: { facts?: boolean } = {}): Promise<PrioritisationView> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const [stored, municipalityIds] = await this.uow.read(({ prioritisations, plans }) =>
      Promise.all([prioritisations.find(plan.id), plans.municipalityIdsOfPlan(plan.id)]),
    );
    const state = stateOf(stored);
    const themes = themesOf(state.catalogueEdition);
    const ranking = rankThemes(themes, state.criteria, state.scores);
    const ranked = ranking.filter((row) => row.total !== null).map((row) => row.code);
    const { facts, analysis } =
      options.facts === false ? { facts: {}, analysis: { available: false as const } } : await this.factsOf(actor, plan, themes);
    return {
      plan,
      state,
      fields: fieldsOf(state.catalogueEdition),
      ranking,
      proposal: {
        priorities: ranked.slice(0, PROPOSED_PRIORITIES),
        strategic: ranked.slice(PROPOSED_PRIORITIES, PROPOSED_PRIORITIES + PROPOSED_STRATEGIC),
      },
      facts,
      analysis,
      conceptDefaults: conceptDefaultsOf(plan),
      concept: state.conceptPlanId ? await this.readableConcept(actor, state.conceptPlanId) : null,
      may: { edit: mayInAll(actor, 'plan:edit', municipalityIds) },
    };
  }

  /** Saves criteria, scores, notes and the choice at the version they were read at; every problem is named with its path. */
  async save(actor: Actor, planId: string, content: PrioritisationContent, expectedVersion: number): Promise<PrioritisationState> {
    const { plan, municipalityIds } = await this.editable(actor, planId);
    return this.uow.write(async (repos) => {
      const current = await repos.prioritisations.find(plan.id, { lock: true });
      const edition = current?.catalogueEdition ?? CURRENT_EDITION;
      const problems = contentProblems(content, edition);
      if (problems.length > 0) throw new ValidationError('De prioritering kan zo niet worden bewaard', problems);
      if (current?.conceptPlanId) throw conceptMade();
      if ((current?.version ?? 0) !== expectedVersion) throw stale(current?.version ?? 0);
      const tidy = tidied(content);
      const author = auditActor(actor);
      const saved = current
        ? await repos.prioritisations.update(current.id, expectedVersion, tidy, author)
        : await repos.prioritisations.insert(
            { planId: plan.id, municipalityId: municipalityIds[0] as string, catalogueEdition: edition, content: tidy },
            author,
          );
      if (!saved) throw stale(expectedVersion + 1);
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'prioritisation.saved', current ? inAudit(current) : null, inAudit(saved));
      return stateOf(saved);
    });
  }

  /**
   * Makes the concept of the next plan from the chosen priorities and strategic
   * themes, for the plan's municipality, following this plan in time and linked
   * to it as its predecessor; records it on the prioritisation, all in one
   * write. A second attempt finds the concept made and is refused (409).
   */
  async makeConcept(actor: Actor, planId: string, input: ConceptInput, expectedVersion: number): Promise<{ planId: string }> {
    const { plan, municipalityIds } = await this.editable(actor, planId);
    const defaults = conceptDefaultsOf(plan);
    const title = (input.title ?? defaults.title).trim();
    const periodStart = input.periodStart ?? defaults.periodStart;
    const periodEnd = input.periodEnd ?? defaults.periodEnd;
    const problems = conceptProblems(plan, title, periodStart, periodEnd);
    if (problems.length > 0) throw new ValidationError('Met deze gegevens kan het concept niet worden gemaakt', problems);
    return this.uow.write(async (repos) => {
      const current = await repos.prioritisations.find(plan.id, { lock: true });
      if (current?.conceptPlanId) throw conceptMade();
      if ((current?.version ?? 0) !== expectedVersion) throw stale(current?.version ?? 0);
      if (!current || current.priorities.length + current.strategic.length === 0)
        throw new ValidationError('Er zijn nog geen thema’s gekozen', [
          { path: 'prioriteiten', message: 'kies en bewaar eerst de prioriteiten en strategische thema’s' },
        ]);
      const municipality = plan.municipalities[0] as Plan['municipalities'][number];
      const conceptId = await this.deps.lifecycle.startPlan(actor, {
        municipalityCode: municipality.code,
        title,
        summary: `Concept uit de prioritering bij ${plan.title}: ${current.priorities.length} prioriteiten en ${current.strategic.length} strategische thema’s.`,
        periodStart,
        periodEnd,
        catalogueEdition: current.catalogueEdition,
        start: { kind: 'catalogue', priorities: current.priorities, strategic: current.strategic, predecessorId: plan.id },
      });
      const recorded = await repos.prioritisations.recordConcept(current.id, current.version, conceptId, auditActor(actor));
      if (!recorded) throw conceptMade();
      await recordPlanEvent(repos, actor, plan, municipalityIds, 'prioritisation.concept-made', null, {
        versie: recorded.version,
        concept: conceptId,
        titel: title,
        periode: { van: periodStart, tot: periodEnd },
        prioriteiten: current.priorities,
        strategischeThemas: current.strategic,
      });
      return { planId: conceptId };
    });
  }

  /** Throws unless the actor may change the plan's prioritisation; for a page before it reads a form. */
  async assertMayEdit(actor: Actor, planId: string): Promise<void> {
    await this.editable(actor, planId);
  }

  private async editable(actor: Actor, planId: string): Promise<{ plan: Plan; municipalityIds: string[] }> {
    const plan = await this.deps.plans.getPlan(actor, planId);
    const municipalityIds = await this.uow.read(({ plans }) => plans.municipalityIdsOfPlan(plan.id));
    assertMayInAll(actor, 'plan:edit', municipalityIds, 'de prioritering van dit plan wijzigen');
    return { plan, municipalityIds };
  }

  private async readableConcept(actor: Actor, conceptId: string): Promise<{ id: string; title: string } | null> {
    try {
      const concept = await this.deps.plans.getPlan(actor, conceptId);
      return { id: concept.id, title: concept.title };
    } catch (error) {
      if (error instanceof NotFoundError) return null;
      throw error;
    }
  }

  /** Per theme what the plan made of it and, when police figures are stored, their trend from the safety analysis. */
  private async factsOf(
    actor: Actor,
    plan: Plan,
    themes: readonly { code: string }[],
  ): Promise<{ facts: Record<string, ThemeFacts>; analysis: PrioritisationView['analysis'] }> {
    const facts: Record<string, ThemeFacts> = {};
    for (const theme of themes) {
      const covering = plan.themes.filter((own) => own.catalogueThemeCodes.includes(theme.code));
      const previous = covering.some((own) => own.kind === 'priority') ? 'priority' : covering.length > 0 ? 'strategic' : null;
      facts[theme.code] = { previous, trends: [], group: [] };
    }
    let analysis: PrioritisationView['analysis'] = { available: false };
    try {
      const view = await this.deps.analysis.analysis(actor, plan.id);
      if (view.available) {
        analysis = { available: true, from: view.years.from, to: view.years.to };
        for (const theme of view.fields.flatMap((field) => field.themes)) {
          const entry = facts[theme.code];
          if (entry) entry.trends = theme.series.map((series) => ({ title: series.title, trend: series.trend }));
        }
      }
    } catch (error) {
      // The analysis helps; without it the themes are scored all the same, and the page says it is missing.
      if (!(error instanceof ValidationError || error instanceof NotFoundError)) throw error;
    }
    // The gap to similar municipalities (the automatic group), from what is stored of them.
    const comparison = await this.deps.similarMunicipalities?.comparison(actor, plan.id).catch((error: unknown) => {
      if (error instanceof ValidationError || error instanceof NotFoundError) return null;
      throw error;
    });
    if (comparison?.year != null) {
      for (const theme of comparison.themes) {
        const entry = facts[theme.code];
        if (entry && theme.position) entry.group.push({ source: theme.source, year: comparison.year, position: theme.position });
      }
    }
    return { facts, analysis };
  }
}

function stateOf(stored: StoredPrioritisation | undefined): PrioritisationState {
  if (!stored)
    return {
      catalogueEdition: CURRENT_EDITION,
      criteria: DEFAULT_CRITERIA.map((criterion) => ({ ...criterion })),
      scores: {},
      notes: {},
      priorities: [],
      strategic: [],
      version: 0,
      conceptPlanId: null,
      updatedByLabel: null,
      updatedAt: null,
    };
  const { id: _id, planId: _plan, municipalityId: _municipality, ...state } = stored;
  return state;
}

function themesOf(edition: string): readonly CatalogueTheme[] {
  return (catalogueEdition(edition) ?? catalogueEdition(CURRENT_EDITION))?.themes ?? [];
}

function fieldsOf(edition: string): PrioritisationView['fields'] {
  const known = catalogueEdition(edition) ?? catalogueEdition(CURRENT_EDITION);
  if (!known) return [];
  const fields: PrioritisationView['fields'] = known.fields.map((field) => ({
    number: field.number,
    name: field.name,
    themes: known.themes.filter((theme) => theme.fieldNumber === field.number),
  }));
  const crossCutting = known.themes.filter((theme) => theme.fieldNumber === null);
  if (crossCutting.length > 0) fields.push({ number: null, name: 'domeinoverstijgend', themes: crossCutting });
  return fields;
}

/** The next plan follows this one: the same length, from the year after it ends, its title with the new years. */
export function conceptDefaultsOf(plan: Pick<Plan, 'title' | 'periodStart' | 'periodEnd'>): ConceptInput & {
  title: string;
  periodStart: number;
  periodEnd: number;
} {
  const periodStart = plan.periodEnd + 1;
  const periodEnd = periodStart + (plan.periodEnd - plan.periodStart);
  const years = `${plan.periodStart}-${plan.periodEnd}`;
  const title = plan.title.includes(years)
    ? plan.title.replace(years, `${periodStart}-${periodEnd}`)
    : `Integraal Veiligheidsplan ${periodStart}-${periodEnd}`;
  return { title, periodStart, periodEnd };
}

/** Every problem of what is to be saved, with the path of its field in the API (criteria[0].naam, scores.1.3.x, prioriteiten[1]). */
export function contentProblems(content: PrioritisationContent, edition: string): FieldProblem[] {
  const codes = themesOf(edition).map((theme) => theme.code);
  const problems: FieldProblem[] = [];
  if (content.criteria.length === 0) problems.push({ path: 'criteria', message: 'geef minstens één criterium' });
  if (content.criteria.length > MAX_CRITERIA) problems.push({ path: 'criteria', message: `ten hoogste ${MAX_CRITERIA} criteria` });
  content.criteria.forEach((criterion, index) => {
    if (!KEY.test(criterion.key) || criterion.key.length > 60)
      problems.push({ path: `criteria[${index}].sleutel`, message: 'een sleutel is van kleine letters, cijfers en koppeltekens' });
    if (criterion.name.length > MAX_CRITERION_NAME)
      problems.push({ path: `criteria[${index}].naam`, message: `ten hoogste ${MAX_CRITERION_NAME} tekens` });
  });
  const fields: Record<string, string> = { key: 'sleutel', name: 'naam', weight: 'gewicht' };
  for (const problem of scoreProblems(content.criteria, content.scores, codes)) {
    const path = problem.path.replace(
      /^(criteria\[\d+\])\.(key|name|weight)$/,
      (_all, at: string, field: string) => `${at}.${fields[field]}`,
    );
    problems.push({ path, message: problem.message });
  }
  for (const [code, note] of Object.entries(content.notes)) {
    if (!codes.includes(code)) problems.push({ path: `toelichtingen.${code}`, message: `geen thema van Kernbeleid Veiligheid: ${code}` });
    else if (note.length > MAX_NOTE) problems.push({ path: `toelichtingen.${code}`, message: `ten hoogste ${MAX_NOTE} tekens` });
  }
  const chosen = new Set<string>();
  for (const [list, path] of [
    [content.priorities, 'prioriteiten'],
    [content.strategic, 'strategischeThemas'],
  ] as const) {
    list.forEach((code, index) => {
      if (!codes.includes(code)) problems.push({ path: `${path}[${index}]`, message: `geen thema van Kernbeleid Veiligheid: ${code}` });
      else if (chosen.has(code)) problems.push({ path: `${path}[${index}]`, message: `${code} is al gekozen` });
      chosen.add(code);
    });
  }
  return problems;
}

function conceptProblems(plan: Plan, title: string, periodStart: number, periodEnd: number): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (title === '') problems.push({ path: 'titel', message: 'geef het plan een titel' });
  else if (title.length > MAX_TITLE) problems.push({ path: 'titel', message: `ten hoogste ${MAX_TITLE} tekens` });
  const year = (value: number) => Number.isInteger(value) && value >= 1900 && value <= 2200;
  if (!year(periodStart)) problems.push({ path: 'periode.van', message: 'een jaartal van 1900 tot en met 2200' });
  else if (periodStart <= plan.periodStart)
    problems.push({ path: 'periode.van', message: `het volgende plan begint na ${plan.periodStart}, het begin van ${plan.title}` });
  if (!year(periodEnd)) problems.push({ path: 'periode.tot', message: 'een jaartal van 1900 tot en met 2200' });
  else if (year(periodStart) && periodEnd < periodStart) problems.push({ path: 'periode.tot', message: 'ligt voor het beginjaar' });
  return problems;
}

/** Notes without spaces around them, and empty ones left out. */
function tidied(content: PrioritisationContent): PrioritisationContent {
  return {
    criteria: content.criteria.map((criterion) => ({ key: criterion.key, name: criterion.name.trim(), weight: criterion.weight })),
    scores: Object.fromEntries(Object.entries(content.scores).filter(([, perCriterion]) => Object.keys(perCriterion).length > 0)),
    notes: Object.fromEntries(
      Object.entries(content.notes)
        .map(([code, note]) => [code, note.trim()] as const)
        .filter(([, note]) => note !== ''),
    ),
    priorities: [...content.priorities],
    strategic: [...content.strategic],
  };
}

function inAudit(stored: StoredPrioritisation) {
  return {
    versie: stored.version,
    criteria: stored.criteria,
    scores: stored.scores,
    toelichtingen: stored.notes,
    prioriteiten: stored.priorities,
    strategischeThemas: stored.strategic,
  };
}

function stale(currentVersion: number): ConflictError {
  return new ConflictError(
    `Iemand anders heeft de prioritering intussen bewaard (nu versie ${currentVersion}). Laad de pagina opnieuw en doe uw wijziging nog eens.`,
  );
}

function conceptMade(): ConflictError {
  return new ConflictError(
    'Van deze prioritering is het concept van het volgende plan al gemaakt; ze blijft zoals ze toen was. Werk verder in het concept.',
  );
}
