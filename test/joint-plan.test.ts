/**
 * A joint plan of two municipalities: which permissions need a role in every
 * municipality of the plan, and which in one. docs/security.md lists the same
 * rules; this test holds them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import type { RoleCode } from '../src/db/schema.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

let handle: DatabaseHandle;
let services: ReturnType<typeof createServices>;
let app: ReturnType<typeof createApp>;
let planId: string;
const people = {} as Record<'maasgouw' | 'beide', { token: string; session: string }>;

async function person(email: string, roles: [string, RoleCode][]) {
  const id = await services.auth.createUser({ name: email, email, password: null, isAdministrator: false });
  for (const [municipality, role] of roles) await services.auth.grantRole(SYSTEM, email, municipality, role);
  return {
    token: (await services.auth.createApiToken(id, 'test')).token,
    session: (await services.auth.openSession(id, '127.0.0.1')).sessionToken,
  };
}

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle);
  app = createApp(services);
  const example = (await readExampleDocument()) as any;
  const joint = {
    ...example,
    plan: {
      ...example.plan,
      titel: 'Gezamenlijk plan',
      gemeenten: [
        { code: 'GM1641', naam: 'Maasgouw' },
        { code: 'GM1669', naam: 'Roerdalen' },
      ],
    },
  };
  planId = (await services.plans.importPlan(SYSTEM, joint)).id;
  people.maasgouw = await person('oov@maasgouw.example', [['GM1641', 'coordinator']]);
  people.beide = await person('oov@regio.example', [
    ['GM1641', 'coordinator'],
    ['GM1669', 'coordinator'],
  ]);
}, 60_000);
afterAll(() => handle.close());

function api(method: string, path: string, who: keyof typeof people, body?: unknown) {
  return app.request(`/api/v1/plannen/${planId}${path}`, {
    method,
    headers: { Authorization: `Bearer ${people[who].token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function page(path: string, who: keyof typeof people) {
  const response = await app.request(`/plannen/${planId}${path}`, { headers: { Cookie: `__Host-koers-sessie=${people[who].session}` } });
  return { status: response.status, html: await response.text() };
}

describe('a joint plan of two municipalities', () => {
  it('is readable, drafts included, with a role in one of its municipalities', async () => {
    expect((await page('', 'maasgouw')).status).toBe(200);
    expect((await api('GET', '', 'maasgouw')).status).toBe(200);
  });

  it('needs a role in every municipality to publish, see the history, enter measurements and assessments, and refresh', async () => {
    const writes: [string, string, unknown, number][] = [
      ['PUT', '/publicatie', { gepubliceerd: true }, 200],
      ['POST', '/indicatoren/woninginbraken/metingen', { periode: '2021', waarde: 52 }, 201],
      ['POST', '/themas/prioriteit-2/beoordelingen', { jaar: 2021, oordeel: 'op-koers', tekst: 'Loopt.' }, 201],
      ['POST', '/vernieuwingen', undefined, 202],
    ];
    for (const [method, path, body, allowed] of writes) {
      expect((await api(method, path, 'maasgouw', body)).status, `${method} ${path} with one municipality`).toBe(403);
      // Refreshing answers 400 here only because this test configures no open-data source; the permission passed.
      const status = (await api(method, path, 'beide', body)).status;
      expect([allowed, 400], `${method} ${path} with both municipalities`).toContain(status);
    }
    expect((await page('/geschiedenis', 'maasgouw')).status).toBe(403);
    expect((await page('/geschiedenis', 'beide')).status).toBe(200);
  });

  it("lets Halt referrals be entered for each municipality by those who may edit that municipality's figures, on the page and through the API alike", async () => {
    expect((await api('POST', '/bbv/halt-verwijzingen', 'maasgouw', { gemeente: 'GM1641', jaar: 2021, aantal: 11 })).status).toBe(201);
    expect((await api('POST', '/bbv/halt-verwijzingen', 'maasgouw', { gemeente: 'GM1669', jaar: 2021, aantal: 7 })).status).toBe(403);
    const { html } = await page('/monitor/bbv', 'maasgouw');
    expect(html).toContain('<option value="GM1641"');
    expect(html).not.toContain('<option value="GM1669"');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const post = (gemeente: string) =>
      app.request(`/plannen/${planId}/monitor/bbv`, {
        method: 'POST',
        headers: { Cookie: `__Host-koers-sessie=${people.maasgouw.session}`, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: csrf, gemeente, jaar: '2021', aantal: '12' }).toString(),
      });
    expect((await post('GM1641')).status).toBe(303);
    expect((await post('GM1669')).status).toBe(403);
    const both = await page('/monitor/bbv', 'beide');
    expect(both.html).toContain('<option value="GM1669"');
  });
});
