/**
 * `koers monitor ...`: the monitor on the command line. Read the indicators'
 * status, the tactical view, the wijken and the BBV figures; enter a
 * measurement, a written assessment or the Halt referrals; write the template.
 * Numbers are read as the forms and files read them (1.000 is a thousand,
 * 30,5 is thirty and a half) and written the Dutch way, values with their unit.
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Config } from '../config.js';
import { ValidationError } from '../domain/errors.js';
import type { Judgement } from '../domain/indicator-status.js';
import { PeriodError, parsePeriod } from '../domain/periods.js';
import { type UnitOf, valueInWords } from '../domain/units.js';
import { SYSTEM } from '../features/accounts/actor.js';
import { parseDutchNumber } from '../features/measurements/measurement-numbers.js';
import type { YearMeasurement } from '../features/monitoring/indicator-monitor.js';
import { STATUS_NAMES } from '../features/monitoring/monitoring.schema.js';
import { formatNumber, formatOneDecimal } from '../web/format.js';
import { withServices } from './import.js';

const JUDGEMENTS: Record<string, Judgement> = { gehaald: 'met', 'op-koers': 'on_course', aandacht: 'attention', 'uit-koers': 'off_course' };

function number(text: string | undefined, field: string): number | null {
  if (text === undefined) return null;
  // As on the form: a value may carry a percent sign (12,5%).
  const value = parseDutchNumber(field === 'waarde' ? text.trim().replace(/\s?%$/, '') : text);
  if (value === null || !Number.isFinite(value)) {
    throw new ValidationError('De invoer is ongeldig', [
      { path: field, message: `"${text}" is geen getal. Schrijf bijvoorbeeld 30,5 of 1.234.` },
    ]);
  }
  return value;
}

/** A value with its unit in words, the Dutch way: "30,5 per 1.000 inwoners", "2,8%". */
function inUnit(value: number, unitOf: UnitOf): string {
  return valueInWords(formatNumber(value), unitOf);
}

/** The value of a year as the monitor has it: the figure in its unit, or why there is none. */
function yearValue(year: YearMeasurement, unitOf: UnitOf): string {
  if (year.suppressed) return 'afgeschermd';
  return year.value === null ? 'geen waarde' : inUnit(year.value, unitOf);
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
    .option('--alle-jaren', 'toon ook elk jaar met zijn waarde en status, niet alleen de laatste meting')
    .action((options: { plan: string; alleJaren?: boolean }) =>
      withServices(config(), async ({ monitoring }) => {
        const view = await monitoring.monitor(SYSTEM, options.plan);
        for (const entry of view.indicators) {
          const { current, indicator } = entry;
          const latest =
            current.year === null || current.value === null ? 'geen meting' : `${inUnit(current.value, indicator)} in ${current.year}`;
          console.log(`${STATUS_NAMES[current.status].padEnd(14)} ${indicator.key}: ${latest}`);
          if (options.alleJaren) {
            for (const year of [...entry.years].sort((a, b) => a.year - b.year)) {
              console.log(`${''.padEnd(14)}   ${year.year}  ${yearValue(year, indicator)}  ${STATUS_NAMES[year.status]}`);
            }
          }
        }
        for (const failure of view.failures) {
          console.log(`${'ophaalfout'.padEnd(14)} tabel ${failure.tableCode}: ${failure.message}`);
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
          const band = row.band ? `${formatNumber(row.band.min)}-${formatNumber(row.band.max)}` : '-';
          const month = `${row.year}-${String(row.month).padStart(2, '0')}`;
          const value = row.value === null ? 'afgeschermd' : formatNumber(row.value);
          const lastYear = row.sameMonthLastYear === null ? '-' : formatNumber(row.sameMonthLastYear);
          console.log(
            `${month}  ${value.padStart(11)}  vorig jaar ${lastYear.padStart(5)}  band ${band}${row.aboveBand ? '  BOVEN DE BAND' : ''}`,
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
        console.log(`${view.municipality.name} ${view.year ?? ''}: ${view.total === null ? '-' : formatNumber(view.total)}`);
        for (const district of view.districts) {
          console.log(`  ${district.name}: ${district.value === null ? 'afgeschermd' : formatNumber(district.value)}`);
        }
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
              console.log(`  ${year}  ${value.name}: ${value.value === null ? `- (${value.missing})` : formatOneDecimal(value.value)}`);
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
