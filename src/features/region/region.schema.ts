/** The API resources of the regional view (zod, Dutch names; they drive validation, types and OpenAPI). */
import { z } from '@hono/zod-openapi';
import { REGION_KINDS } from '../../catalogue/regions.js';

const kind = z.enum(REGION_KINDS as unknown as ['veiligheidsregio', 'politie-eenheid', 'politiedistrict']);

export const RegionParams = z.object({
  soort: z.string().openapi({ param: { name: 'soort', in: 'path' }, enum: [...REGION_KINDS], example: 'veiligheidsregio' }),
  sleutel: z
    .string()
    .max(100)
    .openapi({ param: { name: 'sleutel', in: 'path' }, example: 'limburg-noord' }),
});

export const PickedQuery = z.object({
  gemeenten: z
    .string()
    .max(2000, 'is te lang')
    .optional()
    .openapi({
      param: { name: 'gemeenten', in: 'query' },
      example: 'GM1641,GM0957,GM1669',
      description: 'CBS-gemeentecodes, gescheiden door komma’s',
    }),
});

export const RegionSummaryResource = z
  .object({
    soort: kind,
    sleutel: z.string(),
    code: z.string().nullable().describe('de code van het CBS: VR01..VR25 of RE01..RE10; null voor een district'),
    naam: z.string(),
    politieEenheid: z.string().nullable().describe('de sleutel van de politie-eenheid waarin de regio ligt'),
    gemeenten: z.array(z.string()).describe('CBS-gemeentecodes (kaart van 2024)'),
    href: z.string(),
  })
  .openapi('Regio');

const StatusCounts = z
  .object({
    gehaald: z.number().int(),
    'op-koers': z.number().int(),
    aandacht: z.number().int(),
    'uit-koers': z.number().int(),
    'geen-gegevens': z.number().int(),
  })
  .openapi('Indicatorstatussen');

const ThemeResource = z.object({ sleutel: z.string(), naam: z.string(), kernbeleidThemas: z.array(z.string()) }).openapi('RegioThema');

const Figure = z.object({
  jaar: z.number().int(),
  misdrijven: z.number().nullable(),
  inwoners: z.number().nullable(),
  perDuizendInwoners: z.number().nullable(),
});

export const RegionViewResource = z
  .object({
    regio: z.object({
      soort: z.enum(['veiligheidsregio', 'politie-eenheid', 'politiedistrict', 'eigen']),
      sleutel: z.string(),
      naam: z.string(),
    }),
    gemeenten: z.array(
      z.object({
        code: z.string(),
        naam: z.string(),
        plan: z.string().nullable().describe('de id van het nieuwste plan dat de lezer mag lezen; null zonder zo’n plan'),
        oudereplannen: z.number().int(),
      }),
    ),
    plannen: z.array(
      z.object({
        id: z.string(),
        titel: z.string(),
        periode: z.object({ van: z.number().int(), tot: z.number().int() }),
        status: z.enum(['concept', 'vastgesteld', 'afgesloten']),
        gemeenten: z.array(z.object({ code: z.string(), naam: z.string() })),
        prioriteiten: z.array(ThemeResource),
        strategischeThemas: z.array(ThemeResource),
        indicatorstatussen: StatusCounts,
        aantalIndicatoren: z.number().int(),
        href: z.string(),
      }),
    ),
    gedeeldePrioriteiten: z.array(
      z.object({ kernbeleidThema: z.string(), naam: z.string(), aantalPlannen: z.number().int(), plannen: z.array(z.string()) }),
    ),
    cijfers: z.object({
      jaren: z.array(z.number().int()),
      gemeenten: z.array(z.object({ code: z.string(), naam: z.string(), jaren: z.array(Figure) })),
      regio: z.array(Figure.extend({ aantalGemeenten: z.number().int() })),
    }),
  })
  .openapi('Regiobeeld');
