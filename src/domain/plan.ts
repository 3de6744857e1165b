import type { AgeBand, IndicatorUnit } from './units.js';
/**
 * The plan as the code sees it (English names). `PlanContent` is a whole plan
 * without database ids: what an import writes and an export reads. `Plan` is
 * the same plan as stored, every element carrying its id.
 */

/**
 * An indicator's binding to open data: which series of which CBS or police
 * table feeds it (a sum of one or more codes), optionally divided by another
 * series (the population on 1 January) and scaled.
 */
export type OpenDataService = 'opendata' | 'dataderden' | 'datasets';

export interface SeriesSpec {
  service: OpenDataService;
  /** Table id as CBS writes it: 47022NED, 03759ned. */
  table: string;
  /** Topic key without its numeric suffix (GeregistreerdeMisdrijven); the suffix is resolved from DataProperties. */
  topic: string;
  /** Per dimension the codes (trimmed) to sum; every other dimension than region and period must be named. */
  dimensions: Record<string, string[]>;
}

export interface IndicatorBinding {
  numerator: SeriesSpec;
  denominator: SeriesSpec | null;
  /** 1000 for "per 1.000"; null without denominator. */
  scale: number | null;
}

export type PlanStatus = 'draft' | 'adopted' | 'closed';
export type ThemeKind = 'priority' | 'strategic';
export type PartnerKind = 'department' | 'shared_service' | 'external';
export type { AgeBand, IndicatorUnit } from './units.js';
export type TargetComparison = 'at_most' | 'at_least';
export type FrameworkLevel = 'local' | 'regional' | 'national';
/** Who adopts a plan: the council (raad) or the mayor and aldermen (college). */
export type AdoptingBody = 'council' | 'executive';
/** Who decided a revision: the council, the college, or the coordinator within the mandate the plan gives. */
export type RevisionDecider = 'council' | 'executive' | 'coordinator';

export interface MunicipalityRef {
  code: string;
  name: string;
}

export interface Schedule {
  ongoing: boolean;
  startYear: number | null;
  startQuarter: number | null;
  endYear: number | null;
}

export interface IndicatorContent {
  key: string;
  name: string;
  source: string;
  unit: IndicatorUnit;
  /** The ages of the youths of a rate per youths, both included; null for every other unit. */
  ageBand: AgeBand | null;
  seriesCode: string | null;
  goalKey: string | null;
  baselineValue: number;
  baselineYear: number;
  targetComparison: TargetComparison;
  targetValue: number;
  targetYear: number;
  binding: IndicatorBinding | null;
}

export interface ActivityContent {
  /** Stable within the plan: kept through export, import, copy and revision. */
  key: string;
  name: string;
  description: string;
  groupLabel: string | null;
  quantity: { value: number; unit: string } | null;
  cadence: string | null;
  /** How much the activity counts when progress is rolled up (positive, at most 1000); absent or null counts 1. */
  weight?: number | null;
  leadKeys: string[];
  partnerKeys: string[];
  schedule: Schedule;
}

export interface WorkstreamContent {
  key: string;
  name: string;
  activities: ActivityContent[];
}

export interface ApproachLine {
  title: string;
  description: string;
}

export interface ThemeContent {
  key: string;
  kind: ThemeKind;
  number: number;
  paragraph: string;
  name: string;
  catalogueThemeCodes: string[];
  /** Why a theme stands outside the catalogue (it names no catalogue theme); null for a theme within it. */
  outsideCatalogueReason: string | null;
  summary: string;
  approachLines: ApproachLine[];
  goal: string;
  qualitativeAssessment: string | null;
  previousPlanNote: string | null;
  indicators: IndicatorContent[];
  workstreams: WorkstreamContent[];
}

export interface PlanContent {
  title: string;
  subtitle: string | null;
  municipalities: MunicipalityRef[];
  periodStart: number;
  periodEnd: number;
  status: PlanStatus;
  /** The first adoption's date: from then on the plan changes only by revision. */
  adoptedOn: string | null;
  /** One adoption per municipality (a joint plan is adopted by each), in the order of `municipalities`. */
  adoptions: Adoption[];
  catalogueEdition: string;
  /** Catalogue themes the plan leaves out on purpose, with the reason shown on the coverage page. */
  catalogueExclusions: { code: string; reason: string }[];
  summary: string;
  budgetNote: string | null;
  goals: { key: string; title: string; description: string }[];
  principles: { key: string; name: string; description: string }[];
  fieldContexts: { fieldNumber: number; summary: string }[];
  portfolioHolders: { key: string; name: string }[];
  partners: {
    key: string;
    name: string;
    kind: PartnerKind;
    isCore: boolean;
    parentKey: string | null;
    description: string | null;
  }[];
  indicators: IndicatorContent[];
  themes: ThemeContent[];
  meetings: { key: string; name: string; cadence: string; description: string; partnerKeys: string[] }[];
  accountability: { key: string; name: string; timing: string; audience: string; description: string }[];
  frameworks: { key: string; name: string; level: FrameworkLevel; description: string }[];
}

export interface Adoption {
  municipalityCode: string;
  adoptedOn: string;
  body: AdoptingBody;
}

type WithId<T> = T & { id: string };

/** `lineageId` is shared by an indicator and its copies in later plans, so measurements continue across plan periods. */
export type StoredIndicator = WithId<IndicatorContent> & { themeKey: string | null; lineageId: string };
export type StoredActivity = WithId<ActivityContent>;
export type StoredWorkstream = WithId<Omit<WorkstreamContent, 'activities'>> & { activities: StoredActivity[] };
export type StoredTheme = WithId<Omit<ThemeContent, 'indicators' | 'workstreams'>> & {
  indicators: StoredIndicator[];
  workstreams: StoredWorkstream[];
};
export type StoredPartner = WithId<PlanContent['partners'][number]>;
export type StoredPortfolioHolder = WithId<PlanContent['portfolioHolders'][number]>;

/** A plan as stored: the content, with the id of every element that has a page or a resource. */
export type Plan = WithId<Omit<PlanContent, 'themes' | 'indicators' | 'partners' | 'portfolioHolders'>> & {
  createdAt: string;
  /** Published plans are readable by anyone, without logging in. */
  published: boolean;
  /** Counts every change of the plan (its ETag); a cached read of the same version is the same plan. */
  version: number;
  /** The plan this one follows (a copy made for the next period), if any. */
  predecessorId: string | null;
  indicators: StoredIndicator[];
  themes: StoredTheme[];
  partners: StoredPartner[];
  portfolioHolders: StoredPortfolioHolder[];
};

/** One line of the plan list. */
export interface PlanSummary {
  id: string;
  title: string;
  municipalities: MunicipalityRef[];
  periodStart: number;
  periodEnd: number;
  status: PlanStatus;
  adoptedOn: string | null;
  published: boolean;
}
