/**
 * Progress reporting on the Maasgouw example, on both engines: rounds, who may
 * report on which activity (the object-level rules), corrections that
 * supersede, the portfolio holder's review, a closed round that is frozen,
 * the roll-up, and what happens when many report at once or a step fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ConflictError, ForbiddenError, UnauthenticatedError, ValidationError } from '../src/domain/errors.js';
import type { Plan } from '../src/domain/plan.js';
import { AccountRepository, type RoleLink } from '../src/features/accounts/account.repository.js';
import { type Actor, ANONYMOUS, SYSTEM } from '../src/features/accounts/actor.js';
import { loadExampleIfEmpty, readExampleDocument } from '../src/features/plans/example-plan.js';
import { ProgressService } from '../src/features/progress/progress.service.js';
import { ReportingRoundService } from '../src/features/progress/reporting-rounds.service.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('progress of the implementation plan on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let progress: ProgressService;
  let rounds: ReportingRoundService;
  let plan: Plan;
  const actors: Record<string, Actor> = {};

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    // Today is in the second half of 2020: the round of 2019 is the one to report in.
    progress = new ProgressService(services.uow, services.plans, { today: () => '2020-03-15' });
    rounds = new ReportingRoundService(services.uow, services.plans, progress);
    plan = (await loadExampleIfEmpty(services.plans)) as Plan;
    const accounts = new AccountRepository(handle.db);
    const people: [string, 'coordinator' | 'partner' | 'portefeuillehouder' | 'lezer', Partial<RoleLink>][] = [
      ['coordinator', 'coordinator', {}],
      ['politie', 'partner', { partnerKey: 'politie' }],
      ['veiligheidsregio', 'partner', { partnerKey: 'veiligheidsregio' }],
      ['burgemeester', 'portefeuillehouder', { portfolioHolderKey: 'burgemeester' }],
      ['wethouder', 'portefeuillehouder', { portfolioHolderKey: 'wethouder-zorg-welzijn' }],
      ['raadslid', 'lezer', {}],
    ];
    for (const [who, role, link] of people) {
      const userId = await services.auth.createUser({
        name: who,
        email: `${who}@maasgouw.example`,
        password: null,
        isAdministrator: false,
      });
      await accounts.grantRole(userId, 'GM1641', role, { partnerKey: null, portfolioHolderKey: null, ...link });
      actors[who] = { ...((await accounts.loadActor(userId)) as Actor), ip: '192.0.2.7' };
    }
  }, 120_000);

  afterAll(() => handle?.close());

  const entriesOf = (activity: string) =>
    handle.db
      .selectFrom('progressEntry')
      .innerJoin('activity', 'activity.id', 'progressEntry.activityId')
      .selectAll('progressEntry')
      .where('activity.key', '=', activity)
      .orderBy('progressEntry.enteredAt')
      .execute();

  it('lets partners and leads report only in an open round, and the coordinator also without one', async () => {
    await expect(progress.record(actors.politie!, plan.id, 'burgernet', '2019', { status: 'loopt', note: '' }, 'web')).rejects.toThrow(
      new ConflictError('Er is geen rapportageronde geopend voor 2019: de coördinator opent die'),
    );
    await expect(rounds.openRound(actors.politie!, plan.id, '2019')).rejects.toBeInstanceOf(ForbiddenError);
    const round = await rounds.openRound(actors.coordinator!, plan.id, '2019', '2020-04-30');
    expect(round).toMatchObject({ periodKey: '2019', deadline: '2020-04-30', closedAt: null });
    await expect(rounds.openRound(actors.coordinator!, plan.id, '2019')).rejects.toBeInstanceOf(ConflictError);
    await expect(rounds.openRound(actors.coordinator!, plan.id, '2031')).rejects.toMatchObject({
      problems: [{ path: 'periode', message: '2031 is geen rapportageperiode van dit plan (van 2019 tot en met 2022)' }],
    });
    const entry = await progress.record(
      actors.coordinator!,
      plan.id,
      'gedragscode-onderhouden',
      '2020',
      { status: 'loopt', note: 'Gestart' },
      'api',
    );
    expect(entry).toMatchObject({ enteredAs: 'coordinator', enteredVia: 'api', enteredFrom: '192.0.2.7', asOf: '2020-03-15' });
  });

  it('lets a partner report only on the activities its partner takes part in, and a lead only on what he or she leads', async () => {
    const politie = await progress.record(
      actors.politie!,
      plan.id,
      'burgernet',
      '2019',
      { status: 'doorlopend', note: 'Burgernet draait in alle kernen', asOf: '2019-12-31' },
      'web',
    );
    expect(politie).toMatchObject({
      enteredAs: 'partner',
      enteredFor: 'politie',
      statusKey: 'doorlopend',
      enteredByLabel: 'politie <politie@maasgouw.example>',
    });
    // The police takes no part in the mediation of neighbours; the safety region none in Burgernet.
    await expect(
      progress.record(actors.politie!, plan.id, 'buurtbemiddeling', '2019', { status: 'loopt', note: '' }, 'web'),
    ).rejects.toThrow(ForbiddenError);
    await expect(
      progress.record(actors.veiligheidsregio!, plan.id, 'burgernet', '2019', { status: 'loopt', note: '' }, 'web'),
    ).rejects.toThrow(ForbiddenError);
    await expect(progress.record(actors.raadslid!, plan.id, 'burgernet', '2019', { status: 'loopt', note: '' }, 'web')).rejects.toThrow(
      ForbiddenError,
    );
    await expect(progress.record(ANONYMOUS, plan.id, 'burgernet', '2019', { status: 'loopt', note: '' }, 'web')).rejects.toThrow();
    const lead = await progress.record(
      actors.wethouder!,
      plan.id,
      'buurtbemiddeling',
      '2019',
      { status: 'vertraagd', note: 'Minder aanmeldingen dan gedacht', realised: 8 },
      'web',
    );
    expect(lead).toMatchObject({ enteredAs: 'lead', enteredFor: 'wethouder-zorg-welzijn', realised: 8 });
    await expect(progress.record(actors.wethouder!, plan.id, 'burgernet', '2019', { status: 'loopt', note: '' }, 'web')).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('refuses a bad report with every reason, and writes nothing', async () => {
    const before = await entriesOf('toezicht-op-en-rond-de-maasplassen');
    const error = await progress
      .record(
        actors.politie!,
        plan.id,
        'toezicht-op-en-rond-de-maasplassen',
        '2019',
        { status: 'bijna-klaar', note: 'x'.repeat(10_001), asOf: '2018-12-31', realised: 3, occurrences: -1 },
        'web',
      )
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).problems.map((problem) => problem.path)).toEqual([
      'status',
      'toelichting',
      'peildatum',
      'gerealiseerd',
      'keren',
    ]);
    expect((error as ValidationError).problems[2]?.message).toBe('valt voor het begin van 2019 (2019-01-01)');
    expect(await entriesOf('toezicht-op-en-rond-de-maasplassen')).toEqual(before);
  });

  it('keeps a correction beside the entry it supersedes, and an approval counts only for the entry it approved', async () => {
    const first = await progress.review(actors.wethouder!, plan.id, 'buurtbemiddeling', '2019', {
      decision: 'sent_back',
      remark: 'Noem het aantal casussen per kern',
    });
    expect(first.decision).toBe('sent_back');
    await expect(
      progress.review(actors.wethouder!, plan.id, 'buurtbemiddeling', '2019', { decision: 'sent_back', remark: ' ' }),
    ).rejects.toMatchObject({
      problems: [{ path: 'opmerking' }],
    });
    // Only the lead approves: not the partner, not the coordinator.
    await expect(progress.review(actors.politie!, plan.id, 'burgernet', '2019', { decision: 'approved', remark: '' })).rejects.toThrow(
      ForbiddenError,
    );
    await expect(progress.review(actors.coordinator!, plan.id, 'burgernet', '2019', { decision: 'approved', remark: '' })).rejects.toThrow(
      ForbiddenError,
    );

    let view = await progress.overview(actors.coordinator!, plan.id, { period: '2019' });
    expect(view.rows.find((row) => row.activity.key === 'buurtbemiddeling')?.state).toBe('sent_back');
    const corrected = await progress.record(
      actors.wethouder!,
      plan.id,
      'buurtbemiddeling',
      '2019',
      { status: 'vertraagd', note: 'Acht casussen, vooral in Maasbracht', realised: 8 },
      'web',
    );
    view = await progress.overview(actors.coordinator!, plan.id, { period: '2019' });
    const row = view.rows.find((candidate) => candidate.activity.key === 'buurtbemiddeling');
    expect(row).toMatchObject({ state: 'submitted', review: null, plannedQuantity: 20 });
    const stale = await progress
      .review(actors.wethouder!, plan.id, 'buurtbemiddeling', '2019', { decision: 'approved', remark: '', entryId: first.entryId })
      .catch((caught: unknown) => caught);
    expect(stale).toBeInstanceOf(ConflictError);
    await progress.review(actors.wethouder!, plan.id, 'buurtbemiddeling', '2019', {
      decision: 'approved',
      remark: '',
      entryId: corrected.id,
    });
    view = await progress.overview(actors.coordinator!, plan.id, { period: '2019' });
    expect(view.rows.find((candidate) => candidate.activity.key === 'buurtbemiddeling')?.state).toBe('approved');

    const history = await entriesOf('buurtbemiddeling');
    expect(history.map((entry) => [entry.note, entry.supersededAt === null])).toEqual([
      ['Minder aanmeldingen dan gedacht', false],
      ['Acht casussen, vooral in Maasbracht', true],
    ]);
    const audit = await handle.db
      .selectFrom('auditEvent')
      .select('action')
      .where('action', 'like', 'progress.%')
      .orderBy('sequence')
      .execute();
    expect(audit.map((event) => event.action)).toEqual([
      'progress.recorded',
      'progress.recorded',
      'progress.recorded',
      'progress.sent-back',
      'progress.corrected',
      'progress.approved',
    ]);
  });

  it('rolls progress up per workstream, theme and plan, with stopped activities left out and quantities against planned', async () => {
    await progress.record(
      actors.coordinator!,
      plan.id,
      'preparatie-op-sociale-crises',
      '2019',
      { status: 'gestopt', note: 'Belegd bij de regio' },
      'web',
    );
    await progress.record(actors.coordinator!, plan.id, 'crisisinterventie-opvang', '2019', { status: 'afgerond', note: '' }, 'web');
    const view = await progress.overview(actors.raadslid!, plan.id, { period: '2019', asOf: '2019-12-31' });
    const theme = view.themes.find((candidate) => candidate.theme.key === 'prioriteit-1');
    const rolled = theme?.progress.rollUp;
    expect(rolled).toMatchObject({ counted: 10, stopped: 1, quantities: { planned: 20, realised: 8, activities: 1 } });
    expect(rolled?.byStatus).toEqual([
      { key: 'vertraagd', weight: 1, count: 1, share: 0.1 },
      { key: 'afgerond', weight: 1, count: 1, share: 0.1 },
      { key: 'niet-gerapporteerd', weight: 1 * 8, count: 8, share: 0.8 },
    ]);
    // A theme with indicators gets no proposal; the plan's count is every activity planned in 2019.
    expect(theme?.progress.proposal).toBeNull();
    expect(view.whole.rollUp.counted + view.whole.rollUp.stopped).toBe(view.rows.filter((row) => row.state !== 'not_planned').length);
    const recurring = view.rows.find((row) => row.activity.key === 'toezicht-op-en-rond-de-maasplassen');
    expect(recurring?.expectedOccurrences).toBe(4);
    // Nobody but those who may: the reader sees it all and may change nothing.
    expect(view.may).toMatchObject({ manage: false });
    expect(view.may.report.size).toBe(0);
  });

  it('proposes an assessment for a theme judged by its activities, which the coordinator confirms or overrides with a reason', async () => {
    const fireSafety = ['vergunning-en-handhaving-brandveilig-gebruik', 'overkoepelend'];
    const keys =
      plan.themes
        .find((theme) => theme.key === 'strategisch-6')
        ?.workstreams.flatMap((workstream) => workstream.activities.map((a) => a.key)) ?? [];
    expect(keys.length).toBeGreaterThan(fireSafety.length);
    for (const key of keys) await progress.record(actors.coordinator!, plan.id, key, '2019', { status: 'doorlopend', note: '' }, 'web');
    let view = await progress.overview(actors.coordinator!, plan.id, { period: '2019' });
    expect(view.themes.find((theme) => theme.theme.key === 'strategisch-6')?.progress.proposal).toBe('met');
    await expect(
      rounds.assessTheme(actors.coordinator!, plan.id, 'strategisch-6', '2019', { judgement: 'on_course', reason: '' }),
    ).rejects.toMatchObject({ problems: [{ path: 'toelichting' }] });
    await expect(rounds.assessTheme(actors.politie!, plan.id, 'strategisch-6', '2019', { judgement: 'met', reason: '' })).rejects.toThrow(
      ForbiddenError,
    );
    const confirmed = await rounds.assessTheme(actors.coordinator!, plan.id, 'strategisch-6', '2019', { judgement: 'met', reason: '' });
    expect(confirmed).toMatchObject({ year: 2019, judgement: 'met' });
    const overridden = await rounds.assessTheme(actors.coordinator!, plan.id, 'strategisch-6', '2019', {
      judgement: 'attention',
      reason: 'De dekkingsgraad staat onder druk',
    });
    expect(overridden.text).toBe('De dekkingsgraad staat onder druk');
    const stored = await handle.db
      .selectFrom('themeAssessment')
      .select(['judgement', 'proposedJudgement', 'supersededAt'])
      .where('year', '=', 2019)
      .orderBy('enteredAt')
      .execute();
    expect(stored.map((row) => [row.judgement, row.proposedJudgement, row.supersededAt === null])).toEqual([
      ['met', 'met', false],
      ['attention', 'met', true],
    ]);
    view = await progress.overview(actors.coordinator!, plan.id, { period: '2019' });
    expect(view.themes.find((theme) => theme.theme.key === 'prioriteit-2')?.progress.proposal).toBeNull();
  });

  it('counts an activity with the weight the plan gives it, and keeps the weight through export and import', async () => {
    const document = (await readExampleDocument()) as {
      plan: { titel: string; themas: { onderdelen: { activiteiten: { sleutel: string; gewicht?: number }[] }[] }[] };
    };
    const copy = structuredClone(document);
    copy.plan.titel = 'IVP met gewichten';
    const mediation = copy.plan.themas
      .flatMap((theme) => theme.onderdelen.flatMap((workstream) => workstream.activiteiten))
      .find((activity) => activity.sleutel === 'buurtbemiddeling');
    if (!mediation) throw new Error('no mediation in the example');
    mediation.gewicht = 3;
    const weighted = await services.plans.importPlan(SYSTEM, copy);
    await progress.record(actors.coordinator!, weighted.id, 'buurtbemiddeling', '2019', { status: 'vertraagd', note: '' }, 'web');
    await progress.record(actors.coordinator!, weighted.id, 'crisisinterventie-opvang', '2019', { status: 'afgerond', note: '' }, 'web');
    const view = await progress.overview(actors.coordinator!, weighted.id, { period: '2019' });
    const rolled = view.themes.find((entry) => entry.theme.key === 'prioriteit-1')?.progress.rollUp;
    // Eleven activities, one of weight 3: 13 in all.
    expect(rolled?.totalWeight).toBe(13);
    expect(rolled?.byStatus.find((entry) => entry.key === 'vertraagd')).toMatchObject({ count: 1, weight: 3, share: 3 / 13 });
    const exported = (await services.plans.exportPlan(SYSTEM, weighted.id)) as typeof document;
    const back = exported.plan.themas.flatMap((theme) => theme.onderdelen.flatMap((workstream) => workstream.activiteiten));
    expect(back.find((activity) => activity.sleutel === 'buurtbemiddeling')?.gewicht).toBe(3);
    expect(back.find((activity) => activity.sleutel === 'burgernet')).not.toHaveProperty('gewicht');
    copy.plan.titel = 'IVP met een fout gewicht';
    mediation.gewicht = 0;
    await expect(services.plans.importPlan(SYSTEM, copy)).rejects.toMatchObject({
      problems: [expect.objectContaining({ message: expect.stringContaining('groter dan 0') })],
    });
  });

  it('records many reports of one activity at the same moment one after another: one is current, none is lost', async () => {
    const notes = Array.from({ length: 12 }, (_, index) => `Melding ${index}`);
    const results = await Promise.allSettled(
      notes.map((note, index) =>
        progress.record(
          index % 2 ? actors.politie! : actors.burgemeester!,
          plan.id,
          'gerichte-controles-op-strategische-locaties',
          '2019',
          { status: 'loopt', note },
          'api',
        ),
      ),
    );
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    const entries = await entriesOf('gerichte-controles-op-strategische-locaties');
    expect(entries).toHaveLength(12);
    expect(entries.filter((entry) => entry.supersededAt === null)).toHaveLength(1);
    expect(new Set(entries.map((entry) => entry.note))).toEqual(new Set(notes));
  });

  it('freezes a closed round: a report that races the close either lands before it or is refused', async () => {
    const racing = Array.from({ length: 6 }, (_, index) =>
      progress.record(actors.politie!, plan.id, 'burgernet', '2019', { status: 'doorlopend', note: `Race ${index}` }, 'web'),
    );
    const closing = rounds.closeRound(actors.coordinator!, plan.id, '2019');
    const outcomes = await Promise.allSettled([...racing, closing]);
    const round = await closing;
    expect(round.closedAt).not.toBeNull();
    for (const outcome of outcomes.slice(0, 6)) {
      if (outcome.status === 'rejected') expect(outcome.reason).toBeInstanceOf(ConflictError);
    }
    const late = await handle.db
      .selectFrom('progressEntry')
      .select('enteredAt')
      .where('periodKey', '=', '2019')
      .where('enteredAt', '>', round.closedAt as string)
      .execute();
    expect(late).toEqual([]);
    await expect(progress.record(actors.coordinator!, plan.id, 'burgernet', '2019', { status: 'loopt', note: '' }, 'web')).rejects.toThrow(
      new ConflictError('De ronde van 2019 is gesloten: de voortgang ligt vast'),
    );
    await expect(progress.review(actors.burgemeester!, plan.id, 'burgernet', '2019', { decision: 'approved', remark: '' })).rejects.toThrow(
      ConflictError,
    );
    await expect(rounds.closeRound(actors.coordinator!, plan.id, '2019')).rejects.toThrow(ConflictError);
  });

  it('writes neither the entry nor the audit event when the audit event cannot be written', async () => {
    await rounds.openRound(actors.coordinator!, plan.id, '2020');
    const before = await entriesOf('burgernet');
    const failing = createServices(handle);
    const broken = new ProgressService(
      {
        read: (work) => failing.uow.read(work),
        write: (work) =>
          failing.uow.write((repos) =>
            work({
              ...repos,
              audit: Object.assign(Object.create(Object.getPrototypeOf(repos.audit)), repos.audit, {
                record: async () => {
                  throw new Error('schijf vol');
                },
              }),
            }),
          ),
      },
      failing.plans,
      { today: () => '2020-03-15' },
    );
    await expect(
      broken.record(actors.politie!, plan.id, 'burgernet', '2020', { status: 'loopt', note: 'Half geschreven?' }, 'web'),
    ).rejects.toThrow('schijf vol');
    expect(await entriesOf('burgernet')).toEqual(before);
  });

  it('lets only the coordinator set how often the plan reports, and only before anything is reported', async () => {
    await expect(rounds.setFrequency(actors.politie!, plan.id, 'quarter')).rejects.toThrow(ForbiddenError);
    await expect(rounds.setFrequency(actors.coordinator!, plan.id, 'maandelijks')).rejects.toMatchObject({
      problems: [{ path: 'frequentie' }],
    });
    await expect(rounds.setFrequency(actors.coordinator!, plan.id, 'quarter')).rejects.toThrow(ConflictError);
    await expect(progress.overview(ANONYMOUS, plan.id)).resolves.toMatchObject({ period: { key: '2020' } });
    await expect(progress.myRounds(ANONYMOUS)).rejects.toThrow(UnauthenticatedError);
  });

  it("adds a status of the plan's own with the meaning of a built-in one", async () => {
    const status = await rounds.addStatus(actors.coordinator!, plan.id, {
      key: 'in-voorbereiding',
      label: 'In voorbereiding',
      meaning: 'niet-gestart',
    });
    expect(status).toEqual({ key: 'in-voorbereiding', label: 'In voorbereiding', meaning: 'not_started' });
    await expect(rounds.addStatus(actors.coordinator!, plan.id, { key: 'loopt', label: 'Loopt', meaning: 'loopt' })).rejects.toThrow(
      ConflictError,
    );
    await expect(rounds.addStatus(actors.coordinator!, plan.id, { key: 'Fout!', label: '', meaning: 'raar' })).rejects.toMatchObject({
      problems: [{ path: 'sleutel' }, { path: 'naam' }, { path: 'betekenis' }],
    });
    const entry = await progress.record(actors.politie!, plan.id, 'burgernet', '2020', { status: 'in-voorbereiding', note: '' }, 'web');
    expect(entry.statusKey).toBe('in-voorbereiding');
    const view = await progress.overview(SYSTEM, plan.id, { period: '2020' });
    expect(view.rows.find((row) => row.activity.key === 'burgernet')?.status?.label).toBe('In voorbereiding');
  });

  it('shows each partner and lead what is theirs in the open rounds', async () => {
    const politie = await progress.myRounds(actors.politie!);
    expect(politie.map((round) => round.period.key)).toEqual(['2020']);
    const keys = politie[0]?.activities.map((activity) => activity.row.activity.key) ?? [];
    expect(keys).toContain('burgernet');
    expect(keys).not.toContain('buurtbemiddeling');
    expect(politie[0]?.activities.every((activity) => activity.reporter?.as === 'partner' && !activity.approves)).toBe(true);
    const mayor = await progress.myRounds(actors.burgemeester!);
    const burgernet = mayor[0]?.activities.find((activity) => activity.row.activity.key === 'burgernet');
    expect(burgernet).toMatchObject({ approves: true, reporter: { as: 'lead', for: 'burgemeester' }, row: { state: 'submitted' } });
    expect(await progress.myRounds(actors.raadslid!)).toEqual([]);
  });
});
