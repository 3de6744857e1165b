/**
 * The data annex of a report: every value it rests on, with its source,
 * period and provenance, as CSV (semicolons and decimal commas, as Dutch
 * spreadsheets read it) and as JSON (plain numbers).
 */
import type { ReportModel } from '../report-model.js';

export const DATA_COLUMNS = ['soort', 'sleutel', 'wat', 'periode', 'waarde', 'eenheid', 'bron', 'herkomst'] as const;

export function reportCsv(model: ReportModel): string {
  const lines = [
    DATA_COLUMNS.join(';'),
    ...model.data.map((datum) =>
      [
        datum.kind,
        datum.key,
        datum.what,
        datum.period,
        datum.value === null ? '' : String(datum.value).replace('.', ','),
        datum.unit,
        datum.source,
        datum.provenance,
      ]
        .map(csvField)
        .join(';'),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function reportJson(model: ReportModel): string {
  return `${JSON.stringify(
    {
      plan: model.plan,
      jaar: model.year,
      peildatum: model.asOf,
      voortgangsperiode: model.period.key,
      gegevens: model.data.map((datum) => ({
        soort: datum.kind,
        sleutel: datum.key,
        wat: datum.what,
        periode: datum.period,
        waarde: datum.value,
        eenheid: datum.unit,
        bron: datum.source,
        herkomst: datum.provenance,
      })),
      ontbreekt: model.missing,
    },
    null,
    2,
  )}\n`;
}

/** Quoted where needed; a text that a spreadsheet would run as a formula starts with an apostrophe. */
function csvField(field: string): string {
  const safe = /^[=+\-@\t\r]/.test(field) && !/^-?\d/.test(field) ? `'${field}` : field;
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
