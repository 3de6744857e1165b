/**
 * Input Koers cannot store or read is a 400 naming the field, never a 500: a
 * NUL or a lone surrogate in any text of a plan document, a measurement or a
 * page form, and a page form whose multipart body is broken. On every engine,
 * as the database is where such text used to fail.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ValidationError } from '../src/domain/errors.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const NUL = 'Veilig\u0000heid';
const LONE_SURROGATE = 'Veilig\ud800heid';

describe.each(ENGINES)('bad input on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let app: ReturnType<typeof createApp>;
  let planId: string;
  let token: string;
  let session: string;
  let example: any;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    app = createApp(services);
    planId = (await loadExampleIfEmpty(services.plans))!.id;
    example = await readExampleDocument();
    const userId = await services.auth.createUser({
      name: 'Coördinator',
      email: 'oov@maasgouw.example',
      password: 'coordinator wachtwoord',
      isAdministrator: false,
    });
    await new AccountRepository(handle.db).grantRole(userId, 'GM1641', 'coordinator');
    token = (await services.auth.createApiToken(userId, 'invoer')).token;
    session = (await services.auth.openSession(userId, '127.0.0.1')).sessionToken;
  }, 60_000);
  afterAll(() => handle.close());

  const api = (method: string, path: string, body: unknown) =>
    app.request(`/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });

  /** A page form as the logged-in coordinator's browser sends it, with the token of its page. */
  async function pageForm(page: string, action: string, fields: Record<string, string>) {
    const cookie = `__Host-koers-sessie=${session}`;
    const html = await (await app.request(page, { headers: { Cookie: cookie } })).text();
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    return app.request(action, {
      method: 'POST',
      headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    });
  }

  it('refuses a plan document with a NUL or a lone surrogate, naming each by its JSON path', async () => {
    const document = structuredClone(example);
    document.plan.titel = NUL;
    document.plan.themas[0].naam = LONE_SURROGATE;
    const response = await api('POST', '/plannen', document);
    expect(response.status).toBe(400);
    const problem = await response.json();
    expect(problem.invalidParams.map((param: { name: string }) => param.name)).toEqual(['$.plan.titel', '$.plan.themas[0].naam']);
    expect(problem.invalidParams[0].reason).toContain('U+0000');
    expect(problem.invalidParams[1].reason).toContain('U+D800');
    // The same document through the service, as `koers plan import` reads it.
    await expect(services.plans.importPlan(SYSTEM, document)).rejects.toBeInstanceOf(ValidationError);
  });

  it('refuses a measurement whose note has a NUL, through the API and through the service', async () => {
    const response = await api('POST', `/plannen/${planId}/indicatoren/woninginbraken/metingen`, {
      periode: '2021',
      waarde: 52,
      toelichting: NUL,
    });
    expect(response.status).toBe(400);
    expect((await response.json()).invalidParams).toEqual([{ name: '$.toelichting', reason: expect.stringContaining('U+0000') }]);
    const entry = { period: { year: 2021 }, value: 52, suppressed: false, numerator: null, denominator: null, note: NUL };
    await expect(services.monitoring.recordMeasurement(SYSTEM, planId, 'woninginbraken', entry as never)).rejects.toMatchObject({
      problems: [{ path: 'toelichting' }],
    });
  });

  it('refuses a NUL in any page form field with a 400 page naming the field', async () => {
    const measurement = await pageForm(
      `/plannen/${planId}/monitor/indicatoren/woninginbraken`,
      `/plannen/${planId}/monitor/indicatoren/woninginbraken`,
      { periode: '2021', waarde: '52', toelichting: NUL },
    );
    expect(measurement.status).toBe(400);
    expect(await measurement.text()).toMatch(/toelichting: bevat een onzichtbaar stuurteken \(U\+0000\)/);
    const assessment = await pageForm(`/plannen/${planId}/monitor`, `/plannen/${planId}/monitor/themas/prioriteit-2/beoordeling`, {
      jaar: '2021',
      oordeel: 'op-koers',
      tekst: NUL,
    });
    expect(assessment.status).toBe(400);
    expect(await assessment.text()).toContain('tekst: bevat een onzichtbaar stuurteken');
  });

  it('refuses a NUL in the login form before it reaches the database', async () => {
    const page = await app.request('/inloggen');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const cookie = /__Host-koers-csrf=([^;]+)/.exec(page.headers.get('Set-Cookie') ?? '')?.[1] ?? '';
    const response = await app.request('/inloggen', {
      method: 'POST',
      headers: { Cookie: `__Host-koers-csrf=${cookie}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, email: `raad\u0000@maasgouw.example`, wachtwoord: 'wat dan ook' }).toString(),
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('email: bevat een onzichtbaar stuurteken');
  });

  it('answers a page form with a broken multipart body with a 400 page', async () => {
    for (const type of ['multipart/form-data; boundary=', 'multipart/form-data; boundary=grens', 'multipart/form-data']) {
      const response = await app.request(`/plannen/${planId}/monitor/metingen/bestand`, {
        method: 'POST',
        headers: { Cookie: `__Host-koers-sessie=${session}`, 'Content-Type': type },
        body: '--andere-grens\r\nContent-Disposition: form-data; name="_csrf"\r\n\r\nx\r\n--andere',
      });
      expect(response.status, type).toBe(400);
      expect(await response.text()).toContain('Het formulier is onleesbaar');
    }
  });
});
