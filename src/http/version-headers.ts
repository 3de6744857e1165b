/**
 * A plan's version as HTTP sees it: a strong ETag `"<version>"` on every read
 * of a plan resource, If-None-Match answered with 304 when the version is
 * still current, and If-Match, the version a change was made on, required on
 * every change (the service answers 412 when it is no longer current).
 */
import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ValidationError } from '../domain/errors.js';
import { versionHeader } from './openapi.js';
import { API_VERSION, ProblemSchema } from './problem.js';

export function etagOf(version: number): string {
  return `"${version}"`;
}

/**
 * The version an If-Match names; undefined without one. Only one strong ETag
 * of the plan is taken: `*` or a list would let a change through on a version
 * the client never read.
 */
export function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '') return undefined;
  const match = /^\s*"(\d{1,15})"\s*$/.exec(header);
  if (!match)
    throw new ValidationError('If-Match noemt niet één versie van het plan', [
      { path: 'If-Match', message: 'moet de ETag zijn die een GET van het plan gaf, zoals "12"' },
    ]);
  return Number(match[1]);
}

/** Whether If-None-Match names this version (the weak comparison RFC 9110 asks for here; `*` matches any). */
export function isNotModified(c: Context, version: number): boolean {
  const header = c.req.header('If-None-Match');
  if (!header) return false;
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etagOf(version));
}

/** 304: the client's copy of this version is still current. */
export function notModified(version: number): Response {
  return new Response(null, { status: 304, headers: { ETag: etagOf(version), 'API-Version': API_VERSION } });
}

/** Sets the ETag of this version on the answer being built. */
export function setVersion(c: Context, version: number): void {
  c.header('ETag', etagOf(version));
}

// ---------------------------------------------------------------------------
// For the OpenAPI document

export const etagHeader = {
  ETag: {
    description: 'De versie van het plan (sterke ETag), voor If-Match bij een wijziging',
    schema: { type: 'string' as const, example: '"12"' },
  },
};

const versionedHeaders = { ...versionHeader, ...etagHeader };

/** A 200 (or 201) answer with the plan's version in its ETag. */
export function jsonVersioned<T extends z.ZodType>(schema: T, description: string) {
  return { description, headers: versionedHeaders, content: { 'application/json': { schema } } };
}

export const notModifiedResponse = {
  description: 'Niet gewijzigd: de versie in If-None-Match is nog de huidige',
  headers: versionedHeaders,
};

export const noContentResponse = { description: 'Gedaan; de ETag is de nieuwe versie van het plan', headers: versionedHeaders };

/** Request headers of a read of a plan resource (documentation only; the value is read from the request itself). */
export const ReadHeaders = z.object({
  'If-None-Match': z
    .string()
    .optional()
    .openapi({
      param: { name: 'If-None-Match', in: 'header' },
      example: '"12"',
      description: 'de ETag van een eerdere lezing: 304 als die nog geldt',
    }),
});

/** Request headers of a change (documentation only). */
export const ChangeHeaders = z.object({
  'If-Match': z.string().openapi({
    param: { name: 'If-Match', in: 'header', required: true },
    example: '"12"',
    description: 'de ETag van de versie waarop de wijziging is gemaakt; verplicht (zonder: 428, verouderd: 412)',
  }),
});

const problemContent = { 'application/problem+json': { schema: ProblemSchema } };

/** The answers a change can get besides its success. */
export const changeProblemResponses = {
  400: { description: 'Ongeldige invoer: elk ongeldig veld staat in invalidParams', content: problemContent },
  401: { description: 'Niet ingelogd (een API-token is nodig)', content: problemContent },
  403: { description: 'Niet toegestaan', content: problemContent },
  404: { description: 'Niet gevonden (ook: een plan van een andere gemeente)', content: problemContent },
  409: { description: 'Kan niet in de toestand van het plan, zoals een vastgesteld plan zonder open bijstelling', content: problemContent },
  412: {
    description: 'Het plan is gewijzigd sinds de versie in If-Match: huidigeVersie en wijzigingenSinds zeggen wat er veranderde',
    headers: etagHeader,
    content: problemContent,
  },
  428: { description: 'If-Match ontbreekt', content: problemContent },
  500: { description: 'Interne fout', content: problemContent },
} as const;
