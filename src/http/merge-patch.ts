/**
 * JSON merge patch (RFC 7396): the members of the patch replace those of the
 * document, objects are merged member by member, and null removes a member.
 * Koers' documents write an empty optional value as null rather than leaving
 * it out, so a member set to null whose field takes null (given the document's
 * schema) becomes null: "leave it empty" either way.
 */
import type { ZodType } from 'zod';

export const MERGE_PATCH_TYPE = 'application/merge-patch+json';

export function applyMergePatch(target: unknown, patch: unknown, schema?: ZodType): unknown {
  if (!isPlainObject(patch)) return patch;
  const result: Record<string, unknown> = {};
  if (isPlainObject(target)) for (const [key, value] of Object.entries(target)) define(result, key, value);
  const shape = objectShape(schema);
  for (const [key, value] of Object.entries(patch)) {
    const field = shape?.[key];
    if (value === null) {
      if (field?.safeParse(null).success) define(result, key, null);
      else delete result[key];
    } else define(result, key, applyMergePatch(result[key], value, field));
  }
  return result;
}

/** An own, enumerable member, also for a name such as "__proto__" (which the schema then refuses as unknown). */
function define(object: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(object, key, { value, enumerable: true, writable: true, configurable: true });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

interface SchemaDef {
  type: string;
  innerType?: ZodType;
  shape?: Record<string, ZodType>;
}

/** The fields of an object schema, through optional, nullable and default wrappers; undefined for anything else. */
function objectShape(schema: ZodType | undefined): Record<string, ZodType> | undefined {
  let current = schema;
  for (let depth = 0; current && depth < 10; depth++) {
    const def = (current as unknown as { _zod: { def: SchemaDef } })._zod.def;
    if (def.type === 'object') return def.shape;
    if (!def.innerType) return undefined;
    current = def.innerType;
  }
  return undefined;
}
