/**
 * Budget lines of a plan: per theme or activity and year, an amount planned,
 * realised or asked for in a budget round, with its source, in whole euro
 * cents. A new amount for the same theme or activity, year, kind and source
 * supersedes the current one, which stays as history. The coordinator keeps
 * them (budget:edit).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table budget_line (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      theme_id uuid,
      activity_id uuid,
      year integer not null check (year between 1900 and 2200),
      kind text not null check (kind in ('planned', 'realised', 'requested')),
      source text not null check (source in ('programmabegroting', 'ivp-budget', 'extern', 'subsidie')),
      amount_cents bigint not null check (amount_cents between 0 and 100000000000),
      note text not null default '' check (length(note) <= 2000),
      entered_by uuid references user_account (id) on delete set null,
      entered_by_label text not null,
      entered_at timestamptz not null default now(),
      superseded_at timestamptz,
      foreign key (plan_id, theme_id) references plan_theme (plan_id, id) on delete cascade,
      foreign key (plan_id, activity_id) references activity (plan_id, id) on delete cascade,
      check ((theme_id is null) <> (activity_id is null))
    );
    create unique index budget_line_current on budget_line (plan_id, coalesce(activity_id, theme_id), year, kind, source)
      where superseded_at is null;

    insert into role_permission (role_code, permission) values ('coordinator', 'budget:edit');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from role_permission where permission = 'budget:edit';
    drop table budget_line;
  `.execute(db);
}
