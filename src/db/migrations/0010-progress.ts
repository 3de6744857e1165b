/**
 * Progress of the implementation plan.
 *
 * - A plan reports per calendar year, half-year or quarter
 *   (`reporting_frequency`); the periods follow from it and the plan's years.
 * - A plan may add progress statuses of its own beside the built-in ones,
 *   each with the meaning of a built-in one (src/domain/progress.ts).
 * - Reporting rounds: one per plan and period, open until the coordinator
 *   closes it; a closed round is frozen.
 * - Progress entries: one current entry per activity and period, with who,
 *   when, as what and from where; a correction supersedes the entry before it.
 * - Reviews: the portfolio holder who leads an activity approves its current
 *   entry in a round, or sends it back with a remark.
 * - A theme assessment keeps the judgement the roll-up proposed, if any.
 * - A partner role names the partner of the municipality's plans by its key
 *   (it named the organisation in free text); a portfolio holder's role may
 *   name the portfolio holder whose activities the person leads.
 * - The coordinator manages rounds and may report on every activity; a
 *   portfolio holder reports on what he or she leads.
 */
import { type Kysely, sql } from 'kysely';

/** As src/domain/keys.ts made keys when this migration was written (a migration never changes). */
function keyFromName(name: string): string {
  const slug = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const cut = slug.length > 60 ? slug.slice(0, 60).replace(/-[^-]*$/, '') || slug.slice(0, 60) : slug;
  return cut.replace(/-+$/, '') || 'partner';
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table plan add column reporting_frequency text not null default 'year'
      check (reporting_frequency in ('year', 'half_year', 'quarter'));

    create table progress_status (
      plan_id uuid not null references plan (id) on delete cascade,
      key text not null check (key ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
      label text not null check (label <> '' and length(label) <= 100),
      meaning text not null check (meaning in ('not_started', 'running', 'delayed', 'done', 'ongoing', 'stopped')),
      position integer not null,
      primary key (plan_id, key)
    );

    create table reporting_round (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      period_key text not null,
      deadline date not null,
      opened_by uuid references user_account (id) on delete set null,
      opened_by_label text not null,
      opened_at timestamptz not null default now(),
      closed_by uuid references user_account (id) on delete set null,
      closed_by_label text,
      closed_at timestamptz,
      unique (plan_id, period_key),
      unique (plan_id, id),
      check ((closed_at is null) = (closed_by_label is null))
    );

    create table progress_entry (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      activity_id uuid not null,
      period_key text not null,
      status_key text not null,
      note text not null default '' check (length(note) <= 10000),
      as_of date not null,
      realised numeric check (realised >= 0),
      occurrences integer check (occurrences >= 0),
      entered_by uuid references user_account (id) on delete set null,
      entered_by_label text not null,
      entered_as text not null check (entered_as in ('coordinator', 'lead', 'partner', 'system')),
      entered_for text,
      entered_from text,
      entered_via text not null check (entered_via in ('web', 'api', 'file', 'cli')),
      entered_at timestamptz not null default now(),
      superseded_at timestamptz,
      foreign key (plan_id, activity_id) references activity (plan_id, id) on delete cascade,
      unique (plan_id, id)
    );
    create unique index progress_entry_current on progress_entry (activity_id, period_key) where superseded_at is null;
    create index progress_entry_plan on progress_entry (plan_id, period_key);

    create table progress_review (
      id uuid primary key,
      plan_id uuid not null references plan (id) on delete cascade,
      round_id uuid not null,
      activity_id uuid not null,
      entry_id uuid not null,
      decision text not null check (decision in ('approved', 'sent_back')),
      remark text not null default '' check (length(remark) <= 10000),
      decided_by uuid references user_account (id) on delete set null,
      decided_by_label text not null,
      decided_at timestamptz not null default now(),
      superseded_at timestamptz,
      foreign key (plan_id, round_id) references reporting_round (plan_id, id) on delete cascade,
      foreign key (plan_id, activity_id) references activity (plan_id, id) on delete cascade,
      foreign key (plan_id, entry_id) references progress_entry (plan_id, id) on delete cascade,
      check (decision = 'approved' or remark <> '')
    );
    create unique index progress_review_current on progress_review (round_id, activity_id) where superseded_at is null;
    create index progress_review_plan on progress_review (plan_id);

    alter table theme_assessment add column proposed_judgement text
      check (proposed_judgement in ('met', 'on_course', 'attention', 'off_course'));

    alter table user_role add column partner_key text;
    alter table user_role add column portfolio_holder_key text;
  `.execute(db);

  // A partner role named its organisation in free text: it now names the partner by key. A name that matches a
  // partner of one of the municipality's plans takes that partner's key; another name becomes a key of its own.
  const roles = await sql<{ userId: string; municipalityId: string; partnerName: string }>`
    select user_id as "userId", municipality_id as "municipalityId", partner_name as "partnerName"
    from user_role where partner_name is not null`.execute(db);
  for (const role of roles.rows) {
    const match = await sql<{ key: string }>`
      select p.key from partner p join plan_municipality pm on pm.plan_id = p.plan_id
      where pm.municipality_id = ${role.municipalityId} and lower(p.name) = lower(${role.partnerName.trim()})
      order by p.key limit 1`.execute(db);
    const key = match.rows[0]?.key ?? keyFromName(role.partnerName);
    await sql`update user_role set partner_key = ${key}
      where user_id = ${role.userId} and municipality_id = ${role.municipalityId} and role_code = 'partner'`.execute(db);
  }

  await sql`
    alter table user_role drop constraint if exists user_role_check;
    alter table user_role drop column partner_name;
    alter table user_role add constraint user_role_partner_key check ((role_code = 'partner') = (partner_key is not null));
    alter table user_role add constraint user_role_portfolio_holder_key
      check (portfolio_holder_key is null or role_code = 'portefeuillehouder');

    insert into role_permission (role_code, permission) values
      ('coordinator', 'progress:edit'), ('coordinator', 'progress:manage'),
      ('portefeuillehouder', 'progress:edit');
    update role set description = 'leest alles, meldt de voortgang van de activiteiten die hij of zij trekt en keurt die goed'
      where code = 'portefeuillehouder';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from role_permission where (role_code, permission) in
      (('coordinator', 'progress:edit'), ('coordinator', 'progress:manage'), ('portefeuillehouder', 'progress:edit'));
    update role set description = 'leest alles en keurt de voortgang goed van de activiteiten die hij of zij trekt'
      where code = 'portefeuillehouder';
    alter table user_role drop constraint user_role_portfolio_holder_key;
    alter table user_role drop constraint user_role_partner_key;
    alter table user_role add column partner_name text;
    update user_role set partner_name = partner_key;
    alter table user_role add constraint user_role_check check ((role_code = 'partner') = (partner_name is not null));
    alter table user_role drop column portfolio_holder_key;
    alter table user_role drop column partner_key;
    alter table theme_assessment drop column proposed_judgement;
    drop table progress_review, progress_entry, reporting_round, progress_status;
    alter table plan drop column reporting_frequency;
  `.execute(db);
}
