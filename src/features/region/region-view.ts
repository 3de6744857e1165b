/**
 * The regional view as plain data, built from what the service read (pure):
 * per municipality of the region its newest plan the reader may read, the
 * Kernbeleid Veiligheid themes its priorities and strategic themes cover,
 * the count of its indicators per status; the catalogue themes that two or
 * more of those plans make a priority; and the police figures per 1,000
 * inhabitants per municipality and for the region.
 */

import type { RegionKind } from '../../catalogue/regions.js';
import type { IndicatorStatus } from '../../domain/indicator-status.js';
import type { MunicipalityRef, PlanStatus, ThemeKind } from '../../domain/plan.js';

export const INDICATOR_STATUSES: readonly IndicatorStatus[] = ['met', 'on_course', 'attention', 'off_course', 'no_data'];

/** How many years of police figures the roll-up shows: the last complete ones. */
export const FIGURE_YEARS = 3;

export interface RegionChoice {
  /** `eigen`: municipalities picked by hand. */
  kind: RegionKind | 'eigen';
  key: string;
  name: string;
  municipalities: readonly string[];
}

export interface RegionPlanTheme {
  key: string;
  name: string;
  kind: ThemeKind;
  catalogueThemeCodes: string[];
}

/** What the service read of one plan. */
export interface RegionPlanInput {
  id: string;
  title: string;
  periodStart: number;
  periodEnd: number;
  status: PlanStatus;
  municipalities: MunicipalityRef[];
  themes: RegionPlanTheme[];
  statuses: IndicatorStatus[];
}

export interface RegionPlan extends Omit<RegionPlanInput, 'statuses'> {
  /** Per status the number of the plan's indicators, in the order of INDICATOR_STATUSES. */
  indicatorStatuses: { status: IndicatorStatus; count: number }[];
  indicatorCount: number;
}

export interface RegionMunicipality {
  code: string;
  name: string;
  /** The newest plan of the municipality the reader may read; null when there is none. */
  plan: RegionPlan | null;
  /** How many older plans the reader may read besides it. */
  earlierPlans: number;
}

export interface SharedTheme {
  code: string;
  name: string;
  /** The plans (ids) that make it a priority, in the order of the municipalities. */
  planIds: string[];
}

export interface YearFigure {
  year: number;
  crimes: number | null;
  population: number | null;
  /** Registered crimes per 1,000 inhabitants; null without both figures. */
  rate: number | null;
}

export interface FigureRow {
  code: string;
  name: string;
  years: YearFigure[];
}

export interface RegionFigures {
  years: number[];
  rows: FigureRow[];
  /** The region's sum over the municipalities with both figures in the year, and how many those are. */
  total: (YearFigure & { counted: number })[];
}

export interface RegionView {
  region: RegionChoice;
  municipalities: RegionMunicipality[];
  /** The plans shown, once each (a joint plan of two municipalities of the region is one plan). */
  plans: RegionPlan[];
  sharedPriorities: SharedTheme[];
  figures: RegionFigures;
}

export interface RegionInput {
  region: RegionChoice;
  names: ReadonlyMap<string, string>;
  /** Every plan the reader may read that has a municipality of the region, newest first. */
  plans: RegionPlanInput[];
  catalogueNames: ReadonlyMap<string, string>;
  /** Per municipality code the yearly police crime total and population, as stored. */
  crimes: ReadonlyMap<string, { year: number; value: number | null }[]>;
  population: ReadonlyMap<string, { year: number; value: number | null }[]>;
}

export function buildRegionView(input: RegionInput): RegionView {
  const shown = new Map<string, RegionPlan>();
  const municipalities = input.region.municipalities.map((code): RegionMunicipality => {
    const own = input.plans.filter((plan) => plan.municipalities.some((municipality) => municipality.code === code));
    const newest = own[0];
    let plan: RegionPlan | null = null;
    if (newest) {
      plan = shown.get(newest.id) ?? toRegionPlan(newest);
      shown.set(newest.id, plan);
    }
    return { code, name: input.names.get(code) ?? code, plan, earlierPlans: Math.max(0, own.length - 1) };
  });
  const plans = [...shown.values()];
  return {
    region: input.region,
    municipalities,
    plans,
    sharedPriorities: sharedPriorities(plans, input.catalogueNames),
    figures: rollUp(input),
  };
}

function toRegionPlan({ statuses, ...plan }: RegionPlanInput): RegionPlan {
  return {
    ...plan,
    indicatorStatuses: INDICATOR_STATUSES.map((status) => ({ status, count: statuses.filter((candidate) => candidate === status).length })),
    indicatorCount: statuses.length,
  };
}

/** The catalogue themes that a priority of two or more plans covers; most plans first, then by code. */
export function sharedPriorities(plans: readonly RegionPlan[], catalogueNames: ReadonlyMap<string, string>): SharedTheme[] {
  const byCode = new Map<string, string[]>();
  for (const plan of plans) {
    const codes = new Set(plan.themes.filter((theme) => theme.kind === 'priority').flatMap((theme) => theme.catalogueThemeCodes));
    for (const code of codes) byCode.set(code, [...(byCode.get(code) ?? []), plan.id]);
  }
  return [...byCode]
    .filter(([, planIds]) => planIds.length >= 2)
    .map(([code, planIds]) => ({ code, name: catalogueNames.get(code) ?? code, planIds }))
    .sort((a, b) => b.planIds.length - a.planIds.length || compareCodes(a.code, b.code));
}

/** "2.10" after "2.9"; the cross-cutting themes (letters) last. */
function compareCodes(a: string, b: string): number {
  return a.localeCompare(b, 'nl', { numeric: true });
}

/** Crimes per 1,000 inhabitants per municipality over the last FIGURE_YEARS years any municipality has, and the region's total. */
export function rollUp(input: Pick<RegionInput, 'region' | 'names' | 'crimes' | 'population'>): RegionFigures {
  const codes = input.region.municipalities.filter((code) => (input.crimes.get(code) ?? []).length > 0);
  const lastYear = Math.max(...codes.flatMap((code) => (input.crimes.get(code) ?? []).map((figure) => figure.year)));
  const years = Number.isFinite(lastYear) ? Array.from({ length: FIGURE_YEARS }, (_, index) => lastYear - FIGURE_YEARS + 1 + index) : [];
  const valueIn = (figures: { year: number; value: number | null }[] | undefined, year: number) =>
    figures?.find((figure) => figure.year === year)?.value ?? null;
  const rows = codes.map((code) => ({
    code,
    name: input.names.get(code) ?? code,
    years: years.map((year) => figure(year, valueIn(input.crimes.get(code), year), valueIn(input.population.get(code), year))),
  }));
  const total = years.map((year, index) => {
    const complete = rows.map((row) => row.years[index]!).filter((entry) => entry.rate !== null);
    const crimes = complete.reduce((sum, entry) => sum + (entry.crimes ?? 0), 0);
    const population = complete.reduce((sum, entry) => sum + (entry.population ?? 0), 0);
    return complete.length === 0
      ? { year, crimes: null, population: null, rate: null, counted: 0 }
      : { ...figure(year, crimes, population), counted: complete.length };
  });
  return { years, rows, total };
}

function figure(year: number, crimes: number | null, population: number | null): YearFigure {
  return { year, crimes, population, rate: crimes !== null && population !== null && population > 0 ? (crimes / population) * 1000 : null };
}
