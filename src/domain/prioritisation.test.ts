import { describe, expect, it } from 'vitest';
import { type Criterion, DEFAULT_CRITERIA, rankThemes, scoreProblems } from './prioritisation.js';

const themes = [
  { code: '1.3', name: 'High impact crime' },
  { code: '3.1', name: 'Jeugdoverlast' },
  { code: '5.2', name: 'Ondermijning' },
  { code: '4.1', name: 'Verkeersveiligheid' },
];
const criteria: Criterion[] = [
  { key: 'omvang', name: 'omvang', weight: 2 },
  { key: 'raad', name: 'wens van de raad', weight: 1 },
  { key: 'wet', name: 'wettelijke taak', weight: 0 },
];

describe('rankThemes', () => {
  it('ranks by the weighted mean of the scores given, with the reasons (hand-computed)', () => {
    const ranked = rankThemes(themes, criteria, {
      '1.3': { omvang: 5, raad: 2, wet: 5 }, // (5*2 + 2*1) / 3 = 4
      '3.1': { omvang: 3, raad: 5 }, // (3*2 + 5) / 3 = 3.667
      '5.2': { omvang: 4, raad: 4 }, // 4
    });
    expect(ranked.map((row) => [row.code, row.rank])).toEqual([
      ['1.3', 1],
      ['5.2', 1],
      ['3.1', 3],
      ['4.1', null],
    ]);
    expect(ranked[0]?.total).toBe(4);
    expect(ranked[2]?.total).toBeCloseTo(11 / 3, 12);
    expect(ranked[0]?.reasons).toEqual(['omvang: 5 van 5 (weegt 2 keer)', 'wens van de raad: 2 van 5']);
    expect(ranked[3]).toMatchObject({ total: null, reasons: [], missing: ['omvang', 'wens van de raad'] });
  });

  it('ranks a theme scored on fewer criteria on those it has, and names the ones missing', () => {
    const ranked = rankThemes(themes.slice(0, 2), criteria, { '1.3': { raad: 3 }, '3.1': { omvang: 2, raad: 2 } });
    expect(ranked.map((row) => [row.code, row.total])).toEqual([
      ['1.3', 3],
      ['3.1', 2],
    ]);
    expect(ranked[0]?.missing).toEqual(['omvang']);
  });

  it('starts from five criteria of equal weight', () => {
    expect(DEFAULT_CRITERIA.map((criterion) => [criterion.key, criterion.weight])).toEqual([
      ['omvang-en-trend', 1],
      ['afstand-tot-groep', 1],
      ['impact-op-inwoners', 1],
      ['wens-van-de-raad', 1],
      ['wettelijke-taak', 1],
    ]);
  });
});

describe('scoreProblems', () => {
  it('names every problem with where it is', () => {
    const problems = scoreProblems(
      [...criteria, { key: 'omvang', name: '', weight: -1 }],
      { '1.3': { omvang: 6, raad: 2.5, onbekend: 1 }, '9.9': { omvang: 1 } },
      themes.map((theme) => theme.code),
    );
    expect(problems).toEqual([
      { path: 'criteria[3].key', message: 'de sleutel omvang staat er twee keer' },
      { path: 'criteria[3].weight', message: 'een gewicht is een getal van 0 tot en met 100' },
      { path: 'criteria[3].name', message: 'geef het criterium een naam' },
      { path: 'scores.1.3.omvang', message: 'een score is een heel getal van 0 tot en met 5' },
      { path: 'scores.1.3.raad', message: 'een score is een heel getal van 0 tot en met 5' },
      { path: 'scores.1.3.onbekend', message: 'geen criterium: onbekend' },
      { path: 'scores.9.9', message: 'geen thema van Kernbeleid Veiligheid: 9.9' },
    ]);
  });

  it('needs one criterion that counts, and finds nothing wrong with good scores', () => {
    expect(scoreProblems([{ key: 'a', name: 'a', weight: 0 }], {}, [])).toEqual([
      { path: 'criteria', message: 'minstens één criterium moet meewegen' },
    ]);
    expect(scoreProblems(criteria, { '1.3': { omvang: 0, raad: 5 } }, ['1.3'])).toEqual([]);
  });
});
