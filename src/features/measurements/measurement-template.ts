/**
 * The empty measurement templates to fill in: a CSV file and an Excel workbook with an explanation sheet.
 */
import writeXlsxFile from 'write-excel-file/node';
import { formatPeriod } from '../../domain/periods.js';
import { type IndicatorUnit, unitInWords, unitRange } from '../../domain/units.js';
import { formatDutchNumber, formatMegabytes } from './measurement-cells.js';
import { MEASUREMENT_COLUMNS, MEASUREMENT_FILE_LIMITS, type MeasurementFileIndicator } from './measurement-file.js';

/** The values a unit allows, in words: "0 tot en met 100", "0 of meer". */
function rangeInWords(unit: IndicatorUnit): string {
  const { min, max } = unitRange(unit);
  return max === null ? `${min} of meer` : `${min} tot en met ${max}`;
}

function templateRows(indicators: readonly MeasurementFileIndicator[], years: readonly number[]): [string, string][] {
  const periods = years.map((year) => formatPeriod({ kind: 'year', year, number: 0 }));
  return indicators.flatMap((indicator) => periods.map((period): [string, string] => [indicator.key, period]));
}

/** A CSV template: the header and one row per indicator per year, with semicolons and UTF-8 with BOM so Excel opens it well. */
export function measurementTemplateCsv(indicators: readonly MeasurementFileIndicator[], years: readonly number[]): string {
  const quoteField = (field: string) => (/[;"\r\n]/.test(field) ? `"${field.replaceAll('"', '""')}"` : field);
  const lines = [
    MEASUREMENT_COLUMNS.join(';'),
    ...templateRows(indicators, years).map(([key, period]) => [quoteField(key), period, '', '', '', ''].join(';')),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** An Excel template: the sheet 'Metingen' to fill in and the sheet 'Toelichting' explaining the columns. */
export async function measurementTemplateXlsx(
  indicators: readonly MeasurementFileIndicator[],
  years: readonly number[],
): Promise<Uint8Array> {
  const bold = (value: string) => ({ value, type: String, fontWeight: 'bold' as const });
  const text = (value: string) => ({ value, type: String, format: '@' });
  const wrapped = (value: string) => ({ value, type: String, wrap: true });

  const measurements = [
    MEASUREMENT_COLUMNS.map(bold),
    // The period is a text cell, so Excel leaves '2019-03' alone instead of turning it into a date.
    ...templateRows(indicators, years).map(([key, period]) => [text(key), text(period), null, null, null, null]),
  ];

  const explanation = [
    [bold('Metingen invullen')],
    [
      wrapped(
        'Vul op het blad Metingen per indicator en periode de waarde in. Elke rij is één meting. Is één rij niet in orde, dan wordt het hele bestand geweigerd; u krijgt dan een lijst van alle fouten, met rij en kolom.',
      ),
    ],
    [],
    [bold('Kolom'), bold('Verplicht'), bold('Wat vult u in')],
    [text('indicator'), text('ja'), wrapped('De code van de indicator. De codes staan hieronder.')],
    [
      text('periode'),
      text('ja'),
      wrapped('Een jaar (2019), een kwartaal (2019-K1) of een maand (2019-03). Elke indicator mag per periode maar één keer voorkomen.'),
    ],
    [
      text('waarde'),
      text('ja, tenzij teller en noemer zijn ingevuld'),
      wrapped(
        'Het cijfer, als getal: decimalen met een komma (29,8). Een percentage als getal van 0 tot en met 100 (12,5), niet als Excel-percentage. Vul een punt (.) in als de bron het cijfer niet publiceert.',
      ),
    ],
    [
      text('teller'),
      text('nee'),
      wrapped(
        'Alleen bij cijfers per 1.000 of 10.000 inwoners of jongeren en bij percentages: het aantal waarover het cijfer gaat, bijvoorbeeld het aantal misdrijven. Vul teller en noemer allebei in of allebei niet. Laat u de waarde leeg, dan rekent Koers die uit teller en noemer uit.',
      ),
    ],
    [
      text('noemer'),
      text('nee'),
      wrapped('Alleen met een teller: waardoor gedeeld wordt, bijvoorbeeld het aantal inwoners. Groter dan 0.'),
    ],
    [text('toelichting'), text('nee'), wrapped('Een korte opmerking bij het cijfer, bijvoorbeeld de bron of een bijzonderheid.')],
    [],
    [
      wrapped(
        `Lege rijen worden overgeslagen. Een bestand mag hoogstens ${formatDutchNumber(MEASUREMENT_FILE_LIMITS.maxRows)} metingen bevatten en hoogstens ${formatMegabytes(MEASUREMENT_FILE_LIMITS.maxBytes)} groot zijn.`,
      ),
    ],
    [],
    [bold('Code'), bold('Indicator'), bold('Eenheid'), bold('Toegestane waarden')],
    ...indicators.map((indicator) => [
      text(indicator.key),
      wrapped(indicator.name),
      text(unitInWords(indicator)),
      text(rangeInWords(indicator.unit)),
    ]),
  ];

  const buffer = await writeXlsxFile([
    {
      sheet: 'Metingen',
      data: measurements,
      stickyRowsCount: 1,
      columns: [{ width: 36 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 12 }, { width: 48 }],
    },
    { sheet: 'Toelichting', data: explanation, columns: [{ width: 36 }, { width: 40 }, { width: 70 }, { width: 20 }] },
  ]).toBuffer();
  return new Uint8Array(buffer);
}
