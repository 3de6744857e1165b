/**
 * Notifications: what Koers tells a person (a round opened, a reminder, a
 * report sent back or approved), shown in the app and, when SMTP is set up,
 * sent by e-mail from an outbox with retries. A notification is written in
 * the same transaction as the change it tells of.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table notification (
      id uuid primary key,
      user_id uuid not null references user_account (id) on delete cascade,
      plan_id uuid references plan (id) on delete cascade,
      kind text not null check (kind in ('round_opened', 'reminder', 'sent_back', 'approved')),
      subject text not null check (subject <> '' and length(subject) <= 200),
      body text not null check (length(body) <= 10000),
      link text not null check (link like '/%'),
      created_at timestamptz not null default now(),
      read_at timestamptz,
      email_to text,
      email_status text not null default 'none' check (email_status in ('none', 'pending', 'sent', 'failed')),
      email_attempts integer not null default 0,
      email_next_at timestamptz,
      email_claimed_until timestamptz,
      email_error text,
      email_sent_at timestamptz,
      check ((email_status = 'none') = (email_to is null))
    );
    create index notification_of_user on notification (user_id, created_at desc);
    create index notification_unread on notification (user_id) where read_at is null;
    create index notification_outbox on notification (email_next_at) where email_status = 'pending';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table notification`.execute(db);
}
