/**
 * The reports API under /api/v1: a plan's progress reports and their
 * versions, a version's texts, its files in every format, and making it
 * definitive as a background job (202 with the job, Location to follow it).
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { BodyLimit } from '../../http/body-limit.js';
import {
  createApi,
  jsonOk,
  loginSecurity,
  problemResponses,
  readSecurity,
  requireLogin,
  versionHeader,
  writeResponsesOf,
  writeSecurity,
} from '../../http/openapi.js';
import { nameOfLabel } from '../accounts/actor.js';
import { JobResource, toJobResource } from '../monitoring/monitoring.schema.js';
import { keySchema } from '../plans/plan-document.schema.js';
import { CONTENT_TYPES, REPORT_FORMATS } from './render/render-report.js';
import type { ReportFormat, ReportVersion } from './report.repository.js';
import type { ReportService } from './report.service.js';
import type { ReportJobs } from './report-jobs.js';
import { MAX_REPORT_TEXT } from './report-texts.js';

const tags = ['Rapportages'];

/** A version's texts may be long (every theme up to MAX_REPORT_TEXT characters): 2 MB for them, on the page and through the API. */
export const REPORT_BODY_LIMITS: BodyLimit[] = [
  {
    path: /^(\/api\/v1)?\/plannen\/[^/]+\/rapportages\/[^/]+\/versies\/[^/]+\/teksten$/,
    maxBytes: 2 * 1024 * 1024,
    tooLarge: 'De teksten zijn samen groter dan 2 MB',
  },
];
const uuid = z.uuid('moet een geldige id zijn');
const PlanParams = z.object({ planId: uuid.openapi({ param: { name: 'planId', in: 'path' } }) });
const VersionParams = PlanParams.extend({
  jaar: z.coerce
    .number()
    .int('moet een jaar zijn')
    .min(1900)
    .max(2200)
    .openapi({ param: { name: 'jaar', in: 'path' }, type: 'integer' }),
  versie: z.coerce
    .number()
    .int('moet een versienummer zijn')
    .min(1)
    .max(100_000)
    .openapi({ param: { name: 'versie', in: 'path' }, type: 'integer' }),
});
const JobParams = PlanParams.extend({ taakId: uuid.openapi({ param: { name: 'taakId', in: 'path' } }) });

const formats = z.enum(REPORT_FORMATS as [ReportFormat, ...ReportFormat[]]);

const VersionResource = z
  .object({
    jaar: z.number().int(),
    versie: z.number().int(),
    status: z.enum(['concept', 'definitief']),
    reden: z.string(),
    gemaaktDoor: z.string(),
    gemaaktOp: z.string(),
    tekstenBewerktOp: z.string().nullable(),
    definitiefDoor: z.string().nullable(),
    definitiefOp: z.string().nullable(),
    controlegetal: z.string().nullable().describe('SHA-256 over het vastgelegde model, de teksten en de bestanden'),
    bestanden: z.array(
      z.object({
        formaat: formats,
        href: z.string(),
        sha256: z.string().nullable().describe('bij een definitieve versie: van de bewaarde bytes'),
        grootte: z.number().int().nullable(),
      }),
    ),
  })
  .openapi('Rapportageversie');

const TextsResource = z
  .object({
    inleiding: z.string().max(MAX_REPORT_TEXT),
    themas: z.record(keySchema, z.string().max(MAX_REPORT_TEXT)).describe('per sleutel van een thema de toelichting'),
  })
  .strict()
  .openapi('Rapportageteksten');

const VersionDetail = VersionResource.extend({
  teksten: TextsResource,
  model: z
    .unknown()
    .describe('het rapportagemodel: samenvatting, thema’s met indicatoren en activiteiten, bijlagen, wat ontbreekt en alle gegevens'),
}).openapi('Rapportageversiedetail');

const CreateInput = z
  .object({
    jaar: z.number().int(),
    reden: z.string().max(2000).default('').describe('verplicht voor een nieuwe versie na een definitieve'),
  })
  .strict()
  .openapi('RapportageInvoer');

const writeResponses = writeResponsesOf('Er is al een concept, of de versie is al definitief');

const routes = {
  list: createRoute({
    method: 'get',
    path: '/plannen/{planId}/rapportages',
    tags,
    operationId: 'getRapportages',
    security: readSecurity,
    summary: 'De versies van de voortgangsrapportages van het plan; concepten alleen voor wie rapportages maakt',
    request: { params: PlanParams },
    responses: { 200: jsonOk(z.array(VersionResource).openapi('Rapportageversies'), 'De versies'), ...problemResponses },
  }),
  create: createRoute({
    method: 'post',
    path: '/plannen/{planId}/rapportages',
    tags,
    operationId: 'postRapportage',
    security: writeSecurity,
    summary: 'Een rapportage over een jaar beginnen, of een nieuwe versie na een definitieve (coördinator)',
    description: 'Maakt een concept met teksten die vooraf zijn ingevuld met een feitelijke samenvatting van de gegevens.',
    request: { params: PlanParams, body: { required: true, content: { 'application/json': { schema: CreateInput } } } },
    responses: { 201: jsonOk(VersionResource, 'Het concept'), ...writeResponses },
  }),
  get: createRoute({
    method: 'get',
    path: '/plannen/{planId}/rapportages/{jaar}/versies/{versie}',
    tags,
    operationId: 'getRapportageversie',
    security: readSecurity,
    summary: 'Een versie met teksten en model: een definitieve zoals vastgelegd, een concept uit de gegevens van nu',
    request: { params: VersionParams },
    responses: { 200: jsonOk(VersionDetail, 'De versie'), ...problemResponses },
  }),
  putTexts: createRoute({
    method: 'put',
    path: '/plannen/{planId}/rapportages/{jaar}/versies/{versie}/teksten',
    tags,
    operationId: 'putRapportageteksten',
    security: writeSecurity,
    summary: 'De teksten van een concept vervangen: de inleiding en de toelichting van de genoemde thema’s (coördinator)',
    request: { params: VersionParams, body: { required: true, content: { 'application/json': { schema: TextsResource } } } },
    responses: { 200: jsonOk(VersionResource, 'De versie'), ...writeResponses },
  }),
  file: createRoute({
    method: 'get',
    path: '/plannen/{planId}/rapportages/{jaar}/versies/{versie}/bestand',
    tags,
    operationId: 'getRapportagebestand',
    security: readSecurity,
    summary: 'De rapportage als bestand: PDF/A, DOCX, ODT of HTML, of de gegevens als CSV of JSON',
    description: 'Van een definitieve versie steeds dezelfde bytes; van een concept gemaakt uit de gegevens van nu.',
    request: {
      params: VersionParams,
      query: z.object({ formaat: formats.default('pdf').openapi({ param: { name: 'formaat', in: 'query' } }) }),
    },
    responses: {
      200: {
        description: 'Het bestand',
        headers: versionHeader,
        content: Object.fromEntries(
          REPORT_FORMATS.map((format) => [
            CONTENT_TYPES[format].split(';')[0] as string,
            { schema: z.string().openapi({ format: 'binary' }) },
          ]),
        ),
      },
      ...problemResponses,
    },
  }),
  finalise: createRoute({
    method: 'post',
    path: '/plannen/{planId}/rapportages/{jaar}/versies/{versie}/definitief',
    tags,
    operationId: 'postRapportageDefinitief',
    security: writeSecurity,
    summary: 'Een concept definitief maken, als taak op de achtergrond (coördinator)',
    description: 'Maakt alle formaten en legt model, teksten en bestanden vast met een controlegetal. Volg de taak via Location.',
    request: { params: VersionParams },
    responses: { 202: jsonOk(JobResource, 'De taak; Location wijst naar de status'), ...writeResponses },
  }),
  job: createRoute({
    method: 'get',
    path: '/plannen/{planId}/rapportages/taken/{taakId}',
    tags,
    operationId: 'getRapportagetaak',
    security: loginSecurity,
    summary: 'De voortgang en uitkomst van het definitief maken',
    request: { params: JobParams },
    responses: { 200: jsonOk(JobResource, 'De taak'), ...writeResponses },
  }),
};

function toVersionResource(version: ReportVersion) {
  const base = `/api/v1/plannen/${version.planId}/rapportages/${version.year}/versies/${version.number}/bestand?formaat=`;
  return {
    jaar: version.year,
    versie: version.number,
    status: version.status,
    reden: version.reason,
    gemaaktDoor: nameOfLabel(version.createdByLabel),
    gemaaktOp: version.createdAt,
    tekstenBewerktOp: version.textsEditedAt,
    definitiefDoor: version.finalisedByLabel ? nameOfLabel(version.finalisedByLabel) : null,
    definitiefOp: version.finalisedAt,
    controlegetal: version.checksum,
    bestanden: REPORT_FORMATS.map((format) => {
      const stored = version.files.find((file) => file.format === format);
      return { formaat: format, href: `${base}${format}`, sha256: stored?.sha256 ?? null, grootte: stored?.size ?? null };
    }),
  };
}

export function createReportApi(reports: ReportService, jobs: ReportJobs) {
  const api = createApi();
  api.openapi(routes.list, async (c) => {
    const view = await reports.overview(c.var.actor, c.req.valid('param').planId);
    return c.json(view.versions.map(toVersionResource), 200);
  });
  api.openapi(routes.create, async (c) => {
    requireLogin(c.var.actor, 'een rapportage te maken');
    const body = c.req.valid('json');
    const created = await reports.create(c.var.actor, c.req.valid('param').planId, body.jaar, body.reden);
    c.header('Location', `/api/v1/plannen/${created.planId}/rapportages/${created.year}/versies/${created.number}`);
    return c.json(toVersionResource(created), 201);
  });
  api.openapi(routes.get, async (c) => {
    const { planId, jaar, versie } = c.req.valid('param');
    const document = await reports.document(c.var.actor, planId, jaar, versie);
    return c.json(
      {
        ...toVersionResource(document.stored),
        teksten: { inleiding: document.texts.introduction, themas: document.texts.themes },
        model: document.model,
      },
      200,
    );
  });
  api.openapi(routes.putTexts, async (c) => {
    requireLogin(c.var.actor, 'de teksten van een rapportage te bewerken');
    const { planId, jaar, versie } = c.req.valid('param');
    const body = c.req.valid('json');
    const updated = await reports.editTexts(c.var.actor, planId, jaar, versie, { introduction: body.inleiding, themes: body.themas });
    return c.json(toVersionResource(updated), 200);
  });
  api.openapi(routes.file, async (c) => {
    const { planId, jaar, versie } = c.req.valid('param');
    const format = c.req.valid('query').formaat;
    const file = await reports.file(c.var.actor, planId, jaar, versie, format);
    c.header('Content-Type', CONTENT_TYPES[format]);
    c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
    c.header('Cache-Control', 'no-store');
    return c.body(new Uint8Array(file.body), 200) as never;
  });
  api.openapi(routes.finalise, async (c) => {
    requireLogin(c.var.actor, 'een rapportage definitief te maken');
    const { planId, jaar, versie } = c.req.valid('param');
    const { jobId } = await jobs.startFinalise(c.var.actor, planId, jaar, versie);
    c.header('Location', `/api/v1/plannen/${planId}/rapportages/taken/${jobId}`);
    return c.json(toJobResource(await jobs.job(c.var.actor, planId, jobId)), 202);
  });
  api.openapi(routes.job, async (c) => {
    requireLogin(c.var.actor, 'het definitief maken te volgen');
    const { planId, taakId } = c.req.valid('param');
    return c.json(toJobResource(await jobs.job(c.var.actor, planId, taakId)), 200);
  });
  return api;
}
