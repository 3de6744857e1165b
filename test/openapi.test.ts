/**
 * The published API contract: docs/openapi.json is what the code serves, and it
 * passes the official NL API Design Rules linter without errors.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { buildOpenApiDocument, OPENAPI_FILE } from '../scripts/openapi.js';
import { createTestDatabase } from './test-database.js';

const spectralPackage = createRequire(import.meta.url).resolve('@stoplight/spectral-cli/package.json');
const spectralBin = spectralPackage.replace(/package\.json$/, 'dist/index.js');

describe('the OpenAPI document', () => {
  it('is up to date with the routes (run `npm run openapi` after changing the API)', async () => {
    const handle = await createTestDatabase();
    try {
      expect(await readFile(OPENAPI_FILE, 'utf8')).toBe(await buildOpenApiDocument(handle));
    } finally {
      await handle.close();
    }
  });

  it('passes the NL API Design Rules ruleset without errors', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        spectralBin,
        'lint',
        '-r',
        'standards/nl-api-design-rules.spectral.yaml',
        '-f',
        'json',
        '--fail-severity',
        'error',
        'docs/openapi.json',
      ],
      { cwd: new URL('..', import.meta.url).pathname },
    ).catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    const results = JSON.parse(stdout.slice(stdout.indexOf('['), stdout.lastIndexOf(']') + 1)) as {
      code: string;
      severity: number;
      path: string[];
      message: string;
    }[];
    const errors = results.filter((result) => result.severity === 0);
    expect(errors.map((result) => `${result.code} at ${result.path.join('.')}: ${result.message}`)).toEqual([]);
  }, 60_000);
});
