/**
 * Progress of the implementation plan as stored: the plan's reporting
 * frequency and own statuses, reporting rounds, progress entries and reviews.
 * Nothing is overwritten: a new entry for an activity and period supersedes
 * the current one, a new review the review before it; both stay as history.
 * Works inside the caller's transaction when given one.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, ProgressEntryTable, ProgressReviewTable, ReportingRoundTable } from '../../db/schema.js';
import type { ProgressStatus } from '../../domain/progress.js';
import type { ReportingFrequency } from '../../domain/reporting-periods.js';
import type { Author } from '../monitoring/measurement.repository.js';

export interface ReportingRound {
  id: string;
  periodKey: string;
  deadline: string;
  openedByLabel: string;
  openedAt: string;
  closedByLabel: string | null;
  closedAt: string | null;
}

export interface ProgressEntry {
  id: string;
  activityId: string;
  periodKey: string;
  statusKey: string;
  note: string;
  asOf: string;
  realised: number | null;
  occurrences: number | null;
  enteredBy: string | null;
  enteredByLabel: string;
  enteredAs: ProgressEntryTable['enteredAs'];
  enteredFor: string | null;
  enteredFrom: string | null;
  enteredVia: ProgressEntryTable['enteredVia'];
  enteredAt: string;
  supersededAt: string | null;
}

export type ProgressEntryInput = Pick<
  ProgressEntry,
  'activityId' | 'periodKey' | 'statusKey' | 'note' | 'asOf' | 'realised' | 'occurrences'
> &
  Pick<ProgressEntry, 'enteredAs' | 'enteredFor' | 'enteredFrom' | 'enteredVia'>;

export interface ProgressReview {
  id: string;
  roundId: string;
  activityId: string;
  entryId: string;
  decision: ProgressReviewTable['decision'];
  remark: string;
  decidedByLabel: string;
  decidedAt: string;
}

/** Key space of the advisory locks that serialise entries per activity and period ('pr' in ASCII). */
const PROGRESS_LOCK_SPACE = 0x7072;

export class ProgressRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async frequency(planId: string): Promise<ReportingFrequency> {
    const row = await this.db.selectFrom('plan').select('reportingFrequency').where('id', '=', planId).executeTakeFirstOrThrow();
    return row.reportingFrequency;
  }

  async setFrequency(planId: string, frequency: ReportingFrequency): Promise<void> {
    await this.db.updateTable('plan').set({ reportingFrequency: frequency }).where('id', '=', planId).execute();
  }

  async ownStatuses(planId: string): Promise<ProgressStatus[]> {
    return this.db
      .selectFrom('progressStatus')
      .select(['key', 'label', 'meaning'])
      .where('planId', '=', planId)
      .orderBy('position')
      .execute();
  }

  async addStatus(planId: string, status: ProgressStatus): Promise<void> {
    await this.db
      .insertInto('progressStatus')
      .values((eb) => ({
        planId,
        ...status,
        position: eb
          .selectFrom('progressStatus')
          .select(sql<number>`coalesce(max(position) + 1, 0)`.as('next'))
          .where('planId', '=', planId),
      }))
      .execute();
  }

  async rounds(planId: string): Promise<ReportingRound[]> {
    const rows = await this.db.selectFrom('reportingRound').selectAll().where('planId', '=', planId).orderBy('periodKey').execute();
    return rows.map(toRound);
  }

  /** The round of a period, if one was opened; `lock` holds it until the transaction ends, so it cannot close meanwhile. */
  async roundOf(planId: string, periodKey: string, lock: 'share' | 'update' | null = null): Promise<ReportingRound | undefined> {
    let query = this.db.selectFrom('reportingRound').selectAll().where('planId', '=', planId).where('periodKey', '=', periodKey);
    if (lock === 'share') query = query.forShare();
    if (lock === 'update') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  /** Opens the round of a period; undefined when the period has a round already (opened at the same moment, say). */
  async openRound(planId: string, periodKey: string, deadline: string, author: Author): Promise<ReportingRound | undefined> {
    const row = await this.db
      .insertInto('reportingRound')
      .values({ id: randomUUID(), planId, periodKey, deadline, openedBy: author.id, openedByLabel: author.label })
      .onConflict((oc) => oc.columns(['planId', 'periodKey']).doNothing())
      .returningAll()
      .executeTakeFirst();
    return row ? toRound(row) : undefined;
  }

  async setDeadline(roundId: string, deadline: string): Promise<void> {
    await this.db.updateTable('reportingRound').set({ deadline }).where('id', '=', roundId).where('closedAt', 'is', null).execute();
  }

  /**
   * Closes an open round; false when it was closed already. The moment is the
   * clock's when the round's row is taken (after every report that held it has
   * committed), not the start of the transaction: every report of the round
   * was entered before it.
   */
  async closeRound(roundId: string, author: Author): Promise<boolean> {
    const result = await this.db
      .updateTable('reportingRound')
      .set({ closedAt: sql`clock_timestamp()`, closedBy: author.id, closedByLabel: author.label })
      .where('id', '=', roundId)
      .where('closedAt', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  /** The current entries of the plan, of one period, of some, or of all. */
  async currentEntries(planId: string, periodKeys?: string | string[]): Promise<ProgressEntry[]> {
    let query = this.db.selectFrom('progressEntry').selectAll().where('planId', '=', planId).where('supersededAt', 'is', null);
    if (typeof periodKeys === 'string') query = query.where('periodKey', '=', periodKeys);
    else if (periodKeys) query = query.where('periodKey', 'in', periodKeys.length > 0 ? periodKeys : ['']);
    return (await query.orderBy('enteredAt').execute()).map(toEntry);
  }

  /** Every entry of an activity in a period, the current one last. */
  async entryHistory(planId: string, activityId: string, periodKey: string): Promise<ProgressEntry[]> {
    const rows = await this.db
      .selectFrom('progressEntry')
      .selectAll()
      .where('planId', '=', planId)
      .where('activityId', '=', activityId)
      .where('periodKey', '=', periodKey)
      .orderBy('enteredAt')
      .orderBy(sql`superseded_at is null`)
      .execute();
    return rows.map(toEntry);
  }

  /** Waits until no other transaction records progress of this activity and period, until this one ends. */
  async lockActivityPeriod(activityId: string, periodKey: string): Promise<void> {
    await sql`select pg_advisory_xact_lock(${PROGRESS_LOCK_SPACE}, hashtext(${`${activityId}/${periodKey}`}))`.execute(this.db);
  }

  /** Records an entry, superseding the current one of the activity and period; call lockActivityPeriod first. */
  async recordEntry(
    planId: string,
    input: ProgressEntryInput,
    author: Author,
  ): Promise<{ entry: ProgressEntry; before: ProgressEntry | null }> {
    const superseded = await this.db
      .updateTable('progressEntry')
      .set({ supersededAt: sql`now()` })
      .where('activityId', '=', input.activityId)
      .where('periodKey', '=', input.periodKey)
      .where('supersededAt', 'is', null)
      .returningAll()
      .executeTakeFirst();
    const row = await this.db
      .insertInto('progressEntry')
      .values({ id: randomUUID(), planId, ...input, enteredBy: author.id, enteredByLabel: author.label })
      .returningAll()
      .executeTakeFirstOrThrow();
    return { entry: toEntry(row), before: superseded ? toEntry(superseded) : null };
  }

  async countEntries(planId: string): Promise<number> {
    const row = await this.db
      .selectFrom('progressEntry')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('planId', '=', planId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  }

  /** The current reviews of some rounds, or of every round of the plan. */
  async currentReviews(planId: string, roundIds?: string[]): Promise<ProgressReview[]> {
    let query = this.db.selectFrom('progressReview').selectAll().where('planId', '=', planId).where('supersededAt', 'is', null);
    if (roundIds) query = query.where('roundId', 'in', roundIds.length > 0 ? roundIds : ['00000000-0000-0000-0000-000000000000']);
    return (await query.execute()).map(toReview);
  }

  /** Records a review of the current entry, superseding the review before it; call lockActivityPeriod first. */
  async recordReview(
    planId: string,
    input: Pick<ProgressReview, 'roundId' | 'activityId' | 'entryId' | 'decision' | 'remark'>,
    author: Author,
  ): Promise<ProgressReview> {
    await this.db
      .updateTable('progressReview')
      .set({ supersededAt: sql`now()` })
      .where('roundId', '=', input.roundId)
      .where('activityId', '=', input.activityId)
      .where('supersededAt', 'is', null)
      .execute();
    const row = await this.db
      .insertInto('progressReview')
      .values({ id: randomUUID(), planId, ...input, decidedBy: author.id, decidedByLabel: author.label })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toReview(row);
  }
}

function toRound(row: Selectable<ReportingRoundTable>): ReportingRound {
  return {
    id: row.id,
    periodKey: row.periodKey,
    deadline: row.deadline,
    openedByLabel: row.openedByLabel,
    openedAt: row.openedAt,
    closedByLabel: row.closedByLabel,
    closedAt: row.closedAt,
  };
}

function toEntry(row: Selectable<ProgressEntryTable>): ProgressEntry {
  return {
    id: row.id,
    activityId: row.activityId,
    periodKey: row.periodKey,
    statusKey: row.statusKey,
    note: row.note,
    asOf: row.asOf,
    realised: row.realised === null ? null : Number(row.realised),
    occurrences: row.occurrences,
    enteredBy: row.enteredBy,
    enteredByLabel: row.enteredByLabel,
    enteredAs: row.enteredAs,
    enteredFor: row.enteredFor,
    enteredFrom: row.enteredFrom,
    enteredVia: row.enteredVia,
    enteredAt: row.enteredAt,
    supersededAt: row.supersededAt,
  };
}

function toReview(row: Selectable<ProgressReviewTable>): ProgressReview {
  return {
    id: row.id,
    roundId: row.roundId,
    activityId: row.activityId,
    entryId: row.entryId,
    decision: row.decision,
    remark: row.remark,
    decidedByLabel: row.decidedByLabel,
    decidedAt: row.decidedAt,
  };
}
