import { describe, expect, it } from 'vitest';
import { chooseReferenceGroup, compareWithGroup, type MunicipalityFacts, rateOf, sizeClass, sizeClassInWords } from './reference-group.js';
import { poissonInterval } from './statistics.js';

const town = (code: string, inhabitants: number, urbanisation: MunicipalityFacts['urbanisation']): MunicipalityFacts => ({
  code,
  name: code,
  inhabitants,
  urbanisation,
});

describe('sizeClass', () => {
  it('puts every number of inhabitants in one CBS size class, the bounds in the upper one', () => {
    expect(
      [0, 4_999, 5_000, 9_999, 10_000, 19_999, 20_000, 49_999, 50_000, 99_999, 100_000, 149_999, 150_000, 249_999, 250_000, 900_000].map(
        sizeClass,
      ),
    ).toEqual([0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7]);
    expect(sizeClassInWords(0)).toBe('minder dan 5.000 inwoners');
    expect(sizeClassInWords(3)).toBe('20.000 tot 50.000 inwoners');
    expect(sizeClassInWords(7)).toBe('250.000 inwoners of meer');
  });
});

describe('chooseReferenceGroup', () => {
  // Maasgouw: about 24,000 inhabitants, urbanisation 4 (little urban).
  const maasgouw = town('GM1641', 23_800, 4);

  it('takes the municipalities of the same size class and urbanisation, never the municipality itself', () => {
    const all = [
      maasgouw,
      ...Array.from({ length: 12 }, (_, i) => town(`GM${2000 + i}`, 21_000 + i * 2_000, 4)),
      town('GM3000', 30_000, 3),
      town('GM3001', 60_000, 4),
    ];
    const group = chooseReferenceGroup(maasgouw, all);
    expect(group.members.map((member) => member.code)).toEqual(Array.from({ length: 12 }, (_, i) => `GM${2000 + i}`));
    expect(group).toMatchObject({ sizeClasses: [3, 3], urbanisation: [4, 4], steps: [] });
  });

  it('widens the urbanisation first, then the size class, one step at a time, saying each', () => {
    const all = [
      maasgouw,
      ...Array.from({ length: 3 }, (_, i) => town(`GM10${i}`, 25_000 + i, 4)),
      ...Array.from({ length: 3 }, (_, i) => town(`GM20${i}`, 30_000 + i, 5)),
      ...Array.from({ length: 3 }, (_, i) => town(`GM30${i}`, 60_000 + i, 4)),
      town('GM400', 12_000, 3),
      town('GM500', 200_000, 1),
    ];
    const group = chooseReferenceGroup(maasgouw, all, { minimum: 10 });
    // 3 alike; urbanisation 3-5 gives 6; size classes 2-4 give 10 with GM400.
    expect(group.members).toHaveLength(10);
    expect(group.members.map((member) => member.code)).not.toContain('GM500');
    expect(group).toMatchObject({ sizeClasses: [2, 4], urbanisation: [3, 5] });
    expect(group.steps).toEqual([
      '3 gemeenten gevonden, minder dan 10: stedelijkheid verruimd tot 1 stap ernaast',
      '6 gemeenten gevonden, minder dan 10: grootteklasse verruimd tot 1 klasse ernaast',
    ]);
  });

  it('keeps the closest in inhabitants and urbanisation when there are more than the maximum', () => {
    const all = [maasgouw, ...Array.from({ length: 40 }, (_, i) => town(`GM${3000 + i}`, 20_000 + i * 700, 4))];
    const group = chooseReferenceGroup(maasgouw, all, { maximum: 30 });
    expect(group.members).toHaveLength(30);
    const kept = new Set(group.members.map((member) => member.code));
    const distance = (member: MunicipalityFacts) => Math.abs(Math.log(member.inhabitants / maasgouw.inhabitants));
    const left = all.slice(1).filter((member) => !kept.has(member.code));
    expect(Math.min(...left.map(distance))).toBeGreaterThanOrEqual(Math.max(...group.members.map(distance)));
    expect(group.steps).toEqual(['meer dan 30 gemeenten: de 30 die in inwonertal en stedelijkheid het dichtst bij liggen']);
  });

  it('stops widening when every municipality is in, however few there are', () => {
    const all = [maasgouw, town('GM1', 900_000, 1), town('GM2', 1_000, 5)];
    const group = chooseReferenceGroup(maasgouw, all, { minimum: 10 });
    expect(group.members.map((member) => member.code)).toEqual(['GM1', 'GM2']);
    expect(group.sizeClasses).toEqual([0, 7]);
    expect(group.urbanisation).toEqual([1, 5]);
    expect(chooseReferenceGroup(maasgouw, [maasgouw]).members).toEqual([]);
  });
});

describe('compareWithGroup', () => {
  it('gives the rate per 1,000 with the exact interval of its count', () => {
    const rate = rateOf({ code: 'GM1641', count: 10, population: 20_000 });
    expect(rate.rate).toBe(0.5);
    const [low, high] = poissonInterval(10);
    expect(rate.interval[0]).toBeCloseTo(low / 20, 12);
    expect(rate.interval[1]).toBeCloseTo(high / 20, 12);
  });

  it('sets the rate against the group median, its quartiles and the Netherlands, with the range of places it could hold', () => {
    const group = [
      { code: 'A', count: 100, population: 20_000 }, // 5 per 1,000
      { code: 'B', count: 190, population: 20_000 }, // 9.5, interval about 8.2 to 10.9
      { code: 'C', count: 300, population: 20_000 }, // 15
      { code: 'D', count: 400, population: 20_000 }, // 20
      { code: 'E', count: 1000, population: 20_000 }, // 50
    ];
    const own = { code: 'GM1641', count: 260, population: 20_000 }; // 13, interval about 11.5 to 14.7
    const comparison = compareWithGroup(own, [...group, own], { code: 'NL01', count: 800_000, population: 17_900_000 });
    expect(comparison.group.map((rate) => rate.code)).toEqual(['A', 'B', 'C', 'D', 'E']);
    expect(comparison.median).toBe(15);
    expect(comparison.quartiles).toEqual([9.5, 20]);
    expect(comparison.netherlands?.rate).toBeCloseTo(44.6927, 3);
    // D and E lie wholly above, A and B wholly below; C (15, about 13.4 to 16.8) overlaps: place 3 or 4 of 6.
    expect(comparison.rank).toEqual({ best: 3, worst: 4, of: 6 });
  });

  it('states a wide range of places for a small municipality whose count could be much higher or lower', () => {
    const group = [5, 8, 10, 12, 15].map((count, i) => ({ code: `G${i}`, count, population: 10_000 }));
    const comparison = compareWithGroup({ code: 'X', count: 9, population: 10_000 }, group, null);
    expect(comparison.rank).toEqual({ best: 1, worst: 6, of: 6 });
    expect(comparison.netherlands).toBeNull();
  });
});
