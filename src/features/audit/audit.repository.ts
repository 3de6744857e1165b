/**
 * The append-only audit trail in the database, chained by hashes
 * (audit-chain.ts). Records inside the caller's transaction when given one
 * (`new AuditRepository(trx)`), so an event is stored exactly when the change
 * it describes is. The only file of the feature that speaks SQL.
 */
import { type Kysely, type Selectable, sql, type Transaction } from 'kysely';
import type { AuditEventTable, Database } from '../../db/schema.js';
import { auditHash, canonicalJson, GENESIS_HASH } from './audit-chain.js';

/** What happened, e.g. 'plan.imported', 'user.created', 'session.ended'. */
export const AUDIT_ACTION_PATTERN = /^[a-z]+(-[a-z]+)*\.[a-z]+(-[a-z]+)*$/;

/**
 * Key of the transaction-level advisory lock that serialises writers of the
 * chain, so two never chain from the same previous hash ('koers' in ASCII).
 */
export const AUDIT_CHAIN_LOCK = 0x6b6f657273;

const VERIFY_BATCH_SIZE = 1000;

export interface AuditActor {
  /** The user's id; null for the system or an anonymous visitor. */
  id: string | null;
  /** How the actor is shown, kept as it was at the time (e.g. name and e-mail, or 'systeem'). */
  label: string;
}

export interface AuditEventInput {
  actor: AuditActor;
  action: string;
  objectType: string;
  objectId: string;
  municipalityId: string | null;
  /** The object before the change (JSON), null when it did not exist. */
  before: unknown;
  /** The object after the change (JSON), null when it no longer exists. */
  after: unknown;
  ip: string | null;
}

export interface AuditEvent extends AuditEventInput {
  sequence: number;
  /** ISO 8601 with milliseconds. */
  occurredAt: string;
  previousHash: string;
  hash: string;
}

export type AuditVerification = { ok: true; count: number } | { ok: false; count: number; firstBadSequence: number; reason: string };

/** Called after each batch: events checked so far and the number in the trail when the check began. */
export type VerifyProgress = (checked: number, total: number) => void;

export class AuditRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Appends one event to the chain. Inside a transaction (READ COMMITTED, the
   * default) the event commits or rolls back with it, and the chain lock is
   * held until the transaction ends; outside one, a transaction of its own is
   * opened.
   */
  async record(event: AuditEventInput): Promise<AuditEvent> {
    if (!AUDIT_ACTION_PATTERN.test(event.action)) {
      throw new Error(`Ongeldige auditactie "${event.action}": verwacht iets als "plan.imported"`);
    }
    if (this.db.isTransaction) return this.append(this.db as Transaction<Database>, event);
    return this.db.transaction().execute((trx) => this.append(trx, event));
  }

  private async append(trx: Transaction<Database>, event: AuditEventInput): Promise<AuditEvent> {
    const { rows } = await sql<{ isolation: string }>`
      select pg_advisory_xact_lock(${sql.lit(AUDIT_CHAIN_LOCK)}), current_setting('transaction_isolation') as isolation
    `.execute(trx);
    // A snapshot older than the lock might not see the last event, and the chain would fork.
    if (rows[0]?.isolation !== 'read committed') {
      throw new Error(`Auditgebeurtenissen vastleggen kan alleen in een transactie met READ COMMITTED, niet ${rows[0]?.isolation}`);
    }
    const last = await trx.selectFrom('auditEvent').select('hash').orderBy('sequence', 'desc').limit(1).executeTakeFirst();
    const previousHash = last?.hash ?? GENESIS_HASH;
    // Set here, not by the database, so the hash covers exactly the stored value (timestamptz keeps milliseconds).
    const occurredAt = new Date().toISOString();
    // Stored as the canonical JSON that is hashed, so the stored value and the hash cannot drift apart.
    const before = asStoredJson(event.before);
    const after = asStoredJson(event.after);
    const fields = {
      occurredAt,
      actorId: event.actor.id,
      actorLabel: event.actor.label,
      action: event.action,
      objectType: event.objectType,
      objectId: event.objectId,
      municipalityId: event.municipalityId,
      before,
      after,
      ip: event.ip,
    };
    const hash = auditHash(previousHash, fields);
    const inserted = await trx
      .insertInto('auditEvent')
      .values({
        ...fields,
        before: toJsonb(event.before),
        after: toJsonb(event.after),
        previousHash,
        hash,
      })
      .returning('sequence')
      .executeTakeFirstOrThrow();
    return {
      sequence: inserted.sequence,
      occurredAt,
      actor: { id: event.actor.id, label: event.actor.label },
      action: event.action,
      objectType: event.objectType,
      objectId: event.objectId,
      municipalityId: event.municipalityId,
      before,
      after,
      ip: event.ip,
      previousHash,
      hash,
    };
  }

  /** The events of one object, oldest first. */
  async history(objectType: string, objectId: string): Promise<AuditEvent[]> {
    const rows = await this.selectRows()
      .where('objectType', '=', objectType)
      .where('objectId', '=', objectId)
      .orderBy('sequence')
      .execute();
    return rows.map(toAuditEvent);
  }

  /**
   * Walks the whole chain in sequence order, recomputes every hash from the
   * stored fields and checks that each event points at the hash of the one
   * before it. Stops at the first bad event. Deleting the newest events leaves
   * a shorter chain that is still intact; compare the count with an earlier one.
   */
  async verify(onProgress?: VerifyProgress): Promise<AuditVerification> {
    const { total } = await this.db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('total'))
      .executeTakeFirstOrThrow();
    let count = 0;
    let previousHash = GENESIS_HASH;
    let afterSequence = 0;
    for (;;) {
      const rows = await this.selectRows().where('sequence', '>', afterSequence).orderBy('sequence').limit(VERIFY_BATCH_SIZE).execute();
      for (const row of rows) {
        if (row.previousHash !== previousHash) {
          const reason = `gebeurtenis ${row.sequence}: verwijst niet naar de hash van de vorige (ontbrekende of ingevoegde gebeurtenis?)`;
          return { ok: false, count, firstBadSequence: row.sequence, reason };
        }
        if (auditHash(row.previousHash, row) !== row.hash) {
          const reason = `gebeurtenis ${row.sequence}: de hash klopt niet met de inhoud (gewijzigd?)`;
          return { ok: false, count, firstBadSequence: row.sequence, reason };
        }
        previousHash = row.hash;
        count += 1;
      }
      onProgress?.(count, Math.max(Number(total), count));
      if (rows.length < VERIFY_BATCH_SIZE) return { ok: true, count };
      afterSequence = rows.at(-1)!.sequence;
    }
  }

  private selectRows() {
    return this.db
      .selectFrom('auditEvent')
      .select([
        'sequence',
        'occurredAt',
        'actorId',
        'actorLabel',
        'action',
        'objectType',
        'objectId',
        'municipalityId',
        'before',
        'after',
        'ip',
        'previousHash',
        'hash',
      ]);
  }
}

/**
 * JSON text cast to jsonb in SQL: the drivers would turn a JavaScript array
 * into a PostgreSQL array literal, and SQL NULL stays distinct from JSON null.
 */
function toJsonb(value: unknown) {
  return value === null || value === undefined ? null : sql<unknown>`cast(cast(${canonicalJson(value)} as text) as jsonb)`;
}

/** The value as it comes back from jsonb: dates as ISO strings, undefined entries gone. */
function asStoredJson(value: unknown): unknown {
  return value === null || value === undefined ? null : JSON.parse(canonicalJson(value));
}

function toAuditEvent(row: Selectable<AuditEventTable>): AuditEvent {
  return {
    sequence: row.sequence,
    occurredAt: row.occurredAt,
    actor: { id: row.actorId, label: row.actorLabel },
    action: row.action,
    objectType: row.objectType,
    objectId: row.objectId,
    municipalityId: row.municipalityId,
    before: row.before,
    after: row.after,
    ip: row.ip,
    previousHash: row.previousHash,
    hash: row.hash,
  };
}
