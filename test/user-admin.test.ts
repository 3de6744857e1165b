/** A municipality's beheerder manages its users through /beheer/gebruikers, and no one else's. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

let handle: DatabaseHandle;
let services: ReturnType<typeof createServices>;
let app: ReturnType<typeof createApp>;
let beheerderCookie: string;
let coordinatorCookie: string;

async function sessionFor(email: string, municipality: string, role: 'beheerder' | 'coordinator'): Promise<string> {
  const id = await services.auth.createUser({ name: email, email, password: 'een lang wachtwoord', isAdministrator: false });
  await new AccountRepository(handle.db).grantRole(id, municipality, role, null);
  return `__Host-koers-sessie=${(await services.auth.openSession(id, '10.4.0.1')).sessionToken}`;
}

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle);
  app = createApp(services);
  await loadExampleIfEmpty(services.plans);
  const example = (await readExampleDocument()) as any;
  await services.plans.importPlan(SYSTEM, { ...example, plan: { ...example.plan, gemeenten: [{ code: 'GM1669', naam: 'Roerdalen' }] } });
  beheerderCookie = await sessionFor('beheer@maasgouw.example', 'GM1641', 'beheerder');
  coordinatorCookie = await sessionFor('oov@maasgouw.example', 'GM1641', 'coordinator');
});
afterAll(() => handle.close());

async function page(cookie: string) {
  const response = await app.request('/beheer/gebruikers', { headers: { Cookie: cookie } });
  const html = await response.text();
  return { status: response.status, html, csrf: /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '' };
}

function post(path: string, fields: Record<string, string>, cookie: string) {
  return app.request(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
    body: new URLSearchParams(fields).toString(),
  });
}

describe('user management by a beheerder', () => {
  it('lists the users with a role in the own municipality', async () => {
    const { status, html } = await page(beheerderCookie);
    expect(status).toBe(200);
    expect(html).toContain('oov@maasgouw.example');
    expect(html).toContain('<option value="GM1641">');
    expect(html).not.toContain('<option value="GM1669">');
  });

  it('adds a person with a role, making the account, and refuses another municipality', async () => {
    const { csrf } = await page(beheerderCookie);
    const added = await post(
      '/beheer/gebruikers',
      {
        _csrf: csrf,
        naam: 'Wijkagent',
        email: 'wijkagent@politie.example',
        gemeente: 'GM1641',
        rol: 'partner',
        partner: 'Politie',
        wachtwoord: '',
      },
      beheerderCookie,
    );
    expect(added.status).toBe(201);
    const html = await added.text();
    expect(html).toContain('wijkagent@politie.example heeft de rol partner bij GM1641.');
    expect(html).toContain('partner (Politie)');
    const elsewhere = await post(
      '/beheer/gebruikers',
      { _csrf: csrf, naam: 'X', email: 'x@roerdalen.example', gemeente: 'GM1669', rol: 'lezer', wachtwoord: '' },
      beheerderCookie,
    );
    expect(elsewhere.status).toBe(403);
    expect(await new AccountRepository(handle.db).findUserByEmail('x@roerdalen.example')).toBeUndefined();
  });

  it('refuses a wrong role before making an account, and names a short password', async () => {
    const { csrf } = await page(beheerderCookie);
    const form = { _csrf: csrf, naam: 'Y', email: 'y@maasgouw.example', gemeente: 'GM1641' };
    const badRole = await post('/beheer/gebruikers', { ...form, rol: 'koning', wachtwoord: 'een lang wachtwoord' }, beheerderCookie);
    expect(badRole.status).toBe(400);
    expect(await badRole.text()).toContain('rol: kies uit beheerder');
    // Nothing half-written: no account without its role.
    expect(await new AccountRepository(handle.db).findUserByEmail('y@maasgouw.example')).toBeUndefined();
    const shortPassword = await post('/beheer/gebruikers', { ...form, rol: 'lezer', wachtwoord: 'kort' }, beheerderCookie);
    expect(shortPassword.status).toBe(400);
    expect(await shortPassword.text()).toContain('wachtwoord: gebruik minstens 12 tekens');
  });

  it('ends the sessions of a user of the own municipality only', async () => {
    const { csrf } = await page(beheerderCookie);
    const coordinator = await new AccountRepository(handle.db).findUserByEmail('oov@maasgouw.example');
    const ended = await post(`/beheer/gebruikers/${coordinator!.id}/sessies-beeindigen`, { _csrf: csrf }, beheerderCookie);
    expect(ended.status).toBe(200);
    expect(await ended.text()).toContain('1 sessie(s) beëindigd.');
    expect((await app.request('/account', { headers: { Cookie: coordinatorCookie } })).status).toBe(303);
    const outsider = await services.auth.createUser({
      name: 'Buiten',
      email: 'buiten@elders.example',
      password: null,
      isAdministrator: false,
    });
    expect((await post(`/beheer/gebruikers/${outsider}/sessies-beeindigen`, { _csrf: csrf }, beheerderCookie)).status).toBe(404);
  });

  it('refuses the page to a user without the beheerder role', async () => {
    const other = await sessionFor('lezer@maasgouw.example', 'GM1641', 'coordinator');
    expect((await page(other)).status).toBe(403);
  });
});
