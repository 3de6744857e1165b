/** The notifications API under /api/v1: a person's own notifications, and marking them read. */
import { createRoute, z } from '@hono/zod-openapi';
import { createApi, jsonOk, loginSecurity, problemResponses, writeSecurity } from '../../http/openapi.js';
import type { Notification } from './notification.repository.js';
import type { NotificationService } from './notification.service.js';

const tags = ['Berichten'];

const KIND_NAMES = { round_opened: 'ronde-geopend', reminder: 'herinnering', sent_back: 'teruggestuurd', approved: 'goedgekeurd' } as const;
const EMAIL_NAMES = { none: 'geen', pending: 'wacht', sent: 'verstuurd', failed: 'mislukt' } as const;

const NotificationResource = z
  .object({
    id: z.string(),
    plan: z.string().nullable(),
    soort: z.enum(['ronde-geopend', 'herinnering', 'teruggestuurd', 'goedgekeurd']),
    onderwerp: z.string(),
    tekst: z.string(),
    link: z.string().describe('een pad binnen Koers'),
    gemaaktOp: z.string(),
    gelezenOp: z.string().nullable(),
    email: z.enum(['geen', 'wacht', 'verstuurd', 'mislukt']),
  })
  .openapi('Bericht');

const NotificationsResource = z.object({ ongelezen: z.number().int(), berichten: z.array(NotificationResource) }).openapi('Berichten');
const ReadResource = z
  .object({ gelezen: z.number().int().describe('hoeveel berichten nu als gelezen zijn gemarkeerd') })
  .openapi('BerichtenGelezen');
const NotificationParams = z.object({
  berichtId: z.uuid('moet een geldige id zijn').openapi({ param: { name: 'berichtId', in: 'path' } }),
});

const writeResponses = {
  400: problemResponses[400],
  401: { description: 'Niet ingelogd', content: problemResponses[400].content },
  404: problemResponses[404],
  500: problemResponses[500],
};

const routes = {
  list: createRoute({
    method: 'get',
    path: '/berichten',
    tags,
    operationId: 'listBerichten',
    security: loginSecurity,
    summary: 'Uw berichten, de nieuwste eerst (een ronde geopend, een herinnering, een melding teruggestuurd of goedgekeurd)',
    responses: { 200: jsonOk(NotificationsResource, 'De berichten'), ...problemResponses },
  }),
  readAll: createRoute({
    method: 'post',
    path: '/berichten/gelezen',
    tags,
    operationId: 'postBerichtenGelezen',
    security: writeSecurity,
    summary: 'Al uw berichten als gelezen markeren',
    responses: { 200: jsonOk(ReadResource, 'Hoeveel er gemarkeerd zijn'), ...writeResponses },
  }),
  readOne: createRoute({
    method: 'post',
    path: '/berichten/{berichtId}/gelezen',
    tags,
    operationId: 'postBerichtGelezen',
    security: writeSecurity,
    summary: 'Een bericht als gelezen markeren',
    request: { params: NotificationParams },
    responses: { 200: jsonOk(ReadResource, 'Hoeveel er gemarkeerd zijn'), ...writeResponses },
  }),
};

function toResource(notification: Notification) {
  return {
    id: notification.id,
    plan: notification.planId,
    soort: KIND_NAMES[notification.kind],
    onderwerp: notification.subject,
    tekst: notification.body,
    link: notification.link,
    gemaaktOp: notification.createdAt,
    gelezenOp: notification.readAt,
    email: EMAIL_NAMES[notification.emailStatus],
  };
}

export function createNotificationApi(service: NotificationService) {
  const api = createApi();
  api.openapi(routes.list, async (c) => {
    const notifications = await service.list(c.var.actor);
    return c.json(
      { ongelezen: notifications.filter((notification) => notification.readAt === null).length, berichten: notifications.map(toResource) },
      200,
    );
  });
  api.openapi(routes.readAll, async (c) => c.json({ gelezen: await service.markRead(c.var.actor, 'all') }, 200));
  api.openapi(routes.readOne, async (c) => c.json({ gelezen: await service.markRead(c.var.actor, c.req.valid('param').berichtId) }, 200));
  return api;
}
