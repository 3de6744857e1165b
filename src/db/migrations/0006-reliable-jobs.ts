/**
 * Jobs that can be trusted: a job belongs to the runner that claimed it (a
 * claim token), counts its attempts, can be cancelled, and every import of
 * open data has a heartbeat of its own, so a starting instance can tell a
 * running import's staging table from one a stopped process left behind.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A job running before this migration has no owner to finish it: it waits again.
    update job set status = 'queued', started_at = null, heartbeat_at = null where status = 'running';
    alter table job drop constraint job_status_check;
    alter table job add constraint job_status_check check (status in ('queued', 'running', 'done', 'failed', 'cancelled'));
    alter table job add column owner uuid;
    alter table job add column attempts integer not null default 0 check (attempts >= 0);
    alter table job add column cancel_requested_at timestamptz;
    alter table job add constraint job_running_has_owner check (status <> 'running' or (owner is not null and heartbeat_at is not null));
    create index job_finished on job (finished_at) where status in ('done', 'failed', 'cancelled');

    alter table open_data_import add column heartbeat_at timestamptz;
    update open_data_import set status = 'failed', error = 'afgebroken: Koers stopte tijdens de import', finished_at = now()
      where status = 'running';
    alter table open_data_import alter column heartbeat_at set default now();
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table open_data_import drop column heartbeat_at;
    drop index job_finished;
    alter table job drop constraint job_running_has_owner;
    alter table job drop column cancel_requested_at;
    alter table job drop column attempts;
    alter table job drop column owner;
    update job set status = 'failed' where status = 'cancelled';
    alter table job drop constraint job_status_check;
    alter table job add constraint job_status_check check (status in ('queued', 'running', 'done', 'failed'));
  `.execute(db);
}
