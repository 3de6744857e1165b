/** One unit of work per request or command: all or nothing, and no query around a running transaction. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { QueryOutsideTransactionError } from '../src/db/pglite-dialect.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { createUnitOfWork, type UnitOfWork } from '../src/features/unit-of-work.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const someone = (email: string) => ({ name: 'Iemand', email, passwordHash: null, isAdministrator: false });
const event = (objectId: string) => ({
  actor: { id: null, label: 'test' },
  action: 'user.created',
  objectType: 'user',
  objectId,
  municipalityId: null,
  before: null,
  after: { test: true },
  ip: null,
});

describe.each(ENGINES)('the unit of work on %s', (engine) => {
  let handle: DatabaseHandle;
  let uow: UnitOfWork;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    uow = createUnitOfWork(handle);
  });
  afterAll(() => handle.close());

  it('commits a change and its audit event together', async () => {
    const id = await uow.write(async ({ accounts, audit }) => {
      const created = await accounts.createUser(someone('samen@example.org'));
      await audit.record(event(created));
      return created;
    });
    expect(await uow.read(({ accounts }) => accounts.findUser(id))).toMatchObject({ email: 'samen@example.org' });
    expect(await uow.read(({ audit }) => audit.history('user', id))).toHaveLength(1);
  });

  it('rolls back the change and its audit event together when anything in the unit fails', async () => {
    let id = '';
    await expect(
      uow.write(async ({ accounts, audit }) => {
        id = await accounts.createUser(someone('half@example.org'));
        await audit.record(event(id));
        throw new Error('mislukt na het schrijven');
      }),
    ).rejects.toThrow('mislukt na het schrijven');
    expect(await uow.read(({ accounts }) => accounts.findUserByEmail('half@example.org'))).toBeUndefined();
    expect(await uow.read(({ audit }) => audit.history('user', id))).toHaveLength(0);
  });

  it('lets a read or a write called inside a running write join its transaction', async () => {
    await expect(
      uow.write(async ({ accounts }) => {
        await accounts.createUser(someone('binnen@example.org'));
        // Code the write calls sees what the write wrote, and its own write joins it (and rolls back with it).
        expect(await uow.read(({ accounts: inner }) => inner.findUserByEmail('binnen@example.org'))).toBeDefined();
        await uow.write(({ accounts: inner }) => inner.createUser(someone('genest@example.org')));
        throw new Error('terug');
      }),
    ).rejects.toThrow('terug');
    expect(await uow.read(({ accounts }) => accounts.findUserByEmail('genest@example.org'))).toBeUndefined();
  });
});

describe('the unit of work on the embedded database, which has one connection', () => {
  let handle: DatabaseHandle;
  let uow: UnitOfWork;

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    uow = createUnitOfWork(handle);
  });
  afterAll(() => handle.close());

  it('fails at once, instead of waiting forever, when a query goes around the running transaction', async () => {
    const outside = new AccountRepository(handle.db);
    const attempt = uow.write(async ({ accounts }) => {
      await accounts.createUser(someone('rond@example.org'));
      return outside.findUserByEmail('rond@example.org');
    });
    const hang = new Promise((resolve) => setTimeout(() => resolve('wacht eeuwig'), 5_000).unref());
    await expect(Promise.race([attempt, hang])).rejects.toBeInstanceOf(QueryOutsideTransactionError);
    // The transaction rolled back, and the database still answers.
    expect(await uow.read(({ accounts }) => accounts.findUserByEmail('rond@example.org'))).toBeUndefined();
  });
});
