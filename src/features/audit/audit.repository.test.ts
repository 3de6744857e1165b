/**
 * The audit trail on every engine of this run (PGlite, and the PostgreSQL
 * server when TEST_DATABASE_URL is set): chaining, verification, tampering the
 * way someone with database rights would, and concurrent writers.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestDatabase, ENGINES } from '../../../test/test-database.js';
import type { DatabaseHandle } from '../../db/create-db.js';
import { type AuditEventInput, AuditRepository } from './audit.repository.js';
import { auditHash, GENESIS_HASH } from './audit-chain.js';

const actor = { id: '6f1c1a8e-5b1a-4a53-9c3e-0a8f5f2d9b11', label: 'Anna de Vries <anna@maasgouw.nl>' };

function planEvent(objectId: string, after: unknown, overrides: Partial<AuditEventInput> = {}): AuditEventInput {
  return {
    actor,
    action: 'plan.updated',
    objectType: 'plan',
    objectId,
    municipalityId: null,
    before: null,
    after,
    ip: '192.0.2.10',
    ...overrides,
  };
}

describe.each(ENGINES)('audit trail on %s', (engine) => {
  let handle: DatabaseHandle;
  let audit: AuditRepository;

  // A fresh database per test: tampering must not leak into the next test.
  beforeEach(async () => {
    handle = await createTestDatabase(engine);
    audit = new AuditRepository(handle.db);
  });
  afterEach(() => handle.close());

  async function recordThree() {
    const events = [];
    for (const name of ['een', 'twee', 'drie']) events.push(await audit.record(planEvent('plan-1', { naam: name })));
    return events;
  }

  /** Runs SQL with the append-only triggers switched off, as an attacker with database rights could. */
  async function tamper(statement: string) {
    await handle.db.transaction().execute(async (trx) => {
      await sql`alter table audit_event disable trigger audit_event_no_update`.execute(trx);
      await sql.raw(statement).execute(trx);
      await sql`alter table audit_event enable trigger audit_event_no_update`.execute(trx);
    });
  }

  it('chains each event to the hash of the one before it, the first to the genesis hash', async () => {
    const [first, second, third] = await recordThree();
    expect(first!.previousHash).toBe(GENESIS_HASH);
    expect(second!.previousHash).toBe(first!.hash);
    expect(third!.previousHash).toBe(second!.hash);
    expect(new Set([first!.hash, second!.hash, third!.hash]).size).toBe(3);
    const stored = await handle.db.selectFrom('auditEvent').select(['sequence', 'previousHash', 'hash']).orderBy('sequence').execute();
    expect(stored).toEqual(
      [first, second, third].map((event) => ({ sequence: event!.sequence, previousHash: event!.previousHash, hash: event!.hash })),
    );
  });

  it('stores the moment in milliseconds exactly as it was hashed', async () => {
    const event = await audit.record(planEvent('plan-1', null));
    expect(event.occurredAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const [stored] = await audit.history('plan', 'plan-1');
    expect(stored).toEqual(event);
  });

  it('passes verification of an intact chain, counting every event, and reports progress', async () => {
    await recordThree();
    const progress: [number, number][] = [];
    expect(await audit.verify((checked, total) => progress.push([checked, total]))).toEqual({ ok: true, count: 3 });
    expect(progress.at(-1)).toEqual([3, 3]);
  });

  it('passes verification of an empty trail', async () => {
    expect(await audit.verify()).toEqual({ ok: true, count: 0 });
  });

  it('keeps values whose keys jsonb reorders, numbers, nested lists and dates verifiable', async () => {
    const after = {
      zeta: 1,
      alfa: { lang: 'nooit', kort: 0.1 },
      lijst: [3, -2.5, { b: true, a: null }],
      op: new Date('2024-05-06T07:08:09.010Z'),
    };
    const event = await audit.record(planEvent('plan-2', after, { before: { waarde: 12345678.9, eenheid: 'aantal' } }));
    expect(event.after).toEqual({ ...after, op: '2024-05-06T07:08:09.010Z' });
    const [stored] = await audit.history('plan', 'plan-2');
    expect(stored!.after).toEqual(event.after);
    expect(stored!.before).toEqual({ waarde: 12345678.9, eenheid: 'aantal' });
    expect(await audit.verify()).toEqual({ ok: true, count: 1 });
  });

  it('stores a top-level list as JSON and a missing before value as SQL NULL', async () => {
    await audit.record(planEvent('plan-3', ['a', 'b'], { before: undefined }));
    const { rows } = await sql<{ isNull: boolean; kind: string }>`
      select before is null as is_null, jsonb_typeof(after) as kind from audit_event
    `.execute(handle.db);
    expect(rows).toEqual([{ isNull: true, kind: 'array' }]);
    expect(await audit.verify()).toEqual({ ok: true, count: 1 });
  });

  it('reports the changed event when someone with database rights alters a recorded value', async () => {
    const [, second] = await recordThree();
    await tamper(`update audit_event set after = '{"naam":"vervalst"}' where sequence = ${second!.sequence}`);
    expect(await audit.verify()).toEqual({
      ok: false,
      count: 1,
      firstBadSequence: second!.sequence,
      reason: `gebeurtenis ${second!.sequence}: de hash klopt niet met de inhoud (gewijzigd?)`,
    });
  });

  it('reports the next event when a changed event was given a freshly computed hash', async () => {
    const [, second, third] = await recordThree();
    const forged = auditHash(second!.previousHash, {
      ...second!,
      actorId: second!.actor.id,
      actorLabel: second!.actor.label,
      after: { naam: 'vervalst' },
    });
    await tamper(`update audit_event set after = '{"naam":"vervalst"}', hash = '${forged}' where sequence = ${second!.sequence}`);
    expect(await audit.verify()).toEqual({
      ok: false,
      count: 2,
      firstBadSequence: third!.sequence,
      reason: `gebeurtenis ${third!.sequence}: verwijst niet naar de hash van de vorige (ontbrekende of ingevoegde gebeurtenis?)`,
    });
  });

  it('reports the event after a deleted one as no longer pointing at its predecessor', async () => {
    const [, second, third] = await recordThree();
    await tamper(`delete from audit_event where sequence = ${second!.sequence}`);
    expect(await audit.verify()).toEqual({
      ok: false,
      count: 1,
      firstBadSequence: third!.sequence,
      reason: `gebeurtenis ${third!.sequence}: verwijst niet naar de hash van de vorige (ontbrekende of ingevoegde gebeurtenis?)`,
    });
  });

  it('reports a chain whose first event was deleted', async () => {
    const [first, second] = await recordThree();
    await tamper(`delete from audit_event where sequence = ${first!.sequence}`);
    expect(await audit.verify()).toMatchObject({ ok: false, count: 0, firstBadSequence: second!.sequence });
  });

  it('refuses to change, delete or empty the audit trail while the triggers are on', async () => {
    await recordThree();
    await expect(sql`update audit_event set after = '{"naam":"vervalst"}'`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_event`.execute(handle.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_event`.execute(handle.db)).rejects.toThrow(/append-only/);
    expect(await audit.verify()).toEqual({ ok: true, count: 3 });
  });

  it('records inside the caller transaction: the event rolls back with it', async () => {
    await audit.record(planEvent('plan-1', { naam: 'een' }));
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await new AuditRepository(trx).record(planEvent('plan-1', { naam: 'teruggedraaid' }));
        throw new Error('afgebroken');
      }),
    ).rejects.toThrow('afgebroken');
    const committed = await handle.db
      .transaction()
      .execute((trx) => new AuditRepository(trx).record(planEvent('plan-1', { naam: 'twee' })));
    expect((await audit.history('plan', 'plan-1')).map((event) => event.after)).toEqual([{ naam: 'een' }, { naam: 'twee' }]);
    expect(committed.previousHash).toBe((await audit.history('plan', 'plan-1'))[0]!.hash);
    expect(await audit.verify()).toEqual({ ok: true, count: 2 });
  });

  it('keeps one valid chain when ten events are recorded at the same time', async () => {
    const events = await Promise.all(Array.from({ length: 10 }, (_, index) => audit.record(planEvent(`plan-${index}`, { index }))));
    expect(new Set(events.map((event) => event.previousHash)).size).toBe(10);
    expect(await audit.verify()).toEqual({ ok: true, count: 10 });
  });

  it('keeps one valid chain when concurrent transactions record and commit in any order', async () => {
    await Promise.all(
      Array.from({ length: 10 }, (_, index) =>
        handle.db.transaction().execute(async (trx) => {
          await new AuditRepository(trx).record(planEvent(`plan-${index}`, { index }));
          await sql`select pg_sleep(${(index % 3) / 100})`.execute(trx);
        }),
      ),
    );
    expect(await audit.verify()).toEqual({ ok: true, count: 10 });
  });

  it('returns the events of one object only, oldest first', async () => {
    const planId = randomUUID();
    await audit.record(planEvent(planId, { naam: 'een' }, { action: 'plan.imported' }));
    await audit.record(planEvent('ander-plan', { naam: 'ander' }));
    await audit.record({ ...planEvent(planId, null), action: 'user.created', objectType: 'user' });
    await audit.record(planEvent(planId, { naam: 'twee' }, { before: { naam: 'een' } }));
    const history = await audit.history('plan', planId);
    expect(history.map((event) => [event.action, event.after])).toEqual([
      ['plan.imported', { naam: 'een' }],
      ['plan.updated', { naam: 'twee' }],
    ]);
    expect(history[0]!.sequence).toBeLessThan(history[1]!.sequence);
    expect(history[1]!.actor).toEqual(actor);
    expect(await audit.history('plan', 'bestaat-niet')).toEqual([]);
  });

  it('refuses an action that does not follow the object.verb pattern, before touching the database', async () => {
    await expect(audit.record(planEvent('plan-1', null, { action: 'Plan Imported' }))).rejects.toThrow(/Ongeldige auditactie/);
    expect(await audit.verify()).toEqual({ ok: true, count: 0 });
  });

  it('refuses to record in a transaction that could miss the last event', async () => {
    await expect(
      handle.db.transaction().execute(async (trx) => {
        await sql`set transaction isolation level repeatable read`.execute(trx);
        return new AuditRepository(trx).record(planEvent('plan-1', null));
      }),
    ).rejects.toThrow(/READ COMMITTED/);
  });
});

describe('audit trail verification in batches', () => {
  it('checks a chain longer than one batch and reports progress per batch', async () => {
    const handle = await createTestDatabase('pglite');
    try {
      const audit = new AuditRepository(handle.db);
      await handle.db.transaction().execute(async (trx) => {
        const inTransaction = new AuditRepository(trx);
        for (let index = 0; index < 2100; index++) await inTransaction.record(planEvent(`plan-${index % 7}`, { index }));
      });
      const progress: number[] = [];
      expect(await audit.verify((checked) => progress.push(checked))).toEqual({ ok: true, count: 2100 });
      expect(progress).toEqual([1000, 2000, 2100]);
    } finally {
      await handle.close();
    }
  }, 60_000);
});
