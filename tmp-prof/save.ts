import { createDatabase, migrateToLatest } from '../src/db/create-db.js';
import { SYSTEM } from '../src/features/accounts/actor.js';
import { toContent } from '../src/features/plans/plan-document.mapper.js';
import { findElementDocument } from '../src/features/plans/plan-element-documents.js';
import { createServices } from '../src/server.js';
import { revisedExample } from '../test/revised-example.js';
const dir = process.argv[2] === 'disk' ? `/tmp/savetest-${process.pid}` : null;
const handle = await createDatabase({ engine: 'pglite', dataDir: dir });
await migrateToLatest(handle.db);
const services = createServices(handle);
const planId = await revisedExample(services, { published: true });
const plan = await services.plans.getWorkingCopy(SYSTEM, planId);
const keys = plan.themes.flatMap((t) => t.workstreams.flatMap((w) => w.activities.map((a) => a.key)));
const times: number[] = [];
const { Session } = await import('node:inspector/promises');
const { writeFileSync } = await import('node:fs');
const session = new Session(); session.connect();
if (process.env.PROF) { await session.post('Profiler.enable'); await session.post('Profiler.setSamplingInterval', { interval: 200 }); await session.post('Profiler.start'); }
for (let i = 0; i < 60; i++) {
  const t = performance.now();
  const working = await services.plans.getWorkingCopy(SYSTEM, planId);
  const doc = findElementDocument(toContent(working), 'activity', keys[i % keys.length]!)!;
  await services.planEditing.updateElement(SYSTEM, planId, 'activity', keys[i % keys.length]!, { ...doc, frequentie: `x ${i}` }, { expected: working.version, match: 'element' });
  times.push(performance.now() - t);
}
if (process.env.PROF) { const { profile } = await session.post('Profiler.stop');
writeFileSync('/tmp/prof/loop.cpuprofile', JSON.stringify(profile)); }
times.sort((a, b) => a - b);
console.log(dir ? 'disk' : 'memory', 'median', times[30]?.toFixed(1), 'p95', times[57]?.toFixed(1));
await handle.close();
