/**
 * Periods of measurement: a year, a quarter or a month. Reads the period keys of
 * CBS (StatLine) and what people type or StatLine exports as labels, writes one
 * canonical form for the API and files ('2019', '2019-K1', '2019-03') and a Dutch
 * label for people ('2019', '1e kwartaal 2019', 'maart 2019').
 */

export type PeriodKind = 'year' | 'quarter' | 'month';

export interface Period {
  kind: PeriodKind;
  year: number;
  /** 0 for a year, 1-4 for a quarter, 1-12 for a month. */
  number: number;
}

/** The status CBS gives a figure: final, provisional or revised provisional. */
export type PeriodStatus = 'definitief' | 'voorlopig' | 'nader-voorlopig';

/** A period that cannot be read or is out of range; the message is Dutch and names the value. */
export class PeriodError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PeriodError';
  }
}

const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

const MONTH_NAMES = [
  'januari',
  'februari',
  'maart',
  'april',
  'mei',
  'juni',
  'juli',
  'augustus',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** Month names and the abbreviations Dutch people and Excel use ('mrt', 'okt'), to month number. */
const MONTHS_BY_NAME: ReadonlyMap<string, number> = new Map([
  ...MONTH_NAMES.map((name, index): [string, number] => [name, index + 1]),
  ...['jan', 'feb', 'mrt', 'apr', 'mei', 'jun', 'jul', 'aug', 'sep', 'okt', 'nov', 'dec'].map((abbr, index): [string, number] => [
    abbr,
    index + 1,
  ]),
  ['sept', 9],
]);

/** Ordinals of a quarter: '1e', '1ste', 'eerste' and so on. */
const QUARTER_ORDINALS: ReadonlyMap<string, number> = new Map([
  ['1e', 1],
  ['1ste', 1],
  ['eerste', 1],
  ['2e', 2],
  ['2de', 2],
  ['tweede', 2],
  ['3e', 3],
  ['3de', 3],
  ['derde', 3],
  ['4e', 4],
  ['4de', 4],
  ['vierde', 4],
]);

const CBS_KIND_CODES: Record<PeriodKind, string> = { year: 'JJ', quarter: 'KW', month: 'MM' };

const EXAMPLES = 'Schrijf een jaar (2019), een kwartaal (2019-K1) of een maand (2019-03)';

function quote(text: string): string {
  return `'${text}'`;
}

/** Builds a period after checking year and number; `shown` is the text the user gave, for the message. */
function makePeriod(kind: PeriodKind, year: number, number: number, shown: string): Period {
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new PeriodError(`Het jaar in ${quote(shown)} ligt niet tussen ${MIN_YEAR} en ${MAX_YEAR}.`);
  }
  if (kind === 'quarter' && !(Number.isInteger(number) && number >= 1 && number <= 4)) {
    throw new PeriodError(`${quote(shown)} noemt kwartaal ${number}. Een jaar heeft de kwartalen 1 tot en met 4.`);
  }
  if (kind === 'month' && !(Number.isInteger(number) && number >= 1 && number <= 12)) {
    throw new PeriodError(`${quote(shown)} noemt maand ${number}. Een jaar heeft de maanden 1 tot en met 12.`);
  }
  if (kind === 'year' && number !== 0) {
    throw new PeriodError(`${quote(shown)} is geen geldig jaar: bij een heel jaar hoort nummer 0 (CBS: JJ00).`);
  }
  return { kind, year, number };
}

/** Throws when a Period object built in code is out of range (for example month 13). */
function checkPeriod({ kind, year, number }: Period): Period {
  const shown = kind === 'year' ? String(year) : kind === 'quarter' ? `${year}-K${number}` : `${year}-${number}`;
  return makePeriod(kind, year, number, shown);
}

/** Reads a CBS period key: '2017JJ00' (year), '2017KW01' (quarter), '2017MM01' (month). */
export function parseCbsPeriod(key: string): Period {
  const match = /^(\d{4})(JJ|KW|MM)(\d{2})$/.exec(key);
  if (!match) {
    throw new PeriodError(
      `${quote(key)} is geen periode van het CBS. Verwacht is bijvoorbeeld 2017JJ00 (jaar), 2017KW01 (kwartaal) of 2017MM01 (maand).`,
    );
  }
  const year = Number(match[1]);
  const number = Number(match[3]);
  const kind: PeriodKind = match[2] === 'JJ' ? 'year' : match[2] === 'KW' ? 'quarter' : 'month';
  return makePeriod(kind, year, number, key);
}

export function toCbsPeriodKey(period: Period): string {
  const { kind, year, number } = checkPeriod(period);
  return `${year}${CBS_KIND_CODES[kind]}${String(number).padStart(2, '0')}`;
}

/** Reads the CBS status of a figure ('Definitief', 'Voorlopig', 'Nader voorlopig'); null when empty. */
export function parsePeriodStatus(text: string | null): PeriodStatus | null {
  if (text === null) return null;
  const normal = text
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, ' ');
  if (normal === '') return null;
  if (normal === 'definitief') return 'definitief';
  if (normal === 'voorlopig') return 'voorlopig';
  if (normal === 'nader voorlopig') return 'nader-voorlopig';
  throw new PeriodError(`${quote(text.trim())} is geen status van een cijfer. Verwacht is Definitief, Voorlopig of Nader voorlopig.`);
}

/**
 * Reads a period as people type it or StatLine exports it (case and extra spaces do not matter):
 * - year: '2019'
 * - quarter: '2019-K1', '2019K1', '2019 K1', 'K1 2019', '2019 1e kwartaal', '2019 eerste kwartaal', '1e kwartaal 2019'
 *   ('Q' is accepted for 'K')
 * - month: '2019-03', '2019-3', '2019/03', '03-2019', '3/2019', '2019 maart', '2019 mrt', 'maart 2019', 'mrt. 2019'
 * - the CBS keys '2019JJ00', '2019KW01', '2019MM03'
 * StatLine marks provisional figures with '*' or '**' after the period ('2023*'); that mark is ignored here.
 */
export function parsePeriod(text: string): Period {
  const shown = text.trim();
  const normal = shown
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .replace(/\s?\*{1,2}$/, '');

  const cbs = /^(\d{4})(jj|kw|mm)(\d{2})$/.exec(normal);
  if (cbs) return parseCbsPeriod(`${cbs[1]}${cbs[2]!.toUpperCase()}${cbs[3]}`);

  let match = /^(\d{4})$/.exec(normal);
  if (match) return makePeriod('year', Number(match[1]), 0, shown);

  match = /^(\d{4}) ?[-/]? ?[kq](\d)$/.exec(normal);
  if (match) return makePeriod('quarter', Number(match[1]), Number(match[2]), shown);
  match = /^[kq](\d) ?[-/]? ?(\d{4})$/.exec(normal);
  if (match) return makePeriod('quarter', Number(match[2]), Number(match[1]), shown);

  match = /^(\d{4}) (\S+) kwartaal$/.exec(normal);
  if (match && QUARTER_ORDINALS.has(match[2]!)) return makePeriod('quarter', Number(match[1]), QUARTER_ORDINALS.get(match[2]!)!, shown);
  match = /^(\S+) kwartaal (\d{4})$/.exec(normal);
  if (match && QUARTER_ORDINALS.has(match[1]!)) return makePeriod('quarter', Number(match[2]), QUARTER_ORDINALS.get(match[1]!)!, shown);

  match = /^(\d{4}) ?[-/] ?(\d{1,2})$/.exec(normal);
  if (match) return makePeriod('month', Number(match[1]), Number(match[2]), shown);
  match = /^(\d{1,2}) ?[-/] ?(\d{4})$/.exec(normal);
  if (match) return makePeriod('month', Number(match[2]), Number(match[1]), shown);

  match = /^(\d{4}) ([a-z]+)\.?$/.exec(normal);
  if (match && MONTHS_BY_NAME.has(match[2]!)) return makePeriod('month', Number(match[1]), MONTHS_BY_NAME.get(match[2]!)!, shown);
  match = /^([a-z]+)\.? (\d{4})$/.exec(normal);
  if (match && MONTHS_BY_NAME.has(match[1]!)) return makePeriod('month', Number(match[2]), MONTHS_BY_NAME.get(match[1]!)!, shown);

  if (shown === '') throw new PeriodError(`De periode is leeg. ${EXAMPLES}.`);
  throw new PeriodError(`${quote(shown)} is geen periode. ${EXAMPLES}.`);
}

/** The canonical form used in the API and in files: '2019', '2019-K1', '2019-03'. */
export function formatPeriod(period: Period): string {
  const { kind, year, number } = checkPeriod(period);
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${year}-K${number}`;
  return `${year}-${String(number).padStart(2, '0')}`;
}

/** The period in Dutch for people: '2019', '1e kwartaal 2019', 'maart 2019'. */
export function periodLabel(period: Period): string {
  const { kind, year, number } = checkPeriod(period);
  if (kind === 'year') return String(year);
  if (kind === 'quarter') return `${number}e kwartaal ${year}`;
  return `${MONTH_NAMES[number - 1]} ${year}`;
}

const LENGTH_IN_MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, year: 12 };

function endMonth(period: Period): number {
  return period.kind === 'year' ? 12 : period.number * LENGTH_IN_MONTHS[period.kind];
}

/**
 * Chronological order by the moment a period ends; when two periods end together the shorter comes first.
 * So March 2019 < 1st quarter 2019 < April 2019 and December 2019 < 4th quarter 2019 < 2019.
 */
export function comparePeriods(a: Period, b: Period): number {
  return a.year - b.year || endMonth(a) - endMonth(b) || LENGTH_IN_MONTHS[a.kind] - LENGTH_IN_MONTHS[b.kind];
}

export function samePeriod(a: Period, b: Period): boolean {
  return a.kind === b.kind && a.year === b.year && a.number === b.number;
}
