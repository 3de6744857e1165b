/**
 * Hand-built view models of the monitoring pages for tests, on the fixture
 * plan of the plan pages. The statuses and projections are computed with the
 * domain functions the service uses, so they stay consistent.
 */
import { BBV_INDICATORS } from '../../../catalogue/bbv-indicators.js';
import { currentStatus, pathLine, projectedStatus, projectTo, statusOf } from '../../../domain/indicator-status.js';
import type { Period, PeriodStatus } from '../../../domain/periods.js';
import type { Plan, StoredIndicator } from '../../../domain/plan.js';
import type { TacticalRow } from '../../../domain/tactical.js';
import { fixturePlan } from '../../plans/pages/plan.fixture.js';
import type { IndicatorMonitor } from '../indicator-monitor.js';
import type { Assessment, Measurement, MeasurementSource } from '../measurement.repository.js';
import type { MonitorView, QualitativeTheme } from '../monitoring.service.js';
import type { BbvView, DistrictView, TacticalView } from '../police-figures.js';
import { POPULATION_TOTAL } from '../standard-series.js';

export const plan: Plan = fixturePlan;

export function indicatorByKey(key: string): { indicator: StoredIndicator; theme: IndicatorMonitor['theme'] } {
  const planWide = plan.indicators.find((indicator) => indicator.key === key);
  if (planWide) return { indicator: planWide, theme: null };
  for (const theme of plan.themes) {
    const found = theme.indicators.find((indicator) => indicator.key === key);
    if (found) return { indicator: found, theme: { key: theme.key, name: theme.name, number: theme.number, kind: theme.kind } };
  }
  throw new Error(`geen indicator ${key} in het testplan`);
}

let nextId = 0;

interface MeasurementFields {
  period: Period;
  value: number | null;
  suppressed?: boolean;
  periodStatus?: PeriodStatus | null;
  source?: MeasurementSource;
  provenance?: Record<string, unknown>;
  note?: string | null;
  enteredByLabel?: string;
  enteredAt?: string;
  supersededAt?: string | null;
}

export function measurement(indicatorKey: string, fields: MeasurementFields): Measurement {
  nextId += 1;
  return {
    id: `10000000-0000-4000-8000-${String(nextId).padStart(12, '0')}`,
    planId: plan.id,
    indicatorId: indicatorByKey(indicatorKey).indicator.id,
    numerator: null,
    denominator: null,
    suppressed: false,
    periodStatus: null,
    source: 'open_data',
    provenance: { tabel: '47022NED', gewijzigd: '2024-03-03T02:00:00Z' },
    note: null,
    enteredBy: null,
    enteredByLabel: 'systeem (koers-opdracht)',
    enteredAt: '2024-03-04T09:15:00Z',
    supersededAt: null,
    ...fields,
  };
}

export const year = (value: number): Period => ({ kind: 'year', year: value, number: 0 });
export const month = (yearValue: number, number: number): Period => ({ kind: 'month', year: yearValue, number });

/** The read model of one indicator, built as the service builds it. */
export function monitorOf(key: string, measurements: Measurement[]): IndicatorMonitor {
  const { indicator, theme } = indicatorByKey(key);
  const baseline = { value: indicator.baselineValue, year: indicator.baselineYear };
  const target = { comparison: indicator.targetComparison, value: indicator.targetValue, year: indicator.targetYear };
  const yearly = measurements.filter((entry) => entry.period.kind === 'year');
  const known = yearly.flatMap((entry) => (entry.value === null ? [] : [{ year: entry.period.year, value: entry.value }]));
  const projection = projectTo(known, indicator.targetYear);
  return {
    indicator,
    theme,
    years: yearly.map((entry) => ({
      year: entry.period.year,
      value: entry.value,
      suppressed: entry.suppressed,
      status: entry.value === null ? 'no_data' : statusOf(baseline, target, { year: entry.period.year, value: entry.value }),
      measurement: entry,
    })),
    subYear: measurements.filter((entry) => entry.period.kind !== 'year').reverse(),
    current: currentStatus(baseline, target, known),
    path: pathLine(baseline, target),
    projection,
    projectedStatus: projectedStatus(baseline, target, projection),
    binding: null,
  };
}

/** Crime per 1,000 inhabitants: four years, one suppressed, one provisional: on course, projection reliable. */
export const crimeMeasurements: Measurement[] = [
  measurement('misdrijven', { period: year(2018), value: 30.1 }),
  measurement('misdrijven', { period: year(2019), value: null, suppressed: true }),
  measurement('misdrijven', { period: year(2020), value: 29.2 }),
  measurement('misdrijven', { period: year(2021), value: 28.4, periodStatus: 'voorlopig' }),
  measurement('misdrijven', { period: month(2022, 1), value: 2.3 }),
];

export function monitorView(may: MonitorView['may'] = { edit: false, refresh: false }, assessed = false): MonitorView {
  const crime = monitorOf('misdrijven', crimeMeasurements);
  crime.binding = '47022NED GeregistreerdeMisdrijven, SoortMisdrijf 0.0.0, gedeeld door 03759ned BevolkingOp1Januari × 1000';
  crime.indicator = {
    ...crime.indicator,
    binding: {
      numerator: { service: 'dataderden', table: '47022NED', topic: 'GeregistreerdeMisdrijven', dimensions: { SoortMisdrijf: ['0.0.0'] } },
      denominator: POPULATION_TOTAL,
      scale: 1000,
    },
  };
  return {
    plan,
    indicators: [
      crime,
      // Rating 7,6 against at least 7,5: met.
      monitorOf('rapportcijfer-buurt', [
        measurement('rapportcijfer-buurt', { period: year(2020), value: 7.6, source: 'manual', provenance: {} }),
      ]),
      // No measurement at all.
      monitorOf('overlast-buurtbewoners', []),
      // One measurement between path and baseline: attention, and a rough projection.
      monitorOf('verward-gedrag', [
        measurement('verward-gedrag', { period: year(2019), value: 65, source: 'file', provenance: { bestand: 'metingen.csv', rij: 4 } }),
      ]),
      // Worse than the baseline: off course; 1.234 shows the thousands separator.
      monitorOf('meldingen-openbare-ruimte', [
        measurement('meldingen-openbare-ruimte', { period: year(2019), value: 1234 }),
        measurement('meldingen-openbare-ruimte', { period: year(2020), value: 1300 }),
      ]),
    ],
    qualitativeThemes: [qualitativeTheme(assessed)],
    imports: [
      {
        tableCode: '47022NED',
        startedAt: '2024-03-04T09:15:00Z',
        modified: '2024-03-03T02:00:00Z',
        status: 'done',
        unchanged: false,
        rowsNew: 1234,
        rowsChanged: 5,
        rowsRemoved: 0,
        error: null,
      },
      {
        tableCode: '03759ned',
        startedAt: '2024-03-04T09:14:00Z',
        modified: '2023-06-30T02:00:00Z',
        status: 'done',
        unchanged: true,
        rowsNew: 0,
        rowsChanged: 0,
        rowsRemoved: 0,
        error: null,
      },
    ],
    failures: [],
    may,
  };
}

export function qualitativeTheme(assessed: boolean): QualitativeTheme {
  const theme = plan.themes.find((candidate) => candidate.key === 'prioriteit-2');
  if (!theme) throw new Error('het testplan mist prioriteit-2');
  const assessments: Assessment[] = assessed
    ? [
        {
          id: 'a1',
          themeId: theme.id,
          year: 2020,
          judgement: 'attention',
          text: 'Het ondermijningsbeeld is nog onvolledig.',
          enteredByLabel: 'Co Ördinator <co@maasgouw.nl>',
          enteredAt: '2021-02-01T10:00:00Z',
          supersededAt: null,
        },
        {
          id: 'a2',
          themeId: theme.id,
          year: 2021,
          judgement: 'on_course',
          text: 'De informatiepositie is op orde; het RIEC-beeld is af.',
          enteredByLabel: 'Co Ördinator <co@maasgouw.nl>',
          enteredAt: '2022-02-01T10:00:00Z',
          supersededAt: null,
        },
      ]
    : [];
  return { theme, assessments, current: assessments.at(-1) ?? null };
}

function tacticalRow(
  yearValue: number,
  monthNumber: number,
  value: number | null,
  band: TacticalRow['band'],
  lastYear: number | null,
): TacticalRow {
  const change = value === null || lastYear === null ? null : value - lastYear;
  return {
    year: yearValue,
    month: monthNumber,
    value,
    sameMonthLastYear: lastYear,
    change,
    changePercent: change === null || !lastYear ? null : (change / lastYear) * 100,
    band,
    aboveBand: value !== null && band !== null && value > band.max,
  };
}

/** 24 months of 2022 and 2023; March 2023 (1.234) lies above its band, April 2023 has no figure. */
export function tacticalRows(): TacticalRow[] {
  const rows: TacticalRow[] = [];
  for (const yearValue of [2022, 2023]) {
    for (let monthNumber = 1; monthNumber <= 12; monthNumber++) {
      if (yearValue === 2023 && monthNumber === 3) rows.push(tacticalRow(2023, 3, 1234, { min: 90, max: 120 }, 100));
      else if (yearValue === 2023 && monthNumber === 4) rows.push(tacticalRow(2023, 4, null, { min: 90, max: 120 }, 110));
      else
        rows.push(
          tacticalRow(yearValue, monthNumber, 100, yearValue === 2022 ? null : { min: 90, max: 120 }, yearValue === 2022 ? null : 105),
        );
    }
  }
  return rows;
}

export function tacticalView(withData = true): TacticalView {
  const municipality = { code: 'GM1641', name: 'Maasgouw' };
  if (!withData) return { plan, municipality, categories: [], selected: null, tableTitle: null };
  const rows = tacticalRows();
  return {
    plan,
    municipality,
    categories: [
      { code: '0.0.0', title: 'Misdrijven, totaal', latest: rows.at(-1) ?? null, flagged: 1 },
      { code: '1.1.1', title: 'Diefstal/inbraak woning', latest: tacticalRow(2023, 12, 4, null, 6), flagged: 0 },
    ],
    selected: { code: '0.0.0', title: 'Misdrijven, totaal', rows },
    tableTitle: 'Geregistreerde misdrijven; soort misdrijf, wijk en buurt, per maand',
  };
}

export function districtView(withData = true): DistrictView & { codes: { code: string; title: string }[] } {
  const municipality = { code: 'GM1641', name: 'Maasgouw' };
  if (!withData)
    return { plan, municipality, source: 'misdrijven', code: '0.0.0', year: null, years: [], districts: [], total: null, codes: [] };
  return {
    plan,
    municipality,
    source: 'misdrijven',
    code: '0.0.0',
    year: 2023,
    years: [2021, 2022, 2023],
    districts: [
      { key: 'WK164100', name: 'Wijk 00 Maasbracht', value: 1234 },
      { key: 'WK164101', name: 'Wijk 01 Linne', value: null },
      { key: 'WK164102', name: 'Wijk 02 Stevensweert', value: 87 },
    ],
    total: 1400,
    codes: [
      { code: '0.0.0', title: 'Misdrijven, totaal' },
      { code: '1.1.1', title: 'Diefstal/inbraak woning' },
    ],
  };
}

export function bbvView(edit = false): BbvView {
  const years = [2019, 2020, 2021, 2022];
  return {
    plan,
    years,
    municipalities: [
      {
        id: 'm1',
        code: 'GM1641',
        name: 'Maasgouw',
        years: years.map((yearValue) =>
          BBV_INDICATORS.map((indicator, index) => {
            const halt = indicator.enteredByHand;
            const missing = halt && yearValue !== 2020 ? `aantal verwijzingen Halt over ${yearValue} is niet ingevuld` : null;
            return {
              key: indicator.key,
              name: indicator.name,
              unit: indicator.unit,
              year: yearValue,
              count: missing ? null : 10,
              denominator: 23712,
              value: missing ? null : 4.26 + index,
              missing,
              causes: missing ? ['halt-not-entered' as const] : [],
            };
          }),
        ),
      },
    ],
    may: { edit, municipalities: edit ? ['GM1641'] : [] },
  };
}
