/**
 * A hundred wrong passwords for one account at the same moment, over real
 * HTTP: at most the limit is checked, the rest is refused with 429, and the
 * server keeps answering other requests while it checks passwords.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOGIN_LIMITS } from '../../src/features/accounts/auth.service.js';
import { startTestServer, type TestServer } from '../test-server.js';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  await server.services.auth.createUser({
    name: 'Doelwit',
    email: 'doelwit@maasgouw.example',
    password: 'het juiste wachtwoord',
    isAdministrator: false,
  });
}, 60_000);
afterAll(() => server.close());

describe('a hundred parallel logins', () => {
  it('checks at most the limit of passwords, refuses the rest with 429 and Retry-After, and keeps serving pages', async () => {
    const form = await fetch(`${server.url}/inloggen`);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const cookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    const body = (password: string) =>
      new URLSearchParams({ _csrf: csrf, email: 'doelwit@maasgouw.example', wachtwoord: password }).toString();
    const headers = { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie };
    const pageTimes: number[] = [];
    let stop = false;
    const reader = (async () => {
      while (!stop) {
        const started = performance.now();
        expect((await fetch(`${server.url}/`)).status).toBe(200);
        pageTimes.push(performance.now() - started);
      }
    })();
    const answers = await Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        fetch(`${server.url}/inloggen`, { method: 'POST', headers, body: body(`fout ${index}`), redirect: 'manual' }),
      ),
    );
    stop = true;
    await reader;
    const statuses = answers.map((answer) => answer.status);
    expect(statuses.filter((status) => status === 401)).toHaveLength(LOGIN_LIMITS.perAccount);
    expect(statuses.filter((status) => status === 429)).toHaveLength(100 - LOGIN_LIMITS.perAccount);
    expect(answers.find((answer) => answer.status === 429)?.headers.get('retry-after')).toMatch(/^\d+$/);
    // The right password is refused too while the limit holds.
    const right = await fetch(`${server.url}/inloggen`, {
      method: 'POST',
      headers,
      body: body('het juiste wachtwoord'),
      redirect: 'manual',
    });
    expect(right.status).toBe(429);
    expect(pageTimes.length).toBeGreaterThan(0);
  }, 60_000);
});
