/**
 * The regional view on both engines, against the local CBS test server:
 * Maasgouw (published), Venlo (published, a copy of the same plan) and
 * Roermond (a concept) in Veiligheidsregio Limburg-Noord. A resident sees the
 * two published plans and Roermond as a municipality without a plan to read;
 * Roermond's coordinator sees its concept too. The police figures of
 * Maasgouw and Venlo, set to known values, come back per 1,000 inhabitants
 * with the region's total. The pages and the API answer the same, and bad
 * input is a 400 that names the parameter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { type Actor, ANONYMOUS, SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { type FakeCbs, startFakeCbs } from './fake-cbs/fake-cbs-server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

const noWait = async () => {};
const YEAR = 2023;

describe.each(ENGINES)('the regional view on %s', (engine) => {
  let fake: FakeCbs;
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let app: ReturnType<typeof createApp>;
  let maasgouwId: string;
  let venloId: string;
  let conceptId: string;
  let roermond: Actor;
  let roermondSession: string;

  beforeAll(async () => {
    fake = await startFakeCbs();
    // Every registered crime in the last complete year, and the population on 1 January of it.
    for (const [code, monthly, inhabitants] of [
      ['GM1641', 100, 24_000],
      ['GM0983', 250, 100_000],
    ] as const) {
      for (let month = 1; month <= 12; month++) {
        fake.setCell(
          '47022NED',
          { SoortMisdrijf: '0.0.0', WijkenEnBuurten: code, Perioden: `${YEAR}MM${String(month).padStart(2, '0')}` },
          monthly,
        );
      }
      fake.setCell(
        '03759ned',
        { Geslacht: 'T001038', Leeftijd: '10000', BurgerlijkeStaat: 'T001019', RegioS: code, Perioden: `${YEAR}JJ00` },
        inhabitants,
      );
    }
    handle = await createTestDatabase(engine);
    services = createServices(handle, undefined, { baseUrls: fake.baseUrls, sleep: noWait });
    app = createApp(services);
    maasgouwId = (await loadExampleIfEmpty(services.plans))!.id;
    const example = (await readExampleDocument()) as any;
    const venlo = {
      ...example,
      plan: { ...example.plan, titel: 'Veiligheidsplan Venlo', gemeenten: [{ code: 'GM0983', naam: 'Venlo' }], vaststellingen: undefined },
    };
    venloId = (await services.plans.importPlan(SYSTEM, venlo)).id;
    await services.plans.setPublished(SYSTEM, venloId, true);
    const concept = {
      ...example,
      plan: {
        ...example.plan,
        titel: 'Concept veiligheidsplan Roermond',
        gemeenten: [{ code: 'GM0957', naam: 'Roermond' }],
        status: 'concept',
        vastgesteldOp: null,
        vaststellingen: undefined,
      },
    };
    conceptId = (await services.plans.importPlan(SYSTEM, concept)).id;
    const userId = await services.auth.createUser({
      name: 'OOV Roermond',
      email: 'oov@roermond.example',
      password: null,
      isAdministrator: false,
    });
    await services.auth.grantRole(SYSTEM, 'oov@roermond.example', 'GM0957', 'coordinator');
    roermondSession = (await services.auth.openSession(userId, '127.0.0.1')).sessionToken;
    roermond = (await services.auth.actorForSession(roermondSession))!;
    await services.monitoring.refresh(SYSTEM, maasgouwId, () => {});
    await services.monitoring.refresh(SYSTEM, venloId, () => {});
  }, 180_000);

  afterAll(async () => {
    await handle?.close();
    await fake?.close();
  });

  it('shows a resident the published plans only, and the concept’s municipality as one without a plan to read', async () => {
    const view = await services.region.view(ANONYMOUS, services.region.choose('veiligheidsregio', 'limburg-noord'));
    expect(view.municipalities).toHaveLength(15);
    expect(view.plans.map((plan) => plan.id).sort()).toEqual([maasgouwId, venloId].sort());
    const byCode = new Map(view.municipalities.map((entry) => [entry.code, entry]));
    expect(byCode.get('GM1641')?.plan?.id).toBe(maasgouwId);
    expect(byCode.get('GM0957')?.plan).toBeNull();
    expect(JSON.stringify(view)).not.toContain(conceptId);
    expect(JSON.stringify(view)).not.toContain('Concept veiligheidsplan Roermond');
    // Both published plans make 1.1, 1.3 and 5.2 a priority.
    expect(view.sharedPriorities.map((theme) => [theme.code, theme.planIds.length])).toEqual([
      ['1.1', 2],
      ['1.3', 2],
      ['5.2', 2],
    ]);
    const maasgouw = view.plans.find((plan) => plan.id === maasgouwId)!;
    expect(maasgouw.indicatorCount).toBe(10);
    expect(maasgouw.indicatorStatuses.reduce((sum, entry) => sum + entry.count, 0)).toBe(10);
  });

  it('shows the concept to the coordinator of its municipality, and counts its priorities with the others', async () => {
    const view = await services.region.view(roermond, services.region.choose('veiligheidsregio', 'limburg-noord'));
    const concept = view.municipalities.find((entry) => entry.code === 'GM0957')?.plan;
    expect(concept?.id).toBe(conceptId);
    expect(concept?.status).toBe('draft');
    expect(concept?.indicatorCount).toBe(10);
    expect(view.sharedPriorities.find((theme) => theme.code === '1.3')?.planIds).toHaveLength(3);
    expect(view.sharedPriorities.find((theme) => theme.code === '5.2')?.planIds).toHaveLength(3);
  });

  it('rolls up the stored police figures per 1,000 inhabitants, per municipality and for the region', async () => {
    const view = await services.region.view(ANONYMOUS, services.region.choose('veiligheidsregio', 'limburg-noord'));
    expect(view.figures.years.at(-1)).toBe(YEAR);
    expect(view.figures.rows.map((row) => row.code).sort()).toEqual(['GM0983', 'GM1641']);
    const last = (code: string) => view.figures.rows.find((row) => row.code === code)?.years.at(-1);
    expect(last('GM1641')).toMatchObject({ crimes: 1200, population: 24_000, rate: 50 });
    expect(last('GM0983')).toMatchObject({ crimes: 3000, population: 100_000, rate: 30 });
    expect(view.figures.total.at(-1)).toMatchObject({ crimes: 4200, population: 124_000, counted: 2 });
    expect(view.figures.total.at(-1)?.rate).toBeCloseTo((4200 / 124_000) * 1000, 9);
  });

  it('serves the pages to anyone, with the charts beside their tables', async () => {
    const choice = await app.request('/regio');
    expect(choice.status).toBe(200);
    const choiceHtml = await choice.text();
    expect(choiceHtml).toContain('href="/regio/veiligheidsregio/limburg-noord"');
    expect(choiceHtml).toContain('href="/regio/politiedistrict/noord-en-midden-limburg"');
    expect(choiceHtml).toContain('action="/regio/eigen"');
    const page = await app.request('/regio/veiligheidsregio/limburg-noord');
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Regionaal beeld: Veiligheidsregio Limburg-Noord');
    expect(html).toContain(`/plannen/${venloId}`);
    expect(html).not.toContain(conceptId);
    expect(html).toContain('Roermond');
    expect(html).toContain('Gedeelde prioriteiten');
    expect(html).toContain('id="grafiek-status-title"');
    expect(html).toContain('id="grafiek-cijfers-title"');
    expect(html).toContain('33,9');
    const logged = await (
      await app.request('/regio/veiligheidsregio/limburg-noord', { headers: { Cookie: `__Host-koers-sessie=${roermondSession}` } })
    ).text();
    expect(logged).toContain(`/plannen/${conceptId}`);
    const picked = await app.request('/regio/eigen?gemeenten=GM1641,gm0983');
    expect(picked.status).toBe(200);
    expect(await picked.text()).toContain('Eigen keuze: Venlo, Maasgouw');
  });

  it('answers the API with the same view, and the list of regions', async () => {
    const list = await (await app.request('/api/v1/regios')).json();
    expect(list).toHaveLength(25 + 10 + 12);
    expect(list.find((region: any) => region.sleutel === 'limburg-noord')).toMatchObject({
      soort: 'veiligheidsregio',
      code: 'VR23',
      politieEenheid: 'limburg',
    });
    const response = await app.request('/api/v1/regios/veiligheidsregio/limburg-noord');
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.plannen).toHaveLength(2);
    expect(body.gedeeldePrioriteiten[0]).toMatchObject({ kernbeleidThema: '1.1', aantalPlannen: 2 });
    expect(body.cijfers.regio.at(-1)).toMatchObject({ jaar: YEAR, misdrijven: 4200, inwoners: 124_000, aantalGemeenten: 2 });
    expect(body.plannen[0].indicatorstatussen).toHaveProperty('op-koers');
    const picked = await (await app.request('/api/v1/regios/eigen?gemeenten=GM0957')).json();
    expect(picked.gemeenten).toEqual([{ code: 'GM0957', naam: 'Roermond', plan: null, oudereplannen: 0 }]);
  });

  it('refuses an unknown region, a malformed list and too many municipalities with a 400 that names the parameter', async () => {
    for (const [path, parameter] of [
      ['/regio/veiligheidsregio/atlantis', 'sleutel'],
      ['/regio/planeet/limburg', 'soort'],
      ['/regio/eigen?gemeenten=GM12,Maasgouw', 'gemeenten'],
      ['/regio/eigen', 'gemeenten'],
      [`/regio/eigen?gemeenten=${[...services.region.catalogue().municipalities.keys()].slice(0, 81).join(',')}`, 'gemeenten'],
    ] as const) {
      const page = await app.request(path);
      expect(page.status, path).toBe(400);
      expect(await page.text(), path).toContain(parameter);
      const problem = await app.request(`/api/v1${path.replace('/regio', '/regios')}`);
      expect(problem.status, path).toBe(400);
      const body = await problem.json();
      expect(
        body.invalidParams.map((entry: { name: string }) => entry.name),
        path,
      ).toContain(parameter);
    }
  });
  // Last: it fetches figures that the tests above do not count.
  it('adds the figures per gemeente that a comparison with similar municipalities fetched, where no wijk figures are stored', async () => {
    // Roermond has no plan whose refresh stored its wijk figures; Maasgouw's comparison fetches its yearly figures.
    fake.setCell('47013NED', { SoortMisdrijf: '0.0.0', RegioS: 'GM0957', Perioden: `${YEAR}JJ00` }, 2000);
    fake.setCell('70072ned', { RegioS: 'GM0957', Perioden: `${YEAR}JJ00`, topic: 'TotaleBevolking_1' }, 50_000);
    await services.similarMunicipalities.pull(SYSTEM, maasgouwId, { group: { kind: 'hand', codes: ['GM0957'] } }, () => {});
    const view = await services.region.view(ANONYMOUS, services.region.choose('veiligheidsregio', 'limburg-noord'));
    const last = (code: string) => view.figures.rows.find((row) => row.code === code)?.years.at(-1);
    expect(last('GM0957')).toMatchObject({ crimes: 2000, population: 50_000, rate: 40 });
    // Maasgouw's own wijk figures still come first.
    expect(last('GM1641')).toMatchObject({ crimes: 1200, population: 24_000, rate: 50 });
    expect(view.figures.total.at(-1)).toMatchObject({ crimes: 6200, population: 174_000, counted: 3 });
  });
});
