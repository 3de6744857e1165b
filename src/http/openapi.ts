/** Building blocks for the OpenAPI route definitions: the version header on every answer, problem+json for every error. */
import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { ZodType } from 'zod';
import { UnauthenticatedError, ValidationError } from '../domain/errors.js';
import type { Actor } from '../features/accounts/actor.js';
import type { AppEnv } from './app-env.js';
import { API_VERSION, ProblemSchema } from './problem.js';

export const versionHeader = {
  'API-Version': { description: 'De volledige versie van de API', schema: { type: 'string' as const, example: API_VERSION } },
};

export function jsonOk<T extends ZodType>(schema: T, description: string) {
  return { description, headers: versionHeader, content: { 'application/json': { schema } } };
}

/**
 * How a caller says who it is. A personal API token (made on /account) for
 * everything; the website's session cookie for reading only, since a write
 * with it is ignored (a form on another site could send it).
 */
export const SECURITY_SCHEMES = {
  apiToken: {
    type: 'http' as const,
    scheme: 'bearer',
    description: 'Een persoonlijk API-token (koers_...), te maken op /account. Nodig om te schrijven.',
  },
  sessieCookie: {
    type: 'apiKey' as const,
    in: 'cookie' as const,
    name: '__Host-koers-sessie',
    description: 'De sessie van wie op de website is ingelogd. Alleen om te lezen: bij schrijven wordt de cookie genegeerd.',
  },
};

type SecurityRequirement = Record<string, string[]>;

/** Anyone may read; with a token or session the caller also sees the drafts of its own municipalities. */
export const readSecurity: SecurityRequirement[] = [{}, { apiToken: [] }, { sessieCookie: [] }];
/** Reading that needs a logged-in caller. */
export const loginSecurity: SecurityRequirement[] = [{ apiToken: [] }, { sessieCookie: [] }];
/** Writing needs an API token. */
export const writeSecurity: SecurityRequirement[] = [{ apiToken: [] }];

export function registerSecuritySchemes(api: OpenAPIHono<AppEnv>): void {
  for (const [name, scheme] of Object.entries(SECURITY_SCHEMES)) api.openAPIRegistry.registerComponent('securitySchemes', name, scheme);
}

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

export const problemResponses = {
  400: { description: 'Ongeldige invoer: elk ongeldig veld staat in invalidParams', content: problemContent },
  404: { description: 'Niet gevonden', content: problemContent },
  500: { description: 'Interne fout', content: problemContent },
} as const;

/**
 * The answers of a route that changes something or needs a login: bad input,
 * not logged in, not allowed, not found, and a conflict when `conflict` says
 * what it is.
 */
export function writeResponsesOf(conflict?: string) {
  return {
    400: problemResponses[400],
    401: { description: 'Niet ingelogd', content: problemContent },
    403: { description: 'Niet toegestaan', content: problemContent },
    404: problemResponses[404],
    ...(conflict ? { 409: { description: conflict, content: problemContent } } : {}),
    500: problemResponses[500],
  };
}

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

/** A write (or following one) through the API needs a caller: an anonymous one hears how to log in, for what. */
export function requireLogin(actor: Actor, what: string): void {
  if (actor.kind === 'anonymous') throw new UnauthenticatedError(`Log in met een API-token (Authorization: Bearer) om ${what}`);
}
