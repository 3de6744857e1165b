import { defineConfig } from 'vitest/config';

/** `npm run test:faults`: Koers processes killed, stopped and cut off from their database, one file at a time. */
export default defineConfig({
  test: {
    include: ['test/faults/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 240_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Heartbeats of a few seconds: files side by side on a small machine would make them miss their beat.
    fileParallelism: false,
  },
});
