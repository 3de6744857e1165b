/** The monitoring API's request and response shapes (Dutch field names), and the presenters that fill them. */
import '../../validation-locale.js';
import { z } from '@hono/zod-openapi';

import { formatPeriod } from '../../domain/periods.js';
import type { JobView } from '../jobs/job-view.js';
import { UNIT_NAMES } from '../plans/plan-document.mapper.js';
import { IndicatorDocument, keySchema } from '../plans/plan-document.schema.js';
import type { FetchFailure } from './fetch-state.js';
import type { IndicatorMonitor } from './indicator-monitor.js';
import type { Assessment, Measurement } from './measurement.repository.js';
import type { BbvView, DistrictView, TacticalView } from './police-figures.js';

const uuid = z.uuid('moet een geldige id zijn');
const year = z.coerce.number().int('moet een heel jaartal zijn').min(1900).max(2100);
const STATUSES = ['met', 'on_course', 'attention', 'off_course', 'no_data'] as const;
/** The status names of the API (Dutch). */
export const STATUS_NAMES = {
  met: 'gehaald',
  on_course: 'op-koers',
  attention: 'aandacht',
  off_course: 'uit-koers',
  no_data: 'geen-gegevens',
} as const satisfies Record<(typeof STATUSES)[number], string>;
const Status = z.enum(['gehaald', 'op-koers', 'aandacht', 'uit-koers', 'geen-gegevens']);
const JUDGEMENT_BY_NAME = { gehaald: 'met', 'op-koers': 'on_course', aandacht: 'attention', 'uit-koers': 'off_course' } as const;

export const PlanParams = z.object({ planId: uuid.openapi({ param: { name: 'planId', in: 'path' } }) });
export const IndicatorParams = PlanParams.extend({
  indicatorSleutel: keySchema.openapi({ param: { name: 'indicatorSleutel', in: 'path' } }),
});
export const ThemeKeyParams = PlanParams.extend({ themaSleutel: keySchema.openapi({ param: { name: 'themaSleutel', in: 'path' } }) });
export const JobParams = PlanParams.extend({ taakId: uuid.openapi({ param: { name: 'taakId', in: 'path' } }) });
export const TemplateQuery = z.object({ formaat: z.enum(['csv', 'xlsx']).default('csv') });
const municipalityCode = z.string().regex(/^GM[0-9]{4}$/, 'moet een CBS-gemeentecode zijn zoals GM1641');
export const TacticalQuery = z.object({ gemeente: municipalityCode.optional(), soort: z.string().max(20).optional() });
export const DistrictQuery = z.object({
  gemeente: municipalityCode.optional(),
  bron: z.enum(['misdrijven', 'overlast']).optional(),
  code: z.string().max(20).optional(),
  jaar: year.optional(),
});

const number = z.number().refine(Number.isFinite, 'moet een getal zijn');
export const MeasurementInput = z
  .object({
    periode: z.string().min(4).max(30).describe('2021, 2021-K1 of 2021-03'),
    waarde: number.nullable().default(null),
    afgeschermd: z.boolean().default(false).describe('de bron heeft het cijfer niet gepubliceerd'),
    teller: number.nullable().default(null),
    noemer: number.nullable().default(null),
    toelichting: z.string().trim().max(2000).nullable().default(null),
  })
  .strict()
  .openapi('MetingInvoer');

export const AssessmentInput = z
  .object({
    jaar: z.number().int().min(1900).max(2100),
    oordeel: z.enum(['gehaald', 'op-koers', 'aandacht', 'uit-koers']).transform((name) => JUDGEMENT_BY_NAME[name]),
    tekst: z.string().trim().min(1, 'mag niet leeg zijn').max(10000),
  })
  .strict()
  .openapi('BeoordelingInvoer');

export const BbvInput = z
  .object({ gemeente: municipalityCode, jaar: z.number().int().min(1900).max(2100), aantal: z.number().int().min(0) })
  .strict()
  .openapi('HaltVerwijzingenInvoer');

const MeasurementResource = z
  .object({
    periode: z.string(),
    waarde: z.number().nullable(),
    afgeschermd: z.boolean(),
    teller: z.number().nullable(),
    noemer: z.number().nullable(),
    periodestatus: z.enum(['definitief', 'voorlopig', 'nader-voorlopig']).nullable(),
    bron: z.enum(['open-data', 'bestand', 'handmatig']),
    herkomst: z.record(z.string(), z.unknown()),
    toelichting: z.string().nullable(),
    ingevoerdDoor: z.string(),
    ingevoerdOp: z.string(),
    vervangenOp: z.string().nullable(),
  })
  .openapi('Meting');

const YearValue = z.object({ jaar: z.number().int(), waarde: z.number() });

const IndicatorMonitorResource = z
  .object({
    sleutel: z.string(),
    naam: z.string(),
    thema: z.string().nullable(),
    eenheid: IndicatorDocument.shape.eenheid,
    leeftijden: z
      .object({ van: z.number().int(), totEnMet: z.number().int() })
      .nullable()
      .describe('de leeftijden van de jongeren bij een cijfer per jongeren'),
    nulmeting: YearValue,
    streefwaarde: z.object({ vergelijking: z.enum(['hoogstens', 'tenminste']), waarde: z.number(), jaar: z.number().int() }),
    status: Status,
    laatsteJaar: z.number().int().nullable(),
    laatsteWaarde: z.number().nullable(),
    jaren: z.array(z.object({ jaar: z.number().int(), waarde: z.number().nullable(), afgeschermd: z.boolean(), status: Status })),
    pad: z.array(YearValue),
    projectie: z
      .object({ jaar: z.number().int(), waarde: z.number(), punten: z.number().int(), betrouwbaar: z.boolean(), status: Status })
      .nullable(),
    koppeling: z.string().nullable(),
  })
  .openapi('IndicatorMonitor');

const FetchFailureResource = z
  .object({
    dienst: z.enum(['opendata', 'dataderden', 'datasets']),
    tabel: z.string(),
    misluktOp: z.string(),
    oorzaak: z.string(),
    indicatoren: z.array(z.string()).describe('de sleutels van de indicatoren die cijfers uit deze tabel nodig hebben'),
  })
  .openapi('Ophaalfout');

export const MonitorResource = z
  .object({
    indicatoren: z.array(IndicatorMonitorResource),
    kwalitatieveThemas: z.array(
      z.object({ thema: z.string(), naam: z.string(), beoordelingen: z.array(z.lazy(() => AssessmentResource)) }),
    ),
    ophaalfouten: z
      .array(FetchFailureResource)
      .describe('de tabellen van het plan die de laatste keer niet konden worden opgehaald, met de oorzaak'),
  })
  .openapi('Monitor');

export const MeasurementsResource = z
  .object({ indicator: IndicatorMonitorResource, geschiedenis: z.array(MeasurementResource) })
  .openapi('Metingen');

export const RecordCountsResource = z
  .object({ nieuw: z.number().int(), vervangen: z.number().int(), ongewijzigd: z.number().int() })
  .openapi('OpgeslagenMetingen');

export const AssessmentResource = z
  .object({ jaar: z.number().int(), oordeel: Status, tekst: z.string(), ingevoerdDoor: z.string(), ingevoerdOp: z.string() })
  .openapi('Beoordeling');

export const JobResource = z
  .object({
    id: z.string(),
    status: z.enum(['queued', 'running', 'done', 'failed', 'cancelled']),
    annuleringGevraagd: z.boolean().describe('er is gevraagd de lopende taak te stoppen; dat gebeurt bij de volgende pagina of stap'),
    voortgang: z.object({ gedaan: z.number().int(), totaal: z.number().int().nullable() }),
    bericht: z.string().nullable(),
    fout: z.string().nullable(),
    uitkomst: z.unknown(),
    aangemaakt: z.string(),
    klaar: z.string().nullable(),
  })
  .openapi('Taak');

/** A background job as the API shows it, whatever its kind. */
export function toJobResource(job: JobView) {
  return {
    id: job.id,
    status: job.status,
    annuleringGevraagd: job.cancelRequested,
    voortgang: { gedaan: job.progressDone, totaal: job.progressTotal },
    bericht: job.message,
    fout: job.error,
    uitkomst: job.result ?? null,
    aangemaakt: job.createdAt,
    klaar: job.finishedAt,
  };
}

const TacticalRowResource = z.object({
  jaar: z.number().int(),
  maand: z.number().int(),
  waarde: z.number().nullable(),
  zelfdeMaandVorigJaar: z.number().nullable(),
  verschil: z.number().nullable(),
  verschilProcent: z.number().nullable(),
  band: z.object({ min: z.number(), max: z.number() }).nullable(),
  bovenBand: z.boolean(),
});

export const TacticalResource = z
  .object({
    gemeente: z.string(),
    tabel: z.string().nullable(),
    soorten: z.array(
      z.object({ code: z.string(), titel: z.string(), maandenBovenBand: z.number().int(), laatsteMaand: TacticalRowResource.nullable() }),
    ),
    geselecteerd: z.object({ code: z.string(), titel: z.string(), maanden: z.array(TacticalRowResource) }).nullable(),
  })
  .openapi('Tactisch');

export const DistrictResource = z
  .object({
    gemeente: z.string(),
    bron: z.enum(['misdrijven', 'overlast']),
    code: z.string(),
    jaar: z.number().int().nullable(),
    jaren: z.array(z.number().int()),
    wijken: z.array(z.object({ wijk: z.string(), naam: z.string(), waarde: z.number().nullable() })),
    totaal: z.number().nullable(),
  })
  .openapi('Wijken');

export const BbvResource = z
  .object({
    gemeenten: z.array(
      z.object({
        code: z.string(),
        naam: z.string(),
        jaren: z.array(
          z.object({
            jaar: z.number().int(),
            indicatoren: z.array(
              z.object({
                sleutel: z.string(),
                naam: z.string(),
                aantal: z.number().nullable(),
                noemer: z.number().nullable(),
                waarde: z.number().nullable(),
                ontbreekt: z.string().nullable(),
              }),
            ),
          }),
        ),
      }),
    ),
  })
  .openapi('Bbv');

const SOURCE_NAMES = { open_data: 'open-data', file: 'bestand', manual: 'handmatig' } as const;

export function toMeasurementResource(measurement: Measurement): z.infer<typeof MeasurementResource> {
  return {
    periode: formatPeriod(measurement.period),
    waarde: measurement.value,
    afgeschermd: measurement.suppressed,
    teller: measurement.numerator,
    noemer: measurement.denominator,
    periodestatus: measurement.periodStatus,
    bron: SOURCE_NAMES[measurement.source],
    herkomst: measurement.provenance,
    toelichting: measurement.note,
    ingevoerdDoor: measurement.enteredByLabel,
    ingevoerdOp: measurement.enteredAt,
    vervangenOp: measurement.supersededAt,
  };
}

export function toIndicatorMonitorResource(monitor: IndicatorMonitor): z.infer<typeof IndicatorMonitorResource> {
  const indicator = monitor.indicator;
  return {
    sleutel: indicator.key,
    naam: indicator.name,
    thema: monitor.theme?.key ?? null,
    eenheid: UNIT_NAMES[indicator.unit],
    leeftijden: indicator.ageBand ? { van: indicator.ageBand.from, totEnMet: indicator.ageBand.to } : null,
    nulmeting: { jaar: indicator.baselineYear, waarde: indicator.baselineValue },
    streefwaarde: {
      vergelijking: indicator.targetComparison === 'at_most' ? 'hoogstens' : 'tenminste',
      waarde: indicator.targetValue,
      jaar: indicator.targetYear,
    },
    status: STATUS_NAMES[monitor.current.status],
    laatsteJaar: monitor.current.year,
    laatsteWaarde: monitor.current.value,
    jaren: monitor.years.map((entry) => ({
      jaar: entry.year,
      waarde: entry.value,
      afgeschermd: entry.suppressed,
      status: STATUS_NAMES[entry.status],
    })),
    pad: monitor.path.map((point) => ({ jaar: point.year, waarde: point.value })),
    projectie: monitor.projection
      ? {
          jaar: monitor.projection.targetYear,
          waarde: monitor.projection.projectedValue,
          punten: monitor.projection.pointsUsed,
          betrouwbaar: monitor.projection.reliable,
          status: STATUS_NAMES[monitor.projectedStatus],
        }
      : null,
    koppeling: monitor.binding,
  };
}

export function toFetchFailureResource(failure: FetchFailure): z.infer<typeof FetchFailureResource> {
  return {
    dienst: failure.service,
    tabel: failure.tableCode,
    misluktOp: failure.failedAt,
    oorzaak: failure.message,
    indicatoren: failure.indicators.map((indicator) => indicator.key),
  };
}

export function toAssessmentResource(assessment: Assessment): z.infer<typeof AssessmentResource> {
  return {
    jaar: assessment.year,
    oordeel: STATUS_NAMES[assessment.judgement],
    tekst: assessment.text,
    ingevoerdDoor: assessment.enteredByLabel,
    ingevoerdOp: assessment.enteredAt,
  };
}

type Row = TacticalView['categories'][number]['latest'];
function toTacticalRow(row: NonNullable<Row>) {
  return {
    jaar: row.year,
    maand: row.month,
    waarde: row.value,
    zelfdeMaandVorigJaar: row.sameMonthLastYear,
    verschil: row.change,
    verschilProcent: row.changePercent,
    band: row.band,
    bovenBand: row.aboveBand,
  };
}

export function toTacticalResource(view: TacticalView): z.infer<typeof TacticalResource> {
  return {
    gemeente: view.municipality.code,
    tabel: view.tableTitle,
    soorten: view.categories.map((category) => ({
      code: category.code,
      titel: category.title,
      maandenBovenBand: category.flagged,
      laatsteMaand: category.latest ? toTacticalRow(category.latest) : null,
    })),
    geselecteerd: view.selected
      ? { code: view.selected.code, titel: view.selected.title, maanden: view.selected.rows.map(toTacticalRow) }
      : null,
  };
}

export function toDistrictResource(view: DistrictView): z.infer<typeof DistrictResource> {
  return {
    gemeente: view.municipality.code,
    bron: view.source,
    code: view.code,
    jaar: view.year,
    jaren: view.years,
    wijken: view.districts.map((district) => ({ wijk: district.key, naam: district.name, waarde: district.value })),
    totaal: view.total,
  };
}

export function toBbvResource(view: BbvView): z.infer<typeof BbvResource> {
  return {
    gemeenten: view.municipalities.map((municipality) => ({
      code: municipality.code,
      naam: municipality.name,
      jaren: view.years.map((year, index) => ({
        jaar: year,
        indicatoren: (municipality.years[index] ?? []).map((value) => ({
          sleutel: value.key,
          naam: value.name,
          aantal: value.count,
          noemer: value.denominator,
          waarde: value.value,
          ontbreekt: value.missing,
        })),
      })),
    })),
  };
}
