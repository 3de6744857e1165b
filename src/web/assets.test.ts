import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { assetUrl, serveAssets } from './assets.js';

function app(): Hono {
  const server = new Hono();
  server.use('/assets/*', serveAssets());
  server.notFound((c) => c.text('niet gevonden', 404));
  return server;
}

describe('serveAssets', () => {
  it('serves the NL Design System component CSS and the theme from node_modules as CSS', async () => {
    const components = await app().request('/assets/utrecht.css');
    expect(components.status).toBe(200);
    expect(components.headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect(await components.text()).toContain('.utrecht-table');
    expect(await (await app().request('/assets/voorbeeld-theme.css')).text()).toContain('.voorbeeld-theme');
  });

  it('serves Koers’ own stylesheet', async () => {
    const response = await app().request('/assets/koers.css');
    expect(await response.text()).toContain('.koers-visually-hidden');
  });

  it('lets browsers keep a versioned URL for a year and revalidate an unversioned one', async () => {
    const versioned = await app().request(assetUrl('koers.css'));
    expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const plain = await app().request('/assets/koers.css');
    expect(plain.headers.get('cache-control')).toBe('public, max-age=300');
    expect(plain.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers 304 when the browser already has this version', async () => {
    const first = await app().request('/assets/koers.css');
    const etag = first.headers.get('etag') ?? '';
    const again = await app().request('/assets/koers.css', { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
  });

  it('serves nothing outside its list, so no path reaches the file system', async () => {
    expect((await app().request('/assets/../../package.json')).status).toBe(404);
    expect((await app().request('/assets/assets.ts')).status).toBe(404);
  });
});

describe('assetUrl', () => {
  it('adds a content hash to the URL', () => {
    expect(assetUrl('utrecht.css')).toMatch(/^\/assets\/utrecht\.css\?v=[0-9a-f]{12}$/);
  });
});
