import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../features/plans/pages/plan.fixture.js';
import { toContent } from '../features/plans/plan-document.mapper.js';
import { diffPlans } from './plan-diff.js';

describe('plan differences of stored plans', () => {
  it('finds no change in a value whose members come back in another order, as they do from a stored snapshot', () => {
    const content = toContent(fixturePlan);
    const reordered = structuredClone(content);
    for (const theme of reordered.themes)
      for (const workstream of theme.workstreams)
        for (const activity of workstream.activities) {
          const { ongoing, startYear, startQuarter, endYear } = activity.schedule;
          activity.schedule = { endYear, startQuarter, startYear, ongoing };
        }
    expect(diffPlans(content, reordered)).toEqual([]);
  });
});
