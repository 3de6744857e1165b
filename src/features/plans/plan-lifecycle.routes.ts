/**
 * A plan's own fields, its whole content and its life through the API:
 *
 * - PATCH /plannen/{planId}: a JSON merge patch of the plan's own fields;
 * - PUT /plannen/{planId}/document: the content from an edited plan document, matched by key;
 * - GET /plannen/{planId}/werkversie: the working copy, for who may edit the plan;
 * - GET, POST /plannen/{planId}/vaststellingen: adoptions, one per municipality;
 * - GET, POST /plannen/{planId}/bijstellingen, GET, PATCH .../{nummer}: revisions, opened, then applied or withdrawn;
 * - POST /plannen/{planId}/afsluiting: the plan closed;
 * - GET /plannen/{planId}/vergelijking: the adopted plan against the current one.
 *
 * Every change needs If-Match with the plan's ETag, and answers with the next one.
 */
import { createRoute, type OpenAPIHono, z } from '@hono/zod-openapi';
import { ConflictError, NotFoundError, ValidationError } from '../../domain/errors.js';
import type { RevisionDecider } from '../../domain/plan.js';
import type { AppEnv } from '../../http/app-env.js';
import { parseInput, readJson } from '../../http/json-input.js';
import { applyMergePatch, isPlainObject, MERGE_PATCH_TYPE } from '../../http/merge-patch.js';
import { createApi, loginSecurity, problemResponses, readSecurity, writeSecurity } from '../../http/openapi.js';
import {
  ChangeHeaders,
  changeProblemResponses,
  isNotModified,
  jsonVersioned,
  notModified,
  notModifiedResponse,
  ReadHeaders,
  setVersion,
} from '../../http/version-headers.js';
import { toPlanResource } from './plan.presenters.js';
import { PlanIdParams, PlanResource } from './plan.schema.js';
import { changeVersion, type PlanApiServices, pathParams } from './plan-api-support.js';
import { planContentToDocument, toContent } from './plan-document.mapper.js';
import { PlanDocument } from './plan-document.schema.js';
import { honoPath } from './plan-element.routes.js';
import { planFieldsFromDocument, planFieldsToDocument } from './plan-element-documents.js';
import { toAdoptionResources, toChangeResource, toRevisionDetailResource, toRevisionResource } from './plan-write.presenters.js';
import {
  AdoptionResource,
  AdoptionsResource,
  ComparisonResource,
  PlanFieldsDocument,
  PlanFieldsPatch,
  RevisionDetailResource,
  RevisionInput,
  RevisionResource,
  RevisionStatusInput,
  RevisionsResource,
} from './plan-write.schema.js';

const tags = ['Leven van een plan'];

const RevisionParams = PlanIdParams.extend({
  nummer: z
    .string()
    .regex(/^[1-9][0-9]{0,8}$/, 'moet het nummer van een bijstelling zijn, zoals 1')
    .openapi({ param: { name: 'nummer', in: 'path' }, example: '1', description: 'het nummer van de bijstelling' }),
});

const DECIDERS: Record<(typeof RevisionInput)['shape']['besloten']['options'][number], RevisionDecider> = {
  raad: 'council',
  college: 'executive',
  coordinator: 'coordinator',
};
const BODIES = { raad: 'council', college: 'executive' } as const;
const VERSION_NOTE = 'Vraagt een API-token met de rol coördinator in elke gemeente van het plan, en If-Match met de ETag van het plan.';

const routes = {
  patchPlan: createRoute({
    method: 'patch',
    path: '/plannen/{planId}',
    tags,
    operationId: 'patchPlan',
    security: writeSecurity,
    summary: 'De eigen gegevens van het plan wijzigen met een JSON merge patch',
    description: `Titel, ondertitel, periode, samenvatting, begroting en editie van het Kernbeleid Veiligheid. Weggelaten velden blijven zoals ze zijn; null maakt een veld leeg. Status en vaststelling veranderen alleen via vaststellingen, bijstellingen en afsluiting. ${VERSION_NOTE}`,
    request: {
      params: PlanIdParams,
      headers: ChangeHeaders,
      body: {
        required: true,
        content: { [MERGE_PATCH_TYPE]: { schema: PlanFieldsPatch }, 'application/json': { schema: PlanFieldsPatch } },
      },
    },
    responses: { 200: jsonVersioned(PlanResource, 'Het plan na de wijziging (de werkversie)'), ...changeProblemResponses },
  }),
  putDocument: createRoute({
    method: 'put',
    path: '/plannen/{planId}/document',
    tags,
    operationId: 'putPlanDocument',
    security: writeSecurity,
    summary: 'De inhoud van het plan vervangen door een bewerkt plandocument',
    description: `Onderdelen worden op sleutel herkend: wat bleef houdt zijn identiteit (en metingen), wat nieuw is komt erbij, wat ontbreekt wordt beëindigd. Status, vaststelling en gemeenten van het document worden niet overgenomen. ${VERSION_NOTE}`,
    request: {
      params: PlanIdParams,
      headers: ChangeHeaders,
      body: { required: true, content: { 'application/json': { schema: PlanDocument } } },
    },
    responses: {
      200: jsonVersioned(PlanDocument, 'De werkversie na de wijziging, als plandocument'),
      ...changeProblemResponses,
      413: { description: 'Het document is te groot', content: problemResponses[400].content },
    },
  }),
  getWorkingCopy: createRoute({
    method: 'get',
    path: '/plannen/{planId}/werkversie',
    tags,
    operationId: 'getWerkversie',
    security: loginSecurity,
    summary: 'De werkversie als plandocument: het plan met elke wijziging, ook die van een open bijstelling',
    description: 'Voor wie het plan mag bewerken (de rol coördinator).',
    request: { params: PlanIdParams, headers: ReadHeaders },
    responses: {
      200: jsonVersioned(PlanDocument, 'De werkversie'),
      304: notModifiedResponse,
      ...problemResponses,
      401: { description: 'Niet ingelogd', content: problemResponses[400].content },
      403: { description: 'Niet toegestaan', content: problemResponses[400].content },
    },
  }),
  listAdoptions: createRoute({
    method: 'get',
    path: '/plannen/{planId}/vaststellingen',
    tags,
    operationId: 'listVaststellingen',
    security: readSecurity,
    summary: 'Wie het plan vaststelde en wanneer, per gemeente',
    request: { params: PlanIdParams, headers: ReadHeaders },
    responses: { 200: jsonVersioned(AdoptionsResource, 'De vaststellingen'), 304: notModifiedResponse, ...problemResponses },
  }),
  postAdoption: createRoute({
    method: 'post',
    path: '/plannen/{planId}/vaststellingen',
    tags,
    operationId: 'postVaststelling',
    security: writeSecurity,
    summary: 'De vaststelling van het plan door een gemeente vastleggen',
    description: `De eerste vaststelling legt het plan vast zoals vastgesteld; vanaf dan verandert het alleen via een bijstelling. Bij een gezamenlijk plan stelt elke gemeente hetzelfde plan vast, op een eigen datum. Vraagt een API-token met de rol coördinator in die gemeente, en If-Match met de ETag van het plan.`,
    request: {
      params: PlanIdParams,
      headers: ChangeHeaders,
      body: { required: true, content: { 'application/json': { schema: AdoptionResource } } },
    },
    responses: {
      201: jsonVersioned(AdoptionResource, 'De vaststelling; ze staat nu in GET .../vaststellingen'),
      ...changeProblemResponses,
    },
  }),
  listRevisions: createRoute({
    method: 'get',
    path: '/plannen/{planId}/bijstellingen',
    tags,
    operationId: 'listBijstellingen',
    security: readSecurity,
    summary: 'De bijstellingen van het plan, oudste eerst',
    request: { params: PlanIdParams, headers: ReadHeaders },
    responses: { 200: jsonVersioned(RevisionsResource, 'De bijstellingen'), 304: notModifiedResponse, ...problemResponses },
  }),
  postRevision: createRoute({
    method: 'post',
    path: '/plannen/{planId}/bijstellingen',
    tags,
    operationId: 'postBijstelling',
    security: writeSecurity,
    summary: 'Een bijstelling openen',
    description: `Vanaf nu horen wijzigingen van het vastgestelde plan bij deze bijstelling, tot ze wordt toegepast of ingetrokken. Er staat hoogstens één bijstelling open. ${VERSION_NOTE}`,
    request: {
      params: PlanIdParams,
      headers: ChangeHeaders,
      body: { required: true, content: { 'application/json': { schema: RevisionInput } } },
    },
    responses: { 201: jsonVersioned(RevisionResource, 'De geopende bijstelling; Location wijst ernaar'), ...changeProblemResponses },
  }),
  getRevision: createRoute({
    method: 'get',
    path: '/plannen/{planId}/bijstellingen/{nummer}',
    tags,
    operationId: 'getBijstelling',
    security: readSecurity,
    summary: 'Eén bijstelling met haar wijzigingen, per onderdeel en in woorden',
    request: { params: RevisionParams, headers: ReadHeaders },
    responses: { 200: jsonVersioned(RevisionDetailResource, 'De bijstelling'), 304: notModifiedResponse, ...problemResponses },
  }),
  patchRevision: createRoute({
    method: 'patch',
    path: '/plannen/{planId}/bijstellingen/{nummer}',
    tags,
    operationId: 'patchBijstelling',
    security: writeSecurity,
    summary: 'Een open bijstelling toepassen of intrekken',
    description: `toegepast: het plan met de bijstelling wordt het geldende plan, vanaf haar besluitdatum. ingetrokken: de werkversie gaat terug naar het geldende plan. ${VERSION_NOTE}`,
    request: {
      params: RevisionParams,
      headers: ChangeHeaders,
      body: {
        required: true,
        content: { [MERGE_PATCH_TYPE]: { schema: RevisionStatusInput }, 'application/json': { schema: RevisionStatusInput } },
      },
    },
    responses: { 200: jsonVersioned(RevisionDetailResource, 'De bijstelling zoals ze nu is'), ...changeProblemResponses },
  }),
  postClosing: createRoute({
    method: 'post',
    path: '/plannen/{planId}/afsluiting',
    tags,
    operationId: 'postAfsluiting',
    security: writeSecurity,
    summary: 'Het plan afsluiten aan het eind van zijn looptijd',
    description: `Een afgesloten plan verandert niet meer. Alleen een vastgesteld plan zonder open bijstelling kan worden afgesloten. ${VERSION_NOTE}`,
    request: { params: PlanIdParams, headers: ChangeHeaders },
    responses: { 200: jsonVersioned(PlanResource, 'Het afgesloten plan'), ...changeProblemResponses },
  }),
  getComparison: createRoute({
    method: 'get',
    path: '/plannen/{planId}/vergelijking',
    tags,
    operationId: 'getVergelijking',
    security: readSecurity,
    summary: 'Het vastgestelde plan naast het geldende plan: wat de bijstellingen veranderden',
    request: { params: PlanIdParams, headers: ReadHeaders },
    responses: { 200: jsonVersioned(ComparisonResource, 'De vergelijking'), 304: notModifiedResponse, ...problemResponses },
  }),
};

export function createPlanLifecycleApi({ plans, planEditing, planLifecycle, planChanges }: PlanApiServices): OpenAPIHono<AppEnv> {
  const api = createApi();
  const register = (route: (typeof routes)[keyof typeof routes]) => api.openAPIRegistry.registerPath(route);
  for (const route of Object.values(routes)) register(route);

  api.patch(honoPath(routes.patchPlan.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const version = await changeVersion(c, plans, planId);
    const patch = await readJson(c.req.header('Content-Type'), () => c.req.text(), MERGE_PATCH_TYPE);
    if (!isPlainObject(patch))
      throw new ValidationError('Een merge patch van het plan is een JSON-object', [{ path: '$', message: 'moet een object zijn' }]);
    const working = await plans.getWorkingCopy(c.var.actor, planId);
    const fields = parseInput(
      PlanFieldsDocument,
      applyMergePatch(planFieldsToDocument(working), patch, PlanFieldsDocument),
      'De gegevens van het plan zijn na de wijziging ongeldig',
    );
    const result = await planEditing.updatePlanFields(c.var.actor, planId, planFieldsFromDocument(fields), version);
    setVersion(c, result.version);
    return c.json(toPlanResource(result.plan), 200);
  });

  api.put(honoPath(routes.putDocument.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const version = await changeVersion(c, plans, planId);
    const document = await readJson(c.req.header('Content-Type'), () => c.req.text());
    const result = await planEditing.replaceContent(c.var.actor, planId, document, version);
    setVersion(c, result.version);
    return c.json(planContentToDocument(toContent(result.plan)), 200);
  });

  api.get(honoPath(routes.getWorkingCopy.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const working = await plans.getWorkingCopy(c.var.actor, planId);
    if (isNotModified(c, working.version)) return notModified(working.version);
    setVersion(c, working.version);
    return c.json(planContentToDocument(toContent(working)), 200);
  });

  api.get(honoPath(routes.listAdoptions.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const plan = await plans.getPlan(c.var.actor, planId);
    if (isNotModified(c, plan.version)) return notModified(plan.version);
    setVersion(c, plan.version);
    return c.json({ vaststellingen: toAdoptionResources(plan) }, 200);
  });

  api.post(honoPath(routes.postAdoption.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const version = await changeVersion(c, plans, planId, 'de vaststelling van dit plan vastleggen');
    const adoption = parseInput(
      AdoptionResource,
      await readJson(c.req.header('Content-Type'), () => c.req.text()),
      'De vaststelling is ongeldig',
    );
    const result = await planLifecycle.adopt(
      c.var.actor,
      planId,
      { municipalityCode: adoption.gemeente, adoptedOn: adoption.datum, body: BODIES[adoption.door] },
      version.expected,
    );
    setVersion(c, result.version);
    return c.json(adoption, 201);
  });

  api.get(honoPath(routes.listRevisions.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const { version } = await plans.getPlan(c.var.actor, planId);
    if (isNotModified(c, version)) return notModified(version);
    const revisions = await planLifecycle.revisions(c.var.actor, planId);
    setVersion(c, version);
    return c.json({ bijstellingen: revisions.map(toRevisionResource) }, 200);
  });

  api.post(honoPath(routes.postRevision.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const version = await changeVersion(c, plans, planId, 'een bijstelling openen');
    const input = parseInput(RevisionInput, await readJson(c.req.header('Content-Type'), () => c.req.text()), 'De bijstelling is ongeldig');
    const result = await planLifecycle.openRevision(
      c.var.actor,
      planId,
      { reason: input.reden, decidedOn: input.besluitdatum, decidedBy: DECIDERS[input.besloten] },
      version.expected,
    );
    const opened = (await planLifecycle.revisions(c.var.actor, planId)).find((revision) => revision.status === 'open');
    if (!opened) throw new Error('De geopende bijstelling staat niet open');
    setVersion(c, result.version);
    c.header('Location', `/api/v1/plannen/${planId}/bijstellingen/${opened.number}`);
    return c.json(toRevisionResource(opened), 201);
  });

  api.get(honoPath(routes.getRevision.path), async (c) => {
    const { planId, nummer } = pathParams(c, RevisionParams);
    const { version } = await plans.getPlan(c.var.actor, planId);
    if (isNotModified(c, version)) return notModified(version);
    const detail = await planChanges.revision(c.var.actor, planId, Number(nummer));
    setVersion(c, version);
    return c.json(toRevisionDetailResource(detail), 200);
  });

  api.patch(honoPath(routes.patchRevision.path), async (c) => {
    const { planId, nummer } = pathParams(c, RevisionParams);
    const version = await changeVersion(c, plans, planId, 'een bijstelling toepassen of intrekken');
    const patch = await readJson(c.req.header('Content-Type'), () => c.req.text(), MERGE_PATCH_TYPE);
    const { status } = parseInput(RevisionStatusInput, patch, 'Een bijstelling verandert alleen van status');
    // Also when nothing is left to do (the revision is already so), only who may do it hears so.
    await plans.assertMayOnPlan(c.var.actor, planId, 'plan:edit', 'een bijstelling toepassen of intrekken');
    const revision = (await planLifecycle.revisions(c.var.actor, planId)).find((candidate) => candidate.number === Number(nummer));
    if (!revision) throw new NotFoundError('Bijstelling', nummer, `Dit plan heeft geen bijstelling ${nummer}`);
    const wanted = status === 'toegepast' ? 'applied' : 'withdrawn';
    let current = version.expected as number;
    if (revision.status === 'open') {
      const step =
        wanted === 'applied' ? planLifecycle.applyRevision.bind(planLifecycle) : planLifecycle.withdrawRevision.bind(planLifecycle);
      current = (await step(c.var.actor, planId, version.expected)).version;
    } else if (revision.status !== wanted) {
      throw new ConflictError(`Bijstelling ${nummer} is al ${revision.status === 'applied' ? 'toegepast' : 'ingetrokken'}`);
    }
    const detail = await planChanges.revision(c.var.actor, planId, Number(nummer));
    setVersion(c, current);
    return c.json(toRevisionDetailResource(detail), 200);
  });

  api.post(honoPath(routes.postClosing.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const version = await changeVersion(c, plans, planId, 'dit plan afsluiten');
    const result = await planLifecycle.closePlan(c.var.actor, planId, version.expected);
    const plan = await plans.getPlan(c.var.actor, planId);
    setVersion(c, result.version);
    return c.json(toPlanResource(plan), 200);
  });

  api.get(honoPath(routes.getComparison.path), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const { version } = await plans.getPlan(c.var.actor, planId);
    if (isNotModified(c, version)) return notModified(version);
    const comparison = await planChanges.compare(c.var.actor, planId);
    const applied = (await planLifecycle.revisions(c.var.actor, planId)).filter((revision) => revision.status === 'applied');
    setVersion(c, version);
    return c.json(
      {
        vastgesteldOp: comparison.adopted.adoptedOn ?? '',
        bijstellingen: applied.map(toRevisionResource),
        wijzigingen: comparison.changes.map((change) => toChangeResource(change, comparison.names)),
      },
      200,
    );
  });

  return api;
}
