/**
 * Fast answers for the pages of a plan. Every page carries an ETag made of the
 * plan's version and a hash of who asks, the address (page and query) and
 * the page itself, and answers 304 to a matching If-None-Match.
 *
 * Pages of published plans asked by anonymous readers are kept, rendered, in
 * memory per (plan, version, measurements, page and query), within a bounded
 * number and size. Before each such answer one small query (shared by the
 * requests for the plan that arrive while it runs) asks the plan's version,
 * whether it is still published, and how many measurements, assessments,
 * progress reports, reviews and rounds it has (these change the status
 * badges and the state of affairs without changing the plan's version): a change of the plan, also by another instance, a new
 * measurement or the end of its publication is seen at once, and an old page
 * is never served. On the embedded database, which belongs to this process
 * alone, that query is asked again only when something was written since the
 * last one (DatabaseHandle.writeCount). Nobody logged in (a session cookie, an API token) is ever
 * answered from here, nor is a page of a plan that is not published.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { SharedReads } from '../../db/shared-reads.js';
import type { AppEnv } from '../../http/app-env.js';

/** What decides whether a kept page is still the page: absent when the plan is not published (or does not exist). */
export interface PublicStamp {
  version: number;
  /** Changes whenever a measurement, an assessment or progress of the plan is recorded (or a round opened or closed). */
  monitored: string;
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
  /** The page as UTF-8, encoded once. */
  body: Uint8Array<ArrayBuffer>;
  etag: string;
}

const KOERS_COOKIE = /^__Host-koers-/;

export class PlanPageCache {
  /** Least recently used first. */
  private readonly pages = new Map<string, Kept>();
  private bytes = 0;
  /** The stamp of a plan asked once for all anonymous requests of it that arrive while it is asked (see shared-read.ts). */
  private readonly stampReads = new SharedReads<PublicStamp | undefined>({ inTurns: false });

  /** The stamp last read per plan, with the database's write count when that read began (embedded database only). */
  private readonly knownStamps = new Map<string, { stamp: PublicStamp | undefined; writeCount: number }>();

  constructor(
    private readonly stamps: PublicStampReader | undefined,
    private readonly limits = { entries: 500, bytes: 32 * 1024 * 1024 },
    /**
     * The embedded database's count of statements that may change data (DatabaseHandle.writeCount): while it
     * stands still since a stamp was read, that stamp is still the plan's and is not asked again. Absent on a
     * server, where other processes write too: there every answer asks.
     */
    private readonly writeCount: (() => number) | null = null,
  ) {}

  /** How many pages are kept, and their size in bytes (for tests and the benchmark). */
  get size(): { entries: number; bytes: number } {
    return { entries: this.pages.size, bytes: this.bytes };
  }

  /**
   * The kept page for this request, or undefined: the fast way in for an
   * anonymous reader, asked before the request is authenticated (the app puts
   * it before its other middleware but the request log and the security
   * headers). Only a request without a cookie of Koers and without an
   * Authorization header, so certainly anonymous, is answered from here.
   */
  async kept(c: Context<AppEnv>): Promise<Response | undefined> {
    const planId = PLAN_PAGE.exec(c.req.path)?.[1];
    if (!planId || !this.stamps || !mayShare(c)) return undefined;
    const stamp = await this.stampOf(planId);
    if (!stamp) return undefined;
    const key = `${planId} ${stamp.version} ${stamp.monitored} ${pathAndQuery(c.req.url)}`;
    const kept = this.pages.get(key);
    if (!kept) return undefined;
    this.pages.delete(key);
    this.pages.set(key, kept);
    return respond(c, kept.body, 200, kept.etag, true);
  }

  /** The answer to a GET of a plan page: from memory when it may be, rendered otherwise; 304 when the reader has it already. */
  async answer(c: Context<AppEnv>, planId: string, render: () => Promise<RenderedPlanPage>): Promise<Response> {
    const stamp = this.stamps && isAnonymous(c) ? await this.stampOf(planId) : undefined;
    if (!stamp) {
      const page = await render();
      return withEtag(c, page);
    }
    const key = `${planId} ${stamp.version} ${stamp.monitored} ${pathAndQuery(c.req.url)}`;
    const kept = this.pages.get(key);
    if (kept) {
      this.pages.delete(key);
      this.pages.set(key, kept);
      return respond(c, kept.body, 200, kept.etag, true);
    }
    const page = await render();
    const status = page.status ?? 200;
    const body = utf8(page.html);
    const etag = etagOf(page.version, 'anoniem', c.req.url, body);
    // Kept only when it shows the version the stamp named: a change in between makes it a page of another version.
    if (status === 200 && page.version === stamp.version) this.keep(key, { body, etag });
    return respond(c, body, status, etag, status === 200);
  }

  /** The plan's stamp as it is now: asked of the database, or on the embedded database the last one read while nothing was written since. */
  private async stampOf(planId: string): Promise<PublicStamp | undefined> {
    const stamps = this.stamps;
    if (!stamps) return undefined;
    const writeCount = this.writeCount;
    if (writeCount) {
      const known = this.knownStamps.get(planId);
      if (known && known.writeCount === writeCount()) return known.stamp;
    }
    return this.stampReads.read(planId, async () => {
      // Counted before the read runs: a write in between makes the count differ, and the next request asks again.
      const before = writeCount?.();
      const stamp = await stamps.publicStamp(planId);
      if (before !== undefined) {
        this.knownStamps.delete(planId);
        this.knownStamps.set(planId, { stamp, writeCount: before });
        // Bounded as the pages are: the plans read least recently go first.
        while (this.knownStamps.size > this.limits.entries) {
          const oldest = this.knownStamps.keys().next().value;
          if (oldest === undefined) break;
          this.knownStamps.delete(oldest);
        }
      }
      return stamp;
    });
  }

  private keep(key: string, page: Kept): void {
    if (page.body.byteLength > this.limits.bytes / 10) return;
    this.forget(key);
    this.pages.set(key, page);
    this.bytes += page.body.byteLength;
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
    this.bytes -= page.body.byteLength;
  }
}

/** A page that is never kept (it shows more than the plan, or a form), with its ETag; 304 when the reader has it already. */
export function withEtag(c: Context<AppEnv>, page: RenderedPlanPage): Response {
  const body = utf8(page.html);
  return respond(c, body, page.status ?? 200, etagOf(page.version, whoAsks(c), c.req.url, body), false);
}

/** The page as UTF-8, encoded once for its hash and its answer. */
function utf8(html: string): Uint8Array<ArrayBuffer> {
  const bytes = Buffer.from(html);
  return new Uint8Array(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
}

function respond(c: Context<AppEnv>, body: Uint8Array<ArrayBuffer>, status: 200 | 404, etag: string, shared: boolean): Response {
  c.header('ETag', etag);
  if (shared) {
    c.header('Cache-Control', PUBLIC_PAGE_CACHE_CONTROL);
    c.header('Vary', 'Cookie, Authorization');
  }
  if (status === 200 && matches(c.req.header('If-None-Match'), etag)) return c.body(null, 304);
  return c.body(body, status, { 'Content-Type': 'text/html; charset=UTF-8' });
}

/** A page of a plan: the plan's id. */
const PLAN_PAGE = /^\/plannen\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:\/|$)/;

/** Anonymous as far as the request shows: a GET or HEAD without a session or form cookie of Koers and without an Authorization header. */
function mayShare(c: Context<AppEnv>): boolean {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return false;
  if (c.req.header('Authorization') !== undefined) return false;
  const cookie = c.req.header('Cookie');
  return cookie === undefined || !Object.keys(getCookie(c)).some((name) => KOERS_COOKIE.test(name));
}

/** Anonymous: as the request shows (mayShare), and as authenticated. */
function isAnonymous(c: Context<AppEnv>): boolean {
  return mayShare(c) && (!c.var.actor || c.var.actor.kind === 'anonymous');
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
export function etagOf(version: number, who: string, url: string, html: Uint8Array): string {
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
