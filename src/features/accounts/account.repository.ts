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
  passwordKnownIn: string | null;
}

const USER_COLUMNS = ['id', 'name', 'email', 'passwordHash', 'isAdministrator', 'disabledAt', 'passwordKnownIn'] as const;

/** A session has ended when it is past its absolute end or idle for longer than allowed, by the database's clock. */
function sessionEnded(idleMinutes: number) {
  return sql<boolean>`(expires_at <= now() or last_seen_at <= now() - make_interval(secs => ${idleMinutes * 60}))`;
}

/** A login attempt reserved before the password is checked: the limit holds even for attempts at the same moment. */
/** What a role names besides its municipality: the partner a partner reports for, the portfolio holder a person is. */
export interface RoleLink {
  partnerKey: string | null;
  portfolioHolderKey: string | null;
}

export const NO_LINK: RoleLink = { partnerKey: null, portfolioHolderKey: null };

export interface RoleTarget {
  key: string;
  name: string;
}

export type AttemptReservation = { admitted: true; attemptId: number } | { admitted: false; retryAfterSeconds: number };

/** Key space of the advisory locks that serialise login attempts per account and per address ('lo' in ASCII). */
const LOGIN_LOCK_SPACE = 0x6c6f;

interface RoleRow {
  municipalityId: string;
  code: string;
  roleCode: RoleCode;
  partnerKey: string | null;
  portfolioHolderKey: string | null;
  permission: string | null;
}

/** A user with their roles (one row per role and permission) as an actor. */
function actorOf(user: { id: string; name: string; email: string; isAdministrator: boolean }, rows: RoleRow[]): Actor {
  const grants = new Map<string, RoleGrant>();
  const permissions = new Map<string, Set<string>>();
  for (const row of rows) {
    grants.set(`${row.municipalityId}/${row.roleCode}`, {
      municipalityId: row.municipalityId,
      municipalityCode: row.code,
      role: row.roleCode,
      partnerKey: row.partnerKey,
      portfolioHolderKey: row.portfolioHolderKey,
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
    return this.db.selectFrom('userAccount').select(USER_COLUMNS).where('email', '=', email.toLowerCase()).executeTakeFirst();
  }

  findUser(userId: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('userAccount').select(USER_COLUMNS).where('id', '=', userId).executeTakeFirst();
  }

  /** The user, locked until the transaction ends, so password changes and role grants of one account happen one at a time. */
  lockUser(userId: string): Promise<UserRow | undefined> {
    return this.db.selectFrom('userAccount').select(USER_COLUMNS).where('id', '=', userId).forUpdate().executeTakeFirst();
  }

  findUserByOidc(issuer: string, subject: string): Promise<UserRow | undefined> {
    return this.db
      .selectFrom('userAccount')
      .select(USER_COLUMNS)
      .where('oidcIssuer', '=', issuer)
      .where('oidcSubject', '=', subject)
      .executeTakeFirst();
  }

  async setPassword(userId: string, passwordHash: string | null, knownIn: string | null): Promise<void> {
    await this.db.updateTable('userAccount').set({ passwordHash, passwordKnownIn: knownIn }).where('id', '=', userId).execute();
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
      .select([
        'userAccount.id',
        'userAccount.name',
        'userAccount.email',
        'userAccount.isAdministrator',
        'municipality.code',
        'userRole.roleCode',
        'userRole.partnerKey',
        'userRole.portfolioHolderKey',
        sql<string | null>`(select p.name from partner p join plan_municipality pm on pm.plan_id = p.plan_id
          where pm.municipality_id = user_role.municipality_id and p.key = user_role.partner_key
          order by p.ended_version desc nulls first limit 1)`.as('partnerName'),
        sql<string | null>`(select h.name from portfolio_holder h join plan_municipality pm on pm.plan_id = h.plan_id
          where pm.municipality_id = user_role.municipality_id and h.key = user_role.portfolio_holder_key
          order by h.ended_version desc nulls first limit 1)`.as('portfolioHolderName'),
      ])
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

  /**
   * The partners and portfolio holders of the municipality's plans (as they
   * are now), by key: what a partner role or a portfolio holder role can name.
   */
  async roleTargets(municipalityId: string): Promise<{ partners: RoleTarget[]; portfolioHolders: RoleTarget[] }> {
    const of = (table: 'partner' | 'portfolioHolder') =>
      this.db
        .selectFrom(table)
        .innerJoin('planMunicipality', 'planMunicipality.planId', `${table}.planId`)
        .select([`${table}.key as key`, `${table}.name as name`])
        .distinctOn(`${table}.key`)
        .where('planMunicipality.municipalityId', '=', municipalityId)
        .where(`${table}.endedVersion`, 'is', null)
        .orderBy(`${table}.key`)
        .execute();
    const [partners, portfolioHolders] = await Promise.all([of('partner'), of('portfolioHolder')]);
    return { partners, portfolioHolders };
  }

  /**
   * The people whose role in one of these municipalities names one of these
   * partners or portfolio holders (accounts that are not disabled), once each
   * per role: who hears of a round, a reminder or a review.
   */
  async usersLinkedTo(
    municipalityIds: string[],
    links: { partnerKeys: string[]; portfolioHolderKeys: string[] },
  ): Promise<{ userId: string; email: string; name: string; partnerKey: string | null; portfolioHolderKey: string | null }[]> {
    if (municipalityIds.length === 0 || (links.partnerKeys.length === 0 && links.portfolioHolderKeys.length === 0)) return [];
    return this.db
      .selectFrom('userRole')
      .innerJoin('userAccount', 'userAccount.id', 'userRole.userId')
      .select(['userAccount.id as userId', 'userAccount.email', 'userAccount.name', 'userRole.partnerKey', 'userRole.portfolioHolderKey'])
      .where('userRole.municipalityId', 'in', municipalityIds)
      .where('userAccount.disabledAt', 'is', null)
      .where((eb) =>
        eb.or([
          ...(links.partnerKeys.length > 0 ? [eb('userRole.partnerKey', 'in', links.partnerKeys)] : []),
          ...(links.portfolioHolderKeys.length > 0 ? [eb('userRole.portfolioHolderKey', 'in', links.portfolioHolderKeys)] : []),
        ]),
      )
      .orderBy('userAccount.email')
      .execute();
  }

  listMunicipalities(ids: string[] | null) {
    let query = this.db.selectFrom('municipality').select(['id', 'code', 'name']).orderBy('name');
    if (ids) query = query.where('id', 'in', ids.length ? ids : ['00000000-0000-0000-0000-000000000000']);
    return query.execute();
  }

  async municipalityIdsOfUser(userId: string): Promise<string[]> {
    return (await this.municipalityIdsOfUsers([userId])).get(userId) ?? [];
  }

  /** The municipalities each user has a role in (every role, whoever manages it), in one query. */
  async municipalityIdsOfUsers(userIds: string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (userIds.length === 0) return result;
    const rows = await this.db.selectFrom('userRole').select(['userId', 'municipalityId']).where('userId', 'in', userIds).execute();
    for (const row of rows) result.set(row.userId, [...(result.get(row.userId) ?? []), row.municipalityId]);
    return result;
  }

  async findMunicipalityId(code: string): Promise<string | undefined> {
    return (await this.db.selectFrom('municipality').select('id').where('code', '=', code).executeTakeFirst())?.id;
  }

  /** Gives the role; false when the user already had it (granting twice changes nothing). */
  async grantRole(userId: string, municipalityCode: string, role: RoleCode, link: RoleLink = NO_LINK): Promise<boolean> {
    const municipality = await this.db
      .selectFrom('municipality')
      .select('id')
      .where('code', '=', municipalityCode)
      .executeTakeFirstOrThrow();
    const result = await this.db
      .insertInto('userRole')
      .values({ userId, municipalityId: municipality.id, roleCode: role, ...link })
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
      .select([
        'userRole.municipalityId',
        'municipality.code',
        'userRole.roleCode',
        'userRole.partnerKey',
        'userRole.portfolioHolderKey',
        'rolePermission.permission',
      ])
      .where('userRole.userId', '=', userId)
      .execute();
    return actorOf(user, rows);
  }

  /**
   * The actors of the live sessions among these (neither past their absolute
   * end nor idle for longer than allowed, by the database's clock), with their
   * roles, in one query, by token hash. A session is marked as seen only when
   * its last mark is older than a sixtieth of the idle time (30 seconds of 30
   * minutes), so reading pages does not write on every request; a session may
   * so end that much sooner than the idle time says.
   */
  async actorsOfLiveSessions(tokenHashes: string[], idleMinutes: number): Promise<Map<string, Actor>> {
    const actors = new Map<string, Actor>();
    if (tokenHashes.length === 0) return actors;
    const idleSeconds = idleMinutes * 60;
    const result = await sql<{
      tokenHash: string;
      id: string;
      name: string;
      email: string;
      isAdministrator: boolean;
      stale: boolean;
      roles: RoleRow[];
    }>`
      select s.token_hash, u.id, u.name, u.email, u.is_administrator,
        s.last_seen_at <= now() - make_interval(secs => ${idleSeconds / 60}) as stale,
        (select coalesce(json_agg(json_build_object('municipalityId', r.municipality_id, 'code', m.code, 'roleCode', r.role_code,
            'partnerKey', r.partner_key, 'portfolioHolderKey', r.portfolio_holder_key, 'permission', p.permission)), '[]'::json)
          from user_role r join municipality m on m.id = r.municipality_id
          left join role_permission p on p.role_code = r.role_code where r.user_id = u.id) as roles
      from user_session s join user_account u on u.id = s.user_id
      where s.token_hash = any(${tokenHashes}::text[]) and not ${sessionEnded(idleMinutes)} and u.disabled_at is null`.execute(this.db);
    const stale = result.rows.filter((row) => row.stale).map((row) => row.tokenHash);
    if (stale.length > 0)
      await this.db.updateTable('userSession').set({ lastSeenAt: sql`now()` }).where('tokenHash', 'in', stale).execute();
    for (const row of result.rows) actors.set(row.tokenHash, actorOf(row, row.roles));
    return actors;
  }

  /** A session that ends `absoluteHours` after now, by the database's clock; returns when it ends. */
  async insertSession(session: { tokenHash: string; userId: string; absoluteHours: number; ip: string | null }): Promise<string> {
    const row = await this.db
      .insertInto('userSession')
      .values({
        tokenHash: session.tokenHash,
        userId: session.userId,
        expiresAt: sql<string>`now() + make_interval(hours => ${session.absoluteHours})`,
        ip: session.ip,
      })
      .returning('expiresAt')
      .executeTakeFirstOrThrow();
    return row.expiresAt;
  }

  /** Removes every session that has ended (the ones actorsOfLiveSessions refuses); returns how many. */
  async deleteEndedSessions(idleMinutes: number): Promise<number> {
    const result = await this.db.deleteFrom('userSession').where(sessionEnded(idleMinutes)).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Deletes the session; returns its user, or undefined when there was none. */
  async deleteSession(tokenHash: string): Promise<string | undefined> {
    const row = await this.db.deleteFrom('userSession').where('tokenHash', '=', tokenHash).returning('userId').executeTakeFirst();
    return row?.userId;
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

  async revokeAllApiTokens(userId: string): Promise<number> {
    const result = await this.db
      .updateTable('apiToken')
      .set({ revokedAt: sql`now()` })
      .where('userId', '=', userId)
      .where('revokedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
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

  /**
   * Reserves a login attempt before the password is checked, counted as failed
   * until `markAttemptSucceeded`. Per account and per address one attempt is
   * reserved at a time (an advisory lock held until the transaction ends), so
   * any number of attempts at the same moment admit at most the limit. Call it
   * inside a transaction.
   */
  async reserveLoginAttempt(
    ip: string,
    account: string,
    limits: { windowMinutes: number; perAccount: number; perIp: number },
  ): Promise<AttemptReservation> {
    for (const value of [`account:${account}`, `ip:${ip}`]) {
      await sql`select pg_advisory_xact_lock(${sql.lit(LOGIN_LOCK_SPACE)}, hashtext(${value}))`.execute(this.db);
    }
    for (const [by, value, limit] of [
      ['account', account, limits.perAccount],
      ['ip', ip, limits.perIp],
    ] as const) {
      const row = await this.db
        .selectFrom('loginAttempt')
        .select((eb) => [
          eb.fn.countAll<number>().as('count'),
          sql<number>`ceil(extract(epoch from (min(attempted_at) + make_interval(mins => ${limits.windowMinutes}) - now())))`.as(
            'retryAfter',
          ),
        ])
        .where(by, '=', value)
        .where('succeeded', '=', false)
        .where('attemptedAt', '>', sql<string>`now() - make_interval(mins => ${limits.windowMinutes})`)
        .executeTakeFirstOrThrow();
      if (Number(row.count) >= limit) return { admitted: false, retryAfterSeconds: Math.max(1, Number(row.retryAfter ?? 1)) };
    }
    const inserted = await this.db
      .insertInto('loginAttempt')
      .values({ ip, account, succeeded: false })
      .returning('id')
      .executeTakeFirstOrThrow();
    return { admitted: true, attemptId: Number(inserted.id) };
  }

  /** Takes back a reservation whose password was never checked (the server was too busy). */
  async cancelAttempt(attemptId: number): Promise<void> {
    await this.db.deleteFrom('loginAttempt').where('id', '=', attemptId).execute();
  }

  async markAttemptSucceeded(attemptId: number): Promise<void> {
    await this.db.updateTable('loginAttempt').set({ succeeded: true }).where('id', '=', attemptId).execute();
  }

  /** Removes login attempts older than `days` (the rate limit looks back minutes; the rest is kept to look into an attack). */
  async deleteLoginAttemptsBefore(days: number): Promise<number> {
    const result = await this.db
      .deleteFrom('loginAttempt')
      .where('attemptedAt', '<', sql<string>`now() - make_interval(days => ${days})`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** Records a login that needed no password check (through the identity provider). */
  async recordLoginAttempt(ip: string, account: string, succeeded: boolean): Promise<void> {
    await this.db.insertInto('loginAttempt').values({ ip, account, succeeded }).execute();
  }

  /** A new one-time link to set a password, valid for `validHours` by the database's clock; earlier unused links of the user end. */
  async insertPasswordLink(link: {
    tokenHash: string;
    userId: string;
    municipalityId: string | null;
    issuedBy: string | null;
    issuedByLabel: string;
    validHours: number;
  }): Promise<string> {
    await this.voidPasswordLinks(link.userId);
    const row = await this.db
      .insertInto('passwordLink')
      .values({
        tokenHash: link.tokenHash,
        userId: link.userId,
        municipalityId: link.municipalityId,
        issuedBy: link.issuedBy,
        issuedByLabel: link.issuedByLabel,
        expiresAt: sql<string>`now() + make_interval(hours => ${link.validHours})`,
      })
      .returning('expiresAt')
      .executeTakeFirstOrThrow();
    return row.expiresAt;
  }

  /** The link when it is unused, not voided and not expired (by the database's clock), locked until the transaction ends. */
  findUsablePasswordLink(tokenHash: string, lock = false) {
    let query = this.db
      .selectFrom('passwordLink')
      .select(['tokenHash', 'userId', 'municipalityId', 'expiresAt'])
      .where('tokenHash', '=', tokenHash)
      .where('usedAt', 'is', null)
      .where('voidedAt', 'is', null)
      .where('expiresAt', '>', sql<string>`now()`);
    if (lock) query = query.forUpdate();
    return query.executeTakeFirst();
  }

  async markPasswordLinkUsed(tokenHash: string): Promise<void> {
    await this.db.updateTable('passwordLink').set({ usedAt: sql`now()` }).where('tokenHash', '=', tokenHash).execute();
  }

  /** The municipalities of the beheerders who issued the user's usable links (null: an administrator or the command line). */
  async pendingLinkMunicipalities(userId: string): Promise<(string | null)[]> {
    const rows = await this.db
      .selectFrom('passwordLink')
      .select('municipalityId')
      .where('userId', '=', userId)
      .where('usedAt', 'is', null)
      .where('voidedAt', 'is', null)
      .where('expiresAt', '>', sql<string>`now()`)
      .execute();
    return rows.map((row) => row.municipalityId);
  }

  /** Ends every unused link of the user; returns how many. */
  async voidPasswordLinks(userId: string): Promise<number> {
    const result = await this.db
      .updateTable('passwordLink')
      .set({ voidedAt: sql`now()` })
      .where('userId', '=', userId)
      .where('usedAt', 'is', null)
      .where('voidedAt', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }
}
