/**
 * The audit trail's hash chain, pure: every event's hash covers the previous
 * event's hash and the event's own recorded fields, so changing, removing or
 * inserting an event breaks the chain from that point on. The fields are
 * hashed as canonical JSON because jsonb hands objects back with their keys
 * reordered: sorting the keys makes the stored value hash the same as the
 * value that was recorded.
 */
import { createHash } from 'node:crypto';

/** The previous hash of the very first event. */
export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers: everything but sequence and the hashes. */
export interface AuditHashedFields {
  /** ISO 8601 with milliseconds, exactly as stored. */
  occurredAt: string;
  actorId: string | null;
  actorLabel: string;
  action: string;
  objectType: string;
  objectId: string;
  municipalityId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

/**
 * JSON with object keys in code-unit order and no whitespace; dates become ISO
 * strings, object entries that are undefined are left out (as JSON.stringify
 * and jsonb do). Throws on what JSON cannot carry faithfully: non-finite
 * numbers, bigints, functions and symbols.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return JSON.stringify(value);
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`canonicalJson: ${value} is geen JSON-getal`);
      return JSON.stringify(value);
    case 'object': {
      if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
      const entries = Object.entries(value as Record<string, unknown>)
        .filter(([, entry]) => entry !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
      return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: een ${typeof value} kan niet als JSON worden vastgelegd`);
  }
}

/** sha256 (hex) over the previous hash followed by the canonical JSON of the event's hashed fields. */
export function auditHash(previousHash: string, event: AuditHashedFields): string {
  const fields: AuditHashedFields = {
    occurredAt: event.occurredAt,
    actorId: event.actorId,
    actorLabel: event.actorLabel,
    action: event.action,
    objectType: event.objectType,
    objectId: event.objectId,
    municipalityId: event.municipalityId,
    before: event.before ?? null,
    after: event.after ?? null,
    ip: event.ip,
  };
  return createHash('sha256')
    .update(previousHash + canonicalJson(fields))
    .digest('hex');
}
