/**
 * Measurements of indicators, written assessments of qualitative themes and
 * the hand-entered BBV figures. Nothing is overwritten: a new value for the
 * same period supersedes the current one, which stays as history. Works
 * inside the caller's transaction when given one.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely, Selectable } from 'kysely';
import type { Database, MeasurementTable } from '../../db/schema.js';
import type { Judgement } from '../../domain/indicator-status.js';
import type { Period, PeriodStatus } from '../../domain/periods.js';

export type MeasurementSource = 'open_data' | 'file' | 'manual';

export interface MeasurementInput {
  indicatorId: string;
  period: Period;
  value: number | null;
  suppressed: boolean;
  numerator: number | null;
  denominator: number | null;
  periodStatus: PeriodStatus | null;
  source: MeasurementSource;
  /** Where the value comes from: open data {tabel, gewijzigd, ...}, a file {bestand, rij} or by hand {}. */
  provenance: Record<string, unknown>;
  note: string | null;
}

export interface Measurement extends MeasurementInput {
  id: string;
  planId: string;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAt: string;
  supersededAt: string | null;
}

export interface Assessment {
  id: string;
  themeId: string;
  year: number;
  judgement: Judgement;
  text: string;
  enteredByLabel: string;
  enteredAt: string;
  supersededAt: string | null;
}

export interface BbvEntry {
  municipalityId: string;
  indicatorKey: 'verwijzingen-halt';
  year: number;
  value: number;
  enteredByLabel: string;
  enteredAt: string;
}

export interface Author {
  id: string | null;
  label: string;
}

export interface RecordCounts {
  added: number;
  replaced: number;
  unchanged: number;
}

/**
 * Per indicator of the plan and period, its own measurement, or else the one
 * of the same lineage from an earlier plan; each under the plan's indicator.
 */
function ownFirst<
  R extends {
    indicatorId: string;
    ownIndicatorId: string;
    planId: string | null;
    periodKind: string;
    periodYear: number;
    periodNumber: number;
  },
>(rows: R[], planId: string): R[] {
  const chosen = new Map<string, R>();
  for (const row of rows) {
    const slot = `${row.ownIndicatorId}|${row.periodKind}|${row.periodYear}|${row.periodNumber}`;
    const held = chosen.get(slot);
    if (!held || (held.planId !== planId && row.planId === planId)) chosen.set(slot, row);
  }
  return [...chosen.values()].map((row) => ({ ...row, indicatorId: row.ownIndicatorId }));
}

export class MeasurementRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * The current measurement of every indicator of the plan and period, oldest
   * period first. An indicator carried over from an earlier plan (the same
   * lineage) brings that plan's measurements along for the periods this plan
   * has none of, so a series runs on across plan periods.
   */
  async currentOfPlan(planId: string): Promise<Measurement[]> {
    const rows = await this.lineageMeasurements(planId)
      .where('measurement.supersededAt', 'is', null)
      .orderBy('measurement.periodYear')
      .orderBy('measurement.periodKind')
      .orderBy('measurement.periodNumber')
      .execute();
    return ownFirst(rows, planId).map(toMeasurement);
  }

  /** Every measurement of an indicator (and of its lineage in earlier plans), current and superseded, newest entry first. */
  async historyOfIndicator(planId: string, indicatorId: string): Promise<Measurement[]> {
    const rows = await this.lineageMeasurements(planId)
      .where('own.id', '=', indicatorId)
      .orderBy('measurement.enteredAt', 'desc')
      .orderBy('measurement.periodYear')
      .orderBy('measurement.periodKind')
      .orderBy('measurement.periodNumber')
      .execute();
    return rows.map((row) => toMeasurement({ ...row, indicatorId: row.ownIndicatorId }));
  }

  /** Measurements of the plan's indicators and of every indicator in their lineage, each under the plan's own indicator. */
  private lineageMeasurements(planId: string) {
    return this.db
      .selectFrom('measurement')
      .innerJoin('indicator as source', 'source.id', 'measurement.indicatorId')
      .innerJoin('indicator as own', (join) => join.onRef('own.lineageId', '=', 'source.lineageId').on('own.planId', '=', planId))
      .selectAll('measurement')
      .select(['own.id as ownIndicatorId']);
  }

  /**
   * Records measurements; one that equals the current one for its period is
   * left alone (importing the same figures twice changes nothing).
   */
  async record(planId: string, inputs: readonly MeasurementInput[], author: Author): Promise<RecordCounts> {
    const counts: RecordCounts = { added: 0, replaced: 0, unchanged: 0 };
    const now = new Date().toISOString();
    for (const input of inputs) {
      const current = await this.db
        .selectFrom('measurement')
        .selectAll()
        .where('indicatorId', '=', input.indicatorId)
        .where('periodKind', '=', input.period.kind)
        .where('periodYear', '=', input.period.year)
        .where('periodNumber', '=', input.period.number)
        .where('supersededAt', 'is', null)
        .executeTakeFirst();
      if (current && sameFigures(toMeasurement(current), input)) {
        counts.unchanged++;
        continue;
      }
      if (current) {
        await this.db.updateTable('measurement').set({ supersededAt: now }).where('id', '=', current.id).execute();
        counts.replaced++;
      } else {
        counts.added++;
      }
      await this.db
        .insertInto('measurement')
        .values({
          id: randomUUID(),
          planId,
          indicatorId: input.indicatorId,
          periodKind: input.period.kind,
          periodYear: input.period.year,
          periodNumber: input.period.number,
          value: input.value,
          suppressed: input.suppressed,
          numerator: input.numerator,
          denominator: input.denominator,
          periodStatus: input.periodStatus,
          source: input.source,
          provenance: JSON.stringify(input.provenance),
          note: input.note,
          enteredBy: author.id,
          enteredByLabel: author.label,
        })
        .execute();
    }
    return counts;
  }

  async currentAssessments(planId: string): Promise<Assessment[]> {
    const rows = await this.db
      .selectFrom('themeAssessment')
      .selectAll()
      .where('planId', '=', planId)
      .where('supersededAt', 'is', null)
      .orderBy('year')
      .execute();
    return rows.map(toAssessment);
  }

  async assessmentHistory(planId: string, themeId: string): Promise<Assessment[]> {
    const rows = await this.db
      .selectFrom('themeAssessment')
      .selectAll()
      .where('planId', '=', planId)
      .where('themeId', '=', themeId)
      .orderBy('enteredAt', 'desc')
      .execute();
    return rows.map(toAssessment);
  }

  async recordAssessment(
    planId: string,
    input: { themeId: string; year: number; judgement: Judgement; text: string; proposedJudgement?: Judgement | null },
    author: Author,
  ): Promise<Assessment> {
    const now = new Date().toISOString();
    await this.db
      .updateTable('themeAssessment')
      .set({ supersededAt: now })
      .where('themeId', '=', input.themeId)
      .where('year', '=', input.year)
      .where('supersededAt', 'is', null)
      .execute();
    const row = await this.db
      .insertInto('themeAssessment')
      .values({
        id: randomUUID(),
        planId,
        ...input,
        proposedJudgement: input.proposedJudgement ?? null,
        enteredBy: author.id,
        enteredByLabel: author.label,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toAssessment(row);
  }

  async bbvEntries(municipalityIds: readonly string[]): Promise<BbvEntry[]> {
    if (municipalityIds.length === 0) return [];
    return this.db
      .selectFrom('bbvEntry')
      .select(['municipalityId', 'indicatorKey', 'year', 'value', 'enteredByLabel', 'enteredAt'])
      .where('municipalityId', 'in', [...municipalityIds])
      .where('supersededAt', 'is', null)
      .orderBy('year')
      .execute();
  }

  async recordBbvEntry(
    input: { municipalityId: string; indicatorKey: 'verwijzingen-halt'; year: number; value: number },
    author: Author,
  ): Promise<void> {
    await this.db
      .updateTable('bbvEntry')
      .set({ supersededAt: new Date().toISOString() })
      .where('municipalityId', '=', input.municipalityId)
      .where('indicatorKey', '=', input.indicatorKey)
      .where('year', '=', input.year)
      .where('supersededAt', 'is', null)
      .execute();
    await this.db
      .insertInto('bbvEntry')
      .values({ id: randomUUID(), ...input, enteredBy: author.id, enteredByLabel: author.label })
      .execute();
  }
}

function sameFigures(current: Measurement, input: MeasurementInput): boolean {
  const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);
  return (
    close(current.value, input.value) &&
    current.suppressed === input.suppressed &&
    close(current.numerator, input.numerator) &&
    close(current.denominator, input.denominator) &&
    current.periodStatus === input.periodStatus &&
    current.note === input.note
  );
}

function toMeasurement(row: Selectable<MeasurementTable>): Measurement {
  return {
    id: row.id,
    planId: row.planId,
    indicatorId: row.indicatorId,
    period: { kind: row.periodKind, year: row.periodYear, number: row.periodNumber },
    value: row.value,
    suppressed: row.suppressed,
    numerator: row.numerator,
    denominator: row.denominator,
    periodStatus: row.periodStatus,
    source: row.source,
    provenance: (row.provenance ?? {}) as Record<string, unknown>,
    note: row.note,
    enteredBy: row.enteredBy,
    enteredByLabel: row.enteredByLabel,
    enteredAt: row.enteredAt,
    supersededAt: row.supersededAt,
  };
}

function toAssessment(row: Selectable<Database['themeAssessment']>): Assessment {
  return {
    id: row.id,
    themeId: row.themeId,
    year: row.year,
    judgement: row.judgement,
    text: row.text,
    enteredByLabel: row.enteredByLabel,
    enteredAt: row.enteredAt,
    supersededAt: row.supersededAt,
  };
}
