/**
 * The units in which a plan states its indicators: counts, rates per 1.000 or
 * 10.000 inhabitants, rates per 1.000 or 10.000 youths of an age band (such as
 * 12 to 17), percentages and report marks (rapportcijfer 1-10). A unit fixes
 * the scale of a rate (numerator / denominator x scale), the values it allows,
 * and how it is named in words.
 */

export const INDICATOR_UNITS = [
  'count',
  'per_1000_inhabitants',
  'per_10000_inhabitants',
  'per_1000_youths',
  'per_10000_youths',
  'percentage',
  'grade',
] as const;

export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

/** The ages of the youths a rate per youths counts, both included: 12 to 17. */
export interface AgeBand {
  from: number;
  to: number;
}

/** An indicator's unit with the age band it needs (only a rate per youths has one). */
export interface UnitOf {
  unit: IndicatorUnit;
  ageBand: AgeBand | null;
}

/** The youngest and oldest age an age band may name. */
export const AGE_LIMITS = { min: 0, max: 120 } as const;

const SCALES: Record<IndicatorUnit, number | null> = {
  count: null,
  per_1000_inhabitants: 1000,
  per_10000_inhabitants: 10000,
  per_1000_youths: 1000,
  per_10000_youths: 10000,
  percentage: 100,
  grade: null,
};

/** The scale of a rate (1000 for "per 1.000", 100 for a percentage); null for a count or a report mark. */
export function unitScale(unit: IndicatorUnit): number | null {
  return SCALES[unit];
}

/** Whether a value of the unit can be entered as numerator and denominator: the rates and percentages. */
export function takesRatio(unit: IndicatorUnit): boolean {
  return SCALES[unit] !== null;
}

/** Whether the unit counts per youths, and so needs an age band. */
export function isPerYouths(unit: IndicatorUnit): boolean {
  return unit === 'per_1000_youths' || unit === 'per_10000_youths';
}

/** The values a unit allows: a percentage 0-100, a report mark 1-10, anything else 0 or more. */
export function unitRange(unit: IndicatorUnit): { min: number; max: number | null } {
  if (unit === 'percentage') return { min: 0, max: 100 };
  if (unit === 'grade') return { min: 1, max: 10 };
  return { min: 0, max: null };
}

/** The age band in words: "van 12 tot en met 17 jaar". */
export function ageBandInWords(ageBand: AgeBand): string {
  return `van ${ageBand.from} tot en met ${ageBand.to} jaar`;
}

/** The unit in Dutch words: "per 10.000 jongeren van 12 tot en met 17 jaar", "rapportcijfer". */
export function unitInWords({ unit, ageBand }: UnitOf): string {
  const youths = ageBand ? `jongeren ${ageBandInWords(ageBand)}` : 'jongeren';
  switch (unit) {
    case 'count':
      return 'aantal';
    case 'per_1000_inhabitants':
      return 'per 1.000 inwoners';
    case 'per_10000_inhabitants':
      return 'per 10.000 inwoners';
    case 'per_1000_youths':
      return `per 1.000 ${youths}`;
    case 'per_10000_youths':
      return `per 10.000 ${youths}`;
    case 'percentage':
      return 'percentage';
    case 'grade':
      return 'rapportcijfer';
  }
}

/**
 * A figure (already formatted the Dutch way) with its unit in words: "30,5 per 1.000
 * inwoners", "3,5%", "rapportcijfer 7,5"; a count is the figure alone.
 */
export function valueInWords(figure: string, unitOf: UnitOf): string {
  switch (unitOf.unit) {
    case 'count':
      return figure;
    case 'percentage':
      return `${figure}%`;
    case 'grade':
      return `rapportcijfer ${figure}`;
    default:
      return `${figure} ${unitInWords(unitOf)}`;
  }
}

/** Why a value cannot be one of the unit, in Dutch; null when it can. `shown` is the value as the user wrote it. */
export function valueRangeProblem(value: number, unitOf: UnitOf, shown: string): string | null {
  const { min, max } = unitRange(unitOf.unit);
  if (unitOf.unit === 'percentage' && (value < min || (max !== null && value > max))) {
    return `${shown} ligt niet tussen 0 en 100. Een percentage is 0 tot en met 100; schrijf 12,5 voor 12,5%.`;
  }
  if (unitOf.unit === 'grade' && (value < min || (max !== null && value > max))) {
    return `${shown} ligt niet tussen 1 en 10. Een rapportcijfer is 1 tot en met 10.`;
  }
  if (value < min) {
    const what = unitOf.unit === 'count' ? 'Een aantal' : `Een cijfer ${unitInWords(unitOf)}`;
    return `${shown} is negatief. ${what} kan niet kleiner zijn dan 0.`;
  }
  return null;
}

/**
 * Why a numerator and denominator cannot go with the unit, in Dutch; null when they can.
 * Only a rate or a percentage is a numerator divided by a denominator.
 */
export function ratioProblem(indicatorKey: string, unitOf: UnitOf): string | null {
  if (takesRatio(unitOf.unit)) return null;
  const unit = unitOf.unit === 'count' ? 'een aantal' : 'een rapportcijfer';
  return `teller en noemer horen alleen bij cijfers per 1.000 of 10.000 inwoners of jongeren en bij percentages. De indicator '${indicatorKey}' is ${unit}; laat teller en noemer leeg.`;
}

/** The value of a rate from its numerator and denominator: numerator / denominator x the unit's scale. */
export function rateValue(numerator: number, denominator: number, unit: IndicatorUnit): number {
  const scale = unitScale(unit);
  if (scale === null) throw new Error(`een ${unit} is geen verhoudingsgetal`);
  if (!(denominator > 0)) throw new Error(`de noemer moet groter dan 0 zijn, niet ${denominator}`);
  return (numerator / denominator) * scale;
}
