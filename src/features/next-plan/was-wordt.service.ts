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

/** Was/wordt of a plan as read: its predecessor the reader may see (or none), the rows, and the catalogue's theme names. */
export interface WasWordtOfPlan {
  predecessor: Plan | null;
  /** Empty without a predecessor. */
  rows: WasWordtRow[];
  /** Catalogue theme names by code, of either edition. */
  themeNames: Map<string, string>;
}

export interface WasWordtView extends WasWordtOfPlan {
  plan: Plan;
}

const themesOf = (plan: Plan): WasWordtTheme[] =>
  plan.themes.map((theme) => ({
    key: theme.key,
    name: theme.name,
    kind: theme.kind,
    catalogueThemeCodes: theme.catalogueThemeCodes,
    previousPlanNote: theme.previousPlanNote,
  }));

const THEME_NAMES = new Map(CATALOGUE_EDITIONS.flatMap((edition) => edition.themes.map((theme) => [theme.code, theme.name] as const)));
const CATALOGUE_ORDER = [...new Set(CATALOGUE_EDITIONS.flatMap((edition) => edition.themes.map((theme) => theme.code)))];

export class WasWordtService {
  constructor(private readonly plans: PlanReader) {}

  async wasWordt(actor: Actor, planId: string): Promise<WasWordtView> {
    const plan = await this.plans.getPlan(actor, planId);
    return { plan, ...(await this.ofPlan(actor, plan)) };
  }

  /**
   * Was/wordt of a plan the caller has read already (a report reads it as it
   * stood on its reference date): the predecessor as it stands now.
   */
  async ofPlan(actor: Actor, plan: Plan): Promise<WasWordtOfPlan> {
    let predecessor: Plan | null = null;
    if (plan.predecessorId) {
      try {
        predecessor = await this.plans.getPlan(actor, plan.predecessorId);
      } catch (error) {
        if (!(error instanceof NotFoundError)) throw error;
      }
    }
    return {
      predecessor,
      rows: predecessor ? wasWordt(themesOf(predecessor), themesOf(plan), CATALOGUE_ORDER) : [],
      themeNames: THEME_NAMES,
    };
  }
}
