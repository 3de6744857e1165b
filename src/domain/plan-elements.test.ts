import { describe, expect, it } from 'vitest';
import { fixturePlan } from '../features/plans/pages/plan.fixture.js';
import { toContent } from '../features/plans/plan-document.mapper.js';
import { changeInWords, diffPlans, nameLookup } from './plan-diff.js';
import { addElement, findElement, listElements, removeElement, reorderElements, updateElement } from './plan-elements.js';

const content = toContent(fixturePlan);

describe('plan elements', () => {
  it('lists every element with its parent, containers before what they contain', () => {
    const entries = listElements(content);
    const theme = entries.findIndex((entry) => entry.kind === 'theme' && entry.key === 'prioriteit-1');
    const workstream = entries.findIndex((entry) => entry.kind === 'workstream' && entry.parentKey === 'prioriteit-1');
    const activity = entries.find((entry) => entry.kind === 'activity' && entry.key === 'buurtbemiddeling');
    expect(theme).toBeLessThan(workstream);
    expect(activity?.parentKey).toBe('overige-interventies');
  });

  it('adds, changes, moves and removes without touching the content it was given', () => {
    const before = structuredClone(content);
    const added = addElement(content, 'partner', {
      key: 'brandweer',
      name: 'Brandweer',
      kind: 'external',
      isCore: true,
      parentKey: null,
      description: null,
    });
    expect(added.partners.at(-1)?.key).toBe('brandweer');
    const buurt = findElement(content, 'activity', 'buurtbemiddeling')!;
    const moved = updateElement(content, 'activity', 'buurtbemiddeling', { ...buurt.value, cadence: 'wekelijks' }, 'casusaanpak');
    expect(findElement(moved, 'activity', 'buurtbemiddeling')).toMatchObject({ parentKey: 'casusaanpak', value: { cadence: 'wekelijks' } });
    const removed = removeElement(content, 'theme', 'prioriteit-1');
    expect(findElement(removed, 'activity', 'buurtbemiddeling')).toBeUndefined();
    expect(content).toEqual(before);
  });

  it('refuses a key that is taken, a key that changes, and removing what others still name', () => {
    expect(() => addElement(content, 'partner', { ...content.partners[0]! })).toThrow(/al in gebruik/);
    const buurt = findElement(content, 'activity', 'buurtbemiddeling')!;
    expect(() => updateElement(content, 'activity', 'buurtbemiddeling', { ...buurt.value, key: 'iets-anders' })).toThrow(/verandert niet/);
    expect(() => removeElement(content, 'partner', 'politie')).toThrow(/nog gebruikt/);
    expect(() => removeElement(content, 'goal', 'veiliger')).toThrow(/nog gebruikt/);
  });

  it('reorders a list only when the new order names each element once', () => {
    const keys = content.partners.map((partner) => partner.key);
    const reversed = reorderElements(content, 'partner', null, [...keys].reverse());
    expect(reversed.partners.map((partner) => partner.key)).toEqual([...keys].reverse());
    expect(() => reorderElements(content, 'partner', null, keys.slice(1))).toThrow(/precies één keer/);
    expect(() => reorderElements(content, 'partner', null, [...keys, keys[0]!])).toThrow(/precies één keer/);
  });
});

describe('plan differences', () => {
  it('finds nothing between a plan and itself', () => {
    expect(diffPlans(content, structuredClone(content))).toEqual([]);
  });

  it('finds nothing in a binding whose keys come in another order (as jsonb gives them back)', () => {
    const bound = structuredClone(content);
    const reordered = structuredClone(content);
    const indicator = (plan: typeof content) => plan.indicators[0] as NonNullable<(typeof content.indicators)[number]>;
    indicator(bound).binding = {
      numerator: { service: 'dataderden', table: '47022NED', topic: 'GeregistreerdeMisdrijven', dimensions: { SoortMisdrijf: ['1.1.1'] } },
      denominator: null,
      scale: null,
    };
    indicator(reordered).binding = JSON.parse(
      '{"scale":null,"numerator":{"table":"47022NED","topic":"GeregistreerdeMisdrijven","service":"dataderden","dimensions":{"SoortMisdrijf":["1.1.1"]}},"denominator":null}',
    );
    expect(diffPlans(bound, reordered)).toEqual([]);
    expect(diffPlans(bound, content)).toHaveLength(1);
  });

  it('names each change item by item, in words', () => {
    const buurt = findElement(content, 'activity', 'buurtbemiddeling')!;
    let next = updateElement(content, 'activity', 'buurtbemiddeling', { ...buurt.value, partnerKeys: ['politie', 'oov'] }, 'casusaanpak');
    next = removeElement(next, 'framework', 'beleidsplan-politie-eenheid');
    next = reorderElements(next, 'goal', null, ['positie', 'veiliger', 'basis']);
    next = { ...next, title: 'IVP 2019-2022, bijgesteld' };
    const names = nameLookup(content, next);
    const words = diffPlans(content, next).map((change) => changeInWords(change, names));
    expect(words).toEqual([
      'Het plan gewijzigd: titel van "Integraal Veiligheidsplan 2019-2022" naar "IVP 2019-2022, bijgesteld"',
      'Activiteit "Buurtbemiddeling" verplaatst van onderdeel "Overige interventies" naar onderdeel "Casusaanpak"',
      'Activiteit "Buurtbemiddeling" gewijzigd: partners van "OOV, Sociaal Domein, Servicecentrum MER" naar "Politie, OOV"',
      'Kader "Beleidsplan politie-eenheid" verwijderd',
      'Volgorde van de strategische doelstellingen gewijzigd',
    ]);
  });
});
