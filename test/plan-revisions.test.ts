/**
 * The life of a plan on every engine of this run: the Maasgouw example as
 * adopted, a revision with its changes, the plan as of a date, the history of
 * an element, an indicator with measurements that is removed but kept, two
 * editors on one activity, parallel changes, withdrawal, a copy for the next
 * period, a concept from the catalogue, and a re-import matched by key.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ConflictError, NotFoundError, StaleVersionError, ValidationError } from '../src/domain/errors.js';
import { changeInWords } from '../src/domain/plan-diff.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { PlanRepository } from '../src/features/plans/plan.repository.js';
import { planContentToDocument, toContent } from '../src/features/plans/plan-document.mapper.js';
import type { PlanDocument } from '../src/features/plans/plan-document.schema.js';
import { findElementDocument } from '../src/features/plans/plan-element-documents.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('the life of a plan on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let planId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    planId = (await services.plans.importPlan(SYSTEM, await readExampleDocument())).id;
    await services.monitoring.recordMeasurement(SYSTEM, planId, 'overlast-buurtbewoners', {
      period: { kind: 'year', year: 2019, number: 0 },
      value: 3.2,
      suppressed: false,
      numerator: null,
      denominator: null,
      note: null,
    });
  });
  afterAll(() => handle.close());

  const version = async () => (await services.plans.getPlan(SYSTEM, planId)).version;
  const exact = async () => ({ expected: await version(), match: 'exact' as const });
  const activity = (document: PlanDocument, key: string) =>
    document.plan.themas
      .flatMap((theme) => theme.onderdelen.flatMap((workstream) => workstream.activiteiten))
      .find((a) => a.sleutel === key);

  it('keeps the example as adopted: one snapshot, in force from the adoption date', async () => {
    const plan = await services.plans.getPlan(SYSTEM, planId);
    expect(plan.status).toBe('adopted');
    expect(plan.adoptions).toEqual([{ municipalityCode: 'GM1641', adoptedOn: '2019-01-29', body: 'council' }]);
    const snapshots = await handle.db.selectFrom('planSnapshot').select(['sequence', 'effectiveOn']).where('planId', '=', planId).execute();
    expect(snapshots).toEqual([{ sequence: 1, effectiveOn: '2019-01-29' }]);
  });

  it('refuses a change to an adopted plan without an open revision, and writes nothing', async () => {
    const before = await version();
    const buurtbemiddeling = findElementDocument(toContent(await services.plans.getPlan(SYSTEM, planId)), 'activity', 'buurtbemiddeling');
    await expect(
      services.planEditing.updateElement(
        SYSTEM,
        planId,
        'activity',
        'buurtbemiddeling',
        { ...buurtbemiddeling!, naam: 'Andere naam' },
        await exact(),
      ),
    ).rejects.toBeInstanceOf(ConflictError);
    expect(await version()).toBe(before);
  });

  it('holds the changes of an open revision in the working copy until it is applied', async () => {
    await services.planLifecycle.openRevision(
      SYSTEM,
      planId,
      { reason: 'Meer buurtbemiddeling na de evaluatie van 2019', decidedOn: '2020-06-01', decidedBy: 'executive' },
      await version(),
    );
    const working = toContent(await services.plans.getWorkingCopy(SYSTEM, planId));
    const buurtbemiddeling = findElementDocument(working, 'activity', 'buurtbemiddeling')!;
    await services.planEditing.updateElement(
      SYSTEM,
      planId,
      'activity',
      'buurtbemiddeling',
      { ...buurtbemiddeling, hoeveelheid: { waarde: 30, eenheid: 'zaken per jaar' } },
      await exact(),
    );
    await services.planEditing.addElement(
      SYSTEM,
      planId,
      'activity',
      {
        naam: 'Voorlichting over babbeltrucs',
        omschrijving: 'Bijeenkomsten voor ouderen in de kernen.',
        cluster: null,
        hoeveelheid: null,
        frequentie: null,
        trekkers: ['burgemeester'],
        partners: [],
        planning: { doorlopend: false, vanafJaar: 2020, vanafKwartaal: 3, totJaar: 2021 },
        onderdeel: 'overige-interventies',
      },
      await exact(),
    );
    await services.planEditing.removeElement(SYSTEM, planId, 'indicator', 'overlast-buurtbewoners', await exact());

    const current = planContentToDocument(toContent(await services.plans.getPlan(SYSTEM, planId)));
    expect(activity(current, 'buurtbemiddeling')?.hoeveelheid).not.toEqual({ waarde: 30, eenheid: 'zaken per jaar' });
    expect(activity(current, 'voorlichting-over-babbeltrucs')).toBeUndefined();
    const workingNow = planContentToDocument(toContent(await services.plans.getWorkingCopy(SYSTEM, planId)));
    expect(activity(workingNow, 'buurtbemiddeling')?.hoeveelheid).toEqual({ waarde: 30, eenheid: 'zaken per jaar' });
    expect(activity(workingNow, 'voorlichting-over-babbeltrucs')?.trekkers).toEqual(['burgemeester']);

    const detail = await services.planChanges.revision(SYSTEM, planId, 1);
    expect(detail.revision.status).toBe('open');
    const words = detail.changes.map((change) => changeInWords(change, detail.names));
    expect(words).toContain('Activiteit "Voorlichting over babbeltrucs" toegevoegd aan onderdeel "Overige interventies"');
    expect(words).toContain('Indicator "% inwoners dat veel overlast ervaart van buurtbewoners" verwijderd');
    expect(words.some((line) => line.startsWith('Activiteit "Buurtbemiddeling" gewijzigd: hoeveelheid van "'))).toBe(true);
  });

  it('makes the revision the current plan when applied, in force from its date', async () => {
    await services.planLifecycle.applyRevision(SYSTEM, planId, await version());
    const current = planContentToDocument(toContent(await services.plans.getPlan(SYSTEM, planId)));
    expect(activity(current, 'buurtbemiddeling')?.hoeveelheid).toEqual({ waarde: 30, eenheid: 'zaken per jaar' });
    expect(current.plan.themas[0]!.indicatoren.map((indicator) => indicator.sleutel)).not.toContain('overlast-buurtbewoners');

    const before = planContentToDocument(toContent(await services.plans.getPlan(SYSTEM, planId, { asOf: '2020-05-31' })));
    expect(activity(before, 'voorlichting-over-babbeltrucs')).toBeUndefined();
    expect(before.plan.themas[0]!.indicatoren.map((indicator) => indicator.sleutel)).toContain('overlast-buurtbewoners');
    const after = planContentToDocument(toContent(await services.plans.getPlan(SYSTEM, planId, { asOf: '2020-06-30' })));
    expect(activity(after, 'voorlichting-over-babbeltrucs')).toBeDefined();
    await expect(services.plans.getPlan(SYSTEM, planId, { asOf: '2018-12-31' })).rejects.toThrow(/nog niet vastgesteld/);
  });

  it('ends a removed indicator with measurements instead of deleting it; its history stays readable', async () => {
    const row = await handle.db
      .selectFrom('indicator')
      .select(['id', 'endedVersion'])
      .where('planId', '=', planId)
      .where('key', '=', 'overlast-buurtbewoners')
      .executeTakeFirstOrThrow();
    expect(row.endedVersion).not.toBeNull();
    const measurements = await handle.db.selectFrom('measurement').select('id').where('indicatorId', '=', row.id).execute();
    expect(measurements).toHaveLength(1);

    const history = await services.planChanges.elementHistory(SYSTEM, planId, 'indicator', 'overlast-buurtbewoners');
    expect(history.versions.map((entry) => [entry.effectiveOn, entry.value === null, entry.revision?.number ?? null])).toEqual([
      ['2019-01-29', false, null],
      ['2020-06-01', true, 1],
    ]);
    expect(history.versions[1]!.changes.map((change) => change.change)).toEqual(['removed']);
  });

  it('compares the adopted plan with the current one', async () => {
    const comparison = await services.planChanges.compare(SYSTEM, planId);
    const kinds = comparison.changes.map((change) => `${change.kind}:${change.key}:${change.change}`);
    expect(kinds).toEqual(
      expect.arrayContaining([
        'activity:buurtbemiddeling:changed',
        'activity:voorlichting-over-babbeltrucs:added',
        'indicator:overlast-buurtbewoners:removed',
      ]),
    );
  });

  it('refuses the second of two editors who changed one activity from the same version, saying what changed', async () => {
    await services.planLifecycle.openRevision(
      SYSTEM,
      planId,
      { reason: 'Bijstelling na de raadsvergadering', decidedOn: '2021-03-01', decidedBy: 'council' },
      await version(),
    );
    const read = await version();
    const working = toContent(await services.plans.getWorkingCopy(SYSTEM, planId));
    const wet = findElementDocument(working, 'activity', 'wet-aanpak-woonoverlast')!;
    await services.planEditing.updateElement(
      SYSTEM,
      planId,
      'activity',
      'wet-aanpak-woonoverlast',
      { ...wet, frequentie: 'elk kwartaal' },
      {
        expected: read,
        match: 'element',
      },
    );
    const second = services.planEditing.updateElement(
      SYSTEM,
      planId,
      'activity',
      'wet-aanpak-woonoverlast',
      { ...wet, frequentie: 'elke maand' },
      { expected: read, match: 'element' },
    );
    await expect(second).rejects.toBeInstanceOf(StaleVersionError);
    const error = (await second.catch((caught) => caught)) as StaleVersionError;
    expect(error.currentVersion).toBe(read + 1);
    expect(error.changes.flatMap((change) => change.descriptions).join(' ')).toContain('elk kwartaal');

    // A form that changed another element from the same version is saved: nothing it shows changed meanwhile.
    const buurt = findElementDocument(working, 'activity', 'buurtbemiddeling')!;
    const saved = await services.planEditing.updateElement(
      SYSTEM,
      planId,
      'activity',
      'buurtbemiddeling',
      { ...buurt, frequentie: 'wekelijks' },
      { expected: read, match: 'element' },
    );
    expect(saved.version).toBe(read + 2);
    // The API is strict: any change since the version it read is a conflict.
    await expect(
      services.planEditing.updateElement(
        SYSTEM,
        planId,
        'activity',
        'buurtbemiddeling',
        { ...buurt, frequentie: 'dagelijks' },
        {
          expected: read,
          match: 'exact',
        },
      ),
    ).rejects.toBeInstanceOf(StaleVersionError);
  });

  it('lets exactly one of ten parallel changes made on the same version through', async () => {
    const read = await version();
    const working = toContent(await services.plans.getWorkingCopy(SYSTEM, planId));
    const buurt = findElementDocument(working, 'activity', 'buurtbemiddeling')!;
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, index) =>
        services.planEditing.updateElement(
          SYSTEM,
          planId,
          'activity',
          'buurtbemiddeling',
          { ...buurt, frequentie: `poging ${index}` },
          {
            expected: read,
            match: 'exact',
          },
        ),
      ),
    );
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((result) => result.status === 'rejected' && result.reason instanceof StaleVersionError)).toHaveLength(9);
    expect(await version()).toBe(read + 1);
    const events = await handle.db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('objectId', '=', planId)
      .where('action', '=', 'plan.changed')
      .executeTakeFirstOrThrow();
    const changes = await handle.db
      .selectFrom('planChange')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('planId', '=', planId)
      .executeTakeFirstOrThrow();
    // Every recorded change has its audit event, and the other way round (lifecycle steps have their own events).
    const lifecycle = await handle.db
      .selectFrom('auditEvent')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('objectId', '=', planId)
      .where('action', 'in', ['revision.opened', 'revision.applied', 'revision.withdrawn', 'plan.adopted', 'plan.closed'])
      .executeTakeFirstOrThrow();
    expect(Number(changes.count)).toBe(Number(events.count) + Number(lifecycle.count));
  });

  it('refuses a change that breaks the plan, naming the field of the element, and writes nothing', async () => {
    const before = await version();
    const working = toContent(await services.plans.getWorkingCopy(SYSTEM, planId));
    const buurt = findElementDocument(working, 'activity', 'buurtbemiddeling')!;
    const attempt = services.planEditing.updateElement(
      SYSTEM,
      planId,
      'activity',
      'buurtbemiddeling',
      { ...buurt, partners: ['bestaat-niet'] },
      await exact(),
    );
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    expect(((await attempt.catch((error) => error)) as ValidationError).problems).toEqual([
      { path: 'partners[0]', message: expect.stringContaining('bestaat-niet') },
    ]);
    expect(await version()).toBe(before);
  });

  it('puts the working copy back and ends what the revision added when it is withdrawn', async () => {
    await services.planEditing.addElement(
      SYSTEM,
      planId,
      'partner',
      {
        sleutel: 'woningcorporatie',
        naam: 'Woningcorporatie',
        soort: 'extern',
        kernpartner: false,
        onderdeelVan: null,
        omschrijving: null,
      },
      await exact(),
    );
    await services.planLifecycle.withdrawRevision(SYSTEM, planId, await version());
    const working = toContent(await services.plans.getWorkingCopy(SYSTEM, planId));
    const current = toContent(await services.plans.getPlan(SYSTEM, planId));
    expect(working).toEqual(current);
    const partner = await handle.db
      .selectFrom('partner')
      .select('endedVersion')
      .where('planId', '=', planId)
      .where('key', '=', 'woningcorporatie')
      .executeTakeFirstOrThrow();
    expect(partner.endedVersion).not.toBeNull();
    const revisions = await services.planLifecycle.revisions(SYSTEM, planId);
    expect(revisions.map((revision) => [revision.number, revision.status])).toEqual([
      [1, 'applied'],
      [2, 'withdrawn'],
    ]);
  });

  it('starts the next plan as a copy, linked to its predecessor, with indicators in the same lineage', async () => {
    await services.monitoring.recordMeasurement(SYSTEM, planId, 'rapportcijfer-veiligheid-buurt', {
      period: { kind: 'year', year: 2021, number: 0 },
      value: 7.6,
      suppressed: false,
      numerator: null,
      denominator: null,
      note: null,
    });
    const nextId = await services.planLifecycle.startPlan(SYSTEM, {
      municipalityCode: 'GM1641',
      title: 'Integraal Veiligheidsplan 2023-2026',
      summary: 'Het vervolg op het plan 2019-2022.',
      periodStart: 2023,
      periodEnd: 2026,
      start: { kind: 'copy', planId },
    });
    const next = await services.plans.getPlan(SYSTEM, nextId);
    expect(next.status).toBe('draft');
    expect(next.predecessorId).toBe(planId);
    const previous = await services.plans.getPlan(SYSTEM, planId);
    const lineage = (plan: typeof next) =>
      new Map(
        [...plan.indicators, ...plan.themes.flatMap((theme) => theme.indicators)].map((indicator) => [indicator.key, indicator.lineageId]),
      );
    const [before, after] = [lineage(previous), lineage(next)];
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    for (const [key, id] of after) expect(id).toBe(before.get(key));
    const misdrijven = next.indicators.find((indicator) => indicator.key === 'misdrijven-per-1000-inwoners')!;
    const previousMisdrijven = previous.indicators.find((indicator) => indicator.key === 'misdrijven-per-1000-inwoners')!;
    const ids = await new PlanRepository(handle.db).indicatorIdsOfLineage(misdrijven.id);
    expect(ids.sort()).toEqual([misdrijven.id, previousMisdrijven.id].sort());
    // The measurements of the earlier plan continue in the new one, under its own indicator.
    const monitor = await services.monitoring.indicator(SYSTEM, nextId, 'rapportcijfer-veiligheid-buurt');
    expect(monitor.history.map((entry) => [entry.period.year, entry.value, entry.indicatorId])).toEqual([
      [2021, 7.6, monitor.monitor.indicator.id],
    ]);
    // A concept is edited freely, without a revision.
    await services.planEditing.updatePlanFields(
      SYSTEM,
      nextId,
      { ...toContent(next), subtitle: 'samen verder' },
      { expected: next.version, match: 'exact' },
    );
    expect((await services.plans.getPlan(SYSTEM, nextId)).subtitle).toBe('samen verder');
  });

  it('starts a concept from the catalogue with the chosen priorities and strategic themes', async () => {
    const id = await services.planLifecycle.startPlan(SYSTEM, {
      municipalityCode: 'GM1641',
      title: 'Concept IVP 2027-2030',
      summary: 'Een nieuw plan, opgebouwd vanuit het Kernbeleid Veiligheid.',
      periodStart: 2027,
      periodEnd: 2030,
      catalogueEdition: '2022',
      start: { kind: 'catalogue', priorities: ['5.2', '1.3'], strategic: ['D.1'] },
    });
    const plan = await services.plans.getPlan(SYSTEM, id);
    expect(plan.themes.map((theme) => [theme.key, theme.catalogueThemeCodes])).toEqual([
      ['prioriteit-1', ['5.2']],
      ['prioriteit-2', ['1.3']],
      ['strategisch-1', ['D.1']],
    ]);
    await expect(
      services.planLifecycle.startPlan(SYSTEM, {
        municipalityCode: 'GM1641',
        title: 'Concept',
        summary: 'x',
        periodStart: 2027,
        periodEnd: 2030,
        catalogueEdition: '2017',
        start: { kind: 'catalogue', priorities: ['D.1'], strategic: [] },
      }),
    ).rejects.toBeInstanceOf(ValidationError);
  });

  it('updates a concept from an edited document by key: what stayed keeps its id, what is gone is ended', async () => {
    const id = (await services.plans.listPlans(SYSTEM)).find((plan) => plan.title === 'Concept IVP 2027-2030')!.id;
    const plan = await services.plans.getPlan(SYSTEM, id);
    const document = planContentToDocument(toContent(plan));
    document.plan.themas[0]!.naam = 'Ondermijning';
    document.plan.themas.splice(1, 1);
    await services.planEditing.replaceContent(SYSTEM, id, document, { expected: plan.version, match: 'exact' });
    const after = await services.plans.getPlan(SYSTEM, id);
    expect(after.themes.map((theme) => [theme.key, theme.name])).toEqual([
      ['prioriteit-1', 'Ondermijning'],
      ['strategisch-1', 'Gedigitaliseerde criminaliteit'],
    ]);
    expect(after.themes[0]!.id).toBe(plan.themes[0]!.id);
    const ended = await handle.db
      .selectFrom('planTheme')
      .select('endedVersion')
      .where('id', '=', plan.themes[1]!.id)
      .executeTakeFirstOrThrow();
    expect(ended.endedVersion).toBe(after.version);
  });

  it('answers a date before adoption and an unknown plan as not found', async () => {
    await expect(services.plans.getPlan(SYSTEM, planId, { asOf: '2019-01-28' })).rejects.toBeInstanceOf(NotFoundError);
    const count = await sql<{ count: number }>`select count(*)::int as count from plan_snapshot where plan_id = ${planId}`.execute(
      handle.db,
    );
    expect(count.rows[0]?.count).toBe(2);
  });
});
