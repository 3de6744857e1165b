/** The monitoring API under /api/v1: measurements, status against target, refreshing open data, tactical figures, wijken and BBV. */
import { createRoute, z } from '@hono/zod-openapi';
import { ValidationError } from '../../domain/errors.js';
import { PeriodError, parsePeriod } from '../../domain/periods.js';
import type { BodyLimit } from '../../http/body-limit.js';
import { parseForm } from '../../http/form.js';
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
import { MEASUREMENT_FILE_LIMITS } from '../measurements/measurement-file.js';
import {
  AssessmentInput,
  AssessmentResource,
  BbvInput,
  BbvResource,
  DistrictQuery,
  DistrictResource,
  IndicatorParams,
  JobParams,
  JobResource,
  MeasurementInput,
  MeasurementsResource,
  MonitorResource,
  PlanParams,
  RecordCountsResource,
  TacticalQuery,
  TacticalResource,
  TemplateQuery,
  ThemeKeyParams,
  toAssessmentResource,
  toBbvResource,
  toDistrictResource,
  toFetchFailureResource,
  toIndicatorMonitorResource,
  toJobResource,
  toMeasurementResource,
  toTacticalResource,
} from './monitoring.schema.js';
import type { MonitoringService } from './monitoring.service.js';
import type { RefreshJobs } from './refresh-jobs.js';

const tags = ['Monitoring'];

/** A measurements file may be 5 MB, plus the multipart form around it; the app reads every body within its limit. */
export const MONITORING_API_BODY_LIMITS: BodyLimit[] = [
  {
    path: /^\/api\/v1\/plannen\/[^/]+\/metingen\/bestand$/,
    maxBytes: MEASUREMENT_FILE_LIMITS.maxBytes + 64 * 1024,
    tooLarge: `Het bestand is groter dan ${MEASUREMENT_FILE_LIMITS.maxBytes / 1024 / 1024} MB`,
  },
];
const writeResponses = writeResponsesOf();

const routes = {
  getMonitor: createRoute({
    method: 'get',
    path: '/plannen/{planId}/monitor',
    tags,
    operationId: 'getMonitor',
    security: readSecurity,
    summary: 'Elke indicator van het plan met zijn metingen, status ten opzichte van de streefwaarde en projectie',
    request: { params: PlanParams },
    responses: { 200: jsonOk(MonitorResource, 'De monitor'), ...problemResponses },
  }),
  listMeasurements: createRoute({
    method: 'get',
    path: '/plannen/{planId}/indicatoren/{indicatorSleutel}/metingen',
    tags,
    operationId: 'listMetingen',
    security: readSecurity,
    summary: 'De metingen van een indicator: de huidige en alle eerdere (geschiedenis)',
    request: { params: IndicatorParams },
    responses: { 200: jsonOk(MeasurementsResource, 'De metingen'), ...problemResponses },
  }),
  postMeasurement: createRoute({
    method: 'post',
    path: '/plannen/{planId}/indicatoren/{indicatorSleutel}/metingen',
    tags,
    operationId: 'postMeting',
    security: writeSecurity,
    summary: 'Een meting met de hand invoeren (coördinator of partner)',
    description: 'Een nieuwe waarde voor een periode vervangt de huidige; de oude blijft als geschiedenis bewaard.',
    request: { params: IndicatorParams, body: { required: true, content: { 'application/json': { schema: MeasurementInput } } } },
    responses: { 201: jsonOk(RecordCountsResource, 'Wat er is opgeslagen'), ...writeResponses },
  }),
  postMeasurementFile: createRoute({
    method: 'post',
    path: '/plannen/{planId}/metingen/bestand',
    tags,
    operationId: 'postMetingenBestand',
    security: writeSecurity,
    summary: 'Metingen inlezen uit een CSV- of XLSX-bestand (multipart/form-data, veld "bestand")',
    description: 'Een bestand met één foute rij wordt in zijn geheel geweigerd; invalidParams noemt elke rij, kolom en reden.',
    request: {
      params: PlanParams,
      body: {
        required: true,
        content: { 'multipart/form-data': { schema: z.object({ bestand: z.string().openapi({ type: 'string', format: 'binary' }) }) } },
      },
    },
    responses: {
      201: jsonOk(RecordCountsResource, 'Wat er is opgeslagen'),
      ...writeResponses,
      413: { description: 'Het bestand is te groot', content: problemResponses[400].content },
    },
  }),
  getTemplate: createRoute({
    method: 'get',
    path: '/plannen/{planId}/metingen/sjabloon',
    tags,
    operationId: 'getMetingenSjabloon',
    security: readSecurity,
    summary: 'Een invulbaar sjabloon voor metingen (CSV of XLSX)',
    request: { params: PlanParams, query: TemplateQuery },
    responses: {
      200: {
        description: 'Het sjabloon',
        headers: {
          'API-Version': { description: 'De volledige versie van de API', schema: { type: 'string' } },
          'Content-Disposition': { description: 'attachment met de bestandsnaam', schema: { type: 'string' } },
        },
        content: {
          'text/csv': { schema: z.string() },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...problemResponses,
    },
  }),
  postRefresh: createRoute({
    method: 'post',
    path: '/plannen/{planId}/vernieuwingen',
    tags,
    operationId: 'postVernieuwing',
    security: writeSecurity,
    summary: 'Alle gekoppelde open-datareeksen van het plan vernieuwen (coördinator); loopt als taak op de achtergrond',
    request: { params: PlanParams },
    responses: { 202: jsonOk(JobResource, 'De taak; Location wijst naar de status'), ...writeResponses },
  }),
  getRefresh: createRoute({
    method: 'get',
    path: '/plannen/{planId}/vernieuwingen/{taakId}',
    tags,
    operationId: 'getVernieuwing',
    security: loginSecurity,
    summary: 'De voortgang en uitkomst van een vernieuwing',
    request: { params: JobParams },
    responses: { 200: jsonOk(JobResource, 'De taak'), ...writeResponses },
  }),
  postRefreshCancel: createRoute({
    method: 'post',
    path: '/plannen/{planId}/vernieuwingen/{taakId}/annuleren',
    tags,
    operationId: 'postVernieuwingAnnuleren',
    security: writeSecurity,
    summary:
      'Een vernieuwing annuleren (coördinator): een wachtende meteen, een lopende bij de volgende pagina of stap; opgeslagen cijfers blijven zoals ze waren',
    request: { params: JobParams },
    responses: { 200: jsonOk(JobResource, 'De taak na het annuleren'), ...writeResponses },
  }),
  postAssessment: createRoute({
    method: 'post',
    path: '/plannen/{planId}/themas/{themaSleutel}/beoordelingen',
    tags,
    operationId: 'postBeoordeling',
    security: writeSecurity,
    summary: 'Een geschreven beoordeling van een kwalitatief thema voor een jaar, met een oordeel op de schaal van de indicatoren',
    request: { params: ThemeKeyParams, body: { required: true, content: { 'application/json': { schema: AssessmentInput } } } },
    responses: { 201: jsonOk(AssessmentResource, 'De beoordeling'), ...writeResponses },
  }),
  getTactical: createRoute({
    method: 'get',
    path: '/plannen/{planId}/tactisch',
    tags,
    operationId: 'getTactisch',
    security: readSecurity,
    summary: 'De maandcijfers van de politie over de laatste 24 maanden per soort misdrijf, met vorig jaar en de bandbreedte van drie jaar',
    request: { params: PlanParams, query: TacticalQuery },
    responses: { 200: jsonOk(TacticalResource, 'Het tactische beeld'), ...problemResponses },
  }),
  getDistricts: createRoute({
    method: 'get',
    path: '/plannen/{planId}/wijken',
    tags,
    operationId: 'getWijken',
    security: readSecurity,
    summary: 'Geregistreerde misdrijven of overlast per wijk van de gemeente in een jaar',
    request: { params: PlanParams, query: DistrictQuery },
    responses: { 200: jsonOk(DistrictResource, 'De cijfers per wijk'), ...problemResponses },
  }),
  getBbv: createRoute({
    method: 'get',
    path: '/plannen/{planId}/bbv',
    tags,
    operationId: 'getBbv',
    security: readSecurity,
    summary: 'De vijf verplichte BBV-indicatoren voor veiligheid per gemeente en jaar',
    request: { params: PlanParams },
    responses: { 200: jsonOk(BbvResource, 'De BBV-indicatoren'), ...problemResponses },
  }),
  postBbv: createRoute({
    method: 'post',
    path: '/plannen/{planId}/bbv/halt-verwijzingen',
    tags,
    operationId: 'postHaltVerwijzingen',
    security: writeSecurity,
    summary: 'Het aantal verwijzingen naar Halt van een gemeente in een jaar invoeren',
    request: { params: PlanParams, body: { required: true, content: { 'application/json': { schema: BbvInput } } } },
    responses: { 201: jsonOk(BbvResource, 'De BBV-indicatoren zoals ze nu zijn'), ...writeResponses },
  }),
};

export function createMonitoringApi(monitoring: MonitoringService, refresh: RefreshJobs) {
  const api = createApi();

  api.openapi(routes.getMonitor, async (c) => {
    const view = await monitoring.monitor(c.var.actor, c.req.valid('param').planId);
    return c.json(
      {
        indicatoren: view.indicators.map(toIndicatorMonitorResource),
        kwalitatieveThemas: view.qualitativeThemes.map((entry) => ({
          thema: entry.theme.key,
          naam: entry.theme.name,
          beoordelingen: entry.assessments.map(toAssessmentResource),
        })),
        ophaalfouten: view.failures.map(toFetchFailureResource),
      },
      200,
    );
  });

  api.openapi(routes.listMeasurements, async (c) => {
    const { planId, indicatorSleutel } = c.req.valid('param');
    const { monitor, history } = await monitoring.indicator(c.var.actor, planId, indicatorSleutel);
    return c.json({ indicator: toIndicatorMonitorResource(monitor), geschiedenis: history.map(toMeasurementResource) }, 200);
  });

  api.openapi(routes.postMeasurement, async (c) => {
    requireLogin(c.var.actor, 'een meting in te voeren');
    const { planId, indicatorSleutel } = c.req.valid('param');
    const body = c.req.valid('json');
    let period: ReturnType<typeof parsePeriod>;
    try {
      period = parsePeriod(body.periode);
    } catch (error) {
      if (error instanceof PeriodError) throw new ValidationError('De meting is ongeldig', [{ path: 'periode', message: error.message }]);
      throw error;
    }
    const counts = await monitoring.recordMeasurement(c.var.actor, planId, indicatorSleutel, {
      period,
      value: body.waarde,
      suppressed: body.afgeschermd,
      numerator: body.teller,
      denominator: body.noemer,
      note: body.toelichting,
    });
    return c.json({ nieuw: counts.added, vervangen: counts.replaced, ongewijzigd: counts.unchanged }, 201);
  });

  api.post('/plannen/:planId/metingen/bestand', async (c) => {
    requireLogin(c.var.actor, 'metingen in te lezen');
    await monitoring.assertMayEdit(c.var.actor, c.req.param('planId'));
    const file = await uploadedFile(c.req.raw);
    const counts = await monitoring.importMeasurementFile(c.var.actor, c.req.param('planId'), file);
    return c.json({ nieuw: counts.added, vervangen: counts.replaced, ongewijzigd: counts.unchanged }, 201);
  });
  api.openAPIRegistry.registerPath(routes.postMeasurementFile);

  api.openapi(routes.getTemplate, async (c) => {
    const template = await monitoring.measurementTemplate(c.var.actor, c.req.valid('param').planId, c.req.valid('query').formaat);
    c.header('Content-Disposition', `attachment; filename="${template.fileName}"`);
    const csv = typeof template.body === 'string';
    c.header('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    return c.body(csv ? (template.body as string) : new Uint8Array(template.body as Uint8Array), 200) as never;
  });

  api.openapi(routes.postRefresh, async (c) => {
    requireLogin(c.var.actor, 'de cijfers te vernieuwen');
    const planId = c.req.valid('param').planId;
    const { jobId } = await refresh.startRefresh(c.var.actor, planId);
    c.header('Location', `/api/v1/plannen/${planId}/vernieuwingen/${jobId}`);
    return c.json(toJobResource(await refresh.job(c.var.actor, planId, jobId)), 202);
  });

  api.openapi(routes.getRefresh, async (c) => {
    requireLogin(c.var.actor, 'een vernieuwing te volgen');
    const { planId, taakId } = c.req.valid('param');
    return c.json(toJobResource(await refresh.job(c.var.actor, planId, taakId)), 200);
  });

  api.openapi(routes.postRefreshCancel, async (c) => {
    requireLogin(c.var.actor, 'een vernieuwing te annuleren');
    const { planId, taakId } = c.req.valid('param');
    return c.json(toJobResource(await refresh.cancel(c.var.actor, planId, taakId)), 200);
  });

  api.openapi(routes.postAssessment, async (c) => {
    requireLogin(c.var.actor, 'een beoordeling te schrijven');
    const { planId, themaSleutel } = c.req.valid('param');
    const body = c.req.valid('json');
    const assessment = await monitoring.recordAssessment(c.var.actor, planId, themaSleutel, {
      year: body.jaar,
      judgement: body.oordeel,
      text: body.tekst,
    });
    return c.json(toAssessmentResource(assessment), 201);
  });

  api.openapi(routes.getTactical, async (c) => {
    const view = await monitoring.tactical(c.var.actor, c.req.valid('param').planId, {
      municipality: c.req.valid('query').gemeente,
      code: c.req.valid('query').soort,
    });
    return c.json(toTacticalResource(view), 200);
  });

  api.openapi(routes.getDistricts, async (c) => {
    const query = c.req.valid('query');
    const view = await monitoring.districts(c.var.actor, c.req.valid('param').planId, {
      municipality: query.gemeente,
      source: query.bron,
      code: query.code,
      year: query.jaar,
    });
    return c.json(toDistrictResource(view), 200);
  });

  api.openapi(routes.getBbv, async (c) => c.json(toBbvResource(await monitoring.bbv(c.var.actor, c.req.valid('param').planId)), 200));

  api.openapi(routes.postBbv, async (c) => {
    requireLogin(c.var.actor, 'BBV-cijfers in te voeren');
    const planId = c.req.valid('param').planId;
    const body = c.req.valid('json');
    await monitoring.recordBbvEntry(c.var.actor, planId, { municipality: body.gemeente, year: body.jaar, value: body.aantal });
    return c.json(toBbvResource(await monitoring.bbv(c.var.actor, planId)), 201);
  });

  return api;
}

/** The uploaded file of a multipart/form-data request (field "bestand"). */
export async function uploadedFile(request: Request): Promise<{ name: string; bytes: Uint8Array }> {
  const type = request.headers.get('content-type') ?? '';
  if (!/^multipart\/form-data/i.test(type)) {
    throw new ValidationError('Stuur het bestand als multipart/form-data', [
      { path: 'Content-Type', message: `"${type || '(leeg)'}" is geen multipart/form-data` },
    ]);
  }
  const file = (await parseForm(request)).bestand;
  if (!(file instanceof File) || file.size === 0) {
    throw new ValidationError('Er is geen bestand meegestuurd', [{ path: 'bestand', message: 'kies een CSV- of XLSX-bestand' }]);
  }
  return { name: file.name || 'bestand', bytes: new Uint8Array(await file.arrayBuffer()) };
}
