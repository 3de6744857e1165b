#!/usr/bin/env node
// The koers command. Runs the TypeScript sources directly through tsx.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/run.ts');
