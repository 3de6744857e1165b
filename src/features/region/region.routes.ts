/**
 * The regional view under /api/v1, readable by anyone: the regions
 * (`/regios`), the view of one (`/regios/{soort}/{sleutel}`) and of
 * municipalities picked by hand (`/regios/eigen?gemeenten=`), the same
 * view as the pages, with only the plans the caller may read.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { createApi, jsonOk, problemResponses, readSecurity } from '../../http/openapi.js';
import { toRegionSummary, toRegionViewResource } from './region.presenters.js';
import { PickedQuery, RegionParams, RegionSummaryResource, RegionViewResource } from './region.schema.js';
import type { RegionService } from './region.service.js';

const tags = ['Regio’s'];

const routes = {
  list: createRoute({
    method: 'get',
    path: '/regios',
    tags,
    operationId: 'getRegios',
    security: readSecurity,
    summary: 'De veiligheidsregio’s, politie-eenheden en de bekende politiedistricten, elk met zijn gemeenten',
    responses: { 200: jsonOk(z.array(RegionSummaryResource).openapi('Regios'), 'De regio’s'), ...problemResponses },
  }),
  picked: createRoute({
    method: 'get',
    path: '/regios/eigen',
    tags,
    operationId: 'getRegiobeeldEigenKeuze',
    security: readSecurity,
    summary: 'Het regionale beeld van zelf gekozen gemeenten',
    request: { query: PickedQuery },
    responses: { 200: jsonOk(RegionViewResource, 'Het regionale beeld'), ...problemResponses },
  }),
  get: createRoute({
    method: 'get',
    path: '/regios/{soort}/{sleutel}',
    tags,
    operationId: 'getRegiobeeld',
    security: readSecurity,
    summary:
      'Het regionale beeld: per gemeente het nieuwste plan dat u mag lezen, gedeelde prioriteiten, indicatoren per status en cijfers',
    request: { params: RegionParams },
    responses: { 200: jsonOk(RegionViewResource, 'Het regionale beeld'), ...problemResponses },
  }),
};

export function createRegionApi(service: RegionService) {
  const api = createApi();
  api.openapi(routes.list, (c) => {
    const catalogue = service.catalogue();
    return c.json([...catalogue.safetyRegions, ...catalogue.policeUnits, ...catalogue.districts].map(toRegionSummary), 200);
  });
  api.openapi(routes.picked, async (c) => {
    const view = await service.view(c.var.actor, service.pick(c.req.valid('query').gemeenten));
    c.header('Cache-Control', 'no-store');
    return c.json(toRegionViewResource(view), 200);
  });
  api.openapi(routes.get, async (c) => {
    const { soort, sleutel } = c.req.valid('param');
    const view = await service.view(c.var.actor, service.choose(soort, sleutel));
    c.header('Cache-Control', 'no-store');
    return c.json(toRegionViewResource(view), 200);
  });
  return api;
}
