/**
 * Was/wordt of a plan: per catalogue theme what it was in the plan before it
 * (its predecessor, the plan it was copied from) and what it becomes, with
 * the coordinator's note on each theme. Whoever may read the plan may read
 * it; a predecessor the reader may not see counts as none.
 */
import { CATALOGUE_EDITIONS } from '../../catalogue/kernbeleid-veiligheid.js';
import { NotFoundError } from '../../domain/errors.js';
import type { Plan } from '../../domain/plan.js';
import { type WasWordtRow, type WasWordtTheme, wasWordt } from '../../domain/was-wordt.js';
import type { Actor } from '../accounts/actor.js';
import type { PlanReader } from '../plans/plan.service.js';

export interface WasWordtView {
  plan: Plan;
  predecessor: Plan | null;
  rows: WasWordtRow[];
  /** Catalogue theme names by code, of either edition. */
  themeNames: Map<string, string>;
}

const themesOf = (plan: Plan): WasWordtTheme[] =>
  plan.themes.map((theme) => ({
    key: theme.key,
    name: theme.name,
    kind: theme.kind,
    catalogueThemeCodes: theme.catalogueThemeCodes,
    previousPlanNote: theme.previousPlanNote,
  }));

export class WasWordtService {
  constructor(private readonly plans: PlanReader) {}

  async wasWordt(actor: Actor, planId: string): Promise<WasWordtView> {
    const plan = await this.plans.getPlan(actor, planId);
    let predecessor: Plan | null = null;
    if (plan.predecessorId) {
      try {
        predecessor = await this.plans.getPlan(actor, plan.predecessorId);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    const themeNames = new Map(CATALOGUE_EDITIONS.flatMap((edition) => edition.themes.map((theme) => [theme.code, theme.name] as const)));
    const order = [...new Set(CATALOGUE_EDITIONS.flatMap((edition) => edition.themes.map((theme) => theme.code)))];
    return {
      plan,
      predecessor,
      rows: predecessor ? wasWordt(themesOf(predecessor), themesOf(plan), order) : [],
      themeNames,
    };
  }
}
