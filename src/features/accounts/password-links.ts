/**
 * One-time links with which a person sets a password of their own, and who
 * could know a password: the municipality whose beheerder issued the link
 * that set it. A password a beheerder of another municipality could know ends
 * (with unused links, sessions and API tokens) once the account reaches
 * further than that beheerder may, and when the account is linked to the
 * identity provider.
 */
import { ValidationError } from '../../domain/errors.js';
import type { Repositories, UnitOfWork } from '../unit-of-work.js';
import { recordAccountEvent } from './account-events.js';
import { type Actor, auditActor, SYSTEM } from './actor.js';
import { assertAcceptablePassword, hashPassword } from './password.js';
import { hashSecret, newSecret } from './secret-token.js';

/** How long a link to set a password stays valid. */
export const PASSWORD_LINK_HOURS = 72;

export interface PasswordLink {
  /** The secret part of the link: /wachtwoord-instellen/{token}. Shown once; only its hash is kept. */
  token: string;
  expiresAt: string;
}

export class PasswordLinks {
  constructor(private readonly uow: UnitOfWork) {}

  /**
   * A one-time link with which the person sets a password of their own, valid
   * for 72 hours; earlier unused links end. `municipalityId`: the municipality
   * of the beheerder who issues it (who sees the link, and so could use it);
   * null for an administrator or the command line. In the caller's unit of
   * work, so an account and its first link commit together.
   */
  async issue(repos: Repositories, by: Actor, userId: string, municipalityId: string | null): Promise<PasswordLink> {
    const token = newSecret();
    const issuer = auditActor(by);
    const expiresAt = await repos.accounts.insertPasswordLink({
      tokenHash: hashSecret(token),
      userId,
      municipalityId,
      issuedBy: issuer.id,
      issuedByLabel: issuer.label,
      validHours: PASSWORD_LINK_HOURS,
    });
    await recordAccountEvent(repos, by, { action: 'password-link.issued', userId, municipalityId, after: { geldigTot: expiresAt } });
    return { token, expiresAt };
  }

  /** Whose link this is, while it can still be used; undefined otherwise. */
  async holder(token: string): Promise<{ name: string; email: string; expiresAt: string } | undefined> {
    return this.uow.read(async ({ accounts }) => {
      const link = await accounts.findUsablePasswordLink(hashSecret(token));
      const user = link ? await accounts.findUser(link.userId) : undefined;
      return link && user && !user.disabledAt ? { name: user.name, email: user.email, expiresAt: link.expiresAt } : undefined;
    });
  }

  /**
   * Sets the password through a link, once. The password then counts as known
   * in the municipality whose beheerder issued the link; a link of a
   * beheerder no longer works once the account has a role elsewhere. Every
   * session of the account ends.
   */
  async setPassword(token: string, password: string, repeated: string, ip: string | null): Promise<{ email: string }> {
    assertAcceptablePassword(password);
    if (password !== repeated) {
      throw new ValidationError('De wachtwoorden verschillen', [{ path: 'herhaling', message: 'tik twee keer hetzelfde wachtwoord' }]);
    }
    const expired = new ValidationError('Deze link werkt niet meer', [
      { path: 'link', message: 'de link is al gebruikt, vervallen of ouder dan 72 uur: vraag de beheerder om een nieuwe' },
    ]);
    // No hashing for a link that cannot be used: an unknown token costs nothing.
    if (!(await this.holder(token))) throw expired;
    const passwordHash = await hashPassword(password);
    return this.uow.write(async (repos) => {
      const link = await repos.accounts.findUsablePasswordLink(hashSecret(token), true);
      if (!link) throw expired;
      const user = await repos.accounts.lockUser(link.userId);
      if (!user || user.disabledAt) throw expired;
      if (link.municipalityId !== null) {
        const elsewhere = (await repos.accounts.municipalityIdsOfUser(user.id)).some((id) => id !== link.municipalityId);
        if (elsewhere) throw expired;
      }
      await repos.accounts.setPassword(user.id, passwordHash, link.municipalityId);
      await repos.accounts.markPasswordLinkUsed(link.tokenHash);
      const sessions = await repos.accounts.deleteSessionsOfUser(user.id);
      const actor = (await repos.accounts.loadActor(user.id)) ?? SYSTEM;
      await recordAccountEvent(repos, actor, {
        action: 'user.password-set',
        userId: user.id,
        after: { via: 'wachtwoordlink', sessiesBeeindigd: sessions },
        ip,
      });
      return { email: user.email };
    });
  }

  /**
   * Ends a password (and unused links) that a beheerder of another
   * municipality than `municipalityId` could know, with the sessions and API
   * tokens that may have come from it. True when something ended.
   */
  async voidKnownOutside(repos: Repositories, by: Actor, userId: string, municipalityId: string): Promise<boolean> {
    const user = await repos.accounts.findUser(userId);
    if (!user) return false;
    const links = await repos.accounts.pendingLinkMunicipalities(userId);
    const passwordOutside = user.passwordHash !== null && user.passwordKnownIn !== null && user.passwordKnownIn !== municipalityId;
    const linkOutside = links.some((id) => id !== null && id !== municipalityId);
    if (!passwordOutside && !linkOutside) return false;
    await this.voidCredentials(repos, by, userId, 'de gebruiker kreeg een rol bij een andere gemeente');
    return true;
  }

  /** Ends the password, unused links, sessions and API tokens of a user, recorded with the reason. */
  async voidCredentials(repos: Repositories, by: Actor, userId: string, reason: string): Promise<void> {
    await repos.accounts.setPassword(userId, null, null);
    const links = await repos.accounts.voidPasswordLinks(userId);
    const sessions = await repos.accounts.deleteSessionsOfUser(userId);
    const tokens = await repos.accounts.revokeAllApiTokens(userId);
    await recordAccountEvent(repos, by, {
      action: 'user.password-voided',
      userId,
      after: { reden: reason, wachtwoordlinks: links, sessies: sessions, apiTokens: tokens },
    });
  }
}
