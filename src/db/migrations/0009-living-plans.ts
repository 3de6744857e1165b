/**
 * A plan that lives: edited in place, adopted, then adjusted by revisions.
 *
 * - Every element gets a stable key (workstreams, activities, principles,
 *   meetings, accountability moments and frameworks had none); existing rows
 *   get one made from their name.
 * - An element removed from a plan is ended (`ended_version`), never deleted:
 *   measurements, assessments and progress keep their element, and a key that
 *   comes back revives it. Positions are no longer unique (ended rows keep theirs).
 * - The plan counts its changes (`version`, its ETag), names its predecessor,
 *   and each municipality of a plan adopts it with its own date and body.
 * - Indicators carry a lineage shared with their copies in later plans.
 * - Revisions (bijstellingen), snapshots of the plan as adopted and after each
 *   applied revision, and the log of changes per version.
 * - Catalogue editions: the catalogue is data in src/catalogue, checked when a
 *   plan is read in; the tables of migration 0002 go.
 */
import { type Kysely, sql } from 'kysely';

/** The tables as this migration knows them. */
type Tables = Record<string, { id: string; plan_id: string; name: string; position: number }>;

/** As src/domain/keys.ts made keys when this migration was written (a migration never changes). */
function keyFromName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length > 60 ? slug.slice(0, 60).replace(/-[^-]*$/, '') || slug.slice(0, 60) : slug;
  return cut.replace(/-+$/, '') || 'onderdeel';
}

const NEWLY_KEYED = ['workstream', 'activity', 'plan_principle', 'meeting', 'accountability_moment', 'policy_framework'] as const;
const ENDABLE = [
  'plan_goal',
  'plan_principle',
  'portfolio_holder',
  'partner',
  'plan_theme',
  'indicator',
  'workstream',
  'activity',
  'meeting',
  'accountability_moment',
  'policy_framework',
] as const;

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const table of NEWLY_KEYED) {
    await sql`alter table ${sql.table(table)} add column key text check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$')`.execute(db);
    const rows = await db
      .withTables<Tables>()
      .selectFrom(table)
      .select(['id', 'plan_id', 'name', 'position'])
      .orderBy('plan_id')
      .orderBy('position')
      .execute();
    const taken = new Map<string, Set<string>>();
    for (const row of rows) {
      const keys = taken.get(row.plan_id) ?? new Set<string>();
      taken.set(row.plan_id, keys);
      const base = keyFromName(row.name);
      let key = base;
      for (let counter = 2; keys.has(key); counter++) key = `${base}-${counter}`;
      keys.add(key);
      await sql`update ${sql.table(table)} set key = ${key} where id = ${row.id}`.execute(db);
    }
    await sql`alter table ${sql.table(table)} alter column key set not null`.execute(db);
    await sql`alter table ${sql.table(table)} add unique (plan_id, key)`.execute(db);
  }
  for (const table of ENDABLE) {
    await sql`alter table ${sql.table(table)} add column ended_version integer check (ended_version > 0)`.execute(db);
  }

  await sql`
    alter table plan_goal drop constraint plan_goal_plan_id_position_key;
    alter table plan_principle drop constraint plan_principle_plan_id_position_key;
    alter table portfolio_holder drop constraint portfolio_holder_plan_id_position_key;
    alter table partner drop constraint partner_plan_id_position_key;
    alter table plan_theme drop constraint plan_theme_plan_id_position_key;
    alter table plan_theme drop constraint plan_theme_plan_id_kind_number_key;
    drop index indicator_position;
    alter table workstream drop constraint workstream_theme_id_position_key;
    alter table activity drop constraint activity_workstream_id_position_key;
    alter table activity_lead drop constraint activity_lead_activity_id_position_key;
    alter table activity_partner drop constraint activity_partner_activity_id_position_key;
    alter table meeting drop constraint meeting_plan_id_position_key;
    alter table meeting_partner drop constraint meeting_partner_meeting_id_position_key;
    alter table accountability_moment drop constraint accountability_moment_plan_id_position_key;
    alter table policy_framework drop constraint policy_framework_plan_id_position_key;
    alter table plan_theme_catalogue_theme drop constraint plan_theme_catalogue_theme_theme_id_position_key;
    alter table plan_theme_catalogue_theme drop constraint plan_theme_catalogue_theme_catalogue_theme_code_fkey;
    alter table plan_field_context drop constraint plan_field_context_field_number_fkey;
    alter table plan_field_context add check (field_number between 1 and 9);
    drop table catalogue_theme, safety_field;

    alter table plan add column version integer not null default 1 check (version > 0);
    alter table plan add column predecessor_id uuid references plan (id) on delete set null;
    alter table plan add check (predecessor_id <> id);

    alter table plan_municipality add column adopted_on date;
    alter table plan_municipality add column adopted_by text check (adopted_by in ('council', 'executive'));
    alter table plan_municipality add check ((adopted_on is null) = (adopted_by is null));
    update plan_municipality set adopted_on = plan.adopted_on, adopted_by = 'council'
      from plan where plan.id = plan_municipality.plan_id and plan.adopted_on is not null;

    alter table indicator add column lineage_id uuid;
    update indicator set lineage_id = id;
    alter table indicator alter column lineage_id set not null;
    create index indicator_lineage on indicator (lineage_id);

    alter table plan_theme add column outside_catalogue_reason text check (outside_catalogue_reason <> '');

    create table plan_catalogue_exclusion (
      plan_id uuid not null references plan (id) on delete cascade,
      catalogue_theme_code text not null,
      position integer not null,
      reason text not null check (reason <> ''),
      primary key (plan_id, catalogue_theme_code)
    );

    create table plan_revision (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      number integer not null check (number > 0),
      reason text not null check (reason <> ''),
      decided_on date not null,
      decided_by text not null check (decided_by in ('council', 'executive', 'coordinator')),
      status text not null check (status in ('open', 'applied', 'withdrawn')),
      opened_at timestamptz not null default now(),
      opened_by text not null,
      closed_at timestamptz,
      closed_by text,
      unique (plan_id, number),
      check ((status = 'open') = (closed_at is null))
    );
    create unique index plan_revision_one_open on plan_revision (plan_id) where status = 'open';

    create table plan_snapshot (
      plan_id uuid not null references plan (id) on delete cascade,
      sequence integer not null check (sequence > 0),
      revision_id uuid references plan_revision (id),
      effective_on date not null,
      version integer not null,
      content jsonb not null,
      created_at timestamptz not null default now(),
      primary key (plan_id, sequence),
      check ((sequence = 1) = (revision_id is null))
    );

    create table plan_change (
      plan_id uuid not null references plan (id) on delete cascade,
      version integer not null check (version > 1),
      revision_id uuid references plan_revision (id),
      made_at timestamptz not null default now(),
      made_by text not null,
      changes jsonb not null,
      primary key (plan_id, version)
    );
  `.execute(db);
}

/** Not reversible: ended elements, revisions and snapshots have no place in the schema before it. */
export async function down(): Promise<void> {
  throw new Error('Migratie 0009 kan niet worden teruggedraaid: beëindigde onderdelen en bijstellingen passen niet in het oudere schema');
}
