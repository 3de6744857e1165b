/**
 * An activity may carry a weight: how much it counts when the progress of
 * activities is rolled up to a workstream, a theme and the plan. Without one
 * it counts 1.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity add column weight numeric check (weight > 0 and weight <= 1000)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table activity drop column weight`.execute(db);
}
