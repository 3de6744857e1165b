/**
 * The progress API under /api/v1: reporting periods and frequency, rounds,
 * progress entries per activity and period, the lead's review, the plan's own
 * statuses, the assessment of a theme judged by its activities, and "Mijn
 * acties".
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
import { uploadedFile } from '../monitoring/monitoring.routes.js';
import { AssessmentResource, toAssessmentResource } from '../monitoring/monitoring.schema.js';
import {
  EntryHistoryResource,
  EntryInput,
  EntryParams,
  EntryResource,
  FREQUENCY_NAMES,
  FrequencyInput,
  MyRoundsResource,
  OverviewQuery,
  OverviewResource,
  PeriodsResource,
  PlanParams,
  ReminderInput,
  ReminderResource,
  ReviewInput,
  ReviewResource,
  RoundInput,
  RoundParams,
  RoundResource,
  RoundsResource,
  StatusesResource,
  StatusInput,
  ThemeJudgementInput,
  ThemeParams,
  toActivityProgressResource,
  toEntryResource,
  toOverviewResource,
  toPeriodResource,
  toReviewResource,
  toRoundResource,
  toStatusResource,
} from './progress.schema.js';
import type { ProgressService } from './progress.service.js';
import { PROGRESS_FILE_LIMITS } from './progress-file.js';
import type { ReportingRoundService } from './reporting-rounds.service.js';

const tags = ['Voortgang'];

const writeResponses = writeResponsesOf('Kan niet in de huidige stand (ronde gesloten, nog geen ronde, intussen gewijzigd)');

/** A progress file may be 5 MB, plus the multipart form around it; the app reads every body within its limit. */
export const PROGRESS_BODY_LIMITS: BodyLimit[] = [
  {
    path: /^(\/api\/v1)?\/plannen\/[^/]+\/voortgang\/[^/]+\/bestand$/,
    maxBytes: PROGRESS_FILE_LIMITS.maxBytes + 64 * 1024,
    tooLarge: `Het bestand is groter dan ${PROGRESS_FILE_LIMITS.maxBytes / 1024 / 1024} MB`,
  },
];

const FileQuery = z.object({
  formaat: z
    .enum(['csv', 'xlsx'])
    .default('csv')
    .openapi({ param: { name: 'formaat', in: 'query' } }),
  alleen: z
    .enum(['mijn'])
    .optional()
    .openapi({ param: { name: 'alleen', in: 'query' }, description: 'mijn: alleen de activiteiten waarvan u de voortgang meldt' }),
});

const ImportedResource = z
  .object({
    gemeld: z.number().int().describe('hoeveel activiteiten een nieuwe melding kregen'),
    ongewijzigd: z.number().int().describe('hoeveel rijen zeiden wat de huidige melding al zegt'),
  })
  .openapi('VoortgangIngelezen');

const routes = {
  getFile: createRoute({
    method: 'get',
    path: '/plannen/{planId}/voortgang/{periode}/bestand',
    tags,
    operationId: 'getVoortgangBestand',
    security: readSecurity,
    summary: 'De voortgang van een periode als in te vullen bestand (CSV of XLSX), per activiteit op sleutel',
    request: { params: RoundParams, query: FileQuery },
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
    path: '/plannen/{planId}/voortgang/{periode}/bestand',
    tags,
    operationId: 'postVoortgangBestand',
    security: writeSecurity,
    summary: 'Een ingevuld voortgangsbestand inlezen (multipart/form-data, veld "bestand"); per activiteit een melding',
    description:
      'Een bestand met één foute rij, of een rij over een activiteit waarvan u de voortgang niet mag melden, wordt in zijn geheel geweigerd; invalidParams noemt elke rij, kolom en reden. Rijen zonder status en rijen die niets veranderen, worden overgeslagen.',
    request: {
      params: RoundParams,
      body: {
        required: true,
        content: { 'multipart/form-data': { schema: z.object({ bestand: z.string().openapi({ type: 'string', format: 'binary' }) }) } },
      },
    },
    responses: {
      201: jsonOk(ImportedResource, 'Wat er is gemeld'),
      ...writeResponses,
      413: { description: 'Het bestand is te groot', content: problemResponses[400].content },
    },
  }),
  getOverview: createRoute({
    method: 'get',
    path: '/plannen/{planId}/voortgang',
    tags,
    operationId: 'getVoortgang',
    security: readSecurity,
    summary:
      'De voortgang van het uitvoeringsplan in een periode: per activiteit de melding en beoordeling, opgeteld per werkspoor, thema en plan',
    description: 'Naast elke optelling staat de regel waarmee is opgeteld (veld regel).',
    request: { params: PlanParams, query: OverviewQuery },
    responses: { 200: jsonOk(OverviewResource, 'De voortgang'), ...problemResponses },
  }),
  getPeriods: createRoute({
    method: 'get',
    path: '/plannen/{planId}/perioden',
    tags,
    operationId: 'getPerioden',
    security: readSecurity,
    summary: 'De rapportageperioden van het plan en hoe vaak het rapporteert',
    request: { params: PlanParams },
    responses: { 200: jsonOk(PeriodsResource, 'De perioden'), ...problemResponses },
  }),
  putPeriods: createRoute({
    method: 'put',
    path: '/plannen/{planId}/perioden',
    tags,
    operationId: 'putPerioden',
    security: writeSecurity,
    summary: 'Instellen hoe vaak het plan rapporteert: per jaar, halfjaar of kwartaal (coördinator; alleen zolang er niets is gemeld)',
    request: { params: PlanParams, body: { required: true, content: { 'application/json': { schema: FrequencyInput } } } },
    responses: { 200: jsonOk(PeriodsResource, 'De perioden'), ...writeResponses },
  }),
  listRounds: createRoute({
    method: 'get',
    path: '/plannen/{planId}/rondes',
    tags,
    operationId: 'listRondes',
    security: readSecurity,
    summary: 'De rapportagerondes van het plan',
    request: { params: PlanParams },
    responses: { 200: jsonOk(RoundsResource, 'De rondes'), ...problemResponses },
  }),
  postRound: createRoute({
    method: 'post',
    path: '/plannen/{planId}/rondes',
    tags,
    operationId: 'postRonde',
    security: writeSecurity,
    summary: 'Een rapportageronde openen voor een periode, met een deadline (coördinator)',
    request: { params: PlanParams, body: { required: true, content: { 'application/json': { schema: RoundInput } } } },
    responses: { 201: jsonOk(RoundResource, 'De geopende ronde'), ...writeResponses },
  }),
  postRoundClose: createRoute({
    method: 'post',
    path: '/plannen/{planId}/rondes/{periode}/sluiten',
    tags,
    operationId: 'postRondeSluiten',
    security: writeSecurity,
    summary: 'Een rapportageronde sluiten (coördinator): daarna ligt de voortgang van de periode vast',
    request: { params: RoundParams },
    responses: { 200: jsonOk(RoundResource, 'De gesloten ronde'), ...writeResponses },
  }),
  postReminder: createRoute({
    method: 'post',
    path: '/plannen/{planId}/rondes/{periode}/herinneringen',
    tags,
    operationId: 'postHerinnering',
    security: writeSecurity,
    summary: 'Een partner of trekker herinneren aan de activiteiten waarvoor in de open ronde nog niets is gemeld (coördinator)',
    description: 'De gekoppelde personen krijgen een bericht in Koers, en een e-mail als SMTP is ingesteld.',
    request: { params: RoundParams, body: { required: true, content: { 'application/json': { schema: ReminderInput } } } },
    responses: { 201: jsonOk(ReminderResource, 'Wie is herinnerd'), ...writeResponses },
  }),
  getEntries: createRoute({
    method: 'get',
    path: '/plannen/{planId}/activiteiten/{activiteitSleutel}/voortgang/{periode}',
    tags,
    operationId: 'getVoortgangsmeldingen',
    security: readSecurity,
    summary: 'Elke melding van een activiteit in een periode, de huidige als laatste',
    request: { params: EntryParams },
    responses: { 200: jsonOk(EntryHistoryResource, 'De meldingen'), ...problemResponses },
  }),
  postEntry: createRoute({
    method: 'post',
    path: '/plannen/{planId}/activiteiten/{activiteitSleutel}/voortgang/{periode}',
    tags,
    operationId: 'postVoortgangsmelding',
    security: writeSecurity,
    summary: 'De voortgang van een activiteit melden (coördinator, trekker of partner van de activiteit)',
    description:
      'Een nieuwe melding vervangt de huidige; de oude blijft als geschiedenis bewaard. Een partner of trekker meldt in een open ronde.',
    request: { params: EntryParams, body: { required: true, content: { 'application/json': { schema: EntryInput } } } },
    responses: { 201: jsonOk(EntryResource, 'De melding'), ...writeResponses },
  }),
  postReview: createRoute({
    method: 'post',
    path: '/plannen/{planId}/activiteiten/{activiteitSleutel}/voortgang/{periode}/beoordelingen',
    tags,
    operationId: 'postVoortgangBeoordeling',
    security: writeSecurity,
    summary: 'De huidige melding goedkeuren of terugsturen met een opmerking (de portefeuillehouder die de activiteit trekt)',
    request: { params: EntryParams, body: { required: true, content: { 'application/json': { schema: ReviewInput } } } },
    responses: { 201: jsonOk(ReviewResource, 'De beoordeling'), ...writeResponses },
  }),
  listStatuses: createRoute({
    method: 'get',
    path: '/plannen/{planId}/voortgangsstatussen',
    tags,
    operationId: 'listVoortgangsstatussen',
    security: readSecurity,
    summary: 'De voortgangsstatussen van het plan: de vaste en de eigen',
    request: { params: PlanParams },
    responses: { 200: jsonOk(StatusesResource, 'De statussen'), ...problemResponses },
  }),
  postStatus: createRoute({
    method: 'post',
    path: '/plannen/{planId}/voortgangsstatussen',
    tags,
    operationId: 'postVoortgangsstatus',
    security: writeSecurity,
    summary: 'Een eigen voortgangsstatus toevoegen, met de betekenis van een vaste (coördinator)',
    request: { params: PlanParams, body: { required: true, content: { 'application/json': { schema: StatusInput } } } },
    responses: { 201: jsonOk(StatusesResource, 'De statussen'), ...writeResponses },
  }),
  postThemeJudgement: createRoute({
    method: 'post',
    path: '/plannen/{planId}/themas/{themaSleutel}/voortgangsoordelen',
    tags,
    operationId: 'postThemaVoortgangsoordeel',
    security: writeSecurity,
    summary:
      'Het oordeel over een thema dat met zijn activiteiten wordt gevolgd: het voorstel bevestigen, of afwijken met een reden (coördinator)',
    request: { params: ThemeParams, body: { required: true, content: { 'application/json': { schema: ThemeJudgementInput } } } },
    responses: { 201: jsonOk(AssessmentResource, 'De beoordeling'), ...writeResponses },
  }),
  getMyActions: createRoute({
    method: 'get',
    path: '/mijn-acties',
    tags,
    operationId: 'getMijnActies',
    security: loginSecurity,
    summary: 'De open rondes met de activiteiten waarvan u de voortgang meldt of goedkeurt, en hoe elk ervoor staat',
    responses: { 200: jsonOk(MyRoundsResource, 'Mijn acties'), ...problemResponses },
  }),
};

export function createProgressApi(progress: ProgressService, rounds: ReportingRoundService) {
  const api = createApi();

  api.openapi(routes.getFile, async (c) => {
    const { planId, periode } = c.req.valid('param');
    const { formaat, alleen } = c.req.valid('query');
    const file = await progress.exportFile(c.var.actor, planId, periode, formaat, alleen === 'mijn');
    c.header('Content-Disposition', `attachment; filename="${file.fileName}"`);
    c.header(
      'Content-Type',
      formaat === 'csv' ? 'text/csv; charset=utf-8' : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    c.header('Cache-Control', 'no-store');
    return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200) as never;
  });

  api.post('/plannen/:planId/voortgang/:periode/bestand', async (c) => {
    requireLogin(c.var.actor, 'een voortgangsbestand in te lezen');
    await progress.assertMayReportOnSome(c.var.actor, c.req.param('planId'));
    const file = await uploadedFile(c.req.raw);
    const result = await progress.importFile(c.var.actor, c.req.param('planId'), c.req.param('periode'), file);
    return c.json({ gemeld: result.reported, ongewijzigd: result.unchanged }, 201);
  });
  api.openAPIRegistry.registerPath(routes.postFile);

  api.openapi(routes.getOverview, async (c) => {
    const { periode, peildatum } = c.req.valid('query');
    return c.json(
      toOverviewResource(await progress.overview(c.var.actor, c.req.valid('param').planId, { period: periode, asOf: peildatum })),
      200,
    );
  });

  api.openapi(routes.getPeriods, async (c) => {
    const view = await progress.overview(c.var.actor, c.req.valid('param').planId);
    return c.json({ frequentie: FREQUENCY_NAMES[view.frequency], perioden: view.periods.map(toPeriodResource) }, 200);
  });

  api.openapi(routes.putPeriods, async (c) => {
    requireLogin(c.var.actor, 'de rapportagefrequentie in te stellen');
    const planId = c.req.valid('param').planId;
    await rounds.setFrequency(c.var.actor, planId, c.req.valid('json').frequentie);
    const view = await progress.overview(c.var.actor, planId);
    return c.json({ frequentie: FREQUENCY_NAMES[view.frequency], perioden: view.periods.map(toPeriodResource) }, 200);
  });

  api.openapi(routes.listRounds, async (c) => {
    const { rounds } = await progress.rounds(c.var.actor, c.req.valid('param').planId);
    return c.json({ rondes: rounds.map(toRoundResource) }, 200);
  });

  api.openapi(routes.postRound, async (c) => {
    requireLogin(c.var.actor, 'een rapportageronde te openen');
    const planId = c.req.valid('param').planId;
    const body = c.req.valid('json');
    const round = await rounds.openRound(c.var.actor, planId, body.periode, body.deadline);
    c.header('Location', `/api/v1/plannen/${planId}/voortgang?periode=${round.periodKey}`);
    return c.json(toRoundResource(round), 201);
  });

  api.openapi(routes.postRoundClose, async (c) => {
    requireLogin(c.var.actor, 'een rapportageronde te sluiten');
    const { planId, periode } = c.req.valid('param');
    return c.json(toRoundResource(await rounds.closeRound(c.var.actor, planId, periode)), 200);
  });

  api.openapi(routes.postReminder, async (c) => {
    requireLogin(c.var.actor, 'een herinnering te sturen');
    const { planId, periode } = c.req.valid('param');
    const body = c.req.valid('json');
    const { reminded, due } = await rounds.remind(c.var.actor, planId, periode, {
      partnerKey: body.partner,
      portfolioHolderKey: body.trekker,
    });
    return c.json({ herinnerd: reminded, openstaand: due }, 201);
  });

  api.openapi(routes.getEntries, async (c) => {
    const { planId, activiteitSleutel, periode } = c.req.valid('param');
    const { activity, entries } = await progress.history(c.var.actor, planId, activiteitSleutel, periode);
    return c.json({ meldingen: entries.map((entry) => toEntryResource(entry, activity.key)) }, 200);
  });

  api.openapi(routes.postEntry, async (c) => {
    requireLogin(c.var.actor, 'voortgang te melden');
    const { planId, activiteitSleutel, periode } = c.req.valid('param');
    const body = c.req.valid('json');
    const entry = await progress.record(
      c.var.actor,
      planId,
      activiteitSleutel,
      periode,
      { status: body.status, note: body.toelichting, asOf: body.peildatum, realised: body.gerealiseerd, occurrences: body.keren },
      'api',
    );
    return c.json(toEntryResource(entry, activiteitSleutel), 201);
  });

  api.openapi(routes.postReview, async (c) => {
    requireLogin(c.var.actor, 'voortgang te beoordelen');
    const { planId, activiteitSleutel, periode } = c.req.valid('param');
    const body = c.req.valid('json');
    const review = await progress.review(c.var.actor, planId, activiteitSleutel, periode, {
      decision: body.besluit,
      remark: body.opmerking,
      entryId: body.melding,
    });
    return c.json(toReviewResource(review, activiteitSleutel, periode), 201);
  });

  api.openapi(routes.listStatuses, async (c) => {
    const view = await progress.overview(c.var.actor, c.req.valid('param').planId);
    return c.json({ statussen: view.statuses.map(toStatusResource) }, 200);
  });

  api.openapi(routes.postStatus, async (c) => {
    requireLogin(c.var.actor, 'een voortgangsstatus toe te voegen');
    const planId = c.req.valid('param').planId;
    const body = c.req.valid('json');
    await rounds.addStatus(c.var.actor, planId, { key: body.sleutel, label: body.naam, meaning: body.betekenis });
    const view = await progress.overview(c.var.actor, planId);
    return c.json({ statussen: view.statuses.map(toStatusResource) }, 201);
  });

  api.openapi(routes.postThemeJudgement, async (c) => {
    requireLogin(c.var.actor, 'een thema te beoordelen');
    const { planId, themaSleutel } = c.req.valid('param');
    const body = c.req.valid('json');
    const assessment = await rounds.assessTheme(c.var.actor, planId, themaSleutel, body.periode, {
      judgement: body.oordeel,
      reason: body.toelichting,
    });
    return c.json(toAssessmentResource(assessment), 201);
  });

  api.openapi(routes.getMyActions, async (c) => {
    requireLogin(c.var.actor, 'uw acties te zien');
    const rounds = await progress.myRounds(c.var.actor);
    return c.json(
      {
        rondes: rounds.map((round) => ({
          plan: round.plan.id,
          titel: round.plan.title,
          ronde: toRoundResource(round.round),
          activiteiten: round.activities.map((activity) => ({
            ...toActivityProgressResource(activity.row, round.period.key),
            meldAls: activity.reporter ? (activity.reporter.as === 'lead' ? ('trekker' as const) : ('partner' as const)) : null,
            keurtGoed: activity.approves,
          })),
        })),
      },
      200,
    );
  });

  return api;
}
