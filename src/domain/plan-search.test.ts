import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../features/plans/pages/plan.fixture.js';
import { searchPlan } from './plan-search.js';

describe('searching a plan', () => {
  it('finds themes, partners and activities by every word, in any case and without accents', () => {
    const result = searchPlan(fixturePlan, 'POLITIE');
    expect(result.partners.map((partner) => partner.key)).toEqual(['politie']);
    expect(result.activities.length).toBeGreaterThan(0);
    const themes = searchPlan(fixturePlan, fixturePlan.themes[0]?.name.split(' ')[0] ?? '');
    expect(themes.themes.map((theme) => theme.key)).toContain(fixturePlan.themes[0]?.key);
  });
  it('finds nothing for no words, or for words that do not all occur', () => {
    expect(searchPlan(fixturePlan, '   ')).toMatchObject({ themes: [], partners: [], activities: [] });
    expect(searchPlan(fixturePlan, 'politie woordbestaatniet')).toMatchObject({ themes: [], partners: [], activities: [] });
  });
});
