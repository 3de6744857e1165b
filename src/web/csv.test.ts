import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('CSV for Dutch Excel', () => {
  it('starts with a byte order mark, separates with semicolons and ends lines with CRLF', () => {
    expect(toCsv(['Jaar', 'Waarde'], [[2021, 30.5]])).toBe('\uFEFFJaar;Waarde\r\n2021;30,5\r\n');
  });

  it('writes numbers with a decimal comma and no thousands separator, and nothing for no value', () => {
    expect(toCsv(['a', 'b', 'c'], [[1234.5, -2, null]])).toBe('\uFEFFa;b;c\r\n1234,5;-2;\r\n');
  });

  it('quotes text with a semicolon, quote or line break', () => {
    expect(toCsv(['naam'], [['OOV; Politie'], ['de "driehoek"'], ['twee\nregels']])).toBe(
      '\uFEFFnaam\r\n"OOV; Politie"\r\n"de ""driehoek"""\r\n"twee\nregels"\r\n',
    );
  });

  it('keeps text that looks like a formula from running in Excel', () => {
    expect(toCsv(['naam'], [['=SOM(A1)'], ['+31'], ['@x']])).toBe("\uFEFFnaam\r\n'=SOM(A1)\r\n'+31\r\n'@x\r\n");
  });
});
