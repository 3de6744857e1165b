/**
 * Every request body is read here first, and only up to its limit: the bytes
 * are counted while they stream in, so a body without Content-Length (chunked)
 * or with a Content-Length that lies is stopped at the limit, never held whole.
 * A Content-Length above the limit is refused before anything is read. Over the
 * limit the answer is 413 and the connection is closed, so the rest is not read
 * either. Routes, forms and the CSRF check then read the body from memory.
 */
import type { MiddlewareHandler } from 'hono';
import { TooLargeError } from '../domain/errors.js';
import type { AppEnv } from './app-env.js';

export interface BodyLimit {
  /** The request paths this limit is for. */
  path: RegExp;
  maxBytes: number;
  /** Dutch, for the 413 answer: what is too large and how large it may be. */
  tooLarge: string;
}

/** Forms and API requests that are not listed: a few fields, a short text. */
export const DEFAULT_BODY_LIMIT: Omit<BodyLimit, 'path'> = {
  maxBytes: 64 * 1024,
  tooLarge: 'Het verzoek is te groot: Koers neemt hier hoogstens 64 kB aan',
};

export function limitRequestBodies(limits: readonly BodyLimit[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const body = c.req.raw.body;
    if (!body) return next();
    const { maxBytes, tooLarge } = limits.find((limit) => limit.path.test(c.req.path)) ?? DEFAULT_BODY_LIMIT;
    if (Number(c.req.header('Content-Length') ?? 0) > maxBytes) throw new TooLargeError(tooLarge);
    const reader = body.getReader();
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        // Not cancelled: that would reset the connection before the 413 is sent.
        reader.releaseLock();
        throw new TooLargeError(tooLarge);
      }
      chunks.push(value);
    }
    c.req.raw = new Request(c.req.raw, { body: Buffer.concat(chunks, size) });
    return next();
  };
}
