/**
 * The whole app on a real port, on an in-memory PGlite with the Maasgouw example
 * loaded: what the browser tests open.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { createServices, type OpenDataSettings } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

export interface TestServer {
  url: string;
  planId: string;
  services: ReturnType<typeof createServices>;
  handle: DatabaseHandle;
  close(): Promise<void>;
}

export async function startTestServer(options: { openData?: OpenDataSettings } = {}): Promise<TestServer> {
  const handle = await createTestDatabase('pglite');
  const services = createServices(handle, undefined, options.openData ?? null);
  const plan = await loadExampleIfEmpty(services.plans);
  if (!plan) throw new Error('the test database should start empty');
  const app = createApp(services);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const instance = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(instance));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    planId: plan.id,
    services,
    handle,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await handle.close();
    },
  };
}
