/**
 * Whether the database can serve this version of Koers: reachable, and with
 * exactly the migrations this version knows applied. What
 * `GET /gezondheid/gereed` answers.
 */
import { type Kysely, sql } from 'kysely';
import { migrations } from './migrations/index.js';
import type { Database } from './schema.js';

/** `reason` is shown to anyone who asks; `cause`, the error behind it, goes to the log only. */
export type Readiness = { ready: true } | { ready: false; reason: string; cause?: unknown };

/** How long the database may take to answer before it counts as unreachable. */
const TIMEOUT_MS = 3000;

export async function databaseReadiness(db: Kysely<Database>, timeoutMs = TIMEOUT_MS): Promise<Readiness> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`geen antwoord binnen ${timeoutMs / 1000} seconden`)), timeoutMs);
  });
  let applied: Set<string>;
  try {
    const { rows } = await Promise.race([sql<{ name: string }>`select name from kysely_migration`.execute(db), timeout]);
    applied = new Set(rows.map((row) => row.name));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    if (/kysely_migration/.test(message)) return { ready: false, reason: 'de database is nog niet gemigreerd' };
    return { ready: false, reason: 'de database is niet bereikbaar', cause: error };
  } finally {
    clearTimeout(timer);
  }
  const known = Object.keys(migrations);
  const missing = known.filter((name) => !applied.has(name));
  if (missing.length > 0) return { ready: false, reason: `migraties nog niet uitgevoerd: ${missing.join(', ')}` };
  const unknown = [...applied].filter((name) => !known.includes(name));
  if (unknown.length > 0) {
    return { ready: false, reason: `de database heeft migraties die deze versie van Koers niet kent: ${unknown.join(', ')}` };
  }
  return { ready: true };
}
