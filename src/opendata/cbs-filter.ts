/**
 * Builders of OData v3 `$filter` expressions for the CBS services. There is no `in`
 * operator: a set of codes is an or-chain of `eq`, with the exact padded keys.
 */
import { OpenDataError } from './cbs-errors.js';

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

function checkDimension(dimension: string, where: string): void {
  if (!IDENTIFIER.test(dimension)) throw new OpenDataError(`${where}: ongeldige dimensienaam '${dimension}'`);
}

/** An OData string literal: quotes doubled. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

/** `(SoortMisdrijf eq '1.1.1 ' or SoortMisdrijf eq '1.2.1 ')`: the keys as given, so pass padded keys. */
export function eqAny(dimension: string, keys: string[]): string {
  checkDimension(dimension, 'eqAny');
  if (keys.length === 0) throw new OpenDataError(`eqAny: geen codes opgegeven voor dimensie ${dimension}`);
  return `(${keys.map((key) => `${dimension} eq ${quoteLiteral(key)}`).join(' or ')})`;
}

/**
 * The gemeente and its wijken and buurten in a WijkenEnBuurten table:
 * `substring(WijkenEnBuurten,2,4) eq '1641'` matches GM1641, WK1641xx and BU1641xxxx.
 */
export function regionsOfMunicipality(dimension: string, gemeentecode: string): string {
  checkDimension(dimension, 'regionsOfMunicipality');
  const code = gemeentecode.trim().toUpperCase();
  if (!/^GM\d{4}$/.test(code)) {
    throw new OpenDataError(
      `regionsOfMunicipality: '${gemeentecode}' is geen gemeentecode; verwacht GM gevolgd door vier cijfers, bijvoorbeeld GM1641`,
    );
  }
  return `substring(${dimension},2,4) eq ${quoteLiteral(code.slice(2))}`;
}
