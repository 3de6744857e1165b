import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientIp } from './authenticate.js';

function appSeeing(trustProxy: boolean) {
  const app = new Hono();
  app.get('/', (c) => c.text(clientIp(c, trustProxy) ?? 'geen'));
  return app;
}

describe('the client address', () => {
  it('ignores X-Forwarded-For, which anyone can send, unless a proxy of our own sets it', async () => {
    const headers = { 'X-Forwarded-For': '203.0.113.9, 198.51.100.4' };
    expect(await (await appSeeing(false).request('/', { headers })).text()).toBe('geen');
    expect(await (await appSeeing(true).request('/', { headers })).text()).toBe('198.51.100.4');
  });
});
