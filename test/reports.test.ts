/**
 * Progress reports on both engines: the report model of the Maasgouw example
 * with a year's data (not the bytes of a file), of the bare example for each
 * year, and of a joint plan of two municipalities; the versions (a concept
 * prefilled from the data, texts kept per version, a definitive version
 * frozen with its checksum and unchanged when the data change, a new version
 * with a reason); who may see and do what; two people at the same moment;
 * and a finalisation that fails as a job without taking anything with it.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../src/domain/errors.js';
import { type Actor, ANONYMOUS, SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { REPORT_FORMATS } from '../src/features/reports/render/render-report.js';
import { reportOutline } from '../src/features/reports/render/report-outline.js';
import type { ReportModel } from '../src/features/reports/report-model.js';
import { createServices } from '../src/server.js';
import { person } from './people.js';
import { REPORT_EXAMPLE, reportExample } from './report-example.js';
import { createTestDatabase, ENGINES } from './test-database.js';

type Services = ReturnType<typeof createServices>;

const indicator = (model: ReportModel, key: string) =>
  [...model.planIndicators, ...model.themes.flatMap((theme) => theme.indicators)].find((candidate) => candidate.key === key);

describe.each(ENGINES)('progress reports on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: Services;
  let planId: string;
  let coordinator: Actor;
  let reader: Actor;
  let partner: Actor;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    planId = await reportExample(services, { published: true });
    coordinator = await person(handle, services, 'oov@maasgouw.example', 'coordinator');
    reader = await person(handle, services, 'raad@maasgouw.example', 'lezer');
    partner = await person(handle, services, 'politie@maasgouw.example', 'partner');
  }, 120_000);
  afterAll(() => handle.close());

  describe('the report model', () => {
    let model: ReportModel;
    beforeAll(async () => {
      model = await services.reports.model(coordinator, planId, REPORT_EXAMPLE.year);
    });

    it('counts the indicators by their status in the year and names what went well and what is behind', () => {
      expect(model.summary.indicators).toEqual({ met: 2, on_course: 1, attention: 1, off_course: 1, no_data: 4 });
      expect(model.summary.wentWell).toEqual(
        expect.arrayContaining([
          'totaal misdrijven per 1.000 inwoners',
          'totaal incidenten bedrijfscriminaliteit',
          'Wet aanpak woonoverlast',
        ]),
      );
      expect(model.summary.behind).toEqual(expect.arrayContaining(['totaal woninginbraken', 'meldingen overlast jeugd', 'Burgernet']));
      expect(model.summary.activities).toEqual([
        { status: 'Loopt', count: 4 },
        { status: 'Vertraagd', count: 2 },
        { status: 'Afgerond', count: 1 },
      ]);
      expect(model.asOf).toBe('2020-12-31');
      expect(model.period.key).toBe('2020');
    });

    it('shows every indicator with baseline, target and a value per year, a suppressed figure as suppressed, and its status a year before', () => {
      const crime = indicator(model, 'misdrijven-per-1000-inwoners');
      expect(crime).toMatchObject({ status: 'met', previousStatus: 'on_course', latestYear: 2020, unit: 'per 1.000 inwoners' });
      expect(crime?.baseline).toEqual({ value: 30.5, year: 2017 });
      expect(crime?.values.map((value) => [value.year, value.value])).toEqual([
        [2017, null],
        [2018, 29.9],
        [2019, 29.1],
        [2020, 27.6],
      ]);
      const vehicles = indicator(model, 'diefstal-motorvoertuigen');
      expect(vehicles?.values.find((value) => value.year === 2019)).toMatchObject({ value: null, suppressed: true });
      expect(model.summary.changed).toEqual(
        expect.arrayContaining([
          'totaal misdrijven per 1.000 inwoners: van op koers naar gehaald',
          'meldingen overlast jeugd: van gehaald naar uit koers',
        ]),
      );
    });

    it('gives each theme its activities with status and note, its judgement without indicators, its revisions and its budget', () => {
      const first = model.themes.find((theme) => theme.key === 'prioriteit-1');
      expect(first?.activities.find((activity) => activity.key === 'buurtbemiddeling')).toMatchObject({
        status: 'Loopt',
        note: '41 zaken aangemeld, 29 afgerond.',
        reportedOn: '2020-12-15',
      });
      expect(first?.activities.find((activity) => activity.key === 'nazorg-ex-gedetineerden')).toMatchObject({ status: null });
      expect(first?.budget).toEqual({ planned: 4_500_000, realised: 4_210_050, requested: 0 });
      expect(first?.changes).toHaveLength(3);
      expect(first?.changes.map((change) => change.text).join(' ')).toContain('Buurtbemiddeling');
      const second = model.themes.find((theme) => theme.key === 'prioriteit-2');
      expect(second?.assessment).toEqual({ judgement: 'on_course', text: REPORT_EXAMPLE.assessment.text });
      expect(model.revisions).toEqual([
        expect.objectContaining({ number: 1, decidedOn: '2020-06-01', reason: 'Meer buurtbemiddeling na de evaluatie van 2019' }),
      ]);
      expect(model.budgetTotal).toEqual({ planned: 6_500_000, realised: 6_560_050, requested: 0 });
    });

    it('says plainly what is missing and why, down to the BBV figures', () => {
      expect(model.missing).toContain(
        'rapportcijfer veiligheid van de buurt: geen meting tot en met 2020; er is nog geen meting ingevoerd.',
      );
      expect(model.missing).toContain('Verkeersveiligheid: dit thema heeft geen indicatoren en voor 2020 is nog geen oordeel vastgelegd.');
      expect(model.missing).toContain('Voor 87 activiteiten is over 2020 geen voortgang gemeld.');
      expect(
        model.missing.some(
          (line) =>
            line.startsWith('BBV Winkeldiefstallen per 1.000 inwoners, Maasgouw, 2020: ') && line.includes('inwonertal 2020 ontbreekt'),
        ),
      ).toBe(true);
      expect(model.bbv).toHaveLength(1);
      expect(model.bbv[0]?.indicators.map((entry) => entry.key)).toEqual([
        'winkeldiefstallen',
        'geweldsmisdrijven',
        'diefstallen-uit-woning',
        'vernielingen',
        'verwijzingen-halt',
      ]);
    });

    it('has no was/wordt without a predecessor: neither in the model nor as a section', () => {
      expect(model.wasWordt).toBeNull();
      const { blocks } = reportOutline({ model, texts: { introduction: '', themes: {} }, version: null });
      expect(blocks.some((block) => block.kind === 'heading' && block.id === 'was-wordt')).toBe(false);
    });

    it('lists every value it rests on with source, period and provenance', () => {
      const measured = model.data.filter((datum) => datum.kind === 'meting');
      // 14 values entered by hand, one of them suppressed (kept, as null).
      expect(measured).toHaveLength(14);
      expect(measured.find((datum) => datum.key === 'woninginbraken' && datum.period === '2020')).toMatchObject({
        value: 63,
        unit: 'aantal',
        source: 'politie',
      });
      expect(model.data.filter((datum) => datum.kind === 'voortgang')).toHaveLength(7);
      expect(model.data.filter((datum) => datum.kind === 'begroting').map((datum) => datum.value)).toEqual([45000, 42100.5, 20000, 23500]);
      expect(model.data.find((datum) => datum.kind === 'oordeel')).toMatchObject({ key: 'prioriteit-2', unit: 'op koers' });
      for (const datum of model.data) expect(datum.provenance).not.toBe('');
    });

    it('shows the plan as it stood at the end of the year: before a revision its old indicator, after it the new activity', async () => {
      const before = await services.reports.model(coordinator, planId, 2019);
      expect(indicator(before, 'overlast-buurtbewoners')).toBeDefined();
      const activities = (report: ReportModel) => report.themes.flatMap((theme) => theme.activities.map((activity) => activity.name));
      expect(activities(before)).not.toContain('Voorlichting over babbeltrucs');
      expect(before.revisions).toEqual([]);
      expect(indicator(model, 'overlast-buurtbewoners')).toBeUndefined();
      expect(activities(model)).toContain('Voorlichting over babbeltrucs');
    });

    it('is made for each year of the bare example, saying that nothing was measured or reported', async () => {
      const bare = (await services.plans.importPlan(SYSTEM, await readExampleDocument())).id;
      for (const year of [2019, 2020, 2021]) {
        const plain = await services.reports.model(SYSTEM, bare, year);
        expect(plain.year).toBe(year);
        expect(plain.summary.indicators.no_data).toBe(10);
        expect(plain.summary.activities).toEqual([]);
        expect(plain.missing).toContain(
          'totaal woninginbraken: geen meting tot en met ' +
            year +
            '; de open data zijn nog niet opgehaald, of hebben over dat jaar nog geen cijfer.',
        );
        expect(plain.missing.some((line) => /^Voor \d+ activiteiten is over \d{4} geen voortgang gemeld\.$/.test(line))).toBe(true);
      }
      await expect(services.reports.model(SYSTEM, bare, 2018)).rejects.toBeInstanceOf(ValidationError);
    });

    it('shows the progress of the latest period of the year with something reported, when the plan reports per quarter', async () => {
      const quarterly = (await services.plans.importPlan(SYSTEM, await readExampleDocument())).id;
      await services.rounds.setFrequency(SYSTEM, quarterly, 'quarter');
      await services.progress.record(SYSTEM, quarterly, 'burgernet', '2021-Q3', { status: 'loopt', note: 'Q3', asOf: '2021-09-30' }, 'web');
      const model = await services.reports.model(SYSTEM, quarterly, 2021);
      expect(model.period.key).toBe('2021-Q3');
      expect(model.themes.flatMap((theme) => theme.activities).find((activity) => activity.key === 'burgernet')).toMatchObject({
        status: 'Loopt',
        note: 'Q3',
      });
    });
  });

  it('makes the model of a joint plan of two municipalities with the BBV figures of each', async () => {
    const example = (await readExampleDocument()) as any;
    const joint = {
      ...example,
      plan: {
        ...example.plan,
        titel: 'Gezamenlijk plan',
        gemeenten: [
          { code: 'GM1641', naam: 'Maasgouw' },
          { code: 'GM1669', naam: 'Roerdalen' },
        ],
      },
    };
    const jointId = (await services.plans.importPlan(SYSTEM, joint)).id;
    await services.monitoring.recordBbvEntry(SYSTEM, jointId, { municipality: 'GM1669', year: 2021, value: 7 });
    const model = await services.reports.model(SYSTEM, jointId, 2021);
    expect(model.plan.municipalities).toEqual(['Maasgouw', 'Roerdalen']);
    expect(model.bbv.map((municipality) => municipality.code)).toEqual(['GM1641', 'GM1669']);
    expect(model.data.filter((datum) => datum.kind === 'bbv')).toHaveLength(10);
    // Roerdalen's Halt referrals are entered; without its number of youths there is still no rate, and the reason says so.
    const halt = model.bbv[1]?.indicators.find((entry) => entry.key === 'verwijzingen-halt');
    expect(halt?.values.at(-1)?.missing).toContain('jongeren');
    // Someone with a role in only one of the two municipalities may not make its reports.
    await expect(services.reports.create(coordinator, jointId, 2021)).rejects.toBeInstanceOf(ForbiddenError);
  });

  describe('versions', () => {
    it('starts a concept with a factual summary as its texts, one concept at a time', async () => {
      const concept = await services.reports.create(coordinator, planId, 2021);
      expect(concept).toMatchObject({ number: 1, status: 'concept', checksum: null });
      expect(concept.texts.introduction).toContain('over 2021');
      expect(concept.texts.introduction).toContain('31 december 2021 als peildatum');
      expect(Object.keys(concept.texts.themes)).toHaveLength(13);
      expect(concept.texts.themes['prioriteit-3']).toContain('totaal woninginbraken (aandacht, laatste meting 2020)');
      await expect(services.reports.create(coordinator, planId, 2021)).rejects.toBeInstanceOf(ConflictError);
    });

    it('keeps texts per version, refuses what does not fit with every reason, and records who changed them in the same step', async () => {
      await services.reports.editTexts(coordinator, planId, 2021, 1, {
        introduction: 'Eigen inleiding.',
        themes: { 'prioriteit-1': 'Eigen tekst.' },
      });
      const document = await services.reports.document(coordinator, planId, 2021, 1);
      expect(document.texts.introduction).toBe('Eigen inleiding.');
      expect(document.texts.themes['prioriteit-1']).toBe('Eigen tekst.');
      expect(document.texts.themes['prioriteit-2']).toContain('Voor dit thema is nog geen oordeel vastgelegd.');
      const refused = services.reports.editTexts(coordinator, planId, 2021, 1, {
        introduction: 'x'.repeat(20_001),
        themes: { 'bestaat-niet': 'tekst' },
      });
      await expect(refused).rejects.toBeInstanceOf(ValidationError);
      await expect(refused).rejects.toMatchObject({
        problems: [
          { path: 'inleiding', message: expect.stringContaining('20000') },
          { path: 'themas.bestaat-niet', message: expect.stringContaining('bestaat-niet') },
        ],
      });
      expect((await services.reports.document(coordinator, planId, 2021, 1)).texts.introduction).toBe('Eigen inleiding.');
      const events = await handle.db.selectFrom('auditEvent').select(['action', 'after']).where('action', 'like', 'report.%').execute();
      expect(events.map((event) => event.action)).toEqual(['report.created', 'report.texts-edited']);
    });

    it('freezes a definitive version: the same files and model after the data change, a checksum over them, and texts that no longer change', async () => {
      const steps: string[] = [];
      const frozen = await services.reports.finalise(coordinator, planId, 2021, 1, (_done, _total, message) => steps.push(message));
      expect(steps).toEqual([
        'Gegevens verzamelen',
        'HTML maken',
        'PDF maken',
        'DOCX maken',
        'ODT maken',
        'CSV maken',
        'JSON maken',
        'Bewaren',
        'Klaar',
      ]);
      expect(frozen.status).toBe('definitief');
      expect(frozen.checksum).toMatch(/^[0-9a-f]{64}$/);
      expect(frozen.files.map((file) => file.format).sort()).toEqual([...REPORT_FORMATS].sort());
      const before = await services.reports.file(reader, planId, 2021, 1, 'pdf');
      expect(createHash('sha256').update(before.body).digest('hex')).toBe(frozen.files.find((file) => file.format === 'pdf')?.sha256);
      expect(before.fileName).toBe('voortgangsrapportage-2021-versie-1.pdf');

      await services.monitoring.recordMeasurement(SYSTEM, planId, 'woninginbraken', {
        period: { kind: 'year', year: 2021, number: 0 },
        value: 40,
        suppressed: false,
        numerator: null,
        denominator: null,
        note: null,
      });
      const after = await services.reports.file(reader, planId, 2021, 1, 'pdf');
      expect(Buffer.from(after.body).equals(Buffer.from(before.body))).toBe(true);
      const document = await services.reports.document(reader, planId, 2021, 1);
      expect(indicator(document.model, 'woninginbraken')?.values.find((value) => value.year === 2021)?.value).toBeNull();
      expect(indicator(await services.reports.model(SYSTEM, planId, 2021), 'woninginbraken')?.values.at(-1)?.value).toBe(40);

      // A model frozen before reports had was/wordt lacks the field: it is read, and shown without the section.
      const stored = await services.uow.read(({ reports }) => reports.frozenModel(frozen.id));
      expect(stored).toHaveProperty('wasWordt', null);
      const { wasWordt: _left, ...older } = stored as ReportModel;
      await handle.db
        .updateTable('reportVersion')
        .set({ model: JSON.stringify(older) })
        .where('id', '=', frozen.id)
        .execute();
      const olderDocument = await services.reports.document(reader, planId, 2021, 1);
      expect(olderDocument.model).not.toHaveProperty('wasWordt');
      const headings = reportOutline(olderDocument).blocks.flatMap((block) => (block.kind === 'heading' ? [block.id] : []));
      expect(headings).toContain('ontbreekt');
      expect(headings).not.toContain('was-wordt');

      await expect(services.reports.editTexts(coordinator, planId, 2021, 1, { introduction: 'Later.', themes: {} })).rejects.toBeInstanceOf(
        ConflictError,
      );
      await expect(services.reports.finalise(coordinator, planId, 2021, 1)).rejects.toBeInstanceOf(ConflictError);
    });

    it('follows a definitive version with a new one only for a reason, carrying its texts over', async () => {
      await expect(services.reports.create(coordinator, planId, 2021)).rejects.toMatchObject({ problems: [{ path: 'reden' }] });
      const second = await services.reports.create(coordinator, planId, 2021, 'Nieuwe cijfers over woninginbraken');
      expect(second).toMatchObject({ number: 2, status: 'concept', reason: 'Nieuwe cijfers over woninginbraken' });
      expect(second.texts.introduction).toBe('Eigen inleiding.');
      const overview = await services.reports.overview(coordinator, planId);
      expect(overview.versions.map((version) => [version.year, version.number, version.status])).toEqual([
        [2021, 2, 'concept'],
        [2021, 1, 'definitief'],
      ]);
      expect(overview.versions[1]?.createdByLabel).toContain('oov');
    });

    it('takes long texts through the API, and refuses a body over 2 MB before reading it, keeping the texts', async () => {
      const app = createApp(services);
      const token = (await services.auth.createApiToken((coordinator as { userId: string }).userId, 'teksten')).token;
      const put = (body: string) =>
        app.request(`/api/v1/plannen/${planId}/rapportages/2021/versies/2/teksten`, {
          method: 'PUT',
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
          body,
        });
      const long = 'Een lange toelichting. '.repeat(800);
      const accepted = await put(
        JSON.stringify({ inleiding: long, themas: { 'prioriteit-1': long, 'prioriteit-2': long, 'prioriteit-3': long } }),
      );
      expect(accepted.status).toBe(200);
      const refused = await put(JSON.stringify({ inleiding: 'x'.repeat(2 * 1024 * 1024), themas: {} }));
      expect(refused.status).toBe(413);
      expect((await services.reports.document(coordinator, planId, 2021, 2)).texts.introduction).toBe(long);
    });

    it('shows definitive versions to whoever may read the plan, concepts only to who makes reports', async () => {
      expect((await services.reports.overview(reader, planId)).versions.map((version) => version.number)).toEqual([1]);
      expect((await services.reports.overview(ANONYMOUS, planId)).versions.map((version) => version.number)).toEqual([1]);
      await expect(services.reports.document(reader, planId, 2021, 2)).rejects.toBeInstanceOf(NotFoundError);
      await expect(services.reports.file(ANONYMOUS, planId, 2021, 2, 'pdf')).rejects.toBeInstanceOf(NotFoundError);
      expect((await services.reports.file(ANONYMOUS, planId, 2021, 1, 'csv')).fileName).toBe(
        'voortgangsrapportage-2021-versie-1.gegevens.csv',
      );
      await expect(services.reports.create(partner, planId, 2022)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(services.reports.create(reader, planId, 2022)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(services.reports.editTexts(reader, planId, 2021, 2, { introduction: 'x', themes: {} })).rejects.toBeInstanceOf(
        ForbiddenError,
      );
      await expect(services.reports.finalise(partner, planId, 2021, 2)).rejects.toBeInstanceOf(ForbiddenError);
    });

    it('makes one concept and one definitive version when two people act at the same moment', async () => {
      const created = await Promise.allSettled([
        services.reports.create(coordinator, planId, 2019),
        services.reports.create(coordinator, planId, 2019),
      ]);
      expect(created.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(created.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(ConflictError) });
      const finalised = await Promise.allSettled([
        services.reports.finalise(coordinator, planId, 2019, 1),
        services.reports.finalise(coordinator, planId, 2019, 1),
      ]);
      expect(finalised.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      expect(finalised.find((result) => result.status === 'rejected')).toMatchObject({ reason: expect.any(ConflictError) });
      const files = await handle.db
        .selectFrom('reportFile')
        .innerJoin('reportVersion', 'reportVersion.id', 'reportFile.versionId')
        .select('reportFile.format')
        .where('reportVersion.planId', '=', planId)
        .where('reportVersion.year', '=', 2019)
        .execute();
      expect(files).toHaveLength(REPORT_FORMATS.length);
    });

    it('ends a finalisation job that fails with its reason, and leaves the report as it was', async () => {
      const concept = await services.reports.create(coordinator, planId, 2022);
      const { jobId } = await services.reportJobs.startFinalise(coordinator, planId, 2022, concept.number);
      // Made definitive by hand before the job runs: the job finds no concept to freeze.
      await services.reports.finalise(coordinator, planId, 2022, concept.number);
      await services.jobRunner.runPending();
      const job = await services.reportJobs.job(coordinator, planId, jobId);
      expect(job.status).toBe('failed');
      expect(job.error).toContain('al definitief');
      const files = await handle.db.selectFrom('reportFile').select('format').where('versionId', '=', concept.id).execute();
      expect(files).toHaveLength(REPORT_FORMATS.length);

      const next = await services.reports.create(coordinator, planId, 2022, 'Opnieuw');
      const started = await services.reportJobs.startFinalise(coordinator, planId, 2022, next.number);
      await services.jobRunner.runPending();
      expect(await services.reportJobs.job(coordinator, planId, started.jobId)).toMatchObject({
        status: 'done',
        result: { jaar: 2022, versie: next.number, bestanden: expect.arrayContaining(['pdf', 'odt']) },
      });
      await expect(services.reportJobs.job(partner, planId, started.jobId)).rejects.toBeInstanceOf(ForbiddenError);
    });
  });
});
