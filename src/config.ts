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
  /** OpenID Connect, for a municipality with its own identity provider: all four or none. The issuer URL (https). */
  OIDC_ISSUER: z.url().optional(),
  /** The client id Koers has at the identity provider. */
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** The client secret (client_secret_basic). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Where the provider sends the browser back: https://<koers>/inloggen/oidc/terug, exactly as registered. */
  OIDC_REDIRECT_URI: z.url().optional(),
  /** The name on the login button, such as the municipality's. */
  OIDC_NAME: z.string().min(1).default('de identity provider van uw gemeente'),
  /** Base URL of CBS StatLine OData v3 (catalogue CBS). */
  KOERS_CBS_OPENDATA_URL: z.url().default('https://opendata.cbs.nl'),
  /** Base URL of the CBS third-party catalogues (OData v3), which hold the police tables. */
  KOERS_CBS_DATADERDEN_URL: z.url().default('https://dataderden.cbs.nl'),
  /** Base URL of the new CBS API (OData v4). */
  KOERS_CBS_DATASETS_URL: z.url().default('https://datasets.cbs.nl'),
  /** smtp://user:password@host:587 or smtps://...: notifications also go out by e-mail. Without it they are shown in Koers only. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'moet beginnen met smtp:// of smtps://')
    .optional(),
  /** The sender of Koers's e-mails, such as "Koers <koers@maasgouw.nl>"; required with SMTP_URL. */
  SMTP_FROM: z.string().min(3).optional(),
  /** The address people use to reach Koers (https://koers.maasgouw.nl), for the links in e-mails; by default http://localhost:PORT. */
  KOERS_URL: z.url().optional(),
  /** Load the built-in Maasgouw example when the database holds no plan yet ("false" to start empty). */
  LOAD_EXAMPLE: z.enum(['true', 'false']).default('true'),
  /** The least important log lines written: debug, info, warn or error. */
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** json (one JSON object a line) or tekst (readable); not set: tekst on a terminal, json otherwise. */
  LOG_FORMAT: z.enum(['json', 'tekst']).optional(),
  /** A running job or import without a heartbeat for this many seconds has lost its instance and is taken over. */
  JOB_STALE_SECONDS: z.coerce.number().int().min(2).max(3600).default(300),
  /** On SIGTERM: how long running requests and a running job get to finish before they are cut off. */
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(600).default(30),
});

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  loadExample: boolean;
  trustProxy: boolean;
  sessions: { idleMinutes: number; absoluteHours: number };
  oidc: { issuer: string; clientId: string; clientSecret: string; redirectUri: string; name: string } | null;
  /** Where the CBS open-data services are. */
  cbs: { opendata: string; dataderden: string; datasets: string };
  /** format null: text on a terminal, JSON otherwise. */
  log: { level: 'debug' | 'info' | 'warn' | 'error'; format: 'json' | 'tekst' | null };
  jobs: { staleSeconds: number };
  shutdownTimeoutSeconds: number;
  /** E-mail for notifications; null when SMTP_URL is not set. */
  mail: { url: string; from: string; baseUrl: string } | null;
}

/** A setting that cannot work, said in Dutch for the person who set it. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/**
 * KOERS_DEBUG=1: the koers command prints the technical details of an
 * unexpected error. Read on its own, so it works when the rest of the
 * configuration is wrong.
 */
export function isDebug(env: Record<string, string | undefined>): boolean {
  return env.KOERS_DEBUG === '1' || env.KOERS_DEBUG === 'true';
}

export function readConfig(env: Record<string, string | undefined>): Config {
  const parsed = ConfigSchema.safeParse(Object.fromEntries(Object.entries(env).filter(([, value]) => value !== '')));
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Ongeldige configuratie:\n${lines.join('\n')}`);
  }
  const values = parsed.data;
  const oidcSettings = [values.OIDC_ISSUER, values.OIDC_CLIENT_ID, values.OIDC_CLIENT_SECRET, values.OIDC_REDIRECT_URI];
  if (oidcSettings.some(Boolean) && !oidcSettings.every(Boolean)) {
    throw new ConfigError(
      'Ongeldige configuratie:\n  OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET en OIDC_REDIRECT_URI horen alle vier gezet te zijn, of geen van alle',
    );
  }
  if (values.SMTP_URL && !values.SMTP_FROM) {
    throw new ConfigError(
      'Ongeldige configuratie:\n  SMTP_FROM: geef de afzender van de e-mails op, zoals "Koers <koers@gemeente.nl>", want SMTP_URL is gezet',
    );
  }
  return {
    mail: values.SMTP_URL
      ? {
          url: values.SMTP_URL,
          from: values.SMTP_FROM as string,
          baseUrl: (values.KOERS_URL ?? `http://localhost:${values.PORT}`).replace(/\/+$/, ''),
        }
      : null,
    port: values.PORT,
    host: values.HOST,
    dataDir: values.DATA_DIR,
    databaseUrl: values.DATABASE_URL ?? null,
    loadExample: values.LOAD_EXAMPLE === 'true',
    trustProxy: values.TRUST_PROXY === 'true',
    sessions: { idleMinutes: values.SESSION_IDLE_MINUTES, absoluteHours: values.SESSION_ABSOLUTE_HOURS },
    cbs: { opendata: values.KOERS_CBS_OPENDATA_URL, dataderden: values.KOERS_CBS_DATADERDEN_URL, datasets: values.KOERS_CBS_DATASETS_URL },
    log: { level: values.LOG_LEVEL, format: values.LOG_FORMAT ?? null },
    jobs: { staleSeconds: values.JOB_STALE_SECONDS },
    shutdownTimeoutSeconds: values.SHUTDOWN_TIMEOUT_SECONDS,
    oidc: values.OIDC_ISSUER
      ? {
          issuer: values.OIDC_ISSUER,
          clientId: values.OIDC_CLIENT_ID as string,
          clientSecret: values.OIDC_CLIENT_SECRET as string,
          redirectUri: values.OIDC_REDIRECT_URI as string,
          name: values.OIDC_NAME,
        }
      : null,
  };
}
