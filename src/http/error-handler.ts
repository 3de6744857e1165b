/**
 * The one place where errors become answers: problem+json under /api, an error
 * page elsewhere. Unknown errors are logged (with the request id, their stack
 * and their cause) and answered with a generic 500, never with internal messages.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import {
  BusyError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  StaleVersionError,
  TooLargeError,
  TooManyAttemptsError,
  UnauthenticatedError,
  ValidationError,
  VersionRequiredError,
} from '../domain/errors.js';
import { createLogger } from '../log.js';
import { errorPageFor, notFoundPage, renderErrorPage } from '../web/error-page.js';
import { messagesFor } from '../web/messages.js';
import { problem, problemResponse } from './problem.js';
import { loggablePath } from './request-log.js';

/** Where errors go in an app built without a log (tests): standard error, as text. */
const fallbackLog = createLogger({ format: 'tekst', write: (line) => console.error(line) });

const isApi = (c: Context) => c.req.path.startsWith('/api/');
const TITLES_FOR_PAGES = {
  401: 'Log eerst in',
  403: 'Niet toegestaan',
  409: 'Dat kan nu niet',
  412: 'Het plan is intussen gewijzigd',
  413: 'Te groot',
  428: 'Versie ontbreekt',
  429: 'Te veel pogingen',
  503: 'Even geduld',
} as const;

/**
 * Errors about who is asking, how much, and in what state: 401, 403, 409, 412,
 * 413, 428, 429 and 503 (the last two with Retry-After).
 */
function refusalStatus(error: Error): 401 | 403 | 409 | 412 | 413 | 428 | 429 | 503 | null {
  if (error instanceof UnauthenticatedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof ConflictError) return 409;
  if (error instanceof StaleVersionError) return 412;
  if (error instanceof VersionRequiredError) return 428;
  if (error instanceof TooLargeError) return 413;
  if (error instanceof TooManyAttemptsError) return 429;
  if (error instanceof BusyError) return 503;
  return null;
}

/** For a refused page of a plan's editing (a form of an adopted plan without a revision, say): the way back to the plan's edit page. */
const PLAN_EDIT_PAGE = /^\/plannen\/([0-9a-f-]{36})\/bewerken\/./;
function editPageOf(path: string): { href: string; label: string } | undefined {
  const planId = PLAN_EDIT_PAGE.exec(path)?.[1];
  return planId ? { href: `/plannen/${planId}/bewerken`, label: messagesFor().errors.backToEdit } : undefined;
}

export function handleError(error: Error, c: Context): Response {
  const refusal = refusalStatus(error);
  if (refusal) {
    const response = isApi(c)
      ? problemResponse(apiRefusal(refusal, error, c.req.path))
      : c.html(renderErrorPage(refusal, TITLES_FOR_PAGES[refusal], pageRefusalText(error), [], undefined, editPageOf(c.req.path)), refusal);
    if (error instanceof StaleVersionError) response.headers.set('ETag', `"${error.currentVersion}"`);
    if (error instanceof TooManyAttemptsError || error instanceof BusyError)
      response.headers.set('Retry-After', String(error.retryAfterSeconds));
    // The rest of a body that is too large is not read: the connection closes after this answer.
    if (error instanceof TooLargeError) response.headers.set('Connection', 'close');
    return response;
  }
  const known = error instanceof ValidationError || error instanceof NotFoundError;
  const clientHttpError = error instanceof HTTPException && error.status < 500 ? error : null;
  if (!known && !clientHttpError) {
    const log = c.var.log ?? fallbackLog;
    log.error('Onverwachte fout', { method: c.req.method, path: loggablePath(c.req.path), err: error });
  }

  if (isApi(c)) {
    if (error instanceof ValidationError) return problemResponse(problem(400, error.message, c.req.path, error.problems));
    if (error instanceof NotFoundError) return problemResponse(problem(404, error.message, c.req.path));
    if (clientHttpError) return problemResponse(problem(clientHttpError.status, dutchHttpMessage(clientHttpError), c.req.path));
    return problemResponse(problem(500, 'Er ging iets mis aan onze kant. Probeer het later opnieuw.', c.req.path));
  }
  if (clientHttpError) {
    const html = renderErrorPage(clientHttpError.status, messagesFor().errors.badRequestTitle, dutchHttpMessage(clientHttpError));
    return c.html(html, clientHttpError.status);
  }
  const { status, html } = errorPageFor(error);
  return c.html(html, status);
}

export function handleNotFound(c: Context): Response {
  if (isApi(c)) return problemResponse(problem(404, `Er is niets op het adres ${c.req.path}`, c.req.path));
  return c.html(notFoundPage(), 404);
}

/** The problem of a refusal: a conflict names its reasons, a stale version what changed since. */
function apiRefusal(status: number, error: Error, path: string) {
  const body = problem(status, error.message, path, error instanceof ConflictError ? error.problems : []);
  if (error instanceof StaleVersionError)
    return {
      ...body,
      huidigeVersie: error.currentVersion,
      wijzigingenSinds: error.changes.map((change) => ({
        versie: change.version,
        op: change.at,
        door: change.by,
        wijzigingen: change.descriptions,
      })),
    };
  return body;
}

/** On a page: the message, and for a conflict its reasons, for a stale version what changed since. */
function pageRefusalText(error: Error): string {
  if (error instanceof ConflictError && error.problems.length > 0)
    return `${error.message}: ${error.problems.map((problem) => problem.message).join('; ')}.`;
  if (error instanceof StaleVersionError) return `${error.message}. ${error.changes.flatMap((change) => change.descriptions).join('. ')}`;
  return error.message;
}

function dutchHttpMessage(error: HTTPException): string {
  if (/malformed json/i.test(error.message)) return 'De inhoud van het verzoek is geen geldige JSON';
  if (error.status === 413) return 'Het verzoek is te groot';
  return error.message || 'Ongeldig verzoek';
}
