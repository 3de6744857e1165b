import { describe, expect, it } from 'vitest';
import { type BbvInputs, computeBbv, ratePer } from './bbv.js';

// A year in a municipality the size of Maasgouw: 23,689 inhabitants, 1,612 of them aged 12 to 17.
const counts: [string, number | null][] = [
  ['2.5.2', 24], // winkeldiefstal
  ['1.4.1', 3], // zware mishandeling
  ['1.4.2', 38], // bedreiging
  ['1.4.3', 2], // openlijk geweld (persoon)
  ['1.4.4', 61], // mishandeling
  ['1.4.5', 2], // straatroof
  ['1.4.6', 1], // overval
  ['1.4.7', 0], // diefstal/inbraak met geweld
  ['1.1.1', 52], // diefstal/inbraak woning
  ['2.2.1', 118], // vernieling cq. zaakbeschadiging
  ['1.2.1', 31], // diefstal uit/vanaf motorvoertuigen: no BBV indicator
];

const maasgouw: BbvInputs = {
  year: 2021,
  countsByCode: new Map(counts),
  haltReferrals: 14,
  inhabitants: 23_689,
  youths12to17: 1_612,
};

const withCounts = (changes: [string, number | null][], without: string[] = []): BbvInputs => {
  const map = new Map(counts);
  for (const [code, value] of changes) map.set(code, value);
  for (const code of without) map.delete(code);
  return { ...maasgouw, countsByCode: map };
};

const indicatorIn = (inputs: BbvInputs, key: string) => computeBbv(inputs).find((entry) => entry.key === key);

describe('computeBbv', () => {
  it('gives the five indicators in catalogue order, for the year asked', () => {
    const values = computeBbv(maasgouw);
    expect(values.map((entry) => entry.key)).toEqual([
      'winkeldiefstallen',
      'geweldsmisdrijven',
      'diefstallen-uit-woning',
      'vernielingen',
      'verwijzingen-halt',
    ]);
    expect(values.every((entry) => entry.year === 2021)).toBe(true);
  });

  it('gives winkeldiefstallen per 1,000 inhabitants', () => {
    const entry = indicatorIn(maasgouw, 'winkeldiefstallen');
    expect(entry).toMatchObject({ name: 'Winkeldiefstallen per 1.000 inwoners', count: 24, denominator: 23_689, missing: null });
    expect(entry?.value).toBeCloseTo(1.0131, 4);
  });

  it('adds up the seven categories of violence for geweldsmisdrijven', () => {
    const entry = indicatorIn(maasgouw, 'geweldsmisdrijven');
    expect(entry).toMatchObject({ count: 107, denominator: 23_689, missing: null });
    expect(entry?.value).toBeCloseTo(4.5169, 4);
  });

  it('gives diefstallen uit woning and vernielingen per 1,000 inhabitants', () => {
    expect(indicatorIn(maasgouw, 'diefstallen-uit-woning')?.value).toBeCloseTo(2.1951, 4);
    expect(indicatorIn(maasgouw, 'vernielingen')).toMatchObject({ count: 118, denominator: 23_689 });
    expect(indicatorIn(maasgouw, 'vernielingen')?.value).toBeCloseTo(4.9812, 4);
  });

  it('gives the Halt referrals per 10,000 youths of 12 to 17, as the official definition says', () => {
    const entry = indicatorIn(maasgouw, 'verwijzingen-halt');
    expect(entry).toMatchObject({
      name: 'Verwijzingen Halt per 10.000 jongeren van 12 tot en met 17 jaar',
      unit: { unit: 'per_10000_youths', ageBand: { from: 12, to: 17 } },
      count: 14,
      denominator: 1_612,
      missing: null,
    });
    // By hand: 14 referrals / 1,612 youths x 10,000 = 86.8486...
    expect(entry?.value).toBeCloseTo(86.8486, 4);
  });

  it('ignores police codes that belong to no BBV indicator', () => {
    const without = withCounts([], ['1.2.1']);
    expect(computeBbv(without)).toEqual(computeBbv(maasgouw));
  });

  it('counts a category with 0 crimes as 0, not as missing', () => {
    expect(indicatorIn(maasgouw, 'geweldsmisdrijven')?.missing).toBeNull();
    expect(indicatorIn(withCounts([['2.5.2', 0]]), 'winkeldiefstallen')).toMatchObject({ count: 0, value: 0, missing: null });
  });

  it('gives no count and no value when one code is suppressed by the source, and says which', () => {
    expect(indicatorIn(withCounts([['1.4.6', null]]), 'geweldsmisdrijven')).toEqual({
      key: 'geweldsmisdrijven',
      name: 'Geweldsmisdrijven per 1.000 inwoners',
      unit: { unit: 'per_1000_inhabitants', ageBand: null },
      year: 2021,
      count: null,
      denominator: 23_689,
      value: null,
      missing: 'cijfer 1.4.6 is afgeschermd door de bron',
      causes: ['police-figure-suppressed'],
    });
  });

  it('gives no value when a code is absent from the figures, and says which and for which year', () => {
    expect(indicatorIn(withCounts([], ['1.1.1']), 'diefstallen-uit-woning')).toMatchObject({
      count: null,
      value: null,
      missing: 'cijfer 1.1.1 over 2021 ontbreekt',
    });
  });

  it('names every code that is suppressed or absent', () => {
    expect(indicatorIn(withCounts([['1.4.2', null]], ['1.4.5']), 'geweldsmisdrijven')?.missing).toBe(
      'cijfer 1.4.2 is afgeschermd door de bron; cijfer 1.4.5 over 2021 ontbreekt',
    );
  });

  it('gives each cause of a missing value once, so a page can name it in one footnote', () => {
    const values = computeBbv({
      ...withCounts(
        [
          ['1.4.2', null],
          ['1.4.6', null],
        ],
        ['1.4.5'],
      ),
      haltReferrals: null,
      inhabitants: null,
    });
    expect(values.map((entry) => entry.causes)).toEqual([
      ['inhabitants-missing'],
      ['police-figure-suppressed', 'police-figure-missing', 'inhabitants-missing'],
      ['inhabitants-missing'],
      ['inhabitants-missing'],
      ['halt-not-entered'],
    ]);
    expect(indicatorIn(maasgouw, 'winkeldiefstallen')?.causes).toEqual([]);
  });

  it('leaves the other indicators alone when one code is missing', () => {
    const values = computeBbv(withCounts([['1.4.6', null]]));
    expect(values.filter((entry) => entry.value === null).map((entry) => entry.key)).toEqual(['geweldsmisdrijven']);
  });

  it('gives no values per inhabitant when the number of inhabitants is missing, but keeps the counts', () => {
    const values = computeBbv({ ...maasgouw, inhabitants: null });
    const perInhabitant = values.filter((entry) => entry.key !== 'verwijzingen-halt');
    expect(perInhabitant.map((entry) => [entry.count, entry.denominator, entry.value, entry.missing])).toEqual([
      [24, null, null, 'inwonertal 2021 ontbreekt'],
      [107, null, null, 'inwonertal 2021 ontbreekt'],
      [52, null, null, 'inwonertal 2021 ontbreekt'],
      [118, null, null, 'inwonertal 2021 ontbreekt'],
    ]);
    expect(indicatorIn({ ...maasgouw, inhabitants: null }, 'verwijzingen-halt')?.value).toBeCloseTo(86.8486, 4);
  });

  it('gives no Halt value when the number of youths is missing', () => {
    expect(indicatorIn({ ...maasgouw, youths12to17: null }, 'verwijzingen-halt')).toMatchObject({
      count: 14,
      denominator: null,
      value: null,
      missing: 'aantal jongeren van 12 tot en met 17 jaar in 2021 ontbreekt',
    });
  });

  it('gives no Halt value when nobody entered the referrals', () => {
    expect(indicatorIn({ ...maasgouw, haltReferrals: null }, 'verwijzingen-halt')).toMatchObject({
      count: null,
      denominator: 1_612,
      value: null,
      missing: 'aantal verwijzingen Halt over 2021 is niet ingevuld',
    });
  });

  it('gives 0 for a year without Halt referrals', () => {
    expect(indicatorIn({ ...maasgouw, haltReferrals: 0 }, 'verwijzingen-halt')).toMatchObject({ count: 0, value: 0, missing: null });
  });

  it('gives every reason when both the count and the denominator are missing', () => {
    expect(indicatorIn({ ...withCounts([['2.5.2', null]]), inhabitants: null }, 'winkeldiefstallen')?.missing).toBe(
      'cijfer 2.5.2 is afgeschermd door de bron; inwonertal 2021 ontbreekt',
    );
  });

  it('gives no value, instead of throwing, when the denominator is 0', () => {
    expect(indicatorIn({ ...maasgouw, inhabitants: 0 }, 'vernielingen')).toMatchObject({
      count: 118,
      denominator: 0,
      value: null,
      missing: 'inwonertal 2021 is niet groter dan 0',
    });
    expect(indicatorIn({ ...maasgouw, youths12to17: 0 }, 'verwijzingen-halt')?.missing).toBe(
      'aantal jongeren van 12 tot en met 17 jaar in 2021 is niet groter dan 0',
    );
  });

  it('gives no values at all for an empty year, each with its reason', () => {
    const values = computeBbv({ year: 2023, countsByCode: new Map(), haltReferrals: null, inhabitants: null, youths12to17: null });
    expect(values.every((entry) => entry.value === null && entry.count === null && entry.missing !== null)).toBe(true);
    expect(values[0]?.missing).toBe('cijfer 2.5.2 over 2023 ontbreekt; inwonertal 2023 ontbreekt');
  });
});

describe('ratePer', () => {
  it('gives the count per 1,000 of the denominator', () => {
    expect(ratePer(24, 23_689, 1000)).toBeCloseTo(1.01313, 5);
    expect(ratePer(61, 2000, 1000)).toBe(30.5);
  });

  it('works for other scales', () => {
    expect(ratePer(14, 1_612, 10_000)).toBeCloseTo(86.849, 3);
    expect(ratePer(7, 200, 100)).toBeCloseTo(3.5, 12);
  });

  it('gives 0 for a count of 0', () => {
    expect(ratePer(0, 23_689, 1000)).toBe(0);
  });

  it('throws on a denominator of 0 or below', () => {
    expect(() => ratePer(24, 0, 1000)).toThrow('de noemer moet groter dan 0 zijn, niet 0');
    expect(() => ratePer(24, -5, 1000)).toThrow(Error);
  });

  it('throws on a denominator that is not a number', () => {
    expect(() => ratePer(24, Number.NaN, 1000)).toThrow(Error);
  });
});
