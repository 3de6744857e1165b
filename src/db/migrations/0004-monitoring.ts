/**
 * Monitoring: an indicator's binding to an open-data series, the open-data
 * tables as Koers holds them (partitioned per table, with every revision of a
 * re-issued table kept), measurements per indicator and period with their
 * provenance, written assessments of qualitative themes, the hand-entered BBV
 * figures, and the jobs table on which long work (imports) runs.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicator add column binding jsonb;
    alter table indicator add unique (plan_id, id);

    insert into role_permission (role_code, permission) values
      ('coordinator', 'measurement:edit'), ('coordinator', 'opendata:import'),
      ('partner', 'measurement:edit');

    create table open_data_table (
      id integer generated always as identity primary key,
      service text not null check (service in ('opendata', 'dataderden', 'datasets')),
      table_code text not null check (table_code ~ '^[0-9A-Za-z]+$'),
      title text not null,
      category_dimensions text[] not null default '{}',
      unique (service, table_code)
    );

    -- The titles of the codes of a table's dimensions, as the source names them (trimmed keys).
    create table open_data_code (
      table_id integer not null references open_data_table (id) on delete cascade,
      dimension text not null,
      code text not null,
      title text not null,
      primary key (table_id, dimension, code)
    );

    -- One partition per open-data table: a national table of hundreds of millions of rows stays one partition.
    create table open_data_observation (
      table_id integer not null references open_data_table (id),
      region_key text not null,
      category_key text not null,
      period_key text not null,
      topic text not null,
      value double precision,
      primary key (table_id, region_key, category_key, period_key, topic)
    ) partition by list (table_id);
    comment on column open_data_observation.value is 'null: not published by the source (suppressed), never zero';
    comment on column open_data_observation.category_key is 'the codes of the other dimensions, trimmed, joined by |';

    create table open_data_period (
      table_id integer not null references open_data_table (id) on delete cascade,
      period_key text not null,
      status text check (status in ('definitief', 'voorlopig', 'nader-voorlopig')),
      primary key (table_id, period_key)
    );

    create table open_data_import (
      id uuid primary key,
      table_id integer not null references open_data_table (id) on delete cascade,
      scope text not null,
      modified text not null,
      status text not null check (status in ('running', 'done', 'failed')),
      started_at timestamptz not null default now(),
      finished_at timestamptz,
      rows_received integer not null default 0,
      rows_new integer not null default 0,
      rows_changed integer not null default 0,
      rows_removed integer not null default 0,
      unchanged boolean not null default false,
      error text,
      actor_label text not null
    );
    create index open_data_import_latest on open_data_import (table_id, scope, started_at desc);

    -- What a re-issued table changed: the previous value of every cell it revised or dropped.
    create table open_data_revision (
      import_id uuid not null references open_data_import (id) on delete cascade,
      table_id integer not null,
      region_key text not null,
      category_key text not null,
      period_key text not null,
      topic text not null,
      previous_value double precision,
      new_value double precision,
      change text not null check (change in ('changed', 'removed')),
      primary key (import_id, region_key, category_key, period_key, topic)
    );

    create table measurement (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      indicator_id uuid not null,
      period_kind text not null check (period_kind in ('year', 'quarter', 'month')),
      period_year integer not null check (period_year between 1900 and 2100),
      period_number integer not null,
      value numeric,
      suppressed boolean not null default false,
      numerator numeric,
      denominator numeric check (denominator > 0),
      period_status text check (period_status in ('definitief', 'voorlopig', 'nader-voorlopig')),
      source text not null check (source in ('open_data', 'file', 'manual')),
      provenance jsonb not null,
      note text check (length(note) <= 2000),
      entered_by uuid references user_account (id) on delete set null,
      entered_by_label text not null,
      entered_at timestamptz not null default now(),
      superseded_at timestamptz,
      foreign key (plan_id, indicator_id) references indicator (plan_id, id) on delete cascade,
      check (not suppressed or value is null),
      check (
        (period_kind = 'year' and period_number = 0)
        or (period_kind = 'quarter' and period_number between 1 and 4)
        or (period_kind = 'month' and period_number between 1 and 12)
      )
    );
    create unique index measurement_current on measurement (indicator_id, period_kind, period_year, period_number)
      where superseded_at is null;

    create table theme_assessment (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      theme_id uuid not null,
      year integer not null check (year between 1900 and 2100),
      judgement text not null check (judgement in ('met', 'on_course', 'attention', 'off_course')),
      text text not null check (text <> '' and length(text) <= 10000),
      entered_by uuid references user_account (id) on delete set null,
      entered_by_label text not null,
      entered_at timestamptz not null default now(),
      superseded_at timestamptz,
      foreign key (plan_id, theme_id) references plan_theme (plan_id, id) on delete cascade
    );
    create unique index theme_assessment_current on theme_assessment (theme_id, year) where superseded_at is null;

    create table bbv_entry (
      id uuid primary key,
      municipality_id uuid not null references municipality (id) on delete cascade,
      indicator_key text not null check (indicator_key in ('verwijzingen-halt')),
      year integer not null check (year between 1900 and 2100),
      value numeric not null check (value >= 0),
      entered_by uuid references user_account (id) on delete set null,
      entered_by_label text not null,
      entered_at timestamptz not null default now(),
      superseded_at timestamptz
    );
    create unique index bbv_entry_current on bbv_entry (municipality_id, indicator_key, year) where superseded_at is null;

    create table job (
      id uuid primary key,
      kind text not null check (kind ~ '^[a-z]+(-[a-z]+)*$'),
      plan_id uuid references plan (id) on delete cascade,
      payload jsonb not null,
      status text not null check (status in ('queued', 'running', 'done', 'failed')),
      progress_done integer not null default 0,
      progress_total integer,
      message text,
      result jsonb,
      error text,
      created_by uuid references user_account (id) on delete set null,
      created_by_label text not null,
      created_at timestamptz not null default now(),
      started_at timestamptz,
      heartbeat_at timestamptz,
      finished_at timestamptz
    );
    create index job_waiting on job (created_at) where status in ('queued', 'running');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table job, bbv_entry, theme_assessment, measurement, open_data_revision, open_data_import, open_data_period,
      open_data_observation, open_data_code, open_data_table;
    delete from role_permission where permission in ('measurement:edit', 'opendata:import');
    alter table indicator drop constraint indicator_plan_id_id_key;
    alter table indicator drop column binding;
  `.execute(db);
}
