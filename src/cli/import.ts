/**
 * `koers import cbs|metingen`: fetch every bound open-data series of a plan
 * (with a progress bar), or read a CSV/XLSX file of measurements. A table
 * that could not be fetched is named with its cause on standard error, and
 * the command then exits with 1, also when the other tables came in.
 */
import { basename } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { SYSTEM } from '../features/accounts/actor.js';
import { MEASUREMENT_FILE_LIMITS } from '../features/measurements/measurement-file.js';
import { summary } from '../features/monitoring/refresh-jobs.js';
import { createServices, openDatabase } from '../server.js';
import { formatNumber } from '../web/format.js';
import { progressBar } from './audit.js';
import { readFileWithin } from './read-file.js';

export async function withServices<T>(config: Config, work: (services: ReturnType<typeof createServices>) => Promise<T>): Promise<T> {
  const handle = await openDatabase(config);
  try {
    return await work(createServices(handle, undefined, { baseUrls: config.cbs }));
  } finally {
    await handle.close();
  }
}

export function registerImportCommands(program: Command, config: () => Config) {
  const command = program.command('import').description('cijfers inlezen: open data van CBS en politie, of een bestand met metingen');

  command
    .command('cbs')
    .description('haal alle gekoppelde open-datareeksen van een plan op en leid de metingen af')
    .requiredOption('--plan <planId>', 'id van het plan (zie koers plan list)')
    .action((options: { plan: string }) =>
      withServices(config(), async ({ monitoring }) => {
        const tty = process.stderr.isTTY;
        const result = await monitoring.refresh(SYSTEM, options.plan, (progress) => {
          const line = `${progressBar(progress.step - 1, progress.steps)} ${progress.message}`;
          if (tty) process.stderr.write(`\r\u001b[2K${line}`);
          else if (progress.rows === 0) process.stderr.write(`${line}\n`);
        });
        if (tty) process.stderr.write(`\r\u001b[2K${progressBar(1, 1)} klaar\n`);
        const report = summary(result);
        const n = formatNumber;
        for (const table of report.tabellen) {
          console.log(
            table.ongewijzigd
              ? `${table.tabel}  ongewijzigd sinds de vorige import (${table.gewijzigd})`
              : `${table.tabel}  ${n(table.rijen)} rijen: ${n(table.nieuw)} nieuw, ${n(table.herzien)} herzien, ${n(table.vervallen)} vervallen (${table.gewijzigd})`,
          );
        }
        console.log(
          `metingen: ${n(report.metingen.nieuw)} nieuw, ${n(report.metingen.vervangen)} vervangen, ${n(report.metingen.ongewijzigd)} ongewijzigd`,
        );
        if (report.fouten.length > 0) {
          const count = report.fouten.length === 1 ? '1 tabel kon' : `${report.fouten.length} tabellen konden`;
          console.error(`Fout: ${count} niet worden opgehaald; wat eerder van een tabel was opgeslagen, blijft staan:`);
          for (const failure of report.fouten) console.error(`  ${failure.tabel}: ${failure.melding}`);
          process.exitCode = 1;
        }
      }),
    );

  command
    .command('metingen')
    .description('lees metingen uit een CSV- of XLSX-bestand; een bestand met een foute rij wordt helemaal geweigerd')
    .requiredOption('--plan <planId>', 'id van het plan')
    .argument('<bestand>', 'het CSV- of XLSX-bestand')
    .action((file: string, options: { plan: string }) =>
      withServices(config(), async ({ monitoring }) => {
        const counts = await monitoring.importMeasurementFile(SYSTEM, options.plan, {
          name: basename(file),
          bytes: await readFileWithin(file, MEASUREMENT_FILE_LIMITS.maxBytes, 'een bestand met metingen'),
        });
        const n = formatNumber;
        console.log(
          `${n(counts.rows)} rijen gelezen: ${n(counts.added)} nieuw, ${n(counts.replaced)} vervangen, ${n(counts.unchanged)} ongewijzigd`,
        );
      }),
    );
}
