/**
 * The five mandatory safety indicators of the BBV (Besluit begroting en
 * verantwoording) that every municipality reports in its budget and annual
 * accounts. Four come from the police figures of CBS table 47022NED; the Halt
 * referrals are entered by hand.
 */

export interface BbvIndicator {
  key: string;
  name: string;
  /** Trimmed SoortMisdrijf codes of table 47022NED whose counts add up to the indicator; empty when entered by hand. */
  crimeCodes: readonly string[];
  denominator: 'inhabitants' | 'youths_12_17';
  /** The value is a rate per this many of the denominator. */
  scale: 1000;
  /** True when no open data source exists and a person enters the count. */
  enteredByHand: boolean;
}

export const BBV_INDICATORS: readonly BbvIndicator[] = [
  {
    key: 'winkeldiefstallen',
    name: 'Winkeldiefstallen per 1.000 inwoners',
    crimeCodes: ['2.5.2'],
    denominator: 'inhabitants',
    scale: 1000,
    enteredByHand: false,
  },
  {
    key: 'geweldsmisdrijven',
    name: 'Geweldsmisdrijven per 1.000 inwoners',
    // The police categories of violence: zware mishandeling, bedreiging, openlijk geweld (persoon),
    // mishandeling, straatroof, overval and diefstal/inbraak met geweld.
    crimeCodes: ['1.4.1', '1.4.2', '1.4.3', '1.4.4', '1.4.5', '1.4.6', '1.4.7'],
    denominator: 'inhabitants',
    scale: 1000,
    enteredByHand: false,
  },
  {
    key: 'diefstallen-uit-woning',
    name: 'Diefstallen uit woning per 1.000 inwoners',
    crimeCodes: ['1.1.1'],
    denominator: 'inhabitants',
    scale: 1000,
    enteredByHand: false,
  },
  {
    key: 'vernielingen',
    name: 'Vernielingen en beschadigingen (in de openbare ruimte) per 1.000 inwoners',
    crimeCodes: ['2.2.1'],
    denominator: 'inhabitants',
    scale: 1000,
    enteredByHand: false,
  },
  {
    key: 'verwijzingen-halt',
    name: 'Verwijzingen Halt per 1.000 jongeren van 12 tot en met 17 jaar',
    crimeCodes: [],
    denominator: 'youths_12_17',
    scale: 1000,
    enteredByHand: true,
  },
];
