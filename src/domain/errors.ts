/**
 * Domain errors. Services throw these; one error handler in src/http/error-handler.ts
 * turns them into application/problem+json (API) or an error page (web).
 */

export interface FieldProblem {
  /** JSON path of the invalid value, such as `$.plan.themas[0].naam`, or a form field name. */
  path: string;
  message: string;
}

export class NotFoundError extends Error {
  constructor(
    readonly what: string,
    readonly id: string,
    message = `${what} ${id} bestaat niet`,
  ) {
    super(message);
    this.name = 'NotFoundError';
  }
}

export class ValidationError extends Error {
  constructor(
    message: string,
    readonly problems: FieldProblem[],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** The action needs a logged-in user (HTTP 401). */
export class UnauthenticatedError extends Error {
  constructor(message = 'Log in om verder te gaan') {
    super(message);
    this.name = 'UnauthenticatedError';
  }
}

/** The user may not do this (HTTP 403). */
export class ForbiddenError extends Error {
  constructor(message = 'U mag dit niet') {
    super(message);
    this.name = 'ForbiddenError';
  }
}

/** Too many attempts; try again after `retryAfterSeconds` (HTTP 429). */
export class TooManyAttemptsError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'TooManyAttemptsError';
  }
}

/** The server is too busy to take this on now; try again after `retryAfterSeconds` (HTTP 503). */
export class BusyError extends Error {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message);
    this.name = 'BusyError';
  }
}

/** The request is larger than Koers accepts there (HTTP 413); the message says how large it may be. */
export class TooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TooLargeError';
  }
}

/** The action cannot be done in the plan's present state, such as editing an adopted plan without an open revision (HTTP 409). */
export class ConflictError extends Error {
  constructor(
    message: string,
    readonly problems: FieldProblem[] = [],
  ) {
    super(message);
    this.name = 'ConflictError';
  }
}

/**
 * The change was made on a version of the plan that is no longer current
 * (HTTP 412); `changes` says, in words, what changed since that version.
 */
export class StaleVersionError extends Error {
  constructor(
    message: string,
    readonly currentVersion: number,
    readonly changes: { version: number; at: string; by: string; descriptions: string[] }[],
  ) {
    super(message);
    this.name = 'StaleVersionError';
  }
}

/** A change came without the version it was made on (HTTP 428: send If-Match). */
export class VersionRequiredError extends Error {
  constructor(message = 'Stuur de versie mee waarop de wijziging is gemaakt (If-Match met de ETag van het plan)') {
    super(message);
    this.name = 'VersionRequiredError';
  }
}
