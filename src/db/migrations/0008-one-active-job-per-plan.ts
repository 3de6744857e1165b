/**
 * At most one waiting or running job of a kind per plan: two people pressing
 * "Vernieuw cijfers" at the same moment get the same refresh, never two
 * imports of the same tables side by side.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A second waiting job of a kind for a plan (from before this rule) is cancelled; the older one, or the running one, stays.
    update job waiting set status = 'cancelled', cancel_requested_at = now(), finished_at = now(), message = 'Geannuleerd: er liep of wachtte al een taak van deze soort voor dit plan'
    where waiting.status = 'queued' and waiting.plan_id is not null and exists (
      select 1 from job other
      where other.plan_id = waiting.plan_id and other.kind = waiting.kind and other.id <> waiting.id
        and (other.status = 'running' or (other.status = 'queued' and (other.created_at, other.id) < (waiting.created_at, waiting.id)))
    );
    create unique index job_one_active_per_plan on job (plan_id, kind) where status in ('queued', 'running');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index job_one_active_per_plan`.execute(db);
}
