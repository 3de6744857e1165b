/**
 * Problem details (RFC 9457) as the NL API Design Rules ask: status, title,
 * detail, and for invalid input every invalid field in `invalidParams`.
 */
import { z } from '@hono/zod-openapi';
import type { FieldProblem } from '../domain/errors.js';

export const API_VERSION = '1.0.0';

export const ProblemSchema = z
  .object({
    type: z.string().describe('URI die het soort probleem aanduidt'),
    title: z.string().describe('korte omschrijving van het soort probleem'),
    status: z.number().int().describe('de HTTP-statuscode'),
    detail: z.string().describe('uitleg over dit geval'),
    instance: z.string().optional().describe('het pad van het verzoek'),
    wijzigingenSinds: z
      .array(
        z.object({
          versie: z.number().int().describe('de versie die deze wijziging maakte'),
          op: z.string().describe('wanneer (ISO 8601)'),
          door: z.string().describe('wie'),
          wijzigingen: z.array(z.string()).describe('elke wijziging in woorden'),
        }),
      )
      .optional()
      .describe('bij 412: wat er veranderde sinds de versie waarop de wijziging gemaakt is'),
    huidigeVersie: z.number().int().optional().describe('bij 412: de versie van het plan nu (de ETag)'),
    invalidParams: z
      .array(
        z.object({
          name: z.string().describe('JSON-pad of naam van de ongeldige waarde, zoals $.plan.themas[0].naam of thema'),
          reason: z.string().describe('wat er mis is'),
        }),
      )
      .optional(),
  })
  .openapi('Problem');

export type Problem = z.infer<typeof ProblemSchema>;

const TITLES: Record<number, string> = {
  400: 'Ongeldige invoer',
  401: 'Niet ingelogd',
  403: 'Niet toegestaan',
  404: 'Niet gevonden',
  405: 'Methode niet toegestaan',
  409: 'Conflict met de toestand van het plan',
  412: 'Het plan is intussen gewijzigd',
  413: 'Verzoek te groot',
  415: 'Inhoudstype niet ondersteund',
  428: 'Versie ontbreekt',
  429: 'Te veel pogingen',
  500: 'Interne fout',
  503: 'Even geen plaats',
};

export function problem(status: number, detail: string, instance: string, invalid: FieldProblem[] = []): Problem {
  return {
    type: `https://koers.opensource.nl/problemen/${status}`,
    title: TITLES[status] ?? 'Fout',
    status,
    detail,
    instance,
    ...(invalid.length > 0 ? { invalidParams: invalid.map((item) => ({ name: item.path, reason: item.message })) } : {}),
  };
}

export function problemResponse(body: Problem): Response {
  return new Response(JSON.stringify(body), {
    status: body.status,
    headers: { 'Content-Type': 'application/problem+json', 'API-Version': API_VERSION },
  });
}
