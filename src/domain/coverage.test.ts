import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../features/plans/pages/plan.fixture.js';
import { buildCoverage, coverageCount } from './coverage.js';

describe('buildCoverage', () => {
  const coverage = buildCoverage(fixturePlan);
  const entry = (code: string) => coverage.flatMap((field) => field.themes).find((theme) => theme.catalogueTheme.code === code);

  it('lists the five safety fields with all 22 catalogue themes in catalogue order', () => {
    expect(coverage.map((field) => field.field.number)).toEqual([1, 2, 3, 4, 5]);
    expect(coverage.flatMap((field) => field.themes)).toHaveLength(22);
    expect(coverage[0]?.themes.map((theme) => theme.catalogueTheme.code)).toEqual(['1.1', '1.2', '1.3', '1.4']);
  });

  it('names the plan theme that covers a catalogue theme, with its kind and number', () => {
    expect(entry('5.2')?.coveredBy).toEqual([
      {
        themeId: fixturePlan.themes[1]?.id,
        themeKey: 'prioriteit-2',
        kind: 'priority',
        number: 2,
        name: 'Georganiseerde, ondermijnende criminaliteit',
      },
    ]);
  });

  it('leaves coveredBy empty for a catalogue theme no plan theme mentions', () => {
    expect(entry('4.2')?.coveredBy).toEqual([]);
  });

  it('lists every covering theme when several plan themes share a catalogue theme', () => {
    const plan = {
      ...fixturePlan,
      themes: fixturePlan.themes.map((theme) => ({ ...theme, catalogueThemeCodes: [...theme.catalogueThemeCodes, '4.1'] })),
    };
    const shared = buildCoverage(plan)
      .flatMap((field) => field.themes)
      .find((theme) => theme.catalogueTheme.code === '4.1');
    expect(shared?.coveredBy.map((theme) => theme.themeKey)).toEqual(['prioriteit-1', 'prioriteit-2', 'strategisch-1']);
  });

  it('counts the covered catalogue themes', () => {
    expect(coverageCount(coverage)).toEqual({ covered: 5, total: 22 });
  });
});
