/**
 * `koers report`: a plan's progress report over a year, written to files.
 * Without --versie the newest version of the year (or, when there is none,
 * the report from the data as they stand, with the prefilled texts);
 * --definitief makes the year's concept definitive first (starting one with
 * --reden when needed). A progress bar on stderr; every file written is
 * named with its size and checksum. A format that fails is named with its
 * reason, the others are still written, and the command ends with exit code 1.
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { ValidationError } from '../domain/errors.js';
import { SYSTEM } from '../features/accounts/actor.js';
import { REPORT_FORMATS } from '../features/reports/render/render-report.js';
import type { ReportFormat } from '../features/reports/report.repository.js';
import { progressBar } from './audit.js';
import { withServices } from './import.js';

const DEFAULT_FORMATS = 'html,pdf,docx,odt';

/** The formats asked for, each once, in the order given; an unknown one is refused with the ones there are. */
export function parseFormats(text: string): ReportFormat[] {
  const asked = text
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  const unknown = asked.filter((format) => !REPORT_FORMATS.includes(format as ReportFormat));
  if (asked.length === 0 || unknown.length > 0) {
    throw new ValidationError('De formaten zijn ongeldig', [
      {
        path: 'formaat',
        message: `${unknown.length > 0 ? `onbekend: ${unknown.join(', ')}; ` : 'geen formaat gegeven; '}kies uit ${REPORT_FORMATS.join(', ')}`,
      },
    ]);
  }
  return [...new Set(asked)] as ReportFormat[];
}

function wholeNumber(text: string, field: string): number {
  if (!/^\d{1,6}$/.test(text.trim()))
    throw new ValidationError('De invoer is ongeldig', [{ path: field, message: `"${text}" is geen heel getal` }]);
  return Number(text.trim());
}

export function registerReportCommand(program: Command, config: () => Config) {
  program
    .command('report')
    .description(
      'schrijf de voortgangsrapportage van een plan over een jaar naar bestanden (HTML, PDF/A, DOCX, ODT, en de gegevens als CSV en JSON)',
    )
    .requiredOption('--plan <planId>', 'id van het plan (zie koers plan list)')
    .requiredOption('--jaar <jaar>', 'het jaar van de rapportage')
    .option('--formaat <lijst>', `formaten, met komma's: ${REPORT_FORMATS.join(', ')}`, DEFAULT_FORMATS)
    .option('--uit <map>', 'de map waarin de bestanden komen', '.')
    .option('--versie <nummer>', 'een bepaalde versie; zonder: de nieuwste van het jaar')
    .option('--definitief', 'maak het concept van het jaar eerst definitief (met --reden begint er zo nodig een)')
    .option('--reden <tekst>', 'de reden van een nieuwe versie na een definitieve')
    .action(
      (options: { plan: string; jaar: string; formaat: string; uit: string; versie?: string; definitief?: boolean; reden?: string }) =>
        withServices(config(), async ({ reports }) => {
          const formats = parseFormats(options.formaat);
          const year = wholeNumber(options.jaar, 'jaar');
          const tty = process.stderr.isTTY;
          const show = (done: number, total: number, message: string) => {
            const line = `${progressBar(done, total)} ${message}`;
            if (tty) process.stderr.write(`\r\u001b[2K${line}`);
            else process.stderr.write(`${line}\n`);
          };
          let number = options.versie === undefined ? null : wholeNumber(options.versie, 'versie');
          if (options.definitief) {
            const versions = (await reports.overview(SYSTEM, options.plan)).versions.filter((version) => version.year === year);
            let concept = versions.find((version) => version.status === 'concept');
            if (!concept) concept = await reports.create(SYSTEM, options.plan, year, options.reden ?? '');
            const frozen = await reports.finalise(SYSTEM, options.plan, year, concept.number, show);
            if (tty) process.stderr.write('\n');
            console.log(`Versie ${frozen.number} van de rapportage over ${year} is definitief; controlegetal ${frozen.checksum}`);
            number = frozen.number;
          }
          const document =
            number === null
              ? await reports.newestOrLive(SYSTEM, options.plan, year)
              : await reports.document(SYSTEM, options.plan, year, number);
          const directory = resolve(options.uit);
          await mkdir(directory, { recursive: true });
          const failures: string[] = [];
          for (const [index, format] of formats.entries()) {
            show(index, formats.length, `${format.toUpperCase()} maken`);
            try {
              const file = await reports.fileOf(document, format);
              const path = join(directory, file.fileName);
              await writeFile(path, file.body);
              if (tty) process.stderr.write('\r\u001b[2K');
              console.log(`${path}  ${file.body.byteLength} bytes  sha256 ${createHash('sha256').update(file.body).digest('hex')}`);
            } catch (error) {
              if (tty) process.stderr.write('\r\u001b[2K');
              failures.push(`${format}: ${error instanceof Error ? error.message : String(error)}`);
            }
          }
          show(formats.length, formats.length, 'klaar');
          if (tty) process.stderr.write('\n');
          if (!document.version)
            console.log('Dit is een concept buiten de versies: maak een rapportage op de site of met --definitief om haar vast te leggen.');
          if (failures.length > 0) {
            console.error(
              `Fout: ${failures.length === 1 ? '1 formaat kon' : `${failures.length} formaten konden`} niet worden gemaakt; de andere zijn geschreven:`,
            );
            for (const failure of failures) console.error(`  ${failure}`);
            process.exitCode = 1;
          }
        }),
    );
}
