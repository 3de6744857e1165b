/**
 * Reading a JSON body and checking it against a schema in a route that does
 * so itself (rather than through createRoute): every problem becomes one
 * ValidationError naming each field by its path within the body, such as
 * `planning.vanafJaar` or `partners[0]`.
 */
import type { ZodType, z } from 'zod';
import { type FieldProblem, ValidationError } from '../domain/errors.js';

const JSON_TYPE = /^application\/([\w.-]+\+)?json\b/i;

/** The body as JSON; `accepted` names the content types in the message when it is something else. */
export async function readJson(
  contentType: string | undefined,
  text: () => Promise<string>,
  accepted = 'application/json',
): Promise<unknown> {
  const type = contentType ?? '';
  if (!JSON_TYPE.test(type))
    throw new ValidationError(`Stuur de inhoud als ${accepted}`, [{ path: 'Content-Type', message: `"${type || '(leeg)'}" is geen JSON` }]);
  const body = await text();
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ValidationError('De inhoud is geen geldige JSON', [
      { path: '$', message: error instanceof Error ? error.message : 'onleesbaar' },
    ]);
  }
}

/** The value as the schema reads it, or a ValidationError with `message` and every problem. */
export function parseInput<T extends ZodType>(schema: T, value: unknown, message: string): z.output<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new ValidationError(message, issueProblems(parsed.error.issues));
}

/** zod's issues as problems: a path per field, and one per member a strict object does not know. */
export function issueProblems(issues: readonly z.core.$ZodIssue[]): FieldProblem[] {
  return issues.flatMap((issue) => {
    const at = fieldPath(issue.path);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ path: at ? `${at}.${key}` : key, message: 'kent Koers hier niet' }));
    return [{ path: at || '$', message: issue.message }];
  });
}

/** ['planning', 'vanafJaar'] -> planning.vanafJaar; ['partners', 0] -> partners[0]. */
export function fieldPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((acc, part) => {
    if (typeof part === 'number') return `${acc}[${part}]`;
    return acc ? `${acc}.${String(part)}` : String(part);
  }, '');
}
