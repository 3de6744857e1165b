/**
 * Health checks for a process manager or load balancer, without login and
 * never cached: `GET /gezondheid` (liveness: the process answers) and
 * `GET /gezondheid/gereed` (readiness: the database is reachable and its
 * migrations are current, and the instance is not stopping; 503 with the
 * reason otherwise).
 */
import { Hono } from 'hono';
import type { Readiness } from '../db/readiness.js';
import type { AppEnv } from './app-env.js';

export type ReadinessCheck = () => Promise<Readiness>;

export function createHealthRoutes(readiness: ReadinessCheck, isStopping: () => boolean): Hono<AppEnv> {
  const routes = new Hono<AppEnv>();
  routes.get('/gezondheid', (c) => {
    c.header('Cache-Control', 'no-store');
    return c.json({ status: 'ok' }, 200);
  });
  routes.get('/gezondheid/gereed', async (c) => {
    c.header('Cache-Control', 'no-store');
    const state: Readiness = isStopping() ? { ready: false, reason: 'Koers wordt gestopt' } : await readiness();
    if (state.ready) return c.json({ status: 'gereed' }, 200);
    c.var.log?.warn('Niet gereed', { reason: state.reason, err: state.cause });
    return c.json({ status: 'niet gereed', reden: state.reason }, 503);
  });
  return routes;
}
