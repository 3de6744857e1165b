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

  it('declares how callers say who they are: an API token for every write, the session cookie for reading only', async () => {
    const document = JSON.parse(await readFile(OPENAPI_FILE, 'utf8'));
    expect(document.components.securitySchemes).toMatchObject({
      apiToken: { type: 'http', scheme: 'bearer' },
      sessieCookie: { type: 'apiKey', in: 'cookie', name: '__Host-koers-sessie' },
    });
    const operations = Object.entries(document.paths as Record<string, Record<string, { security?: unknown }>>).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({ route: `${method} ${path}`, method, ...operation })),
    );
    for (const { route, method, security } of operations) {
      if (method === 'get') expect(security, route).toContainEqual({ sessieCookie: [] });
      else expect(security, route).toEqual([{ apiToken: [] }]);
    }
    const anonymous = operations.filter((operation) => (operation.security as object[]).some((item) => Object.keys(item).length === 0));
    expect(anonymous.map((operation) => operation.route)).not.toContain('get /plannen/{planId}/vernieuwingen/{taakId}');
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
