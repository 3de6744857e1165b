/**
 * Filter builders and back-off arithmetic of the CBS client, without a server.
 */
import { describe, expect, it } from 'vitest';
import { backoffDelay, eqAny, MAX_BACKOFF_MS, OpenDataError, quoteLiteral, regionsOfMunicipality } from './cbs-client.js';

describe('eqAny', () => {
  it('builds an or-chain of eq with the keys exactly as given, padding included', () => {
    expect(eqAny('SoortMisdrijf', ['1.1.1 ', '1.2.1 '])).toBe("(SoortMisdrijf eq '1.1.1 ' or SoortMisdrijf eq '1.2.1 ')");
    expect(eqAny('SoortMisdrijf', ['2.6.10'])).toBe("(SoortMisdrijf eq '2.6.10')");
  });

  it('doubles quotes inside a key', () => {
    expect(eqAny('RegioS', ["'s-Hertogenbosch"])).toBe("(RegioS eq '''s-Hertogenbosch')");
    expect(quoteLiteral("a'b")).toBe("'a''b'");
  });

  it('refuses an empty list and a dimension name that is no identifier', () => {
    expect(() => eqAny('SoortMisdrijf', [])).toThrow('eqAny: geen codes opgegeven voor dimensie SoortMisdrijf');
    expect(() => eqAny("RegioS eq 'x') or (1", ['GM1641'])).toThrow(OpenDataError);
  });
});

describe('regionsOfMunicipality', () => {
  it('selects a gemeente with its wijken and buurten by the four digits after the prefix', () => {
    expect(regionsOfMunicipality('WijkenEnBuurten', 'GM1641')).toBe("substring(WijkenEnBuurten,2,4) eq '1641'");
    expect(regionsOfMunicipality('WijkenEnBuurten', ' gm0060 ')).toBe("substring(WijkenEnBuurten,2,4) eq '0060'");
  });

  it('refuses anything but GM and four digits', () => {
    expect(() => regionsOfMunicipality('WijkenEnBuurten', '1641')).toThrow(
      "regionsOfMunicipality: '1641' is geen gemeentecode; verwacht GM gevolgd door vier cijfers, bijvoorbeeld GM1641",
    );
    expect(() => regionsOfMunicipality('WijkenEnBuurten', 'WK164100')).toThrow(OpenDataError);
  });
});

describe('backoffDelay', () => {
  const settings = (random: number) => ({ backoffMs: 500, random: () => random });

  it('doubles per retry and jitters over the upper half', () => {
    expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, settings(0)))).toEqual([250, 500, 1000, 2000]);
    expect([0, 1, 2, 3].map((retry) => backoffDelay(retry, settings(0.999999)))).toEqual([500, 1000, 2000, 4000]);
  });

  it('is capped, also for a long Retry-After, and waits at least Retry-After', () => {
    expect(backoffDelay(20, settings(0.999999))).toBe(MAX_BACKOFF_MS);
    expect(backoffDelay(0, settings(0), 2000)).toBe(2000);
    expect(backoffDelay(0, settings(0), 3_600_000)).toBe(MAX_BACKOFF_MS);
  });
});
