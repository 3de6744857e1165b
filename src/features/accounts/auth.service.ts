/**
 * Logging in and staying logged in: local accounts with argon2id, roles,
 * server-side sessions with idle and absolute timeouts (by the database's
 * clock), personal API tokens, and a login rate limit per IP address and per
 * account that is reserved before a password is checked. Every change commits
 * in one unit of work with its audit event. Password links: password-links.ts.
 */

import type { RoleCode } from '../../db/schema.js';
import { BatchedReads } from '../../db/shared-reads.js';
import { BusyError, ForbiddenError, TooManyAttemptsError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import type { RoleLink, RoleTarget } from './account.repository.js';
import { recordAccountEvent } from './account-events.js';
import { type Actor, SYSTEM } from './actor.js';
import type { OidcIdentity } from './oidc-client.js';
import { assertAcceptablePassword, hashPassword, MAX_PASSWORD_LENGTH, spendVerificationTime, verifyPassword } from './password.js';
import type { PasswordLinks } from './password-links.js';
import { hashSecret, newSecret } from './secret-token.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** Failed logins allowed in the window before 429: per account it protects the password, per IP the service. */
export const LOGIN_LIMITS = { windowMinutes: 15, perAccount: 5, perIp: 20 } as const;

export const ROLE_CODES = ['beheerder', 'coordinator', 'portefeuillehouder', 'partner', 'lezer'] as const;

const API_TOKEN_PREFIX = 'koers_';
const WRONG_LOGIN = 'Het e-mailadres of het wachtwoord klopt niet';

export class AuthService {
  /** The sessions asked for at the same moment (many users at once) are looked up in one query (see shared-reads.ts). */
  private readonly sessionReads: BatchedReads<Actor>;

  constructor(
    private readonly uow: UnitOfWork,
    private readonly sessions: SessionPolicy,
    private readonly links: PasswordLinks,
  ) {
    this.sessionReads = new BatchedReads((tokenHashes) =>
      this.uow.read(({ accounts }) => accounts.actorsOfLiveSessions(tokenHashes, this.sessions.idleMinutes)),
    );
  }

  /**
   * Creates an account. A password is only given here on the command line
   * (the first administrator); an account made in the browser gets its first
   * password through a link the person opens (password-links.ts).
   */
  async createUser(
    /** password null: the person sets one through a link, or logs in through the identity provider. */
    input: { name: string; email: string; password: string | null; isAdministrator: boolean },
    by: Actor = SYSTEM,
  ): Promise<string> {
    const email = input.email.trim().toLowerCase();
    const problems = [];
    if (input.name.trim() === '') problems.push({ path: 'naam', message: 'mag niet leeg zijn' });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 320) problems.push({ path: 'e-mail', message: 'is geen e-mailadres' });
    if (problems.length > 0) throw new ValidationError('De gebruiker is ongeldig', problems);
    if (input.password !== null) assertAcceptablePassword(input.password);
    // Hashed before the transaction, which then stays short.
    const passwordHash = input.password === null ? null : await hashPassword(input.password);
    return this.uow.write(async (repos) => {
      if (await repos.accounts.findUserByEmail(email)) {
        throw new ValidationError('De gebruiker bestaat al', [{ path: 'e-mail', message: `${email} heeft al een account` }]);
      }
      const id = await repos.accounts.createUser({ name: input.name.trim(), email, passwordHash, isAdministrator: input.isAdministrator });
      // Personal data in the trail is kept to name, e-mail and roles; never a password or its hash.
      await recordAccountEvent(repos, by, {
        action: 'user.created',
        userId: id,
        after: { naam: input.name.trim(), email, beheerder: input.isAdministrator },
      });
      return id;
    });
  }

  /**
   * Gives a user a role in a municipality. When the account's password was set
   * through a link that a beheerder of another municipality issued (and so
   * could know), that password, unused links, sessions and API tokens end: the
   * account now reaches further than that beheerder may.
   */
  async grantRole(
    by: Actor,
    email: string,
    municipalityCode: string,
    role: string,
    link: RoleLinkInput = {},
  ): Promise<{ granted: boolean; passwordVoided: boolean }> {
    return this.uow.write(async (repos) => {
      const problems = [];
      const found = await repos.accounts.findUserByEmail(email.trim().toLowerCase());
      if (!found) problems.push({ path: 'e-mail', message: `er is geen account voor ${email}` });
      const municipalityId = await repos.accounts.findMunicipalityId(municipalityCode);
      if (!municipalityId)
        problems.push({
          path: 'gemeente',
          message: `${municipalityCode} is in Koers nog niet bekend (lees eerst een plan van die gemeente in)`,
        });
      const roleCode = ROLE_CODES.find((candidate) => candidate === role);
      if (!roleCode) problems.push({ path: 'rol', message: `kies uit ${ROLE_CODES.join(', ')}` });
      const targets = municipalityId ? await repos.accounts.roleTargets(municipalityId) : { partners: [], portfolioHolders: [] };
      const roleLink = resolveRoleLink(roleCode, link, targets, problems);
      if (problems.length > 0 || !found || !municipalityId || !roleCode)
        throw new ValidationError('De rol kan niet worden toegekend', problems);
      const user = (await repos.accounts.lockUser(found.id)) ?? found;
      const granted = await repos.accounts.grantRole(user.id, municipalityCode, roleCode, roleLink);
      if (granted) {
        await recordAccountEvent(repos, by, {
          action: 'user.role-granted',
          userId: user.id,
          municipalityId,
          after: {
            gemeente: municipalityCode,
            rol: roleCode,
            partner: roleLink.partnerKey,
            portefeuillehouder: roleLink.portfolioHolderKey,
          },
        });
      }
      const passwordVoided = await this.links.voidKnownOutside(repos, by, user.id, municipalityId);
      return { granted, passwordVoided };
    });
  }

  /** An administrator ends every session of someone else (a lost laptop, a person who left). */
  async endSessionsOf(by: Actor, email: string): Promise<number> {
    const user = await this.uow.read(({ accounts }) => accounts.findUserByEmail(email.trim().toLowerCase()));
    if (!user) throw new ValidationError('Onbekende gebruiker', [{ path: 'e-mail', message: `er is geen account voor ${email}` }]);
    return (await this.endAllSessions(by, user.id)).sessions;
  }

  /**
   * Checks e-mail and password and opens a session; returns the secret for the
   * session cookie. The attempt is reserved before the password is checked,
   * so parallel attempts never check more passwords than the limit allows.
   * The session the browser had before (`previousSessionToken`) ends.
   */
  async login(email: string, password: string, ip: string, previousSessionToken?: string): Promise<{ sessionToken: string; actor: Actor }> {
    const account = email.trim().toLowerCase().slice(0, 320);
    const reservation = await this.uow.write(({ accounts }) => accounts.reserveLoginAttempt(ip, account, LOGIN_LIMITS));
    if (!reservation.admitted) {
      throw new TooManyAttemptsError('Te veel mislukte inlogpogingen; probeer het later opnieuw', reservation.retryAfterSeconds);
    }
    if (password.length > MAX_PASSWORD_LENGTH) throw new UnauthenticatedError(WRONG_LOGIN);
    const user = await this.uow.read(({ accounts }) => accounts.findUserByEmail(account));
    const usable = user?.passwordHash && !user.disabledAt ? user.passwordHash : null;
    // An unknown or disabled account takes as long to refuse as a wrong password, so timing tells nothing.
    let valid: boolean;
    try {
      valid = usable ? await verifyPassword(password, usable) : await spendVerificationTime(password);
    } catch (error) {
      // Too busy to check: no password was checked, so the attempt does not count.
      if (error instanceof BusyError) await this.uow.write(({ accounts }) => accounts.cancelAttempt(reservation.attemptId));
      throw error;
    }
    if (!valid || !user) throw new UnauthenticatedError(WRONG_LOGIN);
    return this.uow.write(async (repos) => {
      await repos.accounts.markAttemptSucceeded(reservation.attemptId);
      // The password may have changed or ended while it was checked.
      const current = await repos.accounts.lockUser(user.id);
      if (!current || current.passwordHash !== usable || current.disabledAt) throw new UnauthenticatedError(WRONG_LOGIN);
      if (previousSessionToken) await this.endSession(repos, previousSessionToken, ip);
      return this.openSessionIn(repos, user.id, ip);
    });
  }

  /**
   * A person the municipality's identity provider vouched for: the account
   * linked to that identity, or, the first time, the account with the same
   * verified e-mail address. Linking ends the account's local password,
   * unused links, sessions and API tokens, so a password someone else chose
   * cannot stay in use beside the identity provider. Accounts are made by
   * administrators and beheerders, never here.
   */
  async loginWithIdentity(
    identity: OidcIdentity,
    ip: string,
    previousSessionToken?: string,
  ): Promise<{ sessionToken: string; actor: Actor }> {
    return this.uow.write(async (repos) => {
      let user = await repos.accounts.findUserByOidc(identity.issuer, identity.subject);
      if (!user && identity.email && identity.emailVerified) {
        const byEmail = await repos.accounts.findUserByEmail(identity.email);
        // Never linked by e-mail alone: a disabled account, or an administrator of all of Koers.
        if (byEmail && !byEmail.disabledAt && !byEmail.isAdministrator) {
          await repos.accounts.lockUser(byEmail.id);
          await repos.accounts.linkOidc(byEmail.id, identity.issuer, identity.subject);
          await recordAccountEvent(repos, SYSTEM, {
            action: 'user.oidc-linked',
            userId: byEmail.id,
            after: { issuer: identity.issuer },
            ip,
          });
          await this.links.voidCredentials(repos, SYSTEM, byEmail.id, 'het account is gekoppeld aan de identity provider');
          user = byEmail;
        }
      }
      if (!user || user.disabledAt) {
        throw new ForbiddenError(
          `Er is in Koers geen actief account voor ${identity.email ?? 'deze gebruiker'}. Vraag de beheerder om er een te maken.`,
        );
      }
      await repos.accounts.recordLoginAttempt(ip, user.email, true);
      if (previousSessionToken) await this.endSession(repos, previousSessionToken, ip);
      return this.openSessionIn(repos, user.id, ip);
    });
  }

  /** Opens a session for a user who proved who he is (password, identity provider, or the command line for tests and tools). */
  openSession(userId: string, ip: string | null): Promise<{ sessionToken: string; actor: Actor }> {
    return this.uow.write((repos) => this.openSessionIn(repos, userId, ip));
  }

  private async openSessionIn(repos: Repositories, userId: string, ip: string | null): Promise<{ sessionToken: string; actor: Actor }> {
    const actor = await repos.accounts.loadActor(userId);
    if (!actor) throw new UnauthenticatedError('Dit account is niet (meer) actief');
    const sessionToken = newSecret();
    const expiresAt = await repos.accounts.insertSession({
      tokenHash: hashSecret(sessionToken),
      userId,
      absoluteHours: this.sessions.absoluteHours,
      ip,
    });
    await recordAccountEvent(repos, actor, { action: 'session.started', userId, after: { tot: expiresAt }, ip });
    return { sessionToken, actor };
  }

  /** The actor of a session cookie, or undefined when it is unknown, idle too long or past its end. */
  async actorForSession(sessionToken: string): Promise<Actor | undefined> {
    const tokenHash = hashSecret(sessionToken);
    return this.sessionReads.read(tokenHash);
  }

  async logout(actor: Actor, sessionToken: string): Promise<void> {
    await this.uow.write((repos) => this.endSession(repos, sessionToken, actor.ip ?? null));
  }

  private async endSession(repos: Repositories, sessionToken: string, ip: string | null): Promise<void> {
    const userId = await repos.accounts.deleteSession(hashSecret(sessionToken));
    if (!userId) return;
    const actor = await repos.accounts.loadActor(userId);
    await recordAccountEvent(repos, actor ?? SYSTEM, { action: 'session.ended', userId, ip });
  }

  /** Ends every session of a user ("log out everywhere", or an administrator locking someone out), and with `revokeTokens` every API token. */
  async endAllSessions(by: Actor, userId: string, options: { revokeTokens?: boolean } = {}): Promise<{ sessions: number; tokens: number }> {
    return this.uow.write(async (repos) => {
      const sessions = await repos.accounts.deleteSessionsOfUser(userId);
      const tokens = options.revokeTokens ? await repos.accounts.revokeAllApiTokens(userId) : 0;
      await recordAccountEvent(repos, by, {
        action: 'sessions.ended-all',
        userId,
        after: { beeindigd: sessions, ...(options.revokeTokens ? { apiTokensIngetrokken: tokens } : {}) },
      });
      return { sessions, tokens };
    });
  }

  /** A new personal API token; the secret is shown once and only its hash is kept. */
  async createApiToken(userId: string, name: string, by: Actor = SYSTEM): Promise<{ id: string; token: string }> {
    if (name.trim() === '') throw new ValidationError('Het token heeft een naam nodig', [{ path: 'naam', message: 'mag niet leeg zijn' }]);
    if (name.trim().length > 100)
      throw new ValidationError('De naam is te lang', [{ path: 'naam', message: 'gebruik hoogstens 100 tekens' }]);
    const token = newSecret(API_TOKEN_PREFIX);
    return this.uow.write(async (repos) => {
      const id = await repos.accounts.insertApiToken({ userId, name: name.trim(), tokenHash: hashSecret(token) });
      await recordAccountEvent(repos, by, { action: 'api-token.created', userId, after: { token: id, naam: name.trim() } });
      return { id, token };
    });
  }

  /** What happened to an account, newest first: the user's own history page. */
  async accountHistory(userId: string, limit = 20) {
    return (await this.uow.read(({ audit }) => audit.history('user', userId))).reverse().slice(0, limit);
  }

  listApiTokens(userId: string) {
    return this.uow.read(({ accounts }) => accounts.listApiTokens(userId));
  }

  async actorForApiToken(token: string): Promise<Actor | undefined> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    return this.uow.read(async ({ accounts }) => {
      const found = await accounts.findLiveApiToken(hashSecret(token));
      if (!found) return undefined;
      await accounts.markApiTokenUsed(found.id);
      return accounts.loadActor(found.userId);
    });
  }

  /** Revokes one of the user's own tokens; false when there is no such live token (an id that is no UUID included). */
  async revokeApiToken(userId: string, tokenId: string, by: Actor = SYSTEM): Promise<boolean> {
    if (!isUuid(tokenId)) return false;
    return this.uow.write(async (repos) => {
      const revoked = await repos.accounts.revokeApiToken(userId, tokenId);
      if (revoked) {
        await recordAccountEvent(repos, by, {
          action: 'api-token.revoked',
          userId,
          before: { token: tokenId, ingetrokken: false },
          after: { token: tokenId, ingetrokken: true },
        });
      }
      return revoked;
    });
  }
}

/** What a role names, as a form or a command gives it: a partner or portfolio holder by key or by name. */
export interface RoleLinkInput {
  partner?: string | null;
  portfolioHolder?: string | null;
}

/**
 * The partner and portfolio holder a role names, found among those of the
 * municipality's plans by key or by name (in any case). A partner role must
 * name a partner; a portfolio holder role may name a portfolio holder; other
 * roles name neither. Problems are added to `problems`.
 */
export function resolveRoleLink(
  role: RoleCode | undefined,
  input: RoleLinkInput,
  targets: { partners: RoleTarget[]; portfolioHolders: RoleTarget[] },
  problems: { path: string; message: string }[],
): RoleLink {
  const find = (given: string, among: RoleTarget[]) => {
    const wanted = given.trim().toLowerCase();
    return among.find((target) => target.key === wanted || target.name.toLowerCase() === wanted);
  };
  const choices = (among: RoleTarget[]) =>
    among.length === 0 ? 'de plannen van deze gemeente hebben er geen' : `kies uit ${among.map((target) => target.key).join(', ')}`;
  const partner = input.partner?.trim() || null;
  const holder = input.portfolioHolder?.trim() || null;
  let partnerKey: string | null = null;
  let portfolioHolderKey: string | null = null;
  if (role === 'partner') {
    if (!partner) problems.push({ path: 'partner', message: 'een partner meldt voor een partner van het plan: geef die op' });
    else {
      partnerKey = find(partner, targets.partners)?.key ?? null;
      if (!partnerKey)
        problems.push({
          path: 'partner',
          message: `${partner} is geen partner in de plannen van deze gemeente: ${choices(targets.partners)}`,
        });
    }
  } else if (partner) {
    problems.push({ path: 'partner', message: 'alleen de rol partner meldt voor een partner' });
  }
  if (holder) {
    if (role !== 'portefeuillehouder')
      problems.push({ path: 'portefeuillehouder', message: 'alleen de rol portefeuillehouder trekt activiteiten' });
    else {
      portfolioHolderKey = find(holder, targets.portfolioHolders)?.key ?? null;
      if (!portfolioHolderKey)
        problems.push({
          path: 'portefeuillehouder',
          message: `${holder} is geen portefeuillehouder in de plannen van deze gemeente: ${choices(targets.portfolioHolders)}`,
        });
    }
  }
  return { partnerKey, portfolioHolderKey };
}
