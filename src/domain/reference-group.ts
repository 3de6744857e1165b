/**
 * Similar municipalities, and how a municipality stands beside them. Pure.
 *
 * **The reference group** is chosen by size class (CBS's gemeentegrootte
 * classes by number of inhabitants) and degree of urbanisation (CBS's
 * stedelijkheid, 1 very strongly urban to 5 not urban): first the
 * municipalities in the same class on both; while fewer than `minimum`, the
 * urbanisation is widened by one step, then the size class, one step at a
 * time each in turn; when more than `maximum`, those closest in inhabitants
 * (on a log scale) and urbanisation are kept. Every widening is said.
 *
 * **The comparison** gives the municipality's rate per theme against the
 * group's median and spread (the quartiles) and against the Netherlands, and
 * its rank among the group with its uncertainty: each rate gets a 95%
 * interval for a Poisson count, and the rank is stated as the range of places
 * the municipality could hold, counting only the others whose interval lies
 * wholly above or below its own. Never a single place.
 */

import { poissonInterval, quantile } from './statistics.js';

export interface MunicipalityFacts {
  code: string;
  name: string;
  inhabitants: number;
  /** CBS degree of urbanisation: 1 (very strongly urban) to 5 (not urban). */
  urbanisation: 1 | 2 | 3 | 4 | 5;
}

/** The lower bounds of CBS's size classes of municipalities, by inhabitants. */
export const SIZE_CLASS_BOUNDS: readonly number[] = [0, 5_000, 10_000, 20_000, 50_000, 100_000, 150_000, 250_000];

export function sizeClass(inhabitants: number): number {
  let found = 0;
  SIZE_CLASS_BOUNDS.forEach((bound, index) => {
    if (inhabitants >= bound) found = index;
  });
  return found;
}

export function sizeClassInWords(index: number): string {
  const low = SIZE_CLASS_BOUNDS[index] ?? 0;
  const high = SIZE_CLASS_BOUNDS[index + 1];
  const number = (value: number) => value.toLocaleString('nl-NL');
  if (high === undefined) return `${number(low)} inwoners of meer`;
  return low === 0 ? `minder dan ${number(high)} inwoners` : `${number(low)} tot ${number(high)} inwoners`;
}

export interface ReferenceGroup {
  members: MunicipalityFacts[];
  /** The size classes and urbanisation degrees the members were taken from. */
  sizeClasses: [number, number];
  urbanisation: [number, number];
  /** What was widened, and why, in words. */
  steps: string[];
}

export function chooseReferenceGroup(
  target: MunicipalityFacts,
  all: readonly MunicipalityFacts[],
  options: { minimum?: number; maximum?: number } = {},
): ReferenceGroup {
  const minimum = options.minimum ?? 10;
  const maximum = options.maximum ?? 30;
  const others = all.filter((candidate) => candidate.code !== target.code);
  const ownClass = sizeClass(target.inhabitants);
  let sizeWidth = 0;
  let urbanWidth = 0;
  const steps: string[] = [];
  const within = () =>
    others.filter(
      (candidate) =>
        Math.abs(sizeClass(candidate.inhabitants) - ownClass) <= sizeWidth &&
        Math.abs(candidate.urbanisation - target.urbanisation) <= urbanWidth,
    );
  let members = within();
  const maxSizeWidth = SIZE_CLASS_BOUNDS.length - 1;
  while (members.length < minimum && (sizeWidth < maxSizeWidth || urbanWidth < 4)) {
    const widenUrbanisation = (urbanWidth <= sizeWidth && urbanWidth < 4) || sizeWidth >= maxSizeWidth;
    if (widenUrbanisation) urbanWidth++;
    else sizeWidth++;
    steps.push(
      `${members.length} ${members.length === 1 ? 'gemeente' : 'gemeenten'} gevonden, minder dan ${minimum}: ${
        widenUrbanisation
          ? `stedelijkheid verruimd tot ${urbanWidth} ${urbanWidth === 1 ? 'stap' : 'stappen'}`
          : `grootteklasse verruimd tot ${sizeWidth} ${sizeWidth === 1 ? 'klasse' : 'klassen'}`
      } ernaast`,
    );
    members = within();
  }
  if (members.length > maximum) {
    const distance = (candidate: MunicipalityFacts) =>
      Math.abs(Math.log(candidate.inhabitants / target.inhabitants)) + Math.abs(candidate.urbanisation - target.urbanisation) * 0.5;
    members = [...members].sort((a, b) => distance(a) - distance(b) || a.code.localeCompare(b.code)).slice(0, maximum);
    steps.push(`meer dan ${maximum} gemeenten: de ${maximum} die in inwonertal en stedelijkheid het dichtst bij liggen`);
  }
  return {
    members: [...members].sort((a, b) => a.code.localeCompare(b.code)),
    sizeClasses: [Math.max(0, ownClass - sizeWidth), Math.min(maxSizeWidth, ownClass + sizeWidth)],
    urbanisation: [Math.max(1, target.urbanisation - urbanWidth), Math.min(5, target.urbanisation + urbanWidth)],
    steps,
  };
}

export interface RateInput {
  code: string;
  count: number;
  population: number;
}

export interface Rate extends RateInput {
  /** Per `per` inhabitants. */
  rate: number;
  interval: [number, number];
}

/** A count per `per` inhabitants with the exact 95% interval of a Poisson count (Garwood). */
export function rateOf(input: RateInput, per = 1000): Rate {
  const [low, high] = poissonInterval(input.count);
  const scale = per / input.population;
  return { ...input, rate: input.count * scale, interval: [low * scale, high * scale] };
}

export interface Comparison {
  own: Rate;
  /** The group's rates, the municipality not among them. */
  group: Rate[];
  median: number;
  quartiles: [number, number];
  netherlands: Rate | null;
  /** 1 is the highest rate. The range of places the municipality could hold among the group and itself. */
  rank: { best: number; worst: number; of: number };
}

export function compareWithGroup(own: RateInput, group: readonly RateInput[], netherlands: RateInput | null, per = 1000): Comparison {
  const ownRate = rateOf(own, per);
  const rates = group.filter((entry) => entry.code !== own.code && entry.population > 0).map((entry) => rateOf(entry, per));
  const sorted = rates.map((entry) => entry.rate).sort((a, b) => a - b);
  const clearlyHigher = rates.filter((entry) => entry.interval[0] > ownRate.interval[1]).length;
  const clearlyLower = rates.filter((entry) => entry.interval[1] < ownRate.interval[0]).length;
  return {
    own: ownRate,
    group: rates,
    median: quantile(sorted, 0.5),
    quartiles: [quantile(sorted, 0.25), quantile(sorted, 0.75)],
    netherlands: netherlands ? rateOf(netherlands, per) : null,
    rank: { best: 1 + clearlyHigher, worst: rates.length + 1 - clearlyLower, of: rates.length + 1 },
  };
}
