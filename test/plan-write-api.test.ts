/**
 * The write API of plans over HTTP, on every engine of this run: starting a
 * plan, creating, patching (JSON merge patch), ending and reordering elements
 * of each kind by key, the plan's own fields and document, versions (ETag,
 * If-Match required, 412 with what changed since, 304), a whole revision of
 * the adopted Maasgouw plan with reads as of a date, and who gets what.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import type { RoleCode } from '../src/db/schema.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('the write API of plans on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let app: ReturnType<typeof createApp>;
  /** The Maasgouw example: adopted on 2019-01-29 and published. */
  let adoptedId: string;
  /** A concept copied from it through the API, edited freely. */
  let conceptId: string;
  const tokens = {} as Record<'coordinator' | 'lezer' | 'roerdalen', string>;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    app = createApp(services);
    adoptedId = (await loadExampleIfEmpty(services.plans))!.id;
    const example = (await readExampleDocument()) as { plan: Record<string, unknown> };
    const roerdalen = { ...example.plan, gemeenten: [{ code: 'GM1669', naam: 'Roerdalen' }], vaststellingen: undefined };
    await services.plans.importPlan(SYSTEM, { ...example, plan: roerdalen });
    const accounts = new AccountRepository(handle.db);
    const grants: [keyof typeof tokens, string, RoleCode][] = [
      ['coordinator', 'GM1641', 'coordinator'],
      ['lezer', 'GM1641', 'lezer'],
      ['roerdalen', 'GM1669', 'coordinator'],
    ];
    for (const [who, municipality, role] of grants) {
      const userId = await services.auth.createUser({
        name: who,
        email: `${who}@example.org`,
        password: 'een lang wachtwoord',
        isAdministrator: false,
      });
      await accounts.grantRole(userId, municipality, role);
      tokens[who] = (await services.auth.createApiToken(userId, 'schrijven')).token;
    }
  }, 120_000);
  afterAll(() => handle.close());

  interface Options {
    as?: keyof typeof tokens | null;
    body?: unknown;
    ifMatch?: string | null;
    headers?: Record<string, string>;
    contentType?: string;
  }

  /** A request to the API, as the coordinator of Maasgouw unless said otherwise. */
  function api(method: string, path: string, options: Options = {}) {
    const headers: Record<string, string> = { ...options.headers };
    const who = options.as === undefined ? 'coordinator' : options.as;
    if (who) headers.Authorization = `Bearer ${tokens[who]}`;
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    if (options.body !== undefined) headers['Content-Type'] = options.contentType ?? 'application/json';
    return app.request(`/api/v1${path}`, {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
    });
  }

  /** The plan's ETag now, as the coordinator reads it. */
  async function etag(planId: string): Promise<string> {
    const response = await api('GET', `/plannen/${planId}/werkversie`);
    expect(response.status).toBe(200);
    return response.headers.get('ETag')!;
  }

  /** A change made on the version read just before. */
  async function change(method: string, path: string, body?: unknown, contentType?: string) {
    const planId = path.split('/')[2]!;
    return api(method, path, { body, ifMatch: await etag(planId), contentType });
  }

  async function json(response: Response, status: number) {
    const text = await response.text();
    expect(response.status, text).toBe(status);
    return text ? JSON.parse(text) : undefined;
  }

  it('starts a plan as a copy of the adopted one: a concept, linked to it, with its location and version', async () => {
    const response = await api('POST', '/plannen', {
      body: {
        titel: 'Integraal Veiligheidsplan 2023-2026',
        gemeente: 'GM1641',
        periode: { van: 2023, tot: 2026 },
        samenvatting: 'Het vervolg op het plan 2019-2022.',
        begin: { soort: 'kopie', voorganger: adoptedId },
      },
    });
    const plan = await json(response, 201);
    conceptId = plan.id;
    expect(response.headers.get('Location')).toBe(`/api/v1/plannen/${conceptId}`);
    expect(response.headers.get('ETag')).toMatch(/^"\d+"$/);
    expect(plan).toMatchObject({ titel: 'Integraal Veiligheidsplan 2023-2026', status: 'concept', periode: { van: 2023, tot: 2026 } });
    expect(plan.themas).toHaveLength(13);
  });

  it('starts a plan from the catalogue or empty, and refuses a start that is not whole, naming each field', async () => {
    const catalogue = await json(
      await api('POST', '/plannen', {
        body: {
          titel: 'Concept IVP 2027-2030',
          gemeente: 'GM1641',
          periode: { van: 2027, tot: 2030 },
          samenvatting: 'Opgebouwd vanuit het Kernbeleid Veiligheid.',
          kernbeleidEditie: '2022',
          begin: { soort: 'kernbeleid', prioriteiten: ['5.2'], strategisch: ['D.1'] },
        },
      }),
      201,
    );
    expect(catalogue.themas.map((theme: { sleutel: string }) => theme.sleutel)).toEqual(['prioriteit-1', 'strategisch-1']);
    const empty = await json(
      await api('POST', '/plannen', {
        body: {
          titel: 'Leeg',
          gemeente: 'GM1641',
          periode: { van: 2027, tot: 2030 },
          samenvatting: 'Leeg begonnen.',
          begin: { soort: 'leeg' },
        },
      }),
      201,
    );
    expect(empty.themas).toEqual([]);
    const invalid = await json(
      await api('POST', '/plannen', { body: { titel: '', gemeente: 'Maasgouw', periode: { van: 2027 }, begin: { soort: 'ooit' } } }),
      400,
    );
    expect(invalid.invalidParams.map((param: { name: string }) => param.name)).toEqual(
      expect.arrayContaining(['titel', 'gemeente', 'periode.tot', 'samenvatting', 'begin.soort']),
    );
    const forbidden = await api('POST', '/plannen', {
      as: 'lezer',
      body: { titel: 'Leeg', gemeente: 'GM1641', periode: { van: 2027, tot: 2030 }, samenvatting: 'x', begin: { soort: 'leeg' } },
    });
    expect(forbidden.status).toBe(403);
  });

  it('creates an activity without a key, from its name, and patches it with a merge patch', async () => {
    const created = await change('POST', `/plannen/${conceptId}/activiteiten`, {
      naam: 'Voorlichting over babbeltrucs',
      omschrijving: 'Bijeenkomsten voor ouderen in de kernen.',
      cluster: 'Preventie',
      hoeveelheid: null,
      frequentie: 'elk kwartaal',
      trekkers: ['burgemeester'],
      partners: ['politie'],
      planning: { doorlopend: false, vanafJaar: 2023, vanafKwartaal: 3, totJaar: 2024 },
      onderdeel: 'overige-interventies',
    });
    const activity = await json(created, 201);
    expect(created.headers.get('Location')).toBe(`/api/v1/plannen/${conceptId}/activiteiten/voorlichting-over-babbeltrucs`);
    expect(activity).toMatchObject({ sleutel: 'voorlichting-over-babbeltrucs', onderdeel: 'overige-interventies', cluster: 'Preventie' });
    expect(created.headers.get('ETag')).toBe(await etag(conceptId));

    const read = await api('GET', `/plannen/${conceptId}/activiteiten/voorlichting-over-babbeltrucs`);
    expect(await json(read, 200)).toEqual(activity);
    expect(read.headers.get('ETag')).toBe(created.headers.get('ETag'));

    // Nested members merge; null empties an optional field; what is left out stays.
    const patched = await json(
      await change(
        'PATCH',
        `/plannen/${conceptId}/activiteiten/voorlichting-over-babbeltrucs`,
        { cluster: null, planning: { totJaar: 2026 }, hoeveelheid: { waarde: 12, eenheid: 'bijeenkomsten' } },
        'application/merge-patch+json',
      ),
      200,
    );
    expect(patched).toEqual({
      ...activity,
      cluster: null,
      planning: { doorlopend: false, vanafJaar: 2023, vanafKwartaal: 3, totJaar: 2026 },
      hoeveelheid: { waarde: 12, eenheid: 'bijeenkomsten' },
    });

    // Another workstream moves it.
    const moved = await json(
      await change('PATCH', `/plannen/${conceptId}/activiteiten/voorlichting-over-babbeltrucs`, { onderdeel: 'casusaanpak' }),
      200,
    );
    expect(moved.onderdeel).toBe('casusaanpak');
  });

  it('names every problem of a patch by its field within the element, and changes nothing', async () => {
    const before = await etag(conceptId);
    const response = await api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, {
      ifMatch: before,
      contentType: 'application/merge-patch+json',
      body: { naam: null, hoeveelheid: { waarde: -1 }, planning: { vanafKwartaal: 7 }, kleur: 'rood' },
    });
    const problem = await json(response, 400);
    expect(problem.invalidParams.map((param: { name: string }) => param.name).sort()).toEqual(
      ['hoeveelheid.waarde', 'kleur', 'naam', 'planning.vanafKwartaal'].sort(),
    );
    // A reference that does not hold in the plan is named the same way.
    const reference = await json(
      await api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { ifMatch: before, body: { partners: ['bestaat-niet'] } }),
      400,
    );
    expect(reference.invalidParams).toEqual([{ name: 'partners[0]', reason: expect.stringContaining('bestaat-niet') }]);
    const key = await json(
      await api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { ifMatch: before, body: { sleutel: 'andere' } }),
      400,
    );
    expect(key.invalidParams[0].name).toBe('sleutel');
    expect(await etag(conceptId)).toBe(before);
  });

  it('reorders the activities of a workstream, then ends one; it answers 404 afterwards', async () => {
    const order = ['wet-aanpak-woonoverlast', 'buurtbemiddeling'];
    const reordered = await json(
      await change('PUT', `/plannen/${conceptId}/activiteiten/volgorde`, { volgorde: order, onderdeel: 'overige-interventies' }),
      200,
    );
    expect(reordered).toEqual({ volgorde: order, onderdeel: 'overige-interventies' });
    const incomplete = await json(
      await change('PUT', `/plannen/${conceptId}/activiteiten/volgorde`, {
        volgorde: ['buurtbemiddeling'],
        onderdeel: 'overige-interventies',
      }),
      400,
    );
    expect(incomplete.invalidParams).toEqual([{ name: 'volgorde', reason: '"wet-aanpak-woonoverlast" ontbreekt' }]);
    expect((await change('PUT', `/plannen/${conceptId}/activiteiten/volgorde`, { volgorde: order })).status).toBe(400);

    const removed = await change('DELETE', `/plannen/${conceptId}/activiteiten/voorlichting-over-babbeltrucs`);
    expect(removed.status).toBe(204);
    expect(removed.headers.get('ETag')).toBe(await etag(conceptId));
    expect((await api('GET', `/plannen/${conceptId}/activiteiten/voorlichting-over-babbeltrucs`)).status).toBe(404);
  });

  it('creates, patches, reorders and ends indicators, in the plan itself and in a theme', async () => {
    const created = await json(
      await change('POST', `/plannen/${conceptId}/indicatoren`, {
        naam: 'Aangiften van fietsdiefstal',
        bron: 'Politie',
        eenheid: 'aantal',
        reeks: null,
        strategischeDoelstelling: null,
        nulmeting: { waarde: 120, jaar: 2022 },
        streefwaarde: { vergelijking: 'hoogstens', waarde: 100, jaar: 2026 },
        koppeling: null,
        thema: 'prioriteit-3',
      }),
      201,
    );
    expect(created).toMatchObject({ sleutel: 'aangiften-van-fietsdiefstal', thema: 'prioriteit-3' });

    // null removes the binding to open data, an optional field.
    const unbound = await json(
      await change('PATCH', `/plannen/${conceptId}/indicatoren/misdrijven-per-1000-inwoners`, { koppeling: null, reeks: null }),
      200,
    );
    expect(unbound).toMatchObject({ sleutel: 'misdrijven-per-1000-inwoners', koppeling: null, reeks: null, thema: null });

    const order = ['aangiften-van-fietsdiefstal', 'woninginbraken', 'diefstal-motorvoertuigen', 'diefstal-brom-snor-fiets'];
    expect(
      await json(await change('PUT', `/plannen/${conceptId}/indicatoren/volgorde`, { volgorde: order, thema: 'prioriteit-3' }), 200),
    ).toEqual({
      volgorde: order,
      thema: 'prioriteit-3',
    });
    const planWide = ['rapportcijfer-veiligheid-buurt', 'misdrijven-per-1000-inwoners'];
    expect((await json(await change('PUT', `/plannen/${conceptId}/indicatoren/volgorde`, { volgorde: planWide }), 200)).volgorde).toEqual(
      planWide,
    );

    expect((await change('DELETE', `/plannen/${conceptId}/indicatoren/aangiften-van-fietsdiefstal`)).status).toBe(204);
    const list = await json(await api('GET', `/plannen/${conceptId}/indicatoren`), 200);
    expect(list.indicatoren.map((indicator: { sleutel: string }) => indicator.sleutel)).not.toContain('aangiften-van-fietsdiefstal');
  });

  it('creates and patches partners, and refuses to end one that activities still name', async () => {
    const partner = await json(
      await change('POST', `/plannen/${conceptId}/partners`, {
        naam: 'Woningcorporatie Maasgouw',
        soort: 'extern',
        kernpartner: false,
        onderdeelVan: null,
        omschrijving: 'Verhuurder in de kernen.',
      }),
      201,
    );
    expect(partner.sleutel).toBe('woningcorporatie-maasgouw');
    const patched = await json(
      await change('PATCH', `/plannen/${conceptId}/partners/woningcorporatie-maasgouw`, { omschrijving: null, kernpartner: true }),
      200,
    );
    expect(patched).toMatchObject({ omschrijving: null, kernpartner: true, naam: 'Woningcorporatie Maasgouw' });

    const partners = (await json(await api('GET', `/plannen/${conceptId}/partners`), 200)).partners.map(
      (item: { sleutel: string }) => item.sleutel,
    );
    const order = ['woningcorporatie-maasgouw', ...partners.filter((key: string) => key !== 'woningcorporatie-maasgouw')];
    expect((await json(await change('PUT', `/plannen/${conceptId}/partners/volgorde`, { volgorde: order }), 200)).volgorde).toEqual(order);
    const twice = await json(await change('PUT', `/plannen/${conceptId}/partners/volgorde`, { volgorde: [...order, 'politie'] }), 400);
    expect(twice.invalidParams).toEqual([{ name: 'volgorde', reason: '"politie" staat er meer dan één keer in' }]);

    const used = await json(await change('DELETE', `/plannen/${conceptId}/partners/politie`), 409);
    expect(used.invalidParams.length).toBeGreaterThan(1);
    expect((await change('DELETE', `/plannen/${conceptId}/partners/woningcorporatie-maasgouw`)).status).toBe(204);
  });

  it('creates, patches and reorders themes and their workstreams; a theme outside the catalogue needs its reason', async () => {
    const theme = await json(
      await change('POST', `/plannen/${conceptId}/themas`, {
        soort: 'strategisch',
        nummer: 11,
        paragraaf: 'Strategisch thema 11',
        naam: 'Veilig uitgaan',
        kernbeleidThemas: ['1.2'],
        samenvatting: 'Uitgaan in de kernen zonder overlast.',
        hoofdlijnen: [],
        doelstelling: 'Minder overlast rond de horeca.',
        kwalitatieveBeoordeling: 'Beoordeeld op de voortgang van de activiteiten.',
        wasWordt: null,
      }),
      201,
    );
    expect(theme.sleutel).toBe('veilig-uitgaan');

    const outside = await json(await change('PATCH', `/plannen/${conceptId}/themas/veilig-uitgaan`, { kernbeleidThemas: [] }), 400);
    expect(outside.invalidParams.map((param: { name: string }) => param.name)).toContain('redenEigenThema');
    const own = await json(
      await change('PATCH', `/plannen/${conceptId}/themas/veilig-uitgaan`, { kernbeleidThemas: [], redenEigenThema: 'Een lokale keuze' }),
      200,
    );
    expect(own.redenEigenThema).toBe('Een lokale keuze');
    const back = await json(
      await change('PATCH', `/plannen/${conceptId}/themas/veilig-uitgaan`, { kernbeleidThemas: ['1.2'], redenEigenThema: null }),
      200,
    );
    expect(back.redenEigenThema ?? null).toBeNull();

    const workstream = await json(
      await change('POST', `/plannen/${conceptId}/onderdelen`, { naam: 'Horeca-overleg', thema: 'veilig-uitgaan' }),
      201,
    );
    expect(workstream).toEqual({ sleutel: 'horeca-overleg', naam: 'Horeca-overleg', thema: 'veilig-uitgaan' });
    await json(
      await change('POST', `/plannen/${conceptId}/onderdelen`, { sleutel: 'toezicht', naam: 'Toezicht', thema: 'veilig-uitgaan' }),
      201,
    );
    expect(
      await json(await change('PATCH', `/plannen/${conceptId}/onderdelen/toezicht`, { naam: 'Toezicht en handhaving' }), 200),
    ).toMatchObject({
      naam: 'Toezicht en handhaving',
    });
    expect(
      (
        await json(
          await change('PUT', `/plannen/${conceptId}/onderdelen/volgorde`, {
            volgorde: ['toezicht', 'horeca-overleg'],
            thema: 'veilig-uitgaan',
          }),
          200,
        )
      ).volgorde,
    ).toEqual(['toezicht', 'horeca-overleg']);
    const onderdelen = await json(await api('GET', `/plannen/${conceptId}/onderdelen`), 200);
    expect(onderdelen.onderdelen.filter((item: { thema: string }) => item.thema === 'veilig-uitgaan')).toHaveLength(2);
    expect((await change('DELETE', `/plannen/${conceptId}/onderdelen/horeca-overleg`)).status).toBe(204);
    expect((await api('GET', `/plannen/${conceptId}/onderdelen/horeca-overleg`)).status).toBe(404);

    const themes = (await json(await api('GET', `/plannen/${conceptId}/themas`), 200)).themas.map(
      (item: { sleutel: string }) => item.sleutel,
    );
    const reversed = [...themes].reverse();
    expect((await json(await change('PUT', `/plannen/${conceptId}/themas/volgorde`, { volgorde: reversed }), 200)).volgorde).toEqual(
      reversed,
    );
    expect((await change('DELETE', `/plannen/${conceptId}/themas/veilig-uitgaan`)).status).toBe(204);
  });

  it('does the same for plain lists: working principles, frameworks and catalogue themes left out on purpose', async () => {
    const principle = await change('POST', `/plannen/${conceptId}/rode-draden`, {
      naam: 'Samen met inwoners',
      omschrijving: 'Inwoners denken mee.',
    });
    expect(principle.headers.get('Location')).toBe(`/api/v1/plannen/${conceptId}/rode-draden/samen-met-inwoners`);
    await json(principle, 201);
    const list = await json(await api('GET', `/plannen/${conceptId}/rode-draden`), 200);
    const keys = list.rodeDraden.map((item: { sleutel: string }) => item.sleutel);
    expect(keys.at(-1)).toBe('samen-met-inwoners');
    expect(
      await json(
        await change('PATCH', `/plannen/${conceptId}/rode-draden/samen-met-inwoners`, { omschrijving: 'Inwoners doen mee.' }),
        200,
      ),
    ).toEqual({
      sleutel: 'samen-met-inwoners',
      naam: 'Samen met inwoners',
      omschrijving: 'Inwoners doen mee.',
    });
    const reordered = ['samen-met-inwoners', ...keys.slice(0, -1)];
    expect((await json(await change('PUT', `/plannen/${conceptId}/rode-draden/volgorde`, { volgorde: reordered }), 200)).volgorde).toEqual(
      reordered,
    );
    expect((await change('DELETE', `/plannen/${conceptId}/rode-draden/samen-met-inwoners`)).status).toBe(204);

    const framework = await json(
      await change('POST', `/plannen/${conceptId}/kaders`, {
        naam: 'Horecabeleid 2023',
        niveau: 'lokaal',
        omschrijving: 'Regels voor de horeca.',
      }),
      201,
    );
    expect(
      await json(await change('PATCH', `/plannen/${conceptId}/kaders/${framework.sleutel}`, { niveau: 'regionaal' }), 200),
    ).toMatchObject({
      niveau: 'regionaal',
    });

    // A catalogue theme a theme of the plan takes up cannot be left out; the problem is named within the element.
    const covered = await json(
      await change('POST', `/plannen/${conceptId}/bewust-weggelaten`, { kernbeleidThema: '2.3', reden: 'Speelt niet in Maasgouw.' }),
      400,
    );
    expect(covered.invalidParams).toEqual([{ name: 'kernbeleidThema', reason: expect.stringContaining('2.3') }]);
    await json(await change('PATCH', `/plannen/${conceptId}`, { kernbeleidEditie: '2022' }), 200);
    const excluded = await change('POST', `/plannen/${conceptId}/bewust-weggelaten`, {
      kernbeleidThema: 'D.2',
      reden: 'Speelt niet in Maasgouw.',
    });
    await json(excluded, 201);
    expect(excluded.headers.get('Location')).toBe(`/api/v1/plannen/${conceptId}/bewust-weggelaten/D.2`);
    expect(await json(await api('GET', `/plannen/${conceptId}/bewust-weggelaten/D.2`), 200)).toEqual({
      kernbeleidThema: 'D.2',
      reden: 'Speelt niet in Maasgouw.',
    });
    expect(
      await json(await change('PATCH', `/plannen/${conceptId}/veldbeelden/2`, { samenvatting: 'Een nieuw beeld van het veld.' }), 200),
    ).toEqual({
      veld: 2,
      samenvatting: 'Een nieuw beeld van het veld.',
    });
    // A concept has no versions in force yet; its history names the element all the same.
    expect(await json(await api('GET', `/plannen/${conceptId}/veldbeelden/2/geschiedenis`), 200)).toMatchObject({
      naam: 'veld 2',
      versies: [],
    });
  });

  it('answers 404 for an unknown key on every method, and 400 for a malformed one', async () => {
    const version = await etag(conceptId);
    expect((await api('GET', `/plannen/${conceptId}/overleggen/bestaat-niet`)).status).toBe(404);
    expect((await api('GET', `/plannen/${conceptId}/activiteiten/bestaat-niet`)).status).toBe(404);
    expect((await api('PATCH', `/plannen/${conceptId}/kaders/bestaat-niet`, { ifMatch: version, body: { naam: 'x' } })).status).toBe(404);
    const gone = await api('DELETE', `/plannen/${conceptId}/trekkers/bestaat-niet`, { ifMatch: version });
    expect(await json(gone, 404)).toMatchObject({ detail: 'Trekker "bestaat-niet" bestaat niet in dit plan' });
    expect((await api('GET', `/plannen/${conceptId}/doelstellingen/bestaat-niet/geschiedenis`)).status).toBe(404);
    const malformed = await json(await api('GET', `/plannen/${conceptId}/kaders/Geen_Sleutel`), 400);
    expect(malformed.invalidParams[0].name).toBe('sleutel');
  });

  it('requires If-Match on every change (428), refuses a malformed one (400) and a stale one (412, saying what changed since)', async () => {
    const missing = await api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { body: { frequentie: 'wekelijks' } });
    expect(await json(missing, 428)).toMatchObject({ status: 428, title: 'Versie ontbreekt' });
    expect((await api('DELETE', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`)).status).toBe(428);
    expect((await api('POST', `/plannen/${conceptId}/afsluiting`)).status).toBe(428);
    // Who may not make the change hears that first.
    expect((await api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { as: 'lezer', body: {} })).status).toBe(403);
    expect((await api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { as: null, body: {} })).status).toBe(401);
    const malformed = await api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { ifMatch: '*', body: {} });
    expect((await json(malformed, 400)).invalidParams[0].name).toBe('If-Match');

    const read = await etag(conceptId);
    await json(
      await api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { ifMatch: read, body: { frequentie: 'wekelijks' } }),
      200,
    );
    const stale = await api('PATCH', `/plannen/${conceptId}/partners/politie`, { ifMatch: read, body: { kernpartner: false } });
    const problem = await json(stale, 412);
    const now = await etag(conceptId);
    expect(stale.headers.get('ETag')).toBe(now);
    expect(problem.huidigeVersie).toBe(Number(JSON.parse(now)));
    expect(problem.wijzigingenSinds).toEqual([
      expect.objectContaining({
        versie: problem.huidigeVersie,
        wijzigingen: [expect.stringContaining('Activiteit "Buurtbemiddeling" gewijzigd: frequentie')],
      }),
    ]);
    expect((await json(await api('GET', `/plannen/${conceptId}/partners/politie`), 200)).kernpartner).toBe(true);
  });

  it('answers 304 to If-None-Match with the current version, on the plan and on an element, until it changes', async () => {
    const first = await api('GET', `/plannen/${conceptId}`);
    const version = first.headers.get('ETag')!;
    await json(first, 200);
    for (const path of [
      `/plannen/${conceptId}`,
      `/plannen/${conceptId}/activiteiten/buurtbemiddeling`,
      `/plannen/${conceptId}/bijstellingen`,
    ]) {
      const again = await api('GET', path, { headers: { 'If-None-Match': version } });
      expect(again.status, path).toBe(304);
      expect(again.headers.get('ETag')).toBe(version);
      expect(again.headers.get('API-Version')).toBe('1.0.0');
    }
    await change('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { frequentie: 'maandelijks' });
    const changed = await api('GET', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { headers: { 'If-None-Match': version } });
    expect((await json(changed, 200)).frequentie).toBe('maandelijks');
    expect(changed.headers.get('ETag')).not.toBe(version);
  });

  it("patches the plan's own fields, replaces its content from an edited document and serves its working copy", async () => {
    const plan = await json(
      await change('PATCH', `/plannen/${conceptId}`, { ondertitel: null, periode: { tot: 2027 }, begroting: 'Binnen de begroting OOV.' }),
      200,
    );
    expect(plan).toMatchObject({ ondertitel: null, periode: { van: 2023, tot: 2027 }, begroting: 'Binnen de begroting OOV.' });
    const refused = await json(await change('PATCH', `/plannen/${conceptId}`, { status: 'vastgesteld', titel: '' }), 400);
    expect(refused.invalidParams.map((param: { name: string }) => param.name).sort()).toEqual(['status', 'titel']);

    const document = await json(await api('GET', `/plannen/${conceptId}/werkversie`), 200);
    document.plan.themas[0].naam = 'Zorg en veiligheid';
    document.plan.kaders.pop();
    const replaced = await json(await change('PUT', `/plannen/${conceptId}/document`, document), 200);
    expect(replaced.plan.themas[0].naam).toBe('Zorg en veiligheid');
    expect(replaced.plan.kaders).toHaveLength(document.plan.kaders.length);
    const tooLarge = await api('PUT', `/plannen/${conceptId}/document`, {
      ifMatch: await etag(conceptId),
      body: { ...document, opvulling: 'x'.repeat(5 * 1024 * 1024) },
    });
    expect(await json(tooLarge, 413)).toMatchObject({ detail: 'Het plandocument is groter dan 5 MB' });
    expect((await api('GET', `/plannen/${conceptId}/werkversie`, { as: 'lezer' })).status).toBe(403);
    expect((await api('GET', `/plannen/${conceptId}/werkversie`, { as: null })).status).toBe(404);
  });

  it('refuses an edit of the adopted plan without an open revision (409), and writes nothing', async () => {
    const before = await etag(adoptedId);
    const response = await api('PATCH', `/plannen/${adoptedId}/activiteiten/buurtbemiddeling`, {
      ifMatch: before,
      body: { frequentie: 'wekelijks' },
    });
    expect(await json(response, 409)).toMatchObject({ status: 409, detail: expect.stringContaining('bijstelling') });
    expect(
      (await api('POST', `/plannen/${adoptedId}/rode-draden`, { ifMatch: before, body: { naam: 'x', omschrijving: 'y' } })).status,
    ).toBe(409);
    expect(await etag(adoptedId)).toBe(before);
  });

  it('makes a whole revision through the API: open, patch, apply; the plan as of a date before and after', async () => {
    const opened = await change('POST', `/plannen/${adoptedId}/bijstellingen`, {
      reden: 'Meer buurtbemiddeling na de evaluatie van 2019',
      besluitdatum: '2020-06-01',
      besloten: 'college',
    });
    expect(await json(opened, 201)).toMatchObject({ nummer: 1, status: 'open', besloten: 'college', besluitdatum: '2020-06-01' });
    expect(opened.headers.get('Location')).toBe(`/api/v1/plannen/${adoptedId}/bijstellingen/1`);

    await json(
      await change('PATCH', `/plannen/${adoptedId}/activiteiten/buurtbemiddeling`, {
        hoeveelheid: { waarde: 30, eenheid: 'zaken per jaar' },
      }),
      200,
    );
    await json(
      await change('POST', `/plannen/${adoptedId}/rode-draden`, { naam: 'Samen met inwoners', omschrijving: 'Inwoners denken mee.' }),
      201,
    );
    // Not yet in force: the current plan is still the adopted one.
    const current = await json(await api('GET', `/plannen/${adoptedId}/activiteiten/buurtbemiddeling`), 200);
    expect(current.hoeveelheid).not.toEqual({ waarde: 30, eenheid: 'zaken per jaar' });

    const open = await json(await api('GET', `/plannen/${adoptedId}/bijstellingen/1`), 200);
    expect(open.status).toBe('open');
    expect(open.wijzigingen).toHaveLength(2);
    expect(open.wijzigingen).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          soort: 'activiteiten',
          wijziging: 'gewijzigd',
          sleutel: 'buurtbemiddeling',
          velden: [expect.objectContaining({ veld: 'hoeveelheid', naar: '30 zaken per jaar' })],
          omschrijving: expect.stringContaining('Activiteit "Buurtbemiddeling" gewijzigd: hoeveelheid'),
        }),
        expect.objectContaining({ soort: 'rode-draden', wijziging: 'toegevoegd', sleutel: 'samen-met-inwoners' }),
      ]),
    );

    const applied = await json(
      await change('PATCH', `/plannen/${adoptedId}/bijstellingen/1`, { status: 'toegepast' }, 'application/merge-patch+json'),
      200,
    );
    expect(applied.status).toBe('toegepast');
    expect(applied.afgeslotenOp).toEqual(expect.any(String));
    // Asking again for what already is, is no change.
    expect((await change('PATCH', `/plannen/${adoptedId}/bijstellingen/1`, { status: 'toegepast' })).status).toBe(200);
    expect((await change('PATCH', `/plannen/${adoptedId}/bijstellingen/1`, { status: 'ingetrokken' })).status).toBe(409);

    const now = await json(await api('GET', `/plannen/${adoptedId}/activiteiten/buurtbemiddeling`), 200);
    expect(now.hoeveelheid).toEqual({ waarde: 30, eenheid: 'zaken per jaar' });
    const before = await json(await api('GET', `/plannen/${adoptedId}/activiteiten/buurtbemiddeling?peildatum=2020-05-31`), 200);
    expect(before.hoeveelheid).toEqual(current.hoeveelheid);
    const after = await json(await api('GET', `/plannen/${adoptedId}/activiteiten/buurtbemiddeling?peildatum=2020-06-30`), 200);
    expect(after.hoeveelheid).toEqual({ waarde: 30, eenheid: 'zaken per jaar' });
    const principlesBefore = await json(await api('GET', `/plannen/${adoptedId}/rode-draden?peildatum=2020-05-31`, { as: null }), 200);
    expect(principlesBefore.rodeDraden.map((item: { sleutel: string }) => item.sleutel)).not.toContain('samen-met-inwoners');
    const document = await json(await api('GET', `/plannen/${adoptedId}/document?peildatum=2020-06-30`, { as: null }), 200);
    expect(document.plan.rodeDraden.map((item: { sleutel: string }) => item.sleutel)).toContain('samen-met-inwoners');

    const notYet = await json(await api('GET', `/plannen/${adoptedId}?peildatum=2018-12-31`), 404);
    expect(notYet.detail).toMatch(/nog niet vastgesteld/);
    const malformed = await json(await api('GET', `/plannen/${adoptedId}/themas?peildatum=31-12-2020`), 400);
    expect(malformed.invalidParams).toEqual([{ name: 'peildatum', reason: expect.stringContaining('datum') }]);
    expect(
      (await json(await api('GET', `/plannen/${adoptedId}/activiteiten/buurtbemiddeling?peildatum=2020-02-30`), 400)).invalidParams[0].name,
    ).toBe('peildatum');
  });

  it('lists the revisions, compares the adopted plan with the current one and gives the history of an element', async () => {
    const { bijstellingen } = await json(await api('GET', `/plannen/${adoptedId}/bijstellingen`, { as: null }), 200);
    expect(bijstellingen.map((revision: { nummer: number; status: string }) => [revision.nummer, revision.status])).toEqual([
      [1, 'toegepast'],
    ]);

    const comparison = await json(await api('GET', `/plannen/${adoptedId}/vergelijking`, { as: null }), 200);
    expect(comparison.vastgesteldOp).toBe('2019-01-29');
    expect(
      comparison.wijzigingen.map(
        (item: { soort: string; sleutel: string; wijziging: string }) => `${item.soort}:${item.sleutel}:${item.wijziging}`,
      ),
    ).toEqual(expect.arrayContaining(['activiteiten:buurtbemiddeling:gewijzigd', 'rode-draden:samen-met-inwoners:toegevoegd']));
    expect((await api('GET', `/plannen/${conceptId}/vergelijking`)).status).toBe(404);

    const history = await json(await api('GET', `/plannen/${adoptedId}/activiteiten/buurtbemiddeling/geschiedenis`, { as: null }), 200);
    expect(history).toMatchObject({ soort: 'activiteiten', sleutel: 'buurtbemiddeling', naam: 'Buurtbemiddeling', inBehandeling: [] });
    expect(
      history.versies.map((version: { geldigVanaf: string; bijstelling: { nummer: number } | null }) => [
        version.geldigVanaf,
        version.bijstelling?.nummer ?? null,
      ]),
    ).toEqual([
      ['2019-01-29', null],
      ['2020-06-01', 1],
    ]);
    expect(history.versies[1].element.hoeveelheid).toEqual({ waarde: 30, eenheid: 'zaken per jaar' });
  });

  it('withdraws an open revision and closes the plan; a closed plan takes no changes', async () => {
    await json(
      await change('POST', `/plannen/${adoptedId}/bijstellingen`, {
        reden: 'Toch niet',
        besluitdatum: '2021-01-01',
        besloten: 'coordinator',
      }),
      201,
    );
    await json(await change('DELETE', `/plannen/${adoptedId}/rode-draden/samen-met-inwoners`), 204);
    expect((await change('POST', `/plannen/${adoptedId}/afsluiting`)).status).toBe(409);
    const withdrawn = await json(await change('PATCH', `/plannen/${adoptedId}/bijstellingen/2`, { status: 'ingetrokken' }), 200);
    expect(withdrawn.status).toBe('ingetrokken');
    expect((await api('GET', `/plannen/${adoptedId}/rode-draden/samen-met-inwoners`)).status).toBe(200);

    const closed = await json(await change('POST', `/plannen/${adoptedId}/afsluiting`), 200);
    expect(closed.status).toBe('afgesloten');
    expect((await change('PATCH', `/plannen/${adoptedId}/kaders/gvvp`, { niveau: 'regionaal' })).status).toBe(409);
  });

  it('records the adoption of the concept per municipality; from then on it changes only by revision', async () => {
    const adopted = await change('POST', `/plannen/${conceptId}/vaststellingen`, { gemeente: 'GM1641', datum: '2023-02-14', door: 'raad' });
    expect(await json(adopted, 201)).toEqual({ gemeente: 'GM1641', datum: '2023-02-14', door: 'raad' });
    expect(await json(await api('GET', `/plannen/${conceptId}/vaststellingen`), 200)).toEqual({
      vaststellingen: [{ gemeente: 'GM1641', datum: '2023-02-14', door: 'raad' }],
    });
    expect((await json(await api('GET', `/plannen/${conceptId}`), 200)).status).toBe('vastgesteld');
    expect(
      (await change('POST', `/plannen/${conceptId}/vaststellingen`, { gemeente: 'GM1641', datum: '2023-03-01', door: 'college' })).status,
    ).toBe(409);
    expect((await change('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { frequentie: 'dagelijks' })).status).toBe(409);
  });

  it('answers a plan of another municipality as absent (404), never 403, whatever the method', async () => {
    const version = await etag(conceptId);
    const asRoerdalen = (method: string, path: string, body?: unknown) => api(method, path, { as: 'roerdalen', ifMatch: version, body });
    const attempts = await Promise.all([
      asRoerdalen('GET', `/plannen/${conceptId}/werkversie`),
      asRoerdalen('GET', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`),
      asRoerdalen('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { frequentie: 'x' }),
      asRoerdalen('DELETE', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`),
      asRoerdalen('POST', `/plannen/${conceptId}/kaders`, { naam: 'x', niveau: 'lokaal', omschrijving: 'y' }),
      asRoerdalen('PUT', `/plannen/${conceptId}/kaders/volgorde`, { volgorde: [] }),
      asRoerdalen('PATCH', `/plannen/${conceptId}`, { titel: 'Overgenomen' }),
      asRoerdalen('POST', `/plannen/${conceptId}/bijstellingen`, { reden: 'x', besluitdatum: '2023-06-01', besloten: 'raad' }),
      asRoerdalen('POST', `/plannen/${conceptId}/afsluiting`),
      api('PATCH', `/plannen/${conceptId}/activiteiten/buurtbemiddeling`, { as: 'roerdalen', body: { frequentie: 'x' } }),
    ]);
    expect(attempts.map((response) => response.status)).toEqual(attempts.map(() => 404));
    expect(await etag(conceptId)).toBe(version);
  });

  it('keeps the read routes that took an id: with an id the resource as before, with a key the element document', async () => {
    const plan = await services.plans.getPlan(SYSTEM, adoptedId);
    const theme = plan.themes[0]!;
    const activity = theme.workstreams[0]!.activities[0]!;
    const byId = await json(await api('GET', `/plannen/${adoptedId}/themas/${theme.id}`, { as: null }), 200);
    expect(byId).toMatchObject({ id: theme.id, sleutel: theme.key, onderdelen: expect.any(Array) });
    const byKey = await json(await api('GET', `/plannen/${adoptedId}/themas/${theme.key}`, { as: null }), 200);
    expect(byKey).not.toHaveProperty('id');
    expect(byKey).toMatchObject({ sleutel: theme.key, naam: theme.name });
    expect((await json(await api('GET', `/plannen/${adoptedId}/activiteiten/${activity.id}`, { as: null }), 200)).id).toBe(activity.id);
    expect(
      (await json(await api('GET', `/plannen/${adoptedId}/partners/${plan.partners[0]!.id}`, { as: null }), 200)).activiteiten,
    ).toEqual(expect.any(Array));
    expect((await api('GET', `/plannen/${adoptedId}/partners/00000000-0000-4000-8000-000000000000`, { as: null })).status).toBe(404);
  });
});
