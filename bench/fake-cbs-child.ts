/**
 * The local fake CBS server (test/fake-cbs) in a process of its own, for
 * bench/open-data.ts: so that its memory and CPU time are not the importer's.
 * Started with fork(); talks over the IPC channel:
 *
 *   child -> parent  { type: 'ready', baseUrls }
 *   parent -> child  { type: 'reissue', table, modified, changes }   answered { type: 'reissued' }
 *   parent -> child  { type: 'usage' }                               answered { type: 'usage', ... }
 *   parent -> child  { type: 'stop' }                                the child closes the server and exits
 *
 * argv[2]: JSON of FakeCbsOptions ({ pageSize, bulk: { table, rows } }).
 */
import { type FakeCbsOptions, startFakeCbs } from '../test/fake-cbs/fake-cbs-server.js';

export interface FakeChildUsage {
  type: 'usage';
  /** Peak resident set size since start or the last usage message (bytes), sampled every 50 ms. */
  peakRss: number;
  /** CPU time (user + system) since start or the last usage message (ms). */
  cpuMs: number;
}

export type FakeChildRequest =
  | { type: 'reissue'; table: string; modified: string; changes: { dims: Record<string, string>; value: number | null }[] }
  | { type: 'usage' }
  | { type: 'stop' };

const options = JSON.parse(process.argv[2] ?? '{}') as FakeCbsOptions;
const fake = await startFakeCbs(options);

let peakRss = process.memoryUsage().rss;
let cpu = process.cpuUsage();
setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 50).unref();

process.on('message', async (message: FakeChildRequest) => {
  if (message.type === 'reissue') {
    fake.reissue(message.table, { modified: message.modified, changes: message.changes });
    process.send?.({ type: 'reissued' });
  } else if (message.type === 'usage') {
    const used = process.cpuUsage(cpu);
    process.send?.({ type: 'usage', peakRss: Math.max(peakRss, process.memoryUsage().rss), cpuMs: (used.user + used.system) / 1000 });
    cpu = process.cpuUsage();
    peakRss = process.memoryUsage().rss;
  } else if (message.type === 'stop') {
    await fake.close();
    process.exit(0);
  }
});
// The parent went away without saying stop: do not outlive it.
process.on('disconnect', () => process.exit(0));

process.send?.({ type: 'ready', baseUrls: fake.baseUrls });
