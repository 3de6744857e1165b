/**
 * `koers monitor ...`: the monitor on the command line. Read the indicators'
 * status, the tactical view, the wijken and the BBV figures; enter a
 * measurement, a written assessment or the Halt referrals; write the template.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { ValidationError } from '../domain/errors.js';
import type { Judgement } from '../domain/indicator-status.js';
import { PeriodError, parsePeriod } from '../domain/periods.js';
import { SYSTEM } from '../features/accounts/actor.js';
import { STATUS_NAMES } from '../features/monitoring/monitoring.schema.js';
import { withServices } from './import.js';

const JUDGEMENTS: Record<string, Judgement> = { gehaald: 'met', 'op-koers': 'on_course', aandacht: 'attention', 'uit-koers': 'off_course' };

function number(text: string | undefined, field: string): number | null {
  if (text === undefined) return null;
  const value = Number(text.replace(',', '.'));
  if (!Number.isFinite(value)) throw new ValidationError('De invoer is ongeldig', [{ path: field, message: `"${text}" is geen getal` }]);
  return value;
}

function wholeNumber(text: string, field: string): number {
  const value = number(text, field);
  if (value === null || !Number.isInteger(value)) {
    throw new ValidationError('De invoer is ongeldig', [{ path: field, message: `"${text}" is geen heel getal` }]);
  }
  return value;
}

export function registerMonitorCommands(program: Command, config: () => Config) {
  const monitor = program.command('monitor').description('de monitor: indicatoren, tactisch beeld, wijken en BBV-indicatoren');

  monitor
    .command('status')
    .description('toon per indicator de laatste meting en de status ten opzichte van de streefwaarde')
    .requiredOption('--plan <planId>', 'id van het plan')
    .action((options: { plan: string }) =>
      withServices(config(), async ({ monitoring }) => {
        const view = await monitoring.monitor(SYSTEM, options.plan);
        for (const entry of view.indicators) {
          const latest = entry.current.year === null ? 'geen meting' : `${entry.current.value} in ${entry.current.year}`;
          console.log(`${STATUS_NAMES[entry.current.status].padEnd(14)} ${entry.indicator.key}: ${latest}`);
        }
        for (const theme of view.qualitativeThemes) {
          const current = theme.current ? `${STATUS_NAMES[theme.current.judgement]} (${theme.current.year})` : 'nog niet beoordeeld';
          console.log(`${'kwalitatief'.padEnd(14)} ${theme.theme.key}: ${current}`);
        }
      }),
    );

  monitor
    .command('meting')
    .description('voer een meting met de hand in; een nieuwe waarde voor een periode vervangt de oude, die bewaard blijft')
    .requiredOption('--plan <planId>', 'id van het plan')
    .requiredOption('--indicator <sleutel>', 'sleutel van de indicator, zoals woninginbraken')
    .requiredOption('--periode <periode>', 'een jaar (2021), kwartaal (2021-K1) of maand (2021-03)')
    .option('--waarde <getal>', 'de waarde')
    .option('--teller <getal>', 'de teller van een verhoudingsgetal')
    .option('--noemer <getal>', 'de noemer van een verhoudingsgetal')
    .option('--afgeschermd', 'de bron geeft het cijfer niet vrij')
    .option('--toelichting <tekst>', 'een toelichting')
    .action(
      (options: {
        plan: string;
        indicator: string;
        periode: string;
        waarde?: string;
        teller?: string;
        noemer?: string;
        afgeschermd?: boolean;
        toelichting?: string;
      }) =>
        withServices(config(), async ({ monitoring }) => {
          let period: ReturnType<typeof parsePeriod>;
          try {
            period = parsePeriod(options.periode);
          } catch (error) {
            if (error instanceof PeriodError)
              throw new ValidationError('De meting is ongeldig', [{ path: 'periode', message: error.message }]);
            throw error;
          }
          const counts = await monitoring.recordMeasurement(SYSTEM, options.plan, options.indicator, {
            period,
            value: number(options.waarde, 'waarde'),
            suppressed: options.afgeschermd ?? false,
            numerator: number(options.teller, 'teller'),
            denominator: number(options.noemer, 'noemer'),
            note: options.toelichting ?? null,
          });
          console.log(
            counts.unchanged
              ? 'ongewijzigd: deze meting stond er al'
              : counts.replaced
                ? 'opgeslagen; de vorige waarde blijft als geschiedenis bewaard'
                : 'opgeslagen',
          );
        }),
    );

  monitor
    .command('beoordeling')
    .description('schrijf de beoordeling van een kwalitatief thema voor een jaar')
    .requiredOption('--plan <planId>', 'id van het plan')
    .requiredOption('--thema <sleutel>', 'sleutel van het thema, zoals prioriteit-2')
    .requiredOption('--jaar <jaar>', 'het jaar')
    .requiredOption('--oordeel <oordeel>', 'gehaald, op-koers, aandacht of uit-koers')
    .requiredOption('--tekst <tekst>', 'de beoordeling in woorden')
    .action((options: { plan: string; thema: string; jaar: string; oordeel: string; tekst: string }) =>
      withServices(config(), async ({ monitoring }) => {
        const judgement = JUDGEMENTS[options.oordeel];
        if (!judgement) {
          throw new ValidationError('De beoordeling is ongeldig', [
            { path: 'oordeel', message: `kies uit ${Object.keys(JUDGEMENTS).join(', ')}` },
          ]);
        }
        await monitoring.recordAssessment(SYSTEM, options.plan, options.thema, {
          year: wholeNumber(options.jaar, 'jaar'),
          judgement,
          text: options.tekst,
        });
        console.log('opgeslagen');
      }),
    );

  monitor
    .command('tactisch')
    .description('de maandcijfers van de politie over de laatste 24 maanden, met vorig jaar en de bandbreedte van drie jaar')
    .requiredOption('--plan <planId>', 'id van het plan')
    .option('--soort <code>', 'soort misdrijf, zoals 1.1.1 (standaard: totaal)')
    .action((options: { plan: string; soort?: string }) =>
      withServices(config(), async ({ monitoring }) => {
        const view = await monitoring.tactical(SYSTEM, options.plan, { code: options.soort });
        if (!view.selected) {
          console.log('Nog geen politiecijfers: haal ze op met koers import cbs');
          return;
        }
        console.log(`${view.selected.code} ${view.selected.title}`);
        for (const row of view.selected.rows) {
          const band = row.band ? `${row.band.min}-${row.band.max}` : '-';
          const month = `${row.year}-${String(row.month).padStart(2, '0')}`;
          console.log(
            `${month}  ${String(row.value ?? 'afgeschermd').padStart(11)}  vorig jaar ${String(row.sameMonthLastYear ?? '-').padStart(5)}  band ${band}${row.aboveBand ? '  BOVEN DE BAND' : ''}`,
          );
        }
      }),
    );

  monitor
    .command('wijken')
    .description('geregistreerde misdrijven of overlast per wijk in een jaar')
    .requiredOption('--plan <planId>', 'id van het plan')
    .option('--bron <bron>', 'misdrijven of overlast', 'misdrijven')
    .option('--code <code>', 'soort misdrijf of overlast (standaard: totaal)')
    .option('--jaar <jaar>', 'het jaar (standaard: het laatste volledige jaar)')
    .action((options: { plan: string; bron: string; code?: string; jaar?: string }) =>
      withServices(config(), async ({ monitoring }) => {
        if (options.bron !== 'misdrijven' && options.bron !== 'overlast') {
          throw new ValidationError('De invoer is ongeldig', [{ path: 'bron', message: 'kies misdrijven of overlast' }]);
        }
        const view = await monitoring.districts(SYSTEM, options.plan, {
          source: options.bron,
          code: options.code,
          year: options.jaar === undefined ? undefined : wholeNumber(options.jaar, 'jaar'),
        });
        console.log(`${view.municipality.name} ${view.year ?? ''}: ${view.total ?? '-'}`);
        for (const district of view.districts) console.log(`  ${district.name}: ${district.value ?? 'afgeschermd'}`);
      }),
    );

  monitor
    .command('bbv')
    .description('toon de vijf BBV-indicatoren per gemeente en jaar')
    .requiredOption('--plan <planId>', 'id van het plan')
    .action((options: { plan: string }) =>
      withServices(config(), async ({ monitoring }) => {
        const view = await monitoring.bbv(SYSTEM, options.plan);
        for (const municipality of view.municipalities) {
          console.log(`${municipality.name} (${municipality.code})`);
          view.years.forEach((year, index) => {
            for (const value of municipality.years[index] ?? []) {
              console.log(
                `  ${year}  ${value.name}: ${value.value === null ? `- (${value.missing})` : value.value.toFixed(1).replace('.', ',')}`,
              );
            }
          });
        }
      }),
    );

  monitor
    .command('halt')
    .description('voer het aantal verwijzingen naar Halt van een gemeente in een jaar in (BBV)')
    .requiredOption('--plan <planId>', 'id van het plan')
    .requiredOption('--gemeente <code>', 'CBS-gemeentecode, zoals GM1641')
    .requiredOption('--jaar <jaar>', 'het jaar')
    .requiredOption('--aantal <aantal>', 'het aantal verwijzingen')
    .action((options: { plan: string; gemeente: string; jaar: string; aantal: string }) =>
      withServices(config(), async ({ monitoring }) => {
        const count = wholeNumber(options.aantal, 'aantal');
        if (count < 0) throw new ValidationError('De invoer is ongeldig', [{ path: 'aantal', message: 'mag niet negatief zijn' }]);
        await monitoring.recordBbvEntry(SYSTEM, options.plan, {
          municipality: options.gemeente,
          year: wholeNumber(options.jaar, 'jaar'),
          value: count,
        });
        console.log('opgeslagen');
      }),
    );

  monitor
    .command('sjabloon')
    .description('schrijf een invulbaar sjabloon voor metingen (CSV of XLSX)')
    .requiredOption('--plan <planId>', 'id van het plan')
    .option('--formaat <formaat>', 'csv of xlsx', 'csv')
    .requiredOption('-o, --output <bestand>', 'het bestand om te schrijven')
    .action((options: { plan: string; formaat: string; output: string }) =>
      withServices(config(), async ({ monitoring }) => {
        if (options.formaat !== 'csv' && options.formaat !== 'xlsx') {
          throw new ValidationError('De invoer is ongeldig', [{ path: 'formaat', message: 'kies csv of xlsx' }]);
        }
        const template = await monitoring.measurementTemplate(SYSTEM, options.plan, options.formaat);
        await writeFile(options.output, template.body);
        console.log(`geschreven: ${options.output}`);
      }),
    );
}
