/**
 * User management by a municipality's beheerder: the users with a role in the
 * municipalities he or she manages, adding someone with a role, and ending
 * someone's sessions. An administrator of Koers manages every municipality.
 */
import { ForbiddenError, NotFoundError, UnauthenticatedError, ValidationError } from '../../domain/errors.js';
import { municipalitiesWith } from './access.policy.js';
import type { AccountRepository } from './account.repository.js';
import type { Actor } from './actor.js';
import type { AuthService } from './auth.service.js';

const ROLES = ['beheerder', 'coordinator', 'portefeuillehouder', 'partner', 'lezer'];

export interface NewUser {
  name: string;
  email: string;
  municipalityCode: string;
  role: string;
  partnerName: string | null;
  /** Null: the person logs in through the municipality's identity provider. */
  password: string | null;
}

export class UserAdminService {
  constructor(
    private readonly accounts: AccountRepository,
    private readonly auth: AuthService,
  ) {}

  /** The municipalities the actor manages users of (null: all, for an administrator). */
  private managed(actor: Actor): string[] | null {
    if (actor.kind === 'system' || (actor.kind === 'user' && actor.isAdministrator)) return null;
    if (actor.kind === 'anonymous') throw new UnauthenticatedError('Log in om gebruikers te beheren');
    const ids = municipalitiesWith(actor, 'users:manage');
    if (ids.length === 0) throw new ForbiddenError('U beheert geen gebruikers: daarvoor is de rol beheerder nodig');
    return ids;
  }

  async overview(actor: Actor) {
    const managed = this.managed(actor);
    const [municipalities, rows] = await Promise.all([
      this.accounts.listMunicipalities(managed),
      this.accounts.listUsersWithRoles(managed),
    ]);
    return { municipalities, rows };
  }

  /** Adds a role to an existing account, or makes the account first. */
  async addUser(actor: Actor, input: NewUser): Promise<void> {
    const managed = this.managed(actor);
    const municipalityId = await this.accounts.findMunicipalityId(input.municipalityCode);
    if (managed && (!municipalityId || !managed.includes(municipalityId))) {
      throw new ForbiddenError(`U beheert geen gebruikers van ${input.municipalityCode}`);
    }
    // The role is checked before an account is made, so a refused form leaves nothing half-written.
    const roleProblems = [];
    if (!ROLES.includes(input.role)) roleProblems.push({ path: 'rol', message: `kies uit ${ROLES.join(', ')}` });
    if (input.role === 'partner' && !input.partnerName)
      roleProblems.push({ path: 'partner', message: 'een partner meldt voor een organisatie: geef die op' });
    if (roleProblems.length > 0) throw new ValidationError('De rol kan niet worden toegekend', roleProblems);
    if (!(await this.accounts.findUserByEmail(input.email.trim().toLowerCase()))) {
      await this.auth.createUser({ name: input.name, email: input.email, password: input.password, isAdministrator: false }, actor);
    }
    await this.auth.grantRole(actor, input.email, input.municipalityCode, input.role, input.partnerName);
  }

  /** Ends every session of a user who has a role in a municipality the actor manages. */
  async endSessions(actor: Actor, userId: string): Promise<number> {
    const managed = this.managed(actor);
    const theirs = await this.accounts.municipalityIdsOfUser(userId);
    if (managed && !theirs.some((id) => managed.includes(id))) throw new NotFoundError('Gebruiker', userId);
    return this.auth.endAllSessions(actor, userId);
  }
}
