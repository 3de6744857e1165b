/** Accounts, sessions, tokens and the login rate limit, on every engine of this run. */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { TooManyAttemptsError, UnauthenticatedError, ValidationError } from '../src/domain/errors.js';
import { AuthService, LOGIN_LIMITS } from '../src/features/accounts/auth.service.js';
import { PasswordLinks } from '../src/features/accounts/password-links.js';
import { AuditRepository } from '../src/features/audit/audit.repository.js';
import { createUnitOfWork } from '../src/features/unit-of-work.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('accounts on %s', (engine) => {
  let handle: DatabaseHandle;
  let auth: AuthService;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    const uow = createUnitOfWork(handle);
    auth = new AuthService(uow, { idleMinutes: 30, absoluteHours: 12 }, new PasswordLinks(uow));
  });
  afterAll(() => handle.close());

  it('stores an argon2id hash, never the password', async () => {
    await auth.createUser({ name: 'Coördinator', email: 'OOV@Example.org', password: 'correct paard batterij', isAdministrator: false });
    const row = await handle.db
      .selectFrom('userAccount')
      .select(['email', 'passwordHash'])
      .where('email', '=', 'oov@example.org')
      .executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain('correct paard');
  });

  it('refuses a short password and a second account with the same e-mail address', async () => {
    await expect(
      auth.createUser({ name: 'Kort', email: 'kort@example.org', password: 'kort', isAdministrator: false }),
    ).rejects.toBeInstanceOf(ValidationError);
    await expect(
      auth.createUser({ name: 'Dubbel', email: 'oov@example.org', password: 'nog een wachtwoord', isAdministrator: false }),
    ).rejects.toMatchObject({
      problems: [{ path: 'e-mail' }],
    });
  });

  it('opens a session for the right password and refuses a wrong one', async () => {
    const { sessionToken, actor } = await auth.login('oov@example.org', 'correct paard batterij', '10.0.0.1');
    expect(actor).toMatchObject({ kind: 'user', name: 'Coördinator' });
    expect(await auth.actorForSession(sessionToken)).toMatchObject({ kind: 'user', email: 'oov@example.org' });
    await expect(auth.login('oov@example.org', 'fout', '10.0.0.1')).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(auth.login('niemand@example.org', 'fout', '10.0.0.1')).rejects.toBeInstanceOf(UnauthenticatedError);
  });

  it('ends a session that has been idle too long, and one past its absolute end', async () => {
    const idle = await auth.login('oov@example.org', 'correct paard batterij', '10.0.0.2');
    const old = await auth.login('oov@example.org', 'correct paard batterij', '10.0.0.2');
    await sql`update user_session set last_seen_at = now() - interval '31 minutes' where created_at = (select min(created_at) from user_session where ip = '10.0.0.2')`.execute(
      handle.db,
    );
    const sessions = await handle.db.selectFrom('userSession').select(['lastSeenAt']).where('ip', '=', '10.0.0.2').execute();
    expect(sessions).toHaveLength(2);
    const [first, second] = await Promise.all([auth.actorForSession(idle.sessionToken), auth.actorForSession(old.sessionToken)]);
    expect([first, second].filter((actor) => actor === undefined)).toHaveLength(1);
    await sql`update user_session set expires_at = now() - interval '1 second', created_at = now() - interval '13 hours' where ip = '10.0.0.2'`.execute(
      handle.db,
    );
    expect(await auth.actorForSession(old.sessionToken)).toBeUndefined();
    expect(await auth.actorForSession(idle.sessionToken)).toBeUndefined();
  });

  it('logs a user out everywhere at once', async () => {
    const one = await auth.login('oov@example.org', 'correct paard batterij', '10.0.0.3');
    const two = await auth.login('oov@example.org', 'correct paard batterij', '10.0.0.4');
    const actor = await auth.actorForSession(one.sessionToken);
    const ended = await auth.endAllSessions(actor!, actor!.kind === 'user' ? actor!.userId : '');
    expect(ended.sessions).toBeGreaterThanOrEqual(2);
    expect(ended.tokens).toBe(0);
    expect(await auth.actorForSession(one.sessionToken)).toBeUndefined();
    expect(await auth.actorForSession(two.sessionToken)).toBeUndefined();
  });

  it('limits failed logins per account, with the time until it lifts, even for the right password', async () => {
    await auth.createUser({ name: 'Doelwit', email: 'doelwit@example.org', password: 'juiste wachtwoord 1', isAdministrator: false });
    for (let attempt = 0; attempt < LOGIN_LIMITS.perAccount; attempt++) {
      await expect(auth.login('doelwit@example.org', `fout ${attempt}`, `10.1.0.${attempt}`)).rejects.toBeInstanceOf(UnauthenticatedError);
    }
    const error = await auth.login('doelwit@example.org', 'juiste wachtwoord 1', '10.1.0.99').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TooManyAttemptsError);
    expect((error as TooManyAttemptsError).retryAfterSeconds).toBeGreaterThan(0);
    expect((error as TooManyAttemptsError).retryAfterSeconds).toBeLessThanOrEqual(LOGIN_LIMITS.windowMinutes * 60);
  });

  it('checks at most the limit of passwords when a hundred wrong ones arrive at the same moment', async () => {
    await auth.createUser({ name: 'Parallel', email: 'parallel@example.org', password: 'juiste wachtwoord 2', isAdministrator: false });
    const outcomes = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        auth.login('parallel@example.org', `fout ${index}`, '10.2.0.1').then(
          () => 'ingelogd',
          (error: unknown) =>
            error instanceof UnauthenticatedError ? 'fout' : error instanceof TooManyAttemptsError ? 'te veel' : String(error),
        ),
      ),
    );
    expect(outcomes.filter((outcome) => outcome === 'fout')).toHaveLength(LOGIN_LIMITS.perAccount);
    expect(outcomes.filter((outcome) => outcome === 'te veel')).toHaveLength(100 - LOGIN_LIMITS.perAccount);
    const attempts = await handle.db.selectFrom('loginAttempt').select('id').where('account', '=', 'parallel@example.org').execute();
    expect(attempts).toHaveLength(LOGIN_LIMITS.perAccount);
  });

  it('limits failed logins per IP address across accounts', async () => {
    for (let attempt = 0; attempt < LOGIN_LIMITS.perIp; attempt++) {
      await expect(auth.login(`gok${attempt}@example.org`, 'fout', '10.9.9.9')).rejects.toBeInstanceOf(UnauthenticatedError);
    }
    await expect(auth.login('oov@example.org', 'correct paard batterij', '10.9.9.9')).rejects.toBeInstanceOf(TooManyAttemptsError);
    await expect(auth.login('oov@example.org', 'correct paard batterij', '10.9.9.10')).resolves.toMatchObject({ actor: { kind: 'user' } });
  });

  it('records account changes in the audit trail without any secret', async () => {
    const events = await handle.db.selectFrom('auditEvent').select(['action', 'after']).where('objectType', '=', 'user').execute();
    expect(events.map((event) => event.action)).toEqual(expect.arrayContaining(['user.created', 'session.started', 'sessions.ended-all']));
    const trail = JSON.stringify(events);
    expect(trail).not.toContain('argon2');
    expect(trail).not.toContain('correct paard');
    expect((await new AuditRepository(handle.db).verify()).ok).toBe(true);
  });

  it('accepts an API token until it is revoked, and keeps only its hash', async () => {
    const userId = await auth.createUser({
      name: 'Script',
      email: 'script@example.org',
      password: 'script wachtwoord',
      isAdministrator: false,
    });
    const { id, token } = await auth.createApiToken(userId, 'nachtelijke import');
    expect(token).toMatch(/^koers_/);
    expect(await handle.db.selectFrom('apiToken').select('tokenHash').where('id', '=', id).executeTakeFirstOrThrow()).not.toEqual({
      tokenHash: token,
    });
    expect(await auth.actorForApiToken(token)).toMatchObject({ kind: 'user', userId });
    expect(await auth.revokeApiToken(userId, id)).toBe(true);
    expect(await auth.actorForApiToken(token)).toBeUndefined();
  });
});
