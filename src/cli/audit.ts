/** `koers audit verify`: checks the hash chain of the whole audit trail. */
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { AuditRepository } from '../features/audit/audit.repository.js';
import { openDatabase } from '../server.js';

const BAR_WIDTH = 30;

export function registerAuditCommands(program: Command, config: () => Config) {
  const audit = program.command('audit').description('de audittrail controleren');

  audit
    .command('verify')
    .description('controleer of geen gebeurtenis in de audittrail is gewijzigd, verwijderd of ingevoegd')
    .action(async () => {
      const handle = await openDatabase(config());
      try {
        const progress = progressLine(process.stderr);
        const result = await new AuditRepository(handle.db).verify(progress.update);
        progress.finish();
        if (result.ok) {
          console.log(`Audittrail in orde: ${formatCount(result.count)} gebeurtenissen`);
        } else {
          console.error(`Audittrail beschadigd: ${result.reason}`);
          console.error(`${formatCount(result.count)} gebeurtenissen ervoor zijn in orde.`);
          process.exitCode = 1;
        }
      } finally {
        await handle.close();
      }
    });
}

/** A bar redrawn in place on a terminal; elsewhere (a log, a pipe) only the final count. */
export function progressLine(stream: NodeJS.WriteStream) {
  let last = '';
  let lastCounts: [number, number] = [0, 0];
  return {
    update(checked: number, total: number) {
      lastCounts = [checked, total];
      if (!stream.isTTY) return;
      last = progressBar(checked, total);
      stream.write(`\r${last}`);
    },
    finish() {
      if (stream.isTTY) {
        if (last) stream.write('\n');
      } else if (lastCounts[1] > 0) {
        stream.write(`${lastCounts[0]}/${lastCounts[1]} gebeurtenissen gecontroleerd\n`);
      }
    },
  };
}

/** `[#####.....] 1200/5000` */
export function progressBar(done: number, total: number, width = BAR_WIDTH): string {
  const filled = total > 0 ? Math.min(width, Math.floor((done / total) * width)) : width;
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`;
}

function formatCount(count: number): string {
  return count.toLocaleString('nl-NL');
}
