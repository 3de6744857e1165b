/**
 * An indicator's binding to open data: which series of which CBS or police
 * table feeds it (a sum of one or more codes), optionally divided by another
 * series (the population on 1 January) and scaled, so a rate such as "per
 * 1.000 inwoners" is derived and both of its inputs are kept.
 */
export type { IndicatorBinding, OpenDataService, SeriesSpec } from '../../domain/plan.js';

import type { SeriesSpec } from '../../domain/plan.js';

/** The region key of a municipality in a table: GM1641 in both RegioS and WijkenEnBuurten tables (trimmed). */
export function municipalityRegionKey(municipalityCode: string): string {
  return municipalityCode;
}

/** The category key under which a table's cell is stored: the other dimensions' codes in the given order, joined by |. */
export function categoryKey(codes: readonly string[]): string {
  return codes.map((code) => code.trim()).join('|');
}

/** Every category key a series sums over (the cartesian product of its dimensions' codes), in the order of `dimensionOrder`. */
export function categoryKeysOf(spec: SeriesSpec, dimensionOrder: readonly string[]): string[] {
  const missing = dimensionOrder.filter((dimension) => !(dimension in spec.dimensions));
  if (missing.length > 0) throw new Error(`reeks ${spec.table}: geen codes voor dimensie ${missing.join(', ')}`);
  const extra = Object.keys(spec.dimensions).filter((dimension) => !dimensionOrder.includes(dimension));
  if (extra.length > 0) throw new Error(`reeks ${spec.table}: de tabel kent geen dimensie ${extra.join(', ')}`);
  let combinations: string[][] = [[]];
  for (const dimension of dimensionOrder) {
    const codes = spec.dimensions[dimension] ?? [];
    combinations = combinations.flatMap((prefix) => codes.map((code) => [...prefix, code.trim()]));
  }
  return combinations.map(categoryKey);
}

/** A short Dutch description of a series for people: "47022NED GeregistreerdeMisdrijven, SoortMisdrijf 1.2.1 + 1.2.2". */
export function describeSeries(spec: SeriesSpec): string {
  const parts = Object.entries(spec.dimensions).map(([dimension, codes]) => `${dimension} ${codes.join(' + ')}`);
  return [`${spec.table} ${spec.topic}`, ...parts].join(', ');
}
