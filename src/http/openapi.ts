/** Building blocks for the OpenAPI route definitions: the version header on every answer, problem+json for every error. */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { ValidationError } from '../domain/errors.js';
import type { AppEnv } from './app-env.js';
import { API_VERSION, ProblemSchema } from './problem.js';

const versionHeader = {
  'API-Version': { description: 'De volledige versie van de API', schema: { type: 'string' as const, example: API_VERSION } },
};

export function jsonOk<T extends ZodType>(schema: T, description: string) {
  return { description, headers: versionHeader, content: { 'application/json': { schema } } };
}

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

export const problemResponses = {
  400: { description: 'Ongeldige invoer: elk ongeldig veld staat in invalidParams', content: problemContent },
  404: { description: 'Niet gevonden', content: problemContent },
  500: { description: 'Interne fout', content: problemContent },
} as const;

/** An OpenAPIHono whose failed request validation becomes one ValidationError listing every invalid parameter. */
export function createApi() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) {
        const issues = (result.error as z.ZodError).issues;
        throw new ValidationError(
          'Het verzoek bevat ongeldige waarden',
          issues.map((issue) => ({ path: issue.path.map(String).join('.') || result.target, message: issue.message })),
        );
      }
    },
  });
}
