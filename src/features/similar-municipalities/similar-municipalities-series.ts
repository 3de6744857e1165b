/**
 * The open-data tables a comparison with similar municipalities reads: CBS's
 * regional key figures for every municipality's size and degree of
 * urbanisation, and the police's registered crime and nuisance per gemeente
 * per year for the municipality, its reference group and the Netherlands.
 */
import { comparedCodes, type FigureSource } from '../../domain/group-comparison.js';
import type { TablePull } from '../monitoring/open-data-import.js';

/** CBS 70072ned, Regionale kerncijfers Nederland: inhabitants on 1 January and the degree of urbanisation (1-5). */
export const KEY_FIGURES = {
  service: 'opendata',
  table: '70072ned',
  population: 'TotaleBevolking',
  urbanisation: 'MateVanStedelijkheid',
} as const;

/** Police 47013NED, registered crime per kind and gemeente, per month and year; only the years are pulled. */
export const CRIME_PER_MUNICIPALITY = {
  service: 'dataderden',
  table: '47013NED',
  topic: 'GeregistreerdeMisdrijven',
  dimension: 'SoortMisdrijf',
} as const;

/** Police 47021NED, registered nuisance per kind and gemeente, per month and year; only the years are pulled. */
export const NUISANCE_PER_MUNICIPALITY = {
  service: 'dataderden',
  table: '47021NED',
  topic: 'GeregistreerdeOverlast',
  dimension: 'Overlast',
} as const;

/** The police table per gemeente of each source. */
export const PER_MUNICIPALITY: Record<FigureSource, typeof CRIME_PER_MUNICIPALITY | typeof NUISANCE_PER_MUNICIPALITY> = {
  misdrijven: CRIME_PER_MUNICIPALITY,
  overlast: NUISANCE_PER_MUNICIPALITY,
};

/** The region key of the Netherlands in RegioS tables. */
export const NETHERLANDS = 'NL01';

/** A group larger than this is pulled as the whole country (one filter on the kinds of crime and years, not on regions). */
export const LARGEST_LISTED_PULL = 60;

export function keyFiguresPull(): TablePull {
  return {
    service: KEY_FIGURES.service,
    table: KEY_FIGURES.table,
    topics: [KEY_FIGURES.population, KEY_FIGURES.urbanisation],
    municipalities: null,
    codes: null,
  };
}

/** The crime or nuisance figures of the municipalities (and the Netherlands), or of every region when there are many. */
export function policePull(source: FigureSource, municipalities: readonly string[] | null): TablePull {
  const spec = PER_MUNICIPALITY[source];
  const listed = municipalities && municipalities.length <= LARGEST_LISTED_PULL ? [...new Set(municipalities)].sort() : null;
  return {
    service: spec.service,
    table: spec.table,
    topics: [spec.topic],
    municipalities: listed ? [...listed.filter((code) => code !== NETHERLANDS), NETHERLANDS] : null,
    codes: { [spec.dimension]: comparedCodes(source) },
    yearsOnly: true,
  };
}
