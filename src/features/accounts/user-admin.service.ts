/**
 * User management by a municipality's beheerder: the users with a role in the
 * municipalities he or she manages, adding someone with a role, a link to set
 * a password, and ending someone's sessions. An administrator of Koers manages
 * every municipality.
 *
 * A beheerder never types or sees a password. A new account gets its first
 * password through a one-time link the beheerder passes on; an existing
 * account only gets the role. A beheerder may issue a new link only for an
 * account whose roles all lie in municipalities he or she manages.
 */

import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import { isUuid } from '../../domain/ids.js';
import type { UnitOfWork } from '../unit-of-work.js';
import { municipalitiesWith } from './access.policy.js';
import type { Actor } from './actor.js';
import { type AuthService, ROLE_CODES } from './auth.service.js';
import type { PasswordLink, PasswordLinks } from './password-links.js';

export interface NewUser {
  name: string;
  email: string;
  municipalityCode: string;
  role: string;
  /** The partner (key or name) a partner reports for; the portfolio holder (key or name) a portfolio holder is. */
  partner: string | null;
  portfolioHolder: string | null;
}

export interface AddedUser {
  /** False when the account existed already: it only got the role. */
  created: boolean;
  /** The link for the new account's first password (shown once). */
  link: PasswordLink | null;
  /** The account's password ended because it now has a role outside the municipality whose beheerder could know it. */
  passwordVoided: boolean;
}

export class UserAdminService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly auth: AuthService,
    private readonly links: PasswordLinks,
  ) {}

  /** The municipalities the actor manages users of (null: all, for an administrator or the system). */
  private managed(actor: Actor): string[] | null {
    if (actor.kind === 'system' || (actor.kind === 'user' && actor.isAdministrator)) return null;
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('Log in om gebruikers te beheren');
    const ids = municipalitiesWith(actor, 'users:manage');
    if (ids.length === 0) throw new ForbiddenError('U beheert geen gebruikers: daarvoor is de rol beheerder nodig');
    return ids;
  }

  async overview(actor: Actor) {
    const managed = this.managed(actor);
    return this.uow.read(async ({ accounts }) => {
      const [municipalities, rows] = await Promise.all([accounts.listMunicipalities(managed), accounts.listUsersWithRoles(managed)]);
      // What a partner role and a portfolio holder role can name, per municipality, for the form's choices.
      const targets = new Map(
        await Promise.all(
          municipalities.map(async (municipality) => [municipality.code, await accounts.roleTargets(municipality.id)] as const),
        ),
      );
      const theirs = await accounts.municipalityIdsOfUsers([...new Set(rows.map((row) => row.id))]);
      const resettable = new Set(rows.filter((row) => mayIssueLink(managed, row, theirs.get(row.id) ?? [])).map((row) => row.id));
      return { municipalities, rows, resettable, targets };
    });
  }

  /**
   * Gives someone a role, making the account first when none exists (with a
   * link for the first password). Account, role, link and their audit events
   * commit together: a refused role leaves no account behind.
   */
  async addUser(actor: Actor, input: NewUser): Promise<AddedUser> {
    const managed = this.managed(actor);
    const role = ROLE_CODES.find((candidate) => candidate === input.role);
    const problems = [];
    if (!role) problems.push({ path: 'rol', message: `kies uit ${ROLE_CODES.join(', ')}` });
    if (role === 'partner' && !input.partner?.trim())
      problems.push({ path: 'partner', message: 'een partner meldt voor een partner van het plan: geef die op' });
    if (problems.length > 0) throw new ValidationError('De rol kan niet worden toegekend', problems);
    return this.uow.write(async (repos) => {
      const municipalityId = await repos.accounts.findMunicipalityId(input.municipalityCode);
      if (managed && (!municipalityId || !managed.includes(municipalityId))) {
        throw new ForbiddenError(`U beheert geen gebruikers van ${input.municipalityCode}`);
      }
      const email = input.email.trim().toLowerCase();
      const existing = await repos.accounts.findUserByEmail(email);
      const userId =
        existing?.id ?? (await this.auth.createUser({ name: input.name, email, password: null, isAdministrator: false }, actor));
      const { passwordVoided } = await this.auth.grantRole(actor, email, input.municipalityCode, input.role, {
        partner: input.partner,
        portfolioHolder: input.portfolioHolder,
      });
      // The first password of a new account: the beheerder passes the link on (an administrator's link is known to no beheerder).
      const link = existing ? null : await this.links.issue(repos, actor, userId, managed ? (municipalityId ?? null) : null);
      return { created: !existing, link, passwordVoided };
    });
  }

  /**
   * A new link to set a password, for an account whose roles all lie in
   * municipalities the actor manages (never an administrator's account).
   */
  async issuePasswordLink(actor: Actor, userId: string): Promise<{ link: PasswordLink; email: string }> {
    const managed = this.managed(actor);
    if (!isUuid(userId)) throw new NotFoundError('Gebruiker', userId);
    return this.uow.write(async (repos) => {
      const user = await repos.accounts.lockUser(userId);
      const theirs = user ? await repos.accounts.municipalityIdsOfUser(userId) : [];
      if (!user || (managed && !theirs.some((id) => managed.includes(id)))) throw new NotFoundError('Gebruiker', userId);
      if (!mayIssueLink(managed, user, theirs)) {
        throw new ForbiddenError(
          `${user.email} heeft ook een rol bij een gemeente die u niet beheert: alleen een beheerder van Koers kan een nieuwe wachtwoordlink geven`,
        );
      }
      const municipalityId = managed ? (theirs[0] ?? null) : null;
      return { link: await this.links.issue(repos, actor, userId, municipalityId), email: user.email };
    });
  }

  /** The account with this e-mail address, for the command line (which acts as the system). */
  async findAccount(email: string): Promise<{ id: string; email: string }> {
    const user = await this.uow.read(({ accounts }) => accounts.findUserByEmail(email.trim().toLowerCase()));
    if (!user) throw new ValidationError('Onbekende gebruiker', [{ path: 'e-mail', message: `er is geen account voor ${email}` }]);
    return { id: user.id, email: user.email };
  }

  /** Ends every session of a user who has a role in a municipality the actor manages. */
  async endSessions(actor: Actor, userId: string): Promise<number> {
    const managed = this.managed(actor);
    if (!isUuid(userId)) throw new NotFoundError('Gebruiker', userId);
    const theirs = await this.uow.read(({ accounts }) => accounts.municipalityIdsOfUser(userId));
    if (managed && !theirs.some((id) => managed.includes(id))) throw new NotFoundError('Gebruiker', userId);
    return (await this.auth.endAllSessions(actor, userId)).sessions;
  }
}

/**
 * Whether the actor (managing `managed`; null: everything) may give the user
 * a new password link: never for an administrator's account, and for a
 * beheerder only when every role of the user lies in the one municipality
 * the link will name, and the beheerder manages it.
 */
function mayIssueLink(managed: string[] | null, user: { isAdministrator: boolean }, theirs: string[]): boolean {
  if (managed === null) return true;
  if (user.isAdministrator) return false;
  const municipalities = new Set(theirs);
  return municipalities.size === 1 && theirs.every((id) => managed.includes(id));
}
