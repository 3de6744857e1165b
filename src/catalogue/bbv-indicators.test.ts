import { describe, expect, it } from 'vitest';
import { unitInWords } from '../domain/units.js';
import { BBV_INDICATORS } from './bbv-indicators.js';

const indicator = (key: string) => BBV_INDICATORS.find((entry) => entry.key === key);

describe('BBV_INDICATORS', () => {
  it('lists the five mandatory safety indicators in a fixed order', () => {
    expect(BBV_INDICATORS.map((entry) => entry.key)).toEqual([
      'winkeldiefstallen',
      'geweldsmisdrijven',
      'diefstallen-uit-woning',
      'vernielingen',
      'verwijzingen-halt',
    ]);
  });

  it('counts winkeldiefstallen with police code 2.5.2 per 1,000 inhabitants', () => {
    expect(indicator('winkeldiefstallen')).toEqual({
      key: 'winkeldiefstallen',
      name: 'Winkeldiefstallen per 1.000 inwoners',
      crimeCodes: ['2.5.2'],
      unit: { unit: 'per_1000_inhabitants', ageBand: null },
      enteredByHand: false,
    });
  });

  it('counts geweldsmisdrijven as the seven police categories of violence 1.4.1 to 1.4.7', () => {
    expect(indicator('geweldsmisdrijven')).toMatchObject({
      name: 'Geweldsmisdrijven per 1.000 inwoners',
      crimeCodes: ['1.4.1', '1.4.2', '1.4.3', '1.4.4', '1.4.5', '1.4.6', '1.4.7'],
      unit: { unit: 'per_1000_inhabitants', ageBand: null },
      enteredByHand: false,
    });
  });

  it('counts diefstallen uit woning with police code 1.1.1', () => {
    expect(indicator('diefstallen-uit-woning')).toMatchObject({
      name: 'Diefstallen uit woning per 1.000 inwoners',
      crimeCodes: ['1.1.1'],
      unit: { unit: 'per_1000_inhabitants', ageBand: null },
    });
  });

  it('counts vernielingen with police code 2.2.1', () => {
    expect(indicator('vernielingen')).toMatchObject({
      name: 'Vernielingen en beschadigingen (in de openbare ruimte) per 1.000 inwoners',
      crimeCodes: ['2.2.1'],
      unit: { unit: 'per_1000_inhabitants', ageBand: null },
    });
  });

  it('has the Halt referrals entered by hand, per 10,000 youths of 12 to 17, without police codes', () => {
    expect(indicator('verwijzingen-halt')).toEqual({
      key: 'verwijzingen-halt',
      name: 'Verwijzingen Halt per 10.000 jongeren van 12 tot en met 17 jaar',
      crimeCodes: [],
      unit: { unit: 'per_10000_youths', ageBand: { from: 12, to: 17 } },
      enteredByHand: true,
    });
  });

  it('uses unique keys', () => {
    expect(new Set(BBV_INDICATORS.map((entry) => entry.key)).size).toBe(BBV_INDICATORS.length);
  });

  it('writes every police code trimmed, in the form of table 47022NED', () => {
    for (const code of BBV_INDICATORS.flatMap((entry) => entry.crimeCodes)) {
      expect(code).toMatch(/^\d+\.\d+\.\d+$/);
    }
  });

  it('uses no police code for two indicators', () => {
    const codes = BBV_INDICATORS.flatMap((entry) => entry.crimeCodes);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives police codes exactly to the indicators that are not entered by hand', () => {
    for (const entry of BBV_INDICATORS) {
      expect(entry.crimeCodes.length > 0).toBe(!entry.enteredByHand);
    }
  });

  it('ends every Dutch name with its unit in words', () => {
    for (const entry of BBV_INDICATORS) expect(entry.name.endsWith(` ${unitInWords(entry.unit)}`)).toBe(true);
  });
});
