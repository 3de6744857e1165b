/**
 * One element of a plan as the API and the edit forms show and take it: the
 * same Dutch fields as in the plan document, plus where it sits (`thema` for an
 * indicator or workstream, `onderdeel` for an activity). Per kind a schema, and
 * the translation to and from the element's content. A new element without a
 * `sleutel` gets one made from its name.
 */
import type { z } from '@hono/zod-openapi';
import { keyFromName, uniqueKey } from '../../domain/keys.js';
import type { PlanContent } from '../../domain/plan.js';
import type { ElementKind, ElementValues } from '../../domain/plan-elements.js';
import { findElement, listElements } from '../../domain/plan-elements.js';
import {
  activityFromDocument,
  activityToDocument,
  indicatorFromDocument,
  indicatorToDocument,
  LEVEL_CODES,
  LEVEL_NAMES,
  PARTNER_KIND_CODES,
  partnerToDocument,
  THEME_KIND_CODES,
  themeToDocument,
} from './plan-document.mapper.js';
import {
  AccountabilityDocument,
  ActivityDocument,
  CatalogueExclusionDocument,
  FieldContextDocument,
  FrameworkDocument,
  GoalDocument,
  IndicatorDocument,
  keySchema,
  MeetingDocument,
  PartnerDocument,
  PortfolioHolderDocument,
  PrincipleDocument,
  ThemeDocument,
  WorkstreamDocument,
} from './plan-document.schema.js';

const ThemeFieldsDocument = ThemeDocument.omit({ indicatoren: true, onderdelen: true }).strict().openapi('ThemeFieldsDocument');

/** Each kind's element as the API and the forms take it. */
export const ELEMENT_DOCUMENTS = {
  goal: GoalDocument,
  principle: PrincipleDocument,
  fieldContext: FieldContextDocument,
  portfolioHolder: PortfolioHolderDocument,
  partner: PartnerDocument,
  indicator: IndicatorDocument.extend({
    thema: keySchema.nullable().describe('sleutel van het thema; null voor een planbrede indicator'),
  })
    .strict()
    .openapi('IndicatorElement'),
  theme: ThemeFieldsDocument,
  workstream: WorkstreamDocument.extend({ thema: keySchema.describe('sleutel van het thema') })
    .strict()
    .openapi('WorkstreamElement'),
  activity: ActivityDocument.extend({ onderdeel: keySchema.describe('sleutel van het onderdeel (de werkstroom) van het thema') })
    .strict()
    .openapi('ActivityElement'),
  meeting: MeetingDocument,
  accountability: AccountabilityDocument,
  framework: FrameworkDocument,
  catalogueExclusion: CatalogueExclusionDocument,
} as const satisfies Record<ElementKind, z.ZodType>;

export type ElementDocument<K extends ElementKind> = z.infer<(typeof ELEMENT_DOCUMENTS)[K]>;

/** The element as the API shows it, with where it sits. */
export function elementToDocument<K extends ElementKind>(kind: K, value: ElementValues[K], parentKey: string | null): ElementDocument<K> {
  const v = value as never;
  const documents: { [P in ElementKind]: () => unknown } = {
    goal: () => ({
      sleutel: (v as ElementValues['goal']).key,
      titel: (v as ElementValues['goal']).title,
      omschrijving: (v as ElementValues['goal']).description,
    }),
    principle: () => {
      const principle = v as ElementValues['principle'];
      return { sleutel: principle.key, naam: principle.name, omschrijving: principle.description };
    },
    fieldContext: () => {
      const context = v as ElementValues['fieldContext'];
      return { veld: context.fieldNumber, samenvatting: context.summary };
    },
    portfolioHolder: () => ({ sleutel: (v as ElementValues['portfolioHolder']).key, naam: (v as ElementValues['portfolioHolder']).name }),
    partner: () => partnerToDocument(v),
    indicator: () => ({ ...indicatorToDocument(v), thema: parentKey }),
    theme: () => {
      // The theme's own fields, as in the plan document, without what it contains.
      const {
        indicatoren: _indicators,
        onderdelen: _workstreams,
        ...fields
      } = themeToDocument({
        ...(v as ElementValues['theme']),
        indicators: [],
        workstreams: [],
      });
      return fields;
    },
    workstream: () => ({
      sleutel: (v as ElementValues['workstream']).key,
      naam: (v as ElementValues['workstream']).name,
      thema: parentKey,
    }),
    activity: () => ({ ...activityToDocument(v), onderdeel: parentKey }),
    meeting: () => {
      const meeting = v as ElementValues['meeting'];
      return {
        sleutel: meeting.key,
        naam: meeting.name,
        frequentie: meeting.cadence,
        omschrijving: meeting.description,
        partners: [...meeting.partnerKeys],
      };
    },
    accountability: () => {
      const moment = v as ElementValues['accountability'];
      return {
        sleutel: moment.key,
        naam: moment.name,
        moment: moment.timing,
        ontvanger: moment.audience,
        omschrijving: moment.description,
      };
    },
    framework: () => {
      const framework = v as ElementValues['framework'];
      return { sleutel: framework.key, naam: framework.name, niveau: LEVEL_NAMES[framework.level], omschrijving: framework.description };
    },
    catalogueExclusion: () => {
      const exclusion = v as ElementValues['catalogueExclusion'];
      return { kernbeleidThema: exclusion.code, reden: exclusion.reason };
    },
  };
  return documents[kind]() as ElementDocument<K>;
}

/**
 * The element's content from its document, and where it goes. A document
 * without `sleutel` gets a key made from its name, unique among the plan's
 * elements of its kind (the key a changed element already has is passed as `key`).
 */
export function elementFromDocument<K extends ElementKind>(
  kind: K,
  document: ElementDocument<K>,
  content: PlanContent,
  key?: string,
): { value: ElementValues[K]; parentKey: string | null } {
  const d = document as Record<string, unknown> & { sleutel?: string; naam?: string; titel?: string };
  const keyOf = () => {
    if (key !== undefined) return key;
    if (typeof d.sleutel === 'string') return d.sleutel;
    const taken = new Set(
      listElements(content)
        .filter((entry) => entry.kind === kind)
        .map((entry) => entry.key),
    );
    return uniqueKey(keyFromName(String(d.naam ?? d.titel ?? kind)), taken);
  };
  const keys = { keyFor: () => keyOf() };
  const values: { [P in ElementKind]: () => { value: unknown; parentKey: string | null } } = {
    goal: () => {
      const goal = document as ElementDocument<'goal'>;
      return { value: { key: keyOf(), title: goal.titel, description: goal.omschrijving }, parentKey: null };
    },
    principle: () => {
      const principle = document as ElementDocument<'principle'>;
      return { value: { key: keyOf(), name: principle.naam, description: principle.omschrijving }, parentKey: null };
    },
    fieldContext: () => {
      const context = document as ElementDocument<'fieldContext'>;
      return { value: { fieldNumber: context.veld, summary: context.samenvatting }, parentKey: null };
    },
    portfolioHolder: () => ({ value: { key: keyOf(), name: (document as ElementDocument<'portfolioHolder'>).naam }, parentKey: null }),
    partner: () => {
      const partner = document as ElementDocument<'partner'>;
      return {
        value: {
          key: keyOf(),
          name: partner.naam,
          kind: PARTNER_KIND_CODES[partner.soort],
          isCore: partner.kernpartner,
          parentKey: partner.onderdeelVan,
          description: partner.omschrijving,
        },
        parentKey: null,
      };
    },
    indicator: () => {
      const { thema, ...indicator } = document as ElementDocument<'indicator'>;
      return { value: { ...indicatorFromDocument(indicator), key: keyOf() }, parentKey: thema };
    },
    theme: () => {
      const theme = document as ElementDocument<'theme'>;
      return {
        value: {
          key: keyOf(),
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
        },
        parentKey: null,
      };
    },
    workstream: () => {
      const workstream = document as ElementDocument<'workstream'>;
      return { value: { key: keyOf(), name: workstream.naam }, parentKey: workstream.thema };
    },
    activity: () => {
      const { onderdeel, ...activity } = document as ElementDocument<'activity'>;
      return { value: activityFromDocument(activity, keys), parentKey: onderdeel };
    },
    meeting: () => {
      const meeting = document as ElementDocument<'meeting'>;
      return {
        value: {
          key: keyOf(),
          name: meeting.naam,
          cadence: meeting.frequentie,
          description: meeting.omschrijving,
          partnerKeys: [...meeting.partners],
        },
        parentKey: null,
      };
    },
    accountability: () => {
      const moment = document as ElementDocument<'accountability'>;
      return {
        value: { key: keyOf(), name: moment.naam, timing: moment.moment, audience: moment.ontvanger, description: moment.omschrijving },
        parentKey: null,
      };
    },
    framework: () => {
      const framework = document as ElementDocument<'framework'>;
      return {
        value: { key: keyOf(), name: framework.naam, level: LEVEL_CODES[framework.niveau], description: framework.omschrijving },
        parentKey: null,
      };
    },
    catalogueExclusion: () => {
      const exclusion = document as ElementDocument<'catalogueExclusion'>;
      return { value: { code: exclusion.kernbeleidThema, reason: exclusion.reden }, parentKey: null };
    },
  };
  return values[kind]() as { value: ElementValues[K]; parentKey: string | null };
}

/** The element's document as it stands in the plan, or undefined. */
export function findElementDocument<K extends ElementKind>(content: PlanContent, kind: K, key: string): ElementDocument<K> | undefined {
  const entry = findElement(content, kind, key);
  return entry ? elementToDocument(kind, entry.value, entry.parentKey) : undefined;
}

/** Where an element stands in the plan document (a JSON path), to make the document's problems the element's own. */
export function documentPathOf(content: PlanContent, kind: ElementKind, key: string): string | undefined {
  const entry = findElement(content, kind, key);
  if (!entry) return undefined;
  const themeIndex = (themeKey: string | null) => content.themes.findIndex((theme) => theme.key === themeKey);
  const lists: Record<Exclude<ElementKind, 'indicator' | 'workstream' | 'activity' | 'theme'>, string> = {
    goal: 'doelstellingen',
    principle: 'rodeDraden',
    fieldContext: 'veldbeelden',
    portfolioHolder: 'trekkers',
    partner: 'partners',
    meeting: 'overleggen',
    accountability: 'verantwoording',
    framework: 'kaders',
    catalogueExclusion: 'bewustWeggelaten',
  };
  switch (kind) {
    case 'theme':
      return `$.plan.themas[${entry.position}]`;
    case 'indicator':
      return entry.parentKey === null
        ? `$.plan.indicatoren[${entry.position}]`
        : `$.plan.themas[${themeIndex(entry.parentKey)}].indicatoren[${entry.position}]`;
    case 'workstream':
      return `$.plan.themas[${themeIndex(entry.parentKey)}].onderdelen[${entry.position}]`;
    case 'activity': {
      const theme = content.themes.findIndex((candidate) => candidate.workstreams.some((workstream) => workstream.key === entry.parentKey));
      const workstream = content.themes[theme]?.workstreams.findIndex((candidate) => candidate.key === entry.parentKey) ?? -1;
      return `$.plan.themas[${theme}].onderdelen[${workstream}].activiteiten[${entry.position}]`;
    }
    default:
      return `$.plan.${lists[kind]}[${entry.position}]`;
  }
}

// ---------------------------------------------------------------------------
// The plan's own fields

/** The plan's own fields, as the model names them. */
export type PlanFields = Pick<
  PlanContent,
  'title' | 'subtitle' | 'periodStart' | 'periodEnd' | 'summary' | 'budgetNote' | 'catalogueEdition'
>;

/** The plan's own fields as the API (`PlanGegevens`) and the edit form name them. */
export type PlanFieldsDocument = {
  titel: string;
  ondertitel: string | null;
  periode: { van: number; tot: number };
  samenvatting: string;
  begroting: string | null;
  kernbeleidEditie: string;
};

export function planFieldsToDocument(fields: PlanFields): PlanFieldsDocument {
  return {
    titel: fields.title,
    ondertitel: fields.subtitle,
    periode: { van: fields.periodStart, tot: fields.periodEnd },
    samenvatting: fields.summary,
    begroting: fields.budgetNote,
    kernbeleidEditie: fields.catalogueEdition,
  };
}

export function planFieldsFromDocument(document: PlanFieldsDocument): PlanFields {
  return {
    title: document.titel,
    subtitle: document.ondertitel,
    periodStart: document.periode.van,
    periodEnd: document.periode.tot,
    summary: document.samenvatting,
    budgetNote: document.begroting,
    catalogueEdition: document.kernbeleidEditie,
  };
}
