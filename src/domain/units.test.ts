import { describe, expect, it } from 'vitest';
import { INDICATOR_UNITS, rateValue, ratioProblem, takesRatio, unitInWords, unitScale, valueInWords, valueRangeProblem } from './units.js';

const youths = (unit: 'per_1000_youths' | 'per_10000_youths') => ({ unit, ageBand: { from: 12, to: 17 } });

describe('indicator units', () => {
  it('names every unit in words, a rate per youths with its ages', () => {
    expect(INDICATOR_UNITS.map((unit) => unitInWords({ unit, ageBand: unit.endsWith('youths') ? { from: 12, to: 17 } : null }))).toEqual([
      'aantal',
      'per 1.000 inwoners',
      'per 10.000 inwoners',
      'per 1.000 jongeren van 12 tot en met 17 jaar',
      'per 10.000 jongeren van 12 tot en met 17 jaar',
      'percentage',
      'rapportcijfer',
    ]);
  });

  it('writes a figure with its unit', () => {
    expect(valueInWords('30,5', { unit: 'per_1000_inhabitants', ageBand: null })).toBe('30,5 per 1.000 inwoners');
    expect(valueInWords('86,8', youths('per_10000_youths'))).toBe('86,8 per 10.000 jongeren van 12 tot en met 17 jaar');
    expect(valueInWords('3,5', { unit: 'percentage', ageBand: null })).toBe('3,5%');
    expect(valueInWords('7,5', { unit: 'grade', ageBand: null })).toBe('rapportcijfer 7,5');
    expect(valueInWords('65', { unit: 'count', ageBand: null })).toBe('65');
  });

  it('scales a rate by its unit, and has no scale for a count or a report mark', () => {
    expect(INDICATOR_UNITS.map(unitScale)).toEqual([null, 1000, 10000, 1000, 10000, 100, null]);
    expect(rateValue(14, 1612, 'per_10000_youths')).toBeCloseTo(86.8486, 4);
    expect(rateValue(724, 23_689, 'per_1000_inhabitants')).toBeCloseTo(30.5627, 4);
    expect(() => rateValue(3, 10, 'count')).toThrow('geen verhoudingsgetal');
    expect(INDICATOR_UNITS.filter(takesRatio)).not.toContain('grade');
  });

  it('says why a value does not fit its unit', () => {
    expect(valueRangeProblem(-1, youths('per_10000_youths'), '-1')).toBe(
      '-1 is negatief. Een cijfer per 10.000 jongeren van 12 tot en met 17 jaar kan niet kleiner zijn dan 0.',
    );
    expect(valueRangeProblem(0.5, { unit: 'grade', ageBand: null }, '0,5')).toContain('tussen 1 en 10');
    expect(valueRangeProblem(101, { unit: 'percentage', ageBand: null }, '101')).toContain('tussen 0 en 100');
    expect(valueRangeProblem(12_000, { unit: 'per_10000_inhabitants', ageBand: null }, '12.000')).toBeNull();
  });

  it('refuses a numerator and denominator for a count or a report mark only', () => {
    expect(ratioProblem('woninginbraken', { unit: 'count', ageBand: null })).toContain("De indicator 'woninginbraken' is een aantal");
    expect(ratioProblem('veiligheid', { unit: 'grade', ageBand: null })).toContain('is een rapportcijfer');
    expect(ratioProblem('halt', youths('per_1000_youths'))).toBeNull();
  });
});
