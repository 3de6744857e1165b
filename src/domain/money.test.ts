import { describe, expect, it } from 'vitest';
import { checkCents, formatEuros, MoneyError, parseEuros, sumCents } from './money.js';

describe('amounts of money', () => {
  it('reads amounts the Dutch way into whole cents', () => {
    expect(parseEuros('12.500')).toBe(1_250_000);
    expect(parseEuros('€ 12.500')).toBe(1_250_000);
    expect(parseEuros('1.234,56')).toBe(123_456);
    expect(parseEuros('1234,5')).toBe(123_450);
    expect(parseEuros('750,-')).toBe(75_000);
    expect(parseEuros('12.50')).toBe(1_250);
    expect(parseEuros('0')).toBe(0);
    expect(parseEuros(' €  1 000 ')).toBe(100_000);
    // 0,1 + 0,2 as cents is exact: no floating-point euros anywhere.
    expect(sumCents([parseEuros('0,10'), parseEuros('0,20')])).toBe(30);
  });
  it('refuses what is no amount, a negative one, more than two decimals and more than a thousand million', () => {
    for (const text of ['', 'twaalf', '1,234', '1.23.4', '12,345', '-5', '1e6', '1.000.000.000,01']) {
      expect(() => parseEuros(text), text).toThrow(MoneyError);
    }
    expect(() => checkCents(1.5)).toThrow(MoneyError);
    expect(() => checkCents(-1)).toThrow(MoneyError);
    expect(checkCents(0)).toBe(0);
  });
  it('shows amounts the Dutch way', () => {
    expect(formatEuros(123_456)).toBe('€ 1.234,56');
    expect(formatEuros(1_250_000)).toBe('€ 12.500,00');
    expect(formatEuros(0)).toBe('€ 0,00');
  });
});
