/**
 * Translates between the plan document (Dutch API names) and the plan content
 * the code works with (English names). The two directions are exact inverses:
 * a document read and written back is the same document.
 */

import { keyFromName, uniqueKey } from '../../domain/keys.js';
import type {
  ActivityContent,
  Adoption,
  FrameworkLevel,
  IndicatorBinding,
  IndicatorContent,
  IndicatorUnit,
  PartnerKind,
  Plan,
  PlanContent,
  PlanStatus,
  SeriesSpec,
  StoredIndicator,
  TargetComparison,
  ThemeContent,
  ThemeKind,
} from '../../domain/plan.js';
import type {
  ActivityDocument,
  BindingDocument,
  IndicatorDocument,
  PlanDocument,
  SeriesDocument,
  ThemeDocument,
} from './plan-document.schema.js';

/** One table per enumeration: English code value <-> Dutch API value. */
export const STATUS_NAMES = { draft: 'concept', adopted: 'vastgesteld', closed: 'afgesloten' } as const satisfies Record<
  PlanStatus,
  string
>;
export const THEME_KIND_NAMES = { priority: 'prioriteit', strategic: 'strategisch' } as const satisfies Record<ThemeKind, string>;
export const PARTNER_KIND_NAMES = {
  department: 'gemeentelijk',
  shared_service: 'samenwerkingsverband',
  external: 'extern',
} as const satisfies Record<PartnerKind, string>;
export const UNIT_NAMES = {
  count: 'aantal',
  per_1000_inhabitants: 'per-1000-inwoners',
  per_10000_inhabitants: 'per-10000-inwoners',
  per_1000_youths: 'per-1000-jongeren',
  per_10000_youths: 'per-10000-jongeren',
  percentage: 'percentage',
  grade: 'rapportcijfer',
} as const satisfies Record<IndicatorUnit, string>;
export const COMPARISON_NAMES = { at_most: 'hoogstens', at_least: 'tenminste' } as const satisfies Record<TargetComparison, string>;
export const BODY_NAMES = { council: 'raad', executive: 'college' } as const;
export const DECIDER_NAMES = { council: 'raad', executive: 'college', coordinator: 'coördinator' } as const;
export const LEVEL_NAMES = { local: 'lokaal', regional: 'regionaal', national: 'landelijk' } as const satisfies Record<
  FrameworkLevel,
  string
>;

function invert<K extends string, V extends string>(table: Record<K, V>): Record<V, K> {
  return Object.fromEntries(Object.entries(table).map(([code, name]) => [name, code])) as Record<V, K>;
}

const STATUS_CODES = invert(STATUS_NAMES);
export const THEME_KIND_CODES = invert(THEME_KIND_NAMES);
export const PARTNER_KIND_CODES = invert(PARTNER_KIND_NAMES);
export const UNIT_CODES = invert(UNIT_NAMES);
const COMPARISON_CODES = invert(COMPARISON_NAMES);
export const LEVEL_CODES = invert(LEVEL_NAMES);
const BODY_CODES = invert(BODY_NAMES);

/**
 * Gives every element without a key one made from its name, unique in its
 * scope (workstreams and activities across the plan, the rest within their
 * list) and different from every key the document gives itself.
 */
export class KeyMaker {
  private readonly taken = new Map<string, Set<string>>();

  constructor(given: Record<string, (string | undefined)[]>) {
    for (const [scope, keys] of Object.entries(given)) this.taken.set(scope, new Set(keys.filter((key) => key !== undefined)));
  }

  keyFor(scope: string, given: string | undefined, name: string): string {
    if (given !== undefined) return given;
    const taken = this.taken.get(scope) ?? new Set<string>();
    this.taken.set(scope, taken);
    return uniqueKey(keyFromName(name), taken);
  }
}

export function indicatorFromDocument(indicator: IndicatorDocument): IndicatorContent {
  return {
    key: indicator.sleutel,
    name: indicator.naam,
    source: indicator.bron,
    unit: UNIT_CODES[indicator.eenheid],
    ageBand: indicator.leeftijden ? { from: indicator.leeftijden.van, to: indicator.leeftijden.totEnMet } : null,
    seriesCode: indicator.reeks,
    goalKey: indicator.strategischeDoelstelling,
    baselineValue: indicator.nulmeting.waarde,
    baselineYear: indicator.nulmeting.jaar,
    targetComparison: COMPARISON_CODES[indicator.streefwaarde.vergelijking],
    targetValue: indicator.streefwaarde.waarde,
    targetYear: indicator.streefwaarde.jaar,
    binding: indicator.koppeling ? bindingFromDocument(indicator.koppeling) : null,
  };
}

function bindingFromDocument(binding: BindingDocument): IndicatorBinding {
  const series = (spec: SeriesDocument): SeriesSpec => ({
    service: spec.dienst,
    table: spec.tabel,
    topic: spec.onderwerp,
    dimensions: spec.dimensies,
  });
  return { numerator: series(binding.teller), denominator: binding.noemer ? series(binding.noemer) : null, scale: binding.schaal };
}

function bindingToDocument(binding: IndicatorBinding): BindingDocument {
  const series = (spec: SeriesSpec): SeriesDocument => ({
    dienst: spec.service,
    tabel: spec.table,
    onderwerp: spec.topic,
    dimensies: spec.dimensions,
  });
  return { teller: series(binding.numerator), noemer: binding.denominator ? series(binding.denominator) : null, schaal: binding.scale };
}

export function indicatorToDocument(indicator: IndicatorContent): IndicatorDocument {
  return {
    sleutel: indicator.key,
    naam: indicator.name,
    bron: indicator.source,
    eenheid: UNIT_NAMES[indicator.unit],
    // Only a rate per youths has ages; other indicators leave the field out, as documents did before it existed.
    ...(indicator.ageBand ? { leeftijden: { van: indicator.ageBand.from, totEnMet: indicator.ageBand.to } } : {}),
    reeks: indicator.seriesCode,
    strategischeDoelstelling: indicator.goalKey,
    nulmeting: { waarde: indicator.baselineValue, jaar: indicator.baselineYear },
    streefwaarde: { vergelijking: COMPARISON_NAMES[indicator.targetComparison], waarde: indicator.targetValue, jaar: indicator.targetYear },
    koppeling: indicator.binding ? bindingToDocument(indicator.binding) : null,
  };
}

export function activityFromDocument(activity: ActivityDocument, keys: Pick<KeyMaker, 'keyFor'>): ActivityContent {
  return {
    key: keys.keyFor('activity', activity.sleutel, activity.naam),
    name: activity.naam,
    description: activity.omschrijving,
    groupLabel: activity.cluster,
    quantity: activity.hoeveelheid && { value: activity.hoeveelheid.waarde, unit: activity.hoeveelheid.eenheid },
    cadence: activity.frequentie,
    weight: activity.gewicht ?? null,
    leadKeys: [...activity.trekkers],
    partnerKeys: [...activity.partners],
    schedule: {
      ongoing: activity.planning.doorlopend,
      startYear: activity.planning.vanafJaar,
      startQuarter: activity.planning.vanafKwartaal,
      endYear: activity.planning.totJaar,
    },
  };
}

export function activityToDocument(activity: ActivityContent): ActivityDocument {
  return {
    sleutel: activity.key,
    naam: activity.name,
    omschrijving: activity.description,
    cluster: activity.groupLabel,
    hoeveelheid: activity.quantity && { waarde: activity.quantity.value, eenheid: activity.quantity.unit },
    frequentie: activity.cadence,
    ...(activity.weight ? { gewicht: activity.weight } : {}),
    trekkers: [...activity.leadKeys],
    partners: [...activity.partnerKeys],
    planning: {
      doorlopend: activity.schedule.ongoing,
      vanafJaar: activity.schedule.startYear,
      vanafKwartaal: activity.schedule.startQuarter,
      totJaar: activity.schedule.endYear,
    },
  };
}

export function themeFromDocument(theme: ThemeDocument, keys: Pick<KeyMaker, 'keyFor'>): ThemeContent {
  return {
    key: theme.sleutel,
    kind: THEME_KIND_CODES[theme.soort],
    number: theme.nummer,
    paragraph: theme.paragraaf,
    name: theme.naam,
    catalogueThemeCodes: [...theme.kernbeleidThemas],
    outsideCatalogueReason: theme.redenEigenThema ?? null,
    summary: theme.samenvatting,
    approachLines: theme.hoofdlijnen.map((line) => ({ title: line.titel, description: line.omschrijving })),
    goal: theme.doelstelling,
    qualitativeAssessment: theme.kwalitatieveBeoordeling,
    previousPlanNote: theme.wasWordt,
    indicators: theme.indicatoren.map(indicatorFromDocument),
    workstreams: theme.onderdelen.map((workstream) => ({
      key: keys.keyFor('workstream', workstream.sleutel, workstream.naam),
      name: workstream.naam,
      activities: workstream.activiteiten.map((activity) => activityFromDocument(activity, keys)),
    })),
  };
}

export function themeToDocument(theme: ThemeContent): ThemeDocument {
  return {
    sleutel: theme.key,
    soort: THEME_KIND_NAMES[theme.kind],
    nummer: theme.number,
    paragraaf: theme.paragraph,
    naam: theme.name,
    kernbeleidThemas: [...theme.catalogueThemeCodes],
    redenEigenThema: theme.outsideCatalogueReason,
    samenvatting: theme.summary,
    hoofdlijnen: theme.approachLines.map((line) => ({ titel: line.title, omschrijving: line.description })),
    doelstelling: theme.goal,
    kwalitatieveBeoordeling: theme.qualitativeAssessment,
    wasWordt: theme.previousPlanNote,
    indicatoren: theme.indicators.map(indicatorToDocument),
    onderdelen: theme.workstreams.map((workstream) => ({
      sleutel: workstream.key,
      naam: workstream.name,
      activiteiten: workstream.activities.map(activityToDocument),
    })),
  };
}

export function planContentFromDocument(document: PlanDocument): PlanContent {
  const plan = document.plan;
  const workstreams = plan.themas.flatMap((theme) => theme.onderdelen);
  const keys = new KeyMaker({
    workstream: workstreams.map((workstream) => workstream.sleutel),
    activity: workstreams.flatMap((workstream) => workstream.activiteiten.map((activity) => activity.sleutel)),
    principle: plan.rodeDraden.map((principle) => principle.sleutel),
    meeting: plan.overleggen.map((meeting) => meeting.sleutel),
    accountability: plan.verantwoording.map((moment) => moment.sleutel),
    framework: plan.kaders.map((framework) => framework.sleutel),
  });
  return {
    title: plan.titel,
    subtitle: plan.ondertitel,
    municipalities: plan.gemeenten.map((municipality) => ({ code: municipality.code, name: municipality.naam })),
    periodStart: plan.periode.van,
    periodEnd: plan.periode.tot,
    status: STATUS_CODES[plan.status],
    adoptedOn: plan.vastgesteldOp,
    adoptions: adoptionsFromDocument(plan),
    catalogueEdition: plan.kernbeleidEditie,
    catalogueExclusions: (plan.bewustWeggelaten ?? []).map((exclusion) => ({ code: exclusion.kernbeleidThema, reason: exclusion.reden })),
    summary: plan.samenvatting,
    budgetNote: plan.begroting,
    goals: plan.doelstellingen.map((goal) => ({ key: goal.sleutel, title: goal.titel, description: goal.omschrijving })),
    principles: plan.rodeDraden.map((principle) => ({
      key: keys.keyFor('principle', principle.sleutel, principle.naam),
      name: principle.naam,
      description: principle.omschrijving,
    })),
    fieldContexts: plan.veldbeelden.map((context) => ({ fieldNumber: context.veld, summary: context.samenvatting })),
    portfolioHolders: plan.trekkers.map((holder) => ({ key: holder.sleutel, name: holder.naam })),
    partners: plan.partners.map((partner) => ({
      key: partner.sleutel,
      name: partner.naam,
      kind: PARTNER_KIND_CODES[partner.soort],
      isCore: partner.kernpartner,
      parentKey: partner.onderdeelVan,
      description: partner.omschrijving,
    })),
    indicators: plan.indicatoren.map(indicatorFromDocument),
    themes: plan.themas.map((theme) => themeFromDocument(theme, keys)),
    meetings: plan.overleggen.map((meeting) => ({
      key: keys.keyFor('meeting', meeting.sleutel, meeting.naam),
      name: meeting.naam,
      cadence: meeting.frequentie,
      description: meeting.omschrijving,
      partnerKeys: [...meeting.partners],
    })),
    accountability: plan.verantwoording.map((moment) => ({
      key: keys.keyFor('accountability', moment.sleutel, moment.naam),
      name: moment.naam,
      timing: moment.moment,
      audience: moment.ontvanger,
      description: moment.omschrijving,
    })),
    frameworks: plan.kaders.map((framework) => ({
      key: keys.keyFor('framework', framework.sleutel, framework.naam),
      name: framework.naam,
      level: LEVEL_CODES[framework.niveau],
      description: framework.omschrijving,
    })),
  };
}

/** The adoptions a document names, or else: the council of each municipality on the adoption date. */
function adoptionsFromDocument(plan: PlanDocument['plan']): Adoption[] {
  if (plan.vaststellingen)
    return plan.vaststellingen.map((adoption) => ({
      municipalityCode: adoption.gemeente,
      adoptedOn: adoption.datum,
      body: BODY_CODES[adoption.door],
    }));
  const adoptedOn = plan.vastgesteldOp;
  if (plan.status === 'concept' || adoptedOn === null) return [];
  return plan.gemeenten.map((municipality) => ({ municipalityCode: municipality.code, adoptedOn, body: 'council' }));
}

export function partnerToDocument(partner: PlanContent['partners'][number]): PlanDocument['plan']['partners'][number] {
  return {
    sleutel: partner.key,
    naam: partner.name,
    soort: PARTNER_KIND_NAMES[partner.kind],
    kernpartner: partner.isCore,
    onderdeelVan: partner.parentKey,
    omschrijving: partner.description,
  };
}

export function planContentToDocument(content: PlanContent): PlanDocument {
  return {
    formaat: 'koers-plan',
    versie: 1,
    plan: {
      titel: content.title,
      ondertitel: content.subtitle,
      gemeenten: content.municipalities.map((municipality) => ({ code: municipality.code, naam: municipality.name })),
      periode: { van: content.periodStart, tot: content.periodEnd },
      status: STATUS_NAMES[content.status],
      vastgesteldOp: content.adoptedOn,
      vaststellingen: content.adoptions.map((adoption) => ({
        gemeente: adoption.municipalityCode,
        datum: adoption.adoptedOn,
        door: BODY_NAMES[adoption.body],
      })),
      kernbeleidEditie: content.catalogueEdition,
      bewustWeggelaten: content.catalogueExclusions.map((exclusion) => ({ kernbeleidThema: exclusion.code, reden: exclusion.reason })),
      samenvatting: content.summary,
      begroting: content.budgetNote,
      doelstellingen: content.goals.map((goal) => ({ sleutel: goal.key, titel: goal.title, omschrijving: goal.description })),
      rodeDraden: content.principles.map((principle) => ({
        sleutel: principle.key,
        naam: principle.name,
        omschrijving: principle.description,
      })),
      veldbeelden: content.fieldContexts.map((context) => ({ veld: context.fieldNumber, samenvatting: context.summary })),
      trekkers: content.portfolioHolders.map((holder) => ({ sleutel: holder.key, naam: holder.name })),
      partners: content.partners.map(partnerToDocument),
      indicatoren: content.indicators.map(indicatorToDocument),
      themas: content.themes.map(themeToDocument),
      overleggen: content.meetings.map((meeting) => ({
        sleutel: meeting.key,
        naam: meeting.name,
        frequentie: meeting.cadence,
        omschrijving: meeting.description,
        partners: [...meeting.partnerKeys],
      })),
      verantwoording: content.accountability.map((moment) => ({
        sleutel: moment.key,
        naam: moment.name,
        moment: moment.timing,
        ontvanger: moment.audience,
        omschrijving: moment.description,
      })),
      kaders: content.frameworks.map((framework) => ({
        sleutel: framework.key,
        naam: framework.name,
        niveau: LEVEL_NAMES[framework.level],
        omschrijving: framework.description,
      })),
    },
  };
}

function indicatorContent({ id: _id, themeKey: _theme, lineageId: _lineage, ...indicator }: StoredIndicator): IndicatorContent {
  return indicator;
}

/** The content of a stored plan: the plan without its ids. */
export function toContent(plan: Plan): PlanContent {
  return {
    title: plan.title,
    subtitle: plan.subtitle,
    municipalities: plan.municipalities,
    periodStart: plan.periodStart,
    periodEnd: plan.periodEnd,
    status: plan.status,
    adoptedOn: plan.adoptedOn,
    adoptions: plan.adoptions,
    catalogueEdition: plan.catalogueEdition,
    catalogueExclusions: plan.catalogueExclusions,
    summary: plan.summary,
    budgetNote: plan.budgetNote,
    goals: plan.goals,
    principles: plan.principles,
    fieldContexts: plan.fieldContexts,
    portfolioHolders: plan.portfolioHolders.map(({ key, name }) => ({ key, name })),
    partners: plan.partners.map(({ id: _id, ...partner }) => partner),
    indicators: plan.indicators.map(indicatorContent),
    themes: plan.themes.map(({ id: _id, indicators, workstreams, ...theme }) => ({
      ...theme,
      indicators: indicators.map(indicatorContent),
      workstreams: workstreams.map((workstream) => ({
        key: workstream.key,
        name: workstream.name,
        activities: workstream.activities.map(({ id: _activityId, ...activity }) => activity),
      })),
    })),
    meetings: plan.meetings,
    accountability: plan.accountability,
    frameworks: plan.frameworks,
  };
}
