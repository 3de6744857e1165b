#!/usr/bin/env node
// The koers command: runs the bundle in dist/, rebuilding it first when a source changed.
// On a clone without its dependencies it says how to install them, instead of a stack trace.
import { COMMAND_DEPENDENCIES, missingDependencies } from '../scripts/ensure-dependencies.mjs';

const INSTALL =
  'Installeer ze eerst met "npm install" in de map van Koers, of start Koers met "npm start" (dat installeert ze zelf), en probeer het dan opnieuw.';

const missing = missingDependencies(COMMAND_DEPENDENCIES);
if (missing.length > 0) {
  console.error(`Fout: Koers mist pakketten waar het op draait (${missing.join(', ')}).\n${INSTALL}`);
  process.exit(1);
}

try {
  const { BUNDLE, buildIfStale } = await import('../scripts/build.mjs');
  await buildIfStale({ quiet: true });
  await import(BUNDLE);
} catch (error) {
  // Another package than the ones checked above is missing (a partial install): the same advice.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  console.error(`Fout: Koers mist een pakket waar het op draait (${error.message.split('\n')[0]}).\n${INSTALL}`);
  process.exitCode = 1;
}
