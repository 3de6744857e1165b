/**
 * The five mandatory safety indicators of the BBV (Besluit begroting en
 * verantwoording) that every municipality reports in its budget and annual
 * accounts, as waarstaatjegemeente.nl defines them. Four come from the police
 * figures of CBS table 47022NED, per 1.000 inhabitants; the Halt referrals are
 * entered by hand, per 10.000 youths of 12 to 17.
 */
import type { UnitOf } from '../domain/units.js';

export interface BbvIndicator {
  key: string;
  name: string;
  /** Trimmed SoortMisdrijf codes of table 47022NED whose counts add up to the indicator; empty when entered by hand. */
  crimeCodes: readonly string[];
  /** Per 1.000 inhabitants, or per 10.000 youths of 12 to 17: the unit gives the denominator and the scale. */
  unit: UnitOf;
  /** True when no open data source exists and a person enters the count. */
  enteredByHand: boolean;
}

const PER_1000_INHABITANTS: UnitOf = { unit: 'per_1000_inhabitants', ageBand: null };
/** The youths the population series POPULATION_YOUTH_12_17 counts. */
const PER_10000_YOUTHS_12_17: UnitOf = { unit: 'per_10000_youths', ageBand: { from: 12, to: 17 } };

export const BBV_INDICATORS: readonly BbvIndicator[] = [
  {
    key: 'winkeldiefstallen',
    name: 'Winkeldiefstallen per 1.000 inwoners',
    crimeCodes: ['2.5.2'],
    unit: PER_1000_INHABITANTS,
    enteredByHand: false,
  },
  {
    key: 'geweldsmisdrijven',
    name: 'Geweldsmisdrijven per 1.000 inwoners',
    // The police categories of violence: zware mishandeling, bedreiging, openlijk geweld (persoon),
    // mishandeling, straatroof, overval and diefstal/inbraak met geweld.
    crimeCodes: ['1.4.1', '1.4.2', '1.4.3', '1.4.4', '1.4.5', '1.4.6', '1.4.7'],
    unit: PER_1000_INHABITANTS,
    enteredByHand: false,
  },
  {
    key: 'diefstallen-uit-woning',
    name: 'Diefstallen uit woning per 1.000 inwoners',
    crimeCodes: ['1.1.1'],
    unit: PER_1000_INHABITANTS,
    enteredByHand: false,
  },
  {
    key: 'vernielingen',
    name: 'Vernielingen en beschadigingen (in de openbare ruimte) per 1.000 inwoners',
    crimeCodes: ['2.2.1'],
    unit: PER_1000_INHABITANTS,
    enteredByHand: false,
  },
  {
    key: 'verwijzingen-halt',
    name: 'Verwijzingen Halt per 10.000 jongeren van 12 tot en met 17 jaar',
    crimeCodes: [],
    unit: PER_10000_YOUTHS_12_17,
    enteredByHand: true,
  },
];
