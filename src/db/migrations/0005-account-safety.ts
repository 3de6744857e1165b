/**
 * Safer accounts: who could know an account's password, and one-time links
 * with which a person sets a password of their own.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The municipality whose beheerder issued the link that set the password (and so could know it);
    -- null: set by the person through an administrator's link or on the command line, or no password.
    alter table user_account add column password_known_in uuid references municipality (id) on delete set null;

    create table password_link (
      token_hash text primary key check (length(token_hash) = 64),
      user_id uuid not null references user_account (id) on delete cascade,
      -- The municipality of the beheerder who issued it; null: an administrator or the command line.
      municipality_id uuid references municipality (id) on delete cascade,
      issued_by uuid,
      issued_by_label text not null,
      created_at timestamptz not null default now(),
      expires_at timestamptz not null,
      used_at timestamptz,
      voided_at timestamptz,
      check (expires_at > created_at)
    );
    create index password_link_user on password_link (user_id);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table password_link;
    alter table user_account drop column password_known_in;
  `.execute(db);
}
