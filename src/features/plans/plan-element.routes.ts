/**
 * The elements of a plan through the API, every kind alike, under
 * /api/v1/plannen/{planId}/{soort} (the Dutch path segment of the kind):
 *
 * - GET .../{soort} and GET .../{soort}/{sleutel}: as element documents, with the plan's ETag;
 * - POST .../{soort}: a new element (201, Location); without `sleutel` one is made from the name;
 * - PATCH .../{soort}/{sleutel}: a JSON merge patch (RFC 7396) of the element document;
 * - DELETE .../{soort}/{sleutel}: the element is ended (204), never deleted;
 * - PUT .../{soort}/volgorde: the order of one list;
 * - GET .../{soort}/{sleutel}/geschiedenis: the element across the revisions.
 *
 * Every change needs If-Match with the plan's ETag. Each route is documented
 * with createRoute and validated here, so a patch is checked after merging.
 */
import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ValidationError } from '../../domain/errors.js';
import { ELEMENT_KINDS, ELEMENT_NAMES, type ElementKind, listElements } from '../../domain/plan-elements.js';
import type { AppEnv } from '../../http/app-env.js';
import { parseInput, readJson } from '../../http/json-input.js';
import { applyMergePatch, isPlainObject, MERGE_PATCH_TYPE } from '../../http/merge-patch.js';
import { createApi, problemResponses, readSecurity, writeSecurity } from '../../http/openapi.js';
import {
  ChangeHeaders,
  changeProblemResponses,
  isNotModified,
  jsonVersioned,
  noContentResponse,
  notModified,
  notModifiedResponse,
  ReadHeaders,
  setVersion,
} from '../../http/version-headers.js';
import { ELEMENT_PATHS } from './element-paths.js';
import { PlanIdParams } from './plan.schema.js';
import { changeVersion, elementNotFound, type PlanApiServices, pathParams, readPlan } from './plan-api-support.js';
import { toContent } from './plan-document.mapper.js';
import { ELEMENT_DOCUMENTS, type ElementDocument, elementToDocument, findElementDocument } from './plan-element-documents.js';
import { toHistoryResource } from './plan-write.presenters.js';
import {
  ELEMENT_API,
  elementHistorySchema,
  elementListSchema,
  elementParams,
  elementPatchSchema,
  KINDS_WITH_ID_ROUTES,
  KINDS_WITH_LIST_ROUTES,
  newElementSchema,
  orderSchema,
  PeildatumQuery,
} from './plan-write.schema.js';

const tags = ['Onderdelen van een plan'];

const lower = (text: string) => `${text.slice(0, 1).toLowerCase()}${text.slice(1)}`;

/** /plannen/{planId}/x -> /plannen/:planId/x, as Hono writes a path. */
export const honoPath = (path: string) => path.replaceAll(/\/{(.+?)}/g, '/:$1');

const CHANGE_DESCRIPTION =
  'Vraagt een API-token met de rol coördinator in elke gemeente van het plan, en If-Match met de ETag van het plan. Een concept wordt vrij bewerkt; een vastgesteld plan alleen binnen een open bijstelling (anders 409). De wijziging, haar plaats in de bijstelling en de audittrail worden samen vastgelegd.';

export function createPlanElementApi(services: PlanApiServices): OpenAPIHono<AppEnv> {
  const api = createApi();
  for (const kind of ELEMENT_KINDS) registerKind(api, kind, services);
  return api;
}

function registerKind(api: OpenAPIHono<AppEnv>, kind: ElementKind, { plans, planEditing, planChanges }: PlanApiServices): void {
  const segment = ELEMENT_PATHS[kind];
  const names = ELEMENT_API[kind];
  const Document = ELEMENT_DOCUMENTS[kind];
  const Params = elementParams(kind);
  const list = `/plannen/{planId}/${segment}`;
  const one = `${list}/{sleutel}`;
  const whose = `een ${lower(ELEMENT_NAMES[kind].one)}`;

  if (!KINDS_WITH_LIST_ROUTES.includes(kind)) {
    api.openAPIRegistry.registerPath(
      createRoute({
        method: 'get',
        path: list,
        tags,
        operationId: `list${names.many}`,
        security: readSecurity,
        summary: `Alle ${lower(ELEMENT_NAMES[kind].many)} van een plan, als elementdocumenten`,
        request: { params: PlanIdParams, query: PeildatumQuery, headers: ReadHeaders },
        responses: {
          200: jsonVersioned(elementListSchema(kind), 'De lijst, in haar volgorde'),
          304: notModifiedResponse,
          ...problemResponses,
        },
      }),
    );
    api.get(honoPath(list), async (c) => {
      const { planId } = pathParams(c, PlanIdParams);
      const plan = await readPlan(c, plans, planId);
      if (isNotModified(c, plan.version)) return notModified(plan.version);
      const entries = listElements(toContent(plan)).filter((entry) => entry.kind === kind);
      setVersion(c, plan.version);
      return c.json({ [names.list]: entries.map((entry) => elementToDocument(kind, entry.value, entry.parentKey)) }, 200);
    });
  }

  if (!KINDS_WITH_ID_ROUTES.includes(kind)) {
    api.openAPIRegistry.registerPath(
      createRoute({
        method: 'get',
        path: one,
        tags,
        operationId: `get${names.one}`,
        security: readSecurity,
        summary: `Eén ${lower(ELEMENT_NAMES[kind].one)}, als elementdocument`,
        request: { params: Params, query: PeildatumQuery, headers: ReadHeaders },
        responses: { 200: jsonVersioned(Document, ELEMENT_NAMES[kind].one), 304: notModifiedResponse, ...problemResponses },
      }),
    );
    api.get(honoPath(one), async (c) => {
      const { planId, sleutel } = pathParams(c, Params);
      const plan = await readPlan(c, plans, planId);
      if (isNotModified(c, plan.version)) return notModified(plan.version);
      const document = findElementDocument(toContent(plan), kind, sleutel);
      if (!document) throw elementNotFound(kind, sleutel);
      setVersion(c, plan.version);
      return c.json(document, 200);
    });
  }

  const NewElement = newElementSchema(kind);
  api.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: list,
      tags,
      operationId: `post${names.one}`,
      security: writeSecurity,
      summary: `${whose[0]?.toUpperCase()}${whose.slice(1)} toevoegen`,
      description: `Zonder sleutel maakt Koers er een uit de naam, uniek in het plan. ${CHANGE_DESCRIPTION}`,
      request: {
        params: PlanIdParams,
        headers: ChangeHeaders,
        body: { required: true, content: { 'application/json': { schema: NewElement } } },
      },
      responses: { 201: jsonVersioned(Document, 'Het nieuwe onderdeel; Location wijst ernaar'), ...changeProblemResponses },
    }),
  );
  api.post(honoPath(list), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const version = await changeVersion(c, plans, planId);
    const input = parseInput(NewElement, await readJson(c.req.header('Content-Type'), () => c.req.text()), 'Het onderdeel is ongeldig');
    const result = await planEditing.addElement(c.var.actor, planId, kind, input as ElementDocument<typeof kind>, version);
    const key = result.changes.find((change) => change.kind === kind && change.change === 'added')?.key;
    const document = key === undefined ? undefined : findElementDocument(toContent(result.plan), kind, key);
    if (key === undefined || !document) throw new Error(`Het nieuwe onderdeel (${kind}) staat niet in het plan`);
    setVersion(c, result.version);
    c.header('Location', `/api/v1/plannen/${planId}/${segment}/${encodeURIComponent(key)}`);
    return c.json(document, 201);
  });

  api.openAPIRegistry.registerPath(
    createRoute({
      method: 'patch',
      path: one,
      tags,
      operationId: `patch${names.one}`,
      security: writeSecurity,
      summary: `${whose[0]?.toUpperCase()}${whose.slice(1)} wijzigen met een JSON merge patch`,
      description: `Een JSON merge patch (RFC 7396) van het elementdocument: weggelaten velden blijven zoals ze zijn, null maakt een veld leeg. Het resultaat moet een geldig elementdocument zijn; invalidParams noemt de velden binnen het onderdeel. De sleutel verandert niet.${
        kind === 'indicator' || kind === 'workstream'
          ? ' Een ander thema verplaatst het.'
          : kind === 'activity'
            ? ' Een ander onderdeel verplaatst de activiteit.'
            : ''
      } ${CHANGE_DESCRIPTION}`,
      request: {
        params: Params,
        headers: ChangeHeaders,
        body: {
          required: true,
          content: { [MERGE_PATCH_TYPE]: { schema: elementPatchSchema(kind) }, 'application/json': { schema: elementPatchSchema(kind) } },
        },
      },
      responses: { 200: jsonVersioned(Document, 'Het onderdeel na de wijziging'), ...changeProblemResponses },
    }),
  );
  api.patch(honoPath(one), async (c) => {
    const { planId, sleutel } = pathParams(c, Params);
    const version = await changeVersion(c, plans, planId);
    const patch = await readJson(c.req.header('Content-Type'), () => c.req.text(), MERGE_PATCH_TYPE);
    if (!isPlainObject(patch))
      throw new ValidationError('Een merge patch van een onderdeel is een JSON-object', [{ path: '$', message: 'moet een object zijn' }]);
    const working = await plans.getWorkingCopy(c.var.actor, planId);
    const current = findElementDocument(toContent(working), kind, sleutel);
    if (!current) throw elementNotFound(kind, sleutel);
    const document = parseInput(Document, applyMergePatch(current, patch, Document), 'Het onderdeel is na de wijziging ongeldig');
    const result = await planEditing.updateElement(c.var.actor, planId, kind, sleutel, document as ElementDocument<typeof kind>, version);
    const after = findElementDocument(toContent(result.plan), kind, sleutel);
    setVersion(c, result.version);
    return c.json(after, 200);
  });

  api.openAPIRegistry.registerPath(
    createRoute({
      method: 'delete',
      path: one,
      tags,
      operationId: `delete${names.one}`,
      security: writeSecurity,
      summary: `${whose[0]?.toUpperCase()}${whose.slice(1)} uit het plan halen`,
      description: `Het onderdeel (en wat erin staat) wordt beëindigd, niet gewist: metingen en voortgang blijven bewaard en de geschiedenis blijft leesbaar. Een onderdeel waarnaar nog iets verwijst wordt geweigerd (409, met elke verwijzing). ${CHANGE_DESCRIPTION}`,
      request: { params: Params, headers: ChangeHeaders },
      responses: { 204: noContentResponse, ...changeProblemResponses },
    }),
  );
  api.delete(honoPath(one), async (c) => {
    const { planId, sleutel } = pathParams(c, Params);
    const version = await changeVersion(c, plans, planId);
    const result = await planEditing.removeElement(c.var.actor, planId, kind, sleutel, version);
    setVersion(c, result.version);
    return c.body(null, 204);
  });

  const Order = orderSchema(kind);
  api.openAPIRegistry.registerPath(
    createRoute({
      method: 'put',
      path: `${list}/volgorde`,
      tags,
      operationId: `put${names.many}Volgorde`,
      security: writeSecurity,
      summary: `De volgorde van de ${lower(ELEMENT_NAMES[kind].many)}`,
      description: `De lijst${kind === 'activity' ? ' van één onderdeel' : kind === 'workstream' ? ' van één thema' : kind === 'indicator' ? ' van één thema, of de planbrede' : ''} in een nieuwe volgorde: elke sleutel precies één keer. ${CHANGE_DESCRIPTION}`,
      request: {
        params: PlanIdParams,
        headers: ChangeHeaders,
        body: { required: true, content: { 'application/json': { schema: Order } } },
      },
      responses: { 200: jsonVersioned(Order, 'De volgorde zoals die nu is'), ...changeProblemResponses },
    }),
  );
  api.put(honoPath(`${list}/volgorde`), async (c) => {
    const { planId } = pathParams(c, PlanIdParams);
    const version = await changeVersion(c, plans, planId);
    const input = parseInput(Order, await readJson(c.req.header('Content-Type'), () => c.req.text()), 'De volgorde is ongeldig') as {
      volgorde: (string | number)[];
      thema?: string | null;
      onderdeel?: string;
    };
    const parentKey =
      kind === 'activity' ? (input.onderdeel ?? null) : kind === 'workstream' || kind === 'indicator' ? (input.thema ?? null) : null;
    const result = await planEditing.reorder(c.var.actor, planId, kind, parentKey, input.volgorde.map(String), version);
    const order = listElements(toContent(result.plan))
      .filter((entry) => entry.kind === kind && entry.parentKey === parentKey)
      .map((entry) => entry.key);
    setVersion(c, result.version);
    const where =
      kind === 'activity' ? { onderdeel: parentKey } : kind === 'workstream' || kind === 'indicator' ? { thema: parentKey } : {};
    return c.json({ volgorde: order, ...where }, 200);
  });

  api.openAPIRegistry.registerPath(
    createRoute({
      method: 'get',
      path: `${one}/geschiedenis`,
      tags,
      operationId: `get${names.one}Geschiedenis`,
      security: readSecurity,
      summary: `De geschiedenis van ${whose}: zoals vastgesteld en na elke bijstelling die het veranderde`,
      request: { params: Params, headers: ReadHeaders },
      responses: { 200: jsonVersioned(elementHistorySchema(kind), 'De geschiedenis'), 304: notModifiedResponse, ...problemResponses },
    }),
  );
  api.get(honoPath(`${one}/geschiedenis`), async (c) => {
    const { planId, sleutel } = pathParams(c, Params);
    // The version first: a later change then makes the ETag older than the answer, never newer.
    const { version } = await plans.getPlan(c.var.actor, planId);
    if (isNotModified(c, version)) return notModified(version);
    const history = await planChanges.elementHistory(c.var.actor, planId, kind, sleutel);
    setVersion(c, version);
    return c.json(toHistoryResource(history), 200);
  });
}
