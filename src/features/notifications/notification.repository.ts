/**
 * Notifications as stored: written in the transaction of the change they tell
 * of, read per person, and the e-mail outbox: a sender claims a few pending
 * e-mails for a while (so two instances never send the same one), sends them
 * outside any transaction, and records what happened.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, NotificationTable } from '../../db/schema.js';

export type NotificationKind = NotificationTable['kind'];

export interface NewNotification {
  userId: string;
  planId: string | null;
  kind: NotificationKind;
  subject: string;
  body: string;
  link: string;
  /** Where the e-mail goes; null to tell in the app only. */
  emailTo: string | null;
}

export interface Notification {
  id: string;
  planId: string | null;
  kind: NotificationKind;
  subject: string;
  body: string;
  link: string;
  createdAt: string;
  readAt: string | null;
  emailStatus: 'none' | 'pending' | 'sent' | 'failed';
}

export interface OutgoingEmail {
  id: string;
  to: string;
  subject: string;
  body: string;
  link: string;
  attempts: number;
}

export class NotificationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async add(notifications: NewNotification[]): Promise<void> {
    if (notifications.length === 0) return;
    await this.db
      .insertInto('notification')
      .values(
        notifications.map((notification) => ({
          id: randomUUID(),
          ...notification,
          emailStatus: notification.emailTo ? ('pending' as const) : ('none' as const),
          emailNextAt: notification.emailTo ? sql<string>`now()` : null,
        })),
      )
      .execute();
  }

  async listOf(userId: string, limit = 100): Promise<Notification[]> {
    const rows = await this.db
      .selectFrom('notification')
      .select(['id', 'planId', 'kind', 'subject', 'body', 'link', 'createdAt', 'readAt', 'emailStatus'])
      .where('userId', '=', userId)
      .orderBy('createdAt', 'desc')
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows;
  }

  async unreadCount(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('notification')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('userId', '=', userId)
      .where('readAt', 'is', null)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  async isOwn(userId: string, id: string): Promise<boolean> {
    const row = await this.db.selectFrom('notification').select('id').where('id', '=', id).where('userId', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  /** Marks the person's notifications read: one, or all when no id is given; returns how many changed. */
  async markRead(userId: string, id?: string): Promise<number> {
    let query = this.db.updateTable('notification').set({ readAt: sql`now()` }).where('userId', '=', userId).where('readAt', 'is', null);
    if (id) query = query.where('id', '=', id);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /**
   * Takes up to `limit` pending e-mails that are due and not held by another
   * sender, holds them for `holdSeconds`, and counts the attempt.
   */
  async claimEmails(limit: number, holdSeconds: number): Promise<OutgoingEmail[]> {
    const result = await sql<Selectable<NotificationTable>>`
      update notification set email_claimed_until = now() + make_interval(secs => ${holdSeconds}), email_attempts = email_attempts + 1
      where id in (
        select id from notification
        where email_status = 'pending' and email_next_at <= now() and (email_claimed_until is null or email_claimed_until < now())
        order by email_next_at, id
        limit ${limit}
        for update skip locked
      )
      returning *`.execute(this.db);
    // UPDATE ... RETURNING gives no order: the oldest first, as they were asked.
    const rows = [...result.rows].sort(
      (a, b) => String(a.emailNextAt).localeCompare(String(b.emailNextAt)) || String(a.createdAt).localeCompare(String(b.createdAt)),
    );
    return rows.map((row) => ({
      id: row.id,
      to: row.emailTo ?? '',
      subject: row.subject,
      body: row.body,
      link: row.link,
      attempts: Number(row.emailAttempts),
    }));
  }

  async markSent(id: string): Promise<void> {
    await this.db
      .updateTable('notification')
      .set({ emailStatus: 'sent', emailSentAt: sql`now()`, emailClaimedUntil: null, emailError: null })
      .where('id', '=', id)
      .execute();
  }

  /** Records a failed attempt: tried again after `retryAfterSeconds`, or failed for good when that is null. */
  async markAttemptFailed(id: string, error: string, retryAfterSeconds: number | null): Promise<void> {
    await this.db
      .updateTable('notification')
      .set({
        emailStatus: retryAfterSeconds === null ? 'failed' : 'pending',
        emailError: error.slice(0, 2000),
        emailClaimedUntil: null,
        emailNextAt: retryAfterSeconds === null ? null : sql`now() + make_interval(secs => ${retryAfterSeconds})`,
      })
      .where('id', '=', id)
      .execute();
  }
}
