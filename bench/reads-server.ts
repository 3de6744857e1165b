/**
 * The server the reads benchmark runs against: Koers composed exactly as
 * `startServer` composes it (createDatabase, migrateToLatest, createServices,
 * createApp, served by @hono/node-server), on PGlite (DATA_DIR) or PostgreSQL
 * (DATABASE_URL, in the schema BENCH_SCHEMA), with the Maasgouw example
 * published and revised (test/revised-example.ts: one revision applied, one
 * open), a coordinator with a session per connection of the load tool
 * (BENCH_SESSIONS, 50), and for the saving row the edit form of every
 * activity as a browser would send it back (written to BENCH_FORMS). Prints
 * one line of JSON when it listens.
 *
 * Run by bench/reads.ts; alone: `DATA_DIR=/tmp/x PORT=3999 npx tsx bench/reads-server.ts`.
 */

import { writeFileSync } from 'node:fs';
import { serve } from '@hono/node-server';
import { parseHTML } from 'linkedom';
import { createApp } from '../src/app.js';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { noteNewConnection } from '../src/db/turns.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { hashSecret } from '../src/features/accounts/secret-token.js';
import { ELEMENT_PATHS } from '../src/features/plans/element-paths.js';
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
await new AccountRepository(handle.db).grantRole(userId, 'GM1641', 'coordinator');
// One session per connection of the load tool, so no two concurrent requests share a session lookup.
const sessions: string[] = [];
for (let index = 0; index < Number(env.BENCH_SESSIONS ?? 50); index++)
  sessions.push((await services.auth.openSession(userId, '127.0.0.1')).sessionToken);

// Saving: the edit form of each activity, sent back as a browser sends it (every field as the page fills it), with
// its cadence changed by the load tool. Saves change the activities in turn, so saves at the same moment touch
// different activities and never conflict. Written as lines for bench/wrk-report.lua: the plan's version first, then
// per activity the form's address and its fields without the cadence, the CSRF token and the version (a tab between).
const activities = plan.themes.flatMap((theme) => theme.workstreams.flatMap((workstream) => workstream.activities.map((a) => a.key)));
const app = createApp(services);
const formLines: string[] = [];
for (const key of activities) {
  const address = `/plannen/${planId}/bewerken/${ELEMENT_PATHS.activity}/${key}`;
  const page = await app.request(`http://127.0.0.1${address}`, { headers: { Cookie: `__Host-koers-sessie=${sessions[0]}` } });
  if (page.status !== 200) throw new Error(`${address}: ${page.status}`);
  const { document } = parseHTML(await page.text());
  const form = document.querySelector('form[data-koers-element-form]');
  if (!form) throw new Error(`${address}: no edit form`);
  const fields = new URLSearchParams();
  for (const control of form.querySelectorAll('input, select, textarea')) {
    const name = control.getAttribute('name');
    const type = control.getAttribute('type') ?? '';
    if (!name || ['_csrf', 'versie', 'frequentie'].includes(name) || ['submit', 'button'].includes(type)) continue;
    if ((type === 'checkbox' || type === 'radio') && !control.hasAttribute('checked')) continue;
    if (control.tagName === 'SELECT') {
      const chosen = control.querySelector('option[selected]') ?? control.querySelector('option');
      fields.append(name, chosen?.getAttribute('value') ?? chosen?.textContent ?? '');
    } else if (control.tagName === 'TEXTAREA') fields.append(name, control.textContent ?? '');
    else fields.append(name, control.getAttribute('value') ?? (type === 'checkbox' ? 'on' : ''));
  }
  formLines.push(`${address}\t${fields}`);
}
if (env.BENCH_FORMS)
  writeFileSync(env.BENCH_FORMS, `${(await services.plans.getWorkingCopy(SYSTEM, planId)).version}\n${formLines.join('\n')}\n`);
const csrfTokens = sessions.map((session) => hashSecret(`csrf:${session}`));

const port = Number(env.PORT ?? 3999);
const server = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () => {
  console.log(JSON.stringify({ ready: true, planId, themeId: plan.themes[0]?.id, sessions, csrfTokens, activities: activities.length }));
});
server.on('connection', noteNewConnection);
for (const signal of ['SIGTERM', 'SIGINT'] as const)
  process.once(signal, () => {
    void handle.close().finally(() => process.exit(0));
  });
