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
let roerdalenCookie: string;
let coordinatorCookie: string;

async function sessionFor(email: string, municipality: string, role: 'beheerder' | 'coordinator' | 'lezer'): Promise<string> {
  const id = await services.auth.createUser({ name: email, email, password: 'een lang wachtwoord', isAdministrator: false });
  await new AccountRepository(handle.db).grantRole(id, municipality, role);
  return `__Host-koers-sessie=${(await services.auth.openSession(id, '10.4.0.1')).sessionToken}`;
}

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle);
  app = createApp(services);
  await loadExampleIfEmpty(services.plans);
  const example = (await readExampleDocument()) as any;
  await services.plans.importPlan(SYSTEM, {
    ...example,
    plan: { ...example.plan, gemeenten: [{ code: 'GM1669', naam: 'Roerdalen' }], vaststellingen: undefined },
  });
  beheerderCookie = await sessionFor('beheer@maasgouw.example', 'GM1641', 'beheerder');
  roerdalenCookie = await sessionFor('beheer@roerdalen.example', 'GM1669', 'beheerder');
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
      },
      beheerderCookie,
    );
    expect(added.status).toBe(201);
    const html = await added.text();
    expect(html).toContain('Account gemaakt: wijkagent@politie.example heeft de rol partner bij GM1641.');
    expect(html).toContain('partner (Politie)');
    const elsewhere = await post(
      '/beheer/gebruikers',
      { _csrf: csrf, naam: 'X', email: 'x@roerdalen.example', gemeente: 'GM1669', rol: 'lezer', wachtwoord: '' },
      beheerderCookie,
    );
    expect(elsewhere.status).toBe(403);
    expect(await new AccountRepository(handle.db).findUserByEmail('x@roerdalen.example')).toBeUndefined();
  });

  it('links a partner role to a partner of the plan and a portfolio holder role to a portfolio holder, and refuses others', async () => {
    const { csrf } = await page(beheerderCookie);
    const form = { _csrf: csrf, gemeente: 'GM1641' };
    const unknown = await post(
      '/beheer/gebruikers',
      { ...form, naam: 'Q', email: 'q@maasgouw.example', rol: 'partner', partner: 'Bakkerij de Vries' },
      beheerderCookie,
    );
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toMatch(
      /partner: Bakkerij de Vries is geen partner in de plannen van deze gemeente: kies uit [^<]*\bpolitie\b/,
    );
    expect(await new AccountRepository(handle.db).findUserByEmail('q@maasgouw.example')).toBeUndefined();
    const mayor = await post(
      '/beheer/gebruikers',
      {
        ...form,
        naam: 'Burgemeester',
        email: 'burgemeester@maasgouw.example',
        rol: 'portefeuillehouder',
        portefeuillehouder: 'burgemeester',
      },
      beheerderCookie,
    );
    expect(mayor.status).toBe(201);
    expect(await mayor.text()).toContain('portefeuillehouder (Burgemeester)');
    const misplaced = await post(
      '/beheer/gebruikers',
      { ...form, naam: 'R', email: 'r@maasgouw.example', rol: 'lezer', partner: 'politie' },
      beheerderCookie,
    );
    expect(misplaced.status).toBe(400);
    expect(await misplaced.text()).toContain('alleen de rol partner meldt voor een partner');
    const grants = await handle.db
      .selectFrom('userRole')
      .innerJoin('userAccount', 'userAccount.id', 'userRole.userId')
      .select(['userAccount.email', 'userRole.partnerKey', 'userRole.portfolioHolderKey'])
      .where('userAccount.email', 'in', ['wijkagent@politie.example', 'burgemeester@maasgouw.example'])
      .orderBy('userAccount.email')
      .execute();
    expect(grants).toEqual([
      { email: 'burgemeester@maasgouw.example', partnerKey: null, portfolioHolderKey: 'burgemeester' },
      { email: 'wijkagent@politie.example', partnerKey: 'politie', portfolioHolderKey: null },
    ]);
  });

  it('refuses a wrong role before making an account', async () => {
    const { csrf } = await page(beheerderCookie);
    const form = { _csrf: csrf, naam: 'Y', email: 'y@maasgouw.example', gemeente: 'GM1641' };
    const badRole = await post('/beheer/gebruikers', { ...form, rol: 'koning' }, beheerderCookie);
    expect(badRole.status).toBe(400);
    expect(await badRole.text()).toContain('rol: kies uit beheerder');
    // Nothing half-written: no account without its role.
    expect(await new AccountRepository(handle.db).findUserByEmail('y@maasgouw.example')).toBeUndefined();
  });

  it('leaves no account behind when the role is refused after the account was made (one unit of work)', async () => {
    // A partner without the organisation passes the form's first check but not the grant itself.
    await expect(
      services.users.addUser(SYSTEM, {
        name: 'Z',
        email: 'z@maasgouw.example',
        municipalityCode: 'GM9999',
        role: 'lezer',
        partner: null,
        portfolioHolder: null,
      }),
    ).rejects.toMatchObject({ problems: [{ path: 'gemeente' }] });
    expect(await new AccountRepository(handle.db).findUserByEmail('z@maasgouw.example')).toBeUndefined();
    const events = await handle.db.selectFrom('auditEvent').select('action').where('after', 'is not', null).execute();
    expect(JSON.stringify(events)).not.toContain('z@maasgouw.example');
  });

  it('ends the sessions of a user of the own municipality only', async () => {
    const { csrf } = await page(beheerderCookie);
    const coordinator = await new AccountRepository(handle.db).findUserByEmail('oov@maasgouw.example');
    const ended = await post(`/beheer/gebruikers/${coordinator!.id}/sessies-beeindigen`, { _csrf: csrf }, beheerderCookie);
    expect(ended.status).toBe(200);
    expect(await ended.text()).toContain('1 sessie beëindigd.');
    expect((await app.request('/account', { headers: { Cookie: coordinatorCookie } })).status).toBe(303);
    const outsider = await services.auth.createUser({
      name: 'Buiten',
      email: 'buiten@elders.example',
      password: null,
      isAdministrator: false,
    });
    expect((await post(`/beheer/gebruikers/${outsider}/sessies-beeindigen`, { _csrf: csrf }, beheerderCookie)).status).toBe(404);
    expect((await post('/beheer/gebruikers/geen-uuid/sessies-beeindigen', { _csrf: csrf }, beheerderCookie)).status).toBe(404);
  });

  it('refuses the page to a user without the beheerder role', async () => {
    const other = await sessionFor('lezer@maasgouw.example', 'GM1641', 'coordinator');
    expect((await page(other)).status).toBe(403);
  });
});

/** The link a page shows once, and the login it leads to. */
function linkIn(html: string): string {
  const url = /(http:\/\/[^<\s"]+\/wachtwoord-instellen\/[A-Za-z0-9_-]+)/.exec(html)?.[1];
  if (!url) throw new Error('no link on the page');
  return new URL(url).pathname;
}

async function setPassword(path: string, password: string) {
  // The form's token before login comes with a cookie; any page with a form gives both.
  const form = await app.request('/inloggen');
  const csrfCookie = /__Host-koers-csrf=([^;]+)/.exec(form.headers.get('Set-Cookie') ?? '')?.[1] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  return post(path, { _csrf: csrf, wachtwoord: password, herhaling: password }, `__Host-koers-csrf=${csrfCookie}`);
}

async function addUser(cookie: string, fields: Record<string, string>) {
  const { csrf } = await page(cookie);
  return post('/beheer/gebruikers', { _csrf: csrf, ...fields }, cookie);
}

describe('accounts a beheerder makes', () => {
  it('gives a new account a one-time link to set its own password, never a password typed by the beheerder', async () => {
    const { html } = await page(beheerderCookie);
    expect(html).not.toContain('type="password"');
    const added = await addUser(beheerderCookie, {
      naam: 'Nieuw',
      email: 'nieuw@maasgouw.example',
      gemeente: 'GM1641',
      rol: 'lezer',
      wachtwoord: 'een lang wachtwoord',
    });
    expect(added.status).toBe(201);
    const path = linkIn(await added.text());
    const account = await new AccountRepository(handle.db).findUserByEmail('nieuw@maasgouw.example');
    expect(account?.passwordHash).toBeNull();
    await expect(services.auth.login('nieuw@maasgouw.example', 'een lang wachtwoord', '10.4.1.1')).rejects.toThrow();
    expect((await setPassword(path, 'mijn eigen wachtwoord')).status).toBe(200);
    await expect(services.auth.login('nieuw@maasgouw.example', 'mijn eigen wachtwoord', '10.4.1.1')).resolves.toMatchObject({
      actor: { kind: 'user' },
    });
    // Once only.
    expect((await app.request(path)).status).toBe(404);
    expect((await setPassword(path, 'nog een wachtwoord')).status).toBe(404);
  });

  it('lets a link expire after 72 hours', async () => {
    const added = await addUser(beheerderCookie, { naam: 'Laat', email: 'laat@maasgouw.example', gemeente: 'GM1641', rol: 'lezer' });
    const path = linkIn(await added.text());
    const link = await handle.db
      .selectFrom('passwordLink')
      .select(['createdAt', 'expiresAt'])
      .orderBy('createdAt', 'desc')
      .executeTakeFirstOrThrow();
    expect(new Date(link.expiresAt).getTime() - new Date(link.createdAt).getTime()).toBe(72 * 3_600_000);
    await handle.db.updateTable('passwordLink').set({ createdAt: '2020-01-01T00:00:00Z', expiresAt: '2020-01-04T00:00:00Z' }).execute();
    expect((await app.request(path)).status).toBe(404);
  });

  it("does not let one municipality's beheerder keep a password for an account that later gets a role elsewhere", async () => {
    // The beheerder of Maasgouw makes an account for someone of Roerdalen and sets its password through the link himself.
    const planted = await addUser(beheerderCookie, {
      naam: 'Doelwit',
      email: 'doelwit@roerdalen.example',
      gemeente: 'GM1641',
      rol: 'lezer',
    });
    expect((await setPassword(linkIn(await planted.text()), 'door de beheerder gekozen')).status).toBe(200);
    const session = await services.auth.login('doelwit@roerdalen.example', 'door de beheerder gekozen', '10.4.2.1');
    const userId = session.actor.kind === 'user' ? session.actor.userId : '';
    const token = await services.auth.createApiToken(userId, 'achterdeur');
    // The beheerder of Roerdalen gives that address a role there: the account existed, so it only gets the role, and no link.
    const granted = await addUser(roerdalenCookie, {
      naam: 'Doelwit',
      email: 'doelwit@roerdalen.example',
      gemeente: 'GM1669',
      rol: 'coordinator',
    });
    expect(granted.status).toBe(201);
    const html = await granted.text();
    expect(html).toContain('had al een account');
    expect(html).toContain('is daarom vervallen');
    expect(html).not.toContain('/wachtwoord-instellen/');
    // The planted password, its session and its API token no longer work.
    await expect(services.auth.login('doelwit@roerdalen.example', 'door de beheerder gekozen', '10.4.2.2')).rejects.toThrow();
    expect(await services.auth.actorForSession(session.sessionToken)).toBeUndefined();
    expect(await services.auth.actorForApiToken(token.token)).toBeUndefined();
    // Neither beheerder may hand out a new link now; an administrator may.
    for (const cookie of [beheerderCookie, roerdalenCookie]) {
      const { csrf, html: list } = await page(cookie);
      expect(list).not.toContain(`/beheer/gebruikers/${userId}/wachtwoordlink`);
      expect((await post(`/beheer/gebruikers/${userId}/wachtwoordlink`, { _csrf: csrf }, cookie)).status).toBe(403);
    }
    const byAdministrator = await services.users.issuePasswordLink(SYSTEM, userId);
    expect((await setPassword(`/wachtwoord-instellen/${byAdministrator.link.token}`, 'door de persoon gekozen')).status).toBe(200);
    await expect(services.auth.login('doelwit@roerdalen.example', 'door de persoon gekozen', '10.4.2.3')).resolves.toMatchObject({
      actor: { kind: 'user' },
    });
    // A role granted later by either municipality leaves a password set through an administrator's link alone.
    await services.auth.grantRole(SYSTEM, 'doelwit@roerdalen.example', 'GM1641', 'coordinator');
    await expect(services.auth.login('doelwit@roerdalen.example', 'door de persoon gekozen', '10.4.2.4')).resolves.toBeTruthy();
  });

  it('voids an unused link of one municipality when the account gets a role in another', async () => {
    const made = await addUser(beheerderCookie, { naam: 'Wacht', email: 'wacht@roerdalen.example', gemeente: 'GM1641', rol: 'lezer' });
    const path = linkIn(await made.text());
    await services.auth.grantRole(SYSTEM, 'wacht@roerdalen.example', 'GM1669', 'lezer');
    expect((await app.request(path)).status).toBe(404);
    expect((await setPassword(path, 'te laat gekozen')).status).toBe(404);
  });

  it('lets a beheerder give a new link only to an account wholly within the own municipality', async () => {
    const { csrf } = await page(beheerderCookie);
    const own = await new AccountRepository(handle.db).findUserByEmail('nieuw@maasgouw.example');
    const renewed = await post(`/beheer/gebruikers/${own!.id}/wachtwoordlink`, { _csrf: csrf }, beheerderCookie);
    expect(renewed.status).toBe(200);
    expect(linkIn(await renewed.text())).toMatch(/^\/wachtwoord-instellen\//);
    const outsider = await new AccountRepository(handle.db).findUserByEmail('beheer@roerdalen.example');
    expect((await post(`/beheer/gebruikers/${outsider!.id}/wachtwoordlink`, { _csrf: csrf }, beheerderCookie)).status).toBe(404);
    expect((await post('/beheer/gebruikers/geen-uuid/wachtwoordlink', { _csrf: csrf }, beheerderCookie)).status).toBe(404);
  });
});

describe('the link behind a proxy of our own', () => {
  it('names the address the browser uses, the forwarded host and scheme, not the address Koers listens on', async () => {
    const proxied = createApp(services, { trustProxy: true });
    const forwarded = { 'X-Forwarded-Proto': 'https', 'X-Forwarded-Host': 'koers.maasgouw.example', Cookie: beheerderCookie };
    const form = await proxied.request('http://127.0.0.1:3000/beheer/gebruikers', { headers: forwarded });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
    const added = await proxied.request('http://127.0.0.1:3000/beheer/gebruikers', {
      method: 'POST',
      headers: { ...forwarded, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        _csrf: csrf,
        naam: 'Via proxy',
        email: 'proxy@maasgouw.example',
        gemeente: 'GM1641',
        rol: 'lezer',
      }).toString(),
    });
    expect(added.status).toBe(201);
    expect(await added.text()).toMatch(/https:\/\/koers\.maasgouw\.example\/wachtwoord-instellen\/[A-Za-z0-9_-]+/);
  });
});
