import { describe, expect, it } from 'vitest';
import { codesByTheme, comparedCodes, compareThemes, countKey, groupOf, TOTAL } from './group-comparison.js';
import type { MunicipalityFacts } from './reference-group.js';

const town = (code: string, inhabitants: number, urbanisation: MunicipalityFacts['urbanisation']): MunicipalityFacts => ({
  code,
  name: `Gemeente ${code}`,
  inhabitants,
  urbanisation,
});

const own = town('GM1641', 10_000, 5);
const others = [town('GM0001', 10_000, 5), town('GM0002', 20_000, 5), town('GM0003', 10_000, 4), town('GM0004', 12_000, 5)];
const facts = [own, ...others];

/** Counts per region by code: crime codes as given (1.4.7, 2.5.1, 2.5.2 are theme 2.1; 0.0.0 the total), nuisance codes with `overlast:`. */
function counts(entries: Record<string, Record<string, number | null>>) {
  return new Map(
    Object.entries(entries).map(([region, perCode]) => [
      region,
      new Map(Object.entries(perCode).map(([code, value]) => [code.startsWith('overlast:') ? code : countKey('misdrijven', code), value])),
    ]),
  );
}

describe('codesByTheme', () => {
  it('sums the kinds of crime a theme counts, and the total has only 0.0.0', () => {
    const byTheme = codesByTheme('misdrijven');
    expect(byTheme.get(TOTAL)).toEqual(['0.0.0']);
    expect(byTheme.get('2.1')).toEqual(['1.4.7', '2.5.1', '2.5.2']);
    expect(byTheme.get('1.3')).toContain('1.1.1');
    expect(comparedCodes('misdrijven')).toContain('0.0.0');
    expect(comparedCodes('misdrijven')).not.toContain('2.6.1');
  });

  it('keeps nuisance apart: its own kinds per theme and its own total', () => {
    const byTheme = codesByTheme('overlast');
    expect(byTheme.get(TOTAL)).toEqual(['0.0.0']);
    expect(byTheme.get('3.1')).toEqual(['E35']);
    expect(byTheme.get('1.1')).toEqual(['E33', 'E38', 'E41', 'F010', 'M22']);
    expect(codesByTheme('misdrijven').has('3.1')).toBe(false);
    expect(comparedCodes('overlast')).toEqual(['0.0.0', 'E33', 'E35', 'E38', 'E41', 'F010', 'M061', 'M062', 'M22']);
  });
});

describe('groupOf', () => {
  it('takes a hand-picked group as given, without the municipality itself', () => {
    const group = groupOf(own, facts, { kind: 'hand', codes: ['GM0003', 'GM1641', 'GM0001'] });
    expect(group.members.map((member) => member.code)).toEqual(['GM0001', 'GM0003']);
    expect(group.steps).toEqual(['met de hand gekozen']);
  });

  it('takes every other municipality for the whole country', () => {
    expect(groupOf(own, facts, { kind: 'all' }).members).toHaveLength(4);
  });

  it('chooses by size class and urbanisation otherwise', () => {
    const group = groupOf(own, facts, { kind: 'auto' });
    // Fewer than ten in the same classes: widened until all four are in, every step said.
    expect(group.members).toHaveLength(4);
    expect(group.steps.length).toBeGreaterThan(0);
  });
});

describe('compareThemes', () => {
  const themes = [
    { code: '2.1', name: 'Veilig ondernemen' },
    { code: '3.1', name: 'Jeugd' },
    { code: '9.9', name: 'Zonder politiecijfer' },
  ];
  const population = new Map([
    ['GM1641', 10_000],
    ['GM0001', 10_000],
    ['GM0002', 20_000],
    ['GM0003', 10_000],
    ['GM0004', 12_000],
    ['NL01', 1_000_000],
  ]);

  it('gives rates per 1,000, the group median and quartiles, the Netherlands and the place as a range', () => {
    const result = compareThemes({
      target: own,
      facts,
      choice: { kind: 'hand', codes: ['GM0001', 'GM0002', 'GM0003'] },
      themes,
      population,
      counts: counts({
        GM1641: { '0.0.0': 500, '1.4.7': 5, '2.5.1': 5, '2.5.2': 10 },
        GM0001: { '0.0.0': 300, '1.4.7': 2, '2.5.1': 3, '2.5.2': 5 },
        GM0002: { '0.0.0': 1000, '1.4.7': 10, '2.5.1': 20, '2.5.2': 30 },
        GM0003: { '0.0.0': 400, '1.4.7': 10, '2.5.1': 10, '2.5.2': 30 },
        NL01: { '0.0.0': 50_000, '1.4.7': 300, '2.5.1': 300, '2.5.2': 400 },
      }),
    });
    const [total, shops] = result.themes;
    // Theme 2.1: own 20 of 10,000 = 2.0; group 10/10,000 = 1.0, 60/20,000 = 3.0, 50/10,000 = 5.0.
    expect(shops?.comparison?.own.rate).toBeCloseTo(2, 10);
    expect(shops?.comparison?.group.map((rate) => rate.rate)).toEqual([1, 3, 5]);
    expect(shops?.comparison?.median).toBe(3);
    expect(shops?.comparison?.quartiles).toEqual([2, 4]);
    expect(shops?.comparison?.netherlands?.rate).toBeCloseTo(1, 10);
    // 20 crimes: 95% interval 12.2 to 30.9, per 1,000 of 10,000: 1.22 to 3.09, which holds the median 3.
    expect(shops?.position).toBe('unclear');
    // GM0003 (5.0, interval of 50: 3.7 to 6.6) lies wholly above; none wholly below: places 1+1 to 4.
    expect(shops?.comparison?.rank).toEqual({ best: 2, worst: 4, of: 4 });
    // All crime: own 50 per 1,000; group 30, 50, 40: median 40; interval of 500 (45.7 to 54.6) lies above it.
    expect(total?.comparison?.median).toBe(40);
    expect(total?.position).toBe('above');
    expect(total?.comparison?.rank).toEqual({ best: 1, worst: 2, of: 4 });
    // Per source the total, then the themes that have kinds of it; a theme no police figure counts is not compared at all.
    expect(result.themes.map((theme) => `${theme.source} ${theme.code}`)).toEqual([
      'misdrijven totaal',
      'misdrijven 2.1',
      'overlast totaal',
      'overlast 3.1',
    ]);
    // No nuisance figures given: nothing compared there, and every member named as without a figure.
    expect(result.themes[3]?.comparison).toBeNull();
    expect(result.themes[3]?.without).toHaveLength(3);
    expect(result.notPulled).toEqual([]);
  });

  it('names the members without figures and leaves them out, and compares nothing without an own figure', () => {
    const result = compareThemes({
      target: own,
      facts,
      choice: { kind: 'hand', codes: ['GM0001', 'GM0002', 'GM0004'] },
      themes,
      population,
      counts: counts({
        GM1641: { '0.0.0': 500, '1.4.7': 5, '2.5.1': null, '2.5.2': 10 },
        GM0001: { '0.0.0': 300, '1.4.7': 2, '2.5.1': 3, '2.5.2': 5 },
        GM0002: { '0.0.0': 1000 },
      }),
    });
    const [total, shops] = result.themes;
    expect(total?.comparison?.group.map((rate) => rate.code)).toEqual(['GM0001', 'GM0002']);
    expect(total?.without).toEqual(['Gemeente GM0004']);
    expect(total?.comparison?.netherlands).toBeNull();
    expect(shops?.comparison).toBeNull();
    expect(shops?.position).toBeNull();
    expect(shops?.without).toEqual(['Gemeente GM0002', 'Gemeente GM0004']);
    expect(result.notPulled.map((member) => member.code)).toEqual(['GM0004']);
  });

  it('says nothing about a position when the group is empty', () => {
    const result = compareThemes({
      target: own,
      facts,
      choice: { kind: 'hand', codes: [] },
      themes,
      population,
      counts: counts({ GM1641: { '0.0.0': 500 } }),
    });
    expect(result.themes[0]?.position).toBeNull();
    expect(result.themes[0]?.comparison?.rank).toEqual({ best: 1, worst: 1, of: 1 });
  });
});
