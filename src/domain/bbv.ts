/**
 * The values of the five mandatory BBV safety indicators for one year of the
 * annual accounts: crime counts per 1,000 inhabitants and Halt referrals per
 * 10,000 youths of 12 to 17. A value that cannot be computed stays null and says why, in Dutch,
 * so the accounts never show a gap without a reason or a suppressed figure as 0.
 */
import { BBV_INDICATORS, type BbvIndicator } from '../catalogue/bbv-indicators.js';
import { isPerYouths, type UnitOf, unitScale } from './units.js';

export interface BbvInputs {
  year: number;
  /** Yearly counts by trimmed SoortMisdrijf code of table 47022NED; null when the source suppressed the figure. */
  countsByCode: ReadonlyMap<string, number | null>;
  haltReferrals: number | null;
  inhabitants: number | null;
  youths12to17: number | null;
}

/**
 * Why a value cannot be computed, as a cause a page can name once for every
 * cell it applies to: a police figure the source has not published (yet) or
 * suppressed, Halt referrals not entered, a population figure missing or 0.
 */
export type BbvMissingCause =
  | 'police-figure-missing'
  | 'police-figure-suppressed'
  | 'halt-not-entered'
  | 'inhabitants-missing'
  | 'youths-missing'
  | 'denominator-not-positive';

export interface BbvValue {
  key: string;
  name: string;
  unit: UnitOf;
  year: number;
  count: number | null;
  denominator: number | null;
  value: number | null;
  /** Why value is null, in Dutch, such as 'inwonertal 2021 ontbreekt'; null when there is a value. */
  missing: string | null;
  /** The causes behind `missing`, each once; empty when there is a value. */
  causes: BbvMissingCause[];
}

/** The five indicators in catalogue order. */
export function computeBbv(inputs: BbvInputs): BbvValue[] {
  return BBV_INDICATORS.map((indicator) => computeOne(indicator, inputs));
}

/** `count` per `scale` of `denominator`, such as crimes per 1,000 inhabitants. Throws when the denominator is not above 0. */
export function ratePer(count: number, denominator: number, scale: number): number {
  if (!(denominator > 0)) throw new Error(`de noemer moet groter dan 0 zijn, niet ${denominator}`);
  return (count / denominator) * scale;
}

function computeOne(indicator: BbvIndicator, inputs: BbvInputs): BbvValue {
  const count = indicator.enteredByHand ? haltCount(inputs) : crimeCount(indicator.crimeCodes, inputs);
  const denominator = denominatorOf(indicator, inputs);
  const reasons = [count.missing, denominator.missing].filter((reason) => reason !== null);
  const causes = [...new Set([...count.causes, ...denominator.causes])];
  const value =
    count.value !== null && denominator.missing === null && denominator.value !== null
      ? ratePer(count.value, denominator.value, scaleOf(indicator))
      : null;
  return {
    key: indicator.key,
    name: indicator.name,
    unit: indicator.unit,
    year: inputs.year,
    count: count.value,
    denominator: denominator.value,
    value,
    missing: reasons.length === 0 ? null : reasons.join('; '),
    causes: value === null ? causes : [],
  };
}

interface Known {
  value: number | null;
  missing: string | null;
  causes: BbvMissingCause[];
}

/** The sum of the codes' counts, or null with a reason for every code that is absent or suppressed. */
function crimeCount(codes: readonly string[], { year, countsByCode }: BbvInputs): Known {
  const reasons: string[] = [];
  const causes: BbvMissingCause[] = [];
  let sum = 0;
  for (const code of codes) {
    const count = countsByCode.get(code);
    if (count === undefined) {
      reasons.push(`cijfer ${code} over ${year} ontbreekt`);
      causes.push('police-figure-missing');
    } else if (count === null) {
      reasons.push(`cijfer ${code} is afgeschermd door de bron`);
      causes.push('police-figure-suppressed');
    } else sum += count;
  }
  return reasons.length === 0 ? { value: sum, missing: null, causes: [] } : { value: null, missing: reasons.join('; '), causes };
}

function haltCount({ year, haltReferrals }: BbvInputs): Known {
  return haltReferrals === null
    ? { value: null, missing: `aantal verwijzingen Halt over ${year} is niet ingevuld`, causes: ['halt-not-entered'] }
    : { value: haltReferrals, missing: null, causes: [] };
}

function scaleOf(indicator: BbvIndicator): number {
  const scale = unitScale(indicator.unit.unit);
  if (scale === null) throw new Error(`BBV-indicator ${indicator.key} heeft geen eenheid per inwoners of jongeren`);
  return scale;
}

/** The inhabitants or youths to divide by; a denominator that is not above 0 is shown but gives no value. */
function denominatorOf(indicator: BbvIndicator, { year, inhabitants, youths12to17 }: BbvInputs): Known {
  const perYouths = isPerYouths(indicator.unit.unit);
  const [value, label] = perYouths
    ? [youths12to17, `aantal jongeren van 12 tot en met 17 jaar in ${year}`]
    : [inhabitants, `inwonertal ${year}`];
  if (value === null) {
    return { value: null, missing: `${label} ontbreekt`, causes: [perYouths ? 'youths-missing' : 'inhabitants-missing'] };
  }
  if (!(value > 0)) return { value, missing: `${label} is niet groter dan 0`, causes: ['denominator-not-positive'] };
  return { value, missing: null, causes: [] };
}
