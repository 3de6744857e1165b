/**
 * Prioritisation towards the next plan, on both engines: the starting point
 * (the default criteria, what the plan made of each theme), saving scores and
 * a choice at a version, every problem with its path and nothing stored, a
 * stale save refused, who may change it, the audit event in the same write
 * (a failing audit write takes the change with it), and the concept of the
 * next plan: made once when two people press at the same moment, following
 * the plan in time, linked to it as predecessor, so that was/wordt of the
 * concept shows the plan's themes against the chosen ones.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from '../src/domain/errors.js';
import { type Actor, ANONYMOUS, SYSTEM } from '../src/features/accounts/actor.js';
import { AuditRepository } from '../src/features/audit/audit.repository.js';
import type { PrioritisationContent } from '../src/features/next-plan/prioritisation.service.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { person } from './people.js';
import { createTestDatabase, ENGINES } from './test-database.js';

type Services = ReturnType<typeof createServices>;

const CRITERIA = [
  { key: 'omvang-en-trend', name: 'omvang en trend van het probleem', weight: 2 },
  { key: 'impact-op-inwoners', name: 'impact op inwoners', weight: 1 },
  { key: 'wens-van-de-raad', name: 'wens van de raad', weight: 1 },
];

/** Youth nuisance first, then subversive crime, high impact crime, traffic; the rest unscored. */
const CONTENT: PrioritisationContent = {
  criteria: CRITERIA,
  scores: {
    '3.1': { 'omvang-en-trend': 5, 'impact-op-inwoners': 5, 'wens-van-de-raad': 4 }, // (10 + 5 + 4) / 4 = 4.75
    '5.2': { 'omvang-en-trend': 4, 'impact-op-inwoners': 4, 'wens-van-de-raad': 5 }, // (8 + 4 + 5) / 4 = 4.25
    '1.3': { 'omvang-en-trend': 4, 'impact-op-inwoners': 3 }, // (8 + 3) / 3 = 3.667
    '4.1': { 'omvang-en-trend': 1, 'impact-op-inwoners': 2, 'wens-van-de-raad': 2 }, // (2 + 2 + 2) / 4 = 1.5
    'D.1': { 'omvang-en-trend': 3, 'impact-op-inwoners': 3, 'wens-van-de-raad': 3 },
  },
  notes: { '3.1': 'Meer meldingen van jongeren bij het station.' },
  priorities: ['3.1', '5.2', '1.3'],
  strategic: ['D.1', '4.1'],
};

describe.each(ENGINES)('prioritisation on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: Services;
  let planId: string;
  let coordinator: Actor;
  let reader: Actor;
  let partner: Actor;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    planId = (await loadExampleIfEmpty(services.plans))!.id;
    coordinator = await person(handle, services, 'oov@maasgouw.example', 'coordinator');
    reader = await person(handle, services, 'raad@maasgouw.example', 'lezer');
    partner = await person(handle, services, 'politie@maasgouw.example', 'partner');
  }, 120_000);
  afterAll(() => handle.close());
  afterEach(() => vi.restoreAllMocks());

  it('starts from the default criteria with nothing scored, and says what the plan made of each theme', async () => {
    const view = await services.prioritisation.view(coordinator, planId);
    expect(view.state.version).toBe(0);
    expect(view.state.criteria.map((criterion) => criterion.key)).toEqual([
      'omvang-en-trend',
      'afstand-tot-groep',
      'impact-op-inwoners',
      'wens-van-de-raad',
      'wettelijke-taak',
    ]);
    expect(view.ranking.every((row) => row.total === null)).toBe(true);
    expect(view.ranking).toHaveLength(25);
    expect(view.facts['5.2']?.previous).toBe('priority');
    expect(view.facts['3.1']?.previous).toBe('strategic');
    expect(view.facts['D.1']?.previous).toBeNull();
    // No police figures are stored: the analysis gives no trends, and says so.
    expect(view.analysis).toEqual({ available: false });
    expect(view.conceptDefaults).toEqual({ title: 'Integraal Veiligheidsplan 2023-2026', periodStart: 2023, periodEnd: 2026 });
    expect(view.fields.map((field) => field.number)).toEqual([1, 2, 3, 4, 5, null]);
    expect(view.may.edit).toBe(true);
  });

  it('refuses scores and a choice that do not fit with every problem and its path, and stores nothing', async () => {
    const refused = services.prioritisation.save(
      coordinator,
      planId,
      {
        criteria: [...CRITERIA, { key: 'Fout', name: '', weight: 101 }],
        scores: { '3.1': { 'omvang-en-trend': 6 }, '9.9': { 'wens-van-de-raad': 1 } },
        notes: { '1.3': 'x'.repeat(2001) },
        priorities: ['3.1', '3.1'],
        strategic: ['7.7'],
      },
      0,
    );
    await expect(refused).rejects.toBeInstanceOf(ValidationError);
    await expect(refused).rejects.toMatchObject({
      problems: [
        { path: 'criteria[3].sleutel', message: expect.any(String) },
        { path: 'criteria[3].gewicht', message: 'een gewicht is een getal van 0 tot en met 100' },
        { path: 'criteria[3].naam', message: 'geef het criterium een naam' },
        { path: 'scores.3.1.omvang-en-trend', message: 'een score is een heel getal van 0 tot en met 5' },
        { path: 'scores.9.9', message: 'geen thema van Kernbeleid Veiligheid: 9.9' },
        { path: 'toelichtingen.1.3', message: 'ten hoogste 2000 tekens' },
        { path: 'prioriteiten[1]', message: '3.1 is al gekozen' },
        { path: 'strategischeThemas[0]', message: 'geen thema van Kernbeleid Veiligheid: 7.7' },
      ],
    });
    expect((await services.prioritisation.view(coordinator, planId, { facts: false })).state.version).toBe(0);
  });

  it('lets only the coordinator change it; a council member, a partner and a resident read it', async () => {
    await expect(services.prioritisation.save(partner, planId, CONTENT, 0)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.prioritisation.save(reader, planId, CONTENT, 0)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(services.prioritisation.save(ANONYMOUS, planId, CONTENT, 0)).rejects.toBeInstanceOf(UnauthenticatedError);
    await expect(services.prioritisation.makeConcept(partner, planId, {}, 0)).rejects.toBeInstanceOf(ForbiddenError);
    for (const who of [reader, partner, ANONYMOUS]) {
      const view = await services.prioritisation.view(who, planId, { facts: false });
      expect(view.may.edit).toBe(false);
    }
  });

  it('saves nothing when its audit event cannot be written', async () => {
    vi.spyOn(AuditRepository.prototype, 'record').mockRejectedValueOnce(new Error('audittrail niet bereikbaar'));
    await expect(services.prioritisation.save(coordinator, planId, CONTENT, 0)).rejects.toThrow('audittrail niet bereikbaar');
    expect((await services.prioritisation.view(coordinator, planId, { facts: false })).state.version).toBe(0);
    expect(await handle.db.selectFrom('prioritisation').select('id').execute()).toEqual([]);
  });

  it('saves scores, notes and the choice with their audit event, and ranks the themes with the reasons', async () => {
    const saved = await services.prioritisation.save(coordinator, planId, CONTENT, 0);
    expect(saved.version).toBe(1);
    const view = await services.prioritisation.view(reader, planId, { facts: false });
    expect(view.state).toMatchObject({ version: 1, priorities: ['3.1', '5.2', '1.3'], strategic: ['D.1', '4.1'] });
    expect(view.state.notes).toEqual({ '3.1': 'Meer meldingen van jongeren bij het station.' });
    expect(view.ranking.slice(0, 5).map((row) => [row.code, row.rank])).toEqual([
      ['3.1', 1],
      ['5.2', 2],
      ['1.3', 3],
      ['D.1', 4],
      ['4.1', 5],
    ]);
    expect(view.ranking[0]?.total).toBe(4.75);
    expect(view.ranking[2]?.total).toBeCloseTo(11 / 3, 12);
    expect(view.ranking[0]?.reasons).toEqual([
      'omvang en trend van het probleem: 5 van 5 (weegt 2 keer)',
      'impact op inwoners: 5 van 5',
      'wens van de raad: 4 van 5',
    ]);
    expect(view.ranking[2]?.missing).toEqual(['wens van de raad']);
    expect(view.proposal).toEqual({ priorities: ['3.1', '5.2', '1.3'], strategic: ['D.1', '4.1'] });
    const events = await handle.db
      .selectFrom('auditEvent')
      .select(['action', 'objectId', 'before', 'after'])
      .where('action', 'like', 'prioritisation.%')
      .execute();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ action: 'prioritisation.saved', objectId: planId, before: null });
    expect(events[0]?.after).toMatchObject({ versie: 1, prioriteiten: ['3.1', '5.2', '1.3'] });
  });

  it('refuses a save on a version that is no longer current, and keeps the one before it', async () => {
    const stale = services.prioritisation.save(coordinator, planId, { ...CONTENT, priorities: ['4.1'], strategic: [] }, 0);
    await expect(stale).rejects.toBeInstanceOf(ConflictError);
    await expect(stale).rejects.toThrow(/intussen bewaard \(nu versie 1\)/);
    expect((await services.prioritisation.view(coordinator, planId, { facts: false })).state.priorities).toEqual(['3.1', '5.2', '1.3']);
  });

  it('refuses a concept with a title or years that do not fit, naming each field', async () => {
    await expect(
      services.prioritisation.makeConcept(coordinator, planId, { title: ' ', periodStart: 2018, periodEnd: 2017 }, 1),
    ).rejects.toMatchObject({
      problems: [
        { path: 'titel', message: 'geef het plan een titel' },
        { path: 'periode.van', message: expect.stringContaining('begint na 2019') },
        { path: 'periode.tot', message: 'ligt voor het beginjaar' },
      ],
    });
  });

  it('makes one concept of the next plan when two people press at the same moment, linked to the plan as its predecessor', async () => {
    const made = await Promise.allSettled([
      services.prioritisation.makeConcept(coordinator, planId, {}, 1),
      services.prioritisation.makeConcept(coordinator, planId, {}, 1),
    ]);
    expect(made.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(made.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(ConflictError) });
    const conceptId = (made.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<{ planId: string }>).value.planId;
    const followers = await handle.db.selectFrom('plan').select('id').where('predecessorId', '=', planId).execute();
    expect(followers.map((row) => row.id)).toEqual([conceptId]);

    const concept = await services.plans.getPlan(coordinator, conceptId);
    expect(concept).toMatchObject({
      title: 'Integraal Veiligheidsplan 2023-2026',
      periodStart: 2023,
      periodEnd: 2026,
      status: 'draft',
      predecessorId: planId,
    });
    expect(concept.themes.map((theme) => [theme.kind, theme.catalogueThemeCodes[0]])).toEqual([
      ['priority', '3.1'],
      ['priority', '5.2'],
      ['priority', '1.3'],
      ['strategic', 'D.1'],
      ['strategic', '4.1'],
    ]);
    const view = await services.prioritisation.view(coordinator, planId, { facts: false });
    expect(view.state).toMatchObject({ conceptPlanId: conceptId, version: 2 });
    expect(view.concept).toEqual({ id: conceptId, title: 'Integraal Veiligheidsplan 2023-2026' });
    const events = await handle.db
      .selectFrom('auditEvent')
      .select(['action', 'objectId', 'after'])
      .where('action', 'in', ['prioritisation.concept-made', 'plan.started'])
      .orderBy('sequence')
      .execute();
    expect(events.map((event) => [event.action, event.objectId])).toEqual([
      ['plan.started', conceptId],
      ['prioritisation.concept-made', planId],
    ]);

    // What the concept was made from stays as it was.
    await expect(services.prioritisation.save(coordinator, planId, CONTENT, 2)).rejects.toThrow(/al gemaakt/);
    await expect(services.prioritisation.makeConcept(coordinator, planId, {}, 2)).rejects.toBeInstanceOf(ConflictError);
  });

  it('shows in was/wordt of the concept the plan’s themes against the chosen ones', async () => {
    const conceptId = (await services.prioritisation.view(coordinator, planId, { facts: false })).state.conceptPlanId as string;
    const view = await services.wasWordt.wasWordt(coordinator, conceptId);
    expect(view.predecessor?.id).toBe(planId);
    const row = (code: string) => view.rows.find((entry) => entry.code === code);
    expect(row('3.1')).toMatchObject({ was: 'strategic', wordt: 'priority', change: 'became_priority' });
    expect(row('5.2')).toMatchObject({ was: 'priority', wordt: 'priority', change: 'still_priority' });
    expect(row('4.1')).toMatchObject({ was: 'strategic', wordt: 'strategic', change: 'still_strategic' });
    expect(row('D.1')).toMatchObject({ was: null, wordt: 'strategic', change: 'new' });
    expect(row('2.1')?.change).toBe('dropped');
  });

  it('links a plan started from the catalogue only to an earlier plan of the same municipality the actor may read', async () => {
    const example = (await readExampleDocument()) as any;
    const elsewhere = await services.plans.importPlan(SYSTEM, {
      ...example,
      plan: {
        ...example.plan,
        titel: 'Plan van Roerdalen',
        gemeenten: [{ code: 'GM1669', naam: 'Roerdalen' }],
        vaststellingen: [{ gemeente: 'GM1669', datum: '2019-01-29', door: 'raad' }],
      },
    });
    const start = (predecessorId: string, actor: Actor = coordinator) =>
      services.planLifecycle.startPlan(actor, {
        municipalityCode: 'GM1641',
        title: 'Nog een plan',
        summary: 'Proef.',
        periodStart: 2023,
        periodEnd: 2026,
        start: { kind: 'catalogue', priorities: ['3.1'], strategic: [], predecessorId },
      });
    await expect(start(elsewhere.id, SYSTEM)).rejects.toMatchObject({
      problems: [{ path: 'voorganger', message: 'dat plan is niet van GM1641' }],
    });
    // A plan the coordinator may not read is, to the coordinator, no plan at all.
    await expect(start(elsewhere.id)).rejects.toMatchObject({ problems: [{ path: 'voorganger', message: 'kies een plan uit de lijst' }] });
    await expect(start('00000000-0000-4000-8000-000000000000')).rejects.toMatchObject({ problems: [{ path: 'voorganger' }] });
    await expect(start('geen-id')).rejects.toBeInstanceOf(ValidationError);
  });
  it('answers through the API: the prioritisation with its ranking, a save at its version (409 when stale), and the concept (201 with Location)', async () => {
    const example = (await readExampleDocument()) as any;
    const other = await services.plans.importPlan(SYSTEM, {
      ...example,
      plan: { ...example.plan, titel: 'Integraal Veiligheidsplan 2015-2018' },
    });
    const app = createApp(services);
    const token = (await services.auth.createApiToken((coordinator as { userId: string }).userId, 'prioritering')).token;
    const call = (method: string, path: string, body?: unknown) =>
      app.request(`/api/v1/plannen/${other.id}/prioritering${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    const first = await call('GET', '');
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({
      versie: 0,
      concept: null,
      magBewerken: true,
      feiten: { '5.2': { vorigPlan: 'prioriteit' } },
    });
    const body = {
      versie: 0,
      criteria: [{ sleutel: 'omvang', naam: 'omvang', gewicht: 1 }],
      scores: { '3.1': { omvang: 4 }, '1.3': { omvang: 5 } },
      prioriteiten: ['1.3'],
      strategischeThemas: ['3.1'],
    };
    const saved = await call('PUT', '', body);
    expect(saved.status).toBe(200);
    const resource = (await saved.json()) as { versie: number; toelichtingen: object; rangorde: object[] };
    expect(resource).toMatchObject({ versie: 1, toelichtingen: {} });
    expect(resource.rangorde.slice(0, 2)).toMatchObject([
      { code: '1.3', score: 5, plaats: 1, redenen: ['omvang: 5 van 5'] },
      { code: '3.1', score: 4, plaats: 2 },
    ]);
    const stale = await call('PUT', '', body);
    expect(stale.status).toBe(409);
    expect(await stale.json()).toMatchObject({ detail: expect.stringContaining('intussen bewaard') });
    const invalid = await call('PUT', '', { ...body, versie: 1, scores: { '3.1': { omvang: 9 } } });
    expect(invalid.status).toBe(400);
    expect(JSON.stringify(await invalid.json())).toContain('scores.3.1.omvang');
    const made = await call('POST', '/volgend-plan', { versie: 1, titel: 'Veiligheidsplan 2023-2027', periode: { van: 2023, tot: 2027 } });
    expect(made.status).toBe(201);
    const { id } = (await made.json()) as { id: string };
    expect(made.headers.get('Location')).toBe(`/api/v1/plannen/${id}`);
    expect(await services.plans.getPlan(coordinator, id)).toMatchObject({
      title: 'Veiligheidsplan 2023-2027',
      periodStart: 2023,
      periodEnd: 2027,
      predecessorId: other.id,
    });
    expect((await call('POST', '/volgend-plan', { versie: 2 })).status).toBe(409);
  });
});
