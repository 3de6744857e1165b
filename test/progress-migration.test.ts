/**
 * Migration 0010 on a database that has partner roles with the organisation
 * in free text: a name that matches a partner of the municipality's plans
 * takes its key, another name becomes a key of its own, and the coordinator
 * and portfolio holder get the progress permissions.
 */
import { randomUUID } from 'node:crypto';
import { Migrator, sql } from 'kysely';
import { expect, it } from 'vitest';
import { createDatabase } from '../src/db/create-db.js';
import { migrations } from '../src/db/migrations/index.js';

it('turns the free-text organisation of a partner role into the key of a partner of the plan', async () => {
  const handle = await createDatabase({ engine: 'pglite', dataDir: null });
  try {
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations } });
    expect((await migrator.migrateTo('0009-living-plans')).error).toBeUndefined();
    const [municipality, plan, police, user1, user2] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()];
    await sql`
      insert into municipality (id, code, name) values (${municipality}, 'GM1641', 'Maasgouw');
      `.execute(handle.db);
    await sql`insert into plan (id, title, period_start, period_end, status, catalogue_edition, summary)
      values (${plan}, 'IVP', 2019, 2022, 'draft', '2019', '')`.execute(handle.db);
    await sql`insert into plan_municipality (plan_id, municipality_id, position) values (${plan}, ${municipality}, 0)`.execute(handle.db);
    await sql`insert into partner (id, plan_id, key, position, name, kind, is_core)
      values (${police}, ${plan}, 'politie', 0, 'Politie', 'external', true)`.execute(handle.db);
    for (const [id, email, partner] of [
      [user1, 'agent@politie.example', ' POLITIE '],
      [user2, 'buurt@welzijn.example', 'Stichting Buurtwerk Één'],
    ] as const) {
      await sql`insert into user_account (id, name, email) values (${id}, ${email}, ${email})`.execute(handle.db);
      await sql`insert into user_role (user_id, municipality_id, role_code, partner_name)
        values (${id}, ${municipality}, 'partner', ${partner})`.execute(handle.db);
    }

    expect((await migrator.migrateToLatest()).error).toBeUndefined();

    const roles = await sql<{ email: string; partnerKey: string }>`
      select u.email, r.partner_key as "partnerKey" from user_role r join user_account u on u.id = r.user_id order by u.email`.execute(
      handle.db,
    );
    expect(roles.rows).toEqual([
      { email: 'agent@politie.example', partnerKey: 'politie' },
      { email: 'buurt@welzijn.example', partnerKey: 'stichting-buurtwerk-een' },
    ]);
    const permissions = await sql<{ roleCode: string; permission: string }>`
      select role_code as "roleCode", permission from role_permission where permission like 'progress:%' order by 1, 2`.execute(handle.db);
    expect(permissions.rows).toEqual([
      { roleCode: 'coordinator', permission: 'progress:edit' },
      { roleCode: 'coordinator', permission: 'progress:manage' },
      { roleCode: 'partner', permission: 'progress:edit' },
      { roleCode: 'portefeuillehouder', permission: 'progress:approve' },
      { roleCode: 'portefeuillehouder', permission: 'progress:edit' },
    ]);
    // A partner role without a partner is refused from now on.
    await expect(
      sql`insert into user_role (user_id, municipality_id, role_code) values (${user1}, ${municipality}, 'lezer')`.execute(handle.db),
    ).resolves.toBeDefined();
    await expect(sql`update user_role set partner_key = null where user_id = ${user2}`.execute(handle.db)).rejects.toThrow(
      /user_role_partner_key/,
    );
  } finally {
    await handle.close();
  }
}, 60_000);
