import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.js';

function app(trustProxy: boolean) {
  const hono = new Hono();
  hono.use('*', securityHeaders({ trustProxy }));
  hono.get('/', (c) => c.text('ok'));
  return hono;
}

describe('security headers', () => {
  it('forbids inline script, framing and MIME sniffing on every answer', async () => {
    const response = await app(false).request('http://koers.test/');
    const csp = response.headers.get('Content-Security-Policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('X-Content-Type-Options')).toBe('nosniff');
    expect(response.headers.get('Referrer-Policy')).toBe('strict-origin-when-cross-origin');
  });

  it('sends HSTS over TLS only', async () => {
    expect((await app(false).request('https://koers.test/')).headers.get('Strict-Transport-Security')).toMatch(/max-age=\d+/);
    expect((await app(false).request('http://koers.test/')).headers.get('Strict-Transport-Security')).toBeNull();
  });

  it('believes X-Forwarded-Proto only when told a proxy of its own sets it', async () => {
    const forwarded = { headers: { 'X-Forwarded-Proto': 'https' } };
    expect((await app(false).request('http://koers.test/', forwarded)).headers.get('Strict-Transport-Security')).toBeNull();
    expect((await app(true).request('http://koers.test/', forwarded)).headers.get('Strict-Transport-Security')).not.toBeNull();
  });
});
