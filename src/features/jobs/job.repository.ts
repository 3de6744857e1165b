/**
 * The jobs table: long work (an open-data refresh) is queued here and picked
 * up by a runner in any app instance with FOR UPDATE SKIP LOCKED, so a job
 * runs once even with several instances.
 *
 * A runner that claims a job gets a claim token (`owner`); every later write
 * (heartbeat, progress, finish, fail, hand back) names it and changes nothing
 * when the job is no longer that runner's, so a runner whose job was taken
 * over cannot overwrite the new runner's result. A running job whose
 * heartbeat is older than `staleSeconds` has lost its instance: it is taken
 * over, up to `maxAttempts` starts, and then failed with the reason. Every
 * time is the database's clock (`now()`), never the instance's.
 */
import { randomUUID } from 'node:crypto';
import { type Kysely, type Selectable, sql, type UpdateObject } from 'kysely';
import type { Database, JobTable } from '../../db/schema.js';

export type JobStatus = JobTable['status'];

export interface Job {
  id: string;
  kind: string;
  planId: string | null;
  payload: unknown;
  status: JobStatus;
  progressDone: number;
  progressTotal: number | null;
  message: string | null;
  result: unknown;
  error: string | null;
  createdBy: string | null;
  createdByLabel: string;
  createdAt: string;
  startedAt: string | null;
  heartbeatAt: string | null;
  finishedAt: string | null;
  owner: string | null;
  attempts: number;
  cancelRequestedAt: string | null;
}

/** A job as the runner that claimed it holds it: its claim token goes with every write. */
export interface ClaimedJob extends Job {
  owner: string;
}

/** What a runner learns from a heartbeat or progress write: carry on, stop because of a cancel, or stop because the job is no longer its own. */
export type Lease = 'held' | 'cancel-requested' | 'lost';

export interface JobSettings {
  /** A running job without a heartbeat for this long has lost its instance. */
  staleSeconds: number;
  /** How often a job is started before a job that keeps losing its instance is failed. */
  maxAttempts: number;
}

export const DEFAULT_JOB_SETTINGS: JobSettings = { staleSeconds: 300, maxAttempts: 3 };

const FINISHED: JobStatus[] = ['done', 'failed', 'cancelled'];

export class JobRepository {
  constructor(
    private readonly db: Kysely<Database>,
    readonly settings: JobSettings = DEFAULT_JOB_SETTINGS,
  ) {}

  /**
   * Queues a job. A plan has at most one waiting or running job of a kind (a
   * unique index): when it has one, that job is returned and nothing is
   * queued, also when two ask at the same moment.
   */
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
      .onConflict((oc) => oc.columns(['planId', 'kind']).where('status', 'in', ['queued', 'running']).doNothing())
      .returningAll()
      .executeTakeFirst();
    if (row) return toJob(row);
    const active = await this.db
      .selectFrom('job')
      .selectAll()
      .where('planId', '=', input.planId)
      .where('kind', '=', input.kind)
      .where('status', 'in', ['queued', 'running'])
      .executeTakeFirst();
    // The active job ended between the insert and this read: queue anew.
    return active ? toJob(active) : this.enqueue(input);
  }

  /**
   * Takes the oldest waiting job, or a running one whose instance went quiet,
   * for a new claim token; undefined when there is none. Before that, a quiet
   * job that was asked to stop is recorded as cancelled, and one that has had
   * all its attempts as failed.
   */
  async claimNext(): Promise<ClaimedJob | undefined> {
    const { staleSeconds, maxAttempts } = this.settings;
    const stale = sql`heartbeat_at < now() - make_interval(secs => ${staleSeconds})`;
    await sql`
      update job set
        status = case when cancel_requested_at is not null then 'cancelled' else 'failed' end,
        error = case when cancel_requested_at is not null then null else ${gaveUpMessage(maxAttempts, staleSeconds)} end,
        owner = null, finished_at = now()
      where status = 'running' and ${stale} and (cancel_requested_at is not null or attempts >= ${maxAttempts})`.execute(this.db);
    const { rows } = await sql<Selectable<JobTable>>`
      update job set
        status = 'running', owner = ${randomUUID()}, attempts = attempts + 1, started_at = now(), heartbeat_at = now(), error = null,
        message = case when status = 'running' then ${takenOverMessage(staleSeconds)} else message end
      where id = (
        select id from job
        where cancel_requested_at is null
          and (status = 'queued' or (status = 'running' and ${stale} and attempts < ${maxAttempts}))
        order by created_at
        limit 1
        for update skip locked
      )
      returning ${sql.raw(RETURNING)}`.execute(this.db);
    const row = rows[0];
    return row ? (toJob(row) as ClaimedJob) : undefined;
  }

  /** Tells the database the job's runner is alive; answers whether the job is still the runner's and whether a cancel was asked. */
  async heartbeat(job: ClaimedJob): Promise<Lease> {
    const row = await this.updateOwn(job, { heartbeatAt: sql`now()` }).returning('cancelRequestedAt').executeTakeFirst();
    return leaseOf(row);
  }

  /** Records progress (which is a heartbeat too). */
  async progress(job: ClaimedJob, done: number, total: number | null, message: string): Promise<Lease> {
    const row = await this.updateOwn(job, { progressDone: done, progressTotal: total, message, heartbeatAt: sql`now()` })
      .returning('cancelRequestedAt')
      .executeTakeFirst();
    return leaseOf(row);
  }

  /** Records the result; false when the job was no longer this runner's (nothing is written then). */
  async finish(job: ClaimedJob, result: unknown): Promise<boolean> {
    return this.end(job, { status: 'done', result: JSON.stringify(result), owner: null, finishedAt: sql`now()` });
  }

  async fail(job: ClaimedJob, error: string): Promise<boolean> {
    return this.end(job, { status: 'failed', error, owner: null, finishedAt: sql`now()` });
  }

  /** The runner stopped the job because it was asked to. */
  async confirmCancelled(job: ClaimedJob): Promise<boolean> {
    return this.end(job, { status: 'cancelled', message: 'Geannuleerd', owner: null, finishedAt: sql`now()` });
  }

  /**
   * Hands a job back to the queue (its instance is stopping), so another
   * instance or the next start runs it; the interrupted start does not count
   * as an attempt.
   */
  async release(job: ClaimedJob, reason: string): Promise<boolean> {
    return this.end(job, {
      status: 'queued',
      message: reason,
      owner: null,
      startedAt: null,
      heartbeatAt: null,
      attempts: sql`greatest(attempts - 1, 0)`,
    });
  }

  /**
   * Cancels a job: a waiting one (or a running one whose instance went quiet)
   * at once; a running one is asked to stop, and its runner stops at its next
   * page or step. Undefined when the job does not exist; a finished job is
   * returned unchanged.
   */
  async requestCancel(id: string): Promise<Job | undefined> {
    const stale = sql`heartbeat_at < now() - make_interval(secs => ${this.settings.staleSeconds})`;
    const { rows } = await sql<Selectable<JobTable>>`
      update job set
        cancel_requested_at = coalesce(cancel_requested_at, now()),
        status = case when status = 'queued' or ${stale} then 'cancelled' else status end,
        owner = case when status = 'queued' or ${stale} then null else owner end,
        finished_at = case when status = 'queued' or ${stale} then now() else finished_at end,
        message = case when status = 'queued' or ${stale} then 'Geannuleerd' else message end
      where id = ${id} and status in ('queued', 'running')
      returning ${sql.raw(RETURNING)}`.execute(this.db);
    const row = rows[0];
    return row ? toJob(row) : this.find(id);
  }

  async find(id: string): Promise<Job | undefined> {
    const row = await this.db.selectFrom('job').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toJob(row) : undefined;
  }

  /** Removes jobs that finished more than `days` ago; returns how many. */
  async deleteFinishedBefore(days: number): Promise<number> {
    const result = await this.db
      .deleteFrom('job')
      .where('status', 'in', FINISHED)
      .where('finishedAt', '<', sql<string>`now() - make_interval(days => ${days})`)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** An update of the job only while it runs under this claim token. */
  private updateOwn(job: ClaimedJob, values: UpdateObject<Database, 'job'>) {
    return this.db.updateTable('job').set(values).where('id', '=', job.id).where('owner', '=', job.owner).where('status', '=', 'running');
  }

  private async end(job: ClaimedJob, values: UpdateObject<Database, 'job'>): Promise<boolean> {
    const result = await this.updateOwn(job, values).executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

const RETURNING = `id, kind, plan_id as "planId", payload, status, progress_done as "progressDone", progress_total as "progressTotal",
  message, result, error, created_by as "createdBy", created_by_label as "createdByLabel", created_at as "createdAt",
  started_at as "startedAt", heartbeat_at as "heartbeatAt", finished_at as "finishedAt", owner, attempts,
  cancel_requested_at as "cancelRequestedAt"`;

function takenOverMessage(staleSeconds: number): string {
  return `Opnieuw begonnen: de vorige uitvoering gaf ${staleSeconds} seconden geen teken van leven (de instantie stopte of verloor de database)`;
}

function gaveUpMessage(maxAttempts: number, staleSeconds: number): string {
  return `De taak is ${maxAttempts} keer begonnen en telkens afgebroken: de instantie die hem uitvoerde gaf ${staleSeconds} seconden geen teken van leven (gestopt, vastgelopen of de database kwijt)`;
}

function leaseOf(row: { cancelRequestedAt: string | null } | undefined): Lease {
  if (!row) return 'lost';
  return row.cancelRequestedAt ? 'cancel-requested' : 'held';
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
    heartbeatAt: row.heartbeatAt,
    finishedAt: row.finishedAt,
    owner: row.owner,
    attempts: row.attempts,
    cancelRequestedAt: row.cancelRequestedAt,
  };
}
