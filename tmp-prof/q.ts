import { sql } from 'kysely';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { createServices } from '../src/server.js';
import { hashSecret } from '../src/features/accounts/secret-token.js';
const handle = await createDatabase({ engine: 'pglite', dataDir: null });
await migrateToLatest(handle.db);
const services = createServices(handle);
const { revisedExample } = await import('../test/revised-example.js');
await revisedExample(services, { published: true });
const userId = await services.auth.createUser({ name: 'M', email: 'm@example.org', password: 'een lang wachtwoord voor de meting', isAdministrator: false });
await new AccountRepository(handle.db).grantRole(userId, 'GM1641', 'coordinator', null);
const token = (await services.auth.openSession(userId, '127.0.0.1')).sessionToken;
const repo = new AccountRepository(handle.db);
const hashes = [hashSecret(token)];
console.log((await repo.actorsOfLiveSessions(hashes, 30)).size);
const time = async (label: string, f: () => Promise<unknown>) => { for (let i=0;i<50;i++) await f(); const t=performance.now(); for (let i=0;i<300;i++) await f(); console.log(label, ((performance.now()-t)/300).toFixed(3)); };
await time('actors', () => repo.actorsOfLiveSessions(hashes, 30));
await time('select 1', () => sql`select 1`.execute(handle.db));
await time('plan head', () => sql`select id, version from plan limit 1`.execute(handle.db));
await time('session only', () => sql`select s.token_hash from user_session s join user_account u on u.id = s.user_id where s.token_hash = any(${hashes}::text[])`.execute(handle.db));
await time('roles arr', () => sql`select s.token_hash, u.id, (select coalesce(json_agg(json_build_object('municipalityId', r.municipality_id, 'code', m.code, 'roleCode', r.role_code, 'partnerName', r.partner_name, 'permissions', (select array_agg(p.permission) from role_permission p where p.role_code = r.role_code))), '[]'::json) from user_role r join municipality m on m.id = r.municipality_id where r.user_id = u.id) as roles from user_session s join user_account u on u.id = s.user_id where s.token_hash = any(${hashes}::text[])`.execute(handle.db));
await time('flat', () => sql`select s.token_hash, u.id, u.name, u.email, u.is_administrator, s.last_seen_at <= now() - make_interval(secs => ${30}) as stale, r.municipality_id, m.code, r.role_code, r.partner_name, p.permission from user_session s join user_account u on u.id = s.user_id left join user_role r on r.user_id = u.id left join municipality m on m.id = r.municipality_id left join role_permission p on p.role_code = r.role_code where s.token_hash = any(${hashes}::text[]) and not (s.expires_at <= now() or s.last_seen_at <= now() - make_interval(secs => ${1800})) and u.disabled_at is null`.execute(handle.db));
await time('flat eq', () => sql`select s.token_hash, u.id, u.name, u.email, u.is_administrator, s.last_seen_at <= now() - make_interval(secs => ${30}) as stale, r.municipality_id, m.code, r.role_code, r.partner_name, p.permission from user_session s join user_account u on u.id = s.user_id left join user_role r on r.user_id = u.id left join municipality m on m.id = r.municipality_id left join role_permission p on p.role_code = r.role_code where s.token_hash = ${hashes[0]} and not (s.expires_at <= now() or s.last_seen_at <= now() - make_interval(secs => ${1800})) and u.disabled_at is null`.execute(handle.db));
await sql.raw(`create function koers_actors(hashes text[], idle_seconds int) returns table(token_hash text, id uuid, name text, email text, is_administrator boolean, stale boolean, roles json)
language plpgsql stable as $$
begin
  return query select s.token_hash, u.id, u.name, u.email, u.is_administrator,
        s.last_seen_at <= now() - make_interval(secs => idle_seconds / 60) as stale,
        (select coalesce(json_agg(json_build_object('municipalityId', r.municipality_id, 'code', m.code, 'roleCode', r.role_code,
            'partnerName', r.partner_name, 'permission', p.permission)), '[]'::json)
          from user_role r join municipality m on m.id = r.municipality_id
          left join role_permission p on p.role_code = r.role_code where r.user_id = u.id) as roles
      from user_session s join user_account u on u.id = s.user_id
      where s.token_hash = any(hashes) and not (s.expires_at <= now() or s.last_seen_at <= now() - make_interval(secs => idle_seconds)) and u.disabled_at is null;
end $$`).execute(handle.db).catch((e) => console.log('ERR', e.message));
await time('plpgsql', () => sql`select * from koers_actors(${hashes}::text[], ${1800})`.execute(handle.db));
const r = await sql`explain analyze select s.token_hash, u.id, (select coalesce(json_agg(json_build_object('municipalityId', r.municipality_id, 'code', m.code, 'roleCode', r.role_code, 'partnerName', r.partner_name, 'permission', p.permission)), '[]'::json) from user_role r join municipality m on m.id = r.municipality_id left join role_permission p on p.role_code = r.role_code where r.user_id = u.id) as roles from user_session s join user_account u on u.id = s.user_id where s.token_hash = any(${hashes}::text[])`.execute(handle.db);
console.log(r.rows.map((x: any) => x['QUERY PLAN']).join('\n'));
await handle.close();
