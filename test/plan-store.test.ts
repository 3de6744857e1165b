/**
 * Plans through service and repository on every engine of this run (PGlite, and
 * the PostgreSQL server when TEST_DATABASE_URL is set).
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ValidationError } from '../src/domain/errors.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { AuditRepository } from '../src/features/audit/audit.repository.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { PlanRepository } from '../src/features/plans/plan.repository.js';
import type { PlanService } from '../src/features/plans/plan.service.js';
import { planContentFromDocument } from '../src/features/plans/plan-document.mapper.js';
import type { PlanDocument } from '../src/features/plans/plan-document.schema.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

describe.each(ENGINES)('plans on %s', (engine) => {
  let handle: DatabaseHandle;
  let repository: PlanRepository;
  let service: PlanService;
  let example: PlanDocument;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    repository = new PlanRepository(handle.db);
    service = createServices(handle).plans;
    example = (await readExampleDocument()) as PlanDocument;
  });
  afterAll(() => handle.close());

  const countRows = async (table: string) =>
    Number((await sql<{ count: number }>`select count(*) as count from ${sql.table(table)}`.execute(handle.db)).rows[0]?.count);

  it('stores the whole example plan and exports exactly the document it was loaded from', async () => {
    const plan = await service.importPlan(SYSTEM, example);
    expect(await service.exportPlan(SYSTEM, plan.id)).toEqual(example);
  });

  it('gives an identical plan when an export is imported again', async () => {
    const [first] = await service.listPlans(SYSTEM);
    const exported = await service.exportPlan(SYSTEM, first!.id);
    const copy = await service.importPlan(SYSTEM, exported);
    expect(copy.id).not.toBe(first!.id);
    expect(await service.exportPlan(SYSTEM, copy.id)).toEqual(exported);
  });

  it('keeps one municipality row when two plans belong to the same municipality', async () => {
    expect(await countRows('municipality')).toBe(1);
    const plans = await service.listPlans(SYSTEM);
    expect(plans.every((plan) => plan.municipalities[0]?.code === 'GM1641')).toBe(true);
  });

  it('refuses an invalid document whole, listing every problem, and writes nothing', async () => {
    const before = await Promise.all(['plan', 'activity', 'partner'].map(countRows));
    const broken = structuredClone(example) as PlanDocument;
    broken.plan.periode.tot = 2010;
    const partners = broken.plan.themas[0]!.onderdelen[0]!.activiteiten[0]!.partners;
    partners.push('bestaat-niet');
    (broken.plan.themas[1] as { naam: unknown }).naam = 42;
    const error = await service.importPlan(SYSTEM, broken).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ValidationError);
    const paths = (error as ValidationError).problems.map((problem) => problem.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        '$.plan.periode.tot',
        `$.plan.themas[0].onderdelen[0].activiteiten[0].partners[${partners.length - 1}]`,
        '$.plan.themas[1].naam',
      ]),
    );
    expect(await Promise.all(['plan', 'activity', 'partner'].map(countRows))).toEqual(before);
  });

  it('records every import in the audit trail, in the same transaction', async () => {
    const events = await countRows('audit_event');
    const plan = await service.importPlan({ ...SYSTEM, ip: '192.0.2.7' }, example);
    const history = await new AuditRepository(handle.db).history('plan', plan.id);
    expect(history).toMatchObject([
      { action: 'plan.imported', actor: { id: null, label: 'systeem (koers-opdracht)' }, ip: '192.0.2.7', before: null },
    ]);
    expect(history[0]?.after).toMatchObject({ titel: example.plan.titel, gemeenten: ['GM1641'], activiteiten: 93 });
    expect(await countRows('audit_event')).toBe(events + 1);
    await sql`delete from plan where id = ${plan.id}`.execute(handle.db);
  });

  it('rolls back every row of an import that fails halfway', async () => {
    const before = await Promise.all(['plan', 'plan_theme', 'activity', 'activity_partner'].map(countRows));
    const content = planContentFromDocument(structuredClone(example));
    // Bypasses validation on purpose: the last activity names a partner that does not exist.
    content.themes.at(-1)!.workstreams.at(-1)!.activities.at(-1)!.partnerKeys.push('onbekend');
    await expect(repository.insertPlan(content)).rejects.toThrow(/onbekend/);
    expect(await Promise.all(['plan', 'plan_theme', 'activity', 'activity_partner'].map(countRows))).toEqual(before);
  });

  it('refuses a municipality name that differs from the one Koers knows for its code', async () => {
    const renamed = structuredClone(example);
    renamed.plan.gemeenten[0]!.naam = 'Roerdalen';
    await expect(service.importPlan(SYSTEM, renamed)).rejects.toMatchObject({
      problems: [{ path: '$.plan.gemeenten[0].naam', message: expect.stringContaining('Maasgouw') }],
    });
  });

  describe('database constraints', () => {
    it('refuses an activity partner that belongs to another plan', async () => {
      const [first, second] = await service.listPlans(SYSTEM);
      const planA = await service.getPlan(SYSTEM, first!.id);
      const planB = await service.getPlan(SYSTEM, second!.id);
      const activityOfA = planA.themes[0]!.workstreams[0]!.activities[0]!;
      const partnerOfB = planB.partners.find((partner) => !activityOfA.partnerKeys.includes(partner.key))!;
      await expect(
        handle.db
          .insertInto('activityPartner')
          .values({ planId: planA.id, activityId: activityOfA.id, partnerId: partnerOfB.id, position: 99 })
          .execute(),
      ).rejects.toThrow(/foreign key/i);
    });

    it('refuses a target year before the baseline year', async () => {
      const [first] = await service.listPlans(SYSTEM);
      await expect(
        sql`update indicator set target_year = baseline_year - 1 where plan_id = ${first!.id}`.execute(handle.db),
      ).rejects.toThrow(/check constraint/i);
    });

    it('refuses an adopted plan without adoption date', async () => {
      const [first] = await service.listPlans(SYSTEM);
      await expect(sql`update plan set adopted_on = null where id = ${first!.id}`.execute(handle.db)).rejects.toThrow(/check constraint/i);
    });

    it('refuses an activity that is neither ongoing nor has a start year', async () => {
      await expect(sql`update activity set ongoing = false, start_year = null`.execute(handle.db)).rejects.toThrow(/check constraint/i);
    });

    it('refuses a percentage above 100', async () => {
      await expect(sql`update indicator set target_value = 120 where unit = 'percentage'`.execute(handle.db)).rejects.toThrow(
        /check constraint/i,
      );
    });

    it('refuses a municipality code that is not a CBS code', async () => {
      await expect(
        sql`insert into municipality (id, code, name) values (gen_random_uuid(), 'G1641', 'X')`.execute(handle.db),
      ).rejects.toThrow(/check constraint/i);
    });

    it('removes every part of a plan with the plan', async () => {
      const [first] = await service.listPlans(SYSTEM);
      const activitiesBefore = await countRows('activity');
      const own = (await service.getPlan(SYSTEM, first!.id)).themes.flatMap((theme) =>
        theme.workstreams.flatMap((workstream) => workstream.activities),
      ).length;
      await sql`delete from plan where id = ${first!.id}`.execute(handle.db);
      expect(await countRows('activity')).toBe(activitiesBefore - own);
    });
  });
});
