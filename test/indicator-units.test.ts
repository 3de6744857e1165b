/**
 * The units municipal plans use, stored and computed on every engine: rates
 * per 10.000 inhabitants and per 1.000 or 10.000 youths of an age band go
 * through a plan document and back unchanged, the database refuses a rate per
 * youths without its ages, a rate entered as numerator and denominator is
 * scaled by its unit, and figures outside the plan's years are refused.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.js';
import type { DatabaseHandle } from '../src/db/create-db.js';
import { ValidationError } from '../src/domain/errors.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import type { PlanDocument } from '../src/features/plans/plan-document.schema.js';
import { createServices } from '../src/server.js';
import { createTestDatabase, ENGINES } from './test-database.js';

/** The Maasgouw example with three indicators more, in the new units. */
async function documentWithUnits(): Promise<PlanDocument> {
  const document = structuredClone(await readExampleDocument()) as PlanDocument;
  document.plan.titel = 'Maasgouw met jeugdcijfers';
  const youthTheme = document.plan.themas.find((theme) => theme.sleutel === 'strategisch-2')!;
  const base = {
    bron: 'Halt en CBS',
    reeks: null,
    strategischeDoelstelling: null,
    nulmeting: { waarde: 80, jaar: 2017 },
    streefwaarde: { vergelijking: 'hoogstens' as const, waarde: 60, jaar: 2022 },
    koppeling: null,
  };
  youthTheme.indicatoren.push(
    {
      ...base,
      sleutel: 'halt-per-10000-jongeren',
      naam: 'Verwijzingen naar Halt per 10.000 jongeren van 12 tot en met 17 jaar',
      eenheid: 'per-10000-jongeren',
      leeftijden: { van: 12, totEnMet: 17 },
    },
    {
      ...base,
      sleutel: 'jeugdoverlast-per-1000-jongeren',
      naam: 'Meldingen jeugdoverlast per 1.000 jongeren van 12 tot en met 23 jaar',
      eenheid: 'per-1000-jongeren',
      leeftijden: { van: 12, totEnMet: 23 },
    },
    {
      ...base,
      sleutel: 'woninginbraken-per-10000-inwoners',
      naam: 'Woninginbraken per 10.000 inwoners',
      eenheid: 'per-10000-inwoners',
      nulmeting: { waarde: 27.4, jaar: 2017 },
      streefwaarde: { vergelijking: 'hoogstens', waarde: 21, jaar: 2022 },
    },
  );
  return document;
}

describe.each(ENGINES)('indicator units on %s', (engine) => {
  let handle: DatabaseHandle;
  let services: ReturnType<typeof createServices>;
  let document: PlanDocument;
  let planId: string;

  beforeAll(async () => {
    handle = await createTestDatabase(engine);
    services = createServices(handle);
    document = await documentWithUnits();
    planId = (await services.plans.importPlan(SYSTEM, document)).id;
  }, 60_000);

  afterAll(() => handle?.close());

  it('stores rates per 10.000 inhabitants and per youths of an age band, and exports the same document', async () => {
    const plan = await services.plans.getPlan(SYSTEM, planId);
    const halt = plan.themes.flatMap((theme) => theme.indicators).find((indicator) => indicator.key === 'halt-per-10000-jongeren');
    expect(halt).toMatchObject({ unit: 'per_10000_youths', ageBand: { from: 12, to: 17 } });
    expect(await services.plans.exportPlan(SYSTEM, planId)).toEqual(document);
  });

  it('refuses a rate per youths without its ages, and ages on any other unit', async () => {
    await expect(
      sql`update indicator set age_from = null, age_to = null where key = 'halt-per-10000-jongeren'`.execute(handle.db),
    ).rejects.toThrow(/check constraint/i);
    await expect(
      sql`update indicator set age_from = 12, age_to = 17 where key = 'woninginbraken-per-10000-inwoners'`.execute(handle.db),
    ).rejects.toThrow(/check constraint/i);
    await expect(
      sql`update indicator set age_from = 18, age_to = 12 where key = 'halt-per-10000-jongeren'`.execute(handle.db),
    ).rejects.toThrow(/check constraint/i);
  });

  it('scales a rate entered as numerator and denominator by its unit', async () => {
    const enter = (key: string, numerator: number, denominator: number) =>
      services.monitoring.recordMeasurement(SYSTEM, planId, key, {
        period: { kind: 'year', year: 2021, number: 0 },
        value: null,
        suppressed: false,
        numerator,
        denominator,
        note: null,
      });
    await enter('halt-per-10000-jongeren', 14, 1_612);
    await enter('woninginbraken-per-10000-inwoners', 59, 23_689);
    const view = await services.monitoring.monitor(SYSTEM, planId);
    const currentValue = (key: string) => view.indicators.find((entry) => entry.indicator.key === key)?.current.value;
    // By hand: 14 / 1,612 x 10,000 = 86.8486... and 59 / 23,689 x 10,000 = 24.9060...
    expect(currentValue('halt-per-10000-jongeren')).toBeCloseTo(86.8486, 4);
    expect(currentValue('woninginbraken-per-10000-inwoners')).toBeCloseTo(24.906, 3);
  });

  it('refuses a numerator and denominator for a count, as the file import does', async () => {
    const attempt = services.monitoring.recordMeasurement(SYSTEM, planId, 'woninginbraken', {
      period: { kind: 'year', year: 2021, number: 0 },
      value: null,
      suppressed: false,
      numerator: 3,
      denominator: 10,
      note: null,
    });
    await expect(attempt).rejects.toBeInstanceOf(ValidationError);
    await expect(attempt).rejects.toMatchObject({
      problems: expect.arrayContaining([{ path: 'teller', message: expect.stringContaining("'woninginbraken' is een aantal") }]),
    });
  });

  it('refuses a measurement before the baseline year or after the plan, by hand and by file, and writes nothing', async () => {
    const byHand = (year: number) =>
      services.monitoring.recordMeasurement(SYSTEM, planId, 'woninginbraken', {
        period: { kind: 'year', year, number: 0 },
        value: 50,
        suppressed: false,
        numerator: null,
        denominator: null,
        note: null,
      });
    await expect(byHand(2016)).rejects.toMatchObject({
      problems: [
        {
          path: 'periode',
          message: '2016 ligt voor het jaar van de nulmeting (2017). Metingen van deze indicator gaan over 2017 tot en met 2022.',
        },
      ],
    });
    await expect(byHand(2023)).rejects.toMatchObject({
      problems: [{ path: 'periode', message: expect.stringContaining('2023 ligt na het einde van het plan (2022)') }],
    });
    const file = services.monitoring.importMeasurementFile(SYSTEM, planId, {
      name: 'metingen.csv',
      bytes: new TextEncoder().encode('indicator;periode;waarde\nwoninginbraken;2017;60\nwoninginbraken;2023-01;5\n'),
    });
    await expect(file).rejects.toMatchObject({
      problems: [{ path: 'rij 3, kolom periode', message: expect.stringContaining('2023 ligt na het einde van het plan (2022)') }],
    });
    const { history } = await services.monitoring.indicator(SYSTEM, planId, 'woninginbraken');
    expect(history).toEqual([]);
  });

  it('refuses a measurement outside the plan over the API too, naming the field', async () => {
    const userId = await services.auth.createUser({
      name: 'Beheer Koers',
      email: 'beheer@example.org',
      password: null,
      isAdministrator: true,
    });
    const { token } = await services.auth.createApiToken(userId, 'eenheden');
    const answer = await createApp(services).request(`/api/v1/plannen/${planId}/indicatoren/woninginbraken/metingen`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ periode: '2023', waarde: 50 }),
    });
    expect(answer.status).toBe(400);
    expect(((await answer.json()) as { invalidParams: unknown[] }).invalidParams).toEqual([
      { name: 'periode', reason: expect.stringContaining('2023 ligt na het einde van het plan (2022)') },
    ]);
  });

  it('refuses an assessment of a year outside the plan', async () => {
    const assess = (year: number) =>
      services.monitoring.recordAssessment(SYSTEM, planId, 'prioriteit-2', { year, judgement: 'attention', text: 'Beoordeling.' });
    await expect(assess(2018)).rejects.toMatchObject({
      problems: [{ path: 'jaar', message: '2018 ligt buiten de planperiode 2019-2022. Beoordeel een jaar van het plan.' }],
    });
    await expect(assess(2023)).rejects.toBeInstanceOf(ValidationError);
    await expect(assess(2022)).resolves.toMatchObject({ year: 2022 });
  });
});
