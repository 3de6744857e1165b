/**
 * People for service tests: an account with one role in Maasgouw (GM1641),
 * a partner role for the police, loaded as the actor it signs in as.
 */
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import type { Actor } from '../src/features/accounts/actor.js';
import type { createServices } from '../src/server.js';

export async function person(
  handle: DatabaseHandle,
  services: ReturnType<typeof createServices>,
  email: string,
  role: 'coordinator' | 'lezer' | 'partner',
): Promise<Actor> {
  const accounts = new AccountRepository(handle.db);
  const id = await services.auth.createUser({ name: email.split('@')[0] ?? email, email, password: null, isAdministrator: false });
  await accounts.grantRole(id, 'GM1641', role, { partnerKey: role === 'partner' ? 'politie' : null, portfolioHolderKey: null });
  return (await accounts.loadActor(id)) as Actor;
}
