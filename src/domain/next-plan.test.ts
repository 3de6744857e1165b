import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../features/plans/pages/plan.fixture.js';
import { toContent } from '../features/plans/plan-document.mapper.js';
import { carryOver } from './next-plan.js';
import { listElements } from './plan-elements.js';

describe('the next plan as a copy', () => {
  const previous = toContent(fixturePlan);
  const next = carryOver(previous, 2023, 2026);

  it('keeps every key, as a concept for the new period', () => {
    expect(next).toMatchObject({ status: 'draft', adoptedOn: null, adoptions: [], periodStart: 2023, periodEnd: 2026 });
    const keys = (content: typeof previous) => listElements(content).map((entry) => `${entry.kind}:${entry.key}`);
    expect(keys(next)).toEqual(keys(previous));
  });

  it('aims indicators at the new last year and keeps their baseline', () => {
    const [first] = next.indicators;
    expect(first).toMatchObject({ baselineValue: previous.indicators[0]!.baselineValue, baselineYear: 2017, targetYear: 2026 });
  });

  it('leaves finished activities behind and lets earlier ones run on from the first year', () => {
    const finished = { ...previous };
    finished.themes = structuredClone(previous.themes);
    const activities = finished.themes[0]!.workstreams[0]!.activities;
    activities[0]!.schedule = { ongoing: false, startYear: 2019, startQuarter: 2, endYear: 2020 };
    activities[1]!.schedule = { ongoing: false, startYear: 2019, startQuarter: 3, endYear: null };
    const carried = carryOver(finished, 2023, 2026).themes[0]!.workstreams[0]!.activities;
    expect(carried.map((activity) => activity.key)).not.toContain(activities[0]!.key);
    expect(carried.find((activity) => activity.key === activities[1]!.key)?.schedule).toEqual({
      ongoing: false,
      startYear: 2023,
      startQuarter: null,
      endYear: null,
    });
  });
});
