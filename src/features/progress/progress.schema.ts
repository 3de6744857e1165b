/** The progress API's request and response shapes (Dutch field names), and the presenters that fill them. */
import '../../validation-locale.js';
import { z } from '@hono/zod-openapi';
import type { ProgressMeaning, ProgressStatus, RollUp } from '../../domain/progress.js';
import type { ReportingFrequency, ReportingPeriod } from '../../domain/reporting-periods.js';
import { keySchema } from '../plans/plan-document.schema.js';
import type { ProgressEntry, ProgressReview, ReportingRound } from './progress.repository.js';
import type { ProgressOverview } from './progress.service.js';
import type { ActivityProgressRow, ActivityState, ProgressRollUp } from './progress-view.js';

const uuid = z.uuid('moet een geldige id zijn');
const date = z.iso.date('moet een datum zijn als 2020-06-30');
const periodKey = z
  .string()
  .regex(/^\d{4}(-H[12]|-Q[1-4])?$/, 'moet een periode zijn als 2019, 2019-H1 of 2019-Q3')
  .openapi({ example: '2019' });

export const PlanParams = z.object({ planId: uuid.openapi({ param: { name: 'planId', in: 'path' } }) });
export const RoundParams = PlanParams.extend({ periode: periodKey.openapi({ param: { name: 'periode', in: 'path' } }) });
export const EntryParams = RoundParams.extend({
  activiteitSleutel: keySchema.openapi({ param: { name: 'activiteitSleutel', in: 'path' } }),
});
export const ThemeParams = PlanParams.extend({ themaSleutel: keySchema.openapi({ param: { name: 'themaSleutel', in: 'path' } }) });

export const OverviewQuery = z.object({
  periode: periodKey
    .optional()
    .openapi({ param: { name: 'periode', in: 'query' }, description: 'standaard de laatste periode die begonnen is' }),
  peildatum: date
    .optional()
    .openapi({ param: { name: 'peildatum', in: 'query' }, description: 'standaard vandaag, hoogstens het einde van de periode' }),
});

export const FREQUENCY_NAMES: Record<ReportingFrequency, 'jaar' | 'halfjaar' | 'kwartaal'> = {
  year: 'jaar',
  half_year: 'halfjaar',
  quarter: 'kwartaal',
};
const FREQUENCY_BY_NAME = { jaar: 'year', halfjaar: 'half_year', kwartaal: 'quarter' } as const;

export const MEANING_NAMES: Record<ProgressMeaning, string> = {
  not_started: 'niet-gestart',
  running: 'loopt',
  delayed: 'vertraagd',
  done: 'afgerond',
  ongoing: 'doorlopend',
  stopped: 'gestopt',
};

const STATE_NAMES: Record<ActivityState, string> = {
  not_planned: 'niet-gepland',
  due: 'te-melden',
  submitted: 'gemeld',
  sent_back: 'teruggestuurd',
  approved: 'goedgekeurd',
};

const JUDGEMENT_NAMES = { met: 'gehaald', on_course: 'op-koers', attention: 'aandacht', off_course: 'uit-koers' } as const;
const Judgement = z.enum(['gehaald', 'op-koers', 'aandacht', 'uit-koers']);

export const FrequencyInput = z
  .object({ frequentie: z.enum(['jaar', 'halfjaar', 'kwartaal']).transform((name) => FREQUENCY_BY_NAME[name]) })
  .strict()
  .openapi('RapportagefrequentieInvoer');

export const RoundInput = z
  .object({
    periode: periodKey,
    deadline: date.optional().describe('standaard een maand na het einde van de periode'),
  })
  .strict()
  .openapi('RapportagerondeInvoer');

export const ReminderInput = z
  .object({
    partner: keySchema.optional().describe('de sleutel van de partner die wordt herinnerd'),
    trekker: keySchema.optional().describe('of de sleutel van de trekker (portefeuillehouder)'),
  })
  .strict()
  .refine((input) => (input.partner === undefined) !== (input.trekker === undefined), {
    message: 'geef een partner of een trekker op, niet allebei',
    path: ['partner'],
  })
  .openapi('HerinneringInvoer');

export const ReminderResource = z
  .object({
    herinnerd: z.number().int().describe('hoeveel personen een bericht kregen'),
    openstaand: z.number().int().describe('voor hoeveel activiteiten nog niets is gemeld'),
  })
  .openapi('Herinnering');

export const EntryInput = z
  .object({
    status: keySchema.describe('de sleutel van een voortgangsstatus van het plan, zoals loopt of vertraagd'),
    toelichting: z.string().max(10_000).default(''),
    peildatum: date.optional().describe('standaard vandaag'),
    gerealiseerd: z
      .number()
      .min(0)
      .nullable()
      .default(null)
      .describe('het gerealiseerde aantal, alleen bij een activiteit met een gepland aantal'),
    keren: z
      .number()
      .int()
      .min(0)
      .nullable()
      .default(null)
      .describe('hoe vaak de activiteit plaatsvond, alleen bij een activiteit met een vaste frequentie'),
  })
  .strict()
  .openapi('VoortgangInvoer');

export const ReviewInput = z
  .object({
    besluit: z
      .enum(['goedgekeurd', 'teruggestuurd'])
      .transform((name) => (name === 'goedgekeurd' ? 'approved' : 'sent_back') as 'approved' | 'sent_back'),
    opmerking: z.string().max(10_000).default(''),
    melding: uuid.optional().describe('de id van de melding die beoordeeld is; is er intussen een nieuwere, dan volgt 409'),
  })
  .strict()
  .openapi('VoortgangBeoordelingInvoer');

export const StatusInput = z
  .object({
    sleutel: keySchema,
    naam: z.string().min(1).max(100),
    betekenis: z.enum(['niet-gestart', 'loopt', 'vertraagd', 'afgerond', 'doorlopend', 'gestopt']),
  })
  .strict()
  .openapi('VoortgangsstatusInvoer');

export const ThemeJudgementInput = z
  .object({
    periode: periodKey,
    oordeel: Judgement.transform(
      (name) => ({ gehaald: 'met', 'op-koers': 'on_course', aandacht: 'attention', 'uit-koers': 'off_course' })[name],
    ),
    toelichting: z.string().max(10_000).default('').describe('verplicht als het oordeel afwijkt van het voorstel'),
  })
  .strict()
  .openapi('ThemaOordeelInvoer');

const PeriodResource = z
  .object({
    sleutel: z.string(),
    naam: z.string(),
    begin: z.string(),
    eind: z.string(),
    gerapporteerdIn: z.string(),
    voorgesteldeDeadline: z.string(),
  })
  .openapi('Rapportageperiode');

export const PeriodsResource = z
  .object({ frequentie: z.enum(['jaar', 'halfjaar', 'kwartaal']), perioden: z.array(PeriodResource) })
  .openapi('Rapportageperioden');

export const RoundResource = z
  .object({
    periode: z.string(),
    deadline: z.string(),
    open: z.boolean(),
    geopendDoor: z.string(),
    geopendOp: z.string(),
    geslotenDoor: z.string().nullable(),
    geslotenOp: z.string().nullable(),
  })
  .openapi('Rapportageronde');

export const RoundsResource = z.object({ rondes: z.array(RoundResource) }).openapi('Rapportagerondes');

const StatusResource = z.object({ sleutel: z.string(), naam: z.string(), betekenis: z.string() }).openapi('Voortgangsstatus');
export const StatusesResource = z.object({ statussen: z.array(StatusResource) }).openapi('Voortgangsstatussen');

export const EntryResource = z
  .object({
    id: z.string(),
    activiteit: z.string(),
    periode: z.string(),
    status: z.string(),
    toelichting: z.string(),
    peildatum: z.string(),
    gerealiseerd: z.number().nullable(),
    keren: z.number().int().nullable(),
    gemeldDoor: z.string(),
    gemeldAls: z.enum(['coordinator', 'trekker', 'partner', 'systeem']),
    gemeldVoor: z.string().nullable(),
    gemeldVia: z.enum(['web', 'api', 'bestand', 'opdrachtregel']),
    gemeldOp: z.string(),
    vervangenOp: z.string().nullable(),
  })
  .openapi('Voortgangsmelding');

export const EntryHistoryResource = z.object({ meldingen: z.array(EntryResource) }).openapi('Voortgangsgeschiedenis');

export const ReviewResource = z
  .object({
    activiteit: z.string(),
    periode: z.string(),
    melding: z.string(),
    besluit: z.enum(['goedgekeurd', 'teruggestuurd']),
    opmerking: z.string(),
    beoordeeldDoor: z.string(),
    beoordeeldOp: z.string(),
  })
  .openapi('VoortgangBeoordeling');

const RollUpResource = z
  .object({
    perStatus: z.array(z.object({ status: z.string(), aantal: z.number().int(), gewicht: z.number(), aandeel: z.number() })),
    meegeteld: z.number().int(),
    gestopt: z.number().int(),
    aantallen: z.object({ gepland: z.number(), gerealiseerd: z.number(), activiteiten: z.number().int() }).nullable(),
    voorgesteldOordeel: Judgement.nullable(),
  })
  .openapi('VoortgangOptelling');

const ActivityProgressResource = z
  .object({
    activiteit: z.string(),
    naam: z.string(),
    thema: z.string(),
    werkspoor: z.string(),
    stand: z.enum(['niet-gepland', 'te-melden', 'gemeld', 'teruggestuurd', 'goedgekeurd']),
    melding: EntryResource.nullable(),
    beoordeling: ReviewResource.nullable(),
    geplandAantal: z.number().nullable(),
    verwachteKeren: z.number().int().nullable(),
  })
  .openapi('ActiviteitVoortgang');

export const OverviewResource = z
  .object({
    periode: PeriodResource,
    peildatum: z.string(),
    ronde: RoundResource.nullable(),
    statussen: z.array(StatusResource),
    regel: z.string(),
    plan: RollUpResource,
    themas: z.array(
      z.object({
        thema: z.string(),
        naam: z.string(),
        voortgang: RollUpResource,
        werksporen: z.array(z.object({ werkspoor: z.string(), naam: z.string(), voortgang: RollUpResource })),
      }),
    ),
    activiteiten: z.array(ActivityProgressResource),
  })
  .openapi('Voortgang');

export const MyRoundsResource = z
  .object({
    rondes: z.array(
      z.object({
        plan: z.string(),
        titel: z.string(),
        ronde: RoundResource,
        activiteiten: z.array(
          ActivityProgressResource.extend({ meldAls: z.enum(['trekker', 'partner']).nullable(), keurtGoed: z.boolean() }),
        ),
      }),
    ),
  })
  .openapi('MijnActies');

export function toPeriodResource(period: ReportingPeriod) {
  return {
    sleutel: period.key,
    naam: period.label,
    begin: period.start,
    eind: period.end,
    gerapporteerdIn: period.reportedIn,
    voorgesteldeDeadline: period.suggestedDeadline,
  };
}

export function toRoundResource(round: ReportingRound) {
  return {
    periode: round.periodKey,
    deadline: round.deadline,
    open: round.closedAt === null,
    geopendDoor: round.openedByLabel,
    geopendOp: round.openedAt,
    geslotenDoor: round.closedByLabel,
    geslotenOp: round.closedAt,
  };
}

export function toStatusResource(status: ProgressStatus) {
  return { sleutel: status.key, naam: status.label, betekenis: MEANING_NAMES[status.meaning] };
}

const AS_NAMES = { coordinator: 'coordinator', lead: 'trekker', partner: 'partner', system: 'systeem' } as const;
const VIA_NAMES = { web: 'web', api: 'api', file: 'bestand', cli: 'opdrachtregel' } as const;

export function toEntryResource(entry: ProgressEntry, activityKey: string) {
  return {
    id: entry.id,
    activiteit: activityKey,
    periode: entry.periodKey,
    status: entry.statusKey,
    toelichting: entry.note,
    peildatum: entry.asOf,
    gerealiseerd: entry.realised,
    keren: entry.occurrences,
    gemeldDoor: entry.enteredByLabel,
    gemeldAls: AS_NAMES[entry.enteredAs],
    gemeldVoor: entry.enteredFor,
    gemeldVia: VIA_NAMES[entry.enteredVia],
    gemeldOp: entry.enteredAt,
    vervangenOp: entry.supersededAt,
  };
}

export function toReviewResource(review: ProgressReview, activityKey: string, periodKey: string) {
  return {
    activiteit: activityKey,
    periode: periodKey,
    melding: review.entryId,
    besluit: review.decision === 'approved' ? ('goedgekeurd' as const) : ('teruggestuurd' as const),
    opmerking: review.remark,
    beoordeeldDoor: review.decidedByLabel,
    beoordeeldOp: review.decidedAt,
  };
}

function toRollUpResource(progress: ProgressRollUp) {
  const rolled: RollUp = progress.rollUp;
  return {
    perStatus: rolled.byStatus.map((entry) => ({ status: entry.key, aantal: entry.count, gewicht: entry.weight, aandeel: entry.share })),
    meegeteld: rolled.counted,
    gestopt: rolled.stopped,
    aantallen: rolled.quantities
      ? { gepland: rolled.quantities.planned, gerealiseerd: rolled.quantities.realised, activiteiten: rolled.quantities.activities }
      : null,
    voorgesteldOordeel: progress.proposal ? JUDGEMENT_NAMES[progress.proposal] : null,
  };
}

export function toActivityProgressResource(row: ActivityProgressRow, periodKey: string) {
  return {
    activiteit: row.activity.key,
    naam: row.activity.name,
    thema: row.theme.key,
    werkspoor: row.workstream.key,
    stand: STATE_NAMES[row.state] as z.infer<typeof ActivityProgressResource>['stand'],
    melding: row.entry ? toEntryResource(row.entry, row.activity.key) : null,
    beoordeling: row.review ? toReviewResource(row.review, row.activity.key, periodKey) : null,
    geplandAantal: row.plannedQuantity,
    verwachteKeren: row.expectedOccurrences,
  };
}

export function toOverviewResource(view: ProgressOverview) {
  return {
    periode: toPeriodResource(view.period),
    peildatum: view.asOf,
    ronde: view.round ? toRoundResource(view.round) : null,
    statussen: view.statuses.map(toStatusResource),
    regel: view.rule,
    plan: toRollUpResource(view.whole),
    themas: view.themes.map((entry) => ({
      thema: entry.theme.key,
      naam: entry.theme.name,
      voortgang: toRollUpResource(entry.progress),
      werksporen: entry.workstreams.map((workstream) => ({
        werkspoor: workstream.workstream.key,
        naam: workstream.workstream.name,
        voortgang: toRollUpResource(workstream.progress),
      })),
    })),
    activiteiten: view.rows.map((row) => toActivityProgressResource(row, view.period.key)),
  };
}
