/**
 * The budget of the Maasgouw example on both engines: amounts per theme or
 * activity and year in whole cents, the overview per year and theme, a new
 * amount that supersedes, the extra money asked in a budget round, bad input
 * refused with every reason, many writers at once, and the page and API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ForbiddenError, ValidationError } from '../src/domain/errors.js';
import type { Plan } from '../src/domain/plan.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import type { Actor } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('the budget on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let plan: Plan;
  let coordinator: Actor;
  let partner: Actor;
  let coordinatorId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    plan = (await loadExampleIfEmpty(services.plans)) as Plan;
    const accounts = new AccountRepository(handle.db);
    coordinatorId = await services.auth.createUser({
      name: 'Coördinator',
      email: 'oov@maasgouw.example',
      password: null,
      isAdministrator: false,
    });
    await accounts.grantRole(coordinatorId, 'GM1641', 'coordinator');
    coordinator = (await accounts.loadActor(coordinatorId)) as Actor;
    const partnerId = await services.auth.createUser({
      name: 'Politie',
      email: 'politie@maasgouw.example',
      password: null,
      isAdministrator: false,
    });
    await accounts.grantRole(partnerId, 'GM1641', 'partner', { partnerKey: 'politie', portfolioHolderKey: null });
    partner = (await accounts.loadActor(partnerId)) as Actor;
  }, 120_000);
  afterAll(() => handle?.close());

  it('adds the amounts of a theme and its activities per year, in whole cents, shown the Dutch way', async () => {
    await services.budget.record(coordinator, plan.id, {
      themeKey: 'prioriteit-1',
      year: 2019,
      kind: 'planned',
      source: 'ivp-budget',
      amountCents: 1_250_000,
    });
    await services.budget.record(coordinator, plan.id, {
      activityKey: 'buurtbemiddeling',
      year: 2019,
      kind: 'planned',
      source: 'programmabegroting',
      amountCents: 3_000_010,
    });
    await services.budget.record(coordinator, plan.id, {
      activityKey: 'buurtbemiddeling',
      year: 2019,
      kind: 'realised',
      source: 'programmabegroting',
      amountCents: 2_750_005,
    });
    await services.budget.record(coordinator, plan.id, {
      themeKey: 'prioriteit-1',
      year: 2020,
      kind: 'requested',
      source: 'ivp-budget',
      amountCents: 4_000_000,
      note: 'Intensivering van de aanpak van verward gedrag vraagt een extra casusregisseur.',
    });
    const view = await services.budget.overview(partner, plan.id);
    expect(view.cells.map((cell) => [cell.year, cell.theme.key, cell.planned, cell.realised, cell.requested])).toEqual([
      [2019, 'prioriteit-1', 4_250_010, 2_750_005, 0],
      [2020, 'prioriteit-1', 0, 0, 4_000_000],
    ]);
    expect(view.totals.find((total) => total.year === 2019)).toEqual({ year: 2019, planned: 4_250_010, realised: 2_750_005, requested: 0 });
    expect(view.may.edit).toBe(false);
  });

  it('keeps an amount it replaces, and records who did it in the audit trail', async () => {
    await services.budget.record(coordinator, plan.id, {
      themeKey: 'prioriteit-1',
      year: 2019,
      kind: 'planned',
      source: 'ivp-budget',
      amountCents: 1_500_000,
    });
    const rows = await handle.db
      .selectFrom('budgetLine')
      .select(['amountCents', 'supersededAt'])
      .where('year', '=', 2019)
      .where('kind', '=', 'planned')
      .where('source', '=', 'ivp-budget')
      .orderBy('enteredAt')
      .execute();
    expect(rows.map((row) => [Number(row.amountCents), row.supersededAt === null])).toEqual([
      [1_250_000, false],
      [1_500_000, true],
    ]);
    const audit = await handle.db
      .selectFrom('auditEvent')
      .select(['action', 'before', 'after'])
      .where('action', '=', 'budget.recorded')
      .orderBy('sequence', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit.before).toMatchObject({ bedragInCenten: 1_250_000 });
    expect(audit.after).toMatchObject({ thema: 'prioriteit-1', jaar: 2019, bedragInCenten: 1_500_000 });
  });

  it('refuses a bad line with every reason, and lets only the coordinator keep the budget', async () => {
    const before = await handle.db.selectFrom('budgetLine').select('id').execute();
    const error = await services.budget
      .record(coordinator, plan.id, {
        themeKey: 'prioriteit-1',
        activityKey: 'burgernet',
        year: 2031,
        kind: 'guess',
        source: 'loterij',
        amountCents: 12.5,
      })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual(['voor', 'jaar', 'soort', 'bron', 'bedrag']);
    await expect(
      services.budget.record(coordinator, plan.id, {
        themeKey: 'prioriteit-1',
        year: 2020,
        kind: 'requested',
        source: 'extern',
        amountCents: 100,
      }),
    ).rejects.toMatchObject({ problems: [{ path: 'toelichting', message: 'onderbouw het verzoek om extra geld' }] });
    await expect(
      services.budget.record(partner, plan.id, {
        themeKey: 'prioriteit-1',
        year: 2020,
        kind: 'planned',
        source: 'extern',
        amountCents: 100,
      }),
    ).rejects.toThrow(ForbiddenError);
    expect(await handle.db.selectFrom('budgetLine').select('id').execute()).toEqual(before);
  });

  it('writes many amounts of one line at the same moment one after another: one is current', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, (_, index) =>
        services.budget.record(coordinator, plan.id, {
          activityKey: 'burgernet',
          year: 2021,
          kind: 'planned',
          source: 'subsidie',
          amountCents: 1000 + index,
        }),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const rows = await handle.db
      .selectFrom('budgetLine')
      .select('supersededAt')
      .where('year', '=', 2021)
      .where('source', '=', 'subsidie')
      .execute();
    expect(rows).toHaveLength(8);
    expect(rows.filter((row) => row.supersededAt === null)).toHaveLength(1);
  });

  it('goes to and from a file by the keys of themes and activities, refused whole when one row is wrong', async () => {
    const { body } = await services.budget.exportFile(coordinator, plan.id, 'csv');
    const lines = (body as string)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('voor;sleutel;naam;jaar;soort;bron;bedrag;toelichting');
    expect(lines).toContain('thema;prioriteit-1;Overlast, geweld op het snijvlak van Zorg & Veiligheid;2019;gepland;ivp-budget;15.000,00;');
    // The downloaded file read back changes nothing; one changed amount and one new row are recorded.
    const xlsx = await services.budget.exportFile(coordinator, plan.id, 'xlsx');
    expect(
      await services.budget.importFile(coordinator, plan.id, { name: 'begroting.xlsx', bytes: xlsx.body as Uint8Array }),
    ).toMatchObject({ recorded: 0 });
    const changed = [
      ...lines.map((line) => line.replace(';2019;gepland;ivp-budget;15.000,00;', ';2019;gepland;ivp-budget;17.500,00;')),
      'activiteit;burgernet;;2020;gepland;extern;€ 2.500;Nieuwe app',
    ].join('\n');
    expect(
      await services.budget.importFile(coordinator, plan.id, { name: 'begroting.csv', bytes: new TextEncoder().encode(changed) }),
    ).toEqual({
      recorded: 2,
      unchanged: lines.length - 2,
    });
    const view = await services.budget.overview(coordinator, plan.id);
    expect(view.lines.find((line) => line.activity?.key === 'burgernet' && line.year === 2020)?.amountCents).toBe(250_000);
    const before = await handle.db.selectFrom('budgetLine').select('id').execute();
    const bad = [
      'voor;sleutel;jaar;soort;bron;bedrag;toelichting',
      'thema;prioriteit-99;2019;gepland;extern;10;',
      'activiteit;burgernet;2031;gepland;extern;10;',
      'thema;prioriteit-1;2019;geschat;loterij;12,345;',
      'thema;prioriteit-1;2020;gevraagd;extern;100;',
    ].join('\n');
    const error = await services.budget
      .importFile(coordinator, plan.id, { name: 'fout.csv', bytes: new TextEncoder().encode(bad) })
      .catch((caught: unknown) => caught);
    expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([
      'rij 2, kolom sleutel',
      'rij 3, kolom jaar',
      'rij 4, kolom soort',
      'rij 4, kolom bron',
      'rij 4, kolom bedrag',
      'rij 5, kolom toelichting',
    ]);
    expect(await handle.db.selectFrom('budgetLine').select('id').execute()).toEqual(before);
    await expect(services.budget.importFile(partner, plan.id, { name: 'x.csv', bytes: new TextEncoder().encode(changed) })).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('takes amounts the Dutch way on the page, and exact cents through the API', async () => {
    const app = createApp(services);
    const cookie = `__Host-koers-sessie=${(await services.auth.openSession(coordinatorId, '127.0.0.1')).sessionToken}`;
    const page = await (await app.request(`/plannen/${plan.id}/begroting`, { headers: { Cookie: cookie } })).text();
    // 2019, priority 1: the theme's € 17.500 (after the file) and mediation's € 30.000,10.
    expect(page).toContain('€ 47.500,10');
    const csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
    const send = (bedrag: string) =>
      app.request(`/plannen/${plan.id}/begroting`, {
        method: 'POST',
        headers: { Cookie: cookie, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          _csrf: csrf,
          voor: 'activiteit:burgernet',
          jaar: '2022',
          soort: 'planned',
          bron: 'extern',
          bedrag,
        }).toString(),
      });
    const bad = await send('12,345');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('hoogstens twee cijfers achter de komma');
    const good = await send('€ 7.500,25');
    expect(good.status).toBe(303);
    const token = (await services.auth.createApiToken(coordinatorId, 'test')).token;
    const api = await (await app.request(`/api/v1/plannen/${plan.id}/begroting`, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(
      api.regels.find((line: { activiteit: string | null; jaar: number }) => line.activiteit === 'burgernet' && line.jaar === 2022),
    ).toMatchObject({
      bedragInCenten: 750_025,
      bedrag: '€ 7.500,25',
      soort: 'gepland',
    });
    const float = await app.request(`/api/v1/plannen/${plan.id}/begrotingsregels`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ thema: 'prioriteit-2', jaar: 2020, soort: 'gepland', bron: 'extern', bedragInCenten: 100.5 }),
    });
    expect(float.status).toBe(400);
  });
});
