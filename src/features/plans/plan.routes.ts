/** The API for plans under /api/v1: each route is a schema, one call into the service and a presenter. */

import { createRoute, z } from '@hono/zod-openapi';
import { CURRENT_EDITION, catalogueEdition } from '../../catalogue/kernbeleid-veiligheid.js';
import {
  type ActivityFilter,
  allActivities,
  FILTER_PARAMS,
  listActivities,
  unknownFilterConditions,
} from '../../domain/activity-filter.js';
import { NotFoundError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import type { BodyLimit } from '../../http/body-limit.js';
import { createApi, jsonOk, problemResponses, readSecurity, writeSecurity } from '../../http/openapi.js';
import {
  toActivityResource,
  toCatalogueResource,
  toCoverageResource,
  toIndicatorResource,
  toPartnerResource,
  toPlanResource,
  toPlanSummaryResource,
  toPortfolioHolderResource,
  toThemeResource,
} from './plan.presenters.js';
import {
  ActivityParams,
  ActivityQuery,
  ActivityResource,
  CatalogueResource,
  CoverageResource,
  IndicatorResource,
  PartnerParams,
  PartnerResource,
  PlanIdParams,
  PlanResource,
  PlanSummaryResource,
  PortfolioHolderResource,
  PublicationResource,
  ThemeParams,
  ThemeResource,
} from './plan.schema.js';
import type { PlanService } from './plan.service.js';
import { PLAN_DOCUMENT_MAX_BYTES, PlanDocument } from './plan-document.schema.js';

const tags = ['Plannen'];

/** How large a request to the plan API may be; the app reads every body within its limit. */
export const PLAN_BODY_LIMITS: BodyLimit[] = [
  { path: /^\/api\/v1\/plannen$/, maxBytes: PLAN_DOCUMENT_MAX_BYTES, tooLarge: 'Het plandocument is groter dan 5 MB' },
];

const routes = {
  listPlans: createRoute({
    method: 'get',
    path: '/plannen',
    tags,
    operationId: 'listPlannen',
    security: readSecurity,
    summary: 'Alle plannen',
    responses: { 200: jsonOk(z.object({ plannen: z.array(PlanSummaryResource) }), 'De plannen'), 500: problemResponses[500] },
  }),
  getPlan: createRoute({
    method: 'get',
    path: '/plannen/{planId}',
    tags,
    operationId: 'getPlan',
    security: readSecurity,
    summary: 'Eén plan: overzicht met doelstellingen, rode draden en thema’s',
    request: { params: PlanIdParams },
    responses: { 200: jsonOk(PlanResource, 'Het plan'), ...problemResponses },
  }),
  exportPlan: createRoute({
    method: 'get',
    path: '/plannen/{planId}/document',
    tags,
    operationId: 'exportPlan',
    security: readSecurity,
    summary: 'Het hele plan als één plandocument (export)',
    request: { params: PlanIdParams },
    responses: { 200: jsonOk(PlanDocument, 'Het plandocument; met POST /plannen weer in te lezen'), ...problemResponses },
  }),
  listThemes: createRoute({
    method: 'get',
    path: '/plannen/{planId}/themas',
    tags,
    operationId: 'listThemas',
    security: readSecurity,
    summary: 'De thema’s van een plan, met indicatoren en activiteiten',
    request: { params: PlanIdParams },
    responses: { 200: jsonOk(z.object({ themas: z.array(ThemeResource) }), 'De thema’s'), ...problemResponses },
  }),
  getTheme: createRoute({
    method: 'get',
    path: '/plannen/{planId}/themas/{themaId}',
    tags,
    operationId: 'getThema',
    security: readSecurity,
    summary: 'Eén thema',
    request: { params: ThemeParams },
    responses: { 200: jsonOk(ThemeResource, 'Het thema'), ...problemResponses },
  }),
  listIndicators: createRoute({
    method: 'get',
    path: '/plannen/{planId}/indicatoren',
    tags,
    operationId: 'listIndicatoren',
    security: readSecurity,
    summary: 'Alle indicatoren van een plan',
    request: { params: PlanIdParams },
    responses: { 200: jsonOk(z.object({ indicatoren: z.array(IndicatorResource) }), 'De indicatoren'), ...problemResponses },
  }),
  listActivities: createRoute({
    method: 'get',
    path: '/plannen/{planId}/activiteiten',
    tags,
    operationId: 'listActiviteiten',
    security: readSecurity,
    summary: 'Het uitvoeringsplan: alle activiteiten, te filteren op thema, trekker, partner en planning',
    request: { params: PlanIdParams, query: ActivityQuery },
    responses: {
      200: jsonOk(
        z.object({ activiteiten: z.array(ActivityResource), totaal: z.number().int() }),
        'De activiteiten die aan elk filter voldoen',
      ),
      ...problemResponses,
    },
  }),
  getActivity: createRoute({
    method: 'get',
    path: '/plannen/{planId}/activiteiten/{activiteitId}',
    tags,
    operationId: 'getActiviteit',
    security: readSecurity,
    summary: 'Eén activiteit',
    request: { params: ActivityParams },
    responses: { 200: jsonOk(ActivityResource, 'De activiteit'), ...problemResponses },
  }),
  listPartners: createRoute({
    method: 'get',
    path: '/plannen/{planId}/partners',
    tags,
    operationId: 'listPartners',
    security: readSecurity,
    summary: 'De partners van een plan, elk met zijn activiteiten',
    request: { params: PlanIdParams },
    responses: { 200: jsonOk(z.object({ partners: z.array(PartnerResource) }), 'De partners'), ...problemResponses },
  }),
  getPartner: createRoute({
    method: 'get',
    path: '/plannen/{planId}/partners/{partnerId}',
    tags,
    operationId: 'getPartner',
    security: readSecurity,
    summary: 'Eén partner met zijn activiteiten',
    request: { params: PartnerParams },
    responses: { 200: jsonOk(PartnerResource, 'De partner'), ...problemResponses },
  }),
  listPortfolioHolders: createRoute({
    method: 'get',
    path: '/plannen/{planId}/trekkers',
    tags,
    operationId: 'listTrekkers',
    security: readSecurity,
    summary: 'De bestuurlijk trekkers van een plan, elk met zijn activiteiten',
    request: { params: PlanIdParams },
    responses: { 200: jsonOk(z.object({ trekkers: z.array(PortfolioHolderResource) }), 'De trekkers'), ...problemResponses },
  }),
  setPublication: createRoute({
    method: 'put',
    path: '/plannen/{planId}/publicatie',
    tags,
    operationId: 'putPublicatie',
    security: writeSecurity,
    summary: 'Een plan publiceren (leesbaar zonder inloggen) of de publicatie intrekken',
    description: 'Vraagt een API-token met de rol coördinator in elke gemeente van het plan. De wijziging komt in de audittrail.',
    request: {
      params: PlanIdParams,
      body: { required: true, content: { 'application/json': { schema: PublicationResource } } },
    },
    responses: {
      200: jsonOk(PublicationResource, 'De publicatie zoals die nu is'),
      400: problemResponses[400],
      401: { description: 'Niet ingelogd', content: problemResponses[400].content },
      403: { description: 'Niet toegestaan', content: problemResponses[400].content },
      404: problemResponses[404],
      500: problemResponses[500],
    },
  }),
  getCoverage: createRoute({
    method: 'get',
    path: '/plannen/{planId}/dekking',
    tags,
    operationId: 'getDekking',
    security: readSecurity,
    summary: 'Welke thema’s van Kernbeleid Veiligheid het plan dekt, en met welk eigen thema',
    request: { params: PlanIdParams },
    responses: { 200: jsonOk(CoverageResource, 'De dekking'), ...problemResponses },
  }),
  getCatalogue: createRoute({
    method: 'get',
    path: '/kernbeleid-veiligheid',
    tags: ['Kernbeleid Veiligheid'],
    operationId: 'getKernbeleidVeiligheid',
    security: readSecurity,
    summary: 'De veiligheidsvelden en -thema’s van Kernbeleid Veiligheid (VNG), per editie',
    request: {
      query: z.object({
        editie: z
          .string()
          .optional()
          .openapi({ param: { name: 'editie', in: 'query' }, example: '2017' })
          .describe('de editie; zonder: de nieuwste'),
      }),
    },
    responses: {
      200: jsonOk(CatalogueResource, 'De catalogus'),
      400: problemResponses[400],
      404: problemResponses[404],
      500: problemResponses[500],
    },
  }),
  importPlan: createRoute({
    method: 'post',
    path: '/plannen',
    tags,
    operationId: 'importPlan',
    security: writeSecurity,
    summary: 'Een plandocument inlezen als nieuw plan (import)',
    description:
      'Een ongeldig document wordt in zijn geheel geweigerd; invalidParams noemt elk probleem met zijn JSON-pad. Er wordt dan niets opgeslagen.',
    request: { body: { required: true, content: { 'application/json': { schema: PlanDocument } } } },
    responses: {
      201: jsonOk(PlanResource, 'Het nieuwe plan; Location wijst ernaar'),
      400: problemResponses[400],
      413: { description: 'Het document is te groot', content: problemResponses[400].content },
      500: problemResponses[500],
    },
  }),
};

export function createPlanApi(plans: PlanService) {
  const api = createApi();

  api.openapi(routes.listPlans, async (c) => c.json({ plannen: (await plans.listPlans(c.var.actor)).map(toPlanSummaryResource) }, 200));

  api.openapi(routes.getPlan, async (c) => c.json(toPlanResource(await plans.getPlan(c.var.actor, c.req.valid('param').planId)), 200));

  api.openapi(routes.exportPlan, async (c) => c.json(await plans.exportPlan(c.var.actor, c.req.valid('param').planId), 200));

  api.openapi(routes.listThemes, async (c) => {
    const plan = await plans.getPlan(c.var.actor, c.req.valid('param').planId);
    return c.json({ themas: plan.themes.map(toThemeResource) }, 200);
  });

  api.openapi(routes.getTheme, async (c) => {
    const { planId, themaId } = c.req.valid('param');
    const theme = (await plans.getPlan(c.var.actor, planId)).themes.find((candidate) => candidate.id === themaId);
    if (!theme) throw new NotFoundError('Thema', themaId);
    return c.json(toThemeResource(theme), 200);
  });

  api.openapi(routes.listIndicators, async (c) => {
    const plan = await plans.getPlan(c.var.actor, c.req.valid('param').planId);
    const indicators = [...plan.indicators, ...plan.themes.flatMap((theme) => theme.indicators)];
    return c.json({ indicatoren: indicators.map(toIndicatorResource) }, 200);
  });

  api.openapi(routes.listActivities, async (c) => {
    const plan = await plans.getPlan(c.var.actor, c.req.valid('param').planId);
    const query = c.req.valid('query');
    const filter: ActivityFilter = { themeKey: query.thema, leadKey: query.trekker, partnerKey: query.partner, schedule: query.planning };
    const unknown = unknownFilterConditions(plan, filter);
    if (unknown.length > 0) {
      throw new ValidationError(
        'Het filter noemt iets dat niet in dit plan staat',
        unknown.map((condition) => ({ path: FILTER_PARAMS[condition], message: `"${filter[condition]}" komt in dit plan niet voor` })),
      );
    }
    const rows = listActivities(plan, filter);
    return c.json({ activiteiten: rows.map(toActivityResource), totaal: rows.length }, 200);
  });

  api.openapi(routes.getActivity, async (c) => {
    const { planId, activiteitId } = c.req.valid('param');
    const row = allActivities(await plans.getPlan(c.var.actor, planId)).find((candidate) => candidate.activity.id === activiteitId);
    if (!row) throw new NotFoundError('Activiteit', activiteitId);
    return c.json(toActivityResource(row), 200);
  });

  api.openapi(routes.listPartners, async (c) => {
    const plan = await plans.getPlan(c.var.actor, c.req.valid('param').planId);
    return c.json({ partners: plan.partners.map((partner) => toPartnerResource(plan, partner)) }, 200);
  });

  api.openapi(routes.getPartner, async (c) => {
    const { planId, partnerId } = c.req.valid('param');
    const plan = await plans.getPlan(c.var.actor, planId);
    const partner = plan.partners.find((candidate) => candidate.id === partnerId);
    if (!partner) throw new NotFoundError('Partner', partnerId);
    return c.json(toPartnerResource(plan, partner), 200);
  });

  api.openapi(routes.listPortfolioHolders, async (c) => {
    const plan = await plans.getPlan(c.var.actor, c.req.valid('param').planId);
    return c.json({ trekkers: plan.portfolioHolders.map((holder) => toPortfolioHolderResource(plan, holder)) }, 200);
  });

  api.openapi(routes.getCoverage, async (c) =>
    c.json(toCoverageResource(await plans.getPlan(c.var.actor, c.req.valid('param').planId)), 200),
  );

  api.openapi(routes.getCatalogue, (c) => {
    const code = c.req.valid('query').editie ?? CURRENT_EDITION;
    const edition = catalogueEdition(code);
    if (!edition) throw new NotFoundError('Editie', code, `Koers kent editie "${code}" van het Kernbeleid Veiligheid niet`);
    return c.json(toCatalogueResource(edition), 200);
  });

  api.openapi(routes.setPublication, async (c) => {
    if (c.var.actor.kind === 'anonymous')
      throw new UnauthenticatedError('Log in met een API-token (Authorization: Bearer) om te publiceren');
    const plan = await plans.setPublished(c.var.actor, c.req.valid('param').planId, c.req.valid('json').gepubliceerd);
    return c.json({ gepubliceerd: plan.published }, 200);
  });

  // The document is validated by the service, not by the route, so shape and
  // reference problems are reported together; the route only documents it.
  api.post('/plannen', async (c) => {
    if (c.var.actor.kind === 'anonymous')
      throw new UnauthenticatedError('Log in met een API-token (Authorization: Bearer) om een plan in te lezen');
    const plan = await plans.importPlan(c.var.actor, await readJson(c.req.header('Content-Type'), () => c.req.text()));
    c.header('Location', `/api/v1/plannen/${plan.id}`);
    return c.json(toPlanResource(plan), 201);
  });
  api.openAPIRegistry.registerPath(routes.importPlan);

  return api;
}

async function readJson(contentType: string | undefined, text: () => Promise<string>): Promise<unknown> {
  const type = contentType ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) {
    throw new ValidationError('Stuur het plandocument als application/json', [
      { path: 'Content-Type', message: `"${type || '(leeg)'}" is geen JSON` },
    ]);
  }
  const body = await text();
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ValidationError('De inhoud is geen geldige JSON', [
      { path: '$', message: error instanceof Error ? error.message : 'onleesbaar' },
    ]);
  }
}
