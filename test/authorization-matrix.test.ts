/**
 * The authorisation matrix: for every route of the app (read from Hono's own
 * route table), every role of the own municipality, an administrator and an
 * anonymous visitor, and for a plan of the own municipality, of another one and
 * a published one, the expected answer. A route without an entry here fails
 * the suite, so a new route cannot go unprotected by accident. Every page form
 * (a POST outside /api) is asked twice: without its CSRF token (always 403),
 * and with a valid one, filled in so that the role alone decides.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import type { RoleCode } from '../src/db/schema.js';
import type { Plan, PlanContent } from '../src/domain/plan.js';
import { ELEMENT_KINDS, type ElementKind, listElements } from '../src/domain/plan-elements.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { elementFields } from '../src/features/plans/editing/element-forms.js';
import { valuesOf } from '../src/features/plans/editing/form-model.js';
import { ELEMENT_PATHS, kindOfPath } from '../src/features/plans/element-paths.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { toContent } from '../src/features/plans/plan-document.mapper.js';
import { elementToDocument, findElementDocument } from '../src/features/plans/plan-element-documents.js';
import { createServices } from '../src/server.js';
import { messagesFor } from '../src/web/messages.js';
import { startTestOidcProvider, type TestOidcProvider } from './oidc-test-provider.js';
import { createTestDatabase } from './test-database.js';

type Who = 'anoniem' | 'beheerder-koers' | RoleCode;
type Target = 'gepubliceerd' | 'eigen-gemeente' | 'andere-gemeente';
const ROLES: RoleCode[] = ['beheerder', 'coordinator', 'portefeuillehouder', 'partner', 'lezer'];
const EVERYONE: Who[] = ['anoniem', 'beheerder-koers', ...ROLES];
const TARGETS: Target[] = ['gepubliceerd', 'eigen-gemeente', 'andere-gemeente'];

interface Credentials {
  token: string;
  session: string;
}

let handle: DatabaseHandle;
let provider: TestOidcProvider;
let app: ReturnType<typeof createApp>;
const plans = {} as Record<Target, Plan>;
const contents = {} as Record<Target, PlanContent>;
const credentials = {} as Record<Exclude<Who, 'anoniem'>, Credentials>;
let exampleDocument: any;
let services: ReturnType<typeof createServices>;
const userIds = {} as Record<Exclude<Who, 'anoniem'>, string>;
/** Someone with a role in the target plan's municipality, whose sessions a beheerder may end. */
const staff = {} as Record<Target, string>;
/** The version of each target plan, read before each page form is sent: edit forms carry the version they were made on. */
const versions = {} as Record<Target, string>;
/** The edit form of an activity as shown, unchanged. */
let activityForm: Record<string, string> = {};

beforeAll(async () => {
  handle = await createTestDatabase('pglite');
  services = createServices(handle);
  provider = await startTestOidcProvider();
  // With OpenID Connect configured, so its routes are in the route table too.
  const oidc = {
    issuer: provider.issuer,
    clientId: provider.clientId,
    clientSecret: provider.clientSecret,
    redirectUri: 'http://koers.test/inloggen/oidc/terug',
    name: 'Maasgouw',
  };
  app = createApp(services, { oidc });
  plans.gepubliceerd = (await loadExampleIfEmpty(services.plans))!;
  exampleDocument = await readExampleDocument();
  plans['eigen-gemeente'] = await services.plans.importPlan(SYSTEM, withTitle(exampleDocument, 'Concept Maasgouw'));
  plans['andere-gemeente'] = await services.plans.importPlan(SYSTEM, forRoerdalen(exampleDocument, 'Concept Roerdalen'));
  // Every target is an adopted plan with one applied revision (which also leaves a catalogue theme out), and none open.
  for (const target of TARGETS) {
    const planId = plans[target].id;
    const version = async () => ({ expected: (await services.plans.getWorkingCopy(SYSTEM, planId)).version, match: 'exact' as const });
    await services.planLifecycle.openRevision(
      SYSTEM,
      planId,
      { reason: 'Editie 2022', decidedOn: '2020-06-01', decidedBy: 'executive' },
      (await version()).expected,
    );
    await services.planEditing.updatePlanFields(SYSTEM, planId, { ...toContent(plans[target]), catalogueEdition: '2022' }, await version());
    await services.planEditing.addElement(
      SYSTEM,
      planId,
      'catalogueExclusion',
      { kernbeleidThema: 'D.1', reden: 'Niet nu.' },
      await version(),
    );
    await services.planLifecycle.applyRevision(SYSTEM, planId, (await version()).expected);
    plans[target] = await services.plans.getPlan(SYSTEM, planId);
    contents[target] = toContent(plans[target]);
    // A definitive progress report over 2020 (version 1): readable by whoever reads the plan, its texts fixed.
    await services.reports.create(SYSTEM, planId, 2020);
    await services.reports.finalise(SYSTEM, planId, 2020, 1);
  }
  const accounts = new AccountRepository(handle.db);
  for (const who of ['beheerder-koers', ...ROLES] as const) {
    const userId = await services.auth.createUser({
      name: who,
      email: `${who}@example.org`,
      password: 'een lang wachtwoord',
      isAdministrator: who === 'beheerder-koers',
    });
    if (who !== 'beheerder-koers')
      await accounts.grantRole(userId, 'GM1641', who, {
        partnerKey: who === 'partner' ? 'politie' : null,
        portfolioHolderKey: who === 'portefeuillehouder' ? 'burgemeester' : null,
      });
    userIds[who] = userId;
    credentials[who] = {
      token: (await services.auth.createApiToken(userId, 'matrix')).token,
      session: (await services.auth.openSession(userId, '127.0.0.1')).sessionToken,
    };
  }
  await services.auth.createUser({
    name: 'Inloggen',
    email: 'inloggen@example.org',
    password: 'een lang wachtwoord',
    isAdministrator: false,
  });
  for (const [code, targets] of [
    ['GM1641', ['gepubliceerd', 'eigen-gemeente']],
    ['GM1669', ['andere-gemeente']],
  ] as const) {
    const email = `medewerker-${code}@example.org`;
    const userId = await services.auth.createUser({ name: email, email, password: 'een lang wachtwoord', isAdministrator: false });
    await accounts.grantRole(userId, code, 'lezer');
    for (const target of targets) staff[target] = userId;
  }
  const content = toContent(plans.gepubliceerd);
  const stored = findElementDocument(content, 'activity', 'buurtbemiddeling') as Record<string, unknown>;
  activityForm = valuesOf(elementFields('activity', { m: messagesFor(), content, key: 'buurtbemiddeling', stored }), stored);
}, 120_000);
afterAll(async () => {
  await provider.close();
  await handle.close();
});

function withTitle(document: any, title: string) {
  return { ...document, plan: { ...document.plan, titel: title } };
}
/** The example as Roerdalen's plan, adopted by Roerdalen's council. */
function forRoerdalen(document: any, title: string) {
  return {
    ...document,
    plan: { ...document.plan, titel: title, gemeenten: [{ code: 'GM1669', naam: 'Roerdalen' }], vaststellingen: undefined },
  };
}

/** How to ask a route, and what each actor should get, per target plan. */
interface Entry {
  method?: 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Send If-Match with the plan's version now, so that who may change it gets the answer of the plan's state. */
  ifMatch?: boolean;
  body?: (target: Target) => unknown;
  /** A page form: its fields, filled in so that only who sends it decides the answer. */
  form?: (target: Target) => Record<string, string | File>;
  expect: (who: Who, target: Target) => number;
}

/** Reading a plan: published for all; a draft for its own municipality's roles and administrators; otherwise as if absent. */
const readPlan = (who: Who, target: Target) => {
  if (target === 'gepubliceerd' || who === 'beheerder-koers') return 200;
  if (who === 'anoniem') return 404;
  return target === 'eigen-gemeente' ? 200 : 404;
};
const readHistory = (who: Who, target: Target) => {
  const read = readPlan(who, target);
  if (read !== 200) return read;
  if (who === 'anoniem') return 401;
  return who === 'beheerder-koers' || who === 'beheerder' || who === 'coordinator' ? 200 : 403;
};
const always = (status: number) => () => status;
/** A refresh job's page (here of a job that does not exist): for those who may refresh the plan's figures. */
const readJob = (who: Who, target: Target) => {
  const read = readPlan(who, target);
  if (read !== 200) return read;
  if (who === 'anoniem') return 401;
  return who === 'beheerder-koers' || who === 'coordinator' ? 404 : 403;
};
/** Writing through the API: log in first (401), a plan out of reach is absent (404), then the role decides. */
const apiWrite =
  (roles: RoleCode[], success: number) =>
  (who: Who, target: Target): number => {
    if (who === 'anoniem') return 401;
    if (who === 'beheerder-koers') return success;
    if (target === 'andere-gemeente') return 404;
    return roles.includes(who) ? success : 403;
  };
/** A page form that changes a plan: a plan out of reach is absent (404), an anonymous visitor logs in first (401), then the role decides. */
const pageWrite =
  (roles: RoleCode[], success: number) =>
  (who: Who, target: Target): number => {
    const read = readPlan(who, target);
    if (read !== 200) return read;
    if (who === 'anoniem') return 401;
    if (who === 'beheerder-koers') return success;
    return roles.includes(who) ? success : 403;
  };
/** The working copy: read as a plan, then for who may edit it. */
const readWorkingCopy = (who: Who, target: Target) => {
  const read = readPlan(who, target);
  if (read !== 200) return read;
  if (who === 'anoniem') return 401;
  return who === 'beheerder-koers' || who === 'coordinator' ? 200 : 403;
};
/**
 * The pages that write a plan: a plan out of reach is absent (404), an anonymous
 * visitor is sent to log in (303), then editing rights decide. Every target plan
 * is adopted without an open revision, so the answer to those who may edit
 * depends on the page: 200, or 409 where only a concept or an open revision
 * takes the change.
 */
const editPage =
  (success: number) =>
  (who: Who, target: Target): number => {
    const read = readPlan(who, target);
    if (read !== 200) return read;
    if (who === 'anoniem') return 303;
    return who === 'beheerder-koers' || who === 'coordinator' ? success : 403;
  };
/** A form that writes a plan: as pageWrite, for those with editing rights (the coordinator). */
const editForm = (success: number) => pageWrite(['coordinator'], success);
const version = (target: Target) => versions[target];
/** A form of the account page: for anyone logged in. */
const ownAccount = (success: number) => (who: Who) => (who === 'anoniem' ? 401 : success);
/** User management: beheerders of the target's municipality and administrators; another municipality's people are out of reach. */
const manageUsers =
  (success: number, elsewhere: number) =>
  (who: Who, target: Target): number => {
    if (who === 'anoniem') return 401;
    if (who === 'beheerder-koers') return success;
    if (who !== 'beheerder') return 403;
    return target === 'andere-gemeente' ? elsewhere : success;
  };
const municipalityOf = (target: Target) => (target === 'andere-gemeente' ? 'GM1669' : 'GM1641');
let newAccounts = 0;

/** The key of the first element of a kind in the target plan. */
function firstKey(kind: ElementKind, target: Target): string {
  const entry = listElements(contents[target]).find((candidate) => candidate.kind === kind);
  if (!entry) throw new Error(`no ${kind} in the ${target} plan`);
  return entry.key;
}

/**
 * Every kind of element, read by anyone who may read the plan; changed (with the
 * plan's version) by who may edit it, which on these adopted plans without an
 * open revision is a 409, so nothing changes while the matrix runs.
 */
function elementEntries(): Record<string, Entry> {
  const entries: Record<string, Entry> = {};
  const change = (method: Entry['method'], body?: Entry['body']): Entry => ({
    method,
    ifMatch: true,
    body,
    expect: apiWrite(['coordinator'], 409),
  });
  for (const kind of ELEMENT_KINDS) {
    const list = `/api/v1/plannen/:planId/${ELEMENT_PATHS[kind]}`;
    entries[`GET ${list}`] = { expect: readPlan };
    entries[`GET ${list}/:sleutel`] = { expect: readPlan };
    entries[`GET ${list}/:sleutel/geschiedenis`] = { expect: readPlan };
    entries[`POST ${list}`] = change('POST', (target) => {
      const entry = listElements(contents[target]).find((candidate) => candidate.kind === kind)!;
      const { sleutel: _key, ...document } = elementToDocument(kind, entry.value, entry.parentKey) as { sleutel?: string };
      return kind === 'catalogueExclusion' ? { kernbeleidThema: 'D.2', reden: 'Niet nu.' } : document;
    });
    entries[`PATCH ${list}/:sleutel`] = change('PATCH', () => ({}));
    entries[`DELETE ${list}/:sleutel`] = change('DELETE');
    entries[`PUT ${list}/volgorde`] = change('PUT', (target) => {
      if (kind === 'activity') return { volgorde: [], onderdeel: firstKey('workstream', target) };
      if (kind === 'workstream') return { volgorde: [], thema: firstKey('theme', target) };
      return { volgorde: [] };
    });
  }
  return entries;
}

const MATRIX: Record<string, Entry> = {
  'GET /': { expect: always(200) },
  // Health checks are public: a process manager or load balancer asks them without an account.
  'GET /gezondheid': { expect: always(200) },
  'GET /gezondheid/gereed': { expect: always(200) },
  'GET /inloggen': { expect: always(200) },
  // Logging in to an account of its own works whoever was logged in before.
  'POST /inloggen': {
    form: () => ({ email: 'inloggen@example.org', wachtwoord: 'een lang wachtwoord' }),
    expect: always(303),
  },
  'POST /uitloggen': { form: () => ({}), expect: always(303) },
  'POST /account/overal-uitloggen': { form: () => ({}), expect: ownAccount(303) },
  'POST /account/api-tokens': { form: () => ({ naam: 'matrix' }), expect: ownAccount(201) },
  'GET /beheer/gebruikers': {
    expect: (who) => {
      if (who === 'anoniem') return 303;
      return who === 'beheerder' || who === 'beheerder-koers' ? 200 : 403;
    },
  },
  'POST /beheer/gebruikers': {
    form: (target) => {
      newAccounts += 1;
      return { naam: 'Nieuw', email: `nieuw-${newAccounts}@example.org`, gemeente: municipalityOf(target), rol: 'lezer' };
    },
    expect: manageUsers(201, 403),
  },
  'POST /beheer/gebruikers/:userId/sessies-beeindigen': { form: () => ({}), expect: manageUsers(200, 404) },
  // A token that is not the user's own (here one that does not exist) is absent.
  'POST /account/api-tokens/:tokenId/intrekken': { form: () => ({}), expect: ownAccount(404) },
  // A new link for the first password of a staff member of the own municipality (a beheerder elsewhere finds no such user).
  'POST /beheer/gebruikers/:userId/wachtwoordlink': { form: () => ({}), expect: manageUsers(200, 404) },
  // A link that was never issued: the same answer for everyone.
  'GET /wachtwoord-instellen/:token': { expect: always(404) },
  'POST /wachtwoord-instellen/:token': {
    form: () => ({ wachtwoord: 'een lang wachtwoord', herhaling: 'een lang wachtwoord' }),
    expect: always(404),
  },
  'GET /account': { expect: (who) => (who === 'anoniem' ? 303 : 200) },
  'GET /inloggen/oidc': { expect: always(302) },
  // Without the flow cookie of /inloggen/oidc the answer is refused, whoever asks.
  'GET /inloggen/oidc/terug': { expect: always(400) },
  'GET /plannen/:planId': { expect: readPlan },
  'GET /plannen/:planId/dekking': { expect: readPlan },
  'GET /plannen/:planId/themas/:themeId': { expect: readPlan },
  'GET /plannen/:planId/uitvoeringsplan': { expect: readPlan },
  'GET /plannen/:planId/partners': { expect: readPlan },
  'GET /plannen/:planId/partners/:partnerKey': { expect: readPlan },
  'GET /plannen/:planId/uitvoeringsplan.csv': { expect: readPlan },
  'GET /plannen/:planId/indicatoren.csv': { expect: readPlan },
  'GET /plannen/:planId/monitor.csv': { expect: readPlan },
  'GET /plannen/:planId/monitor/wijken.csv': { expect: readPlan },
  'GET /plannen/:planId/monitor/bbv.csv': { expect: readPlan },
  'GET /plannen/:planId/indicatoren': { expect: readPlan },
  'GET /plannen/:planId/geschiedenis': { expect: readHistory },
  // What changed in a plan is as readable as the plan itself.
  'GET /plannen/:planId/bijstellingen': { expect: readPlan },
  'GET /plannen/:planId/bijstellingen/:number': { expect: readPlan },
  'GET /plannen/:planId/vergelijking': { expect: readPlan },
  'GET /plannen/:planId/wijzigingen/:segment/:key': { expect: readPlan },
  'GET /plannen/:planId/monitor': { expect: readPlan },
  'GET /plannen/:planId/monitor/indicatoren/:indicatorKey': { expect: readPlan },
  'GET /plannen/:planId/monitor/sjabloon.csv': { expect: readPlan },
  'GET /plannen/:planId/monitor/sjabloon.xlsx': { expect: readPlan },
  'GET /plannen/:planId/monitor/tactisch': { expect: readPlan },
  'GET /plannen/:planId/monitor/wijken': { expect: readPlan },
  'GET /plannen/:planId/monitor/bbv': { expect: readPlan },
  'GET /plannen/:planId/monitor/taken/:jobId': { expect: readJob },
  'POST /plannen/:planId/monitor/vernieuwen': { form: () => ({}), expect: pageWrite(['coordinator'], 303) },
  'POST /plannen/:planId/monitor/indicatoren/:indicatorKey': {
    form: () => ({ periode: '2021', waarde: '52' }),
    expect: pageWrite(['coordinator', 'partner'], 303),
  },
  'POST /plannen/:planId/monitor/metingen/bestand': {
    form: () => ({ bestand: new File(['indicator;periode;waarde\nwoninginbraken;2020;48\n'], 'metingen.csv', { type: 'text/csv' }) }),
    expect: pageWrite(['coordinator', 'partner'], 303),
  },
  'POST /plannen/:planId/monitor/themas/:themeKey/beoordeling': {
    form: () => ({ jaar: '2021', oordeel: 'on_course', tekst: 'De aanpak loopt volgens plan.' }),
    expect: pageWrite(['coordinator', 'partner'], 303),
  },
  'POST /plannen/:planId/monitor/bbv': {
    form: (target) => ({ gemeente: municipalityOf(target), jaar: '2021', aantal: '11' }),
    expect: pageWrite(['coordinator', 'partner'], 303),
  },
  // Cancelling a job that does not exist: who may refresh learns it is absent.
  'POST /plannen/:planId/monitor/taken/:jobId/annuleren': { form: () => ({}), expect: readJob },
  // Starting a plan: for those who may edit a plan somewhere, for their own municipality.
  'GET /plannen/nieuw': {
    expect: (who) => {
      if (who === 'anoniem') return 303;
      return who === 'beheerder-koers' || who === 'coordinator' ? 200 : 403;
    },
  },
  'POST /plannen/nieuw': {
    form: (target) => ({
      gemeente: municipalityOf(target),
      titel: 'Nieuw plan',
      samenvatting: 'Een nieuw plan.',
      'periode.van': '2027',
      'periode.tot': '2030',
      kernbeleidEditie: '2022',
      begin: 'leeg',
    }),
    expect: (who, target) => {
      if (who === 'anoniem') return 401;
      if (who === 'beheerder-koers') return 303;
      return who === 'coordinator' && target !== 'andere-gemeente' ? 303 : 403;
    },
  },
  'GET /plannen/:planId/bewerken': { expect: editPage(200) },
  // Every target is adopted without an open revision: forms that change its content are refused (409) to those who may edit.
  'GET /plannen/:planId/bewerken/gegevens': { expect: editPage(409) },
  'POST /plannen/:planId/bewerken/gegevens': {
    form: (target) => ({
      versie: version(target),
      titel: 'Integraal Veiligheidsplan',
      'periode.van': '2019',
      'periode.tot': '2022',
      kernbeleidEditie: '2017',
      samenvatting: 'Het plan.',
    }),
    expect: editForm(409),
  },
  'POST /plannen/:planId/bewerken/volgorde': {
    form: (target) => ({
      versie: version(target),
      soort: 'activiteiten',
      ouder: 'overige-interventies',
      sleutel: 'buurtbemiddeling',
      richting: 'omlaag',
    }),
    expect: editForm(409),
  },
  // Each target's one municipality has adopted it already.
  'GET /plannen/:planId/bewerken/vaststellen': { expect: editPage(409) },
  'POST /plannen/:planId/bewerken/vaststellen': {
    form: (target) => ({ versie: version(target), gemeente: municipalityOf(target), datum: '2019-02-01', door: 'raad' }),
    expect: editForm(409),
  },
  'GET /plannen/:planId/bewerken/bijstelling-openen': { expect: editPage(200) },
  // A decision before the adoption: refused for its date (400), so no revision stays open.
  'POST /plannen/:planId/bewerken/bijstelling-openen': {
    form: (target) => ({ versie: version(target), reden: 'Evaluatie', besluitdatum: '2018-01-01', besloten: 'college' }),
    expect: editForm(400),
  },
  // No revision is open.
  'GET /plannen/:planId/bewerken/bijstelling': { expect: editPage(409) },
  'POST /plannen/:planId/bewerken/bijstelling-toepassen': { form: (target) => ({ versie: version(target) }), expect: editForm(409) },
  'POST /plannen/:planId/bewerken/bijstelling-intrekken': { form: (target) => ({ versie: version(target) }), expect: editForm(409) },
  'GET /plannen/:planId/bewerken/afsluiten': { expect: editPage(200) },
  // Without the confirmation the plan is not closed (400).
  'POST /plannen/:planId/bewerken/afsluiten': { form: (target) => ({ versie: version(target) }), expect: editForm(400) },
  'GET /plannen/:planId/bewerken/:segment/nieuw': { expect: editPage(409) },
  'POST /plannen/:planId/bewerken/:segment/nieuw': {
    form: (target) => ({ versie: version(target), onderdeel: 'overige-interventies', naam: 'Nieuwe activiteit', omschrijving: 'Nieuw.' }),
    expect: editForm(409),
  },
  'GET /plannen/:planId/bewerken/:segment/:elementKey': { expect: editPage(409) },
  'POST /plannen/:planId/bewerken/:segment/:elementKey': {
    form: (target) => ({ ...activityForm, versie: version(target) }),
    expect: editForm(409),
  },
  'GET /plannen/:planId/bewerken/:segment/:elementKey/verwijderen': { expect: editPage(409) },
  'POST /plannen/:planId/bewerken/:segment/:elementKey/verwijderen': {
    form: (target) => ({ versie: version(target) }),
    expect: editForm(409),
  },
  'GET /api/v1/plannen': { expect: always(200) },
  'GET /api/v1/kernbeleid-veiligheid': { expect: always(200) },
  'GET /api/v1/openapi.json': { expect: always(200) },
  'GET /api/v1/plannen/:planId': { expect: readPlan },
  'GET /api/v1/plannen/:planId/document': { expect: readPlan },
  'GET /api/v1/plannen/:planId/themas': { expect: readPlan },
  'GET /api/v1/plannen/:planId/indicatoren': { expect: readPlan },
  'GET /api/v1/plannen/:planId/activiteiten': { expect: readPlan },
  'GET /api/v1/plannen/:planId/partners': { expect: readPlan },
  'GET /api/v1/plannen/:planId/trekkers': { expect: readPlan },
  'GET /api/v1/plannen/:planId/dekking': { expect: readPlan },
  'GET /api/v1/plannen/:planId/monitor': { expect: readPlan },
  'GET /api/v1/plannen/:planId/indicatoren/:indicatorSleutel/metingen': { expect: readPlan },
  'GET /api/v1/plannen/:planId/metingen/sjabloon': { expect: readPlan },
  'GET /api/v1/plannen/:planId/tactisch': { expect: readPlan },
  'GET /api/v1/plannen/:planId/wijken': { expect: readPlan },
  'GET /api/v1/plannen/:planId/bbv': { expect: readPlan },
  'POST /api/v1/plannen/:planId/indicatoren/:indicatorSleutel/metingen': {
    method: 'POST',
    body: () => ({ periode: '2021', waarde: 52 }),
    expect: apiWrite(['coordinator', 'partner'], 201),
  },
  // Without a multipart body: who may enter measurements gets 400 (no file), the rest is refused before the body is read.
  'POST /api/v1/plannen/:planId/metingen/bestand': { method: 'POST', expect: apiWrite(['coordinator', 'partner'], 400) },
  'POST /api/v1/plannen/:planId/vernieuwingen': { method: 'POST', expect: apiWrite(['coordinator'], 202) },
  // An unknown job: who may follow refreshes learns it does not exist.
  'GET /api/v1/plannen/:planId/vernieuwingen/:taakId': { expect: apiWrite(['coordinator'], 404) },
  'POST /api/v1/plannen/:planId/vernieuwingen/:taakId/annuleren': { method: 'POST', expect: apiWrite(['coordinator'], 404) },
  'POST /api/v1/plannen/:planId/themas/:themaSleutel/beoordelingen': {
    method: 'POST',
    body: () => ({ jaar: 2021, oordeel: 'op-koers', tekst: 'De aanpak loopt volgens plan.' }),
    expect: apiWrite(['coordinator', 'partner'], 201),
  },
  'POST /api/v1/plannen/:planId/bbv/halt-verwijzingen': {
    method: 'POST',
    body: (target) => ({ gemeente: target === 'andere-gemeente' ? 'GM1669' : 'GM1641', jaar: 2021, aantal: 11 }),
    expect: apiWrite(['coordinator', 'partner'], 201),
  },
  'GET /plannen/:planId/voortgang': { expect: readPlan },
  'GET /plannen/:planId/zoeken': { expect: readPlan },
  // The forms of the progress pages, filled in so that nothing changes while the matrix runs (see the API entries below).
  'POST /plannen/:planId/voortgang/rondes': { form: () => ({ periode: '2030' }), expect: pageWrite(['coordinator'], 400) },
  'POST /plannen/:planId/voortgang/rondes/:periode/sluiten': { form: () => ({}), expect: pageWrite(['coordinator'], 404) },
  'POST /plannen/:planId/voortgang/themas/:themeKey/oordeel': {
    form: () => ({ periode: '2030', oordeel: 'met' }),
    expect: pageWrite(['coordinator'], 400),
  },
  'POST /plannen/:planId/voortgang/frequentie': { form: () => ({ frequentie: 'year' }), expect: pageWrite(['coordinator'], 303) },
  'POST /plannen/:planId/voortgang/statussen': {
    form: () => ({ sleutel: 'loopt', naam: 'Loopt', betekenis: 'loopt' }),
    expect: pageWrite(['coordinator'], 409),
  },
  'GET /plannen/:planId/voortgang/:periode/:activityKey': { expect: readPlan },
  'POST /plannen/:planId/voortgang/:periode/:activityKey': {
    form: () => ({ status: 'onbekend' }),
    expect: (who, target) => {
      const answer = pageWrite(['coordinator', 'partner', 'portefeuillehouder'], 400)(who, target);
      return answer === 400 && (who === 'partner' || who === 'portefeuillehouder') ? 409 : answer;
    },
  },
  'POST /plannen/:planId/voortgang/:periode/:activityKey/beoordeling': {
    form: () => ({ besluit: 'goedgekeurd' }),
    expect: pageWrite(['portefeuillehouder'], 409),
  },
  'GET /mijn-acties': { expect: (who) => (who === 'anoniem' ? 303 : 200) },
  // No round of 2019 is open: who may remind hears there is nothing to remind of.
  'POST /plannen/:planId/voortgang/rondes/:periode/herinneringen': {
    form: () => ({ partner: 'politie' }),
    expect: pageWrite(['coordinator'], 409),
  },
  'POST /api/v1/plannen/:planId/rondes/:periode/herinneringen': {
    method: 'POST',
    body: () => ({ partner: 'politie' }),
    expect: apiWrite(['coordinator'], 409),
  },
  // A person's own notifications: anyone logged in; someone else's (here one that does not exist) is absent.
  'GET /berichten': { expect: (who) => (who === 'anoniem' ? 303 : 200) },
  'POST /berichten/gelezen': { form: () => ({}), expect: ownAccount(303) },
  'POST /berichten/:id/gelezen': { form: () => ({}), expect: ownAccount(404) },
  'GET /api/v1/berichten': { expect: ownAccount(200) },
  'POST /api/v1/berichten/gelezen': { method: 'POST', expect: ownAccount(200) },
  'POST /api/v1/berichten/:berichtId/gelezen': { method: 'POST', expect: ownAccount(404) },
  'GET /api/v1/plannen/:planId/voortgang': { expect: readPlan },
  'GET /api/v1/plannen/:planId/perioden': { expect: readPlan },
  // The frequency the plans have already: setting it again changes nothing.
  'PUT /api/v1/plannen/:planId/perioden': { method: 'PUT', body: () => ({ frequentie: 'jaar' }), expect: apiWrite(['coordinator'], 200) },
  'GET /api/v1/plannen/:planId/rondes': { expect: readPlan },
  // A period outside the plan, so no round opens while the matrix runs: who may open rounds hears why.
  'POST /api/v1/plannen/:planId/rondes': { method: 'POST', body: () => ({ periode: '2030' }), expect: apiWrite(['coordinator'], 400) },
  // No round of 2019 is open: who may close rounds learns it does not exist.
  'POST /api/v1/plannen/:planId/rondes/:periode/sluiten': { method: 'POST', expect: apiWrite(['coordinator'], 404) },
  'GET /api/v1/plannen/:planId/activiteiten/:activiteitSleutel/voortgang/:periode': { expect: readPlan },
  // The first activity: its lead is the mayor and the police is one of its partners. Without an open round the
  // coordinator hears what is wrong with the status, a lead or partner that there is no round.
  'POST /api/v1/plannen/:planId/activiteiten/:activiteitSleutel/voortgang/:periode': {
    method: 'POST',
    body: () => ({ status: 'onbekend' }),
    expect: (who, target) => {
      const answer = apiWrite(['coordinator', 'partner', 'portefeuillehouder'], 400)(who, target);
      return answer === 400 && (who === 'partner' || who === 'portefeuillehouder') ? 409 : answer;
    },
  },
  // Only the lead (and an administrator) reviews; without an open round there is nothing to review.
  'POST /api/v1/plannen/:planId/activiteiten/:activiteitSleutel/voortgang/:periode/beoordelingen': {
    method: 'POST',
    body: () => ({ besluit: 'goedgekeurd' }),
    expect: apiWrite(['portefeuillehouder'], 409),
  },
  'GET /api/v1/plannen/:planId/voortgangsstatussen': { expect: readPlan },
  'POST /api/v1/plannen/:planId/voortgangsstatussen': {
    method: 'POST',
    body: () => ({ sleutel: 'loopt', naam: 'Loopt', betekenis: 'loopt' }),
    expect: apiWrite(['coordinator'], 409),
  },
  'POST /api/v1/plannen/:planId/themas/:themaSleutel/voortgangsoordelen': {
    method: 'POST',
    body: () => ({ periode: '2030', oordeel: 'gehaald' }),
    expect: apiWrite(['coordinator'], 400),
  },
  'GET /api/v1/mijn-acties': { expect: ownAccount(200) },
  'GET /plannen/:planId/begroting': { expect: readPlan },
  'GET /plannen/:planId/rapportages': { expect: readPlan },
  'GET /plannen/:planId/analyse': { expect: readPlan },
  'GET /plannen/:planId/vergelijkbare-gemeenten': { expect: readPlan },
  'POST /plannen/:planId/vergelijkbare-gemeenten/ophalen': { form: () => ({}), expect: pageWrite(['coordinator'], 303) },
  'GET /plannen/:planId/vergelijkbare-gemeenten/taken/:jobId': { expect: readJob },
  'GET /plannen/:planId/analyse/bestand/:formaat': { expect: readPlan },
  'GET /plannen/:planId/was-wordt': { expect: readPlan },
  'GET /plannen/:planId/prioritering': { expect: readPlan },
  // Each form filled in so that the prioritisation refuses it (400) for who may change it: nothing is stored between entries.
  'POST /plannen/:planId/prioritering/criteria': { form: () => ({}), expect: pageWrite(['coordinator'], 400) },
  'POST /plannen/:planId/prioritering/scores': {
    form: () => ({ 'score-1.1-omvang-en-trend': '9' }),
    expect: pageWrite(['coordinator'], 400),
  },
  'POST /plannen/:planId/prioritering/keuze': { form: () => ({ 'keuze-1.1': 'fout' }), expect: pageWrite(['coordinator'], 400) },
  'POST /plannen/:planId/prioritering/volgend-plan': { form: () => ({ van: 'x', tot: 'y' }), expect: pageWrite(['coordinator'], 400) },
  'GET /api/v1/plannen/:planId/prioritering': { expect: readPlan },
  'PUT /api/v1/plannen/:planId/prioritering': {
    method: 'PUT',
    body: () => ({ versie: 0, criteria: [], scores: {}, toelichtingen: {}, prioriteiten: [], strategischeThemas: [] }),
    expect: apiWrite(['coordinator'], 400),
  },
  'POST /api/v1/plannen/:planId/prioritering/volgend-plan': {
    method: 'POST',
    body: () => ({ versie: 0, periode: { van: 1800, tot: 1700 } }),
    expect: apiWrite(['coordinator'], 400),
  },
  // The regional view is public: each reader sees the plans it may read (test/region.test.ts holds which).
  'GET /regio': { expect: always(200) },
  'GET /regio/:soort/:sleutel': { expect: always(200) },
  // Without the municipalities to show (gemeenten=), whoever asks.
  'GET /regio/eigen': { expect: always(400) },
  'GET /api/v1/regios': { expect: always(200) },
  'GET /api/v1/regios/:soort/:sleutel': { expect: always(200) },
  'GET /api/v1/regios/eigen': { expect: always(400) },
  // There is a definitive version over 2020 already: a new one needs a reason (400), for who may make reports.
  'POST /plannen/:planId/rapportages': { form: () => ({ jaar: '2020' }), expect: pageWrite(['coordinator'], 400) },
  'GET /plannen/:planId/rapportages/:jaar/versies/:versie': { expect: readPlan },
  'GET /plannen/:planId/rapportages/:jaar/versies/:versie/bestand/:formaat': { expect: readPlan },
  // The version is definitive: who may make reports hears that its texts are fixed (409).
  'GET /plannen/:planId/rapportages/:jaar/versies/:versie/teksten': { expect: pageWrite(['coordinator'], 409) },
  'POST /plannen/:planId/rapportages/:jaar/versies/:versie/teksten': {
    form: () => ({ inleiding: 'Tekst' }),
    expect: pageWrite(['coordinator'], 409),
  },
  'POST /plannen/:planId/rapportages/:jaar/versies/:versie/definitief': { form: () => ({}), expect: pageWrite(['coordinator'], 409) },
  'GET /plannen/:planId/rapportages/taken/:jobId': { expect: readJob },
  'GET /api/v1/plannen/:planId/rapportages': { expect: readPlan },
  'POST /api/v1/plannen/:planId/rapportages': { method: 'POST', body: () => ({ jaar: 2020 }), expect: apiWrite(['coordinator'], 400) },
  'GET /api/v1/plannen/:planId/rapportages/:jaar/versies/:versie': { expect: readPlan },
  'PUT /api/v1/plannen/:planId/rapportages/:jaar/versies/:versie/teksten': {
    method: 'PUT',
    body: () => ({ inleiding: 'Tekst', themas: {} }),
    expect: apiWrite(['coordinator'], 409),
  },
  'GET /api/v1/plannen/:planId/rapportages/:jaar/versies/:versie/bestand': { expect: readPlan },
  'POST /api/v1/plannen/:planId/rapportages/:jaar/versies/:versie/definitief': { method: 'POST', expect: apiWrite(['coordinator'], 409) },
  'GET /api/v1/plannen/:planId/rapportages/taken/:taakId': { expect: apiWrite(['coordinator'], 404) },
  'GET /api/v1/plannen/:planId/vergelijkbare-gemeenten': { expect: readPlan },
  'POST /api/v1/plannen/:planId/vergelijkbare-gemeenten/ophalen': { method: 'POST', expect: apiWrite(['coordinator'], 202) },
  'GET /api/v1/plannen/:planId/vergelijkbare-gemeenten/taken/:taakId': { expect: apiWrite(['coordinator'], 404) },
  'GET /plannen/:planId/voortgang/:periode/bestand.csv': { expect: readPlan },
  'GET /plannen/:planId/voortgang/:periode/bestand.xlsx': { expect: readPlan },
  // Without a file: who may report on an activity of the plan hears that the file is missing, the rest is refused first.
  'POST /plannen/:planId/voortgang/:periode/bestand': {
    form: () => ({}),
    expect: pageWrite(['coordinator', 'partner', 'portefeuillehouder'], 400),
  },
  'GET /api/v1/plannen/:planId/voortgang/:periode/bestand': { expect: readPlan },
  'POST /api/v1/plannen/:planId/voortgang/:periode/bestand': {
    method: 'POST',
    expect: apiWrite(['coordinator', 'partner', 'portefeuillehouder'], 400),
  },
  // A year outside the plan, so nothing is stored while the matrix runs: who keeps the budget hears why.
  'POST /plannen/:planId/begroting': {
    form: () => ({ voor: 'thema:prioriteit-1', jaar: '2030', soort: 'planned', bron: 'ivp-budget', bedrag: '12.500' }),
    expect: pageWrite(['coordinator'], 400),
  },
  'GET /api/v1/plannen/:planId/begroting': { expect: readPlan },
  'GET /plannen/:planId/begroting.csv': { expect: readPlan },
  'GET /plannen/:planId/begroting.xlsx': { expect: readPlan },
  // Without a file: who keeps the budget hears that the file is missing, the rest is refused first.
  'POST /plannen/:planId/begroting/bestand': { form: () => ({}), expect: pageWrite(['coordinator'], 400) },
  'GET /api/v1/plannen/:planId/begroting/bestand': { expect: readPlan },
  'POST /api/v1/plannen/:planId/begroting/bestand': { method: 'POST', expect: apiWrite(['coordinator'], 400) },
  'POST /api/v1/plannen/:planId/begrotingsregels': {
    method: 'POST',
    body: () => ({ thema: 'prioriteit-1', jaar: 2030, soort: 'gepland', bron: 'ivp-budget', bedragInCenten: 1_250_000 }),
    expect: apiWrite(['coordinator'], 400),
  },
  'POST /api/v1/plannen': {
    method: 'POST',
    // Importing a plan for the own municipality or for another one (the published target stands for the own one).
    body: (target) =>
      target === 'andere-gemeente' ? forRoerdalen(exampleDocument, 'Nieuw Roerdalen') : withTitle(exampleDocument, 'Nieuw Maasgouw'),
    expect: (who, target) => {
      if (who === 'anoniem') return 401;
      if (who === 'beheerder-koers') return 201;
      return who === 'coordinator' && target !== 'andere-gemeente' ? 201 : 403;
    },
  },
  ...elementEntries(),
  'GET /api/v1/plannen/:planId/werkversie': { expect: readWorkingCopy },
  'GET /api/v1/plannen/:planId/vaststellingen': { expect: readPlan },
  'GET /api/v1/plannen/:planId/bijstellingen': { expect: readPlan },
  'GET /api/v1/plannen/:planId/bijstellingen/:nummer': { expect: readPlan },
  'GET /api/v1/plannen/:planId/vergelijking': { expect: readPlan },
  // Every target is adopted without an open revision: who may edit gets 409, the answer of the plan's state, and nothing changes.
  'PATCH /api/v1/plannen/:planId': { method: 'PATCH', ifMatch: true, body: () => ({}), expect: apiWrite(['coordinator'], 409) },
  'PUT /api/v1/plannen/:planId/document': {
    method: 'PUT',
    ifMatch: true,
    body: (target) => (target === 'andere-gemeente' ? forRoerdalen(exampleDocument, 'Roerdalen') : exampleDocument),
    expect: apiWrite(['coordinator'], 409),
  },
  // Each target's municipality adopted it already.
  'POST /api/v1/plannen/:planId/vaststellingen': {
    method: 'POST',
    ifMatch: true,
    body: (target) => ({ gemeente: municipalityOf(target), datum: '2019-02-01', door: 'raad' }),
    expect: apiWrite(['coordinator'], 409),
  },
  // A decision date before the adoption: refused once the role allows it, so no revision opens.
  'POST /api/v1/plannen/:planId/bijstellingen': {
    method: 'POST',
    ifMatch: true,
    body: () => ({ reden: 'Matrix', besluitdatum: '2018-01-01', besloten: 'raad' }),
    expect: apiWrite(['coordinator'], 400),
  },
  // Revision 1 is applied already: asking so again changes nothing.
  'PATCH /api/v1/plannen/:planId/bijstellingen/:nummer': {
    method: 'PATCH',
    ifMatch: true,
    body: () => ({ status: 'toegepast' }),
    expect: apiWrite(['coordinator'], 200),
  },
  // Without If-Match, so no plan is closed: who may close it learns that the version is missing.
  'POST /api/v1/plannen/:planId/afsluiting': { method: 'POST', expect: apiWrite(['coordinator'], 428) },
  // Taking publication back (false), so the other plans' expectations stay as they are while the matrix runs.
  'PUT /api/v1/plannen/:planId/publicatie': {
    method: 'PUT',
    body: () => ({ gepubliceerd: false }),
    expect: (who, target) => {
      if (who === 'anoniem') return 401;
      if (who === 'beheerder-koers') return 200;
      if (target === 'andere-gemeente') return 404;
      return who === 'coordinator' ? 200 : 403;
    },
  },
};

function routeTable(): string[] {
  const routes = app.routes.filter((route) => route.method !== 'ALL').map((route) => `${route.method} ${route.path}`);
  return [...new Set(routes)];
}

function concretePath(route: string, target: Target): string {
  const plan = plans[target];
  const theme = plan.themes[0]!;
  const activity = theme.workstreams[0]!.activities[0]!;
  const kind = kindOfPath(/\/([a-z-]+)\/:sleutel/.exec(route)?.[1] ?? '');
  return route
    .replace(':soort/:sleutel', 'veiligheidsregio/limburg-noord')
    .replace(':planId', plan.id)
    .replace(':sleutel', kind ? firstKey(kind, target) : ':sleutel')
    .replace(':nummer', '1')
    .replace(':themeId', theme.id)
    .replace(':partnerKey', plan.partners[0]!.key)
    .replace(/:indicatorSleutel|:indicatorKey/, 'woninginbraken')
    .replace(':themeKey', 'prioriteit-2')
    .replace(':jobId', '00000000-0000-4000-8000-000000000000')
    .replace(':themaSleutel', 'prioriteit-2')
    .replace(':taakId', '00000000-0000-4000-8000-000000000000')
    .replace(':activiteitSleutel', activity.key)
    .replace(':activityKey', activity.key)
    .replace(/:berichtId|:id\b/, '00000000-0000-4000-8000-000000000000')
    .replace(':periode', '2019')
    .replace(':jaar', '2020')
    .replace(':versie', '1')
    .replace(':formaat', 'csv')
    .replace(':tokenId', '00000000-0000-4000-8000-000000000000')
    .replace(':segment', 'activiteiten')
    .replace(':elementKey', 'buurtbemiddeling')
    .replace(':userId', staff[target])
    .replace(':token', 'onbekende-link')
    .replace(':number', '1')
    .replace(':segment', 'activiteiten')
    .replace(':key', activity.key);
}

async function ask(key: string, entry: Entry, who: Who, target: Target): Promise<number> {
  const path = concretePath(key.split(' ')[1]!, target);
  const headers: Record<string, string> = {};
  if (who !== 'anoniem') {
    if (path.startsWith('/api/')) headers.Authorization = `Bearer ${credentials[who].token}`;
    else headers.Cookie = `__Host-koers-sessie=${credentials[who].session}`;
  }
  if (entry.ifMatch) headers['If-Match'] = `"${(await services.plans.getWorkingCopy(SYSTEM, plans[target].id)).version}"`;
  if (entry.method) {
    const body = entry.body?.(target);
    headers['Content-Type'] = body === undefined ? 'application/x-www-form-urlencoded' : 'application/json';
    const response = await app.request(path, { method: entry.method, headers, body: body === undefined ? '' : JSON.stringify(body) });
    return response.status;
  }
  return (await app.request(path, { headers })).status;
}

const isPageForm = (route: string) => route.startsWith('POST /') && !route.startsWith('POST /api/');

/** The CSRF token a browser of this actor holds (from the page it came from), with the cookie that goes with it. */
async function browserOf(who: Who, session: string | null): Promise<{ cookie: string; csrf: string }> {
  const cookie = session ? `__Host-koers-sessie=${session}` : '';
  const page = await app.request(session ? '/account' : '/inloggen', { headers: cookie ? { Cookie: cookie } : {} });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  const preLogin = /__Host-koers-csrf=([^;]+)/.exec(page.headers.get('Set-Cookie') ?? '')?.[1];
  if (!csrf) throw new Error(`no form token for ${who}`);
  return { cookie: preLogin ? `__Host-koers-csrf=${preLogin}` : cookie, csrf };
}

/** Sends a page form as this actor's browser; with its own fresh session, as some forms end sessions. */
async function submit(key: string, entry: Entry, who: Who, target: Target, withToken: boolean): Promise<number> {
  const path = concretePath(key.split(' ')[1]!, target);
  const session = who === 'anoniem' ? null : (await services.auth.openSession(userIds[who], '127.0.0.1')).sessionToken;
  const { cookie, csrf } = await browserOf(who, session);
  versions[target] = String((await services.plans.getWorkingCopy(SYSTEM, plans[target].id)).version);
  const fields: Record<string, string | File> = { ...(withToken ? { _csrf: csrf } : {}), ...entry.form!(target) };
  const multipart = Object.values(fields).some((value) => value instanceof File);
  let body: FormData | string;
  if (multipart) {
    body = new FormData();
    for (const [name, value] of Object.entries(fields)) body.append(name, value);
  } else body = new URLSearchParams(fields as Record<string, string>).toString();
  const headers: Record<string, string> = { Cookie: cookie };
  if (!multipart) headers['Content-Type'] = 'application/x-www-form-urlencoded';
  return (await app.request(path, { method: 'POST', headers, body })).status;
}

describe('the authorisation matrix', () => {
  it('has an entry for every route of the app, and no entry for a route that does not exist', () => {
    const routes = routeTable();
    expect(
      routes.filter((route) => !(route in MATRIX)),
      'routes without an entry in the matrix',
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((route) => !routes.includes(route)),
      'entries for routes that do not exist',
    ).toEqual([]);
    expect(
      routes.filter((route) => isPageForm(route) && !MATRIX[route]?.form),
      'page forms without the fields to send',
    ).toEqual([]);
  });

  it('gives every actor the expected answer on every route, for the own and another municipality and a published plan', async () => {
    const mismatches: string[] = [];
    for (const [key, entry] of Object.entries(MATRIX)) {
      if (entry.form) continue;
      for (const who of EVERYONE) {
        for (const target of TARGETS) {
          const expected = entry.expect(who, target);
          const actual = await ask(key, entry, who, target);
          if (actual !== expected) mismatches.push(`${key} as ${who} on ${target}: expected ${expected}, got ${actual}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    // Several hundred requests: on a busy machine this takes minutes, and a test cut off halfway would go on changing the
    // plans (it unpublishes one near the end) under the next test.
  }, 600_000);
  it('refuses every page form without its CSRF token, whoever sends it', async () => {
    const mismatches: string[] = [];
    for (const [key, entry] of Object.entries(MATRIX).filter(([, entry]) => entry.form)) {
      for (const who of EVERYONE) {
        const actual = await submit(key, entry, who, 'eigen-gemeente', false);
        if (actual !== 403) mismatches.push(`${key} as ${who} without a token: expected 403, got ${actual}`);
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);

  it('gives every actor the expected answer on every page form sent with a valid CSRF token', async () => {
    // The matrix above took publication back at its end.
    await services.plans.setPublished(SYSTEM, plans.gepubliceerd.id, true);
    const mismatches: string[] = [];
    for (const [key, entry] of Object.entries(MATRIX).filter(([, entry]) => entry.form)) {
      for (const who of EVERYONE) {
        for (const target of TARGETS) {
          const expected = entry.expect(who, target);
          const actual = await submit(key, entry, who, target, true);
          if (actual !== expected) mismatches.push(`${key} as ${who} on ${target}: expected ${expected}, got ${actual}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 240_000);
});
