import { describe, expect, it } from 'vitest';
import { buildDistrictFigures, type DistrictKindInput, isUnknownDistrict } from './district-figures.js';

const figure = (year: number, value: number | null, suppressed = value === null) => ({ year, value, suppressed });

/** Total crime in a municipality of three wijken, 2015 and 2021, and the police's "wijk onbekend". */
const crime: DistrictKindInput = {
  source: 'misdrijven',
  code: '0.0.0',
  title: 'Totaal misdrijven',
  municipality: [figure(2015, 800), figure(2021, 640)],
  districts: [
    { key: 'WK164100', name: 'Wijk 00 Maasbracht', values: [figure(2015, 400), figure(2021, 320)] },
    { key: 'WK164101', name: 'Wijk 01 Linne', values: [figure(2015, 300), figure(2021, 200)] },
    { key: 'WK164102', name: 'Wijk 02 Stevensweert', values: [figure(2015, 90), figure(2021, 100)] },
    { key: 'WK164199', name: 'Wijk onbekend', values: [figure(2015, 10), figure(2021, 20)] },
  ],
};

describe('the figures per wijk', () => {
  it('gives each wijk its count and its share of the municipality in the first and the last year, hand-computed', () => {
    const figures = buildDistrictFigures([crime], { first: 2015, last: 2021 });
    expect(figures.perPopulation).toBe(false);
    const [kind] = figures.kinds;
    expect(kind?.districts.map((row) => row.name)).toEqual(['Wijk 00 Maasbracht', 'Wijk 01 Linne', 'Wijk 02 Stevensweert']);
    const [maasbracht, linne, stevensweert] = kind?.districts ?? [];
    // 400 / 800 = 0.5; 320 / 640 = 0.5; 300 / 800 = 0.375; 200 / 640 = 0.3125; 90 / 800 = 0.1125; 100 / 640 = 0.15625.
    expect(maasbracht?.first).toEqual({ count: 400, suppressed: false, share: 0.5, rate: null });
    expect(maasbracht?.last).toEqual({ count: 320, suppressed: false, share: 0.5, rate: null });
    expect(linne?.first.share).toBe(0.375);
    expect(linne?.last.share).toBe(0.3125);
    expect(stevensweert?.first.share).toBe(0.1125);
    expect(stevensweert?.last.share).toBe(0.15625);
    expect(kind?.municipality.last).toEqual({ count: 640, suppressed: false, share: 1, rate: null });
  });

  it('counts the police\u2019s "wijk onbekend" as the rest of the total, not as a wijk', () => {
    const [kind] = buildDistrictFigures([crime], { first: 2015, last: 2021 }).kinds;
    // 800 - (400 + 300 + 90) = 10; 640 - (320 + 200 + 100) = 20.
    expect(kind?.rest).toEqual({ first: 10, last: 20 });
    expect(isUnknownDistrict('WK000000', 'Wijk onbekend')).toBe(true);
    expect(isUnknownDistrict('WK164199', 'Onbekend')).toBe(true);
    expect(isUnknownDistrict('WK164100', 'Wijk 00 Maasbracht')).toBe(false);
  });

  it('treats a withheld wijk as withheld, never zero: no share for it and no rest for the year', () => {
    const withheld: DistrictKindInput = {
      ...crime,
      districts: crime.districts.map((district) =>
        district.key === 'WK164102' ? { ...district, values: [figure(2015, 90), figure(2021, null)] } : district,
      ),
    };
    const [kind] = buildDistrictFigures([withheld], { first: 2015, last: 2021 }).kinds;
    const stevensweert = kind?.districts.find((row) => row.key === 'WK164102');
    expect(stevensweert?.last).toEqual({ count: null, suppressed: true, share: null, rate: null });
    expect(stevensweert?.first.count).toBe(90);
    expect(kind?.rest).toEqual({ first: 10, last: null });
    expect(kind?.withheld).toEqual(['Wijk 02 Stevensweert']);
  });

  it('says a missing year is missing, not withheld', () => {
    const [kind] = buildDistrictFigures([crime], { first: 2014, last: 2021 }).kinds;
    expect(kind?.districts[0]?.first).toEqual({ count: null, suppressed: false, share: null, rate: null });
    expect(kind?.withheld).toEqual([]);
  });

  it('reckons per 1,000 inhabitants of the wijk where its population is given', () => {
    const population = new Map([
      ['WK164100', [figure(2015, 8000), figure(2021, 6400)]],
      ['WK164101', [figure(2015, 5000), figure(2021, null)]],
    ]);
    const figures = buildDistrictFigures([crime], { first: 2015, last: 2021 }, population);
    expect(figures.perPopulation).toBe(true);
    const [maasbracht, linne, stevensweert] = figures.kinds[0]?.districts ?? [];
    // 400 / 8,000 x 1,000 = 50; 320 / 6,400 x 1,000 = 50; 300 / 5,000 x 1,000 = 60.
    expect(maasbracht?.first.rate).toBe(50);
    expect(maasbracht?.last.rate).toBe(50);
    expect(linne?.first.rate).toBe(60);
    expect(linne?.last.rate).toBeNull();
    expect(stevensweert?.first.rate).toBeNull();
  });

  it('leaves out a kind without any wijk, and one whose only wijk is unknown', () => {
    const none: DistrictKindInput = { ...crime, code: '1.1.1', districts: [] };
    const unknownOnly: DistrictKindInput = { ...crime, code: '2.2.1', districts: [crime.districts[3]!] };
    expect(buildDistrictFigures([none, unknownOnly, crime], { first: 2015, last: 2021 }).kinds.map((kind) => kind.code)).toEqual(['0.0.0']);
  });

  it('has no rest when the wijken add up to more than the municipality', () => {
    const over: DistrictKindInput = { ...crime, municipality: [figure(2015, 780), figure(2021, 640)] };
    // 780 - (400 + 300 + 90) = -10: no rest, not a negative one; 640 - 620 = 20.
    expect(buildDistrictFigures([over], { first: 2015, last: 2021 }).kinds[0]?.rest).toEqual({ first: null, last: 20 });
  });

  it('gives no share when the municipality\u2019s total is withheld or zero', () => {
    const zero: DistrictKindInput = {
      ...crime,
      municipality: [figure(2015, 0), figure(2021, null)],
      districts: [{ key: 'WK164100', name: 'Wijk 00 Maasbracht', values: [figure(2015, 0), figure(2021, 3)] }],
    };
    const [kind] = buildDistrictFigures([zero], { first: 2015, last: 2021 }).kinds;
    expect(kind?.districts[0]?.first.share).toBeNull();
    expect(kind?.districts[0]?.last.share).toBeNull();
    expect(kind?.rest).toEqual({ first: 0, last: null });
  });
});
