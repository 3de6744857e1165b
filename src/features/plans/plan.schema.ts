/** The API's resources for plans, in Dutch field names; each drives validation, types and the OpenAPI document. */
import '../../validation-locale.js';
import { z } from '@hono/zod-openapi';
import { ActivityDocument, IndicatorDocument, keySchema } from './plan-document.schema.js';

const id = z.uuid().describe('unieke id van het object in Koers');

export const PlanIdParams = z.object({
  planId: z.uuid('moet een UUID zijn').openapi({ param: { name: 'planId', in: 'path' }, example: '5b0f3a55-51b3-4d2a-9a6e-6f4a1d6d2c11' }),
});
export const ThemeParams = PlanIdParams.extend({
  themaId: z.uuid('moet een UUID zijn').openapi({ param: { name: 'themaId', in: 'path' } }),
});
export const ActivityParams = PlanIdParams.extend({
  activiteitId: z.uuid('moet een UUID zijn').openapi({ param: { name: 'activiteitId', in: 'path' } }),
});
export const PartnerParams = PlanIdParams.extend({
  partnerId: z.uuid('moet een UUID zijn').openapi({ param: { name: 'partnerId', in: 'path' } }),
});

export const ActivityQuery = z.object({
  thema: keySchema.optional().openapi({ param: { name: 'thema', in: 'query' }, description: 'sleutel van een thema, zoals prioriteit-1' }),
  trekker: keySchema.optional().openapi({ param: { name: 'trekker', in: 'query' }, description: 'sleutel van een bestuurlijk trekker' }),
  partner: keySchema.optional().openapi({ param: { name: 'partner', in: 'query' }, description: 'sleutel van een partner' }),
  planning: z
    .string()
    .min(1)
    .optional()
    .openapi({ param: { name: 'planning', in: 'query' }, description: 'planning zoals "doorlopend" of "2019 e.v."' }),
  zoek: z
    .string()
    .max(200)
    .optional()
    .openapi({
      param: { name: 'zoek', in: 'query' },
      description: 'woorden die alle voorkomen in de naam of omschrijving, het thema, het onderdeel, of de namen van trekkers en partners',
    }),
});

const Municipality = z.object({ code: z.string(), naam: z.string() });

export const PlanSummaryResource = z
  .object({
    id,
    titel: z.string(),
    gemeenten: z.array(Municipality),
    periode: z.object({ van: z.number().int(), tot: z.number().int() }),
    status: z.enum(['concept', 'vastgesteld', 'afgesloten']),
    vastgesteldOp: z.string().date().nullable(),
  })
  .openapi('PlanSamenvatting');

export const IndicatorResource = IndicatorDocument.extend({
  id,
  thema: keySchema.nullable().describe('sleutel van het thema; null voor een planbrede indicator'),
}).openapi('Indicator');

export const ActivityResource = ActivityDocument.extend({
  id,
  thema: keySchema,
  onderdeel: z.string(),
  planningOmschrijving: z.string().describe('de planning in woorden, zoals "2019 e.v."'),
}).openapi('Activiteit');

export const ThemeSummaryResource = z
  .object({
    id,
    sleutel: keySchema,
    soort: z.enum(['prioriteit', 'strategisch']),
    nummer: z.number().int(),
    paragraaf: z.string(),
    naam: z.string(),
    kernbeleidThemas: z.array(z.string()),
  })
  .openapi('ThemaSamenvatting');

export const ThemeResource = ThemeSummaryResource.extend({
  samenvatting: z.string(),
  hoofdlijnen: z.array(z.object({ titel: z.string(), omschrijving: z.string() })),
  doelstelling: z.string(),
  kwalitatieveBeoordeling: z.string().nullable(),
  wasWordt: z.string().nullable(),
  indicatoren: z.array(IndicatorResource),
  onderdelen: z.array(z.object({ id, naam: z.string(), activiteiten: z.array(ActivityResource) })),
}).openapi('Thema');

export const PlanResource = PlanSummaryResource.extend({
  ondertitel: z.string().nullable(),
  kernbeleidEditie: z.string(),
  samenvatting: z.string(),
  begroting: z.string().nullable(),
  doelstellingen: z.array(z.object({ sleutel: keySchema, titel: z.string(), omschrijving: z.string() })),
  rodeDraden: z.array(z.object({ naam: z.string(), omschrijving: z.string() })),
  veldbeelden: z.array(z.object({ veld: z.number().int(), samenvatting: z.string() })),
  indicatoren: z.array(IndicatorResource),
  themas: z.array(ThemeSummaryResource),
  overleggen: z.array(z.object({ naam: z.string(), frequentie: z.string(), omschrijving: z.string(), partners: z.array(keySchema) })),
  verantwoording: z.array(z.object({ naam: z.string(), moment: z.string(), ontvanger: z.string(), omschrijving: z.string() })),
  kaders: z.array(z.object({ naam: z.string(), niveau: z.enum(['lokaal', 'regionaal', 'landelijk']), omschrijving: z.string() })),
}).openapi('Plan');

const ActivityRef = z.object({ id, naam: z.string(), thema: keySchema });

export const PartnerResource = z
  .object({
    id,
    sleutel: keySchema,
    naam: z.string(),
    soort: z.enum(['gemeentelijk', 'samenwerkingsverband', 'extern']),
    kernpartner: z.boolean(),
    onderdeelVan: keySchema.nullable(),
    omschrijving: z.string().nullable(),
    activiteiten: z.array(ActivityRef).describe('de activiteiten waaraan de partner deelneemt'),
  })
  .openapi('Partner');

export const PortfolioHolderResource = z
  .object({ id, sleutel: keySchema, naam: z.string(), activiteiten: z.array(ActivityRef) })
  .openapi('Trekker');

export const CoverageResource = z
  .object({
    gedekt: z.number().int().describe('aantal thema’s van Kernbeleid Veiligheid dat het plan dekt'),
    totaal: z.number().int(),
    velden: z.array(
      z.object({
        nummer: z.number().int().nullable().describe('null voor de domeinoverstijgende thema’s'),
        naam: z.string(),
        themas: z.array(
          z.object({
            code: z.string(),
            naam: z.string(),
            bewustWeggelaten: z.string().nullable().describe('waarom het plan dit thema bewust laat liggen'),
            gedektDoor: z.array(
              z.object({
                id,
                sleutel: keySchema,
                soort: z.enum(['prioriteit', 'strategisch']),
                nummer: z.number().int(),
                naam: z.string(),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .openapi('Dekking');

export const PublicationResource = z
  .object({ gepubliceerd: z.boolean().describe('true: iedereen kan het plan lezen, ook zonder in te loggen') })
  .openapi('Publicatie');

const CatalogueThemeResource = z.object({ code: z.string(), naam: z.string(), toelichting: z.string().nullable() });
export const CatalogueResource = z
  .object({
    editie: z.string(),
    naam: z.string(),
    velden: z.array(
      z.object({
        nummer: z.number().int(),
        naam: z.string(),
        themas: z.array(CatalogueThemeResource),
      }),
    ),
    domeinoverstijgend: z.array(CatalogueThemeResource).describe("thema's die bij geen enkel veld horen (vanaf editie 2022)"),
  })
  .openapi('KernbeleidVeiligheid');
