/**
 * The server the reads benchmark runs against: Koers composed exactly as
 * `startServer` composes it (createDatabase, migrateToLatest, createServices,
 * createApp, served by @hono/node-server), on PGlite (DATA_DIR) or PostgreSQL
 * (DATABASE_URL, in the schema BENCH_SCHEMA), with the Maasgouw example
 * published and revised (test/revised-example.ts: one revision applied, one
 * open), a coordinator with a session per connection of the load tool
 * (BENCH_SESSIONS, 50), and one route of its own beside the
 * app: `POST /bench/opslaan`, which saves one change to an activity through
 * the editing service (the unit of work the edit forms use) and answers 303,
 * as a form post does. Prints one line of JSON when it listens.
 *
 * Run by bench/reads.ts; alone: `DATA_DIR=/tmp/x PORT=3999 npx tsx bench/reads-server.ts`.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { createApp } from '../src/app.js';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { toContent } from '../src/features/plans/plan-document.mapper.js';
import { findElementDocument } from '../src/features/plans/plan-element-documents.js';
import { createServices } from '../src/server.js';
import { revisedExample } from '../test/revised-example.js';

const env = process.env;
const handle = env.DATABASE_URL
  ? await createDatabase({ engine: 'postgres', url: env.DATABASE_URL, schema: env.BENCH_SCHEMA })
  : await createDatabase({ engine: 'pglite', dataDir: env.DATA_DIR ?? null });
await migrateToLatest(handle.db);
const services = createServices(handle);
const planId = await revisedExample(services, { published: true });
const plan = await services.plans.getPlan(SYSTEM, planId);
const userId = await services.auth.createUser({
  name: 'Meting',
  email: 'meting@example.org',
  password: 'een lang wachtwoord voor de meting',
  isAdministrator: false,
});
await new AccountRepository(handle.db).grantRole(userId, 'GM1641', 'coordinator', null);
// One session per connection of the load tool, so no two concurrent requests share a session lookup.
const sessions: string[] = [];
for (let index = 0; index < Number(env.BENCH_SESSIONS ?? 50); index++)
  sessions.push((await services.auth.openSession(userId, '127.0.0.1')).sessionToken);

// The activities a save changes in turn, so saves at the same moment touch different elements (no conflict).
const activities = plan.themes.flatMap((theme) => theme.workstreams.flatMap((workstream) => workstream.activities.map((a) => a.key)));
let saves = 0;

const root = new Hono();
root.post('/bench/opslaan', async (c) => {
  const key = activities[saves++ % activities.length] as string;
  const working = await services.plans.getWorkingCopy(SYSTEM, planId);
  const document = findElementDocument(toContent(working), 'activity', key);
  if (!document) return c.text(`geen activiteit ${key}`, 500);
  await services.planEditing.updateElement(
    SYSTEM,
    planId,
    'activity',
    key,
    { ...document, frequentie: `meting ${saves}` },
    { expected: working.version, match: 'element' },
  );
  return c.redirect(`/plannen/${planId}/uitvoeringsplan`, 303);
});
root.route('/', createApp(services));

const port = Number(env.PORT ?? 3999);
serve({ fetch: root.fetch, port, hostname: '127.0.0.1' }, () => {
  console.log(JSON.stringify({ ready: true, planId, themeId: plan.themes[0]?.id, sessions, activities: activities.length }));
});
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    void handle.close().finally(() => process.exit(0));
  });
