/**
 * The statistics behind trends and comparisons, small and exact enough for
 * a safety analysis: Student's t, the gamma and beta functions they rest on,
 * quantiles, and the exact interval of a Poisson count. Pure.
 */

/** P(T <= t) for Student's t with `degrees` degrees of freedom. */
export function studentT(t: number, degrees: number): number {
  const x = degrees / (degrees + t * t);
  const tail = 0.5 * regularizedBeta(x, degrees / 2, 0.5);
  return t >= 0 ? 1 - tail : tail;
}

/** The t with P(T <= t) = p, by bisection. */
export function studentTQuantile(p: number, degrees: number): number {
  let low = -1000;
  let high = 1000;
  for (let step = 0; step < 200; step++) {
    const middle = (low + high) / 2;
    if (studentT(middle, degrees) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** The q-quantile of sorted values, interpolated between the two nearest (type 7, as R and spreadsheets do); NaN without values. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const low = sorted[below] as number;
  const high = sorted[above] as number;
  return low + (high - low) * (position - below);
}

/**
 * The exact (Garwood) 95% interval of a Poisson count k: the 2.5% quantile of
 * chi-square with 2k degrees of freedom over two, and the 97.5% quantile with
 * 2k + 2. The chi-square quantiles come from the gamma distribution by bisection.
 */
export function poissonInterval(count: number): [number, number] {
  const known = intervals.get(count);
  if (known) return [known[0], known[1]];
  const low = count === 0 ? 0 : gammaQuantile(0.025, count);
  const high = gammaQuantile(0.975, count + 1);
  if (intervals.size >= 10_000) intervals.clear();
  intervals.set(count, [low, high]);
  return [low, high];
}

/** Intervals already computed, by count: a national comparison asks for thousands, many of them the same. */
const intervals = new Map<number, readonly [number, number]>();

/**
 * The p-quantile of the gamma distribution with shape `shape` and scale 1, by
 * bisection from a bracket of ten standard deviations around the mean (widened
 * when it does not hold the quantile) to a relative width of 1e-12.
 */
function gammaQuantile(p: number, shape: number): number {
  const spread = 10 * Math.sqrt(shape) + 10;
  let low = Math.max(0, shape - spread);
  let high = shape + spread;
  while (low > 0 && lowerGamma(shape, low) > p) low = Math.max(0, low - spread);
  while (lowerGamma(shape, high) < p) high += spread;
  while (high - low > 1e-12 * Math.max(1, high)) {
    const middle = (low + high) / 2;
    if (lowerGamma(shape, middle) < p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

/** The regularised lower incomplete gamma function P(a, x). */
function lowerGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * 1e-15) break;
    }
    return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  // Continued fraction for the upper part (Numerical Recipes, gcf).
  let b = x + 1 - a;
  let c = 1e300;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < 1e-300) d = 1e-300;
    c = b + an / c;
    if (Math.abs(c) < 1e-300) c = 1e-300;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return 1 - Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
}

/** The regularised incomplete beta function I_x(a, b) (Numerical Recipes' continued fraction). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(1 - x));
  if (x < (a + 1) / (a + b + 2)) return (front * betaFraction(x, a, b)) / a;
  return 1 - (front * betaFraction(1 - x, b, a)) / b;
}

function betaFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let result = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let term = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + term * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + term / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    result *= d * c;
    term = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + term * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + term / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    result *= delta;
    if (Math.abs(delta - 1) < 1e-15) break;
  }
  return result;
}

/** ln Γ(x) (Lanczos). */
function logGamma(x: number): number {
  const coefficients = [
    76.18009172947146, -86.50532032941678, 24.01409824083091, -1.231739572450155, 0.1208650973866179e-2, -0.5395239384953e-5,
  ];
  let y = x;
  const tmp = x + 5.5 - (x + 0.5) * Math.log(x + 5.5);
  let series = 1.000000000190015;
  for (const coefficient of coefficients) series += coefficient / ++y;
  return -tmp + Math.log((2.5066282746310007 * series) / x);
}
