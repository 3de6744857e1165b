/**
 * One log line per request: its id, method, path, status and duration. The
 * id comes back in the X-Request-Id header and goes with every line logged
 * for the request (`c.var.log`). An incoming X-Request-Id is used only behind
 * a proxy of our own (trustProxy); anyone else could send one. The query is
 * never logged, and path segments that look like secrets are masked.
 */

import { randomUUID } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { isUuid } from '../domain/ids.js';
import type { Logger } from '../log.js';
import type { AppEnv } from './app-env.js';

export const REQUEST_ID_HEADER = 'X-Request-Id';
const USABLE_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
/** A long run of token characters, as in a token or a one-time link; ids are UUIDs and keys are short. */
const SECRET_LIKE = /^(koers_)?[A-Za-z0-9_-]{32,}$/;

export function requestLog(log: Logger, { trustProxy }: { trustProxy: boolean }): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const incoming = trustProxy ? c.req.header(REQUEST_ID_HEADER) : undefined;
    const requestId = incoming && USABLE_REQUEST_ID.test(incoming) ? incoming : randomUUID();
    const requestLogger = log.child({ requestId });
    c.set('log', requestLogger);
    const started = performance.now();
    try {
      await next();
    } finally {
      c.res.headers.set(REQUEST_ID_HEADER, requestId);
      const status = c.res.status;
      const fields = { method: c.req.method, path: loggablePath(c.req.path), status, durationMs: Math.round(performance.now() - started) };
      if (status >= 500) requestLogger.error('Verzoek', fields);
      else requestLogger.info('Verzoek', fields);
    }
  };
}

/** The path with every segment that looks like a secret replaced. */
export function loggablePath(path: string): string {
  return path
    .split('/')
    .map((segment) => (SECRET_LIKE.test(segment) && !isUuid(segment) ? '[verborgen]' : segment))
    .join('/');
}
