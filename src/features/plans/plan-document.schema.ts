/**
 * The plan document: a whole plan as one JSON document, in the Dutch field names
 * of the API. `koers plan export` writes it, `koers plan import` and
 * POST /api/v1/plannen read it. Elements refer to each other by `sleutel` (key),
 * never by database id, so a document moves between installations unchanged.
 */
import '../../validation-locale.js';
import { z } from '@hono/zod-openapi';

const text = z.string().trim().min(1, 'mag niet leeg zijn');
const optionalText = text.nullable();
const year = z.number().int('moet een heel jaartal zijn').min(1900, 'moet na 1900 liggen').max(2200, 'moet voor 2200 liggen');
/** The largest plan document Koers reads (the API and the command line alike); the Maasgouw example is about 0.2 MB. */
export const PLAN_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024;

export const keySchema = z
  .string()
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'moet een sleutel zijn van kleine letters, cijfers en koppeltekens (zoals "prioriteit-1")');

const SeriesDocument = z
  .object({
    dienst: z
      .enum(['opendata', 'dataderden', 'datasets'])
      .describe('opendata: CBS; dataderden: o.a. de politietabellen; datasets: de nieuwe CBS-API (OData v4)'),
    tabel: z.string().regex(/^[0-9A-Za-z]{5,12}$/, 'moet een tabelnummer zijn zoals 47022NED'),
    onderwerp: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'moet de sleutel van een onderwerp zijn zonder achtervoegsel, zoals GeregistreerdeMisdrijven'),
    dimensies: z
      .record(
        z.string().regex(/^[A-Za-z][A-Za-z0-9]*$/, 'moet de sleutel van een dimensie zijn, zoals SoortMisdrijf'),
        z.array(z.string().trim().min(1, 'mag niet leeg zijn').max(20)).min(1, 'moet minstens één code bevatten'),
      )
      .describe(
        'per dimensie de codes die bij elkaar worden opgeteld (zonder opvulspaties), zoals { "SoortMisdrijf": ["1.2.1", "1.2.2"] }',
      ),
  })
  .strict()
  .openapi('SeriesDocument');

export type SeriesDocument = z.infer<typeof SeriesDocument>;

export const BindingDocument = z
  .object({
    teller: SeriesDocument,
    noemer: SeriesDocument.nullable().describe('de reeks waardoor gedeeld wordt, zoals de bevolking op 1 januari'),
    schaal: z.number().positive('moet groter dan 0 zijn').nullable().describe('1000 voor "per 1.000"'),
  })
  .strict()
  .refine((binding) => (binding.noemer === null) === (binding.schaal === null), {
    message: 'noemer en schaal horen bij elkaar: geef ze allebei of geen van beide',
    path: ['schaal'],
  })
  .openapi('BindingDocument');

const age = z.number().int('moet een hele leeftijd in jaren zijn').min(0, 'mag niet negatief zijn').max(120, 'mag hoogstens 120 zijn');

export const IndicatorDocument = z
  .object({
    sleutel: keySchema,
    naam: text,
    bron: text,
    eenheid: z
      .enum(['aantal', 'per-1000-inwoners', 'per-10000-inwoners', 'per-1000-jongeren', 'per-10000-jongeren', 'percentage', 'rapportcijfer'])
      .describe('een cijfer per jongeren noemt ook de leeftijden; een rapportcijfer loopt van 1 tot en met 10'),
    leeftijden: z
      .object({ van: age, totEnMet: age })
      .strict()
      .nullable()
      .optional()
      .describe('de leeftijden van de jongeren bij eenheid per-1000-jongeren of per-10000-jongeren, zoals { "van": 12, "totEnMet": 17 }'),
    reeks: optionalText.describe('code van de reeks bij de bron, zoals E35 of 1.1.1'),
    strategischeDoelstelling: keySchema.nullable().describe('sleutel van de strategische doelstelling (alleen bij planbrede indicatoren)'),
    nulmeting: z.object({ waarde: z.number(), jaar: year }).strict(),
    streefwaarde: z.object({ vergelijking: z.enum(['hoogstens', 'tenminste']), waarde: z.number(), jaar: year }).strict(),
    koppeling: BindingDocument.nullable()
      .optional()
      .describe('de open-datareeks waaruit Koers de metingen haalt; null als de metingen met de hand of per bestand komen'),
  })
  .strict()
  .openapi('IndicatorDocument');

/** A key the document may leave out: Koers then makes one from the name, and writes it in every export. */
const optionalKey = keySchema.optional().describe('stabiele sleutel binnen het plan; zonder sleutel maakt Koers er een uit de naam');

export const ActivityDocument = z
  .object({
    sleutel: optionalKey,
    naam: text,
    omschrijving: text,
    cluster: optionalText.describe('tussenkop binnen het onderdeel, zoals "Risicobeheersing"'),
    hoeveelheid: z
      .object({ waarde: z.number().positive('moet groter dan 0 zijn'), eenheid: text })
      .strict()
      .nullable(),
    frequentie: optionalText,
    gewicht: z
      .number()
      .positive('moet groter dan 0 zijn')
      .max(1000, 'mag hoogstens 1000 zijn')
      .nullable()
      .optional()
      .describe('hoe zwaar de activiteit meetelt in de optelling van de voortgang; leeg telt als 1'),
    trekkers: z.array(keySchema),
    partners: z.array(keySchema),
    planning: z
      .object({
        doorlopend: z.boolean(),
        vanafJaar: year.nullable(),
        vanafKwartaal: z.number().int().min(1).max(4).nullable(),
        totJaar: year.nullable(),
      })
      .strict(),
  })
  .strict()
  .openapi('ActivityDocument');

export const WorkstreamDocument = z.object({ sleutel: optionalKey, naam: text }).strict().openapi('WorkstreamDocument');
const catalogueCode = z.string().regex(/^([1-9]|D)\.[0-9]+$/, 'moet een themacode zijn zoals 4.2 of D.1');
export const GoalDocument = z.object({ sleutel: keySchema, titel: text, omschrijving: text }).strict().openapi('GoalDocument');
export const PrincipleDocument = z.object({ sleutel: optionalKey, naam: text, omschrijving: text }).strict().openapi('PrincipleDocument');
export const FieldContextDocument = z
  .object({ veld: z.number().int().min(1).max(5), samenvatting: text })
  .strict()
  .openapi('FieldContextDocument');
export const PortfolioHolderDocument = z.object({ sleutel: keySchema, naam: text }).strict().openapi('PortfolioHolderDocument');
export const PartnerDocument = z
  .object({
    sleutel: keySchema,
    naam: text,
    soort: z.enum(['gemeentelijk', 'samenwerkingsverband', 'extern']),
    kernpartner: z.boolean(),
    onderdeelVan: keySchema.nullable(),
    omschrijving: optionalText,
  })
  .strict()
  .openapi('PartnerDocument');
export const MeetingDocument = z
  .object({ sleutel: optionalKey, naam: text, frequentie: text, omschrijving: text, partners: z.array(keySchema) })
  .strict()
  .openapi('MeetingDocument');
export const AccountabilityDocument = z
  .object({ sleutel: optionalKey, naam: text, moment: text, ontvanger: text, omschrijving: text })
  .strict()
  .openapi('AccountabilityDocument');
export const FrameworkDocument = z
  .object({ sleutel: optionalKey, naam: text, niveau: z.enum(['lokaal', 'regionaal', 'landelijk']), omschrijving: text })
  .strict()
  .openapi('FrameworkDocument');
export const CatalogueExclusionDocument = z
  .object({ kernbeleidThema: catalogueCode, reden: text })
  .strict()
  .openapi('CatalogueExclusionDocument');

export const ThemeDocument = z
  .object({
    sleutel: keySchema,
    soort: z.enum(['prioriteit', 'strategisch']),
    nummer: z.number().int().positive(),
    paragraaf: text,
    naam: text,
    kernbeleidThemas: z.array(catalogueCode),
    redenEigenThema: optionalText
      .optional()
      .describe('waarom dit thema buiten het Kernbeleid Veiligheid staat (verplicht als het geen Kernbeleid-thema noemt)'),
    samenvatting: text,
    hoofdlijnen: z.array(z.object({ titel: text, omschrijving: text }).strict()),
    doelstelling: text,
    kwalitatieveBeoordeling: optionalText,
    wasWordt: optionalText,
    indicatoren: z.array(IndicatorDocument),
    onderdelen: z.array(WorkstreamDocument.extend({ activiteiten: z.array(ActivityDocument) }).strict()),
  })
  .strict()
  .openapi('ThemeDocument');

export const PlanDocument = z
  .object({
    formaat: z.literal('koers-plan'),
    versie: z.literal(1),
    plan: z
      .object({
        titel: text,
        ondertitel: optionalText,
        gemeenten: z
          .array(z.object({ code: z.string().regex(/^GM[0-9]{4}$/, 'moet een CBS-gemeentecode zijn zoals GM1641'), naam: text }).strict())
          .min(1, 'moet minstens één gemeente bevatten'),
        periode: z.object({ van: year, tot: year }).strict(),
        status: z.enum(['concept', 'vastgesteld', 'afgesloten']),
        vastgesteldOp: z.iso.date('moet een datum zijn als 2019-01-29').nullable(),
        vaststellingen: z
          .array(
            z
              .object({
                gemeente: z.string().regex(/^GM[0-9]{4}$/, 'moet een CBS-gemeentecode zijn zoals GM1641'),
                datum: z.iso.date('moet een datum zijn als 2019-01-29'),
                door: z.enum(['raad', 'college']),
              })
              .strict(),
          )
          .optional()
          .describe('per gemeente wie het plan vaststelde en wanneer; zonder deze lijst: de raad van elke gemeente op vastgesteldOp'),
        kernbeleidEditie: text,
        bewustWeggelaten: z
          .array(CatalogueExclusionDocument)
          .optional()
          .describe("Kernbeleid-thema's die het plan bewust niet oppakt, met de reden"),
        samenvatting: text,
        begroting: optionalText,
        doelstellingen: z.array(GoalDocument),
        rodeDraden: z.array(PrincipleDocument),
        veldbeelden: z.array(FieldContextDocument),
        trekkers: z.array(PortfolioHolderDocument),
        partners: z.array(PartnerDocument),
        indicatoren: z.array(IndicatorDocument),
        themas: z.array(ThemeDocument),
        overleggen: z.array(MeetingDocument),
        verantwoording: z.array(AccountabilityDocument),
        kaders: z.array(FrameworkDocument),
      })
      .strict(),
  })
  .strict()
  .openapi('PlanDocument');

export type PlanDocument = z.infer<typeof PlanDocument>;
export type IndicatorDocument = z.infer<typeof IndicatorDocument>;
export type BindingDocument = z.infer<typeof BindingDocument>;
export type ActivityDocument = z.infer<typeof ActivityDocument>;
export type ThemeDocument = z.infer<typeof ThemeDocument>;
