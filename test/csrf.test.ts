/**
 * Forms from elsewhere: a page form with a foreign Origin (or, without one, a
 * foreign Referer) is refused before anything runs, also behind a proxy of our
 * own; and the CSRF token follows the session the request really has, so the
 * first login after a session expired works.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { createServices } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

/** Sessions that go idle after a second, so one can expire during the test. */
const SHORT_SESSIONS = { idleMinutes: 1 / 60, absoluteHours: 12 };
const EMAIL = 'raad@maasgouw.example';
const PASSWORD = 'raadslid wachtwoord';

let handle: DatabaseHandle;
let services: ReturnType<typeof createServices>;

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle, SHORT_SESSIONS);
  await services.auth.createUser({ name: 'Raadslid', email: EMAIL, password: PASSWORD, isAdministrator: false });
});
afterAll(() => handle.close());

/** A browser's cookie jar, as far as these tests need one: it keeps, replaces and deletes what answers set. */
class Browser {
  readonly cookies = new Map<string, string>();
  constructor(private readonly app: ReturnType<typeof createApp>) {}

  async request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}): Promise<Response> {
    const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    const response = await this.app.request(path, { ...init, headers: { ...init.headers, ...(cookie ? { Cookie: cookie } : {}) } });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /Max-Age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** Opens a page and sends its form with the page's CSRF token. */
  async submit(page: string, action: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await this.request(page)).text())?.[1] ?? '';
    return this.request(action, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }
}

const logIn = (browser: Browser, headers: Record<string, string> = {}) =>
  browser.submit('/inloggen', '/inloggen', { email: EMAIL, wachtwoord: PASSWORD }, headers);

describe('a form from another origin', () => {
  it('is refused with 403 before it runs, by its Origin or else its Referer; its own origin and no header at all pass', async () => {
    const browser = new Browser(createApp(services));
    const foreign = await logIn(browser, { Origin: 'https://aanvaller.example' });
    expect(foreign.status).toBe(403);
    expect(await foreign.text()).toContain('niet vanuit Koers zelf verstuurd');
    expect(browser.cookies.has('__Host-koers-sessie')).toBe(false);
    expect((await logIn(browser, { Origin: 'null' })).status).toBe(403);
    expect((await logIn(browser, { Referer: 'https://aanvaller.example/pagina' })).status).toBe(403);
    expect((await logIn(browser, { Origin: 'http://localhost', Referer: 'https://aanvaller.example/' })).status).toBe(303);
    expect((await logIn(browser, { Referer: 'http://localhost/inloggen' })).status).toBe(303);
    expect((await logIn(browser)).status).toBe(303);
  });

  it('keeps a logged-in user logged in when another site posts the logout form', async () => {
    const browser = new Browser(createApp(services));
    await logIn(browser);
    const logout = await browser.submit('/account', '/uitloggen', {}, { Origin: 'https://aanvaller.example' });
    expect(logout.status).toBe(403);
    expect((await browser.request('/account')).status).toBe(200);
  });

  it('behind a proxy of our own, is compared with the forwarded host and scheme the browser used', async () => {
    const proxied = new Browser(createApp(services, { trustProxy: true }));
    const forwarded = { 'X-Forwarded-Host': 'koers.maasgouw.example', 'X-Forwarded-Proto': 'https' };
    expect((await logIn(proxied, { ...forwarded, Origin: 'https://koers.maasgouw.example' })).status).toBe(303);
    expect((await logIn(proxied, { ...forwarded, Origin: 'http://localhost' })).status).toBe(403);
    expect((await logIn(proxied, { ...forwarded, Origin: 'http://koers.maasgouw.example' })).status).toBe(403);
    // Without trustProxy, anyone could send those headers: they are ignored.
    const direct = new Browser(createApp(services));
    expect((await logIn(direct, { ...forwarded, Origin: 'https://koers.maasgouw.example' })).status).toBe(403);
  });
});

describe('after a session expired', () => {
  it('logs in the first time, with the token of the login page that followed', async () => {
    const browser = new Browser(createApp(services));
    expect((await logIn(browser)).status).toBe(303);
    const expired = browser.cookies.get('__Host-koers-sessie');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await browser.request('/account')).status).toBe(303);
    // The account page's redirect removed the stale cookie; a browser that still sends it logs in just as well.
    browser.cookies.set('__Host-koers-sessie', expired ?? '');
    const again = await logIn(browser);
    expect(again.status).toBe(303);
    expect(browser.cookies.get('__Host-koers-sessie')).not.toBe(expired);
    expect((await browser.request('/account')).status).toBe(200);
  });

  it('logs in the first time when the login page is the first page opened with the stale cookie', async () => {
    const browser = new Browser(createApp(services));
    await logIn(browser);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await logIn(browser)).status).toBe(303);
    expect((await browser.request('/account')).status).toBe(200);
  });
});
