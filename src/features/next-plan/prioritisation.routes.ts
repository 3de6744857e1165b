/**
 * The prioritisation API under /api/v1: a plan's prioritisation with its
 * proposed ranking and the facts per theme (GET), saving it whole at the
 * version read (PUT, 409 when stale), and making the next plan's concept
 * from it (POST, 201 with Location of the new plan).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { BodyLimit } from '../../http/body-limit.js';
import { createApi, jsonOk, problemResponses, readSecurity, requireLogin, writeResponsesOf, writeSecurity } from '../../http/openapi.js';
import { nameOfLabel } from '../accounts/actor.js';
import type { PrioritisationService, PrioritisationView } from './prioritisation.service.js';

const tags = ['Prioritering'];

/** Up to 20 criteria and a note of 2,000 characters on each of 25 themes: 512 kB is room enough. */
export const PRIORITISATION_BODY_LIMITS: BodyLimit[] = [
  {
    path: /^(\/api\/v1)?\/plannen\/[^/]+\/prioritering(\/[^/]+)?$/,
    maxBytes: 512 * 1024,
    tooLarge: 'De prioritering is groter dan 512 kB',
  },
];

const PlanParams = z.object({ planId: z.uuid('moet een geldige id zijn').openapi({ param: { name: 'planId', in: 'path' } }) });
const version = z.number().int().min(0).describe('de versie waarop de wijziging is gemaakt; 0 voor de eerste keer');
const codes = z.array(z.string()).describe('codes van thema’s van Kernbeleid Veiligheid, in volgorde');

const CriterionResource = z
  .object({
    sleutel: z.string().describe('blijft gelijk als de naam verandert'),
    naam: z.string(),
    gewicht: z.number().describe('0 tot en met 100; 0 laat het criterium buiten de rangorde'),
  })
  .strict()
  .openapi('Criterium');

const ContentFields = {
  criteria: z.array(CriterionResource),
  scores: z
    .record(z.string(), z.record(z.string(), z.number()))
    .describe('per themacode per sleutel van een criterium een score van 0 tot en met 5; een ontbrekende score is niet gegeven'),
  toelichtingen: z.record(z.string(), z.string()).describe('per themacode de toelichting van de coördinator'),
  prioriteiten: codes,
  strategischeThemas: codes,
};

const PrioritisationInput = z
  .object({ versie: version, ...ContentFields, toelichtingen: ContentFields.toelichtingen.default({}) })
  .strict()
  .openapi('PrioriteringInvoer');

const TrendResource = z
  .object({
    reeks: z.string().describe('de soort misdrijf of overlast van de politie'),
    soort: z.enum(['trend', 'te_weinig_jaren', 'geen_meldingen']),
    richting: z.enum(['stijgend', 'dalend', 'geen_duidelijke_verandering']).nullable(),
    veranderingPerJaar: z.number().nullable().describe('als fractie: 0,05 is 5% per jaar'),
    interval95: z.array(z.number()).nullable(),
  })
  .openapi('PrioriteringTrend');

const PrioritisationResource = z
  .object({
    plan: z.string().describe('het plan waaruit het volgende wordt voorbereid'),
    versie: z.number().int(),
    kernbeleidEditie: z.string(),
    ...ContentFields,
    concept: z.string().nullable().describe('het concept van het volgende plan, zodra het is gemaakt'),
    bewaardDoor: z.string().nullable(),
    bewaardOp: z.string().nullable(),
    rangorde: z.array(
      z.object({
        code: z.string(),
        naam: z.string(),
        score: z.number().nullable().describe('het gewogen gemiddelde van de gegeven scores, 0 tot en met 5'),
        plaats: z.number().int().nullable(),
        redenen: z.array(z.string()),
        ontbreekt: z.array(z.string()).describe('de criteria waarop het thema nog niet is gescoord'),
      }),
    ),
    voorstel: z.object({ prioriteiten: codes, strategischeThemas: codes }),
    feiten: z.record(
      z.string(),
      z.object({
        vorigPlan: z.enum(['prioriteit', 'strategisch']).nullable().describe('wat het plan met het thema deed'),
        trends: z.array(TrendResource),
      }),
    ),
    analyse: z.object({ beschikbaar: z.boolean(), van: z.number().int().nullable(), tot: z.number().int().nullable() }),
    magBewerken: z.boolean(),
  })
  .openapi('Prioritering');

const ConceptInput = z
  .object({
    versie: version,
    titel: z.string().optional().describe('zonder: de titel van het plan met de jaren van het volgende'),
    periode: z.object({ van: z.number().int(), tot: z.number().int() }).strict().optional().describe('zonder: aansluitend, even lang'),
  })
  .strict()
  .openapi('VolgendPlanInvoer');

const writeResponses = writeResponsesOf('Intussen gewijzigd, of het concept is al gemaakt');

const routes = {
  get: createRoute({
    method: 'get',
    path: '/plannen/{planId}/prioritering',
    tags,
    operationId: 'getPrioritering',
    security: readSecurity,
    summary: 'De prioritering bij het plan: criteria, scores, keuze, de voorgestelde rangorde met redenen en de feiten per thema',
    request: { params: PlanParams },
    responses: { 200: jsonOk(PrioritisationResource, 'De prioritering'), ...problemResponses },
  }),
  put: createRoute({
    method: 'put',
    path: '/plannen/{planId}/prioritering',
    tags,
    operationId: 'putPrioritering',
    security: writeSecurity,
    summary: 'De prioritering bewaren: criteria, scores, toelichtingen en keuze in één keer (coördinator)',
    description: 'Geef de versie mee waarop de wijziging is gemaakt; is die niet meer de laatste, dan volgt 409.',
    request: { params: PlanParams, body: { required: true, content: { 'application/json': { schema: PrioritisationInput } } } },
    responses: { 200: jsonOk(PrioritisationResource, 'De bewaarde prioritering'), ...writeResponses },
  }),
  concept: createRoute({
    method: 'post',
    path: '/plannen/{planId}/prioritering/volgend-plan',
    tags,
    operationId: 'postVolgendPlan',
    security: writeSecurity,
    summary: 'Het concept van het volgende plan maken uit de gekozen prioriteiten en strategische thema’s (coördinator)',
    description: 'Het nieuwe plan volgt dit plan op (voorganger). Eén keer per prioritering; een tweede keer volgt 409.',
    request: { params: PlanParams, body: { required: true, content: { 'application/json': { schema: ConceptInput } } } },
    responses: {
      201: jsonOk(z.object({ id: z.string(), href: z.string() }).openapi('VolgendPlan'), 'Het concept; Location wijst ernaar'),
      ...writeResponses,
    },
  }),
};

const TREND_DIRECTIONS = { rising: 'stijgend', falling: 'dalend', no_clear_change: 'geen_duidelijke_verandering' } as const;

function toResource(view: PrioritisationView): z.infer<typeof PrioritisationResource> {
  const { state } = view;
  return {
    plan: view.plan.id,
    versie: state.version,
    kernbeleidEditie: state.catalogueEdition,
    criteria: state.criteria.map((criterion) => ({ sleutel: criterion.key, naam: criterion.name, gewicht: criterion.weight })),
    scores: state.scores,
    toelichtingen: state.notes,
    prioriteiten: state.priorities,
    strategischeThemas: state.strategic,
    concept: state.conceptPlanId,
    bewaardDoor: state.updatedByLabel ? nameOfLabel(state.updatedByLabel) : null,
    bewaardOp: state.updatedAt,
    rangorde: view.ranking.map((row) => ({
      code: row.code,
      naam: row.name,
      score: row.total,
      plaats: row.rank,
      redenen: row.reasons,
      ontbreekt: row.missing,
    })),
    voorstel: { prioriteiten: view.proposal.priorities, strategischeThemas: view.proposal.strategic },
    feiten: Object.fromEntries(
      Object.entries(view.facts).map(([code, facts]) => [
        code,
        {
          vorigPlan: facts.previous === 'priority' ? 'prioriteit' : facts.previous === 'strategic' ? 'strategisch' : null,
          trends: facts.trends.map(({ title, trend }) => ({
            reeks: title,
            soort: trend.kind === 'trend' ? 'trend' : trend.kind === 'too_few_years' ? 'te_weinig_jaren' : 'geen_meldingen',
            richting: trend.kind === 'trend' ? TREND_DIRECTIONS[trend.direction] : null,
            veranderingPerJaar: trend.kind === 'trend' ? trend.yearlyChange : null,
            interval95: trend.kind === 'trend' ? trend.interval : null,
          })),
        },
      ]),
    ),
    analyse: view.analysis.available
      ? { beschikbaar: true, van: view.analysis.from, tot: view.analysis.to }
      : { beschikbaar: false, van: null, tot: null },
    magBewerken: view.may.edit,
  };
}

export function createPrioritisationApi(service: PrioritisationService) {
  const api = createApi();
  api.openapi(routes.get, async (c) => {
    const view = await service.view(c.var.actor, c.req.valid('param').planId);
    return c.json(toResource(view), 200);
  });
  api.openapi(routes.put, async (c) => {
    requireLogin(c.var.actor, 'de prioritering te bewaren');
    const { planId } = c.req.valid('param');
    const body = c.req.valid('json');
    await service.save(
      c.var.actor,
      planId,
      {
        criteria: body.criteria.map((criterion) => ({ key: criterion.sleutel, name: criterion.naam, weight: criterion.gewicht })),
        scores: body.scores,
        notes: body.toelichtingen,
        priorities: body.prioriteiten,
        strategic: body.strategischeThemas,
      },
      body.versie,
    );
    return c.json(toResource(await service.view(c.var.actor, planId)), 200);
  });
  api.openapi(routes.concept, async (c) => {
    requireLogin(c.var.actor, 'het concept van het volgende plan te maken');
    const { planId } = c.req.valid('param');
    const body = c.req.valid('json');
    const made = await service.makeConcept(
      c.var.actor,
      planId,
      { title: body.titel, periodStart: body.periode?.van, periodEnd: body.periode?.tot },
      body.versie,
    );
    const href = `/api/v1/plannen/${made.planId}`;
    c.header('Location', href);
    return c.json({ id: made.planId, href }, 201);
  });
  return api;
}
