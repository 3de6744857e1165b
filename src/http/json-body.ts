/**
 * Every JSON body sent to the API is checked here before a route reads it:
 * JSON that does not parse, and text Koers cannot store (a NUL, a lone
 * surrogate), become one ValidationError naming each value by its JSON path.
 * So a new field of any schema is covered without a check of its own.
 */
import type { MiddlewareHandler } from 'hono';
import { ValidationError } from '../domain/errors.js';
import { findUnsafeText } from '../domain/text.js';
import type { AppEnv } from './app-env.js';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

export function checkJsonBodies(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (!c.req.raw.body || !JSON_TYPE.test(c.req.header('Content-Type') ?? '')) return next();
    // Read through Hono's cache, so the route's own c.req.json() reads the same text again.
    const text = await c.req.text();
    if (text.trim() === '') return next();
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new ValidationError('De inhoud is geen geldige JSON', [
        { path: '$', message: error instanceof Error ? error.message : 'onleesbaar' },
      ]);
    }
    const problems = findUnsafeText(value);
    if (problems.length > 0) throw new ValidationError('De invoer bevat tekst die Koers niet kan bewaren', problems);
    return next();
  };
}
