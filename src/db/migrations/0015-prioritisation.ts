/**
 * Prioritisation (prioritering) towards the next plan: per plan the criteria
 * its municipality set with their weights, the coordinator's scores per
 * Kernbeleid Veiligheid theme and criterion, a note per theme, the chosen
 * priorities and strategic themes, and, once made, the concept of the next
 * plan it produced. One row per plan, changed under a version number; every
 * save is an audit event, which keeps its history.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table prioritisation (
      id uuid primary key,
      plan_id uuid not null unique references plan (id) on delete cascade,
      municipality_id uuid not null references municipality (id),
      catalogue_edition text not null,
      criteria jsonb not null,
      scores jsonb not null,
      notes jsonb not null,
      priorities jsonb not null,
      strategic jsonb not null,
      version integer not null check (version >= 1),
      concept_plan_id uuid unique references plan (id) on delete set null,
      updated_by uuid references user_account (id) on delete set null,
      updated_by_label text not null,
      updated_at timestamptz not null default now(),
      created_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table prioritisation`.execute(db);
}
