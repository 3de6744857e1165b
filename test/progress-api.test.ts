/**
 * A round of the Maasgouw example through the API: the coordinator opens it,
 * the police reports, a bad report is refused with every reason, the mayor
 * approves, the coordinator closes it and the round is frozen.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import type { Plan } from '../src/domain/plan.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase } from './test-database.js';

describe('the progress API', () => {
  let handle: DatabaseHandle;
  let app: ReturnType<typeof createApp>;
  let plan: Plan;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    handle = await createTestDatabase('pglite');
    const services = createServices(handle);
    app = createApp(services);
    plan = (await loadExampleIfEmpty(services.plans)) as Plan;
    const accounts = new AccountRepository(handle.db);
    for (const [who, role, partnerKey, portfolioHolderKey] of [
      ['coordinator', 'coordinator', null, null],
      ['politie', 'partner', 'politie', null],
      ['burgemeester', 'portefeuillehouder', null, 'burgemeester'],
    ] as const) {
      const userId = await services.auth.createUser({
        name: who,
        email: `${who}@maasgouw.example`,
        password: null,
        isAdministrator: false,
      });
      await accounts.grantRole(userId, 'GM1641', role, { partnerKey, portfolioHolderKey });
      tokens[who] = (await services.auth.createApiToken(userId, 'test')).token;
    }
  }, 120_000);
  afterAll(() => handle?.close());

  const call = (who: string | null, path: string, method = 'GET', body?: unknown) =>
    app.request(`/api/v1${path.replace(':plan', plan.id)}`, {
      method,
      headers: {
        ...(who ? { Authorization: `Bearer ${tokens[who]}` } : {}),
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  it('walks a round: open, report, refuse a bad report, approve, close, frozen', async () => {
    const periods = await (await call(null, '/plannen/:plan/perioden')).json();
    expect(periods.frequentie).toBe('jaar');
    expect(periods.perioden.map((period: { sleutel: string }) => period.sleutel)).toEqual(['2019', '2020', '2021', '2022']);

    const opened = await call('coordinator', '/plannen/:plan/rondes', 'POST', { periode: '2019', deadline: '2020-03-01' });
    expect(opened.status).toBe(201);
    expect(opened.headers.get('Location')).toBe(`/api/v1/plannen/${plan.id}/voortgang?periode=2019`);
    expect(await opened.json()).toMatchObject({
      periode: '2019',
      deadline: '2020-03-01',
      open: true,
      geopendDoor: 'coordinator <coordinator@maasgouw.example>',
    });

    const bad = await call('politie', '/plannen/:plan/activiteiten/burgernet/voortgang/2019', 'POST', {
      status: 'half-klaar',
      peildatum: '2018-01-01',
      gerealiseerd: 4,
    });
    expect(bad.status).toBe(400);
    const problem = await bad.json();
    expect(problem.invalidParams.map((param: { name: string }) => param.name)).toEqual(['status', 'peildatum', 'gerealiseerd']);

    const reported = await call('politie', '/plannen/:plan/activiteiten/burgernet/voortgang/2019', 'POST', {
      status: 'doorlopend',
      toelichting: 'Burgernet loopt in alle kernen',
      peildatum: '2019-12-31',
    });
    expect(reported.status).toBe(201);
    const entry = await reported.json();
    expect(entry).toMatchObject({
      activiteit: 'burgernet',
      status: 'doorlopend',
      gemeldAls: 'partner',
      gemeldVoor: 'politie',
      gemeldVia: 'api',
    });

    const mine = await (await call('politie', '/mijn-acties')).json();
    expect(mine.rondes).toHaveLength(1);
    const burgernet = mine.rondes[0].activiteiten.find((activity: { activiteit: string }) => activity.activiteit === 'burgernet');
    expect(burgernet).toMatchObject({ stand: 'gemeld', meldAls: 'partner', keurtGoed: false });

    const approved = await call('burgemeester', '/plannen/:plan/activiteiten/burgernet/voortgang/2019/beoordelingen', 'POST', {
      besluit: 'goedgekeurd',
      melding: entry.id,
    });
    expect(approved.status).toBe(201);

    const overview = await (await call(null, '/plannen/:plan/voortgang?periode=2019&peildatum=2019-12-31')).json();
    expect(overview.regel).toContain('gestopte activiteiten tellen niet mee');
    expect(overview.activiteiten.find((activity: { activiteit: string }) => activity.activiteit === 'burgernet')).toMatchObject({
      stand: 'goedgekeurd',
      beoordeling: { besluit: 'goedgekeurd', melding: entry.id },
    });
    const theme = overview.themas.find((candidate: { thema: string }) => candidate.thema === 'prioriteit-3');
    expect(theme.voortgang.perStatus.find((status: { status: string }) => status.status === 'doorlopend')).toMatchObject({ aantal: 1 });

    const closed = await call('coordinator', '/plannen/:plan/rondes/2019/sluiten', 'POST');
    expect(closed.status).toBe(200);
    expect(await closed.json()).toMatchObject({ open: false, geslotenDoor: 'coordinator <coordinator@maasgouw.example>' });
    const late = await call('politie', '/plannen/:plan/activiteiten/burgernet/voortgang/2019', 'POST', { status: 'loopt' });
    expect(late.status).toBe(409);
    expect((await late.json()).detail).toBe('De ronde van 2019 is gesloten: de voortgang ligt vast');

    // The implementation plan filters on the status in the period of its reference date, and searches by words.
    const page = (query: string) => app.request(`/plannen/${plan.id}/uitvoeringsplan?${query}`);
    const delayed = await (await page('peildatum=2019-12-31&voortgang=doorlopend')).text();
    expect(delayed).toContain('1 van 93 activiteiten');
    expect(delayed).toContain('Burgernet');
    expect(await (await page('voortgang=doorlopend')).text()).toContain('0 van 93 activiteiten');
    const unknown = await page('voortgang=half-klaar');
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('half-klaar');
    expect(await (await page('zoek=burgernet')).text()).toContain('1 van 93 activiteiten');
    const found = await (await call(null, '/plannen/:plan/activiteiten?zoek=BURGERNET')).json();
    expect(found.activiteiten.map((activity: { sleutel: string }) => activity.sleutel)).toEqual(['burgernet']);

    // Searching the plan finds partners, themes and activities by words.
    const search = await (await app.request(`/plannen/${plan.id}/zoeken?q=Burgernet`)).text();
    expect(search).toContain('1 activiteit');
    const partners = await (await app.request(`/plannen/${plan.id}/zoeken?q=veiligheidshuis`)).text();
    expect(partners).toMatch(/1 partner|\d+ partners/);

    const history = await (await call(null, '/plannen/:plan/activiteiten/burgernet/voortgang/2019')).json();
    expect(history.meldingen).toHaveLength(1);
    expect((await call(null, '/mijn-acties')).status).toBe(401);
  });
});
