/**
 * The plan API over HTTP, on a fresh database with the Maasgouw example loaded
 * from scratch: the answers must match the seed plan.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../test/test-database.js';
import { createApp } from '../../app.js';
import type { DatabaseHandle } from '../../db/create-db.js';
import { createServices } from '../../server.js';
import { loadExampleIfEmpty, readExampleDocument } from './example-plan.js';

let handle: DatabaseHandle;
let app: ReturnType<typeof createApp>;
let planId: string;
let services: ReturnType<typeof createServices>;
/** An administrator's API token: importing needs one. */
let adminToken: string;

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle);
  planId = (await loadExampleIfEmpty(services.plans))!.id;
  app = createApp(services);
  const adminId = await services.auth.createUser({
    name: 'Beheer',
    email: 'beheer@example.org',
    password: 'een lang wachtwoord',
    isAdministrator: true,
  });
  adminToken = (await services.auth.createApiToken(adminId, 'tests')).token;
});
afterAll(() => handle.close());

const get = (path: string, headers: Record<string, string> = {}) => app.request(`/api/v1${path}`, { headers });
async function getJson(path: string, headers: Record<string, string> = {}) {
  const response = await get(path, headers);
  expect(response.status, `${path} answers 200`).toBe(200);
  return response.json();
}
const postJson = (path: string, body: unknown, headers: Record<string, string> = { 'Content-Type': 'application/json' }) =>
  app.request(`/api/v1${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminToken}`, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the plan API', () => {
  it('lists the example plan of Maasgouw', async () => {
    const body = await getJson('/plannen');
    expect(body.plannen).toEqual([
      {
        id: planId,
        titel: 'Integraal Veiligheidsplan 2019-2022',
        gemeenten: [{ code: 'GM1641', naam: 'Maasgouw' }],
        periode: { van: 2019, tot: 2022 },
        status: 'vastgesteld',
        vastgesteldOp: '2019-01-29',
      },
    ]);
  });

  it('gives the overview with goals, principles and the 3 priorities and 10 strategic themes', async () => {
    const plan = await getJson(`/plannen/${planId}`);
    expect(plan.doelstellingen.map((goal: { titel: string }) => goal.titel)).toEqual([
      'Een nog veiliger Maasgouw',
      'De basis verstevigd',
      'Burgers en ondernemers in positie',
    ]);
    expect(plan.rodeDraden).toHaveLength(6);
    expect(plan.themas.filter((theme: { soort: string }) => theme.soort === 'prioriteit')).toHaveLength(3);
    expect(plan.themas.filter((theme: { soort: string }) => theme.soort === 'strategisch')).toHaveLength(10);
    expect(plan.overleggen).toHaveLength(8);
  });

  it('serves the indicators of the seed with their baseline and target figures', async () => {
    const { indicatoren } = await getJson(`/plannen/${planId}/indicatoren`);
    const figures = indicatoren.map((indicator: any) => [
      indicator.thema,
      indicator.naam,
      indicator.nulmeting.waarde,
      indicator.nulmeting.jaar,
      indicator.streefwaarde.vergelijking,
      indicator.streefwaarde.waarde,
      indicator.streefwaarde.jaar,
    ]);
    expect(figures.map((row: unknown[]) => [row[0], ...row.slice(2)])).toEqual([
      [null, 30.5, 2017, 'hoogstens', 28, 2022],
      [null, 7.5, 2017, 'tenminste', 7.5, 2022],
      ['prioriteit-1', 3.5, 2017, 'hoogstens', 3, 2022],
      ['prioriteit-1', 70, 2017, 'hoogstens', 50, 2022],
      ['prioriteit-3', 65, 2017, 'hoogstens', 50, 2022],
      ['prioriteit-3', 86, 2017, 'hoogstens', 70, 2022],
      ['prioriteit-3', 27, 2017, 'hoogstens', 25, 2022],
      ['strategisch-2', 50, 2017, 'hoogstens', 50, 2022],
      ['strategisch-2', 10.5, 2017, 'hoogstens', 10, 2022],
      ['strategisch-3', 26, 2017, 'hoogstens', 26, 2022],
    ]);
    expect(indicatoren[0].eenheid).toBe('per-1000-inwoners');
    expect(indicatoren[2].eenheid).toBe('percentage');
  });

  it('shows priority 2 as judged qualitatively through the RIEC, with no indicators', async () => {
    const plan = await getJson(`/plannen/${planId}`);
    const priority2 = plan.themas.find((theme: { sleutel: string }) => theme.sleutel === 'prioriteit-2');
    const theme = await getJson(`/plannen/${planId}/themas/${priority2.id}`);
    expect(theme.indicatoren).toEqual([]);
    expect(theme.kwalitatieveBeoordeling).toMatch(/RIEC/);
    expect(theme.kernbeleidThemas).toEqual(['5.2']);
  });

  it('filters the implementation plan by partner, lead, theme and planning together', async () => {
    const all = await getJson(`/plannen/${planId}/activiteiten`);
    expect(all.totaal).toBe(93);
    const narrowed = await getJson(
      `/plannen/${planId}/activiteiten?thema=prioriteit-1&trekker=burgemeester&partner=veiligheidshuis&planning=doorlopend`,
    );
    expect(narrowed.totaal).toBeGreaterThan(0);
    expect(narrowed.totaal).toBeLessThan(all.totaal);
    for (const activity of narrowed.activiteiten) {
      expect(activity.thema).toBe('prioriteit-1');
      expect(activity.trekkers).toContain('burgemeester');
      expect(activity.partners).toContain('veiligheidshuis');
      expect(activity.planningOmschrijving).toBe('doorlopend');
    }
  });

  it('gives sample activities with the leads, partners and planning of the seed', async () => {
    const { activiteiten } = await getJson(`/plannen/${planId}/activiteiten`);
    const byName = (name: string) => activiteiten.find((activity: { naam: string }) => activity.naam === name);
    expect(byName('Buurtbemiddeling')).toMatchObject({
      thema: 'prioriteit-1',
      trekkers: ['wethouder-zorg-welzijn'],
      partners: ['oov', 'zorg-sociaal-domein', 'mer', 'uitvoerder'],
      hoeveelheid: { waarde: 20, eenheid: 'casussen per jaar' },
      planningOmschrijving: 'doorlopend',
    });
    expect(byName('Burgernet')).toMatchObject({ thema: 'prioriteit-3', trekkers: ['burgemeester'], partners: ['oov', 'politie'] });
    expect(byName('Toezicht op en rond de Maasplassen')).toMatchObject({
      thema: 'strategisch-4',
      frequentie: '4x per jaar',
      partners: ['oov', 'mer', 'politie'],
    });
    const kvo = byName('Verkenning draagvlak KVO-w');
    expect(kvo).toMatchObject({ trekkers: ['burgemeester', 'wethouder-ez'], planningOmschrijving: '2020 e.v.' });
  });

  it('lists every partner with the activities it takes part in', async () => {
    const { partners } = await getJson(`/plannen/${planId}/partners`);
    const core = partners
      .filter((partner: { kernpartner: boolean }) => partner.kernpartner)
      .map((partner: { sleutel: string }) => partner.sleutel);
    expect(core).toEqual(['politie', 'openbaar-ministerie', 'veiligheidsregio']);
    const police = partners.find((partner: { sleutel: string }) => partner.sleutel === 'politie');
    expect(police.activiteiten.length).toBeGreaterThan(20);
    const single = await getJson(`/plannen/${planId}/partners/${police.id}`);
    expect(single.activiteiten).toEqual(police.activiteiten);
  });

  it('lists the leads with their activities', async () => {
    const { trekkers } = await getJson(`/plannen/${planId}/trekkers`);
    expect(trekkers.map((holder: { sleutel: string }) => holder.sleutel)).toContain('burgemeester');
    const total = trekkers.reduce((sum: number, holder: { activiteiten: unknown[] }) => sum + holder.activiteiten.length, 0);
    expect(total).toBeGreaterThanOrEqual(93);
  });

  it('gives the coverage of all 22 catalogue themes', async () => {
    const coverage = await getJson(`/plannen/${planId}/dekking`);
    expect(coverage).toMatchObject({ gedekt: 22, totaal: 22 });
    const fire = coverage.velden[3].themas.find((theme: { code: string }) => theme.code === '4.2');
    expect(fire.gedektDoor.map((theme: { sleutel: string }) => theme.sleutel)).toEqual(['strategisch-6']);
  });

  it('serves the Kernbeleid Veiligheid catalogue: 5 fields, 22 themes', async () => {
    const catalogue = await getJson('/kernbeleid-veiligheid');
    expect(catalogue.velden).toHaveLength(5);
    expect(catalogue.velden.flatMap((field: { themas: unknown[] }) => field.themas)).toHaveLength(22);
  });
});

describe('export and import through the API', () => {
  it('exports the plan as the document it was loaded from', async () => {
    expect(await getJson(`/plannen/${planId}/document`)).toEqual(await readExampleDocument());
  });

  it('imports an exported document as a new, identical plan and points to it', async () => {
    const exported = await getJson(`/plannen/${planId}/document`);
    const response = await postJson('/plannen', exported);
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(response.headers.get('Location')).toBe(`/api/v1/plannen/${created.id}`);
    // A new plan is not published: anonymous readers do not see it, its importer does.
    expect((await get(`/plannen/${created.id}`)).status).toBe(404);
    expect(await getJson(`/plannen/${created.id}/document`, { Authorization: `Bearer ${adminToken}` })).toEqual(exported);
  });

  it('refuses an invalid document with every problem and its JSON path, storing nothing', async () => {
    const before = (await getJson('/plannen')).plannen.length;
    const document = (await readExampleDocument()) as any;
    document.plan.themas[2].indicatoren[0].streefwaarde.vergelijking = 'ongeveer';
    document.plan.themas[4].onderdelen[0].activiteiten[1].trekkers = ['koning'];
    delete document.plan.titel;
    const response = await postJson('/plannen', document);
    expect(response.status).toBe(400);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
    const problem = await response.json();
    expect(problem).toMatchObject({ status: 400, title: 'Ongeldige invoer' });
    expect(problem.invalidParams.map((param: { name: string }) => param.name)).toEqual(
      expect.arrayContaining([
        '$.plan.titel',
        '$.plan.themas[2].indicatoren[0].streefwaarde.vergelijking',
        '$.plan.themas[4].onderdelen[0].activiteiten[1].trekkers[0]',
      ]),
    );
    expect((await getJson('/plannen')).plannen.length).toBe(before);
  });

  it('asks an anonymous client to log in before it may import, and refuses a user without the role', async () => {
    const exported = await getJson(`/plannen/${planId}/document`);
    const anonymous = await app.request('/api/v1/plannen', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(exported),
    });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get('Content-Type')).toBe('application/problem+json');
    const userId = await services.auth.createUser({
      name: 'Raadslid',
      email: 'raad@example.org',
      password: 'nog een lang wachtwoord',
      isAdministrator: false,
    });
    const { token } = await services.auth.createApiToken(userId, 'lezen');
    const forbidden = await postJson('/plannen', exported, { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' });
    expect(forbidden.status).toBe(403);
  });

  it('refuses a revoked or unknown API token with 401', async () => {
    const userId = await services.auth.createUser({
      name: 'Tijdelijk',
      email: 'tijdelijk@example.org',
      password: 'tijdelijk wachtwoord',
      isAdministrator: true,
    });
    const { id, token } = await services.auth.createApiToken(userId, 'kortstondig');
    expect((await app.request('/api/v1/plannen', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(await services.auth.revokeApiToken(userId, id)).toBe(true);
    expect((await app.request('/api/v1/plannen', { headers: { Authorization: `Bearer ${token}` } })).status).toBe(401);
    expect((await app.request('/api/v1/plannen', { headers: { Authorization: 'Bearer koers_verzonnen' } })).status).toBe(401);
  });

  it('refuses a document larger than 5 MB with 413', async () => {
    const response = await postJson('/plannen', JSON.stringify({ opvulling: 'x'.repeat(6 * 1024 * 1024) }));
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ status: 413, detail: 'Het plandocument is groter dan 5 MB' });
  });

  it('refuses a body that is not JSON, naming the problem', async () => {
    const response = await postJson('/plannen', '{"formaat": "koers-plan",');
    expect(response.status).toBe(400);
    expect((await response.json()).detail).toMatch(/geen geldige JSON/);
    const wrongType = await postJson('/plannen', 'titel=x', { 'Content-Type': 'text/plain' });
    expect(wrongType.status).toBe(400);
    expect((await wrongType.json()).invalidParams[0].name).toBe('Content-Type');
  });
});

describe('NL API Design Rules', () => {
  it('sends the API-Version header on every answer, errors included', async () => {
    for (const path of ['/plannen', `/plannen/${planId}`, '/plannen/nope', '/bestaat-niet', '/openapi.json']) {
      expect((await get(path)).headers.get('API-Version'), path).toBe('1.0.0');
    }
  });

  it('answers 404 for a trailing slash', async () => {
    const response = await get('/plannen/');
    expect(response.status).toBe(404);
    expect(response.headers.get('Content-Type')).toBe('application/problem+json');
  });

  it('answers an unknown plan with a 404 problem and a malformed id with a 400 naming the parameter', async () => {
    const missing = await get('/plannen/00000000-0000-4000-8000-000000000000');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ status: 404, title: 'Niet gevonden' });
    const malformed = await get('/plannen/abc');
    expect(malformed.status).toBe(400);
    expect((await malformed.json()).invalidParams).toEqual([{ name: 'planId', reason: 'moet een UUID zijn' }]);
  });

  it('refuses a filter value the plan does not have, naming the parameter', async () => {
    const response = await get(`/plannen/${planId}/activiteiten?partner=marsmannetjes&planning=ooit`);
    expect(response.status).toBe(400);
    const names = (await response.json()).invalidParams.map((param: { name: string }) => param.name);
    expect(names).toEqual(['partner', 'planning']);
  });

  it('publishes an OpenAPI 3.0 document of every route', async () => {
    const document = await getJson('/openapi.json');
    expect(document.openapi).toMatch(/^3\.0\./);
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining([
        '/plannen',
        '/plannen/{planId}',
        '/plannen/{planId}/activiteiten',
        '/plannen/{planId}/document',
        '/kernbeleid-veiligheid',
      ]),
    );
    expect(document.paths['/plannen'].post.requestBody).toBeDefined();
  });
});
