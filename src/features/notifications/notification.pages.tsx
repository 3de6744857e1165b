/**
 * `/berichten`: a logged-in person's notifications, newest first, unread ones
 * marked, each with its link; marking one or all read. Mount with
 * `app.route('/', createNotificationPages(service))`.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../../http/app-env.js';
import { csrfTokenFor } from '../../http/csrf.js';
import { Heading, Link, Paragraph } from '../../web/components.js';
import { formatDateTime } from '../../web/format.js';
import { Layout, renderDocument } from '../../web/layout.js';
import { type Locale, type Messages, messagesFor } from '../../web/messages.js';
import { CsrfField, Notice, SubmitButton } from '../monitoring/pages/monitor-parts.js';
import type { Notification } from './notification.repository.js';
import type { NotificationService } from './notification.service.js';

function NotificationsPage({
  m,
  notifications,
  csrf,
  notice,
}: {
  m: Messages;
  notifications: Notification[];
  csrf: string;
  notice?: string;
}) {
  const t = m.notifications;
  const unread = notifications.filter((notification) => notification.readAt === null).length;
  return (
    <Layout m={m} title={t.title} crumbs={[{ label: m.common.plans, href: '/' }, { label: t.title }]}>
      <Heading level={1}>{t.title}</Heading>
      {notice && <Notice>{notice}</Notice>}
      <Paragraph lead>{t.intro(unread)}</Paragraph>
      {unread > 0 && (
        <form method="post" action="/berichten/gelezen">
          <CsrfField token={csrf} />
          <SubmitButton secondary>{t.markAllRead}</SubmitButton>
        </form>
      )}
      {notifications.length === 0 ? (
        <Paragraph>{t.none}</Paragraph>
      ) : (
        <ol class="koers-notifications">
          {notifications.map((notification) => (
            <li class={notification.readAt === null ? 'koers-notification koers-notification--unread' : 'koers-notification'}>
              <Heading level={2}>{`${notification.readAt === null ? `${t.newMark} ` : ''}${notification.subject}`}</Heading>
              <p class="koers-notification__meta">
                {formatDateTime(notification.createdAt)}
                {notification.emailStatus !== 'none' ? ` · ${t.email[notification.emailStatus]}` : ''}
              </p>
              <Paragraph>{notification.body}</Paragraph>
              <Paragraph>
                <Link href={notification.link}>{t.open}</Link>
              </Paragraph>
              {notification.readAt === null && (
                <form method="post" action={`/berichten/${notification.id}/gelezen`}>
                  <CsrfField token={csrf} />
                  <button
                    type="submit"
                    class="utrecht-button utrecht-button--subtle utrecht-button--submit"
                    aria-label={t.markReadOf(notification.subject)}
                  >
                    {t.markRead}
                  </button>
                </form>
              )}
            </li>
          ))}
        </ol>
      )}
    </Layout>
  );
}

export function createNotificationPages(service: NotificationService, options: { locale?: Locale } = {}): Hono<AppEnv> {
  const m = messagesFor(options.locale);
  const pages = new Hono<AppEnv>();

  pages.get('/berichten', async (c) => {
    if (c.var.actor.kind === 'anonymous') return c.redirect('/inloggen', 303);
    c.header('Cache-Control', 'no-store');
    const notice = c.req.query('gelezen') === '1' ? m.notifications.marked : undefined;
    return c.html(
      renderDocument(<NotificationsPage m={m} notifications={await service.list(c.var.actor)} csrf={csrfTokenFor(c)} notice={notice} />),
    );
  });

  pages.post('/berichten/gelezen', async (c) => {
    await service.markRead(c.var.actor, 'all');
    return c.redirect('/berichten?gelezen=1', 303);
  });

  pages.post('/berichten/:id/gelezen', async (c) => {
    await service.markRead(c.var.actor, c.req.param('id'));
    return c.redirect('/berichten?gelezen=1', 303);
  });

  return pages;
}
