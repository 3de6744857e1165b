/**
 * Writing a plan in the browser, through the whole app on every engine of this
 * run, the way a browser without JavaScript does it: open a form, fill it in,
 * send it with its CSRF token and its version. Who may (a coordinator of the
 * plan's municipality, nobody else; another municipality's coordinator does not
 * even learn the plan is there), the problems beside their fields with the
 * input kept, two editors on one activity, removing, moving, starting from the
 * catalogue and as a copy, and a plan's life from concept to closed.
 */
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import type { RoleCode } from '../src/db/schema.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { toContent } from '../src/features/plans/plan-document.mapper.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

type Who = 'coordinator' | 'tweede-coordinator' | 'lezer' | 'partner' | 'roerdalen' | 'beheerder-koers';

/** The fields a browser sends for a form on a page: inputs (checked ones for boxes), textareas, selected options. */
function formFields(html: string, selector = 'main form[method="post"]'): Record<string, string> {
  const { document } = parseHTML(html);
  const form = document.querySelector(selector);
  if (!form) throw new Error(`no form ${selector} on the page`);
  const fields: Record<string, string> = {};
  for (const input of form.querySelectorAll('input')) {
    const type = input.getAttribute('type') ?? 'text';
    if ((type === 'checkbox' || type === 'radio') && !input.hasAttribute('checked')) continue;
    if (type === 'submit' || !input.getAttribute('name')) continue;
    fields[input.getAttribute('name') as string] = input.getAttribute('value') ?? '';
  }
  for (const area of form.querySelectorAll('textarea')) fields[area.getAttribute('name') as string] = area.textContent ?? '';
  for (const select of form.querySelectorAll('select')) {
    const chosen = select.querySelector('option[selected]') ?? select.querySelector('option');
    fields[select.getAttribute('name') as string] = chosen?.getAttribute('value') ?? '';
  }
  return fields;
}

function text(html: string): string {
  const { document } = parseHTML(html);
  return (document.querySelector('main')?.textContent ?? '').replace(/\s+/g, ' ');
}

/** The problem shown beside a field. */
function problemBeside(html: string, name: string): string {
  const id = `veld-${name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}-fout`;
  const { document } = parseHTML(html);
  return document.getElementById(id)?.textContent ?? '';
}

describe.each(ENGINES)('editing a plan in the browser on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let app: ReturnType<typeof createApp>;
  let adoptedId: string;
  let draftId: string;
  const sessions = {} as Record<Who, string>;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    app = createApp(services);
    const document: any = await readExampleDocument();
    adoptedId = (await services.plans.importPlan(SYSTEM, document)).id;
    await services.plans.setPublished(SYSTEM, adoptedId, true);
    draftId = (
      await services.plans.importPlan(SYSTEM, {
        ...document,
        plan: { ...document.plan, titel: 'Concept IVP Maasgouw', status: 'concept', vastgesteldOp: null, vaststellingen: [] },
      })
    ).id;
    await services.plans.importPlan(SYSTEM, {
      ...document,
      plan: {
        ...document.plan,
        titel: 'IVP Roerdalen',
        gemeenten: [{ code: 'GM1669', naam: 'Roerdalen' }],
        vaststellingen: [{ gemeente: 'GM1669', datum: '2019-01-29', door: 'raad' }],
      },
    });
    const accounts = new AccountRepository(handle.db);
    const grants: Record<Who, [string, RoleCode] | null> = {
      coordinator: ['GM1641', 'coordinator'],
      'tweede-coordinator': ['GM1641', 'coordinator'],
      lezer: ['GM1641', 'lezer'],
      partner: ['GM1641', 'partner'],
      roerdalen: ['GM1669', 'coordinator'],
      'beheerder-koers': null,
    };
    for (const [who, grant] of Object.entries(grants) as [Who, [string, RoleCode] | null][]) {
      const userId = await services.auth.createUser({
        name: who,
        email: `${who}@example.org`,
        password: 'een lang wachtwoord',
        isAdministrator: grant === null,
      });
      if (grant)
        await accounts.grantRole(
          userId,
          grant[0],
          grant[1],
          grant[1] === 'partner' ? { partnerKey: 'politie', portfolioHolderKey: null } : undefined,
        );
      sessions[who] = (await services.auth.openSession(userId, '127.0.0.1')).sessionToken;
    }
  }, 120_000);
  afterAll(() => handle.close());

  const cookie = (who: Who | null): Record<string, string> => (who ? { Cookie: `__Host-koers-sessie=${sessions[who]}` } : {});
  const get = async (who: Who | null, path: string) => {
    const response = await app.request(path, { headers: cookie(who) });
    return { status: response.status, location: response.headers.get('Location'), html: await response.text() };
  };
  const csrfOf = async (who: Who) => /name="_csrf" value="([^"]+)"/.exec((await get(who, '/account')).html)?.[1] ?? '';
  const post = async (who: Who | null, path: string, fields: Record<string, string>, headers: Record<string, string> = {}) => {
    const token = who ? await csrfOf(who) : '';
    const response = await app.request(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...cookie(who), ...headers },
      body: new URLSearchParams({ _csrf: token, ...fields }).toString(),
    });
    return { status: response.status, location: response.headers.get('Location'), html: await response.text(), response };
  };
  /** Opens a form page and sends its form as shown, with these fields changed. */
  const submit = async (who: Who, page: string, changes: Record<string, string | null> = {}) => {
    const shown = await get(who, page);
    expect(shown.status, `${page}: ${text(shown.html).slice(0, 300)}`).toBe(200);
    const fields = formFields(shown.html);
    for (const [name, value] of Object.entries(changes)) {
      if (value === null) delete fields[name];
      else fields[name] = value;
    }
    return post(who, page, fields);
  };
  const working = (planId: string) => services.plans.getWorkingCopy(SYSTEM, planId);
  const activityOf = async (planId: string, key: string) =>
    (await working(planId)).themes
      .flatMap((theme) => theme.workstreams.flatMap((workstream) => workstream.activities))
      .find((a) => a.key === key);
  const edit = (planId: string, suffix = '') => `/plannen/${planId}/bewerken${suffix}`;

  describe('who may edit', () => {
    it('shows the edit page to a coordinator of the municipality and to an administrator', async () => {
      for (const who of ['coordinator', 'beheerder-koers'] as const) {
        const page = await get(who, edit(draftId));
        expect(page.status).toBe(200);
        expect(text(page.html)).toContain('Dit plan is een concept. U bewerkt het vrij');
      }
    });

    it('sends an anonymous visitor to log in, refuses a lezer and a partner, and hides the plan from another municipality', async () => {
      expect((await get(null, edit(adoptedId))).location).toBe('/inloggen');
      expect((await get(null, edit(draftId))).status).toBe(404);
      for (const who of ['lezer', 'partner'] as const) {
        expect((await get(who, edit(draftId))).status).toBe(403);
        expect((await get(who, edit(draftId, '/activiteiten/buurtbemiddeling'))).status).toBe(403);
        expect((await post(who, edit(draftId, '/activiteiten/nieuw'), { naam: 'x' })).status).toBe(403);
      }
      expect((await get('roerdalen', edit(draftId))).status).toBe(404);
      expect((await get('roerdalen', edit(draftId, '/activiteiten/buurtbemiddeling'))).status).toBe(404);
      expect((await post('roerdalen', edit(draftId, '/activiteiten/buurtbemiddeling'), { naam: 'x', versie: '1' })).status).toBe(404);
      expect((await post(null, edit(adoptedId, '/volgorde'), { soort: 'kaders', sleutel: 'x', richting: 'omlaag' })).status).toBe(403);
    });

    it('refuses a form without its CSRF token, and changes nothing', async () => {
      const before = (await working(draftId)).version;
      const response = await app.request(edit(draftId, '/activiteiten/buurtbemiddeling/verwijderen'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...cookie('coordinator') },
        body: new URLSearchParams({ versie: String(before) }).toString(),
      });
      expect(response.status).toBe(403);
      expect((await working(draftId)).version).toBe(before);
    });

    it('links the edit page from the plan for those who may edit, and for nobody else', async () => {
      expect((await get('coordinator', `/plannen/${draftId}`)).html).toContain(`href="/plannen/${draftId}/bewerken"`);
      expect((await get('lezer', `/plannen/${draftId}`)).html).not.toContain('/bewerken');
      expect((await get(null, `/plannen/${adoptedId}`)).html).not.toContain('/bewerken');
      expect((await get('coordinator', '/')).html).toContain('href="/plannen/nieuw"');
      expect((await get('lezer', '/')).html).not.toContain('/plannen/nieuw');
    });
  });

  describe('an element form', () => {
    it('shows each problem beside its field, a summary that links to it, and keeps what was typed', async () => {
      const page = await submit('coordinator', edit(draftId, '/activiteiten/nieuw?onderdeel=casusaanpak'), {
        naam: '',
        omschrijving: 'Huisbezoeken bij nieuwe overlastmeldingen',
        'planning.vanafJaar': 'volgend jaar',
        'hoeveelheid.waarde': '12',
        'partners.politie': 'ja',
      });
      expect(page.status).toBe(400);
      expect(problemBeside(page.html, 'naam')).toBe('mag niet leeg zijn');
      expect(problemBeside(page.html, 'planning.vanafJaar')).toContain('“volgend jaar” is geen getal');
      expect(problemBeside(page.html, 'hoeveelheid.eenheid')).toBe('mag niet leeg zijn');
      expect(page.html).toContain('href="#veld-planning-vanafJaar"');
      expect(page.html).toMatch(/<title>Fout: Activiteit toevoegen/);
      const kept = formFields(page.html);
      expect(kept.omschrijving).toBe('Huisbezoeken bij nieuwe overlastmeldingen');
      expect(kept['planning.vanafJaar']).toBe('volgend jaar');
      expect(kept['partners.politie']).toBe('ja');
      expect(kept.onderdeel).toBe('casusaanpak');
    });

    it('shows what the whole plan refuses beside the field too: a start year outside the plan period', async () => {
      const page = await submit('coordinator', edit(draftId, '/activiteiten/nieuw?onderdeel=casusaanpak'), {
        naam: 'Huisbezoeken',
        omschrijving: 'Bij nieuwe meldingen',
        'planning.vanafJaar': '2030',
      });
      expect(page.status).toBe(400);
      expect(problemBeside(page.html, 'planning.vanafJaar')).toContain('ligt buiten de planperiode 2019-2022');
    });

    it('adds an element and shows it on the edit page with a notice', async () => {
      const added = await submit('coordinator', edit(draftId, '/activiteiten/nieuw?onderdeel=casusaanpak'), {
        naam: 'Huisbezoeken',
        omschrijving: 'Bij nieuwe meldingen van overlast gaat de wijkagent langs.',
        'planning.vanafJaar': '2020',
        'trekkers.burgemeester': 'ja',
      });
      expect(added.status).toBe(303);
      expect(added.location).toContain('melding=toegevoegd');
      expect((await activityOf(draftId, 'huisbezoeken'))?.schedule.startYear).toBe(2020);
      const page = await get('coordinator', added.location as string);
      expect(text(page.html)).toContain('Activiteit “Huisbezoeken” toegevoegd.');
    });

    it('saves an unchanged form without a new version', async () => {
      const before = (await working(draftId)).version;
      const saved = await submit('coordinator', edit(draftId, '/indicatoren/woninginbraken'));
      expect(saved.status).toBe(303);
      expect(saved.location).toContain('melding=ongewijzigd');
      expect((await working(draftId)).version).toBe(before);
    });

    it('answers a change asked as JSON (the row edited in place) with the new version and the row', async () => {
      const shown = await get('coordinator', edit(draftId, '/activiteiten/buurtbemiddeling'));
      const fields: Record<string, string> = { ...formFields(shown.html), frequentie: 'wekelijks' };
      const answer = await post('coordinator', edit(draftId, '/activiteiten/buurtbemiddeling'), fields, { Accept: 'application/json' });
      expect(answer.status).toBe(200);
      const body = JSON.parse(answer.html);
      expect(body.versie).toBe(Number(fields.versie) + 1);
      expect(body.rij).toMatch(/^<tr[^>]+data-sleutel="buurtbemiddeling"/);
      expect(body.rij).toContain('Frequentie: wekelijks');
    });
  });

  describe('two editors on one activity', () => {
    it('keeps the second editor’s input, shows what the first changed, and saves it on the new version when sent again', async () => {
      const page = edit(draftId, '/activiteiten/wet-aanpak-woonoverlast');
      const first = formFields((await get('coordinator', page)).html);
      const second = formFields((await get('tweede-coordinator', page)).html);
      expect(first.versie).toBe(second.versie);

      const saved = await post('coordinator', page, { ...first, naam: 'Wet aanpak woonoverlast (gemeentebreed)' });
      expect(saved.status).toBe(303);

      const conflict = await post('tweede-coordinator', page, { ...second, frequentie: 'per melding' });
      expect(conflict.status).toBe(412);
      expect(text(conflict.html)).toContain('Het plan is intussen gewijzigd');
      expect(text(conflict.html)).toContain('naam van "Wet aanpak woonoverlast" naar "Wet aanpak woonoverlast (gemeentebreed)"');
      expect(text(conflict.html)).toContain('door coordinator <coordinator@example.org>');
      const kept = formFields(conflict.html);
      expect(kept.frequentie).toBe('per melding');
      expect(Number(kept.versie)).toBeGreaterThan(Number(second.versie));
      expect(conflict.html).toContain('Opnieuw opslaan op de nieuwe versie');

      const again = await post('tweede-coordinator', page, kept);
      expect(again.status).toBe(303);
      const activity = await activityOf(draftId, 'wet-aanpak-woonoverlast');
      expect(activity?.cadence).toBe('per melding');
      // The form sent again carried the name as it stood when it was opened: the second editor saw the change and chose.
      expect(activity?.name).toBe('Wet aanpak woonoverlast');
    });

    it('lets an editor change another activity on the version the form was opened on', async () => {
      const page = edit(draftId, '/activiteiten/nazorg-ex-gedetineerden');
      const stale = formFields((await get('tweede-coordinator', page)).html);
      await submit('coordinator', edit(draftId, '/activiteiten/buurtbemiddeling'), { frequentie: 'maandelijks' });
      const saved = await post('tweede-coordinator', page, { ...stale, frequentie: 'per casus' });
      expect(saved.status).toBe(303);
      expect((await activityOf(draftId, 'nazorg-ex-gedetineerden'))?.cadence).toBe('per casus');
    });
  });

  describe('removing and moving', () => {
    it('asks first, says that what was measured is kept, and refuses while the element is still named elsewhere', async () => {
      const confirm = await get('coordinator', edit(draftId, '/activiteiten/huisbezoeken/verwijderen'));
      expect(text(confirm.html)).toContain('Wilt u activiteit “Huisbezoeken” uit het plan halen?');
      expect(text(confirm.html)).toContain('wordt niet gewist, maar vanaf nu beëindigd');
      const inUse = await submit('coordinator', edit(draftId, '/partners/politie/verwijderen'));
      expect(inUse.status).toBe(409);
      expect(text(inUse.html)).toContain('partner bij activiteit');
      const removed = await submit('coordinator', edit(draftId, '/activiteiten/huisbezoeken/verwijderen'));
      expect(removed.status).toBe(303);
      expect(await activityOf(draftId, 'huisbezoeken')).toBeUndefined();
    });

    it('moves an element down with a plain form and puts the focus back on the button', async () => {
      const keys = async () => (await working(draftId)).frameworks.map((framework) => framework.key);
      const [first, second] = await keys();
      const page = await get('coordinator', edit(draftId));
      const { document } = parseHTML(page.html);
      const row = document.getElementById(`kaders-${first}`);
      const form = row?.querySelector('form.koers-move-form');
      const fields: Record<string, string> = { richting: 'omlaag' };
      for (const input of form?.querySelectorAll('input') ?? [])
        fields[input.getAttribute('name') as string] = input.getAttribute('value') ?? '';
      const moved = await post('coordinator', edit(draftId, '/volgorde'), fields);
      expect(moved.status).toBe(303);
      expect((await keys()).slice(0, 2)).toEqual([second, first]);
      const after = await get('coordinator', moved.location as string);
      expect(after.html).toMatch(new RegExp(`id="kaders-${first}"[\\s\\S]*?value="omlaag"[^>]*autofocus`));
    });

    it('takes a whole new order from the script and answers with the new version', async () => {
      const plan = await working(draftId);
      const order = plan.principles.map((principle) => principle.key).reverse();
      const answer = await post(
        'coordinator',
        edit(draftId, '/volgorde'),
        { soort: 'rode-draden', ouder: '', volgorde: order.join(','), versie: String(plan.version) },
        { Accept: 'application/json' },
      );
      expect(JSON.parse(answer.html)).toEqual({ versie: plan.version + 1 });
      expect((await working(draftId)).principles.map((principle) => principle.key)).toEqual(order);
    });
  });

  describe('starting a plan', () => {
    const start = (changes: Record<string, string>) =>
      submit('coordinator', '/plannen/nieuw', {
        titel: 'Integraal Veiligheidsplan 2023-2026',
        samenvatting: 'Het vervolg op het plan van 2019-2022.',
        'periode.van': '2023',
        'periode.tot': '2026',
        ...changes,
      });

    it('starts from the catalogue with the priorities and strategic themes in the order given', async () => {
      const started = await start({
        begin: 'catalogus',
        kernbeleidEditie: '2022',
        'themas.veld-1.1.1.opnemen': 'prioriteit',
        'themas.veld-1.1.1.volgorde': '2',
        'themas.veld-5.5.2.opnemen': 'prioriteit',
        'themas.veld-5.5.2.volgorde': '1',
        'themas.veld-4.4.1.opnemen': 'strategisch',
        'themas.veld-d.D.1.opnemen': 'strategisch',
      });
      expect(started.status).toBe(303);
      const planId = /\/plannen\/([^/]+)\/bewerken/.exec(started.location ?? '')?.[1] as string;
      const plan = await working(planId);
      expect(plan.status).toBe('draft');
      expect(plan.catalogueEdition).toBe('2022');
      expect(plan.themes.map((theme) => [theme.kind, theme.number, theme.catalogueThemeCodes[0]])).toEqual([
        ['priority', 1, '5.2'],
        ['priority', 2, '1.1'],
        ['strategic', 1, '4.1'],
        ['strategic', 2, 'D.1'],
      ]);
      expect(text((await get('coordinator', started.location as string)).html)).toContain('Het plan is begonnen');
    });

    it('starts as a copy of an earlier plan of the municipality, following it, its indicators carried over', async () => {
      const started = await start({ begin: 'kopie', voorganger: adoptedId });
      expect(started.status).toBe(303);
      const planId = /\/plannen\/([^/]+)\/bewerken/.exec(started.location ?? '')?.[1] as string;
      const plan = await working(planId);
      expect(plan.predecessorId).toBe(adoptedId);
      expect(plan.periodStart).toBe(2023);
      const indicatorKeys = (p: typeof plan) => [...p.indicators, ...p.themes.flatMap((theme) => theme.indicators)].map((i) => i.key);
      expect(indicatorKeys(plan)).toEqual(indicatorKeys(await working(adoptedId)));
    });

    it('keeps what was typed and names each problem: no title, an end before the start, no theme chosen', async () => {
      const page = await start({ titel: '', 'periode.tot': '2020', begin: 'catalogus' });
      expect(page.status).toBe(400);
      expect(problemBeside(page.html, 'titel')).toBe('mag niet leeg zijn');
      expect(problemBeside(page.html, 'themas')).toContain('Kies minstens één thema');
      expect(formFields(page.html)['periode.tot']).toBe('2020');
      const period = await start({ 'periode.tot': '2020', begin: 'leeg' });
      expect(period.status).toBe(400);
      expect(problemBeside(period.html, 'periode.tot')).toContain('ligt voor het beginjaar 2023');
    });

    it('is for those who may edit a plan somewhere: not for a lezer, not for another municipality', async () => {
      expect((await get('lezer', '/plannen/nieuw')).status).toBe(403);
      expect((await get(null, '/plannen/nieuw')).location).toBe('/inloggen');
      const foreign = await post('roerdalen', '/plannen/nieuw', {
        gemeente: 'GM1641',
        titel: 'x',
        samenvatting: 'x',
        'periode.van': '2023',
        'periode.tot': '2026',
        kernbeleidEditie: '2022',
        begin: 'leeg',
      });
      expect(foreign.status).toBe(403);
    });
  });

  describe('a plan’s life', () => {
    let planId: string;
    beforeAll(async () => {
      planId = await services.planLifecycle.startPlan(SYSTEM, {
        municipalityCode: 'GM1641',
        title: 'IVP 2027-2030',
        summary: 'Een nieuw plan.',
        periodStart: 2027,
        periodEnd: 2030,
        start: { kind: 'catalogue', priorities: ['1.3'], strategic: [] },
      });
    });

    it('writes every kind of element through its form, and shows each again unchanged', async () => {
      const add = async (segment: string, fields: Record<string, string | null>, query = '') => {
        const added = await submit('coordinator', edit(planId, `/${segment}/nieuw${query}`), fields);
        expect(added.status, `${segment}: ${text(added.html).slice(0, 500)}`).toBe(303);
        return new URL(added.location as string, 'http://koers.test').searchParams.get('sleutel') as string;
      };
      const holder = await add('trekkers', { naam: 'Burgemeester' });
      const partner = await add('partners', { naam: 'Politie', soort: 'extern', kernpartner: 'ja' });
      await add('partners', { naam: 'Basisteam', soort: 'extern', onderdeelVan: partner });
      const goal = await add('doelstellingen', { titel: 'Een veiliger gemeente', omschrijving: 'Minder woninginbraken.' });
      await add('rode-draden', { naam: 'Samen', omschrijving: 'We werken samen.' });
      await add('veldbeelden', { veld: '2', samenvatting: 'Rustig.' });
      const theme = await add('themas', {
        naam: 'Cybercriminaliteit',
        paragraaf: '5.2',
        samenvatting: 'Online veilig.',
        doelstelling: 'Minder slachtoffers.',
        kwalitatieveBeoordeling: 'Op de voortgang.',
        redenEigenThema: 'Staat niet in editie 2022 als eigen veldthema.',
        'hoofdlijnen[0].titel': 'Voorlichting',
        'hoofdlijnen[0].omschrijving': 'Aan ouderen.',
      });
      await add(
        'indicatoren',
        {
          naam: 'Woninginbraken',
          bron: 'politie',
          eenheid: 'per-1000-inwoners',
          strategischeDoelstelling: goal,
          'nulmeting.waarde': '3,5',
          'nulmeting.jaar': '2025',
          'streefwaarde.vergelijking': 'hoogstens',
          'streefwaarde.waarde': '3',
          'streefwaarde.jaar': '2030',
          'koppeling.teller.dienst': 'dataderden',
          'koppeling.teller.tabel': '47022NED',
          'koppeling.teller.onderwerp': 'GeregistreerdeMisdrijven',
          'koppeling.teller.dimensies': 'SoortMisdrijf: 1.1.1',
          'koppeling.noemer.dienst': 'opendata',
          'koppeling.noemer.tabel': '03759ned',
          'koppeling.noemer.onderwerp': 'BevolkingOp1Januari',
          'koppeling.noemer.dimensies': 'Geslacht: T001038\nLeeftijd: 10000',
          'koppeling.schaal': '1000',
        },
        '?thema=',
      );
      const workstream = await add('onderdelen', { naam: 'Preventie' }, `?thema=${theme}`);
      await add(
        'activiteiten',
        {
          naam: 'Webinars',
          omschrijving: 'Voor ouderen.',
          'trekkers.burgemeester': 'ja',
          [`partners.${partner}`]: 'ja',
          'planning.doorlopend': null,
          'planning.vanafJaar': '2027',
          'planning.vanafKwartaal': '2',
        },
        `?onderdeel=${workstream}`,
      );
      await add('overleggen', {
        naam: 'Driehoek',
        frequentie: 'maandelijks',
        omschrijving: 'Burgemeester, politie, OM.',
        [`partners.${partner}`]: 'ja',
      });
      await add('verantwoording', { naam: 'Jaarverslag', moment: 'jaarlijks', ontvanger: 'gemeenteraad', omschrijving: 'Voortgang.' });
      await add('kaders', { naam: 'Regionaal beleidsplan', niveau: 'regionaal', omschrijving: 'Politie.' });
      await add('bewust-weggelaten', { kernbeleidThema: '2.5', reden: 'Geen toerisme van betekenis.' });
      expect(holder).toBe('burgemeester');

      const plan = await working(planId);
      const content = toContent(plan);
      expect(content.indicators[0]?.binding?.denominator?.dimensions).toEqual({ Geslacht: ['T001038'], Leeftijd: ['10000'] });
      expect(content.themes[1]?.approachLines).toEqual([{ title: 'Voorlichting', description: 'Aan ouderen.' }]);
      expect(content.themes[1]?.workstreams[0]?.activities[0]?.schedule).toEqual({
        ongoing: false,
        startYear: 2027,
        startQuarter: 2,
        endYear: null,
      });
      const before = plan.version;
      for (const path of [
        '/trekkers/burgemeester',
        `/partners/${partner}`,
        `/doelstellingen/${goal}`,
        '/veldbeelden/2',
        `/themas/${theme}`,
        '/indicatoren/woninginbraken',
        `/onderdelen/${workstream}`,
        '/activiteiten/webinars',
        '/overleggen/driehoek',
        '/verantwoording/jaarverslag',
        '/kaders/regionaal-beleidsplan',
        '/bewust-weggelaten/2.5',
      ]) {
        const saved = await submit('coordinator', edit(planId, path));
        expect(saved.status, `${path}: ${text(saved.html).slice(0, 400)}`).toBe(303);
        expect(saved.location).toContain('melding=ongewijzigd');
      }
      expect((await working(planId)).version).toBe(before);
    });

    it('adds a line to a theme’s approach without saving, keeping what was typed', async () => {
      const more = await submit('coordinator', edit(planId, '/themas/cybercriminaliteit'), {
        'hoofdlijnen[1].titel': 'Weerbaarheid',
        _meer: 'hoofdlijnen',
      });
      expect(more.status).toBe(200);
      const fields = formFields(more.html);
      expect(fields['hoofdlijnen[1].titel']).toBe('Weerbaarheid');
      expect(fields['hoofdlijnen.aantal']).toBe('3');
      expect(more.html).toContain('name="hoofdlijnen[2].titel"');
    });

    it('changes the plan’s own fields, and names a period that ends before it starts', async () => {
      const wrong = await submit('coordinator', edit(planId, '/gegevens'), { 'periode.tot': '2026' });
      expect(wrong.status).toBe(400);
      expect(problemBeside(wrong.html, 'periode.tot')).toContain('ligt voor het beginjaar 2027');
      const saved = await submit('coordinator', edit(planId, '/gegevens'), { ondertitel: 'samen veilig' });
      expect(saved.status).toBe(303);
      expect((await working(planId)).subtitle).toBe('samen veilig');
    });

    it('is adopted, revised within a revision, and closed, each through its form', async () => {
      const noDate = await submit('coordinator', edit(planId, '/vaststellen'), { datum: '', door: 'raad' });
      expect(noDate.status).toBe(400);
      expect(problemBeside(noDate.html, 'datum')).toContain('moet een datum zijn als 2019-01-29');
      const adopted = await submit('coordinator', edit(planId, '/vaststellen'), { datum: '2026-12-15', door: 'raad' });
      expect(adopted.status).toBe(303);
      let page = text((await get('coordinator', adopted.location as string)).html);
      expect(page).toContain('De vaststelling door Maasgouw is vastgelegd.');
      expect(page).toContain('Dit plan is vastgesteld. Wijzigen kan alleen binnen een bijstelling');
      const refused = await get('coordinator', edit(planId, '/activiteiten/webinars'));
      expect(refused.status).toBe(409);
      // The way back leads to the plan's edit page, where the revision is opened.
      expect(refused.html).toContain(`href="/plannen/${planId}/bewerken">Terug naar het bewerken van dit plan</a>`);

      const opened = await submit('coordinator', edit(planId, '/bijstelling-openen'), {
        reden: 'Meer aandacht voor ouderen',
        besluitdatum: '2027-06-01',
        besloten: 'college',
      });
      expect(opened.status).toBe(303);
      page = text((await get('coordinator', opened.location as string)).html);
      expect(page).toContain('U bewerkt het plan binnen bijstelling 1');
      const changed = await submit('coordinator', edit(planId, '/activiteiten/webinars'), { frequentie: 'elk kwartaal' });
      expect(changed.status).toBe(303);
      const revision = await get('coordinator', edit(planId, '/bijstelling'));
      expect(text(revision.html)).toContain('Activiteit "Webinars" gewijzigd: frequentie van "(leeg)" naar "elk kwartaal"');
      const applied = await post(
        'coordinator',
        edit(planId, '/bijstelling-toepassen'),
        formFields(revision.html, 'form[action$="bijstelling-toepassen"]'),
      );
      expect(applied.status).toBe(303);
      expect((await activityOf(planId, 'webinars'))?.cadence).toBe('elk kwartaal');
      const current = await services.plans.getPlan(SYSTEM, planId);
      expect(current.themes.flatMap((t) => t.workstreams.flatMap((w) => w.activities)).find((a) => a.key === 'webinars')?.cadence).toBe(
        'elk kwartaal',
      );

      const unconfirmed = await submit('coordinator', edit(planId, '/afsluiten'));
      expect(unconfirmed.status).toBe(400);
      expect(problemBeside(unconfirmed.html, 'bevestigd')).toContain('Vink aan');
      const closed = await submit('coordinator', edit(planId, '/afsluiten'), { bevestigd: 'ja' });
      expect(closed.status).toBe(303);
      expect((await working(planId)).status).toBe('closed');
      expect(text((await get('coordinator', edit(planId))).html)).toContain('Dit plan is afgesloten.');
    });
  });
});
