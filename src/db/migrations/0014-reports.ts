/**
 * Progress reports (voortgangsrapportages): per plan and year a row of
 * versions. A concept holds the coordinator's texts and is rendered from the
 * current data; a definitive version is frozen: its model, texts and files
 * are kept as they were made, with a checksum, and never change. A new
 * version follows a definitive one with a reason. The coordinator makes them
 * (report:edit).
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table report_version (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      year integer not null check (year between 1900 and 2200),
      number integer not null check (number >= 1),
      status text not null check (status in ('concept', 'definitief')),
      reason text not null default '' check (length(reason) <= 2000),
      texts jsonb not null,
      model jsonb,
      checksum text,
      created_by uuid references user_account (id) on delete set null,
      created_by_label text not null,
      created_at timestamptz not null default now(),
      texts_edited_by_label text,
      texts_edited_at timestamptz,
      finalised_by_label text,
      finalised_at timestamptz,
      unique (plan_id, year, number),
      check ((status = 'definitief') = (model is not null and checksum is not null and finalised_at is not null))
    );
    -- One concept at a time per plan and year.
    create unique index report_version_one_concept on report_version (plan_id, year) where status = 'concept';

    create table report_file (
      version_id uuid not null references report_version (id) on delete cascade,
      format text not null check (format in ('html', 'pdf', 'docx', 'odt', 'csv', 'json')),
      content bytea not null,
      sha256 text not null,
      primary key (version_id, format)
    );

    insert into role_permission (role_code, permission) values ('coordinator', 'report:edit');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from role_permission where permission = 'report:edit';
    drop table report_file;
    drop table report_version;
  `.execute(db);
}
