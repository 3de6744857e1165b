/**
 * `npm run bench:logins`: logins under concurrency against a running Koers
 * (`koers serve` on a PGlite folder of its own). Measures how fast pages are
 * answered while passwords are checked, how many logins a second go through,
 * and what a burst beyond the hashing gate gets (503, never a queue without
 * end). Results go to docs/benchmarks.md by hand.
 */
import { join } from 'node:path';
import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { loadExampleIfEmpty } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { childEnvironment, freePort, ms, ROOT, removeFolder, start, stats, stop, temporaryFolder, textTable, waitFor200 } from './lib.js';

const USERS = 20;
const PASSWORD = 'een lang wachtwoord voor de meting';
const LOAD_SECONDS = Number(process.env.BENCH_LOGIN_SECONDS ?? 10);

interface Form {
  csrf: string;
  cookie: string;
}

async function loginForm(base: string): Promise<Form> {
  const page = await fetch(`${base}/inloggen`);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
  return { csrf, cookie: (page.headers.get('set-cookie') ?? '').split(';')[0] ?? '' };
}

async function logIn(base: string, form: Form, email: string): Promise<{ status: number; ms: number }> {
  const started = performance.now();
  const response = await fetch(`${base}/inloggen`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: form.cookie },
    body: new URLSearchParams({ _csrf: form.csrf, email, wachtwoord: PASSWORD }).toString(),
  });
  await response.arrayBuffer();
  return { status: response.status, ms: performance.now() - started };
}

/** Page times, one request after the other, until `until` resolves. */
async function pageTimes(url: string, until: Promise<unknown>): Promise<number[]> {
  let done = false;
  void until.then(() => {
    done = true;
  });
  const samples: number[] = [];
  while (!done) {
    const started = performance.now();
    await (await fetch(url)).arrayBuffer();
    samples.push(performance.now() - started);
  }
  return samples;
}

const row = (label: string, samples: number[]) => {
  const s = stats(samples);
  return [label, String(samples.length), ms(s.median), ms(s.p95), ms(s.max)];
};

async function main() {
  const folder = temporaryFolder('logins');
  const dataDir = join(folder, 'data');
  const handle = await createDatabase({ engine: 'pglite', dataDir });
  try {
    await migrateToLatest(handle.db);
    const services = createServices(handle);
    await loadExampleIfEmpty(services.plans);
    for (let index = 0; index < USERS; index++) {
      await services.auth.createUser({
        name: `Meting ${index}`,
        email: `meting${index}@example.org`,
        password: PASSWORD,
        isAdministrator: false,
      });
    }
  } finally {
    await handle.close();
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const server = start(process.execPath, ['bin/koers.mjs', 'serve'], {
    cwd: ROOT,
    env: childEnvironment({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, LOAD_EXAMPLE: 'false', LOG_LEVEL: 'warn' }),
  });
  try {
    await waitFor200(`${base}/`, server, 60_000);
    const form = await loginForm(base);
    for (let index = 0; index < 3; index++) await logIn(base, form, `meting${index}@example.org`);

    const idle = await pageTimes(`${base}/`, new Promise((resolve) => setTimeout(resolve, 3_000)));

    // Every user logs in again and again, all at once, for LOAD_SECONDS.
    const deadline = Date.now() + LOAD_SECONDS * 1000;
    const logins: { status: number; ms: number }[] = [];
    const load = Promise.all(
      Array.from({ length: USERS }, async (_, index) => {
        while (Date.now() < deadline) logins.push(await logIn(base, form, `meting${index}@example.org`));
      }),
    );
    const underLoad = await pageTimes(`${base}/`, load);
    await load;
    const ok = logins.filter((login) => login.status === 303);
    const busy = logins.filter((login) => login.status === 503);

    // A burst: a hundred logins at the same moment, five for each user.
    const burst = await Promise.all(Array.from({ length: 100 }, (_, index) => logIn(base, form, `meting${index % USERS}@example.org`)));
    const count = (status: number) => burst.filter((login) => login.status === status).length;

    console.log(`\nPages (GET /), one after the other; logins: ${USERS} clients logging in without pause for ${LOAD_SECONDS} s\n`);
    console.log(
      textTable(
        ['what', 'n', 'median', 'p95', 'max'],
        [
          row('page, idle', idle),
          row('page, during the logins', underLoad),
          row(
            'login (303)',
            ok.map((login) => login.ms),
          ),
        ],
      ),
    );
    console.log(`\nlogins: ${ok.length} succeeded (${(ok.length / LOAD_SECONDS).toFixed(1)} per second), ${busy.length} answered 503`);
    const others = burst.filter((login) => login.status !== 303 && login.status !== 503).map((login) => login.status);
    console.log(
      `burst of 100 at once: ${count(303)} logged in, ${count(503)} answered 503 (Retry-After)` +
        (others.length > 0 ? `, other answers: ${others.join(', ')}` : ''),
    );
  } finally {
    await stop(server);
    removeFolder(folder);
  }
}

await main();
