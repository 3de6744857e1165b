/**
 * Fast answers for the pages of a plan. Every page carries an ETag made of the
 * plan's version and a hash of who asks, the address (page and query) and
 * the page itself, and answers 304 to a matching If-None-Match.
 *
 * Pages of published plans asked by anonymous readers are kept, rendered, in
 * memory per (plan, version, measurements, page and query), within a bounded
 * number and size. Before each such answer one small query asks the plan's
 * version, whether it is still published, and how many measurements and
 * assessments it has (these change the status badges without changing the
 * plan's version): a change of the plan, also by another instance, a new
 * measurement or the end of its publication is seen at once, and an old page
 * is never served. Nobody logged in (a session cookie, an API token) is ever
 * answered from here, nor is a page of a plan that is not published.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AppEnv } from '../../http/app-env.js';

/** What decides whether a kept page is still the page: absent when the plan is not published (or does not exist). */
export interface PublicStamp {
  version: number;
  /** Changes whenever a measurement or an assessment of the plan is recorded. */
  monitored: number;
}

export interface PublicStampReader {
  publicStamp(planId: string): Promise<PublicStamp | undefined>;
}

/** A rendered page: its HTML, its status, and the version of the plan it shows. */
export interface RenderedPlanPage {
  html: string;
  status?: 200 | 404;
  version: number;
}

/** What a cache may do with a public page: keep it, but ask again (with If-None-Match) before every use. */
export const PUBLIC_PAGE_CACHE_CONTROL = 'public, no-cache';

interface Kept {
  html: string;
  etag: string;
  bytes: number;
}

const KOERS_COOKIE = /^__Host-koers-/;

export class PlanPageCache {
  /** Least recently used first. */
  private readonly pages = new Map<string, Kept>();
  private bytes = 0;

  constructor(
    private readonly stamps: PublicStampReader | undefined,
    private readonly limits = { entries: 500, bytes: 32 * 1024 * 1024 },
  ) {}

  /** How many pages are kept, and their size in bytes (for tests and the benchmark). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.pages.size, bytes: this.bytes };
  }

  /** The answer to a GET of a plan page: from memory when it may be, rendered otherwise; 304 when the reader has it already. */
  async answer(c: Context<AppEnv>, planId: string, render: () => Promise<RenderedPlanPage>): Promise<Response> {
    const stamp = this.stamps && isAnonymous(c) ? await this.stamps.publicStamp(planId) : undefined;
    if (!stamp) {
      const page = await render();
      return withEtag(c, page);
    }
    const key = `${planId} ${stamp.version} ${stamp.monitored} ${pathAndQuery(c.req.url)}`;
    const kept = this.pages.get(key);
    if (kept) {
      this.pages.delete(key);
      this.pages.set(key, kept);
      return respond(c, kept.html, 200, kept.etag, true);
    }
    const page = await render();
    const status = page.status ?? 200;
    const etag = etagOf(page.version, 'anoniem', c.req.url, page.html);
    // Kept only when it shows the version the stamp named: a change in between makes it a page of another version.
    if (status === 200 && page.version === stamp.version) this.keep(key, { html: page.html, etag, bytes: Buffer.byteLength(page.html) });
    return respond(c, page.html, status, etag, status === 200);
  }

  private keep(key: string, page: Kept): void {
    if (page.bytes > this.limits.bytes / 10) return;
    this.forget(key);
    this.pages.set(key, page);
    this.bytes += page.bytes;
    while (this.pages.size > this.limits.entries || this.bytes > this.limits.bytes) {
      const oldest = this.pages.keys().next().value;
      if (oldest === undefined) break;
      this.forget(oldest);
    }
  }

  private forget(key: string): void {
    const page = this.pages.get(key);
    if (!page) return;
    this.pages.delete(key);
    this.bytes -= page.bytes;
  }
}

/** A page that is never kept (it shows more than the plan, or a form), with its ETag; 304 when the reader has it already. */
export function withEtag(c: Context<AppEnv>, page: RenderedPlanPage): Response {
  return respond(c, page.html, page.status ?? 200, etagOf(page.version, whoAsks(c), c.req.url, page.html), false);
}

function respond(c: Context<AppEnv>, html: string, status: 200 | 404, etag: string, shared: boolean): Response {
  c.header('ETag', etag);
  if (shared) c.header('Cache-Control', PUBLIC_PAGE_CACHE_CONTROL);
  if (status === 200 && matches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  return c.html(html, status);
}

/** Anonymous as far as the request shows: no session or form cookie of Koers, no Authorization header, no actor. */
function isAnonymous(c: Context<AppEnv>): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  if (c.var.actor && c.var.actor.kind !== 'anonymous') return false;
  if (c.req.header('Authorization') !== undefined) return false;
  return !Object.keys(getCookie(c)).some((name) => KOERS_COOKIE.test(name));
}

function whoAsks(c: Context<AppEnv>): string {
  const actor = c.var.actor;
  return actor?.kind === 'user' ? `gebruiker ${actor.userId}` : (actor?.kind ?? 'anoniem');
}

function pathAndQuery(url: string): string {
  const start = url.indexOf('/', url.indexOf('//') + 2);
  return start < 0 ? '/' : url.slice(start);
}

/** "12-<hash>": the plan's version, then a hash of who asks, the page and query, and the page itself. */
export function etagOf(version: number, who: string, url: string, html: string): string {
  const hash = createHash('sha1').update(who).update('\n').update(pathAndQuery(url)).update('\n').update(html).digest('base64url');
  return `"${version}-${hash.slice(0, 22)}"`;
}

/** Whether If-None-Match names this ETag (or is *); weak and strong forms compare alike, as RFC 9110 asks for GET. */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  if (ifNoneMatch.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === bare);
}
