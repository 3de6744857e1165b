/**
 * Configuration, read and checked once at start. Nothing else reads process.env.
 * Start-up fails with every problem listed at once.
 */
import './validation-locale.js';
import { z } from 'zod';

const ConfigSchema = z.object({
  /** Port of the web app. */
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  /** Address to listen on; 0.0.0.0 to be reachable from other machines. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** Folder of the embedded database (PGlite), used when DATABASE_URL is not set. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://user:password@host:port/database of a PostgreSQL server; when set, used instead of DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'moet beginnen met postgres:// of postgresql://')
    .optional(),
  /** "true" behind a reverse proxy that terminates TLS: then X-Forwarded-Proto: https counts as a TLS request (HSTS). */
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  /** Minutes without activity after which a session ends. */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /** Hours after login after which a session ends, however active. */
  SESSION_ABSOLUTE_HOURS: z.coerce.number().int().min(1).max(168).default(12),
  /** Load the built-in Maasgouw example when the database holds no plan yet ("false" to start empty). */
  LOAD_EXAMPLE: z.enum(['true', 'false']).default('true'),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  loadExample: boolean;
  trustProxy: boolean;
  sessions: { idleMinutes: number; absoluteHours: number };
}

export function readConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  return {
    port: values.PORT,
    host: values.HOST,
    dataDir: values.DATA_DIR,
    databaseUrl: values.DATABASE_URL ?? null,
    loadExample: values.LOAD_EXAMPLE === 'true',
    trustProxy: values.TRUST_PROXY === 'true',
    sessions: { idleMinutes: values.SESSION_IDLE_MINUTES, absoluteHours: values.SESSION_ABSOLUTE_HOURS },
  };
}
