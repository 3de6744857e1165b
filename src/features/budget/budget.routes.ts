/** The budget API under /api/v1: a plan's budget lines and its overview per year and theme; recording a line. */
import { createRoute, z } from '@hono/zod-openapi';
import { formatEuros } from '../../domain/money.js';
import type { BodyLimit } from '../../http/body-limit.js';
import {
  createApi,
  jsonOk,
  problemResponses,
  readSecurity,
  requireLogin,
  versionHeader,
  writeResponsesOf,
  writeSecurity,
} from '../../http/openapi.js';
import { uploadedFile } from '../monitoring/monitoring.routes.js';
import { keySchema } from '../plans/plan-document.schema.js';
import type { BudgetLine } from './budget.repository.js';
import type { BudgetService } from './budget.service.js';
import { BUDGET_FILE_LIMITS } from './budget-file.js';

const tags = ['Begroting'];
const KIND_NAMES = { planned: 'gepland', realised: 'gerealiseerd', requested: 'gevraagd' } as const;
const KIND_BY_NAME = { gepland: 'planned', gerealiseerd: 'realised', gevraagd: 'requested' } as const;
const SOURCES = ['programmabegroting', 'ivp-budget', 'extern', 'subsidie'] as const;

const PlanParams = z.object({ planId: z.uuid('moet een geldige id zijn').openapi({ param: { name: 'planId', in: 'path' } }) });

const cents = z.number().int('moet een heel aantal centen zijn').min(0).max(100_000_000_000);
const Amount = z
  .object({
    bedragInCenten: cents.describe('in hele centen: nooit een kommagetal'),
    bedrag: z.string().describe('in woorden, zoals € 12.500,00'),
  })
  .openapi('Bedrag');

const BudgetLineInput = z
  .object({
    thema: keySchema.optional().describe('de sleutel van het thema; of geef een activiteit'),
    activiteit: keySchema.optional().describe('de sleutel van de activiteit; of geef een thema'),
    jaar: z.number().int(),
    soort: z.enum(['gepland', 'gerealiseerd', 'gevraagd']).describe('gevraagd: extra geld gevraagd in een begrotingsronde'),
    bron: z.enum(SOURCES),
    bedragInCenten: cents.describe('in hele centen, zoals 1250000 voor € 12.500'),
    toelichting: z.string().max(2000).default('').describe('verplicht bij gevraagd: de onderbouwing'),
  })
  .strict()
  .openapi('BegrotingsregelInvoer');

const BudgetLineResource = z
  .object({
    id: z.string(),
    thema: z.string(),
    activiteit: z.string().nullable(),
    jaar: z.number().int(),
    soort: z.enum(['gepland', 'gerealiseerd', 'gevraagd']),
    bron: z.enum(SOURCES),
    bedragInCenten: cents,
    bedrag: z.string(),
    toelichting: z.string(),
    ingevoerdDoor: z.string(),
    ingevoerdOp: z.string(),
  })
  .openapi('Begrotingsregel');

const BudgetResource = z
  .object({
    regels: z.array(BudgetLineResource),
    perJaarEnThema: z.array(
      z.object({ jaar: z.number().int(), thema: z.string(), gepland: Amount, gerealiseerd: Amount, gevraagd: Amount }),
    ),
    perJaar: z.array(z.object({ jaar: z.number().int(), gepland: Amount, gerealiseerd: Amount, gevraagd: Amount })),
  })
  .openapi('Begroting');

const writeResponses = writeResponsesOf();

/** A budget file may be 5 MB, plus the multipart form around it. */
export const BUDGET_BODY_LIMITS: BodyLimit[] = [
  {
    path: /^(\/api\/v1)?\/plannen\/[^/]+\/begroting\/bestand$/,
    maxBytes: BUDGET_FILE_LIMITS.maxBytes + 64 * 1024,
    tooLarge: `Het bestand is groter dan ${BUDGET_FILE_LIMITS.maxBytes / 1024 / 1024} MB`,
  },
];

const routes = {
  getFile: createRoute({
    method: 'get',
    path: '/plannen/{planId}/begroting/bestand',
    tags,
    operationId: 'getBegrotingBestand',
    security: readSecurity,
    summary: 'De begrotingsregels als in te vullen bestand (CSV of XLSX), per thema of activiteit op sleutel',
    request: {
      params: PlanParams,
      query: z.object({
        formaat: z
          .enum(['csv', 'xlsx'])
          .default('csv')
          .openapi({ param: { name: 'formaat', in: 'query' } }),
      }),
    },
    responses: {
      200: {
        description: 'Het bestand',
        headers: versionHeader,
        content: {
          'text/csv': { schema: z.string() },
          'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': { schema: z.string().openapi({ format: 'binary' }) },
        },
      },
      ...problemResponses,
    },
  }),
  postFile: createRoute({
    method: 'post',
    path: '/plannen/{planId}/begroting/bestand',
    tags,
    operationId: 'postBegrotingBestand',
    security: writeSecurity,
    summary: 'Een ingevuld begrotingsbestand inlezen (multipart/form-data, veld "bestand"; coördinator)',
    description: 'Een bestand met één foute rij wordt in zijn geheel geweigerd; invalidParams noemt elke rij, kolom en reden.',
    request: {
      params: PlanParams,
      body: {
        required: true,
        content: { 'multipart/form-data': { schema: z.object({ bestand: z.string().openapi({ type: 'string', format: 'binary' }) }) } },
      },
    },
    responses: {
      201: jsonOk(
        z.object({ vastgelegd: z.number().int(), ongewijzigd: z.number().int() }).openapi('BegrotingIngelezen'),
        'Wat er is vastgelegd',
      ),
      ...writeResponses,
      413: { description: 'Het bestand is te groot', content: problemResponses[400].content },
    },
  }),
  get: createRoute({
    method: 'get',
    path: '/plannen/{planId}/begroting',
    tags,
    operationId: 'getBegroting',
    security: readSecurity,
    summary: 'De begroting van het plan: de huidige regels, en gepland, gerealiseerd en extra gevraagd per jaar en thema',
    request: { params: PlanParams },
    responses: { 200: jsonOk(BudgetResource, 'De begroting'), ...problemResponses },
  }),
  post: createRoute({
    method: 'post',
    path: '/plannen/{planId}/begrotingsregels',
    tags,
    operationId: 'postBegrotingsregel',
    security: writeSecurity,
    summary: 'Een bedrag vastleggen voor een thema of activiteit, jaar, soort en bron (coördinator)',
    description:
      'Een nieuw bedrag voor hetzelfde thema of dezelfde activiteit, jaar, soort en bron vervangt het huidige; het oude blijft bewaard.',
    request: { params: PlanParams, body: { required: true, content: { 'application/json': { schema: BudgetLineInput } } } },
    responses: { 201: jsonOk(BudgetLineResource, 'De regel'), ...writeResponses },
  }),
};

const amount = (value: number) => ({ bedragInCenten: value, bedrag: formatEuros(value) });

function toLineResource(line: BudgetLine & { theme: { key: string }; activity: { key: string } | null }) {
  return {
    id: line.id,
    thema: line.theme.key,
    activiteit: line.activity?.key ?? null,
    jaar: line.year,
    soort: KIND_NAMES[line.kind],
    bron: line.source,
    bedragInCenten: line.amountCents,
    bedrag: formatEuros(line.amountCents),
    toelichting: line.note,
    ingevoerdDoor: line.enteredByLabel,
    ingevoerdOp: line.enteredAt,
  };
}

export function createBudgetApi(budget: BudgetService) {
  const api = createApi();
  api.openapi(routes.getFile, async (c) => {
    const file = await budget.exportFile(c.var.actor, c.req.valid('param').planId, c.req.valid('query').formaat);
    const csv = typeof file.body === 'string';
    c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
    c.header('Content-Type', csv ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    c.header('Cache-Control', 'no-store');
    return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200) as never;
  });

  api.post('/plannen/:planId/begroting/bestand', async (c) => {
    requireLogin(c.var.actor, 'een begrotingsbestand in te lezen');
    await budget.assertMayEdit(c.var.actor, c.req.param('planId'));
    const file = await uploadedFile(c.req.raw);
    const result = await budget.importFile(c.var.actor, c.req.param('planId'), file);
    return c.json({ vastgelegd: result.recorded, ongewijzigd: result.unchanged }, 201);
  });
  api.openAPIRegistry.registerPath(routes.postFile);

  api.openapi(routes.get, async (c) => {
    const view = await budget.overview(c.var.actor, c.req.valid('param').planId);
    return c.json(
      {
        regels: view.lines.map(toLineResource),
        perJaarEnThema: view.cells.map((cell) => ({
          jaar: cell.year,
          thema: cell.theme.key,
          gepland: amount(cell.planned),
          gerealiseerd: amount(cell.realised),
          gevraagd: amount(cell.requested),
        })),
        perJaar: view.totals.map((total) => ({
          jaar: total.year,
          gepland: amount(total.planned),
          gerealiseerd: amount(total.realised),
          gevraagd: amount(total.requested),
        })),
      },
      200,
    );
  });
  api.openapi(routes.post, async (c) => {
    requireLogin(c.var.actor, 'de begroting bij te houden');
    const planId = c.req.valid('param').planId;
    const body = c.req.valid('json');
    const line = await budget.record(c.var.actor, planId, {
      themeKey: body.thema ?? null,
      activityKey: body.activiteit ?? null,
      year: body.jaar,
      kind: KIND_BY_NAME[body.soort],
      source: body.bron,
      amountCents: body.bedragInCenten,
      note: body.toelichting,
    });
    const view = await budget.overview(c.var.actor, planId);
    const shown = view.lines.find((candidate) => candidate.id === line.id);
    if (!shown) throw new Error('the line just recorded is not in the plan');
    return c.json(toLineResource(shown), 201);
  });
  return api;
}
