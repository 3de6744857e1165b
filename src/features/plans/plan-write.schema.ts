/**
 * The resources of the write API of plans, in Dutch field names: what a
 * change, a revision (bijstelling), an adoption (vaststelling), a comparison
 * and an element's history look like, what a new plan, a new revision, a
 * reordering and the plan's own fields take, and per kind of element the
 * documents to create, patch and list it.
 */
import '../../validation-locale.js';
import { z } from '@hono/zod-openapi';
import { isUuid } from '../../domain/ids.js';
import { isKey } from '../../domain/keys.js';
import { ELEMENT_KINDS, type ElementKind } from '../../domain/plan-elements.js';
import { ELEMENT_PATHS } from './element-paths.js';
import { keySchema, PlanDocument } from './plan-document.schema.js';
import { ELEMENT_DOCUMENTS } from './plan-element-documents.js';

const text = z.string().trim().min(1, 'mag niet leeg zijn');
const year = z.number().int('moet een heel jaartal zijn').min(1900, 'moet na 1900 liggen').max(2200, 'moet voor 2200 liggen');
const date = z.iso.date('moet een datum zijn als 2020-06-30');
const municipalityCode = z.string().regex(/^GM[0-9]{4}$/, 'moet een CBS-gemeentecode zijn zoals GM1641');
const catalogueCode = z.string().regex(/^([1-9]|D)\.[0-9]+$/, 'moet een themacode zijn zoals 4.2 of D.1');

/** How each kind is named in the API: its schemas, its operations and the list that holds it. */
export const ELEMENT_API: Record<ElementKind, { schema: string; one: string; many: string; list: string }> = {
  goal: { schema: 'Goal', one: 'Doelstelling', many: 'Doelstellingen', list: 'doelstellingen' },
  principle: { schema: 'Principle', one: 'RodeDraad', many: 'RodeDraden', list: 'rodeDraden' },
  fieldContext: { schema: 'FieldContext', one: 'Veldbeeld', many: 'Veldbeelden', list: 'veldbeelden' },
  portfolioHolder: { schema: 'PortfolioHolder', one: 'Trekker', many: 'Trekkers', list: 'trekkers' },
  partner: { schema: 'Partner', one: 'Partner', many: 'Partners', list: 'partners' },
  indicator: { schema: 'Indicator', one: 'Indicator', many: 'Indicatoren', list: 'indicatoren' },
  theme: { schema: 'Theme', one: 'Thema', many: 'Themas', list: 'themas' },
  workstream: { schema: 'Workstream', one: 'Onderdeel', many: 'Onderdelen', list: 'onderdelen' },
  activity: { schema: 'Activity', one: 'Activiteit', many: 'Activiteiten', list: 'activiteiten' },
  meeting: { schema: 'Meeting', one: 'Overleg', many: 'Overleggen', list: 'overleggen' },
  accountability: {
    schema: 'Accountability',
    one: 'Verantwoordingsmoment',
    many: 'Verantwoording',
    list: 'verantwoording',
  },
  framework: { schema: 'Framework', one: 'Kader', many: 'Kaders', list: 'kaders' },
  catalogueExclusion: {
    schema: 'CatalogueExclusion',
    one: 'WeggelatenThema',
    many: 'BewustWeggelaten',
    list: 'bewustWeggelaten',
  },
};

/** The kinds whose single element the read API already served by id (their GET takes a key too). */
export const KINDS_WITH_ID_ROUTES: readonly ElementKind[] = ['theme', 'activity', 'partner'];
/** The kinds whose list the read API already served (as resources with ids). */
export const KINDS_WITH_LIST_ROUTES: readonly ElementKind[] = ['theme', 'indicator', 'activity', 'partner', 'portfolioHolder'];

/** The path value that names one element of a kind: its key, a field number, a catalogue code. */
export function elementKeySchema(kind: ElementKind, allowId = false) {
  if (kind === 'fieldContext') return z.string().regex(/^[1-9][0-9]?$/, 'moet het nummer van een veiligheidsveld zijn, zoals 2');
  if (kind === 'catalogueExclusion') return catalogueCode;
  if (allowId)
    return z.string().refine((value) => isKey(value) || isUuid(value), 'moet een sleutel zijn (zoals "prioriteit-1") of een id (UUID)');
  return keySchema;
}

/** The plan and one element of it; `allowId` for the GET routes that served elements by id before they had keys. */
export function elementParams(kind: ElementKind, allowId = false) {
  const described =
    kind === 'fieldContext'
      ? 'het nummer van het veiligheidsveld'
      : kind === 'catalogueExclusion'
        ? 'de code van het Kernbeleid-thema, zoals 4.2'
        : allowId
          ? 'de sleutel (of, zoals eerder, de id)'
          : 'de sleutel';
  return z.object({
    planId: z
      .uuid('moet een UUID zijn')
      .openapi({ param: { name: 'planId', in: 'path' }, example: '5b0f3a55-51b3-4d2a-9a6e-6f4a1d6d2c11' }),
    sleutel: elementKeySchema(kind, allowId).openapi({ param: { name: 'sleutel', in: 'path' }, description: described }),
  });
}

export const PeildatumQuery = z.object({
  peildatum: date.optional().openapi({
    param: { name: 'peildatum', in: 'query' },
    example: '2020-06-30',
  }),
});

// ---------------------------------------------------------------------------
// Changes, revisions, adoptions

const CHANGE_WORDS = ['toegevoegd', 'verwijderd', 'gewijzigd', 'verplaatst', 'volgorde'] as const;

export const ChangeResource = z
  .object({
    soort: z
      .enum(['plan', ...ELEMENT_KINDS.map((kind) => ELEMENT_PATHS[kind])] as [string, ...string[]])
      .describe('wat er veranderde: het plan zelf, of het soort onderdeel als padsegment (/plannen/{planId}/{soort}/{sleutel})'),
    wijziging: z.enum(CHANGE_WORDS),
    sleutel: z
      .string()
      .describe('de sleutel van het onderdeel; bij volgorde die van het thema of onderdeel waarin de lijst staat (leeg: het plan)'),
    naam: z.string(),
    plaats: z.string().nullable().describe('de sleutel van het thema of onderdeel waarin het staat; null: het plan zelf'),
    vorigePlaats: z.string().nullable().optional().describe('bij verplaatst: waar het stond'),
    velden: z
      .array(z.object({ veld: z.string(), van: z.string(), naar: z.string() }))
      .describe('bij gewijzigd en volgorde: elk veld, van en naar, in woorden'),
    omschrijving: z.string().describe('de wijziging in één zin'),
  })
  .openapi('Wijziging');

export const REVISION_DECIDERS = ['raad', 'college', 'coordinator'] as const;
export const REVISION_STATUSES = ['open', 'toegepast', 'ingetrokken'] as const;

export const RevisionResource = z
  .object({
    nummer: z.number().int(),
    reden: z.string(),
    besluitdatum: date.describe('de datum van het besluit; vanaf die dag geldt de bijstelling zodra ze is toegepast'),
    besloten: z.enum(REVISION_DECIDERS).describe('wie besloot: de raad, het college, of de coördinator binnen zijn mandaat'),
    status: z.enum(REVISION_STATUSES),
    geopendOp: z.iso.datetime().describe('wanneer de bijstelling werd geopend'),
    afgeslotenOp: z.iso.datetime().nullable().describe('wanneer ze werd toegepast of ingetrokken'),
  })
  .openapi('Bijstelling');

export const RevisionDetailResource = RevisionResource.extend({
  wijzigingen: z
    .array(ChangeResource)
    .describe('toegepast: wat ze veranderde; open: wat ze tot nu toe verandert; ingetrokken: wat ze bevatte'),
}).openapi('BijstellingMetWijzigingen');

export const RevisionInput = z
  .object({
    reden: text,
    besluitdatum: date,
    besloten: z.enum(REVISION_DECIDERS),
  })
  .strict()
  .openapi('NieuweBijstelling');

export const RevisionStatusInput = z
  .object({
    status: z
      .enum(['toegepast', 'ingetrokken'])
      .describe('toegepast: de bijstelling wordt het geldende plan; ingetrokken: haar wijzigingen vervallen'),
  })
  .strict()
  .openapi('BijstellingStatus');

export const AdoptionResource = z
  .object({
    gemeente: municipalityCode,
    datum: date,
    door: z.enum(['raad', 'college']),
  })
  .strict()
  .openapi('Vaststelling');

export const AdoptionsResource = z
  .object({ vaststellingen: z.array(AdoptionResource).describe('per gemeente wie het plan vaststelde en wanneer') })
  .openapi('Vaststellingen');

export const RevisionsResource = z.object({ bijstellingen: z.array(RevisionResource) }).openapi('Bijstellingen');

export const ComparisonResource = z
  .object({
    vastgesteldOp: date,
    bijstellingen: z.array(RevisionResource).describe('de toegepaste bijstellingen, oudste eerst'),
    wijzigingen: z.array(ChangeResource).describe('wat het geldende plan anders heeft dan het vastgestelde'),
  })
  .openapi('Vergelijking');

// ---------------------------------------------------------------------------
// Starting a plan, its own fields, its order

export const StartRequest = z
  .object({
    titel: text,
    gemeente: municipalityCode,
    periode: z.object({ van: year, tot: year }).strict(),
    samenvatting: text,
    kernbeleidEditie: text
      .optional()
      .describe('de editie van het Kernbeleid Veiligheid; zonder: de nieuwste (bij een kopie: die van de voorganger)'),
    begin: z
      .discriminatedUnion('soort', [
        z.object({ soort: z.literal('leeg') }).strict(),
        z
          .object({
            soort: z.literal('kernbeleid'),
            prioriteiten: z.array(catalogueCode).describe('Kernbeleid-thema’s die prioriteit worden, in deze volgorde'),
            strategisch: z.array(catalogueCode).describe('Kernbeleid-thema’s die strategisch thema worden'),
          })
          .strict(),
        z
          .object({
            soort: z.literal('kopie'),
            voorganger: z
              .uuid('moet een UUID zijn')
              .describe('het eerdere plan van dezelfde gemeente; indicatoren lopen door in dezelfde reeks'),
          })
          .strict(),
      ])
      .describe('leeg, vanuit het Kernbeleid Veiligheid, of als kopie van een eerder plan'),
  })
  .strict()
  .openapi('NieuwPlan');

export type StartRequest = z.infer<typeof StartRequest>;

export const NewPlanBody = z.union([PlanDocument, StartRequest]).openapi('PlanInlezenOfBeginnen');

export const PlanFieldsDocument = z
  .object({
    titel: text,
    ondertitel: text.nullable(),
    periode: z.object({ van: year, tot: year }).strict(),
    samenvatting: text,
    begroting: text.nullable(),
    kernbeleidEditie: text,
  })
  .strict()
  .openapi('PlanGegevens');

export const PlanFieldsPatch = PlanFieldsDocument.partial().openapi('PlanGegevensPatch');

const orderKey = z.union([z.string().min(1), z.number().int()]);
const volgorde = z.array(orderKey).describe('elke sleutel van de lijst precies één keer, in de nieuwe volgorde');

/** The body of PUT .../volgorde for a kind: the list, and for a list within a theme or workstream which one. */
export function orderSchema(kind: ElementKind) {
  const name = `${ELEMENT_API[kind].schema}Order`;
  if (kind === 'activity')
    return z
      .object({ volgorde, onderdeel: keySchema.describe('het onderdeel waarvan de activiteiten worden geordend') })
      .strict()
      .openapi(name);
  if (kind === 'workstream')
    return z
      .object({ volgorde, thema: keySchema.describe('het thema waarvan de onderdelen worden geordend') })
      .strict()
      .openapi(name);
  if (kind === 'indicator')
    return z
      .object({ volgorde, thema: keySchema.nullable().optional().describe('het thema; zonder (of null): de planbrede indicatoren') })
      .strict()
      .openapi(name);
  return z.object({ volgorde }).strict().openapi(name);
}

// ---------------------------------------------------------------------------
// Per kind: the element to create, the patch, the list, the history

function keyIsRequired(kind: ElementKind): boolean {
  const shape = (ELEMENT_DOCUMENTS[kind] as unknown as { shape: Record<string, z.ZodType> }).shape;
  return shape.sleutel !== undefined && !shape.sleutel.safeParse(undefined).success;
}

/** What POST takes: the element document, where a missing `sleutel` is made from the name. */
export function newElementSchema(kind: ElementKind): z.ZodType {
  if (!keyIsRequired(kind)) return ELEMENT_DOCUMENTS[kind];
  return (ELEMENT_DOCUMENTS[kind] as unknown as z.ZodObject)
    .extend({ sleutel: keySchema.optional().describe('stabiele sleutel binnen het plan; zonder sleutel maakt Koers er een uit de naam') })
    .strict()
    .openapi(`New${ELEMENT_API[kind].schema}Element`);
}

/** What PATCH takes (for the documentation; the merged document is checked against the element's schema). */
export function elementPatchSchema(kind: ElementKind): z.ZodType {
  return (ELEMENT_DOCUMENTS[kind] as unknown as z.ZodObject).partial().openapi(`${ELEMENT_API[kind].schema}ElementPatch`);
}

export function elementListSchema(kind: ElementKind): z.ZodType {
  return z.object({ [ELEMENT_API[kind].list]: z.array(ELEMENT_DOCUMENTS[kind]) }).openapi(`${ELEMENT_API[kind].schema}ElementList`);
}

export function elementHistorySchema(kind: ElementKind): z.ZodType {
  return z
    .object({
      soort: z.literal(ELEMENT_PATHS[kind]),
      sleutel: z.string(),
      naam: z.string(),
      versies: z
        .array(
          z.object({
            geldigVanaf: date.describe('vanaf wanneer deze versie gold: de vaststelling, of de bijstelling die haar maakte'),
            bijstelling: z.union([RevisionResource, z.null()]).describe('null: het plan zoals vastgesteld'),
            element: ELEMENT_DOCUMENTS[kind].nullable().describe('het onderdeel zoals het toen was; null: (nog) geen deel van het plan'),
            wijzigingen: z.array(ChangeResource),
          }),
        )
        .describe('het onderdeel zoals vastgesteld, en na elke bijstelling die het veranderde'),
      inBehandeling: z.array(ChangeResource).describe('wijzigingen in de open bijstelling, nog niet van kracht'),
    })
    .openapi(`${ELEMENT_API[kind].schema}ElementHistory`);
}
