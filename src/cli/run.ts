/** Entry point of bin/koers.mjs: runs the CLI and turns errors into readable messages and an exit code. */

import { DataDirInUseError } from '../db/create-db.js';
import { NotFoundError, ValidationError } from '../domain/errors.js';
import { OpenDataRefreshError } from '../features/monitoring/open-data-refresh.js';
import { runCli } from './main.js';

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
  } else if (error instanceof Error) {
    console.error(`Fout: ${error.message}`);
    // Expected failures speak for themselves; anything else shows where it came from.
    const expected = error instanceof NotFoundError || error instanceof OpenDataRefreshError || error instanceof DataDirInUseError;
    if (!expected && error.stack) console.error(error.stack.split('\n').slice(1).join('\n'));
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
