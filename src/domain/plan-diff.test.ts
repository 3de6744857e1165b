import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../features/plans/pages/plan.fixture.js';
import { toContent } from '../features/plans/plan-document.mapper.js';
import type { PlanContent } from './plan.js';
import { diffPlans } from './plan-diff.js';

/** Every object's keys in another order, as a plan read back from a JSONB column has them. */
function reordered<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reordered) as T;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .reverse()
      .map(([key, inner]) => [key, reordered(inner)]),
  ) as T;
}

describe('differences between two versions of a plan', () => {
  const content = toContent(fixturePlan);

  it('finds nothing between a plan and the same plan with its fields in another order', () => {
    expect(diffPlans(content, reordered(content))).toEqual([]);
    expect(diffPlans(reordered(content), content)).toEqual([]);
  });

  it('still sees a changed value inside an object whose keys stand in another order', () => {
    const changed: PlanContent = structuredClone(content);
    const activity = changed.themes[0]!.workstreams[0]!.activities[0]!;
    activity.schedule = { ...activity.schedule, endYear: 2030 };
    const changes = diffPlans(reordered(content), changed);
    expect(changes).toEqual([expect.objectContaining({ kind: 'activity', key: activity.key, change: 'changed' })]);
    expect(changes[0]!.fields.map((field) => field.field)).toEqual(['schedule']);
  });
});
