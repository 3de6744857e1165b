/**
 * Similar municipalities under /api/v1: the comparison of a plan's
 * municipality with its reference group, a group picked by hand or the whole
 * country (`GET .../vergelijkbare-gemeenten?groep=&gemeenten=&jaar=`), and
 * fetching its figures as a background job (202 with the job, Location to
 * follow it).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { GroupChoice } from '../../domain/group-comparison.js';
import {
  createApi,
  jsonOk,
  loginSecurity,
  problemResponses,
  readSecurity,
  requireLogin,
  writeResponsesOf,
  writeSecurity,
} from '../../http/openapi.js';
import { JobResource, toJobResource } from '../monitoring/monitoring.schema.js';
import type { ComparisonView, SimilarMunicipalitiesService } from './similar-municipalities.service.js';

const tags = ['Vergelijkbare gemeenten'];

const uuid = z.uuid('moet een geldige id zijn');
const PlanParams = z.object({ planId: uuid.openapi({ param: { name: 'planId', in: 'path' } }) });
const JobParams = PlanParams.extend({ taakId: uuid.openapi({ param: { name: 'taakId', in: 'path' } }) });

const GroupQuery = z.object({
  gemeente: z
    .string()
    .regex(/^GM\d{4}$/, 'moet een gemeentecode zijn (GM en vier cijfers)')
    .optional()
    .openapi({
      param: { name: 'gemeente', in: 'query' },
      description: 'De gemeente van het plan (bij een gezamenlijk plan); standaard de eerste',
    }),
  groep: z
    .enum(['auto', 'hand', 'alle'])
    .default('auto')
    .openapi({
      param: { name: 'groep', in: 'query' },
      description: 'auto: op grootte en stedelijkheid; hand: de genoemde gemeenten; alle: heel Nederland',
    }),
  gemeenten: z
    .string()
    .max(4000)
    .optional()
    .openapi({
      param: { name: 'gemeenten', in: 'query' },
      description: 'Bij groep=hand: namen of codes (GM0957), gescheiden door komma’s',
    }),
});
const ComparisonQuery = GroupQuery.extend({
  jaar: z.coerce
    .number()
    .int('moet een jaar zijn')
    .min(1900)
    .max(2200)
    .optional()
    .openapi({ param: { name: 'jaar', in: 'query' }, type: 'integer' }),
});

const Municipality = z.object({ code: z.string(), naam: z.string(), inwoners: z.number().int(), stedelijkheid: z.number().int() });
const Rate = z.object({
  code: z.string(),
  aantal: z.number(),
  inwoners: z.number(),
  per1000: z.number(),
  interval95: z.array(z.number()).openapi({ description: 'Het exacte 95%-interval van de telling, per 1.000 inwoners' }),
});
const ComparisonResource = z
  .object({
    gemeente: z.object({ code: z.string(), naam: z.string() }),
    eigen: Municipality.nullable(),
    jaar: z.number().int().nullable(),
    jaren: z.array(z.number().int()),
    voorlopig: z.boolean(),
    opgehaald: z.object({ kerncijfers: z.boolean(), misdrijven: z.boolean(), overlast: z.boolean() }),
    groep: z.object({
      keuze: z.enum(['auto', 'hand', 'alle']),
      stappen: z.array(z.string()),
      gemeenten: z.array(Municipality),
      nietOpgehaald: z.array(z.string()).openapi({ description: 'Codes van gemeenten van de groep zonder cijfers over het jaar' }),
    }),
    themas: z.array(
      z.object({
        bron: z
          .enum(['misdrijven', 'overlast'])
          .openapi({ description: 'Geregistreerde misdrijven of meldingen van overlast, nooit samen' }),
        code: z.string().openapi({ description: 'Het thema van Kernbeleid Veiligheid, of totaal' }),
        naam: z.string(),
        eigen: Rate.nullable(),
        mediaan: z.number().nullable(),
        kwartielen: z.array(z.number()).nullable(),
        nederland: Rate.nullable(),
        plaats: z.object({ best: z.number().int(), slechtst: z.number().int(), van: z.number().int() }).nullable(),
        verschil: z.enum(['hoger', 'lager', 'niet-duidelijk']).nullable(),
        zonderCijfer: z.array(z.string()),
      }),
    ),
  })
  .openapi('Vergelijking');

const writeResponses = writeResponsesOf();

const routes = {
  get: createRoute({
    method: 'get',
    path: '/plannen/{planId}/vergelijkbare-gemeenten',
    tags,
    operationId: 'getVergelijkbareGemeenten',
    security: readSecurity,
    summary: 'De gemeente van het plan naast vergelijkbare gemeenten en Nederland: misdrijven per 1.000 inwoners per thema',
    description:
      'Uit wat Koers heeft opgehaald. De plaats staat als reeks (1 = hoogste): alleen gemeenten waarvan het hele 95%-interval boven of onder dat van de gemeente ligt, tellen als zeker hoger of lager.',
    request: { params: PlanParams, query: ComparisonQuery },
    responses: { 200: jsonOk(ComparisonResource, 'De vergelijking'), ...problemResponses },
  }),
  pull: createRoute({
    method: 'post',
    path: '/plannen/{planId}/vergelijkbare-gemeenten/ophalen',
    tags,
    operationId: 'postVergelijkbareGemeentenOphalen',
    security: writeSecurity,
    summary: 'De cijfers voor de vergelijking ophalen, als taak op de achtergrond (wie de cijfers van het plan mag vernieuwen)',
    description:
      'Haalt CBS 70072ned en politietabel 47013NED op voor de groep; een ongewijzigde tabel niet opnieuw. Volg de taak via Location.',
    request: { params: PlanParams, query: GroupQuery },
    responses: { 202: jsonOk(JobResource, 'De taak; Location wijst naar de status'), ...writeResponses },
  }),
  job: createRoute({
    method: 'get',
    path: '/plannen/{planId}/vergelijkbare-gemeenten/taken/{taakId}',
    tags,
    operationId: 'getVergelijkbareGemeentenTaak',
    security: loginSecurity,
    summary: 'De voortgang en uitkomst van het ophalen',
    request: { params: JobParams },
    responses: { 200: jsonOk(JobResource, 'De taak'), ...writeResponses },
  }),
};

/** The group the query asks for; names are turned into codes by the service. */
export function groupChoiceOf(kind: string | undefined, names: string | undefined): GroupChoice {
  if (kind === 'alle') return { kind: 'all' };
  if (kind === 'hand' || (kind === undefined && (names ?? '').trim() !== '')) {
    return {
      kind: 'hand',
      codes: (names ?? '')
        .split(/[,;\n]/)
        .map((part) => part.trim())
        .filter(Boolean),
    };
  }
  return { kind: 'auto' };
}

function toResource(view: ComparisonView) {
  const municipality = (fact: { code: string; name: string; inhabitants: number; urbanisation: number }) => ({
    code: fact.code,
    naam: fact.name,
    inwoners: fact.inhabitants,
    stedelijkheid: fact.urbanisation,
  });
  const rate = (value: { code: string; count: number; population: number; rate: number; interval: [number, number] }) => ({
    code: value.code,
    aantal: value.count,
    inwoners: value.population,
    per1000: value.rate,
    interval95: value.interval,
  });
  return {
    gemeente: { code: view.municipality.code, naam: view.municipality.name },
    eigen: view.target ? municipality(view.target) : null,
    jaar: view.year,
    jaren: view.years,
    voorlopig: view.yearStatus !== null && view.yearStatus !== 'definitief',
    opgehaald: { kerncijfers: view.stored.keyFigures, misdrijven: view.stored.crime, overlast: view.stored.nuisance },
    groep: {
      keuze: view.choice.kind === 'all' ? ('alle' as const) : view.choice.kind,
      stappen: view.group.steps,
      gemeenten: view.group.members.map(municipality),
      nietOpgehaald: view.notPulled.map((member) => member.code),
    },
    themas: view.themes.map((theme) => {
      const comparison = theme.comparison;
      const hasGroup = comparison !== null && comparison.group.length > 0;
      return {
        bron: theme.source,
        code: theme.code,
        naam: theme.name,
        eigen: comparison ? rate(comparison.own) : null,
        mediaan: hasGroup ? comparison.median : null,
        kwartielen: hasGroup ? comparison.quartiles : null,
        nederland: comparison?.netherlands ? rate(comparison.netherlands) : null,
        plaats: comparison ? { best: comparison.rank.best, slechtst: comparison.rank.worst, van: comparison.rank.of } : null,
        verschil:
          theme.position === 'above'
            ? ('hoger' as const)
            : theme.position === 'below'
              ? ('lager' as const)
              : theme.position === 'unclear'
                ? ('niet-duidelijk' as const)
                : null,
        zonderCijfer: theme.without,
      };
    }),
  };
}

export function createSimilarMunicipalitiesApi(service: SimilarMunicipalitiesService) {
  const api = createApi();
  api.openapi(routes.get, async (c) => {
    const query = c.req.valid('query');
    const view = await service.comparison(c.var.actor, c.req.valid('param').planId, {
      group: groupChoiceOf(query.groep, query.gemeenten),
      year: query.jaar,
      municipality: query.gemeente,
    });
    c.header('Cache-Control', 'no-store');
    return c.json(toResource(view), 200);
  });
  api.openapi(routes.pull, async (c) => {
    requireLogin(c.var.actor, 'de cijfers voor de vergelijking op te halen');
    const { planId } = c.req.valid('param');
    const query = c.req.valid('query');
    const { jobId } = await service.startPull(c.var.actor, planId, {
      group: groupChoiceOf(query.groep, query.gemeenten),
      municipality: query.gemeente,
    });
    c.header('Location', `/api/v1/plannen/${planId}/vergelijkbare-gemeenten/taken/${jobId}`);
    return c.json(toJobResource(await service.job(c.var.actor, planId, jobId)), 202);
  });
  api.openapi(routes.job, async (c) => {
    requireLogin(c.var.actor, 'het ophalen te volgen');
    const { planId, taakId } = c.req.valid('param');
    return c.json(toJobResource(await service.job(c.var.actor, planId, taakId)), 200);
  });
  return api;
}
