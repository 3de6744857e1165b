/**
 * The one place where errors become answers: problem+json under /api, an error
 * page elsewhere. Unknown errors are logged with their stack and answered with a
 * generic 500, never with internal messages.
 */
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { renderErrorPage } from '../web/error-page.js';
import { problem, problemResponse } from './problem.js';

const isApi = (c: Context) => c.req.path.startsWith('/api/');

export function handleError(error: Error, c: Context): Response {
  const { status, detail, invalid } = classify(error);
  if (status === 500) console.error(`[${c.req.method} ${c.req.path}]`, error);
  if (isApi(c)) return problemResponse(problem(status, detail, c.req.path, invalid));
  const title = status === 404 ? 'Pagina niet gevonden' : status === 400 ? 'Ongeldige invoer' : 'Er ging iets mis';
  const lines = [detail, ...invalid.map((item) => `${item.path}: ${item.message}`)].join('\n');
  return c.html(renderErrorPage(status, title, lines), status as 400 | 404 | 500);
}

export function handleNotFound(c: Context): Response {
  const detail = `Er is niets op het adres ${c.req.path}`;
  if (isApi(c)) return problemResponse(problem(404, detail, c.req.path));
  return c.html(renderErrorPage(404, 'Pagina niet gevonden', detail), 404);
}

function classify(error: Error): { status: number; detail: string; invalid: { path: string; message: string }[] } {
  if (error instanceof ValidationError) return { status: 400, detail: error.message, invalid: error.problems };
  if (error instanceof NotFoundError) return { status: 404, detail: error.message, invalid: [] };
  if (error instanceof HTTPException && error.status < 500) {
    return { status: error.status, detail: dutchHttpMessage(error), invalid: [] };
  }
  return { status: 500, detail: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.', invalid: [] };
}

function dutchHttpMessage(error: HTTPException): string {
  if (/malformed json/i.test(error.message)) return 'De inhoud van het verzoek is geen geldige JSON';
  if (error.status === 413) return 'Het verzoek is te groot';
  return error.message || 'Ongeldig verzoek';
}
