/**
 * Validation messages in Dutch: every zod schema of Koers reports in the
 * language of its users, in plain words. zod's own Dutch locale leaves English
 * terms in ("Onbekende keys", "verwacht string, ontving undefined"), so Koers
 * brings its own messages for every kind of problem.
 */
import { z } from 'zod';

const numberFormat = new Intl.NumberFormat('nl-NL', { maximumFractionDigits: 6, useGrouping: true });
const figure = (value: number | bigint | Date) => (value instanceof Date ? value.toISOString().slice(0, 10) : numberFormat.format(value));

/** What a value should be, with its article: "een getal". */
const EXPECTED: Record<string, string> = {
  string: 'een tekst',
  number: 'een getal',
  int: 'een heel getal',
  bigint: 'een heel getal',
  boolean: 'ja of nee (true of false)',
  object: 'een object',
  array: 'een lijst',
  date: 'een datum',
  null: 'leeg (null)',
};

/** What a value was. */
function received(input: unknown): string {
  if (input === null) return 'leeg (null)';
  if (Array.isArray(input)) return 'een lijst';
  if (typeof input === 'number') return Number.isNaN(input) ? 'geen getal' : 'een getal';
  if (typeof input === 'string') return 'een tekst';
  if (typeof input === 'boolean') return 'ja of nee';
  if (typeof input === 'object') return 'een object';
  return 'iets anders';
}

const FORMATS: Record<string, string> = {
  email: 'is geen geldig e-mailadres',
  url: 'is geen geldig internetadres',
  uuid: 'is geen geldige id (UUID)',
  date: 'is geen geldige datum: schrijf JJJJ-MM-DD, zoals 2019-01-29',
  datetime: 'is geen geldig tijdstip: schrijf bijvoorbeeld 2019-01-29T10:00:00Z',
  time: 'is geen geldige tijd',
  regex: 'heeft niet de juiste vorm',
};

const parts = (count: number | bigint | Date) => (count === 1 ? 'één onderdeel' : `${figure(count)} onderdelen`);

const quoted = (values: readonly unknown[]) => values.map((value) => (typeof value === 'string' ? `“${value}”` : String(value))).join(', ');

export const dutchValidationMessage: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `ontbreekt: verwacht ${EXPECTED[issue.expected] ?? issue.expected}`;
      return `moet ${EXPECTED[issue.expected] ?? issue.expected} zijn, niet ${received(issue.input)}`;
    case 'invalid_value':
      return issue.values.length === 1 ? `moet ${quoted(issue.values)} zijn` : `moet een van deze waarden zijn: ${quoted(issue.values)}`;
    case 'too_big': {
      const maximum = figure(issue.maximum);
      if (issue.origin === 'string') return `mag hoogstens ${maximum} ${issue.maximum === 1 ? 'teken' : 'tekens'} lang zijn`;
      if (issue.origin === 'array' || issue.origin === 'set') return `mag hoogstens ${parts(issue.maximum)} hebben`;
      return issue.inclusive ? `mag hoogstens ${maximum} zijn` : `moet kleiner zijn dan ${maximum}`;
    }
    case 'too_small': {
      const minimum = figure(issue.minimum);
      if (issue.origin === 'string') return issue.minimum === 1 ? 'mag niet leeg zijn' : `moet minstens ${minimum} tekens lang zijn`;
      if (issue.origin === 'array' || issue.origin === 'set') return `moet minstens ${parts(issue.minimum)} hebben`;
      return issue.inclusive ? `moet minstens ${minimum} zijn` : `moet groter zijn dan ${minimum}`;
    }
    case 'invalid_format':
      return FORMATS[issue.format] ?? 'heeft niet de juiste vorm';
    case 'not_multiple_of':
      return `moet een veelvoud van ${figure(issue.divisor)} zijn`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `Onbekend veld: ${issue.keys[0]}` : `Onbekende velden: ${issue.keys.join(', ')}`;
    default:
      return 'is ongeldig';
  }
};

z.config({ localeError: dutchValidationMessage });
