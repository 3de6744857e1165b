import { describe, expect, it } from 'vitest';
import { CATALOGUE_THEMES, SAFETY_FIELDS } from '../catalogue/kernbeleid-veiligheid.js';
import { type AnalysisInput, buildSafetyAnalysis } from './safety-analysis.js';

const years = { from: 2015, to: 2021 };
const span = (values: (number | null)[]) => values.map((value, index) => ({ year: 2015 + index, value }));

function input(overrides: Partial<AnalysisInput> = {}): AnalysisInput {
  return {
    municipality: { code: 'GM1641', name: 'Maasgouw' },
    years,
    fields: SAFETY_FIELDS.map((field) => ({ number: field.number, name: field.name })),
    themes: CATALOGUE_THEMES.map((theme) => ({ code: theme.code, name: theme.name, fieldNumber: theme.fieldNumber })),
    police: new Map([
      // Shoplifting: 40 a year rising by a tenth; 24,000 inhabitants throughout.
      ['misdrijven:2.5.2', span([40, 44, 48.4, 53.24, 58.564, 64.4204, 70.86244])],
      ['misdrijven:2.5.1', span([10, 12, 9, 11, 10, 12, 9])],
      ['overlast:E35', span([null, null, 80, 70, null, 60, 50])],
    ]),
    policeTitles: new Map([
      ['misdrijven:2.5.2', 'Winkeldiefstal'],
      ['misdrijven:2.5.1', 'Diefstal/inbraak bedrijven enz.'],
      ['overlast:E35', 'Melding overlast jeugd'],
    ]),
    population: span([24000, 24000, 24000, 24000, 24000, 24000, 24000]),
    plan: {
      title: 'IVP 2019-2022',
      themes: [
        {
          key: 'strategisch-3',
          name: 'Veilig winkelgebied en veilige bedrijventerreinen',
          kind: 'strategic',
          catalogueThemeCodes: ['2.1', '2.2'],
          indicatorStatuses: ['met'],
          activities: { total: 5, done: 1, behind: 1, notReported: 3 },
        },
        {
          key: 'strategisch-2',
          name: 'Jeugd en veiligheid',
          kind: 'strategic',
          catalogueThemeCodes: ['3.1'],
          indicatorStatuses: ['off_course', 'no_data'],
          measured: [
            {
              name: 'inwoners met overlast van jongeren',
              unit: 'procent',
              source: 'Veiligheidsmonitor',
              values: span([null, 11, null, null, 12, null, 9]).concat([{ year: 2013, value: 14 }]),
            },
          ],
          activities: { total: 8, done: 0, behind: 2, notReported: 6 },
        },
      ],
    },
    ...overrides,
  };
}

const themeOf = (analysis: ReturnType<typeof buildSafetyAnalysis>, code: string) =>
  analysis.fields.flatMap((field) => field.themes).find((theme) => theme.code === code);

describe('buildSafetyAnalysis', () => {
  it('groups the police figures by field and theme, counted and per 1,000 inhabitants, with their trend', () => {
    const analysis = buildSafetyAnalysis(input());
    expect(analysis.fields.map((field) => field.number)).toEqual([1, 2, 3, 4, 5]);
    const shops = themeOf(analysis, '2.1');
    expect(shops?.series.map((series) => series.code)).toEqual(['2.5.1', '2.5.2']);
    const shoplifting = shops?.series.find((series) => series.code === '2.5.2');
    expect(shoplifting?.values[0]).toEqual({ year: 2015, count: 40, rate: (40 / 24000) * 1000 });
    expect(shoplifting?.trend).toMatchObject({ kind: 'trend', direction: 'rising', perPopulation: true });
    expect(shoplifting?.trend.kind === 'trend' && shoplifting.trend.yearlyChange).toBeCloseTo(0.1, 6);
    const burglary = shops?.series.find((series) => series.code === '2.5.1');
    expect(burglary?.trend).toMatchObject({ kind: 'trend', direction: 'no_clear_change' });
    // 1.4.7 (overval) belongs to 2.1 too, but has no figures here: said, not hidden.
    expect(shops?.missing).toEqual(['1.4.7: geen cijfers van de politie over 2015-2021']);
  });

  it('shows what the plan did on each theme: its themes, indicators by status and activities', () => {
    const analysis = buildSafetyAnalysis(input());
    expect(themeOf(analysis, '2.1')?.plan).toEqual({
      themes: [{ key: 'strategisch-3', name: 'Veilig winkelgebied en veilige bedrijventerreinen', kind: 'strategic' }],
      indicators: { met: 1 },
      activities: { total: 5, done: 1, behind: 1, notReported: 3 },
      measured: [],
    });
    expect(themeOf(analysis, '3.1')?.plan?.indicators).toEqual({ off_course: 1, no_data: 1 });
    // The survey figures of the plan's indicators, on the analysis's years only.
    expect(themeOf(analysis, '3.1')?.plan?.measured).toEqual([
      {
        name: 'inwoners met overlast van jongeren',
        unit: 'procent',
        source: 'Veiligheidsmonitor',
        values: span([null, 11, null, null, 12, null, 9]),
      },
    ]);
    expect(themeOf(analysis, '4.4')?.missing).toContain('IVP 2019-2022 heeft geen thema dat dit thema dekt');
    expect(buildSafetyAnalysis(input({ plan: null })).fields[0]?.themes[0]?.plan).toBeNull();
  });

  it('leaves years without a figure or a population out of the trend and says what is missing', () => {
    const analysis = buildSafetyAnalysis(input({ population: span([24000, null, 24000, 24000, 24000, 24000, 24000]) }));
    expect(analysis.missingPopulation).toEqual([2016]);
    const youth = themeOf(analysis, '3.1')?.series[0];
    expect(youth?.values.slice(0, 3)).toEqual([
      { year: 2015, count: null, rate: null },
      { year: 2016, count: null, rate: null },
      { year: 2017, count: 80, rate: (80 / 24000) * 1000 },
    ]);
    // Four years with a count: too few for a trend.
    expect(youth?.trend).toEqual({ kind: 'too_few_years', n: 4, needed: 5 });
    expect(themeOf(analysis, '2.2')?.series.find((series) => series.code === '2.5.2')).toBeUndefined();
    expect(themeOf(analysis, '5.4')?.missing).toContain('de politie registreert niets dat bij dit thema hoort');
  });

  it('adds the cross-cutting themes of the 2022 edition as a field of their own', () => {
    const analysis = buildSafetyAnalysis(input({ themes: [{ code: 'D.1', name: 'Gedigitaliseerde criminaliteit', fieldNumber: null }] }));
    expect(analysis.fields.at(-1)).toMatchObject({ number: null, name: 'Domeinoverstijgende thema’s' });
    expect(analysis.fields.at(-1)?.themes[0]?.missing).toEqual([
      '3.2.1: geen cijfers van de politie over 2015-2021',
      '3.7.4: geen cijfers van de politie over 2015-2021',
      'IVP 2019-2022 heeft geen thema dat dit thema dekt',
    ]);
  });

  it('takes the kinds per wijk over the first and the last year of the span, without rates when no population per wijk is given', () => {
    const analysis = buildSafetyAnalysis(
      input({
        districts: [
          {
            source: 'misdrijven',
            code: '1.1.1',
            title: 'Diefstal/inbraak woning',
            municipality: [
              { year: 2015, value: 50, suppressed: false },
              { year: 2021, value: 40, suppressed: false },
            ],
            districts: [
              {
                key: 'WK164100',
                name: 'Wijk 00 Maasbracht',
                values: [
                  { year: 2015, value: 20, suppressed: false },
                  { year: 2018, value: 99, suppressed: false },
                  { year: 2021, value: 10, suppressed: false },
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(analysis.districts.years).toEqual({ first: 2015, last: 2021 });
    expect(analysis.districts.perPopulation).toBe(false);
    // 20 / 50 = 0.4; 10 / 40 = 0.25; the rest 30 and 30.
    expect(analysis.districts.kinds[0]?.districts[0]).toMatchObject({ first: { count: 20, share: 0.4 }, last: { count: 10, share: 0.25 } });
    expect(analysis.districts.kinds[0]?.rest).toEqual({ first: 30, last: 30 });
    expect(buildSafetyAnalysis(input()).districts.kinds).toEqual([]);
  });
});
