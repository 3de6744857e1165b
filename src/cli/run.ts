/**
 * Entry point of bin/koers.mjs: runs the CLI and turns errors into readable
 * messages and an exit code. Invalid input lists its problems; an error Koers
 * expects says what is wrong in its own words; anything else (a database
 * error, a bug) is one plain line and a hint, never a message from the
 * database or a stack trace, unless KOERS_DEBUG=1 asks for them.
 */
import { ConfigError, isDebug } from '../config.js';
import { DataDirInUseError } from '../db/create-db.js';
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
import { OpenDataRefreshError } from '../features/monitoring/open-data-refresh.js';
import { OpenDataError } from '../opendata/cbs-errors.js';
import { runCli } from './main.js';

/** Errors whose message is written for the person at the command line. */
const EXPECTED = [
  NotFoundError,
  ConflictError,
  StaleVersionError,
  VersionRequiredError,
  ForbiddenError,
  UnauthenticatedError,
  TooManyAttemptsError,
  TooLargeError,
  ConfigError,
  OpenDataError,
  OpenDataRefreshError,
  DataDirInUseError,
  BusyError,
];

// `koers plan export ID | head` closes the pipe early: that is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

try {
  await runCli(process.argv.slice(2));
} catch (error) {
  if (error instanceof ValidationError) {
    console.error(`Fout: ${error.message}`);
    for (const problem of error.problems) console.error(`  ${problem.path}: ${problem.message}`);
    console.error('Er is niets opgeslagen.');
  } else if (EXPECTED.some((kind) => error instanceof kind)) {
    console.error(`Fout: ${(error as Error).message}`);
  } else {
    reportUnexpected(error);
  }
  process.exitCode = 1;
}

function reportUnexpected(error: unknown): void {
  const code = (error as { code?: unknown } | null)?.code;
  const known = typeof code === 'string' && /^[A-Z0-9_]{2,32}$/.test(code) ? ` (${code})` : '';
  console.error(`Fout: er ging onverwacht iets mis${known}.`);
  if (isDebug(process.env)) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  } else {
    console.error('Tip: draai de opdracht opnieuw met KOERS_DEBUG=1 voor de technische details, en meld die aan wie Koers beheert.');
  }
}
