/**
 * The comparison with similar municipalities on both engines, against the
 * local CBS test server: the key figures (CBS 70072ned) and the police's
 * crime per gemeente (47013NED) are pulled for Maasgouw, its reference group
 * and the Netherlands, with the same caching and history as a plan's
 * refresh; cells set to known values come back as rates, medians and places;
 * a failing source leaves what was stored; bad groups are refused with the
 * field that is wrong.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ValidationError } from '../src/domain/errors.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { type FakeCbs, startFakeCbs } from './fake-cbs/fake-cbs-server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const noWait = async () => {};

/** Maasgouw and three Limburg municipalities, with their real codes. */
const HAND = { GM1641: 24_000, GM0957: 50_000, GM0988: 40_000, GM0888: 16_000 } as const;
/** Youth nuisance reports (E35) in 2022. */
const YOUTH = { GM1641: 48, GM0888: 16, GM0957: 250, GM0988: 80 } as const;
/** Registered crimes in 2022: all crime, and shoplifting (2.5.2, with 1.4.7 and 2.5.1 set to 0 it is theme 2.1). */
const CRIME = { GM1641: [1200, 24], GM0957: [3500, 150], GM0988: [2000, 40], GM0888: [640, 8] } as const;

describe.each(ENGINES)('the comparison with similar municipalities on %s', (engine) => {
  let fake: FakeCbs;
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let planId: string;

  beforeAll(async () => {
    fake = await startFakeCbs();
    handle = await createTestDatabase(engine);
    services = createServices(handle, undefined, { baseUrls: fake.baseUrls, sleep: noWait });
    planId = (await loadExampleIfEmpty(services.plans))!.id;
    for (const [code, inhabitants] of Object.entries(HAND)) {
      fake.setCell('70072ned', { RegioS: code, Perioden: '2022JJ00', topic: 'TotaleBevolking_1' }, inhabitants);
      const [all, shops] = CRIME[code as keyof typeof CRIME];
      fake.setCell('47013NED', { SoortMisdrijf: '0.0.0', RegioS: code, Perioden: '2022JJ00' }, all);
      fake.setCell('47013NED', { SoortMisdrijf: '2.5.2', RegioS: code, Perioden: '2022JJ00' }, shops);
      fake.setCell('47013NED', { SoortMisdrijf: '2.5.1', RegioS: code, Perioden: '2022JJ00' }, 0);
      fake.setCell('47013NED', { SoortMisdrijf: '1.4.7', RegioS: code, Perioden: '2022JJ00' }, 0);
    }
    fake.setCell('70072ned', { RegioS: 'NL01', Perioden: '2022JJ00', topic: 'TotaleBevolking_1' }, 17_500_000);
    // Youth nuisance (E35) in 2022: Maasgouw 48, Beek 16, Roermond 250, Weert 80.
    for (const [code, reports] of Object.entries(YOUTH)) {
      fake.setCell('47021NED', { Overlast: 'E35', RegioS: code, Perioden: '2022JJ00' }, reports);
    }
    fake.setCell('47013NED', { SoortMisdrijf: '0.0.0', RegioS: 'NL01', Perioden: '2022JJ00' }, 800_000);
  }, 60_000);

  afterAll(async () => {
    await handle?.close();
    await fake?.close();
  });

  it('says that nothing is pulled yet, on the page too', async () => {
    const view = await services.similarMunicipalities.comparison(SYSTEM, planId);
    expect(view.stored).toEqual({ keyFigures: false, crime: false, nuisance: false });
    expect(view.target).toBeNull();
    const html = await (await createApp(services).request(`/plannen/${planId}/vergelijkbare-gemeenten`)).text();
    expect(html).toContain('De cijfers voor de vergelijking zijn nog niet opgehaald.');
  });

  it('pulls the key figures of every municipality, chooses the group, and pulls the crime of the group and the Netherlands', async () => {
    const steps: string[] = [];
    const result = await services.similarMunicipalities.pull(SYSTEM, planId, {}, (done, total, message) =>
      steps.push(`${done}/${total} ${message}`),
    );
    expect(result.failures).toEqual([]);
    expect(result.tables.map((table) => [table.table, table.unchanged])).toEqual([
      ['70072ned', false],
      ['47013NED', false],
      ['47021NED', false],
    ]);
    expect(steps[0]).toBe('0/4 Tabel 70072ned ophalen');
    expect(steps).toContain('1/4 Vergelijkbare gemeenten kiezen');
    expect(steps.at(-1)).toBe('4/4 Klaar');
    // Only whole years, only the kinds of crime a theme counts, only the group's regions and the Netherlands.
    const crimeRequests = fake.requests.filter((path) => path.includes('/47013NED/TypedDataSet'));
    expect(crimeRequests.length).toBeGreaterThan(0);
    expect(decodeURIComponent(crimeRequests[0] ?? '')).toContain("Perioden eq '2022JJ00'");
    expect(decodeURIComponent(crimeRequests[0] ?? '')).not.toContain('MM01');
    expect(decodeURIComponent(crimeRequests[0] ?? '')).toContain("RegioS eq 'NL01  '");

    const view = await services.similarMunicipalities.comparison(SYSTEM, planId);
    expect(view.target).toEqual({ code: 'GM1641', name: 'Maasgouw', inhabitants: expect.any(Number), urbanisation: 5 });
    expect(view.group.members.length).toBeGreaterThanOrEqual(10);
    expect(view.group.members.length).toBeLessThanOrEqual(30);
    expect(view.group.members.map((member) => member.code)).not.toContain('GM1641');
    expect(view.notPulled).toEqual([]);
    expect(view.years).toEqual([2012, 2013, 2014, 2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023]);
    // 2023 is provisional in the police table: the latest definitive year is compared by default.
    expect(view.year).toBe(2022);
    const total = view.themes.find((theme) => theme.source === 'misdrijven' && theme.code === 'totaal');
    // 1,200 crimes among 24,000 inhabitants: 50 per 1,000; the Netherlands 800,000 among 17.5 million.
    expect(total?.comparison?.own.rate).toBeCloseTo(50, 10);
    expect(total?.comparison?.netherlands?.rate).toBeCloseTo(800_000 / 17_500, 10);
    expect(total?.comparison?.rank.of).toBe(view.group.members.length + 1);
  });

  it('compares with municipalities picked by hand, against hand-computed rates, median and places', async () => {
    await services.similarMunicipalities.pull(SYSTEM, planId, { group: { kind: 'hand', codes: ['GM0957', 'GM0988', 'GM0888'] } }, () => {});
    const view = await services.similarMunicipalities.comparison(SYSTEM, planId, {
      group: { kind: 'hand', codes: ['GM0957', 'GM0988', 'GM0888'] },
    });
    expect(view.group.members.map((member) => member.name)).toEqual(['Beek (L.)', 'Roermond', 'Weert']);
    const total = view.themes.find((theme) => theme.source === 'misdrijven' && theme.code === 'totaal');
    // Beek 640/16,000 = 40, Roermond 3,500/50,000 = 70, Weert 2,000/40,000 = 50 per 1,000.
    expect(total?.comparison?.group.map((rate) => rate.rate)).toEqual([40, 70, 50]);
    expect(total?.comparison?.median).toBe(50);
    expect(total?.comparison?.quartiles).toEqual([45, 60]);
    // Maasgouw's 50 (interval 47.2 to 52.9): Roermond clearly higher, Beek clearly lower, Weert not clearly either.
    expect(total?.comparison?.rank).toEqual({ best: 2, worst: 3, of: 4 });
    expect(total?.position).toBe('unclear');
    // Youth nuisance, apart from crime: Maasgouw 48/24,000 = 2.0; Beek 1.0, Roermond 5.0, Weert 2.0 per 1,000.
    const youth = view.themes.find((theme) => theme.source === 'overlast' && theme.code === '3.1');
    expect(youth?.comparison?.own.rate).toBeCloseTo(2, 10);
    expect(youth?.comparison?.group.map((rate) => rate.rate)).toEqual([1, 5, 2]);
    expect(youth?.comparison?.median).toBe(2);
    expect(view.themes.some((theme) => theme.source === 'misdrijven' && theme.code === '3.1')).toBe(false);
    const shops = view.themes.find((theme) => theme.code === '2.1');
    // Shoplifting: Maasgouw 1.0, Beek 0.5, Roermond 3.0, Weert 1.0 per 1,000.
    expect(shops?.comparison?.own.rate).toBeCloseTo(1, 10);
    expect(shops?.comparison?.median).toBe(1);
    const html = await (
      await createApp(services).request(`/plannen/${planId}/vergelijkbare-gemeenten?gemeenten=GM0957,GM0988,GM0888`)
    ).text();
    expect(html).toContain('Roermond');
    expect(html).toContain('plaats 2 tot 3 van 4');
    expect(html).toContain('Overlast per thema');
    expect(html).toContain('<svg');
  });

  it('gives the same comparison through the API, and fetches through it as a job for the coordinator only', async () => {
    const app = createApp(services);
    const anonymous = await app.request(`/api/v1/plannen/${planId}/vergelijkbare-gemeenten?groep=hand&gemeenten=Roermond,Weert,GM0888`);
    expect(anonymous.status).toBe(200);
    const body = await anonymous.json();
    expect(body.groep.gemeenten.map((member: { naam: string }) => member.naam)).toEqual(['Beek (L.)', 'Roermond', 'Weert']);
    const total = body.themas.find((theme: { bron: string; code: string }) => theme.bron === 'misdrijven' && theme.code === 'totaal');
    expect(total).toMatchObject({
      mediaan: 50,
      kwartielen: [45, 60],
      plaats: { best: 2, slechtst: 3, van: 4 },
      verschil: 'niet-duidelijk',
    });
    expect(total.eigen.per1000).toBeCloseTo(50, 10);
    const bad = await app.request(`/api/v1/plannen/${planId}/vergelijkbare-gemeenten?groep=hand&gemeenten=Atlantis`);
    expect(bad.status).toBe(400);
    expect((await bad.json()).invalidParams).toEqual([
      { name: 'gemeenten', reason: 'geen gemeente in de kerncijfers van het CBS: Atlantis' },
    ]);
    expect((await app.request(`/api/v1/plannen/${planId}/vergelijkbare-gemeenten/ophalen`, { method: 'POST' })).status).toBe(401);
    const userId = await services.auth.createUser({
      name: 'OOV',
      email: `oov-${engine}@maasgouw.example`,
      password: null,
      isAdministrator: false,
    });
    await new AccountRepository(handle.db).grantRole(userId, 'GM1641', 'coordinator');
    const token = (await services.auth.createApiToken(userId, 'vergelijking')).token;
    const started = await app.request(`/api/v1/plannen/${planId}/vergelijkbare-gemeenten/ophalen?groep=hand&gemeenten=Roermond`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(started.status).toBe(202);
    const location = started.headers.get('Location') ?? '';
    expect(location).toMatch(new RegExp(`^/api/v1/plannen/${planId}/vergelijkbare-gemeenten/taken/`));
    await services.jobRunner.runPending();
    const job = await (await app.request(location, { headers: { Authorization: `Bearer ${token}` } })).json();
    expect(job.status).toBe('done');
  });

  it('tells the prioritisation how each theme stands beside the group', async () => {
    const view = await services.prioritisation.view(SYSTEM, planId);
    const shops = view.facts['2.1'];
    expect(shops?.group).toEqual([{ source: 'misdrijven', year: 2022, position: expect.stringMatching(/^(above|below|unclear)$/) }]);
    // Youth (3.1) has nuisance (E35) only.
    expect(view.facts['3.1']?.group.map((entry) => entry.source)).toEqual(['overlast']);
    const comparison = await services.similarMunicipalities.comparison(SYSTEM, planId);
    expect(shops?.group[0]?.position).toBe(comparison.themes.find((theme) => theme.code === '2.1')?.position);
  });

  it('compares either municipality of a joint plan, chosen on the page', async () => {
    const example = (await readExampleDocument()) as { plan: Record<string, unknown> };
    const joint = await services.plans.importPlan(SYSTEM, {
      ...example,
      plan: {
        ...example.plan,
        titel: 'Gezamenlijk plan',
        gemeenten: [
          { code: 'GM1641', naam: 'Maasgouw' },
          { code: 'GM1669', naam: 'Roerdalen' },
        ],
      },
    } as never);
    await services.plans.setPublished(SYSTEM, joint.id, true);
    await services.similarMunicipalities.pull(SYSTEM, joint.id, { municipality: 'GM1669' }, () => {});
    const view = await services.similarMunicipalities.comparison(SYSTEM, joint.id, { municipality: 'GM1669' });
    expect(view.target?.name).toBe('Roerdalen');
    expect(view.notPulled).toEqual([]);
    expect(view.group.members.map((member) => member.code)).not.toContain('GM1669');
    const html = await (await createApp(services).request(`/plannen/${joint.id}/vergelijkbare-gemeenten?gemeente=GM1669`)).text();
    expect(html).toContain('Roerdalen:');
    expect(html).toContain('<option value="GM1669" selected');
    const other = await services.similarMunicipalities
      .comparison(SYSTEM, joint.id, { municipality: 'GM0957' })
      .catch((error: unknown) => error);
    expect((other as Error).message).toBe('Dit plan is niet van gemeente GM0957');
  });

  it('fetches nothing again while the source is unchanged, and records the pull in the audit trail', async () => {
    const before = fake.requests.filter((path) => path.includes('TypedDataSet')).length;
    const result = await services.similarMunicipalities.pull(
      SYSTEM,
      planId,
      { group: { kind: 'hand', codes: ['GM0957', 'GM0988', 'GM0888'] } },
      () => {},
    );
    expect(result.tables.every((table) => table.unchanged)).toBe(true);
    expect(fake.requests.filter((path) => path.includes('TypedDataSet')).length).toBe(before);
    const events = await handle.db
      .selectFrom('auditEvent')
      .select('action')
      .where('action', '=', 'similar-municipalities.pulled')
      .execute();
    // The automatic group, the hand-picked one, the one through the API, the joint plan's (another plan), and this one.
    expect(events.length).toBe(5);
  });

  it('keeps what was stored when the source fails, and says which table failed', async () => {
    fake.reissue('47013NED', {
      modified: '2024-03-31T02:00:00',
      changes: [{ dims: { SoortMisdrijf: '0.0.0', RegioS: 'GM1641', Perioden: '2022JJ00' }, value: 9999 }],
    });
    fake.failNext(200, 'status-503', 'data');
    const result = await services.similarMunicipalities.pull(
      SYSTEM,
      planId,
      { group: { kind: 'hand', codes: ['GM0957', 'GM0988', 'GM0888'] } },
      () => {},
    );
    expect(result.tables.map((table) => table.table)).toEqual(['70072ned', '47021NED']);
    expect(result.failures.map((failure) => failure.table)).toEqual(['47013NED']);
    const view = await services.similarMunicipalities.comparison(SYSTEM, planId, {
      group: { kind: 'hand', codes: ['GM0957', 'GM0988', 'GM0888'] },
    });
    expect(view.themes.find((theme) => theme.source === 'misdrijven' && theme.code === 'totaal')?.comparison?.own.count).toBe(1200);
    fake.clearFailures();
  });

  it('refuses a hand-picked group with unknown municipalities, and a year without figures', async () => {
    const refused = await services.similarMunicipalities
      .comparison(SYSTEM, planId, { group: { kind: 'hand', codes: ['GM9876', 'roermond', 'Atlantis'] } })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ValidationError);
    expect((refused as ValidationError).problems).toEqual([
      { path: 'gemeenten', message: 'geen gemeente in de kerncijfers van het CBS: GM9876, Atlantis' },
    ]);
    // Names are looked up whatever their case: Roermond is GM0957.
    const byName = await services.similarMunicipalities.comparison(SYSTEM, planId, {
      group: { kind: 'hand', codes: ['roermond', 'GM0988'] },
    });
    expect(byName.group.members.map((member) => member.code)).toEqual(['GM0957', 'GM0988']);
    const year = await services.similarMunicipalities.comparison(SYSTEM, planId, { year: 2005 }).catch((error: unknown) => error);
    expect((year as ValidationError).problems).toEqual([{ path: 'jaar', message: 'kies een jaar van 2012 tot en met 2023' }]);
    const page = await createApp(services).request(`/plannen/${planId}/vergelijkbare-gemeenten?gemeenten=GM9876`);
    expect(page.status).toBe(400);
    expect(await page.text()).toContain('geen gemeente in de kerncijfers van het CBS: GM9876');
  });

  // The whole country is pulled once per run, on the last engine (the server when there is one): it is the slow one.
  it.runIf(engine === ENGINES.at(-1))('compares with every municipality of the country', async () => {
    await services.similarMunicipalities.pull(SYSTEM, planId, { group: { kind: 'all' } }, () => {});
    const view = await services.similarMunicipalities.comparison(SYSTEM, planId, { group: { kind: 'all' } });
    expect(view.group.members.length).toBeGreaterThan(300);
    expect(view.notPulled).toEqual([]);
    expect(view.themes.find((theme) => theme.source === 'misdrijven' && theme.code === 'totaal')?.comparison?.group.length).toBe(
      view.group.members.length,
    );
  });

  it('runs the pull as a background job with its status for whoever may pull', async () => {
    const { jobId } = await services.similarMunicipalities.startPull(SYSTEM, planId, { group: { kind: 'auto' } });
    await services.jobRunner.runPending();
    const job = await services.similarMunicipalities.job(SYSTEM, planId, jobId);
    expect(job.status).toBe('done');
    expect((job.result as { tabellen: unknown[] }).tabellen).toHaveLength(3);
    const anonymous = await services.similarMunicipalities.job({ kind: 'anonymous' }, planId, jobId).catch((error: unknown) => error);
    expect(anonymous).toBeInstanceOf(Error);
  });
  it('records a pull that fetched nothing as a failed job with the reason, keeping what was stored', async () => {
    fake.failNext(500, 'status-503');
    const { jobId } = await services.similarMunicipalities.startPull(SYSTEM, planId, { group: { kind: 'hand', codes: ['GM0957'] } });
    await services.jobRunner.runPending();
    fake.clearFailures();
    const job = await services.similarMunicipalities.job(SYSTEM, planId, jobId);
    expect(job.status).toBe('failed');
    expect(job.error).toMatch(/^Geen enkele tabel kon worden opgehaald:\n {2}70072ned: /);
    expect(job.error).toContain('47013NED');
    const view = await services.similarMunicipalities.comparison(SYSTEM, planId, { group: { kind: 'hand', codes: ['GM0957'] } });
    expect(view.target?.code).toBe('GM1641');
    expect(view.themes.find((theme) => theme.code === 'totaal')?.comparison).not.toBeNull();
  });
});

describe('a group picked by name before any key figures are stored', () => {
  it('is refused on the page with the reason, and fetched by the job, which looks the names up once it has them', async () => {
    const fake = await startFakeCbs();
    const handle = await createTestDatabase('pglite');
    try {
      const services = createServices(handle, undefined, { baseUrls: fake.baseUrls, sleep: noWait });
      const planId = (await loadExampleIfEmpty(services.plans))!.id;
      const page = await createApp(services).request(`/plannen/${planId}/vergelijkbare-gemeenten?groep=hand&gemeenten=Roermond`);
      expect(page.status).toBe(400);
      expect(await page.text()).toContain('namen zijn pas te vinden als de kerncijfers van het CBS zijn opgehaald');
      const { jobId } = await services.similarMunicipalities.startPull(SYSTEM, planId, {
        group: { kind: 'hand', codes: ['Roermond', 'weert'] },
      });
      const { jobId: unknown } = await services.similarMunicipalities.startPull(
        SYSTEM,
        (await services.plans.importPlan(SYSTEM, (await readExampleDocument()) as never)).id,
        {
          group: { kind: 'hand', codes: ['Atlantis'] },
        },
      );
      await services.jobRunner.runPending();
      expect((await services.similarMunicipalities.job(SYSTEM, planId, jobId)).status).toBe('done');
      const view = await services.similarMunicipalities.comparison(SYSTEM, planId, {
        group: { kind: 'hand', codes: ['Roermond', 'weert'] },
      });
      expect(view.group.members.map((member) => member.code)).toEqual(['GM0957', 'GM0988']);
      expect(view.notPulled).toEqual([]);
      const refused = await services.similarMunicipalities.job(
        SYSTEM,
        (await services.plans.listPlans(SYSTEM)).find((plan) => plan.id !== planId)!.id,
        unknown,
      );
      expect(refused.status).toBe('failed');
      expect(refused.error).toBe(
        'De gekozen gemeenten kunnen niet worden vergeleken: geen gemeente in de kerncijfers van het CBS: Atlantis',
      );
    } finally {
      await handle.close();
      await fake.close();
    }
  }, 60_000);
});
