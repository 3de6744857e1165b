/**
 * The API for plans under /api/v1: each route is a schema, one call into the
 * service and a presenter. Reads of a plan carry its ETag and take
 * ?peildatum; the elements (plan-element.routes.ts) and the plan's own fields
 * and life (plan-lifecycle.routes.ts) are mounted here too.
 */

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
import { isUuid } from '../../domain/ids.js';
import type { Plan } from '../../domain/plan.js';
import type { BodyLimit } from '../../http/body-limit.js';
import { parseInput, readJson } from '../../http/json-input.js';
import { createApi, jsonOk, problemResponses, readSecurity, writeSecurity } from '../../http/openapi.js';
import { isNotModified, jsonVersioned, notModified, notModifiedResponse, ReadHeaders, setVersion } from '../../http/version-headers.js';
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
  ActivityQuery,
  ActivityResource,
  CatalogueResource,
  CoverageResource,
  IndicatorResource,
  PartnerResource,
  PlanIdParams,
  PlanResource,
  PlanSummaryResource,
  PortfolioHolderResource,
  PublicationResource,
  ThemeResource,
} from './plan.schema.js';
import { elementNotFound, type PlanApiServices } from './plan-api-support.js';
import { planContentToDocument, toContent } from './plan-document.mapper.js';
import { PLAN_DOCUMENT_MAX_BYTES, PlanDocument } from './plan-document.schema.js';
import { createPlanElementApi } from './plan-element.routes.js';
import { ELEMENT_DOCUMENTS, findElementDocument } from './plan-element-documents.js';
import { createPlanLifecycleApi } from './plan-lifecycle.routes.js';
import { elementParams, NewPlanBody, PeildatumQuery, StartRequest } from './plan-write.schema.js';

const tags = ['Plannen'];

/** How large a request to the plan API may be; the app reads every body within its limit. */
export const PLAN_BODY_LIMITS: BodyLimit[] = [
  { path: /^\/api\/v1\/plannen$/, maxBytes: PLAN_DOCUMENT_MAX_BYTES, tooLarge: 'Het plandocument is groter dan 5 MB' },
  { path: /^\/api\/v1\/plannen\/[^/]+\/document$/, maxBytes: PLAN_DOCUMENT_MAX_BYTES, tooLarge: 'Het plandocument is groter dan 5 MB' },
];

/** A read of the plan: as of a date with ?peildatum, and answered with 304 when If-None-Match names its version. */
const planRead = { query: PeildatumQuery, headers: ReadHeaders };
const readResponses = { 304: notModifiedResponse, ...problemResponses };
const byIdOrKey = 'Met een sleutel het elementdocument, zoals PATCH het aanneemt; met een id (zoals eerder) de resource hieronder.';

const themeParams = elementParams('theme', true);
const activityParams = elementParams('activity', true);
const partnerParams = elementParams('partner', true);

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
    request: { params: PlanIdParams, ...planRead },
    responses: { 200: jsonVersioned(PlanResource, 'Het plan'), ...readResponses },
  }),
  exportPlan: createRoute({
    method: 'get',
    path: '/plannen/{planId}/document',
    tags,
    operationId: 'exportPlan',
    security: readSecurity,
    summary: 'Het hele plan als één plandocument (export)',
    request: { params: PlanIdParams, ...planRead },
    responses: { 200: jsonVersioned(PlanDocument, 'Het plandocument; met POST /plannen weer in te lezen'), ...readResponses },
  }),
  listThemes: createRoute({
    method: 'get',
    path: '/plannen/{planId}/themas',
    tags,
    operationId: 'listThemas',
    security: readSecurity,
    summary: 'De thema’s van een plan, met indicatoren en activiteiten',
    request: { params: PlanIdParams, ...planRead },
    responses: { 200: jsonVersioned(z.object({ themas: z.array(ThemeResource) }), 'De thema’s'), ...readResponses },
  }),
  getTheme: createRoute({
    method: 'get',
    path: '/plannen/{planId}/themas/{sleutel}',
    tags,
    operationId: 'getThema',
    security: readSecurity,
    summary: 'Eén thema',
    description: byIdOrKey,
    request: { params: themeParams, ...planRead },
    responses: { 200: jsonVersioned(z.union([ELEMENT_DOCUMENTS.theme, ThemeResource]), 'Het thema'), ...readResponses },
  }),
  listIndicators: createRoute({
    method: 'get',
    path: '/plannen/{planId}/indicatoren',
    tags,
    operationId: 'listIndicatoren',
    security: readSecurity,
    summary: 'Alle indicatoren van een plan',
    request: { params: PlanIdParams, ...planRead },
    responses: { 200: jsonVersioned(z.object({ indicatoren: z.array(IndicatorResource) }), 'De indicatoren'), ...readResponses },
  }),
  listActivities: createRoute({
    method: 'get',
    path: '/plannen/{planId}/activiteiten',
    tags,
    operationId: 'listActiviteiten',
    security: readSecurity,
    summary: 'Het uitvoeringsplan: alle activiteiten, te filteren op thema, trekker, partner en planning',
    request: { params: PlanIdParams, query: ActivityQuery.extend(PeildatumQuery.shape), headers: ReadHeaders },
    responses: {
      200: jsonVersioned(
        z.object({ activiteiten: z.array(ActivityResource), totaal: z.number().int() }),
        'De activiteiten die aan elk filter voldoen',
      ),
      ...readResponses,
    },
  }),
  getActivity: createRoute({
    method: 'get',
    path: '/plannen/{planId}/activiteiten/{sleutel}',
    tags,
    operationId: 'getActiviteit',
    security: readSecurity,
    summary: 'Eén activiteit',
    description: byIdOrKey,
    request: { params: activityParams, ...planRead },
    responses: { 200: jsonVersioned(z.union([ELEMENT_DOCUMENTS.activity, ActivityResource]), 'De activiteit'), ...readResponses },
  }),
  listPartners: createRoute({
    method: 'get',
    path: '/plannen/{planId}/partners',
    tags,
    operationId: 'listPartners',
    security: readSecurity,
    summary: 'De partners van een plan, elk met zijn activiteiten',
    request: { params: PlanIdParams, ...planRead },
    responses: { 200: jsonVersioned(z.object({ partners: z.array(PartnerResource) }), 'De partners'), ...readResponses },
  }),
  getPartner: createRoute({
    method: 'get',
    path: '/plannen/{planId}/partners/{sleutel}',
    tags,
    operationId: 'getPartner',
    security: readSecurity,
    summary: 'Eén partner',
    description: `${byIdOrKey} De resource noemt ook de activiteiten waaraan de partner deelneemt.`,
    request: { params: partnerParams, ...planRead },
    responses: { 200: jsonVersioned(z.union([ELEMENT_DOCUMENTS.partner, PartnerResource]), 'De partner'), ...readResponses },
  }),
  listPortfolioHolders: createRoute({
    method: 'get',
    path: '/plannen/{planId}/trekkers',
    tags,
    operationId: 'listTrekkers',
    security: readSecurity,
    summary: 'De bestuurlijk trekkers van een plan, elk met zijn activiteiten',
    request: { params: PlanIdParams, ...planRead },
    responses: { 200: jsonVersioned(z.object({ trekkers: z.array(PortfolioHolderResource) }), 'De trekkers'), ...readResponses },
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
    request: { params: PlanIdParams, ...planRead },
    responses: { 200: jsonVersioned(CoverageResource, 'De dekking'), ...readResponses },
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
    responses: { 200: jsonOk(CatalogueResource, 'De catalogus'), ...problemResponses },
  }),
  importPlan: createRoute({
    method: 'post',
    path: '/plannen',
    tags,
    operationId: 'importPlan',
    security: writeSecurity,
    summary: 'Een plan inlezen (een plandocument) of beginnen (leeg, vanuit het Kernbeleid Veiligheid of als kopie)',
    description:
      'Met een plandocument (formaat koers-plan): het plan wordt ingelezen; een ongeldig document wordt in zijn geheel geweigerd en invalidParams noemt elk probleem met zijn JSON-pad. Er wordt dan niets opgeslagen. Vraagt de rol coördinator in elke gemeente van het plan. Met een NieuwPlan: een concept voor één gemeente, leeg, met de gekozen thema’s van het Kernbeleid Veiligheid, of als kopie van een eerder plan van de gemeente (de voorganger; indicatoren lopen door in dezelfde reeks). Vraagt de rol coördinator in die gemeente.',
    request: { body: { required: true, content: { 'application/json': { schema: NewPlanBody } } } },
    responses: {
      201: jsonVersioned(PlanResource, 'Het nieuwe plan; Location wijst ernaar'),
      400: problemResponses[400],
      401: { description: 'Niet ingelogd', content: problemResponses[400].content },
      403: { description: 'Niet toegestaan', content: problemResponses[400].content },
      413: { description: 'Het document is te groot', content: problemResponses[400].content },
      500: problemResponses[500],
    },
  }),
};

/** One element of a kind by key, or (as the read API did before keys) a theme, activity or partner by id. */
function byKey(plan: Plan, kind: 'theme' | 'activity' | 'partner', key: string) {
  const document = findElementDocument(toContent(plan), kind, key);
  if (!document) throw elementNotFound(kind, key);
  return document;
}

export function createPlanApi(services: PlanApiServices) {
  const { plans, planLifecycle } = services;
  const api = createApi();
  const read = (c: { var: { actor: Parameters<typeof plans.getPlan>[0] } }, planId: string, peildatum: string | undefined) =>
    plans.getPlan(c.var.actor, planId, { asOf: peildatum });

  api.openapi(routes.listPlans, async (c) => c.json({ plannen: (await plans.listPlans(c.var.actor)).map(toPlanSummaryResource) }, 200));

  api.openapi(routes.getPlan, async (c) => {
    const plan = await read(c, c.req.valid('param').planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    setVersion(c, plan.version);
    return c.json(toPlanResource(plan), 200);
  });

  api.openapi(routes.exportPlan, async (c) => {
    const plan = await read(c, c.req.valid('param').planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    setVersion(c, plan.version);
    return c.json(planContentToDocument(toContent(plan)), 200);
  });

  api.openapi(routes.listThemes, async (c) => {
    const plan = await read(c, c.req.valid('param').planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    setVersion(c, plan.version);
    return c.json({ themas: plan.themes.map(toThemeResource) }, 200);
  });

  api.openapi(routes.getTheme, async (c) => {
    const { planId, sleutel } = c.req.valid('param');
    const plan = await read(c, planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    if (!isUuid(sleutel)) {
      const document = byKey(plan, 'theme', sleutel);
      setVersion(c, plan.version);
      return c.json(document, 200);
    }
    const theme = plan.themes.find((candidate) => candidate.id === sleutel);
    if (!theme) throw new NotFoundError('Thema', sleutel);
    setVersion(c, plan.version);
    return c.json(toThemeResource(theme), 200);
  });

  api.openapi(routes.listIndicators, async (c) => {
    const plan = await read(c, c.req.valid('param').planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    const indicators = [...plan.indicators, ...plan.themes.flatMap((theme) => theme.indicators)];
    setVersion(c, plan.version);
    return c.json({ indicatoren: indicators.map(toIndicatorResource) }, 200);
  });

  api.openapi(routes.listActivities, async (c) => {
    const query = c.req.valid('query');
    const plan = await read(c, c.req.valid('param').planId, query.peildatum);
    const filter: ActivityFilter = {
      themeKey: query.thema,
      leadKey: query.trekker,
      partnerKey: query.partner,
      schedule: query.planning,
      text: query.zoek?.trim() || undefined,
    };
    const unknown = unknownFilterConditions(plan, filter);
    if (unknown.length > 0) {
      throw new ValidationError(
        'Het filter noemt iets dat niet in dit plan staat',
        unknown.map((condition) => ({ path: FILTER_PARAMS[condition], message: `"${filter[condition]}" komt in dit plan niet voor` })),
      );
    }
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    const rows = listActivities(plan, filter);
    setVersion(c, plan.version);
    return c.json({ activiteiten: rows.map(toActivityResource), totaal: rows.length }, 200);
  });

  api.openapi(routes.getActivity, async (c) => {
    const { planId, sleutel } = c.req.valid('param');
    const plan = await read(c, planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    if (!isUuid(sleutel)) {
      const document = byKey(plan, 'activity', sleutel);
      setVersion(c, plan.version);
      return c.json(document, 200);
    }
    const row = allActivities(plan).find((candidate) => candidate.activity.id === sleutel);
    if (!row) throw new NotFoundError('Activiteit', sleutel);
    setVersion(c, plan.version);
    return c.json(toActivityResource(row), 200);
  });

  api.openapi(routes.listPartners, async (c) => {
    const plan = await read(c, c.req.valid('param').planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    setVersion(c, plan.version);
    return c.json({ partners: plan.partners.map((partner) => toPartnerResource(plan, partner)) }, 200);
  });

  api.openapi(routes.getPartner, async (c) => {
    const { planId, sleutel } = c.req.valid('param');
    const plan = await read(c, planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    if (!isUuid(sleutel)) {
      const document = byKey(plan, 'partner', sleutel);
      setVersion(c, plan.version);
      return c.json(document, 200);
    }
    const partner = plan.partners.find((candidate) => candidate.id === sleutel);
    if (!partner) throw new NotFoundError('Partner', sleutel);
    setVersion(c, plan.version);
    return c.json(toPartnerResource(plan, partner), 200);
  });

  api.openapi(routes.listPortfolioHolders, async (c) => {
    const plan = await read(c, c.req.valid('param').planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    setVersion(c, plan.version);
    return c.json({ trekkers: plan.portfolioHolders.map((holder) => toPortfolioHolderResource(plan, holder)) }, 200);
  });

  api.openapi(routes.getCoverage, async (c) => {
    const plan = await read(c, c.req.valid('param').planId, c.req.valid('query').peildatum);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    setVersion(c, plan.version);
    return c.json(toCoverageResource(plan), 200);
  });

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

  // A plan document is validated by the service, not by the route, so shape and
  // reference problems are reported together; the route only documents it.
  // A body without `formaat` is a request to start a plan.
  api.post('/plannen', async (c) => {
    if (c.var.actor.kind === 'anonymous')
      throw new UnauthenticatedError('Log in met een API-token (Authorization: Bearer) om een plan in te lezen of te beginnen');
    const body = await readJson(c.req.header('Content-Type'), () => c.req.text());
    let plan: Plan;
    if (isPlanDocument(body)) plan = await plans.importPlan(c.var.actor, body);
    else {
      const start = parseInput(StartRequest, body, 'Met deze gegevens kan het plan niet beginnen');
      const planId = await planLifecycle.startPlan(c.var.actor, {
        municipalityCode: start.gemeente,
        title: start.titel,
        summary: start.samenvatting,
        periodStart: start.periode.van,
        periodEnd: start.periode.tot,
        catalogueEdition: start.kernbeleidEditie,
        start:
          start.begin.soort === 'leeg'
            ? { kind: 'empty' }
            : start.begin.soort === 'kernbeleid'
              ? { kind: 'catalogue', priorities: start.begin.prioriteiten, strategic: start.begin.strategisch }
              : { kind: 'copy', planId: start.begin.voorganger },
      });
      plan = await plans.getPlan(c.var.actor, planId);
    }
    c.header('Location', `/api/v1/plannen/${plan.id}`);
    setVersion(c, plan.version);
    return c.json(toPlanResource(plan), 201);
  });
  api.openAPIRegistry.registerPath(routes.importPlan);

  api.route('/', createPlanElementApi(services));
  api.route('/', createPlanLifecycleApi(services));
  return api;
}

/** A plan document names its format; a request to start a plan does not. */
function isPlanDocument(body: unknown): boolean {
  return typeof body === 'object' && body !== null && ('formaat' in body || 'plan' in body);
}
