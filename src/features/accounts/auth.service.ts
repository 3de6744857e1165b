/**
 * Logging in and staying logged in: local accounts with argon2id, server-side
 * sessions with idle and absolute timeouts, personal API tokens, and a login
 * rate limit per IP address and per account.
 */
import { ForbiddenError, TooManyAttemptsError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import type { AccountRepository } from './account.repository.js';
import { type Actor, auditActor, SYSTEM } from './actor.js';
import type { OidcIdentity } from './oidc-client.js';
import { assertAcceptablePassword, hashPassword, MAX_PASSWORD_LENGTH, spendVerificationTime, verifyPassword } from './password.js';
import { hashSecret, newSecret } from './secret-token.js';

export interface SessionPolicy {
  idleMinutes: number;
  absoluteHours: number;
}

/** Failed logins allowed in the window before 429: per account it protects the password, per IP the service. */
export const LOGIN_LIMITS = { windowMinutes: 15, perAccount: 5, perIp: 20 } as const;

const API_TOKEN_PREFIX = 'koers_';

export class AuthService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly audit: AuditRepository,
    private readonly sessions: SessionPolicy,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private record(
    by: Actor,
    action: string,
    objectType: string,
    objectId: string,
    before: unknown,
    after: unknown,
    ip?: string | null,
    municipalityId: string | null = null,
  ) {
    return this.audit.record({
      actor: auditActor(by),
      action,
      objectType,
      objectId,
      municipalityId,
      before,
      after,
      ip: ip ?? by.ip ?? null,
    });
  }

  /** Creates a local account; the first administrator is made this way from the command line. */
  async createUser(
    /** password null: an account that logs in through the identity provider only. */
    input: { name: string; email: string; password: string | null; isAdministrator: boolean },
    by: Actor = SYSTEM,
  ): Promise<string> {
    const email = input.email.trim().toLowerCase();
    const problems = [];
    if (input.name.trim() === '') problems.push({ path: 'naam', message: 'mag niet leeg zijn' });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push({ path: 'e-mail', message: 'is geen e-mailadres' });
    if (problems.length > 0) throw new ValidationError('De gebruiker is ongeldig', problems);
    if (input.password !== null) assertAcceptablePassword(input.password);
    if (await this.accounts.findUserByEmail(email)) {
      throw new ValidationError('De gebruiker bestaat al', [{ path: 'e-mail', message: `${email} heeft al een account` }]);
    }
    const id = await this.accounts.createUser({
      name: input.name.trim(),
      email,
      passwordHash: input.password === null ? null : await hashPassword(input.password),
      isAdministrator: input.isAdministrator,
    });
    // Personal data in the trail is kept to name, e-mail and roles; never a password or its hash.
    await this.record(by, 'user.created', 'user', id, null, { naam: input.name.trim(), email, beheerder: input.isAdministrator });
    return id;
  }

  /** Gives a user a role in a municipality (roles and their permissions are data: see the role tables). */
  async grantRole(by: Actor, email: string, municipalityCode: string, role: string, partnerName: string | null): Promise<void> {
    const roles = ['beheerder', 'coordinator', 'portefeuillehouder', 'partner', 'lezer'] as const;
    const problems = [];
    const user = await this.accounts.findUserByEmail(email.trim().toLowerCase());
    if (!user) problems.push({ path: 'e-mail', message: `er is geen account voor ${email}` });
    const municipalityId = await this.accounts.findMunicipalityId(municipalityCode);
    if (!municipalityId)
      problems.push({
        path: 'gemeente',
        message: `${municipalityCode} is in Koers nog niet bekend (lees eerst een plan van die gemeente in)`,
      });
    const roleCode = roles.find((candidate) => candidate === role);
    if (!roleCode) problems.push({ path: 'rol', message: `kies uit ${roles.join(', ')}` });
    if (roleCode === 'partner' && !partnerName)
      problems.push({ path: 'partner', message: 'een partner meldt voor een organisatie: geef die op' });
    if (problems.length > 0 || !user || !municipalityId || !roleCode)
      throw new ValidationError('De rol kan niet worden toegekend', problems);
    const granted = await this.accounts.grantRole(user.id, municipalityCode, roleCode, roleCode === 'partner' ? partnerName : null);
    if (!granted) return;
    await this.record(
      by,
      'user.role-granted',
      'user',
      user.id,
      null,
      { gemeente: municipalityCode, rol: roleCode, partner: partnerName },
      null,
      municipalityId,
    );
  }

  /** An administrator ends every session of someone else (a lost laptop, a person who left). */
  async endSessionsOf(by: Actor, email: string): Promise<number> {
    const user = await this.accounts.findUserByEmail(email.trim().toLowerCase());
    if (!user) throw new ValidationError('Onbekende gebruiker', [{ path: 'e-mail', message: `er is geen account voor ${email}` }]);
    return this.endAllSessions(by, user.id);
  }

  /** Checks e-mail and password and opens a session; returns the secret for the session cookie. */
  async login(email: string, password: string, ip: string): Promise<{ sessionToken: string; actor: Actor }> {
    const account = email.trim().toLowerCase().slice(0, 320);
    await this.assertNotRateLimited(ip, account);
    if (password.length > MAX_PASSWORD_LENGTH) throw new UnauthenticatedError('Het e-mailadres of het wachtwoord klopt niet');
    const user = await this.accounts.findUserByEmail(account);
    const usable = user?.passwordHash && !user.disabledAt ? user.passwordHash : null;
    // An unknown or disabled account takes as long to refuse as a wrong password, so timing tells nothing.
    const valid = usable ? await verifyPassword(password, usable) : await spendVerificationTime(password);
    await this.accounts.recordLoginAttempt(ip, account, valid);
    if (!valid || !user) throw new UnauthenticatedError('Het e-mailadres of het wachtwoord klopt niet');
    return this.openSession(user.id, ip);
  }

  /**
   * A person the municipality's identity provider vouched for: the account
   * linked to that identity, or, the first time, the account with the same
   * verified e-mail address. Accounts are made by administrators, never here.
   */
  async loginWithIdentity(identity: OidcIdentity, ip: string): Promise<{ sessionToken: string; actor: Actor }> {
    let user = await this.accounts.findUserByOidc(identity.issuer, identity.subject);
    if (!user && identity.email && identity.emailVerified) {
      const byEmail = await this.accounts.findUserByEmail(identity.email);
      // Never linked by e-mail alone: a disabled account, or an administrator of all of Koers.
      if (byEmail && !byEmail.disabledAt && !byEmail.isAdministrator) {
        await this.accounts.linkOidc(byEmail.id, identity.issuer, identity.subject);
        await this.record(SYSTEM, 'user.oidc-linked', 'user', byEmail.id, null, { issuer: identity.issuer }, ip);
        user = byEmail;
      }
    }
    if (!user || user.disabledAt) {
      throw new ForbiddenError(
        `Er is in Koers geen actief account voor ${identity.email ?? 'deze gebruiker'}. Vraag de beheerder om er een te maken.`,
      );
    }
    await this.accounts.recordLoginAttempt(ip, user.email, true);
    return this.openSession(user.id, ip);
  }

  /** Opens a session for a user who proved who he is (password or identity provider). */
  async openSession(userId: string, ip: string | null): Promise<{ sessionToken: string; actor: Actor }> {
    const actor = await this.accounts.loadActor(userId);
    if (!actor) throw new UnauthenticatedError('Dit account is niet (meer) actief');
    const sessionToken = newSecret();
    const expiresAt = new Date(this.now().getTime() + this.sessions.absoluteHours * 3_600_000);
    await this.accounts.insertSession({ tokenHash: hashSecret(sessionToken), userId, expiresAt, ip });
    await this.record(actor, 'session.started', 'user', userId, null, { tot: expiresAt.toISOString() }, ip);
    return { sessionToken, actor };
  }

  /** The actor of a session cookie, or undefined when it is unknown, idle too long or past its end. */
  async actorForSession(sessionToken: string): Promise<Actor | undefined> {
    const tokenHash = hashSecret(sessionToken);
    const idleSince = new Date(this.now().getTime() - this.sessions.idleMinutes * 60_000);
    const session = await this.accounts.findLiveSession(tokenHash, idleSince);
    if (!session) return undefined;
    await this.accounts.touchSession(tokenHash);
    return this.accounts.loadActor(session.userId);
  }

  async logout(actor: Actor, sessionToken: string): Promise<void> {
    await this.accounts.deleteSession(hashSecret(sessionToken));
    if (actor.kind === 'user') await this.record(actor, 'session.ended', 'user', actor.userId, null, null);
  }

  /** Ends every session of a user: "log out everywhere", or an administrator locking someone out. */
  async endAllSessions(by: Actor, userId: string): Promise<number> {
    const ended = await this.accounts.deleteSessionsOfUser(userId);
    await this.record(by, 'sessions.ended-all', 'user', userId, null, { beeindigd: ended });
    return ended;
  }

  /** A new personal API token; the secret is shown once and only its hash is kept. */
  async createApiToken(userId: string, name: string, by: Actor = SYSTEM): Promise<{ id: string; token: string }> {
    if (name.trim() === '') throw new ValidationError('Het token heeft een naam nodig', [{ path: 'naam', message: 'mag niet leeg zijn' }]);
    const token = newSecret(API_TOKEN_PREFIX);
    const id = await this.accounts.insertApiToken({ userId, name: name.trim(), tokenHash: hashSecret(token) });
    await this.record(by, 'api-token.created', 'user', userId, null, { token: id, naam: name.trim() });
    return { id, token };
  }

  /** What happened to an account, newest first: the user's own history page. */
  async accountHistory(userId: string, limit = 20) {
    return (await this.audit.history('user', userId)).reverse().slice(0, limit);
  }

  listApiTokens(userId: string) {
    return this.accounts.listApiTokens(userId);
  }

  async actorForApiToken(token: string): Promise<Actor | undefined> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return undefined;
    const found = await this.accounts.findLiveApiToken(hashSecret(token));
    if (!found) return undefined;
    await this.accounts.markApiTokenUsed(found.id);
    return this.accounts.loadActor(found.userId);
  }

  async revokeApiToken(userId: string, tokenId: string, by: Actor = SYSTEM): Promise<boolean> {
    const revoked = await this.accounts.revokeApiToken(userId, tokenId);
    if (revoked)
      await this.record(
        by,
        'api-token.revoked',
        'user',
        userId,
        { token: tokenId, ingetrokken: false },
        { token: tokenId, ingetrokken: true },
      );
    return revoked;
  }

  private async assertNotRateLimited(ip: string, account: string): Promise<void> {
    const since = new Date(this.now().getTime() - LOGIN_LIMITS.windowMinutes * 60_000);
    for (const [by, value, limit] of [
      ['account', account, LOGIN_LIMITS.perAccount],
      ['ip', ip, LOGIN_LIMITS.perIp],
    ] as const) {
      const { count, oldest } = await this.accounts.countFailedAttempts(by, value, since);
      if (count >= limit) {
        const liftsAt = new Date(oldest ?? this.now()).getTime() + LOGIN_LIMITS.windowMinutes * 60_000;
        const retryAfterSeconds = Math.max(1, Math.ceil((liftsAt - this.now().getTime()) / 1000));
        throw new TooManyAttemptsError('Te veel mislukte inlogpogingen; probeer het later opnieuw', retryAfterSeconds);
      }
    }
  }
}
