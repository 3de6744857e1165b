import { describe, expect, it } from 'vitest';
import { poissonInterval, quantile, studentT, studentTQuantile } from './statistics.js';

describe('studentT', () => {
  it('gives the values of a t table', () => {
    expect(studentT(0, 4)).toBeCloseTo(0.5, 12);
    expect(studentT(2, 5)).toBeCloseTo(0.9490302606, 8);
    expect(studentT(-2, 5)).toBeCloseTo(1 - 0.9490302606, 8);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.182446305, 6);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138852, 6);
    expect(studentTQuantile(0.975, 1000)).toBeCloseTo(1.962339, 4);
  });
});

describe('poissonInterval', () => {
  it('gives the exact (Garwood) 95% interval of a count, as published tables do', () => {
    const [zeroLow, zeroHigh] = poissonInterval(0);
    expect(zeroLow).toBe(0);
    expect(zeroHigh).toBeCloseTo(3.6889, 3);
    const [oneLow, oneHigh] = poissonInterval(1);
    expect(oneLow).toBeCloseTo(0.0253, 3);
    expect(oneHigh).toBeCloseTo(5.5716, 3);
    const [tenLow, tenHigh] = poissonInterval(10);
    expect(tenLow).toBeCloseTo(4.7954, 3);
    expect(tenHigh).toBeCloseTo(18.3904, 3);
    const [largeLow, largeHigh] = poissonInterval(1000);
    expect(largeLow).toBeCloseTo(938.97, 1);
    // Byar's approximation, close at this size: (k + 1)(1 - 1/(9(k + 1)) + 1,96/(3√(k + 1)))³ = 1063,94.
    expect(largeHigh).toBeCloseTo(1063.95, 1);
  });
});

describe('quantile', () => {
  it('interpolates between the two nearest values, as R (type 7) and spreadsheets do', () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4], 0.25)).toBe(1.75);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
    expect(quantile([7], 0.25)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
