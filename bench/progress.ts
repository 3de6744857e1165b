/**
 * Progress at scale, on both engines (`npm run bench:progress [-- --write]`):
 *
 * - **Stand van zaken** of a large plan: the Maasgouw plan grown to 1.000
 *   activities and ten years (2017-2026), with ten closed rounds, a report of
 *   every activity in every year, a correction of one in ten and a review of
 *   half: `ProgressService.glance` alone, and the plan's overview page (which
 *   shows it) asked by a logged-in reader, so never a kept page.
 * - **A regional view**: a police officer with the partner role in 30
 *   municipalities, each with its own copy of the Maasgouw plan and an open
 *   round: the page `/mijn-acties`, which gathers the police's activities of
 *   all 30 plans.
 *
 * Each measurement: a warm-up, then requests one after the other, in process
 * (`app.request`, no sockets). Aims: under 100 ms for Stand van zaken, under
 * 300 ms for the regional view (median).
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { createApp } from '../src/app.js';
import { createDatabase, type DatabaseHandle, migrateToLatest } from '../src/db/create-db.js';
import { AccountRepository } from '../src/features/accounts/account.repository.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { readExampleDocument } from '../src/features/plans/example-plan.js';
import { createServices } from '../src/server.js';
import { clearProgress, describeMachine, isMain, markdownTable, ms, progress, ROOT, type Stats, stats, textTable } from './lib.js';

const AIMS = { glanceMs: 100, regionalMs: 300 };
const ACTIVITIES = 1_000;
const YEARS = { from: 2017, to: 2026 };
const MUNICIPALITIES = 30;
const DOC = join(ROOT, 'docs', 'benchmarks.md');
const BEGIN = '<!-- bench:progress:begin (written by `npm run bench:progress -- --write`; edits between these lines are overwritten) -->';
const END = '<!-- bench:progress:end -->';

interface Row {
  engine: string;
  what: string;
  stats: Stats;
  aimMs: number;
}

async function timed(runs: number, warmup: number, work: () => Promise<unknown>): Promise<Stats> {
  for (let index = 0; index < warmup; index++) await work();
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return stats(samples);
}

/** The parts of a plan document this benchmark changes. */
interface ActivityDocument {
  sleutel: string;
  naam: string;
}
interface PlanDocument {
  plan: {
    titel: string;
    periode: { van: number; tot: number };
    gemeenten: { code: string; naam: string }[];
    vaststellingen: { gemeente: string; datum: string; door: string }[];
    themas: { onderdelen: { activiteiten: ActivityDocument[] }[] }[];
  };
}

const exampleDocument = async () => structuredClone((await readExampleDocument()) as PlanDocument);

/** The Maasgouw plan grown to `ACTIVITIES` activities over the years of `YEARS`, each copy with a key of its own. */
async function largePlanDocument(): Promise<PlanDocument> {
  const document = await exampleDocument();
  const plan = document.plan;
  plan.titel = 'Groot plan 2017-2026';
  plan.periode = { van: YEARS.from, tot: YEARS.to };
  const workstreams = plan.themas.flatMap((theme) => theme.onderdelen);
  const originals = workstreams.flatMap((workstream) => workstream.activiteiten.map((activity) => ({ workstream, activity })));
  let count = originals.length;
  for (let copy = 1; count < ACTIVITIES; copy++) {
    for (const { workstream, activity } of originals) {
      if (count >= ACTIVITIES) break;
      workstream.activiteiten.push({
        ...structuredClone(activity),
        sleutel: `${activity.sleutel}-kopie-${copy}`,
        naam: `${activity.naam} (${copy})`,
      });
      count++;
    }
  }
  return document;
}

/** Reports of every activity in every year, a correction of one in ten, a review of half, and ten closed rounds. */
async function fillProgress(handle: DatabaseHandle, planId: string): Promise<number> {
  const activities = await handle.db
    .selectFrom('activity')
    .select('id')
    .where('planId', '=', planId)
    .where('endedVersion', 'is', null)
    .execute();
  const statuses = ['loopt', 'vertraagd', 'afgerond', 'doorlopend', 'niet-gestart', 'gestopt'];
  let rows = 0;
  for (let year = YEARS.from; year <= YEARS.to; year++) {
    progress(`progress: reports of ${year}`);
    const roundId = randomUUID();
    await handle.db
      .insertInto('reportingRound')
      .values({
        id: roundId,
        planId,
        periodKey: String(year),
        deadline: `${year + 1}-01-31`,
        openedByLabel: 'bench',
        closedByLabel: 'bench',
        closedAt: `${year + 1}-02-01T00:00:00Z`,
      })
      .execute();
    const entries = activities.flatMap((activity, index) => {
      const current = {
        id: randomUUID(),
        planId,
        activityId: activity.id,
        periodKey: String(year),
        statusKey: statuses[(index + year) % statuses.length] as string,
        note: 'Voortgang volgens plan, met een toelichting van een zin of twee.',
        asOf: `${year}-12-31`,
        enteredByLabel: 'bench',
        enteredAs: 'partner' as const,
        enteredVia: 'api' as const,
      };
      // One in ten was corrected: the first report stays, superseded.
      if (index % 10 !== 0) return [current];
      return [{ ...current, id: randomUUID(), statusKey: 'loopt', supersededAt: `${year}-12-30T00:00:00Z` }, current];
    });
    for (let start = 0; start < entries.length; start += 500) {
      await handle.db
        .insertInto('progressEntry')
        .values(entries.slice(start, start + 500))
        .execute();
    }
    const reviews = entries
      .filter((entry, index) => !('supersededAt' in entry) && index % 2 === 0)
      .map((entry) => ({
        id: randomUUID(),
        planId,
        roundId,
        activityId: entry.activityId,
        entryId: entry.id,
        decision: 'approved' as const,
        remark: '',
        decidedByLabel: 'bench',
      }));
    for (let start = 0; start < reviews.length; start += 500) {
      await handle.db
        .insertInto('progressReview')
        .values(reviews.slice(start, start + 500))
        .execute();
    }
    rows += entries.length + reviews.length;
  }
  return rows;
}

async function openDatabase(engine: 'pglite' | 'postgres', postgresUrl: string): Promise<DatabaseHandle & { drop?: () => Promise<void> }> {
  if (engine === 'pglite') {
    const handle = await createDatabase({ engine: 'pglite', dataDir: null });
    await migrateToLatest(handle.db);
    return handle;
  }
  const schema = `koers_bench_${randomUUID().replaceAll('-', '')}`;
  const admin = await createDatabase({ engine: 'postgres', url: postgresUrl });
  await sql.raw(`create schema ${schema}`).execute(admin.db);
  await admin.close();
  const handle = await createDatabase({ engine: 'postgres', url: postgresUrl, schema });
  await migrateToLatest(handle.db);
  return {
    ...handle,
    async drop() {
      await handle.close();
      const cleanup = await createDatabase({ engine: 'postgres', url: postgresUrl });
      await sql.raw(`drop schema ${schema} cascade`).execute(cleanup.db);
      await cleanup.close();
    },
  };
}

async function measureEngine(
  engine: 'pglite' | 'postgres',
  options: { runs: number; warmup: number; postgresUrl: string },
): Promise<Row[]> {
  const handle = await openDatabase(engine, options.postgresUrl);
  try {
    const services = createServices(handle);
    const app = createApp(services);
    const accounts = new AccountRepository(handle.db);
    progress(`${engine}: the large plan`);
    const large = await services.plans.importPlan(SYSTEM, await largePlanDocument());
    const filled = await fillProgress(handle, large.id);
    const reader = await services.auth.createUser({
      name: 'Raadslid',
      email: 'raad@bench.example',
      password: null,
      isAdministrator: false,
    });
    await accounts.grantRole(reader, 'GM1641', 'lezer');
    const readerCookie = `__Host-koers-sessie=${(await services.auth.openSession(reader, '127.0.0.1')).sessionToken}`;
    const ask = async (path: string, cookie: string) => {
      const response = await app.request(path, { headers: { Cookie: cookie } });
      if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
      await response.text();
    };
    const plan = await services.plans.getPlan(SYSTEM, large.id);
    const activityCount = plan.themes.reduce(
      (sum, theme) => sum + theme.workstreams.reduce((n, workstream) => n + workstream.activities.length, 0),
      0,
    );
    if (activityCount !== ACTIVITIES) throw new Error(`the large plan has ${activityCount} activities, not ${ACTIVITIES}`);
    progress(`${engine}: Stand van zaken`);
    const glance = await timed(options.runs, options.warmup, () => services.progress.glance(plan, '2026-06-30'));
    const overview = await timed(options.runs, options.warmup, () => ask(`/plannen/${large.id}?peildatum=2026-06-30`, readerCookie));
    const progressPage = await timed(Math.max(5, Math.floor(options.runs / 3)), 2, () =>
      ask(`/plannen/${large.id}/voortgang?periode=2026`, readerCookie),
    );

    progress(`${engine}: ${MUNICIPALITIES} plans for the regional view`);
    const example = await exampleDocument();
    const officer = await services.auth.createUser({ name: 'Agent', email: 'agent@bench.example', password: null, isAdministrator: false });
    const coordinator = { kind: 'system' } as const;
    for (let index = 0; index < MUNICIPALITIES; index++) {
      const code = `GM${String(9000 + index)}`;
      const copy = structuredClone(example);
      copy.plan.titel = `IVP gemeente ${index + 1}`;
      copy.plan.gemeenten = [{ code, naam: `Gemeente ${index + 1}` }];
      copy.plan.vaststellingen = [{ gemeente: code, datum: '2019-01-29', door: 'raad' }];
      const imported = await services.plans.importPlan(SYSTEM, copy);
      await accounts.grantRole(officer, code, 'partner', { partnerKey: 'politie', portfolioHolderKey: null });
      await services.rounds.openRound(coordinator, imported.id, '2019', '2020-01-31');
    }
    const officerCookie = `__Host-koers-sessie=${(await services.auth.openSession(officer, '127.0.0.1')).sessionToken}`;
    const regional = await timed(Math.max(5, Math.floor(options.runs / 3)), 2, () => ask('/mijn-acties', officerCookie));
    clearProgress();
    console.log(`${engine}: ${filled} progress rows in the large plan; ${MUNICIPALITIES} plans for the regional view`);
    return [
      {
        engine,
        what: `Stand van zaken (ProgressService.glance), ${ACTIVITIES} activities, 10 years of rounds`,
        stats: glance,
        aimMs: AIMS.glanceMs,
      },
      { engine, what: 'the overview page with Stand van zaken, logged in', stats: overview, aimMs: AIMS.glanceMs },
      { engine, what: 'the progress page of one year (every activity listed)', stats: progressPage, aimMs: Number.NaN },
      { engine, what: `Mijn acties of a police officer in ${MUNICIPALITIES} municipalities`, stats: regional, aimMs: AIMS.regionalMs },
    ];
  } finally {
    await ('drop' in handle && handle.drop ? handle.drop() : handle.close());
  }
}

function report(rows: Row[], format: 'text' | 'markdown'): string {
  const machine = describeMachine();
  const header = ['engine', 'what', 'runs', 'median', 'p95', 'max', 'aim (median)'];
  const body = rows.map((row) => [
    row.engine,
    row.what,
    String(row.stats.n),
    ms(row.stats.median),
    ms(row.stats.p95),
    ms(row.stats.max),
    Number.isNaN(row.aimMs) ? '-' : `${ms(row.aimMs)}: ${row.stats.median <= row.aimMs ? 'met' : 'MISSED'}`,
  ]);
  const facts = `${machine.date.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}, commit ${machine.commit}${machine.workingTreeChanged ? ' plus uncommitted changes' : ''}, ${machine.cpus} CPUs, node ${machine.node}, load ${machine.loadBefore.join(' / ')}`;
  return format === 'text' ? `${facts}\n${textTable(header, body)}` : `- ${facts}\n\n${markdownTable(header, body)}`;
}

async function main(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      write: { type: 'boolean', default: false },
      runs: { type: 'string', default: '30' },
      warmup: { type: 'string', default: '5' },
      postgres: { type: 'boolean', default: true },
      'postgres-url': { type: 'string', default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test' },
    },
    allowNegative: true,
  });
  const options = { runs: Number(values.runs), warmup: Number(values.warmup), postgresUrl: values['postgres-url'] as string };
  const rows = [...(await measureEngine('pglite', options))];
  if (values.postgres) rows.push(...(await measureEngine('postgres', options)));
  console.log(report(rows, 'text'));
  if (values.write) {
    const text = readFileSync(DOC, 'utf8');
    const begin = text.indexOf(BEGIN);
    const end = text.indexOf(END);
    if (begin < 0 || end < begin) throw new Error(`docs/benchmarks.md has no section between "${BEGIN}" and "${END}"`);
    writeFileSync(DOC, `${text.slice(0, begin + BEGIN.length)}\n${report(rows, 'markdown')}\n${text.slice(end)}`);
    console.log(`\nWritten to ${DOC}`);
  }
  const missed = rows.filter((row) => !Number.isNaN(row.aimMs) && row.stats.median > row.aimMs);
  if (missed.length > 0) process.exitCode = 1;
}

if (isMain(import.meta.url)) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    clearProgress();
    const problems = (error as { problems?: { path: string; message: string }[] }).problems ?? [];
    console.error(`benchmark failed: ${error instanceof Error ? error.message : error}`);
    for (const problem of problems.slice(0, 10)) console.error(`  ${problem.path}: ${problem.message}`);
    process.exitCode = 1;
  });
}
