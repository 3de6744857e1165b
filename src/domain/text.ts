/**
 * Text Koers can store. PostgreSQL cannot hold a NUL character, and a lone
 * surrogate (half of a UTF-16 pair) is no Unicode at all; other control
 * characters are invisible and mean nothing in a plan. Such text is refused
 * where it comes in, naming the field, so it never reaches the database as a
 * 500. Tab and line breaks are ordinary text.
 */
import type { FieldProblem } from './errors.js';

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** Why a text cannot be stored, in Dutch ("bevat ..."), or null when it can. */
export function unsafeTextReason(text: string): string | null {
  const control = CONTROL.exec(text);
  if (control) return `bevat een onzichtbaar stuurteken (${codePoint(control[0])}) dat niet in tekst mag; haal het weg`;
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate) return `bevat een half teken (${codePoint(surrogate[0])}) dat geen geldige Unicode is; haal het weg`;
  return null;
}

/**
 * Every string in a JSON value (object keys included) that cannot be stored,
 * each with its JSON path such as `$.plan.themas[0].naam`.
 */
export function findUnsafeText(value: unknown, path = '$'): FieldProblem[] {
  if (typeof value === 'string') {
    const reason = unsafeTextReason(value);
    return reason ? [{ path, message: reason }] : [];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findUnsafeText(item, `${path}[${index}]`));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      const reason = unsafeTextReason(key);
      const keyPath = `${path}.${printableName(key)}`;
      return reason ? [{ path: keyPath, message: `de veldnaam ${reason}` }] : findUnsafeText(item, keyPath);
    });
  }
  return [];
}

/** A field name as it can be shown: unsafe characters written as \u0000. */
export function printableName(name: string): string {
  if (unsafeTextReason(name) === null) return name;
  // JSON escapes control characters and lone surrogates, all but DEL.
  return JSON.stringify(name)
    .slice(1, -1)
    .replace(/\u007f/g, '\\u007f');
}

function codePoint(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}
