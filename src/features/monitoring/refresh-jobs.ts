/**
 * "Vernieuw cijfers" as a background job: the request checks that the actor
 * may refresh and queues a job; the job runner refreshes on the actor's
 * behalf and records progress the status page shows live.
 */
import { NotFoundError } from '../../domain/errors.js';
import { type Actor, auditActor } from '../accounts/actor.js';
import type { Job } from '../jobs/job.repository.js';
import type { JobHandler } from '../jobs/job-runner.js';
import type { UnitOfWork } from '../unit-of-work.js';
import type { MonitoringService } from './monitoring.service.js';
import type { RefreshResult } from './open-data-refresh.js';

export const REFRESH_JOB = 'open-data-refresh';

export interface RefreshJobView {
  id: string;
  status: Job['status'];
  progressDone: number;
  progressTotal: number | null;
  message: string | null;
  error: string | null;
  result: unknown;
  createdAt: string;
  finishedAt: string | null;
}

export class RefreshJobs {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly uow: UnitOfWork,
  ) {}

  async startRefresh(actor: Actor, planId: string): Promise<{ jobId: string }> {
    const plan = await this.monitoring.assertMayRefresh(actor, planId);
    const by = auditActor(actor);
    return this.uow.write(async ({ jobs }) => {
      const waiting = await jobs.latestOfPlan(plan.id, REFRESH_JOB);
      if (waiting && (waiting.status === 'queued' || waiting.status === 'running')) return { jobId: waiting.id };
      const job = await jobs.enqueue({
        kind: REFRESH_JOB,
        planId: plan.id,
        payload: { planId: plan.id },
        createdBy: by.id,
        createdByLabel: by.label,
      });
      return { jobId: job.id };
    });
  }

  /** A job of the plan, for whoever may read the plan. */
  async job(actor: Actor, planId: string, jobId: string): Promise<RefreshJobView> {
    await this.monitoring.assertMayRefresh(actor, planId);
    const job = /^[0-9a-f-]{36}$/i.test(jobId) ? await this.uow.read(({ jobs }) => jobs.find(jobId)) : undefined;
    if (!job || job.planId !== planId) throw new NotFoundError('Taak', jobId);
    return {
      id: job.id,
      status: job.status,
      progressDone: job.progressDone,
      progressTotal: job.progressTotal,
      message: job.message,
      error: job.error,
      result: job.result,
      createdAt: job.createdAt,
      finishedAt: job.finishedAt,
    };
  }

  handlers(): Record<string, JobHandler> {
    return {
      [REFRESH_JOB]: async (job, progress) => {
        const { planId } = job.payload as { planId: string };
        const actor: Actor = { kind: 'system', onBehalfOf: { id: job.createdBy, label: job.createdByLabel } };
        const result: RefreshResult = await this.monitoring.refresh(actor, planId, (step) => {
          void progress(step.step - 1, step.steps, step.message);
        });
        await progress(1, 1, 'Klaar');
        return summary(result);
      },
    };
  }
}

export function summary(result: RefreshResult) {
  return {
    tabellen: result.tables.map((table) => ({
      tabel: table.table,
      titel: table.title,
      gewijzigd: table.modified,
      ongewijzigd: table.unchanged,
      rijen: table.rowsReceived,
      nieuw: table.rowsNew,
      herzien: table.rowsChanged,
      vervallen: table.rowsRemoved,
    })),
    metingen: { nieuw: result.measurements.added, vervangen: result.measurements.replaced, ongewijzigd: result.measurements.unchanged },
    fouten: result.failures.map((failure) => ({ tabel: failure.table, melding: failure.message })),
  };
}
