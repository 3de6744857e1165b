/** Users, their roles, sessions, API tokens and login attempts in the database. */
import { randomUUID } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { Database, RoleCode } from '../../db/schema.js';
import type { Actor, RoleGrant } from './actor.js';

export interface UserRow {
  id: string;
  name: string;
  email: string;
  passwordHash: string | null;
  isAdministrator: boolean;
  disabledAt: string | null;
}

export class AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async createUser(user: { name: string; email: string; passwordHash: string | null; isAdministrator: boolean }): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto('userAccount')
      .values({ id, ...user })
      .execute();
    return id;
  }

  findUserByEmail(email: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('userAccount')
      .select(['id', 'name', 'email', 'passwordHash', 'isAdministrator', 'disabledAt'])
      .where('email', '=', email.toLowerCase())
      .executeTakeFirst();
  }

  findUserByOidc(issuer: string, subject: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('userAccount')
      .select(['id', 'name', 'email', 'passwordHash', 'isAdministrator', 'disabledAt'])
      .where('oidcIssuer', '=', issuer)
      .where('oidcSubject', '=', subject)
      .executeTakeFirst();
  }

  async linkOidc(userId: string, issuer: string, subject: string): Promise<void> {
    await this.db.updateTable('userAccount').set({ oidcIssuer: issuer, oidcSubject: subject }).where('id', '=', userId).execute();
  }

  async countAdministrators(): Promise<number> {
    const row = await this.db
      .selectFrom('userAccount')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('isAdministrator', '=', true)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** Users with their roles in the given municipalities (every municipality when ids is null), for user management. */
  listUsersWithRoles(municipalityIds: string[] | null) {
    let query = this.db
      .selectFrom('userRole')
      .innerJoin('userAccount', 'userAccount.id', 'userRole.userId')
      .innerJoin('municipality', 'municipality.id', 'userRole.municipalityId')
      .select(['userAccount.id', 'userAccount.name', 'userAccount.email', 'municipality.code', 'userRole.roleCode', 'userRole.partnerName'])
      .orderBy('userAccount.name')
      .orderBy('municipality.code');
    if (municipalityIds)
      query = query.where(
        'userRole.municipalityId',
        'in',
        municipalityIds.length ? municipalityIds : ['00000000-0000-0000-0000-000000000000'],
      );
    return query.execute();
  }

  listMunicipalities(ids: string[] | null) {
    let query = this.db.selectFrom('municipality').select(['id', 'code', 'name']).orderBy('name');
    if (ids) query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
    return query.execute();
  }

  async municipalityIdsOfUser(userId: string): Promise<string[]> {
    const rows = await this.db.selectFrom('userRole').select('municipalityId').where('userId', '=', userId).execute();
    return rows.map((row) => row.municipalityId);
  }

  async findMunicipalityId(code: string): Promise<string | undefined> {
    return (await this.db.selectFrom('municipality').select('id').where('code', '=', code).executeTakeFirst())?.id;
  }

  /** Gives the role; false when the user already had it (granting twice changes nothing). */
  async grantRole(userId: string, municipalityCode: string, role: RoleCode, partnerName: string | null): Promise<boolean> {
    const municipality = await this.db
      .selectFrom('municipality')
      .select('id')
      .where('code', '=', municipalityCode)
      .executeTakeFirstOrThrow();
    const result = await this.db
      .insertInto('userRole')
      .values({ userId, municipalityId: municipality.id, roleCode: role, partnerName })
      .onConflict((oc) => oc.columns(['userId', 'municipalityId', 'roleCode']).doNothing())
      .returning('userId')
      .executeTakeFirst();
    return result !== undefined;
  }

  /** The user as an actor: roles per municipality and the permissions they carry (roles are data). */
  async loadActor(userId: string): Promise<Actor | undefined> {
    const user = await this.db
      .selectFrom('userAccount')
      .select(['id', 'name', 'email', 'isAdministrator'])
      .where('id', '=', userId)
      .where('disabledAt', 'is', null)
      .executeTakeFirst();
    if (!user) return undefined;
    const rows = await this.db
      .selectFrom('userRole')
      .innerJoin('municipality', 'municipality.id', 'userRole.municipalityId')
      .leftJoin('rolePermission', 'rolePermission.roleCode', 'userRole.roleCode')
      .select(['userRole.municipalityId', 'municipality.code', 'userRole.roleCode', 'userRole.partnerName', 'rolePermission.permission'])
      .where('userRole.userId', '=', userId)
      .execute();
    const grants = new Map<string, RoleGrant>();
    const permissions = new Map<string, Set<string>>();
    for (const row of rows) {
      grants.set(`${row.municipalityId}/${row.roleCode}`, {
        municipalityId: row.municipalityId,
        municipalityCode: row.code,
        role: row.roleCode,
        partnerName: row.partnerName,
      });
      const own = permissions.get(row.municipalityId) ?? new Set<string>();
      if (row.permission) own.add(row.permission);
      permissions.set(row.municipalityId, own);
    }
    return {
      kind: 'user',
      userId: user.id,
      name: user.name,
      email: user.email,
      isAdministrator: user.isAdministrator,
      grants: [...grants.values()],
      permissions,
    };
  }

  async insertSession(session: { tokenHash: string; userId: string; expiresAt: Date; ip: string | null }): Promise<void> {
    await this.db
      .insertInto('userSession')
      .values({ tokenHash: session.tokenHash, userId: session.userId, expiresAt: session.expiresAt.toISOString(), ip: session.ip })
      .execute();
  }

  /** The session when it is neither past its absolute end nor idle for longer than allowed. */
  findLiveSession(tokenHash: string, idleSince: Date) {
    return this.db
      .selectFrom('userSession')
      .select(['tokenHash', 'userId', 'lastSeenAt', 'expiresAt'])
      .where('tokenHash', '=', tokenHash)
      .where('expiresAt', '>', sql<string>`now()`)
      .where('lastSeenAt', '>', idleSince.toISOString())
      .executeTakeFirst();
  }

  async touchSession(tokenHash: string): Promise<void> {
    await this.db.updateTable('userSession').set({ lastSeenAt: sql`now()` }).where('tokenHash', '=', tokenHash).execute();
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('userSession').where('tokenHash', '=', tokenHash).execute();
  }

  async deleteSessionsOfUser(userId: string): Promise<number> {
    const result = await this.db.deleteFrom('userSession').where('userId', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async insertApiToken(token: { userId: string; name: string; tokenHash: string }): Promise<string> {
    const id = randomUUID();
    await this.db
      .insertInto('apiToken')
      .values({ id, ...token })
      .execute();
    return id;
  }

  listApiTokens(userId: string) {
    return this.db
      .selectFrom('apiToken')
      .select(['id', 'name', 'createdAt', 'lastUsedAt', 'revokedAt'])
      .where('userId', '=', userId)
      .orderBy('createdAt')
      .execute();
  }

  findLiveApiToken(tokenHash: string) {
    return this.db
      .selectFrom('apiToken')
      .select(['id', 'userId'])
      .where('tokenHash', '=', tokenHash)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
  }

  async markApiTokenUsed(id: string): Promise<void> {
    await this.db.updateTable('apiToken').set({ lastUsedAt: sql`now()` }).where('id', '=', id).execute();
  }

  async revokeApiToken(userId: string, tokenId: string): Promise<boolean> {
    const result = await this.db
      .updateTable('apiToken')
      .set({ revokedAt: sql`now()` })
      .where('id', '=', tokenId)
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async recordLoginAttempt(ip: string, account: string, succeeded: boolean): Promise<void> {
    await this.db.insertInto('loginAttempt').values({ ip, account, succeeded }).execute();
  }

  /** Failed attempts since a moment, by IP or by account, with the oldest one (to tell when the limit lifts). */
  async countFailedAttempts(by: 'ip' | 'account', value: string, since: Date): Promise<{ count: number; oldest: string | null }> {
    const row = await this.db
      .selectFrom('loginAttempt')
      .select((eb) => [eb.fn.countAll<number>().as('count'), eb.fn.min('attemptedAt').as('oldest')])
      .where(by, '=', value)
      .where('succeeded', '=', false)
      .where('attemptedAt', '>', since.toISOString())
      .executeTakeFirstOrThrow();
    return { count: Number(row.count), oldest: (row.oldest as string | null) ?? null };
  }
}
