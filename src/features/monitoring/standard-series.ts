/**
 * The open-data series every plan's monitor uses, whatever its own bindings:
 * the police's monthly crime and nuisance figures per wijk and buurt (for the
 * tactical page, the wijk table and the BBV indicators) and the population on
 * 1 January, in total and aged 12 to 17 (for rates and the BBV indicators).
 */
import type { SeriesSpec } from './series.js';

export const POLICE_CRIME = {
  service: 'dataderden',
  table: '47022NED',
  topic: 'GeregistreerdeMisdrijven',
  dimension: 'SoortMisdrijf',
  total: '0.0.0',
} as const;

export const POLICE_NUISANCE = {
  service: 'dataderden',
  table: '47024NED',
  topic: 'GeregistreerdeOverlast',
  dimension: 'Overlast',
  total: '0.0.0',
} as const;

/** The police tables with a wijk/buurt dimension: a refresh pulls a municipality's whole cube of them. */
export const POLICE_AREA_TABLES: readonly string[] = [POLICE_CRIME.table, POLICE_NUISANCE.table];

/** CBS 03759ned: population on 1 January by sex, age, marital status and region. */
export const POPULATION_TOTAL: SeriesSpec = {
  service: 'opendata',
  table: '03759ned',
  topic: 'BevolkingOp1Januari',
  dimensions: { Geslacht: ['T001038'], Leeftijd: ['10000'], BurgerlijkeStaat: ['T001019'] },
};

/** The same table, the single ages 12 up to and including 17 summed. */
export const POPULATION_YOUTH_12_17: SeriesSpec = {
  service: 'opendata',
  table: '03759ned',
  topic: 'BevolkingOp1Januari',
  dimensions: { Geslacht: ['T001038'], Leeftijd: ['11200', '11300', '11400', '11500', '11600', '11700'], BurgerlijkeStaat: ['T001019'] },
};
