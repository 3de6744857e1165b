/**
 * Reading a form: urlencoded or multipart, from the body the size limit let
 * through, once per request (the CSRF check and the handler share it). A body
 * that cannot be read as a form (a broken multipart boundary), and text Koers
 * cannot store (a NUL, a lone surrogate) in any field or file name, are a
 * ValidationError naming the field: a 400, never a 500. Every page form reads
 * its fields through `readForm`, so a new field is covered without a check of its own.
 */
import type { Context } from 'hono';
import { type FieldProblem, ValidationError } from '../domain/errors.js';
import { printableName, unsafeTextReason } from '../domain/text.js';

/** The fields of a form; a name sent more than once keeps its last value. */
export type FormFields = Record<string, string | File>;

const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i;

const read = new WeakMap<Context, Promise<FormFields>>();

/** The form of this request, read once. A request that is no form at all has no fields. */
export function readForm(c: Context): Promise<FormFields> {
  let form = read.get(c);
  if (!form) {
    form = FORM_TYPE.test(c.req.header('Content-Type') ?? '') ? parseForm(c.req.raw) : Promise.resolve({});
    read.set(c, form);
  }
  return form;
}

/** The fields of a form body, each checked; a ValidationError for a body that is no readable form. */
export async function parseForm(request: Request): Promise<FormFields> {
  let data: FormData;
  try {
    data = await request.formData();
  } catch {
    throw new ValidationError('Het formulier is onleesbaar', [
      { path: 'formulier', message: 'de inhoud kon niet als formulier worden gelezen; laad de pagina opnieuw en probeer het nog eens' },
    ]);
  }
  const fields: FormFields = {};
  const problems: FieldProblem[] = [];
  for (const [name, value] of data) {
    const nameProblem = unsafeTextReason(name);
    const valueProblem = unsafeTextReason(typeof value === 'string' ? value : value.name);
    if (nameProblem) problems.push({ path: printableName(name), message: `de veldnaam ${nameProblem}` });
    else if (valueProblem)
      problems.push({ path: name, message: typeof value === 'string' ? valueProblem : `de bestandsnaam ${valueProblem}` });
    else fields[name] = value;
  }
  if (problems.length > 0) throw new ValidationError('Het formulier bevat tekst die Koers niet kan bewaren', problems);
  return fields;
}
