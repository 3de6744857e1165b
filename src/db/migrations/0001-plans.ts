/**
 * The plan and everything in it: catalogue, municipalities, themes, indicators,
 * implementation plan (workstreams, activities, leads, partners), meetings.
 * Rows that must belong to the same plan are tied by composite foreign keys on
 * (plan_id, id), so an activity can never name a partner of another plan.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table safety_field (
      number integer primary key check (number between 1 and 9),
      name text not null check (name <> '')
    );

    create table catalogue_theme (
      code text primary key check (code ~ '^[1-9]\\.[0-9]+$'),
      field_number integer not null references safety_field (number),
      name text not null check (name <> ''),
      note text,
      position integer not null unique
    );

    create table municipality (
      id uuid primary key,
      code text not null unique check (code ~ '^GM[0-9]{4}$'),
      name text not null check (name <> '')
    );

    create table plan (
      id uuid primary key,
      title text not null check (title <> ''),
      subtitle text,
      period_start integer not null check (period_start between 1900 and 2200),
      period_end integer not null check (period_end between 1900 and 2200),
      status text not null check (status in ('draft', 'adopted', 'closed')),
      adopted_on date,
      catalogue_edition text not null,
      summary text not null,
      budget_note text,
      created_at timestamptz not null default now(),
      check (period_end >= period_start),
      check (status = 'draft' or adopted_on is not null)
    );

    create table plan_municipality (
      plan_id uuid not null references plan (id) on delete cascade,
      municipality_id uuid not null references municipality (id),
      position integer not null,
      primary key (plan_id, municipality_id),
      unique (plan_id, position)
    );

    create table plan_goal (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      position integer not null,
      title text not null check (title <> ''),
      description text not null,
      unique (plan_id, key),
      unique (plan_id, position),
      unique (plan_id, id)
    );

    create table plan_principle (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      position integer not null,
      name text not null check (name <> ''),
      description text not null,
      unique (plan_id, position)
    );

    create table plan_field_context (
      plan_id uuid not null references plan (id) on delete cascade,
      field_number integer not null references safety_field (number),
      summary text not null check (summary <> ''),
      primary key (plan_id, field_number)
    );

    create table portfolio_holder (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      position integer not null,
      name text not null check (name <> ''),
      unique (plan_id, key),
      unique (plan_id, position),
      unique (plan_id, id)
    );

    create table partner (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      position integer not null,
      name text not null check (name <> ''),
      kind text not null check (kind in ('department', 'shared_service', 'external')),
      is_core boolean not null,
      parent_id uuid,
      description text,
      unique (plan_id, key),
      unique (plan_id, position),
      unique (plan_id, id),
      foreign key (plan_id, parent_id) references partner (plan_id, id) on delete cascade,
      check (parent_id <> id)
    );

    create table plan_theme (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      position integer not null,
      kind text not null check (kind in ('priority', 'strategic')),
      number integer not null check (number > 0),
      paragraph text not null,
      name text not null check (name <> ''),
      summary text not null,
      goal text not null,
      qualitative_assessment text,
      previous_plan_note text,
      unique (plan_id, key),
      unique (plan_id, position),
      unique (plan_id, kind, number),
      unique (plan_id, id)
    );

    create table plan_theme_approach_line (
      theme_id uuid not null references plan_theme (id) on delete cascade,
      position integer not null,
      title text not null check (title <> ''),
      description text not null,
      primary key (theme_id, position)
    );

    create table plan_theme_catalogue_theme (
      theme_id uuid not null references plan_theme (id) on delete cascade,
      catalogue_theme_code text not null references catalogue_theme (code),
      position integer not null,
      primary key (theme_id, catalogue_theme_code),
      unique (theme_id, position)
    );

    create table indicator (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      theme_id uuid,
      goal_id uuid,
      key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      position integer not null,
      name text not null check (name <> ''),
      source text not null check (source <> ''),
      unit text not null check (unit in ('count', 'per_1000_inhabitants', 'percentage', 'grade')),
      series_code text,
      baseline_value numeric not null,
      baseline_year integer not null,
      target_comparison text not null check (target_comparison in ('at_most', 'at_least')),
      target_value numeric not null,
      target_year integer not null,
      unique (plan_id, key),
      foreign key (plan_id, theme_id) references plan_theme (plan_id, id) on delete cascade,
      foreign key (plan_id, goal_id) references plan_goal (plan_id, id) on delete cascade,
      check (target_year >= baseline_year),
      check (theme_id is null or goal_id is null),
      check (unit <> 'percentage' or (baseline_value between 0 and 100 and target_value between 0 and 100)),
      check (unit <> 'grade' or (baseline_value between 1 and 10 and target_value between 1 and 10)),
      check (unit = 'grade' or unit = 'percentage' or (baseline_value >= 0 and target_value >= 0))
    );
    create unique index indicator_position on indicator (plan_id, coalesce(theme_id, '00000000-0000-0000-0000-000000000000'::uuid), position);

    create table workstream (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      theme_id uuid not null,
      position integer not null,
      name text not null check (name <> ''),
      foreign key (plan_id, theme_id) references plan_theme (plan_id, id) on delete cascade,
      unique (theme_id, position),
      unique (plan_id, id)
    );

    create table activity (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      workstream_id uuid not null,
      position integer not null,
      name text not null check (name <> ''),
      description text not null check (description <> ''),
      group_label text,
      quantity numeric check (quantity > 0),
      quantity_unit text,
      cadence text,
      ongoing boolean not null,
      start_year integer,
      start_quarter integer check (start_quarter between 1 and 4),
      end_year integer,
      foreign key (plan_id, workstream_id) references workstream (plan_id, id) on delete cascade,
      unique (workstream_id, position),
      unique (plan_id, id),
      check ((quantity is null) = (quantity_unit is null)),
      check (ongoing or start_year is not null),
      check (start_quarter is null or start_year is not null),
      check (end_year is null or start_year is null or end_year >= start_year)
    );

    create table activity_lead (
      plan_id uuid not null,
      activity_id uuid not null,
      portfolio_holder_id uuid not null,
      position integer not null,
      primary key (activity_id, portfolio_holder_id),
      unique (activity_id, position),
      foreign key (plan_id, activity_id) references activity (plan_id, id) on delete cascade,
      foreign key (plan_id, portfolio_holder_id) references portfolio_holder (plan_id, id) on delete cascade
    );

    create table activity_partner (
      plan_id uuid not null,
      activity_id uuid not null,
      partner_id uuid not null,
      position integer not null,
      primary key (activity_id, partner_id),
      unique (activity_id, position),
      foreign key (plan_id, activity_id) references activity (plan_id, id) on delete cascade,
      foreign key (plan_id, partner_id) references partner (plan_id, id) on delete cascade
    );
    create index activity_partner_partner on activity_partner (partner_id);

    create table meeting (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      position integer not null,
      name text not null check (name <> ''),
      cadence text not null check (cadence <> ''),
      description text not null,
      unique (plan_id, position),
      unique (plan_id, id)
    );

    create table meeting_partner (
      plan_id uuid not null,
      meeting_id uuid not null,
      partner_id uuid not null,
      position integer not null,
      primary key (meeting_id, partner_id),
      unique (meeting_id, position),
      foreign key (plan_id, meeting_id) references meeting (plan_id, id) on delete cascade,
      foreign key (plan_id, partner_id) references partner (plan_id, id) on delete cascade
    );

    create table accountability_moment (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      position integer not null,
      name text not null check (name <> ''),
      timing text not null,
      audience text not null,
      description text not null,
      unique (plan_id, position)
    );

    create table policy_framework (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      position integer not null,
      name text not null check (name <> ''),
      level text not null check (level in ('local', 'regional', 'national')),
      description text not null,
      unique (plan_id, position)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table policy_framework, accountability_moment, meeting_partner, meeting,
      activity_partner, activity_lead, activity, workstream, indicator,
      plan_theme_catalogue_theme, plan_theme_approach_line, plan_theme, partner,
      portfolio_holder, plan_field_context, plan_principle, plan_goal,
      plan_municipality, plan, municipality, catalogue_theme, safety_field;
  `.execute(db);
}
