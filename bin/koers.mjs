#!/usr/bin/env node
// The koers command: runs the bundle in dist/, rebuilding it first when a source changed.
import { BUNDLE, buildIfStale } from '../scripts/build.mjs';

await buildIfStale({ quiet: true });
await import(BUNDLE);
