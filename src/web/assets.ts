/**
 * Static files of the web interface under /assets/: the NL Design System CSS
 * (Utrecht components and the open "voorbeeld" theme) and the theme's fonts
 * straight from node_modules, and Koers' own CSS and scripts from
 * src/web/assets/.
 *
 * Only a fixed list of files is served (no path from the URL ever reaches the
 * file system). Files are read once, at first use; pages link to them with a
 * content hash in the URL, so browsers may keep them for a year.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { MiddlewareHandler } from 'hono';
import { PROJECT_ROOT } from '../project-root.js';

const CONTENT_TYPES = {
  css: 'text/css; charset=utf-8',
  js: 'text/javascript; charset=utf-8',
  woff2: 'font/woff2',
} as const;

type AssetName = keyof typeof ASSET_SOURCES;

const requireFromHere = createRequire(join(PROJECT_ROOT, 'package.json'));
const ownAsset = (file: string) => join(PROJECT_ROOT, 'src', 'web', 'assets', file);

/** Public name -> where the file comes from. Order matters for the stylesheet links: tokens, components, ours. */
const ASSET_SOURCES = {
  'voorbeeld-theme.css': () => requireFromHere.resolve('@nl-design-system-unstable/voorbeeld-design-tokens/dist/theme.css'),
  'utrecht.css': () => requireFromHere.resolve('@utrecht/component-library-css/dist/index.css'),
  'koers.css': () => ownAsset('koers.css'),
  'koers-charts.css': () => ownAsset('koers-charts.css'),
  'koers-progress.css': () => ownAsset('koers-progress.css'),
  'koers-prioritisation.css': () => ownAsset('koers-prioritisation.css'),
  'koers-region.css': () => ownAsset('koers-region.css'),
  'koers-job.js': () => ownAsset('koers-job.js'),
  'koers-edit.js': () => ownAsset('koers-edit.js'),
  // The theme's fonts (SIL Open Font License), Latin in regular and bold; koers.css declares them.
  'noto-sans-400.woff2': () => requireFromHere.resolve('@fontsource/noto-sans/files/noto-sans-latin-400-normal.woff2'),
  'noto-sans-700.woff2': () => requireFromHere.resolve('@fontsource/noto-sans/files/noto-sans-latin-700-normal.woff2'),
  'noto-serif-400.woff2': () => requireFromHere.resolve('@fontsource/noto-serif/files/noto-serif-latin-400-normal.woff2'),
  'noto-serif-700.woff2': () => requireFromHere.resolve('@fontsource/noto-serif/files/noto-serif-latin-700-normal.woff2'),
} as const;

export const STYLESHEETS: readonly AssetName[] = [
  'voorbeeld-theme.css',
  'utrecht.css',
  'koers.css',
  'koers-charts.css',
  'koers-progress.css',
  'koers-prioritisation.css',
  'koers-region.css',
];
/** Small scripts every page loads (deferred); each does nothing on a page without its hooks. */
export const SCRIPTS: readonly AssetName[] = ['koers-job.js', 'koers-edit.js'];

interface Asset {
  body: Buffer;
  contentType: string;
  hash: string;
}

let loaded: Map<string, Asset> | undefined;

function assets(): Map<string, Asset> {
  loaded ??= new Map(Object.entries(ASSET_SOURCES).map(([name, locate]) => [name, readAsset(name, locate())]));
  return loaded;
}

function readAsset(name: string, path: string): Asset {
  const body = readFileSync(path);
  const extension = name.slice(name.lastIndexOf('.') + 1) as keyof typeof CONTENT_TYPES;
  return { body, contentType: CONTENT_TYPES[extension], hash: createHash('sha256').update(body).digest('hex').slice(0, 12) };
}

/** The URL of an asset with its content hash, for <link> and <script> elements. */
export function assetUrl(name: AssetName): string {
  const asset = assets().get(name);
  return `/assets/${name}?v=${asset?.hash ?? ''}`;
}

/**
 * Middleware for GET /assets/*: `app.use('/assets/*', serveAssets())`.
 * Unknown files fall through to the next handler (and so to the app's 404).
 */
export function serveAssets(): MiddlewareHandler {
  const files = assets();
  return async (c, next) => {
    const name = c.req.path.slice(c.req.path.lastIndexOf('/') + 1);
    const asset = files.get(name);
    if (!asset || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return next();
    const etag = `"${asset.hash}"`;
    const isVersioned = c.req.query('v') === asset.hash;
    c.header('Cache-Control', isVersioned ? 'public, max-age=31536000, immutable' : 'public, max-age=300');
    c.header('ETag', etag);
    c.header('X-Content-Type-Options', 'nosniff');
    if (c.req.header('If-None-Match') === etag) return c.body(null, 304);
    c.header('Content-Type', asset.contentType);
    return c.body(new Uint8Array(asset.body));
  };
}
