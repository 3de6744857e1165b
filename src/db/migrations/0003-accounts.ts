/**
 * Accounts and safety: publication of plans, users, roles per municipality as
 * data, server-side sessions, personal API tokens, login attempts (rate limit)
 * and the append-only audit trail, chained by hashes.
 */
import { type Kysely, sql } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table plan add column published boolean not null default false;

    create table user_account (
      id uuid primary key,
      name text not null check (name <> ''),
      email text not null unique check (email = lower(email) and email like '%_@_%'),
      password_hash text check (password_hash is null or password_hash like '$argon2id$%'),
      oidc_issuer text,
      oidc_subject text,
      is_administrator boolean not null default false,
      created_at timestamptz not null default now(),
      disabled_at timestamptz,
      unique (oidc_issuer, oidc_subject),
      check ((oidc_issuer is null) = (oidc_subject is null))
    );

    create table role (
      code text primary key check (code in ('beheerder', 'coordinator', 'portefeuillehouder', 'partner', 'lezer')),
      name text not null,
      description text not null,
      position integer not null unique
    );

    create table role_permission (
      role_code text not null references role (code) on delete cascade,
      permission text not null check (permission ~ '^[a-z]+(-[a-z]+)*:[a-z]+(-[a-z]+)*$'),
      primary key (role_code, permission)
    );

    create table user_role (
      user_id uuid not null references user_account (id) on delete cascade,
      municipality_id uuid not null references municipality (id) on delete cascade,
      role_code text not null references role (code),
      partner_name text,
      primary key (user_id, municipality_id, role_code),
      check ((role_code = 'partner') = (partner_name is not null))
    );

    create table user_session (
      token_hash text primary key check (length(token_hash) = 64),
      user_id uuid not null references user_account (id) on delete cascade,
      created_at timestamptz not null default now(),
      last_seen_at timestamptz not null default now(),
      expires_at timestamptz not null,
      ip text,
      check (expires_at > created_at)
    );
    create index user_session_user on user_session (user_id);

    create table api_token (
      id uuid primary key,
      user_id uuid not null references user_account (id) on delete cascade,
      name text not null check (name <> ''),
      token_hash text not null unique check (length(token_hash) = 64),
      created_at timestamptz not null default now(),
      last_used_at timestamptz,
      revoked_at timestamptz
    );

    create table login_attempt (
      id bigint generated always as identity primary key,
      ip text not null,
      account text not null,
      attempted_at timestamptz not null default now(),
      succeeded boolean not null
    );
    create index login_attempt_ip on login_attempt (ip, attempted_at);
    create index login_attempt_account on login_attempt (account, attempted_at);

    create table audit_event (
      sequence bigint generated always as identity primary key,
      occurred_at timestamptz not null default now(),
      actor_id uuid,
      actor_label text not null,
      action text not null check (action ~ '^[a-z]+(-[a-z]+)*\\.[a-z]+(-[a-z]+)*$'),
      object_type text not null,
      object_id text not null,
      municipality_id uuid,
      before jsonb,
      after jsonb,
      ip text,
      previous_hash text not null check (length(previous_hash) = 64),
      hash text not null unique check (length(hash) = 64)
    );
    create index audit_event_object on audit_event (object_type, object_id, sequence);

    -- Append-only: the audit trail can be added to, never changed or emptied.
    create function audit_event_is_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'audit_event is append-only: % is not allowed', tg_op;
    end;
    $$;
    create trigger audit_event_no_update before update or delete on audit_event
      for each row execute function audit_event_is_append_only();
    create trigger audit_event_no_truncate before truncate on audit_event
      for each statement execute function audit_event_is_append_only();

    insert into role (code, name, description, position) values
      ('beheerder', 'Beheerder', 'beheert de gebruikers en hun rollen binnen de gemeente', 0),
      ('coordinator', 'Coördinator', 'de beleidsmedewerker OOV: bewerkt alles van het plan', 1),
      ('portefeuillehouder', 'Portefeuillehouder', 'leest alles en keurt de voortgang goed van de activiteiten die hij of zij trekt', 2),
      ('partner', 'Partner', 'leest het plan en bewerkt de voortgang van activiteiten waarin de eigen organisatie partner is', 3),
      ('lezer', 'Lezer', 'raadslid: leest alles, ook concepten en rapportages', 4);

    insert into role_permission (role_code, permission) values
      ('beheerder', 'users:manage'), ('beheerder', 'plan:read'), ('beheerder', 'audit:read'),
      ('coordinator', 'plan:read'), ('coordinator', 'plan:edit'), ('coordinator', 'plan:publish'), ('coordinator', 'plan:import'),
      ('coordinator', 'audit:read'),
      ('portefeuillehouder', 'plan:read'), ('portefeuillehouder', 'progress:approve'),
      ('partner', 'plan:read'), ('partner', 'progress:edit'),
      ('lezer', 'plan:read');
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop trigger audit_event_no_truncate on audit_event;
    drop trigger audit_event_no_update on audit_event;
    drop function audit_event_is_append_only;
    drop table audit_event, login_attempt, api_token, user_session, user_role, role_permission, role, user_account;
    alter table plan drop column published;
  `.execute(db);
}
