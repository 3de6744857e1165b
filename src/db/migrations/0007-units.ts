/**
 * The units plans state their indicators in: besides counts, rates per 1.000
 * inhabitants, percentages and report marks, rates per 10.000 inhabitants and
 * per 1.000 or 10.000 youths of an age band (which the indicator then names).
 * And what the monitor needs to say why figures are missing: every open-data
 * import carries the label of its pull, and a pull that fails before its
 * import is recorded (its metadata, codes or scope could not be had) gets a
 * row of its own with the cause.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table indicator drop constraint indicator_unit_check;
    alter table indicator add constraint indicator_unit_check check (unit in (
      'count', 'per_1000_inhabitants', 'per_10000_inhabitants', 'per_1000_youths', 'per_10000_youths', 'percentage', 'grade'
    ));
    alter table indicator add column age_from integer, add column age_to integer;
    alter table indicator add constraint indicator_age_band_check check (
      ((unit in ('per_1000_youths', 'per_10000_youths')) = (age_from is not null))
      and ((age_from is null) = (age_to is null))
      and (age_from is null or (age_from between 0 and 120 and age_to between age_from and 120))
    );

    alter table open_data_import add column pull text;

    create table open_data_pull_failure (
      id uuid primary key,
      service text not null check (service in ('opendata', 'dataderden', 'datasets')),
      table_code text not null check (table_code ~ '^[0-9A-Za-z]+$'),
      pull text not null check (pull <> ''),
      error text not null,
      actor_label text not null,
      failed_at timestamptz not null default now()
    );
    create index open_data_pull_failure_latest on open_data_pull_failure (pull, failed_at desc);
    create index open_data_import_pull on open_data_import (pull, started_at desc);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table open_data_pull_failure;
    drop index open_data_import_pull;
    alter table open_data_import drop column pull;
    alter table indicator drop constraint indicator_age_band_check;
    alter table indicator drop column age_from, drop column age_to;
    alter table indicator drop constraint indicator_unit_check;
    alter table indicator add constraint indicator_unit_check check (unit in ('count', 'per_1000_inhabitants', 'percentage', 'grade'));
  `.execute(db);
}
