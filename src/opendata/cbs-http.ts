/**
 * One GET of JSON from a CBS service, with retries: network errors, time-outs,
 * HTTP 429 and 5xx, and a body that breaks off mid-JSON are tried again after an
 * exponential back-off with jitter (honouring Retry-After); other 4xx answers and
 * Atom/XML instead of JSON fail at once. Every failure is an OpenDataError that
 * names what was asked and the URL.
 */
import { OpenDataError } from './cbs-errors.js';

export interface HttpSettings {
  fetchImpl: typeof fetch;
  /** Retries after the first attempt. */
  retries: number;
  /** First back-off; doubles per retry up to MAX_BACKOFF_MS. */
  backoffMs: number;
  sleep: (ms: number) => Promise<void>;
  timeoutMs: number;
  /** Source of jitter, [0, 1). */
  random: () => number;
}

export interface RequestContext {
  /** What is asked, for messages: "DataProperties van 47022NED (dataderden)", "pagina 3 van 47022NED (dataderden)". */
  what: string;
  /** Set on every error from this request: where a broken pull of cells continues. */
  resumeFrom?: string | null;
}

export const MAX_BACKOFF_MS = 30_000;

class RetryableFailure extends Error {
  constructor(
    message: string,
    readonly status: number | null = null,
    readonly retryAfterMs: number | null = null,
  ) {
    super(message);
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}

/** The message in an OData error body (v3 `odata.error`, v4 `error`), for in a Dutch sentence. */
function serviceMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { 'odata.error'?: { message?: { value?: unknown } }; error?: { message?: unknown } };
    const message = body['odata.error']?.message?.value ?? body.error?.message;
    return typeof message === 'string' && message ? `; melding van de dienst: "${message.slice(0, 300)}"` : '';
  } catch {
    return '';
  }
}

function retryAfter(header: string | null): number | null {
  if (!header) return null;
  if (/^\d+$/.test(header.trim())) return Number(header.trim()) * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? null : Math.max(0, date - Date.now());
}

/** Settles with `promise`, or rejects once `signal` aborts, also when the promise ignores the signal. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('afgebroken'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

async function attempt(url: string, context: RequestContext, settings: HttpSettings): Promise<unknown> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), settings.timeoutMs);
  const failed = (message: string, status: number | null = null) =>
    new OpenDataError(`${context.what}: ${message} (${url})`, { url, resumeFrom: context.resumeFrom ?? null, status });
  try {
    let response: Response;
    try {
      response = await abortable(
        settings.fetchImpl(url, { headers: { accept: 'application/json' }, signal: controller.signal }),
        controller.signal,
      );
    } catch (error) {
      throw new RetryableFailure(
        controller.signal.aborted ? `geen antwoord binnen ${settings.timeoutMs} ms` : `netwerkfout (${describe(error)})`,
      );
    }
    let text: string;
    try {
      text = await abortable(response.text(), controller.signal);
    } catch (error) {
      throw new RetryableFailure(
        controller.signal.aborted
          ? `antwoord niet binnen ${settings.timeoutMs} ms ontvangen`
          : `verbinding verbroken tijdens het lezen van het antwoord (${describe(error)})`,
      );
    }
    if (!response.ok) {
      const status = response.status;
      if (status === 429 || status >= 500) {
        throw new RetryableFailure(`HTTP ${status}${serviceMessage(text)}`, status, retryAfter(response.headers.get('retry-after')));
      }
      if (status === 404) throw failed(`niet gevonden (HTTP 404${serviceMessage(text)}); bestaat de tabel op deze dienst?`, status);
      throw failed(`geweigerd met HTTP ${status}${serviceMessage(text)}`, status);
    }
    const contentType = response.headers.get('content-type') ?? '';
    if (/xml/i.test(contentType) || text.trimStart().startsWith('<')) {
      throw failed(`antwoord is Atom/XML (${contentType || 'zonder content-type'}) in plaats van JSON; is $format=json meegestuurd?`);
    }
    try {
      return JSON.parse(text);
    } catch {
      throw new RetryableFailure(`antwoord is geen volledige JSON (${text.length} tekens ontvangen, afgebroken?)`);
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Back-off before retry number `retry` (0-based): doubling, capped, jittered over its upper half; at least Retry-After. */
export function backoffDelay(
  retry: number,
  settings: Pick<HttpSettings, 'backoffMs' | 'random'>,
  retryAfterMs: number | null = null,
): number {
  const ceiling = Math.min(MAX_BACKOFF_MS, settings.backoffMs * 2 ** retry);
  const jittered = Math.round(ceiling / 2 + (settings.random() * ceiling) / 2);
  return retryAfterMs === null ? jittered : Math.max(jittered, Math.min(retryAfterMs, MAX_BACKOFF_MS));
}

/** GET `url` and parse its JSON body, retrying transient failures. */
export async function getJson(url: string, context: RequestContext, settings: HttpSettings): Promise<unknown> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt(url, context, settings);
    } catch (error) {
      if (!(error instanceof RetryableFailure)) throw error;
      if (retry >= settings.retries) {
        throw new OpenDataError(`${context.what}: mislukt na ${retry + 1} pogingen, laatste fout: ${error.message} (${url})`, {
          url,
          resumeFrom: context.resumeFrom ?? null,
          status: error.status,
          cause: error,
        });
      }
      await settings.sleep(backoffDelay(retry, settings, error.retryAfterMs));
    }
  }
}
