/**
 * Headers every answer carries: a strict Content-Security-Policy without inline
 * script or style, no framing, no MIME sniffing, a careful referrer policy, and
 * HSTS when the request arrived over TLS.
 */
import type { MiddlewareHandler } from 'hono';

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `trustProxy`: believe X-Forwarded-Proto, as only a proxy of our own can set it. */
export function securityHeaders({ trustProxy }: { trustProxy: boolean }): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const headers = c.res.headers;
    headers.set('Content-Security-Policy', CSP);
    headers.set('X-Content-Type-Options', 'nosniff');
    headers.set('X-Frame-Options', 'DENY');
    headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    const overTls = c.req.url.startsWith('https:') || (trustProxy && c.req.header('x-forwarded-proto') === 'https');
    if (overTls) headers.set('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
  };
}
