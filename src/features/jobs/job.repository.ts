/**
 * The jobs table: long work (an open-data refresh) is queued here and picked
 * up by a runner in any app instance with FOR UPDATE SKIP LOCKED, so a job
 * runs once even with several instances, and a job whose instance stopped
 * (no heartbeat for a while) is picked up again.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql } from 'kysely';
import type { Database, JobTable } from '../../db/schema.js';

export interface Job {
  id: string;
  kind: string;
  planId: string | null;
  payload: unknown;
  status: 'queued' | 'running' | 'done' | 'failed';
  progressDone: number;
  progressTotal: number | null;
  message: string | null;
  result: unknown;
  error: string | null;
  createdBy: string | null;
  createdByLabel: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

/** A running job without a heartbeat for this long is taken to have lost its instance. */
export const STALE_AFTER_SECONDS = 300;

export class JobRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async enqueue(input: {
    kind: string;
    planId: string | null;
    payload: unknown;
    createdBy: string | null;
    createdByLabel: string;
  }): Promise<Job> {
    const row = await this.db
      .insertInto('job')
      .values({
        id: randomUUID(),
        kind: input.kind,
        planId: input.planId,
        payload: JSON.stringify(input.payload),
        status: 'queued',
        createdBy: input.createdBy,
        createdByLabel: input.createdByLabel,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    return toJob(row);
  }

  /** Takes the oldest waiting job (or a stale running one) for this instance; undefined when there is none. */
  async claimNext(): Promise<Job | undefined> {
    const { rows } = await sql<Selectable<JobTable>>`
      update job set status = 'running', started_at = now(), heartbeat_at = now(), error = null
      where id = (
        select id from job
        where status = 'queued' or (status = 'running' and heartbeat_at < now() - make_interval(secs => ${STALE_AFTER_SECONDS}))
        order by created_at
        limit 1
        for update skip locked
      )
      returning id, kind, plan_id as "planId", payload, status, progress_done as "progressDone", progress_total as "progressTotal",
        message, result, error, created_by as "createdBy", created_by_label as "createdByLabel", created_at as "createdAt",
        started_at as "startedAt", heartbeat_at as "heartbeatAt", finished_at as "finishedAt"`.execute(this.db);
    const row = rows[0];
    return row ? toJob(row) : undefined;
  }

  async progress(id: string, done: number, total: number | null, message: string): Promise<void> {
    await this.db
      .updateTable('job')
      .set({ progressDone: done, progressTotal: total, message, heartbeatAt: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async finish(id: string, result: unknown): Promise<void> {
    await this.db
      .updateTable('job')
      .set({ status: 'done', result: JSON.stringify(result), finishedAt: new Date().toISOString() })
      .where('id', '=', id)
      .execute();
  }

  async fail(id: string, error: string): Promise<void> {
    await this.db.updateTable('job').set({ status: 'failed', error, finishedAt: new Date().toISOString() }).where('id', '=', id).execute();
  }

  async find(id: string): Promise<Job | undefined> {
    const row = await this.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** The newest job of a kind for a plan, e.g. the last refresh. */
  async latestOfPlan(planId: string, kind: string): Promise<Job | undefined> {
    const row = await this.db
      .selectFrom('job')
      .selectAll()
      .where('planId', '=', planId)
      .where('kind', '=', kind)
      .orderBy('createdAt', 'desc')
      .executeTakeFirst();
    return row ? toJob(row) : undefined;
  }
}

function toJob(row: Selectable<JobTable>): Job {
  return {
    id: row.id,
    kind: row.kind,
    planId: row.planId,
    payload: row.payload,
    status: row.status,
    progressDone: row.progressDone,
    progressTotal: row.progressTotal,
    message: row.message,
    result: row.result,
    error: row.error,
    createdBy: row.createdBy,
    createdByLabel: row.createdByLabel,
    createdAt: row.createdAt,
    startedAt: row.startedAt,
    finishedAt: row.finishedAt,
  };
}
