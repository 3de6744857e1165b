/**
 * The Maasgouw example with a year's data behind it, for the tests, the
 * benchmark and the example report of progress reports: the revisions of
 * revised-example.ts (revision 1 applied, decided 1 June 2020), measurements
 * of five indicators for 2018 to 2020 (one of them suppressed in 2019), the
 * judgement of a theme without indicators, progress over 2020 for seven
 * activities, and budget lines for 2020. The figures are made up for tests;
 * they are not Maasgouw's.
 */
import { SYSTEM } from '../src/features/accounts/actor.js';
import type { createServices } from '../src/server.js';
import { revisedExample } from './revised-example.js';

type Services = ReturnType<typeof createServices>;

export const REPORT_EXAMPLE = {
  year: 2020,
  measurements: [
    // Plan-wide: crime per 1,000 inhabitants, below the straight line to 28 (on course, then met).
    { key: 'misdrijven-per-1000-inwoners', values: { 2018: 29.9, 2019: 29.1, 2020: 27.6 } },
    { key: 'woninginbraken', values: { 2018: 61, 2019: 66, 2020: 63 } },
    { key: 'diefstal-motorvoertuigen', values: { 2018: 80, 2019: null, 2020: 74 } },
    { key: 'overlast-jeugd', values: { 2018: 52, 2019: 48, 2020: 55 } },
    { key: 'bedrijfscriminaliteit', values: { 2019: 24, 2020: 22 } },
  ],
  assessment: { themeKey: 'prioriteit-2', judgement: 'on_course' as const, text: 'Het ondermijningsbeeld is af en wordt gebruikt.' },
  progress: [
    { activity: 'buurtbemiddeling', status: 'loopt', note: '41 zaken aangemeld, 29 afgerond.' },
    { activity: 'wet-aanpak-woonoverlast', status: 'afgerond', note: 'Verordening vastgesteld.' },
    { activity: 'whatsapp-buurtpreventie', status: 'loopt', note: 'Zes nieuwe groepen.' },
    { activity: 'burgernet', status: 'vertraagd', note: 'Werving stil door de maatregelen.' },
    { activity: 'bibob-instrumentarium', status: 'loopt', note: 'Beleid herzien.' },
    { activity: 'ambulant-jongerenwerk', status: 'loopt', note: 'Ook in de avonden.' },
    { activity: 'preventie-overleg-jeugd', status: 'vertraagd', note: 'Twee overleggen vervallen.' },
  ],
  budget: [
    { themeKey: 'prioriteit-1', kind: 'planned' as const, amountCents: 4_500_000 },
    { themeKey: 'prioriteit-1', kind: 'realised' as const, amountCents: 4_210_050 },
    { themeKey: 'prioriteit-3', kind: 'planned' as const, amountCents: 2_000_000 },
    { themeKey: 'prioriteit-3', kind: 'realised' as const, amountCents: 2_350_000 },
  ],
} as const;

/** Imports the example with its revisions and the data above; returns the plan's id. */
export async function reportExample(services: Services, options: { published?: boolean } = {}): Promise<string> {
  const planId = await revisedExample(services, options);
  await addReportData(services, planId);
  return planId;
}

/** Gives a copy of the example the measurements, judgement, progress and budget above. */
export async function addReportData(services: Services, planId: string): Promise<void> {
  for (const { key, values } of REPORT_EXAMPLE.measurements) {
    for (const [year, value] of Object.entries(values)) {
      await services.monitoring.recordMeasurement(SYSTEM, planId, key, {
        period: { kind: 'year', year: Number(year), number: 0 },
        value,
        suppressed: value === null,
        numerator: null,
        denominator: null,
        note: null,
      });
    }
  }
  const { assessment } = REPORT_EXAMPLE;
  await services.monitoring.recordAssessment(SYSTEM, planId, assessment.themeKey, {
    year: REPORT_EXAMPLE.year,
    judgement: assessment.judgement,
    text: assessment.text,
  });
  for (const entry of REPORT_EXAMPLE.progress) {
    await services.progress.record(
      SYSTEM,
      planId,
      entry.activity,
      String(REPORT_EXAMPLE.year),
      { status: entry.status, note: entry.note, asOf: `${REPORT_EXAMPLE.year}-12-15` },
      'web',
    );
  }
  for (const line of REPORT_EXAMPLE.budget) {
    await services.budget.record(SYSTEM, planId, { ...line, year: REPORT_EXAMPLE.year, source: 'ivp-budget' });
  }
}
