#!/usr/bin/env node
// `npm start`: installs the dependencies on a fresh clone, builds when needed, then serves the web app.
import { ensureDependencies } from './ensure-dependencies.mjs';

ensureDependencies();
const { BUNDLE, buildIfStale } = await import('./build.mjs');
await buildIfStale();
process.argv = [process.argv[0], process.argv[1], 'serve'];
await import(BUNDLE);
