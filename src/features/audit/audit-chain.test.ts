import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { type AuditHashedFields, auditHash, canonicalJson, GENESIS_HASH } from './audit-chain.js';

const event: AuditHashedFields = {
  occurredAt: '2024-03-01T09:15:00.123Z',
  actorId: '6f1c1a8e-5b1a-4a53-9c3e-0a8f5f2d9b11',
  actorLabel: 'Anna de Vries <anna@maasgouw.nl>',
  action: 'plan.imported',
  objectType: 'plan',
  objectId: 'a3b1c2d4-0000-4000-8000-000000000001',
  municipalityId: null,
  before: null,
  after: { titel: 'IVP 2019-2022', periode: { van: 2019, tot: 2022 } },
  ip: '192.0.2.10',
};

describe('canonicalJson', () => {
  it('writes object keys in sorted order at every depth, without whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: true, y: null }], c: 'x' } })).toBe('{"a":{"c":"x","d":[3,{"y":null,"z":true}]},"b":1}');
  });

  it('gives the same text for the same value whatever the order its keys were written in', () => {
    expect(canonicalJson({ naam: 'x', aantal: 2, extra: { p: 1, q: 2 } })).toBe(
      canonicalJson({ extra: { q: 2, p: 1 }, aantal: 2, naam: 'x' }),
    );
  });

  it('writes dates as ISO strings and leaves out undefined entries as JSON.stringify does', () => {
    expect(canonicalJson({ op: new Date('2024-01-02T03:04:05.678Z'), weg: undefined, lijst: [undefined] })).toBe(
      '{"lijst":[null],"op":"2024-01-02T03:04:05.678Z"}',
    );
  });

  it('keeps numbers, escapes strings and writes null for a missing value', () => {
    expect(canonicalJson([0, -1.5, 1e21, 0.1, 'a"b\n', null, undefined])).toBe('[0,-1.5,1e+21,0.1,"a\\"b\\n",null,null]');
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('refuses values JSON cannot carry faithfully', () => {
    expect(() => canonicalJson({ a: Number.NaN })).toThrow(TypeError);
    expect(() => canonicalJson(Number.POSITIVE_INFINITY)).toThrow(TypeError);
    expect(() => canonicalJson({ a: 1n })).toThrow(TypeError);
  });
});

describe('auditHash', () => {
  it('is the sha256 in hex of the previous hash followed by the canonical JSON of the recorded fields', () => {
    const expected = createHash('sha256')
      .update(
        GENESIS_HASH +
          '{"action":"plan.imported","actorId":"6f1c1a8e-5b1a-4a53-9c3e-0a8f5f2d9b11","actorLabel":"Anna de Vries <anna@maasgouw.nl>",' +
          '"after":{"periode":{"tot":2022,"van":2019},"titel":"IVP 2019-2022"},"before":null,"ip":"192.0.2.10",' +
          '"municipalityId":null,"objectId":"a3b1c2d4-0000-4000-8000-000000000001","objectType":"plan","occurredAt":"2024-03-01T09:15:00.123Z"}',
      )
      .digest('hex');
    expect(auditHash(GENESIS_HASH, event)).toBe(expected);
    expect(auditHash(GENESIS_HASH, event)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('starts the chain from a genesis hash of 64 zeros', () => {
    expect(GENESIS_HASH).toBe('0'.repeat(64));
  });

  it('ignores fields outside the recorded ones, such as the sequence and the stored hashes', () => {
    const stored = { ...event, sequence: 7, previousHash: GENESIS_HASH, hash: 'f'.repeat(64) };
    expect(auditHash(GENESIS_HASH, stored)).toBe(auditHash(GENESIS_HASH, event));
  });

  it('gives the same hash for an after value whose keys came back from the database in another order', () => {
    const reordered = { ...event, after: { periode: { tot: 2022, van: 2019 }, titel: 'IVP 2019-2022' } };
    expect(auditHash(GENESIS_HASH, reordered)).toBe(auditHash(GENESIS_HASH, event));
  });

  it('changes when any recorded field or the previous hash changes', () => {
    const original = auditHash(GENESIS_HASH, event);
    expect(auditHash('1'.repeat(64), event)).not.toBe(original);
    expect(auditHash(GENESIS_HASH, { ...event, occurredAt: '2024-03-01T09:15:00.124Z' })).not.toBe(original);
    expect(auditHash(GENESIS_HASH, { ...event, after: { ...(event.after as object), titel: 'vervalst' } })).not.toBe(original);
    expect(auditHash(GENESIS_HASH, { ...event, ip: null })).not.toBe(original);
    expect(auditHash(GENESIS_HASH, { ...event, actorId: null })).not.toBe(original);
  });

  it('treats a missing before or after value as null', () => {
    expect(auditHash(GENESIS_HASH, { ...event, before: undefined })).toBe(auditHash(GENESIS_HASH, event));
  });
});
